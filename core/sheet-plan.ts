/**
 * The contract between core and the hosts.
 *
 * A host reads cells once into a SheetSnapshot, core returns a WorkbookPlan, and the host applies the plan with a
 * number of calls that depends on the plan's shape (how many blocks and rules), never on the number of rows.
 * Coordinates are 0-based absolute sheet positions (row 0 = sheet row 1, col 0 = column A).
 */
import type { Msg } from './i18n';
import type { Rect, CellRef } from './model';

export type HostKind = 'excel' | 'sheets';

/** What a host read from one sheet, in one batch. values[0][0] sits at (origin.row, origin.col). */
export interface SheetSnapshot {
  name: string;
  origin: CellRef;
  values: unknown[][];
  /** Same shape as values; '' where the cell holds no formula. Absent when the host did not read them. */
  formulas?: string[][];
  /**
   * Where the formulas are, when the host read which cells hold one but not their text (ReadRequest.activeFormulas
   * false): absolute rectangles. Absent when the host does not know (then nothing is known of the formulas).
   */
  formulaCells?: Rect[];
  /** Same shape; '' where the cell has no note. */
  notes?: string[][];
  /** Same shape; '#rrggbb' lower-case, or '' where the cell has no fill. */
  backgrounds?: string[][];
  /**
   * Set when the host read the sheet in part (ReadRequest.partial): only these absolute columns of every row, plus the
   * head rows and the last row whole. Any other cell is unknown (undefined), not empty: core never writes it back.
   */
  partial?: { columns: number[] };
}

export interface WorkbookSnapshot {
  host: HostKind;
  /** The sheet the command works on: the active sheet, or the `subject` a ReadRequest named. */
  active: SheetSnapshot;
  /** The sheet the user is on, when the host read a `subject` instead (e.g. the scorecard the OKR sheet is behind). */
  shown?: string;
  /** Every sheet name in tab order. */
  sheetNames: string[];
  /** Other sheets a command asked for (e.g. 'OKR History'), by name; only those that exist. */
  others: Record<string, SheetSnapshot>;
  /** ISO date of "today" in the user's time zone. */
  today: string;
}

/**
 * A cell to write. Strings are ALWAYS written as text (a host must make sure '=cmd|...' or '+1' stays text);
 * a formula is only ever { f: '=...' }. null writes an empty cell.
 */
export type PlanCell = string | number | boolean | null | { f: string };

/** A rectangle of cells written in one call. */
export interface CellBlock {
  row: number;
  col: number;
  cells: PlanCell[][];
}

/** A rectangle of number formats ('0%', 'yyyy-mm-dd', '@', 'General') written in one call. */
export interface FormatBlock {
  row: number;
  col: number;
  formats: string[][];
}

/** A dropdown over a rectangle. */
export interface ListValidation {
  range: Rect;
  list: string[];
  /** true: reject other values; false: warn only. */
  strict: boolean;
  /**
   * A dropdown on the user's own column: hosts leave it out when any of the cells already has a validation (the
   * user's own strict list and its help text stay); only the add-in's own columns always get theirs.
   */
  keepExisting?: boolean;
}

/**
 * A conditional format: a custom formula written for the top-left cell of the first range, relative like a
 * user-typed rule (e.g. '=AND(ISNUMBER($K2),$K2<0.4,N("okr-grid")=0)'). Every rule core writes contains
 * OWNED_RULE_MARK so a host can find and remove exactly the rules the add-in added.
 */
export interface ConditionalRule {
  ranges: Rect[];
  formula: string;
  fill: string;
  fontColor?: string;
}

export const OWNED_RULE_MARK = 'N("okr-grid")=0';

export function isOwnedRuleFormula(formula: string): boolean {
  return formula.replace(/\s+/g, '').includes(OWNED_RULE_MARK);
}

export interface CellPatch<T> {
  row: number;
  col: number;
  value: T;
}

export interface HeaderStyle {
  range: Rect;
  bold: boolean;
  fill: string;
  fontColor: string;
}

/**
 * A chart drawn natively by the host (Excel: worksheet.charts.add; Sheets: an embedded chart), reading ordinary cells
 * the plan writes. `source` is one rectangle: its first row holds the series names, its first column the categories,
 * each further column one series (series by columns), so both hosts build the same chart from the same cells.
 */
