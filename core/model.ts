/**
 * The OKR model read from a sheet. Every item remembers the cell it came from (0-based sheet row/col),
 * so findings, highlights and plans can point back at the user's own cells.
 */
import type { Msg } from './i18n';

export type Level = 'company' | 'department' | 'team' | 'individual';
/** How a key result is scored: see score.ts. */
export type KrKind = 'increase' | 'decrease' | 'above' | 'below' | 'binary';
export type Commitment = 'committed' | 'aspirational';
export type Confidence = 'high' | 'medium' | 'low';

export interface CellRef {
  row: number;
  col: number;
}

export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** 'range': a period stated by its dates (`Period: Nov 4, 2025 - Jan 24, 2026`), of no calendar kind. */
export type CycleKind = 'quarter' | 'month' | 'year' | 'half' | 'range';

export interface Cycle {
  /** Canonical id: '2026-Q4', '2026-10', '2026-H1', '2026' or, for a range, '2025-11-04..2026-01-24'. */
  id: string;
  kind: CycleKind;
  /** ISO dates, inclusive. */
  start: string;
  end: string;
}

/** Every column the grid knows. Columns it does not know are carried along as `extra`. */
export type Field =
  | 'id'
  | 'cycle'
  | 'level'
  | 'owner'
  | 'objective'
  | 'kr'
  | 'initiative'
  | 'type'
  | 'kind'
  | 'start'
  | 'target'
  | 'current'
  | 'unit'
  | 'weight'
  | 'due'
  | 'confidence'
  | 'alignedTo'
  | 'notes'
  | 'updated'
  | 'score'
  | 'status';

/** A value the reader could not understand, kept with what it saw (for a finding, never NaN). */
export interface CellProblem {
  field: Field;
  cell: CellRef;
  seen: string;
  message: Msg;
}

export interface Initiative {
  id: string;
  title: string;
  cell: CellRef;
}

export interface KeyResult {
  /** Stable id kept in the sheet's ID column (e.g. 'KR-7f3a2c'); generated when the row has none. */
  id: string;
  /** 0-based sheet row the KR lives on. */
  row: number;
  title: string;
  kind: KrKind;
  /** start defaults to 0 when blank (domain rule); `startGiven` tells whether the user typed one. */
  start: number;
  startGiven: boolean;
  target: number | null;
  /** For binary KRs: 1 done, 0 not done. Null = not measured yet. */
  current: number | null;
  unit: string | null;
  /** Raw weight as typed (fraction or percentage already parsed to a number, e.g. 40% -> 0.4); null = default. */
  weight: number | null;
  /** ISO date or null. */
  due: string | null;
  confidence: Confidence | null;
  owner: string | null;
  updated: string | null;
  commitment: Commitment;
  objectiveId: string;
  /** Shared, frozen and empty when the KR has none (the reader gives a KR its own list with its first initiative). */
  initiatives: readonly Initiative[];
  /**
   * Where each field was read from: its column, on the KR's own row (cellOf gives the cell). Columns, not cells: a
   * 50,000-row sheet would otherwise keep half a million small cell objects alive for every collection to copy.
   */
  cols: Partial<Record<Field, number>>;
  /**
   * Fields that were inferred (from KR text, defaults) rather than typed in their own cell. Read-only: KRs inferred
   * alike share one frozen set (parse-sheet's markInferred gives a KR another one).
   */
  inferred: Readonly<Partial<Record<Field, true>>>;
  /** Unknown columns' values on this row, by header text (shared, frozen and empty when there are none). */
  extra: Readonly<Record<string, unknown>>;
  /** Text of the row's notes cell. (added by parse-sheet) */
  notes?: string | null;
  /** Value found in the row's score cell (the add-in's own column), and the status cell's text. (added by parse-sheet) */
  score?: number | null;
  status?: string | null;
  /** Cells that hold a formula: their computed value was used; the formula text is kept here. (added by parse-sheet) */
  formulas?: Partial<Record<Field, string>>;
  /** The wording names a quantity with a placeholder ('完成XX家') instead of a number. (added by parse-sheet) */
  placeholder?: boolean;
  /** The wording names a change from the start ("by 3%", "3x"), not a target: see infer-target.ts. (added by parse-sheet) */
  relative?: { by: number; percent: boolean; down: boolean; times?: boolean };
}