export interface ChartSpec {
  /** The add-in's name for the chart (Excel's chart name; starts with OWNED_CHART_PREFIX). */
  name: string;
  /** 'barStacked': horizontal bars, series stacked (one non-empty series per row colours a bar by its band). */
  type: 'barStacked' | 'column' | 'line';
  title: string;
  source: Rect;
  /** One '#rrggbb' per series (the source's columns after the first). */
  colors: string[];
  /** Top-left cell of the chart, and its size in pixels. */
  anchor: { row: number; col: number; width: number; height: number };
  /** Value axis from 0 to this (scores: 1). */
  max?: number;
}

export const OWNED_CHART_PREFIX = 'OKR ';

export interface SheetPlan {
  sheet: string;
  /** Create the sheet if it does not exist (placed after `after`, or at the end). */
  create?: { after?: string };
  /** The sheet is owned by the add-in (scorecard): clear all of it before writing. Never set on a user's sheet. */
  replaceAll?: boolean;
  /** A sheet the add-in keeps for itself, out of sight: hidden when created (the marks Clear needs). */
  hidden?: boolean;
  writes: CellBlock[];
  numberFormats: FormatBlock[];
  validations: ListValidation[];
  /** Remove every conditional rule whose formula carries OWNED_RULE_MARK before adding these. */
  replaceOwnedRules: boolean;
  rules: ConditionalRule[];
  /** Cell fills to set; '' clears the fill. Hosts patch these into the snapshot's backgrounds (one call). */
  backgrounds: CellPatch<string>[];
  /** Notes to set; '' removes the note. Hosts patch these into the snapshot's notes (one call). */
  notes: CellPatch<string>[];
  freezeRows?: number;
  /** Columns to freeze with the rows (through the Key Result column), so the owned Score and Status scroll in beside it. */
  freezeCols?: number;
  header?: HeaderStyle;
  /** Excel turns this rectangle (header row included) into a table; Sheets styles it as a banded range. */
  table?: { name: string; range: Rect };
  columnWidths?: { col: number; width: number }[];
  /**
   * The add-in's charts on this sheet become exactly these: a host updates its chart of the same name (Sheets, which
   * has no chart names: the sheet's charts in order) or adds it, and removes its other charts (names starting with
   * OWNED_CHART_PREFIX). Only set on sheets the add-in owns.
   */
  charts?: ChartSpec[];
}

export interface WorkbookPlan {
  sheets: SheetPlan[];
  /** Sheet to show when done. */
  activate?: string;
  /** Cell to select when done. */
  select?: { sheet: string; row: number; col: number };
  /** Sheets to delete. Only ever set by restorePlan, for sheets the failed plan itself created. */
  deleteSheets?: string[];
}

export function emptySheetPlan(sheet: string): SheetPlan {
  return {
    sheet,
    writes: [],
    numberFormats: [],
    validations: [],
    replaceOwnedRules: false,
    rules: [],
    backgrounds: [],
    notes: [],
  };
}

/** What a host needs to read for a command, before calling core. */
export interface ReadRequest {
  formulas: boolean;
  /**
   * False: the command writes no cell of the active sheet (nor of the subject), so of that sheet only the values are
   * needed, not the formulas (at 10,000 converted rows they are most of its bytes: Excel on the web refuses a read
   * above ~5 MB); `formulas` still applies to the other sheets. A host that reads them anyway is right too.
   */
  activeFormulas?: boolean;
  notes: boolean;
  backgrounds: boolean;
  /** Extra sheets to read if they exist (e.g. the history sheet). */
  others: string[];
  /** Read this sheet as `active` instead of the active sheet (core asked for it: see CommandResult.readAgain). */
  subject?: string;
  /**
   * Other sheets a host MAY read in part, by name: of every row only `columns` (0-based, counted from the used range's
   * first column), and the first `headRows` rows and the last row whole; the snapshot then says `partial`. A host that
   * reads them whole is right too (it only moves more bytes). Core asks for a whole read (readAgain.whole) when the
   * part read was not enough.
   */
  partial?: Record<string, PartialRead>;
  /**
   * Names in `others` that are one sheet of the add-in in the two languages, each group with the name in the
   * settings' language first (core uses that one when it exists, else the other: ownedSheetName). A host that asks
   * for sheets by name instead of listing every sheet (Google Sheets: one call per name) needs, of a group whose first
   * name exists, no other; it then gives core only the names it found as sheetNames, and lists every sheet whenever
   * the plan names a sheet it did not find (a sheet to create: its place and name depend on all of them).
   */
  sameSheet?: string[][];
}

export interface PartialRead {
  columns: number[];
  headRows: number;
}

export interface CommandResult {
  ok: boolean;
  plan: WorkbookPlan;
  /** One line for a toast / the panel, in both languages. */
  summary: Msg;
  /** Structured data for the panel (findings, counts); plain JSON. */
  details?: unknown;
  /**
   * Core needs more before it can plan: another sheet to work on (the active one is a sheet the add-in wrote) and/or
   * sheets the plan would change that were not read (so a failure can put them back), and/or the active sheet's
   * formulas after a read without them (`formulas`). The host reads again with
   * rereadFor(...) and runs the command once more; nothing is applied from a result that asks this.
   */
  readAgain?: { subject?: string; others?: string[]; whole?: string[]; formulas?: boolean };
  /**
   * With CommandOptions.findings: what Validate would report (its details: findings and the reading), from the reading
   * the command made (the command line prints the findings beside every command without reading the sheet twice).
   */
  validation?: unknown;
}

/**
 * The part of a restore plan (core/commands.ts restorePlan) a host applies when its journal (docs/host-contract.md,
 * section 4) has recorded, just before each change, the old number formats, dropdowns, rules and charts: cells,
 * fills, notes and the sheets to delete. The rest of the restore plan approximates what the journal knows exactly
 * (formats back to General, every add-in rule removed, charts rebuilt from the cells), and would change things the
 * failed run never reached.
 */
export function journaledRestore(restore: WorkbookPlan): WorkbookPlan {
  return {
    ...restore,
    sheets: restore.sheets.map((s) => {
      const { charts: _charts, ...rest } = s;
      return { ...rest, numberFormats: [], validations: [], rules: [], replaceOwnedRules: false };
    }),
  };
}

/** The read a host makes next when `result` asks for more (null when it does not): at most twice per command. */
export function rereadFor(req: ReadRequest, result: CommandResult): ReadRequest | null {
  const more = result?.readAgain;
  if (!more) return null;
  const others = [...req.others];
  for (const o of more.others ?? []) if (!others.includes(o)) others.push(o);
  const subject = more.subject ?? req.subject;
  const next: ReadRequest = { ...req, others, ...(subject ? { subject } : {}) };
  // The active sheet's formulas after all (the values alone were not enough).
  if (more.formulas) delete next.activeFormulas;
  if (req.partial && more.whole?.length) {
    const partial = Object.fromEntries(Object.entries(req.partial).filter(([name]) => !more.whole!.includes(name)));
    if (Object.keys(partial).length) next.partial = partial;
    else delete next.partial;
  }
  return next;
}

/** 0-based column index -> 'A', 'B', ..., 'AA'. */
export function colLetter(col: number): string {
  let s = '';
  let n = col + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 'A' -> 0, 'AA' -> 26 (case-insensitive): the inverse of colLetter. */
export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * 'B7', 'B7:D9', '$B$7', "'Sheet 1'!B7:D9" -> the 0-based rectangle (corners in any order; a sheet prefix is
 * ignored); null when the text is not a cell or a cell range.
 */
export function parseA1(address: string): Rect | null {
  const local = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(local.trim());
  if (!m) return null;
  const r1 = Number(m[2]) - 1;
  const c1 = colIndex(m[1]);
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  const c2 = m[3] ? colIndex(m[3]) : c1;
  if (r1 < 0 || r2 < 0) return null;
  return { row: Math.min(r1, r2), col: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
}

/** 0-based (row, col) -> 'B7'. */
export function a1(row: number, col: number): string {
  return colLetter(col) + String(row + 1);
}

/** Rect -> 'B7:D9' (or 'B7' for one cell). */
export function rectA1(r: Rect): string {
  const tl = a1(r.row, r.col);
  return r.rows === 1 && r.cols === 1 ? tl : `${tl}:${a1(r.row + r.rows - 1, r.col + r.cols - 1)}`;
}

/** The smallest rectangle holding every cell (a loop, not Math.min(...cells): that overflows the stack past ~100k). */
export function boundingRect(cells: readonly CellRef[]): Rect {
  let r0 = Infinity,
    c0 = Infinity,
    r1 = -Infinity,
    c1 = -Infinity;
  for (const p of cells) {
    if (p.row < r0) r0 = p.row;
    if (p.col < c0) c0 = p.col;
    if (p.row > r1) r1 = p.row;
    if (p.col > c1) c1 = p.col;
  }
  return { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
}