/** The cell a KR's field was read from, or undefined when no cell of the KR's row gave it. */
export function cellOf(kr: Pick<KeyResult, 'row' | 'cols'>, f: Field): CellRef | undefined {
  const col = kr.cols[f];
  return col === undefined ? undefined : { row: kr.row, col };
}

export interface Objective {
  id: string;
  /** Row of the objective's own line, or of its first KR when objectives are repeated on KR rows. */
  row: number;
  /** True when the objective has a row of its own (outline or table with objective rows). */
  ownRow: boolean;
  title: string;
  level: Level | null;
  owner: string | null;
  cycle: Cycle | null;
  commitment: Commitment;
  /** Id or title of the higher objective / KR this one aligns to. */
  alignedTo: string | null;
  notes: string | null;
  krs: KeyResult[];
  cells: Partial<Record<Field, CellRef>>;
  /** As KeyResult.extra. */
  extra: Readonly<Record<string, unknown>>;
  /** Initiatives written under the objective before any of its KRs. (added by parse-sheet) */
  initiatives?: Initiative[];
}

export interface ColumnInfo {
  col: number;
  header: string;
  field: Field | null;
}

export interface OkrModel {
  form: 'table' | 'outline';
  sheet: string;
  /** 0-based row of the (last) header row for a table; null for an outline. */
  headerRow: number | null;
  /** First and last data rows (0-based, inclusive); lastRow < firstRow when empty. */
  firstRow: number;
  lastRow: number;
  columns: ColumnInfo[];
  /** Field -> column, for the columns the sheet has. */
  fieldCols: Partial<Record<Field, number>>;
  objectives: Objective[];
  problems: CellProblem[];
  /** The cycle the sheet is about (a column value, a title line, or settings). */
  cycle: Cycle | null;
  /** Every header row (two-row headers: the group row above, then the header row), 0-based. (added by parse-sheet) */
  headerRows?: number[];
  /** The first text line above the header / the outline's first non-item line, e.g. the sheet title. (added by parse-sheet) */
  title?: string | null;
  /** How the reader read the sheet, with a reason for each decision ("How I read your sheet"). */
  reading?: LayoutReading;
}

// ---------------------------------------------------------------------------------------------------------------
// How the sheet was read: every decision the reader made keeps a short reason that the panel and the command line
// show, and everything it could not place is listed with its cell (nothing is skipped silently).

/** What a row is to the reader. */
export type RowRole = 'objective' | 'kr' | 'objective+kr' | 'initiative' | 'header' | 'title' | 'note' | 'blank';

/** One column of a table and the role the reader gave it. */
export interface ColumnReading {
  col: number;
  /** Header text as the sheet shows it (the two header rows joined with ' / ' when there are two). */
  header: string;
  /** The role: a model field, or null when the column is carried along as an unknown column. */
  field: Field | null;
  /** Why: e.g. 'header "Goal" beside an Objective column, 9 of 9 values are numbers'. */
  reason: Msg;
  /** The user chose this role (Settings.columnRoles); the reader did not infer it. */
  chosen?: boolean;
}

/** A header row the user could pick instead, with how well it fits the rows below it (higher is better). */
export interface HeaderCandidate {
  row: number;
  score: number;
  reason: Msg;
}

/** A cell with content the reader could not place in the model. */
export interface UnplacedCell {
  cell: CellRef;
  text: string;
  reason: Msg;
}

export interface LayoutReading {
  form: 'table' | 'outline' | 'none';
  /** 0-based sheet row of the header chosen (the last header row for two-row headers); null for an outline. */
  headerRow: number | null;
  headerReason: Msg;
  /** Other header rows considered, best first (the panel offers them in a dropdown). */
  candidates: HeaderCandidate[];
  columns: ColumnReading[];
  /** Every non-blank row's role, in sheet order (omitted rows are blank). */
  rows: { row: number; role: RowRole }[];
  unplaced: UnplacedCell[];
  /** Cycle ids the sheet's rows name (for "this sheet holds 2025-Q3, 2025-Q4" when closing another cycle). */
  cycles: string[];
}
