/**
 * The convert plan: turn a user's sheet into the structured grid without overwriting anything the user typed.
 *
 * Table form: the OWNED columns ('OKR ID', 'OKR Score', 'OKR Status', 'Updated', plus 'Kind', 'Type', 'Level',
 * 'Confidence', 'Start', 'Target', 'Current' when the sheet lacks them) are appended right of the last used column
 * and written as one block; everything else the plan adds is formatting (number formats of owned cells, dropdowns,
 * conditional rules carrying OWNED_RULE_MARK, header style, frozen header, table). A second convert finds the block
 * by its 'OKR ID' header (either language) and rewrites it with the same content: owned cells a user filled in are
 * written back as they are, score and status cells get their formulas again.
 *
 * Outline form: a new sheet '<sheet> grid' ('<sheet> 表格') holding the model as a table, converted the same way;
 * the outline itself is never written.
 */
import type {
  ConditionalRule,
  HostKind,
  PlanCell,
  SheetPlan,
  SheetSnapshot,
  WorkbookPlan,
  FormatBlock,
  CellBlock,
  ListValidation,
} from './sheet-plan';
import { colLetter, emptySheetPlan, OWNED_RULE_MARK } from './sheet-plan';
import type { Commitment, Field, KeyResult, Objective, OkrModel, Rect } from './model';
import type { Settings } from './settings';
import { msg, type Lang, type Msg } from './i18n';
import { readModel } from './parse-sheet';
import { fnOkrScore, fnOkrStatus, isCellError } from './functions';
import { hash32 } from './ids';
import {
  beyondSheetsFormula,
  gridFormulas,
  paceFormula,
  rollupCellsFormula,
  rollupFormula,
  scoreFormula,
  statusFormula,
} from './formulas';
import { paceWindow } from './close';
import { ROW_MARK, RowTemplates } from './row-templates';
import {
  OWNED_HEADERS,
  OWNED_ORDER,
  cellAsPlan,
  plural,
  findOwnedBlock,
  isEmptyValue,
  planCellAt,
  usedExtent,
  valueAt,
  type OwnedBlock,
  type OwnedKey,
} from './plan-grid';
import { isoToSerial } from './values';

export interface PlanContext {
  settings: Settings;
  host: HostKind;
  today: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Words the grid writes (each accepted by parse-sheet and by the custom functions)

export { KIND_TOKENS, TYPE_LABELS, LEVEL_LABELS, CONFIDENCE_LABELS } from './labels';
import { KIND_TOKENS, TYPE_LABELS, LEVEL_LABELS, CONFIDENCE_LABELS } from './labels';

/** Fills the plan uses. */
export const FILLS = {
  red: '#f4c7c3',
  yellow: '#fce8b2',
  green: '#b7e1cd',
  invalid: '#f4c7c3',
  invalidFont: '#a50e0e',
  header: '#e8f0fe',
  headerFont: '#174ea6',
};

const NUMBER_FORMATS: Record<OwnedKey, string> = {
  id: '@',
  score: '0.00',
  rollup: '0.00',
  status: 'General',
  pace: '0%',
  updated: 'yyyy-mm-dd',
  kind: 'General',
  type: 'General',
  level: 'General',
  confidence: 'General',
  start: 'General',
  target: 'General',
  current: 'General',
};

const WIDTHS: Partial<Record<OwnedKey, number>> = {
  id: 110,
  score: 90,
  rollup: 90,
  status: 120,
  pace: 80,
  updated: 100,
};

const DROPDOWNS: ('kind' | 'type' | 'level' | 'confidence')[] = ['kind', 'type', 'level', 'confidence'];

function dropdownList(key: 'kind' | 'type' | 'level' | 'confidence', lang: Lang): string[] {
  if (key === 'kind') return Object.values(KIND_TOKENS[lang]);
  if (key === 'type') return Object.values(TYPE_LABELS[lang]);
  if (key === 'level') return Object.values(LEVEL_LABELS[lang]);
  return Object.values(CONFIDENCE_LABELS[lang]);
}

const quoteText = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Memoised per distinct cell text: a sheet repeats a handful of kind and type words. */
function memo(fn: (v: unknown) => boolean): (v: unknown) => boolean {
  const cache = new Map<unknown, boolean>();
  return (v) => {
    let r = cache.get(v);
    if (r === undefined) {
      r = fn(v);
      if (cache.size < 1000) cache.set(v, r);
    }
    return r;
  };
}

/** True when the custom function OKRSCORE reads `v` as a kind (so a formula may point at the cell). */
const kindAccepted = memo((v) => {
  const cell = fnOkrScore(1, 2, 0, v)[0]?.[0];
  return !(isCellError(cell) && /^kind:/.test(cell.message));
});

/** True when OKRSTATUS reads `v` as committed / aspirational (or blank). */
const typeAccepted = memo((v) => !isCellError(fnOkrStatus(0.5, v)[0]?.[0]));

// ---------------------------------------------------------------------------------------------------------------
// Table form

export interface TablePlan {
  sheet: SheetPlan;
  /** The owned columns after the plan, by key. */
  owned: OwnedBlock;
  /** Owned columns this plan adds (none on a second convert). */
  added: OwnedKey[];
  /** Column of the score cells (owned). */
  scoreCol: number;
  headerRow: number;
  lastRow: number;
}

/**
 * What each row of the table holds: an objective, and the KR when the row is a KR's (null on an objective's own row).
 * Two arrays over the rows, no object per row.
 */
interface RowItems {
  obj(r: number): Objective | undefined;
  kr(r: number): KeyResult | null | undefined;
}

/** Excel table name for a sheet: letters, digits and '_' only, never a cell reference, stable across converts. */
export function tableNameFor(sheet: string): string {
  return `OKRGrid_${hash32(sheet).slice(0, 6)}`;
}

/**
 * The same string, flattened. A formula built by concatenation is a tree of string pieces (about 10 heap objects
 * and ~400 bytes for '=OKR.OKRSCORE(K5,J5,I5,H5)'); reading one character makes the engine copy it into one flat
 * string, so a plan of 50,000 rows keeps 2 small strings per row instead of 20 pieces. That keeps the memory a plan
 * holds (and the garbage collector's copying of it) proportional to what it says, not to how it was built.
 */
function flat(s: string): string {
  // The comparison uses the character, so an optimising compiler cannot drop the read.
  return s.charCodeAt(0) === -1 ? '' : s;
}

/** Rows [first, last] of an objective's KRs, when no other item sits between them (a ROLLUP range). */
function krSpan(o: Objective, items: RowItems): { first: number; last: number } | null {
  if (!o.krs.length) return null;
  let first = Infinity;
  let last = -Infinity;
  for (const k of o.krs) {
    first = Math.min(first, k.row);
    last = Math.max(last, k.row);
  }
  for (let r = first; r <= last; r++) {
    const obj = items.obj(r);
    if (!obj) continue;
    if (!items.kr(r) || obj !== o) return null;
  }
  return { first, last };
}

/** What the steps of planTable share: the sheet, its reading, the owned columns and the item on each row. */
interface TableCtx {
  snap: SheetSnapshot;
  model: OkrModel;
  ctx: PlanContext;
  settings: Settings;
  lang: Lang;
  headerRow: number;
  dataFirst: number;
  lastRow: number;
  nData: number;
  /** The user's own columns per field (the first one, outside the owned block). */
  userCol: Partial<Record<Field, number>>;
  /** The owned columns after the plan, by key, spanning [first, last]. */
  cols: Partial<Record<OwnedKey, number>>;
  added: OwnedKey[];
  first: number;
  last: number;
  /** The owned key of each column in [first, last], in column order. */
  keys: OwnedKey[];
  items: RowItems;
  scoreCol: number;
  a1: (r: number, c: number) => string;
  /** Row r's number as text (cached for the row at hand). */
  rowText: (r: number) => string;
  /** Column c's reference at ROW_MARK, for formula templates (see row-templates.ts). */
  marked: (c: number) => string;
  templates: FormulaTemplates;
}

/** The per-row formulas' templates (row-templates.ts); each one's keys are exactly its builder's inputs. */
interface FormulaTemplates {
  /** Keys: the target, start and kind expressions ('' for no start / kind). */
  score: RowTemplates;
  /** Key: the type expression. */
  status: RowTemplates;
  /** Keys: the cycle start, the due date, the Due reference ('' for none). */
  pace: RowTemplates;
}

function formulaTemplates(t: Omit<TableCtx, 'templates'>): FormulaTemplates {
  const { settings, cols } = t;
  const { host } = t.ctx;
  const mode = gridFormulas(host, settings.formulaMode);
  const score = t.marked(t.scoreCol);
  const currentCol = fieldCol(t, 'current');
  const current = currentCol === undefined ? '""' : t.marked(currentCol);
  const pace =
    cols.pace === undefined ? undefined : { expected: t.marked(cols.pace), atRiskPoints: settings.limits.atRiskPoints };
  return {
    score: new RowTemplates((target, start, kind) =>
      scoreFormula(host, mode, { current, target, start: start || null, kind: kind || null }, t.lang),
    ),
    status: new RowTemplates((type) => statusFormula(host, mode, score, type, settings.bands, t.lang, pace)),
    pace: new RowTemplates((start, due, ref) => paceFormula(score, start, { ref: ref || null, iso: due })),
  };
}

/** The user's own column per field: the first one outside the owned block. */
function userColumns(model: OkrModel, existing: OwnedBlock | null): Partial<Record<Field, number>> {
  const inBlock = (c: number) => !!existing && c >= existing.first && c <= existing.last;
  const userCol: Partial<Record<Field, number>> = {};
  for (const ci of model.columns) {
    if (ci.field && !inBlock(ci.col) && userCol[ci.field] === undefined) userCol[ci.field] = ci.col;
  }
  return userCol;
}

/** The owned columns this sheet needs: always the computed ones, the inputs only when the user has no column. */
function wantedOwned(model: OkrModel, userCol: Partial<Record<Field, number>>): Set<OwnedKey> {
  const wanted = new Set<OwnedKey>(['id', 'score', 'status', 'pace', 'updated']);
  // Objectives written on their first KR's row have no score cell of their own: an owned Rollup column holds it.
  if (model.objectives.some((o) => !o.ownRow && o.krs.length > 0)) wanted.add('rollup');
  for (const k of DROPDOWNS) if (userCol[k] === undefined) wanted.add(k);
  if (userCol.start === undefined && model.objectives.some((o) => o.krs.some((k) => k.inferred.start)))
    wanted.add('start');
  if (userCol.target === undefined) wanted.add('target');
  if (userCol.current === undefined) wanted.add('current');
  return wanted;
}

/** Where each owned column goes: the existing block's columns, new ones appended right of the used range. */
function placeOwned(snap: SheetSnapshot, existing: OwnedBlock | null, wanted: Set<OwnedKey>) {
  const cols: Partial<Record<OwnedKey, number>> = { ...(existing?.cols ?? {}) };
  const added: OwnedKey[] = [];
  const { lastCol: usedLastCol } = usedExtent(snap);
  let next = existing ? existing.last + 1 : Math.max(usedLastCol + 1, snap.origin.col);
  // New owned columns go right after an existing block only when those columns are empty (never over user cells).
  const roomAfterBlock = !existing || next > usedLastCol;
  if (roomAfterBlock) {
    for (const k of OWNED_ORDER) {
      if (!wanted.has(k) || cols[k] !== undefined) continue;
      cols[k] = next++;
      added.push(k);
    }
  }
  const ownedCols = Object.values(cols) as number[];
  const first = Math.min(...ownedCols);
  const last = Math.max(...ownedCols);
  const keyAt = new Map<number, OwnedKey>();
  for (const k of Object.keys(cols) as OwnedKey[]) keyAt.set(cols[k]!, k);
  const keys: OwnedKey[] = [];
  for (let c = first; c <= last; c++) keys.push(keyAt.get(c)!);
  return { cols, added, first, last, keys };
}

/** Row -> its item, as an array over the rows the model spans (a Map of 10,000 numbers is needlessly slow). */
function rowItems(model: OkrModel, dataFirst: number, lastRow: number): RowItems {
  const base = Math.min(dataFirst, model.firstRow);
  const n = Math.max(0, Math.max(lastRow, model.lastRow) - base + 1);
  const objs: (Objective | undefined)[] = new Array(n);
  const krs: (KeyResult | null | undefined)[] = new Array(n);
  const set = (r: number, o: Objective, kr: KeyResult | null) => {
    if (r < base) return;
    objs[r - base] = o;
    krs[r - base] = kr;
  };
  for (const o of model.objectives) {
    if (o.ownRow) set(o.row, o, null);
    for (const kr of o.krs) set(kr.row, o, kr);
  }
  return {
    obj: (r) => (r >= base ? objs[r - base] : undefined),
    kr: (r) => (r >= base ? krs[r - base] : undefined),
  };
}

/**
 * a1() with the column letters computed once per column and the row number text once per row (it is on the hot
 * path: several references per row); the same for a row's number alone and a column's reference at ROW_MARK.
 */
function cachedRefs(): Pick<TableCtx, 'a1' | 'rowText' | 'marked'> {
  const letters: string[] = [];
  const marked: string[] = [];
  let lastRow1 = -1;
  let text = '';
  const letter = (c: number) => letters[c] ?? (letters[c] = colLetter(c));
  const rowText = (r: number) => {
    if (r !== lastRow1) {
      lastRow1 = r;
      text = String(r + 1);
    }
    return text;
  };
  return {
    a1: (r, c) => letter(c) + rowText(r),
    rowText,
    marked: (c) => marked[c] ?? (marked[c] = letter(c) + ROW_MARK),
  };
}

function tableContext(snap: SheetSnapshot, model: OkrModel, ctx: PlanContext): TableCtx {
  const t = tableBase(snap, model, ctx);
  return { ...t, templates: formulaTemplates(t) };
}

function tableBase(snap: SheetSnapshot, model: OkrModel, ctx: PlanContext): Omit<TableCtx, 'templates'> {
  const headerRow = model.headerRow ?? snap.origin.row;
  const existing = findOwnedBlock(snap, headerRow);
  const userCol = userColumns(model, existing);
  const owned = placeOwned(snap, existing, wantedOwned(model, userCol));
  const dataFirst = headerRow + 1;
  const lastRow = Math.max(model.lastRow, dataFirst - 1);
  return {
    snap,
    model,
    ctx,
    settings: ctx.settings,
    lang: ctx.settings.lang,
    headerRow,
    dataFirst,
    lastRow,
    nData: lastRow - dataFirst + 1,
    userCol,
    ...owned,
    items: rowItems(model, dataFirst, lastRow),
    scoreCol: owned.cols.score!,
    ...cachedRefs(),
  };
}

/** The column holding a field's value: the user's, else the owned one. */
function fieldCol(
  t: Pick<TableCtx, 'userCol' | 'cols'>,
  f: 'current' | 'target' | 'start' | 'kind' | 'type' | 'weight',
): number | undefined {
  return t.userCol[f] ?? (f === 'weight' ? undefined : t.cols[f]);
}

const TYPE_LITERAL: Record<Commitment, string> = {
  committed: quoteText(TYPE_LABELS.en.committed),
  aspirational: quoteText(TYPE_LABELS.en.aspirational),
};

/**
 * The type a status formula reads: the row's Type cell, or the model's reading when that cell says something else.
 * Row-free (a literal, or the Type column at ROW_MARK): it keys the status template.
 */
function typeExpr(t: TableCtx, r: number, commitment: Commitment): string {
  const typeCol = fieldCol(t, 'type');
  if (typeCol === undefined) return TYPE_LITERAL[commitment];
  if (t.userCol.type !== undefined && !typeAccepted(valueAt(t.snap, r, typeCol))) return TYPE_LITERAL[commitment];
  return t.marked(typeCol);
}

/** The Status cell; the template depends on the row only through its type expression. */
function statusCell(t: TableCtx, r: number, commitment: Commitment): PlanCell {
  return t.templates.status.cell(t.rowText(r), typeExpr(t, r, commitment));
}

/** The Pace cell: expected progress today between the cycle start and the row's deadline (a live TODAY() formula). */
function paceCell(t: TableCtx, r: number, kr: KeyResult | null, obj: Objective): PlanCell | undefined {
  const w = paceWindow(kr, obj, t.model, t.settings, t.ctx.today);
  if (!w) return undefined;
  const dueCol = t.userCol.due;
  const ref = kr && dueCol !== undefined ? t.marked(dueCol) : '';
  return t.templates.pace.cell(t.rowText(r), w.start, w.due, ref);
}

/**
 * A reference to the row's target / start cell (at ROW_MARK), falling back to the model's value when the cell is
 * blank (a value inferred from the KR's wording), or holds text the formula cannot read as a number: words the reader
 * read the number from ('$83k/mo to $93k/mo' -> 93000; an add-in formula reads '120 teams' itself, a portable one
 * does not). The score then uses that number until the cell holds a number itself; the add-in never writes over the
 * user's words (the reader's problem asks for the number alone).
 */
function withFallback(t: TableCtx, r: number, f: 'target' | 'start', kr: KeyResult): string | null {
  const inferred = !!kr.inferred[f];
  const value = f === 'target' ? kr.target : kr.startGiven || inferred ? kr.start : null;
  const lit = inferred ? value : null;
  const c = fieldCol(t, f);
  if (c === undefined) return lit === null ? null : String(lit);
  const ref = t.marked(c);
  if (value === null || t.userCol[f] === undefined) return ref;
  const v = valueAt(t.snap, r, c);
  if (isEmptyValue(v)) return lit === null ? ref : `IF(${ref}="",${lit},${ref})`;
  if (
    typeof v !== 'string' ||
    !(inferred || (gridFormulas(t.ctx.host, t.settings.formulaMode) !== 'addin' && !VALUE_READS.test(v)))
  )
    return ref;
  return `IF(ISNUMBER(${ref}),${ref},${value})`;
}
/** Text a spreadsheet's VALUE() reads as a number: '1,200', '40%', '0.5'. */
const VALUE_READS = /^\s*[-+]?(?:\d{1,3}(?:,\d{3})+|\d+|(?=\.\d))(?:\.\d+)?\s*%?\s*$/;

/**
 * The kind a score formula reads (the Kind cell at ROW_MARK, or the model's reading when the cell is blank or
 * unreadable). The KR is on row r.
 */
function kindExpr(t: TableCtx, r: number, kr: KeyResult): string | null {
  const kc = fieldCol(t, 'kind');
  if (kc === undefined) return null;
  const ref = t.marked(kc);
  if (t.userCol.kind === undefined) return ref;
  const v = valueAt(t.snap, r, kc);
  if (isEmptyValue(v)) return kr.inferred.kind ? `IF(${ref}="",${quoteText(kr.kind)},${ref})` : ref;
  return kindAccepted(v) ? ref : quoteText(kr.kind);
}

/** The Score cell; the template depends on the row only through its target, start and kind expressions. */
function krScoreCell(t: TableCtx, r: number, kr: KeyResult): PlanCell {
  const target = withFallback(t, r, 'target', kr) ?? '""';
  const start = withFallback(t, r, 'start', kr);
  const kind = kindExpr(t, r, kr);
  // Neither start nor kind is ever '' (a reference, a number or a quoted word), so '' stands for none.
  return t.templates.score.cell(t.rowText(r), target, start ?? '', kind ?? '');
}

/** An objective's score: the weighted rollup of its KRs' score cells (undefined when other items sit between them). */
function objectiveScoreCell(t: TableCtx, obj: Objective): PlanCell | undefined {
  const span = krSpan(obj, t.items);
  if (!span) return undefined;
  const { a1, scoreCol } = t;
  const w = t.userCol.weight;
  const mode = gridFormulas(t.ctx.host, t.settings.formulaMode);
  if (mode !== 'addin') {
    const rowsOf = obj.krs.map((k) => k.row).sort((a, b) => a - b);
    const scores = rowsOf.map((kr) => a1(kr, scoreCol));
    return { f: flat(rollupCellsFormula(scores, w === undefined ? null : rowsOf.map((kr) => a1(kr, w)))) };
  }
  const scores = `${a1(span.first, scoreCol)}:${a1(span.last, scoreCol)}`;
  const weights = w === undefined ? null : `${a1(span.first, w)}:${a1(span.last, w)}`;
  return { f: flat(rollupFormula(t.ctx.host, mode, scores, weights)) };
}

/** What an owned cell on a KR's row gets: a formula or a value filled from the model. */
function krFill(t: TableCtx, r: number, kr: KeyResult, obj: Objective, key: OwnedKey): PlanCell | undefined {
  const lang = t.lang;
  switch (key) {
    case 'id':
      return kr.id;
    case 'score':
      return krScoreCell(t, r, kr);
    case 'status':
      return statusCell(t, r, kr.commitment);
    case 'pace':
      return paceCell(t, r, kr, obj);
    case 'rollup':
      return !obj.ownRow && obj.krs[0] === kr ? objectiveScoreCell(t, obj) : undefined;
    case 'kind':
      return KIND_TOKENS[lang][kr.kind];
    case 'type':
      return TYPE_LABELS[lang][kr.commitment];
    case 'level':
      return obj.level ? LEVEL_LABELS[lang][obj.level] : undefined;
    case 'confidence':
      return kr.confidence ? CONFIDENCE_LABELS[lang][kr.confidence] : undefined;
    case 'start':
      return kr.inferred.start || kr.startGiven ? kr.start : undefined;
    case 'target':
      return kr.target ?? undefined;
    case 'current':
      return kr.current ?? undefined;
    default:
      return undefined;
  }
}

/** What an owned cell on an objective's own row gets. */
function objectiveFill(t: TableCtx, r: number, obj: Objective, key: OwnedKey): PlanCell | undefined {
  switch (key) {
    case 'id':
      return obj.id;
    case 'score':
      return objectiveScoreCell(t, obj);
    case 'status':
      return krSpan(obj, t.items) ? statusCell(t, r, obj.commitment) : undefined;
    case 'pace':
      return krSpan(obj, t.items) ? paceCell(t, r, null, obj) : undefined;
    case 'type':
      return TYPE_LABELS[t.lang][obj.commitment];
    case 'level':
      return obj.level ? LEVEL_LABELS[t.lang][obj.level] : undefined;
    default:
      return undefined;
  }
}

function fill(t: TableCtx, r: number, obj: Objective, kr: KeyResult | null, key: OwnedKey): PlanCell | undefined {
  return kr ? krFill(t, r, kr, obj, key) : objectiveFill(t, r, obj, key);
}

const COMPUTED = new Set<OwnedKey>(['score', 'status', 'pace', 'rollup']);

/**
 * The owned block's cells, header first. Computed cells (score, status, pace, rollup) get their formula; the others
 * keep what they hold (a user's edit survives a second convert) and are filled from the model when empty.
 */
function ownedCells(t: TableCtx): PlanCell[][] {
  const { snap, keys, first } = t;
  const header = keys.map((key, i) => {
    const held = planCellAt(snap, t.headerRow, first + i);
    return typeof held === 'string' && held.trim() ? held : OWNED_HEADERS[key][t.lang];
  });
  const cells: PlanCell[][] = [header];
  const computedCol = keys.map((k) => COMPUTED.has(k));
  const vc0 = snap.origin.col;
  for (let r = t.dataFirst; r <= t.lastRow; r++) {
    const line: PlanCell[] = new Array(keys.length);
    const obj = t.items.obj(r);
    const kr = obj ? (t.items.kr(r) ?? null) : null;
    const vrow = snap.values[r - snap.origin.row];
    const frow = snap.formulas?.[r - snap.origin.row];
    for (let i = 0; i < keys.length; i++) {
      if (computedCol[i] && obj) {
        const computed = fill(t, r, obj, kr, keys[i]);
        if (computed !== undefined) {
          line[i] = computed;
          continue;
        }
      }
      // planCellAt(snap, r, first + i), with the row looked up once.
      const c = first + i - vc0;
      const v = vrow?.[c];
      const f = frow?.[c];
      const held = cellAsPlan(v === undefined || v === null ? '' : v, typeof f === 'string' ? f : '');
      // An input column is filled from the model only where the cell is empty (a user's edit survives).
      line[i] = held !== null ? held : ((!computedCol[i] && obj ? fill(t, r, obj, kr, keys[i]) : undefined) ?? null);
    }
    cells.push(line);
  }
  return cells;
}

const dataRect = (t: TableCtx, c: number): Rect => ({ row: t.dataFirst, col: c, rows: t.nData, cols: 1 });

/** Every data row has the same formats: one shared row (plans are read-only data). */
function ownedFormats(t: TableCtx): string[][] {
  const formatRow = t.keys.map((k) => NUMBER_FORMATS[k]);
  const formats: string[][] = [];
  for (let i = 0; i < t.nData; i++) formats.push(formatRow);
  return formats;
}

/** Words already in a column that its dropdown keeps (besides the standard list), within a 240-character list. */
function dropdownExtras(t: TableCtx, c: number, base: string[]): string[] {
  const known = new Set(base.map((s) => s.toLowerCase()));
  const extras: string[] = [];
  let length = base.join(',').length;
  const seenRaw = new Set<string>();
  for (let r = t.dataFirst; r <= t.lastRow; r++) {
    const v = valueAt(t.snap, r, c);
    if (typeof v !== 'string' || seenRaw.has(v)) continue;
    seenRaw.add(v);
    if (!v.trim() || v.includes(',')) continue;
    const s = v.trim();
    if (known.has(s.toLowerCase())) continue;
    known.add(s.toLowerCase());
    if (length + s.length + 1 > 240) continue;
    length += s.length + 1;
    extras.push(s);
  }
  return extras;
}

/** Dropdowns on the kind, type, level and confidence columns (the user's own ones keep what they already hold). */
function dropdowns(t: TableCtx): ListValidation[] {
  const out: ListValidation[] = [];
  for (const key of DROPDOWNS) {
    const c = t.userCol[key] ?? t.cols[key];
    if (c === undefined) continue;
    const base = dropdownList(key, t.lang);
    const extras = dropdownExtras(t, c, base);
    const isOwned = t.userCol[key] === undefined;
    out.push({
      range: dataRect(t, c),
      list: [...base, ...extras],
      strict: isOwned && extras.length === 0,
      ...(isOwned ? {} : { keepExisting: true }),
    });
  }
  return out;
}

/** The conditional rules: the score fill, inputs red when their score is an error, negative weights red. */
function ownedRules(t: TableCtx): ConditionalRule[] {
  const first = t.dataFirst + 1;
  const scoreRef = `$${colLetter(t.scoreCol)}${first}`;
  const paceRef = t.cols.pace === undefined ? null : `$${colLetter(t.cols.pace)}${first}`;
  const rules = scoreFillRules(dataRect(t, t.scoreCol), scoreRef, paceRef, t.settings);
  const inputs = [...new Set([fieldCol(t, 'current'), fieldCol(t, 'target')])].filter(
    (c): c is number => c !== undefined,
  );
  if (inputs.length) {
    rules.push({
      ranges: inputs.map((c) => dataRect(t, c)),
      formula: `=AND(ISERROR(${scoreRef}),${OWNED_RULE_MARK})`,
      fill: FILLS.invalid,
      fontColor: FILLS.invalidFont,
    });
  }
  const wc = t.userCol.weight;
  if (wc !== undefined) {
    const weightRef = `$${colLetter(wc)}${first}`;
    rules.push({
      ranges: [dataRect(t, wc)],
      formula: `=AND(ISNUMBER(${weightRef}),${weightRef}<0,${OWNED_RULE_MARK})`,
      fill: FILLS.invalid,
      fontColor: FILLS.invalidFont,
    });
  }
  return rules;
}

/**
 * The look of the owned block (header style, frozen panes, widths), set when it gets new columns; later runs
 * (convert again, score) leave it as the user may have changed it, and cost the hosts no calls for it.
 */
function ownedLook(t: TableCtx, plan: SheetPlan): void {
  const { first, last, headerRow } = t;
  plan.header = {
    range: { row: headerRow, col: first, rows: 1, cols: last - first + 1 },
    bold: true,
    fill: FILLS.header,
    fontColor: FILLS.headerFont,
  };
  plan.freezeRows = headerRow + 1;
  // Frozen through the Key Result column (when it is among the first six), the owned Score and Status scroll in
  // right beside the KR on a laptop screen instead of sitting a screen to the right.
  const krColumn = t.userCol.kr;
  if (krColumn !== undefined && krColumn < 6 && krColumn < first) plan.freezeCols = krColumn + 1;
  plan.columnWidths = t.keys.map((k, i) => ({ col: first + i, width: WIDTHS[k] ?? 100 }));
}

/** The Excel table over the user's and the owned columns, when their header cells are distinct and non-empty. */
function tableRange(t: TableCtx, header: PlanCell[]): SheetPlan['table'] {
  // An Excel table needs distinct, non-empty header cells (Excel would otherwise rename them in the user's cells).
  const { first, last, headerRow } = t;
  const firstCol = Math.min(first, ...t.model.columns.map((c) => c.col));
  if (t.nData <= 0) return undefined;
  const seen = new Set<string>();
  for (let c = firstCol; c <= last; c++) {
    const h = c >= first ? header[c - first] : valueAt(t.snap, headerRow, c);
    const text = typeof h === 'string' ? h.trim().toLowerCase() : typeof h === 'number' ? String(h) : '';
    if (!text || seen.has(text)) return undefined;
    seen.add(text);
  }
  return {
    name: tableNameFor(t.snap.name),
    range: { row: headerRow, col: firstCol, rows: t.lastRow - headerRow + 1, cols: last - firstCol + 1 },
  };
}

/**
 * The plan for a table-form sheet. `snap` is the sheet as read (values, and formulas when the host read them),
 * `model` its reading by parse-sheet.
 */
export function planTable(snap: SheetSnapshot, model: OkrModel, ctx: PlanContext): TablePlan {
  const t = tableContext(snap, model, ctx);
  const { first, last, cols, added, headerRow, lastRow } = t;
  const cells = ownedCells(t);
  const plan = emptySheetPlan(snap.name);
  plan.writes.push({ row: headerRow, col: first, cells });
  if (t.nData > 0) {
    plan.numberFormats.push({ row: t.dataFirst, col: first, formats: ownedFormats(t) });
    plan.validations.push(...dropdowns(t));
    plan.replaceOwnedRules = true;
    plan.rules.push(...ownedRules(t));
  }
  if (added.length) ownedLook(t, plan);
  const table = tableRange(t, cells[0]);
  if (table) plan.table = table;
  return { sheet: plan, owned: { first, last, cols }, added, scoreCol: t.scoreCol, headerRow, lastRow };
}

/**
 * The score cell's fill, as its status reads it: with a Pace cell below 1 (before the due date), red = at risk,
 * yellow = behind, green = on track or done, none = not started (score.ts liveStatusCode); otherwise the bands.
 */
function scoreFillRules(range: Rect, S: string, P: string | null, settings: Settings): ConditionalRule[] {
  const { red, yellow } = settings.bands;
  const limit = String(settings.limits.atRiskPoints / 100);
  const graded = (cond: string, live: string | null) =>
    P === null
      ? `=AND(ISNUMBER(${S}),${cond},${OWNED_RULE_MARK})`
      : `=AND(ISNUMBER(${S}),IF(AND(ISNUMBER(${P}),${P}<1,${S}<1),${live},${cond}),${OWNED_RULE_MARK})`;
  return [
    { ranges: [range], formula: graded(`${S}<${red}`, `${P}-${S}>${limit}`), fill: FILLS.red },
    {
      ranges: [range],
      formula: graded(`AND(${S}>=${red},${S}<${yellow})`, `AND(${S}>0,${S}<${P},${P}-${S}<=${limit})`),
      fill: FILLS.yellow,
    },
    { ranges: [range], formula: graded(`${S}>=${yellow}`, `AND(${S}>0,${S}>=${P})`), fill: FILLS.green },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Outline form

const GRID_COLUMNS: { field: Field; header: Msg }[] = [
  { field: 'id', header: msg('ID', '编号') },
  { field: 'cycle', header: msg('Cycle', '周期') },
  { field: 'level', header: msg('Level', '层级') },
  { field: 'owner', header: msg('Owner', '负责人') },
  { field: 'objective', header: msg('Objective', '目标') },
  { field: 'kr', header: msg('Key Result', '关键结果') },
  { field: 'initiative', header: msg('Initiatives', '举措') },
  { field: 'type', header: msg('Type', '类型') },
  { field: 'kind', header: msg('Kind', '计分方式') },
  { field: 'start', header: msg('Start', '起始值') },
  { field: 'target', header: msg('Target', '目标值') },
  { field: 'current', header: msg('Current', '当前值') },
  { field: 'unit', header: msg('Unit', '单位') },
  { field: 'weight', header: msg('Weight', '权重') },
  { field: 'due', header: msg('Due', '截止日期') },
  { field: 'confidence', header: msg('Confidence', '信心') },
  { field: 'alignedTo', header: msg('Aligned to', '对齐目标') },
  { field: 'notes', header: msg('Notes', '备注') },
];

/** Sheet names a host accepts: no []:*?/\ and at most 31 characters (Excel's limit). */
export function safeSheetName(base: string, suffix: string): string {
  const clean = base.replace(/[[\]:*?/\\]/g, '_');
  const room = 31 - suffix.length;
  return Array.from(clean).slice(0, Math.max(1, room)).join('') + suffix;
}

/**
 * The name of a sheet the add-in writes, in the workbook's language: an existing sheet of that name in either language
 * is used as it is (a workbook switched to Chinese keeps its 'OKR History'), else the name in `lang`.
 */
export function ownedSheetName(names: Record<Lang, string>, sheetNames: readonly string[], lang: Lang): string {
  const lower = sheetNames.map((n) => n.trim().toLowerCase());
  for (const l of [lang, lang === 'en' ? 'zh' : 'en'] as Lang[]) {
    const i = lower.indexOf(names[l].toLowerCase());
    if (i >= 0) return sheetNames[i];
  }
  return safeSheetName(names[lang], '');
}

export function gridSheetNames(sheet: string): Record<Lang, string> {
  return { en: safeSheetName(sheet, ' grid'), zh: safeSheetName(sheet, ' 表格') };
}

/** Headers the reader gives values it split off a title (an outline has no column of its own for them). */
const EXTRA_HEADERS: Record<string, Msg> = { Priority: msg('Priority', '优先级') };

/** The keys of `extra` any objective or KR carries, in the order first met: each becomes a grid column. */
function extraKeys(model: OkrModel): string[] {
  const keys = new Set<string>();
  for (const o of model.objectives) {
    for (const k of Object.keys(o.extra)) keys.add(k);
    for (const kr of o.krs) for (const k of Object.keys(kr.extra)) keys.add(k);
  }
  return [...keys];
}

/** A carried value as a cell: text stays text (the host writes strings as text, never as a formula). */
function extraCell(v: unknown): PlanCell {
  if (v === undefined || v === null || v === '') return null;
  return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' ? v : String(v);
}

/**
 * The model as a plain table (header + rows), one objective row followed by its KR rows. Values the outline gave
 * that the grid has no column for (a priority split off a title, an unknown property line) follow as extra columns,
 * so Convert loses nothing the user wrote.
 */
export function gridRows(model: OkrModel, lang: Lang): PlanCell[][] {
  const extras = extraKeys(model);
  const headers = [...GRID_COLUMNS.map((c) => c.header[lang]), ...extras.map((k) => EXTRA_HEADERS[k]?.[lang] ?? k)];
  const rows: PlanCell[][] = [headers];
  const line = (v: Partial<Record<Field, PlanCell>>, extra: Readonly<Record<string, unknown>>) => [
    ...GRID_COLUMNS.map((c) => (v[c.field] === undefined ? null : v[c.field]!)),
    ...extras.map((k) => extraCell(extra[k])),
  ];
  for (const o of model.objectives) {
    const cycle = (o.cycle ?? model.cycle)?.id ?? null;
    rows.push(
      line(
        {
          id: o.id,
          cycle,
          level: o.level ? LEVEL_LABELS[lang][o.level] : null,
          owner: o.owner,
          objective: o.title,
          // The objective's own initiatives (a task table after its KR table, an action list under it), joined as a KR's.
          initiative: o.initiatives?.length ? o.initiatives.map((i) => i.title).join('\n') : null,
          type: TYPE_LABELS[lang][o.commitment],
          alignedTo: o.alignedTo,
          notes: o.notes,
        },
        o.extra,
      ),
    );
    for (const kr of o.krs) {
      rows.push(
        line(
          {
            id: kr.id,
            cycle,
            owner: kr.owner,
            kr: kr.title,
            initiative: kr.initiatives.length ? kr.initiatives.map((i) => i.title).join('\n') : null,
            type: TYPE_LABELS[lang][kr.commitment],
            kind: KIND_TOKENS[lang][kr.kind],
            start: kr.startGiven || kr.inferred.start ? kr.start : null,
            target: kr.target,
            current: kr.current,
            unit: kr.unit,
            weight: kr.weight,
            due: kr.due ? isoToSerial(kr.due) : null,
            confidence: kr.confidence ? CONFIDENCE_LABELS[lang][kr.confidence] : null,
          },
          kr.extra,
        ),
      );
    }
  }
  return rows;
}

export interface GridSheetPlan {
  sheet: SheetPlan;
  table: TablePlan;
  model: OkrModel;
}

/**
 * A new sheet `name` holding `rows` (header first) converted as a table: the base block, a date format on date
 * columns, then exactly what convert would do on that sheet (so converting the new sheet again changes nothing).
 */
export function planNewGrid(
  name: string,
  rows: PlanCell[][],
  dateCols: number[],
  ctx: PlanContext,
  after?: string,
): GridSheetPlan {
  const values = rows.map((r) => r.map((c) => (c === null ? '' : c)));
  const snap: SheetSnapshot = { name, origin: { row: 0, col: 0 }, values };
  const model = readModel(snap, { settings: ctx.settings, today: ctx.today });
  const table = planTable(snap, model, ctx);
  const sheet: SheetPlan = { ...table.sheet, create: after ? { after } : {} };
  const base: CellBlock = { row: 0, col: 0, cells: rows };
  sheet.writes = [base, ...table.sheet.writes];
  const n = rows.length - 1;
  const formats: FormatBlock[] =
    n > 0 ? dateCols.map((c) => ({ row: 1, col: c, formats: Array.from({ length: n }, () => ['yyyy-mm-dd']) })) : [];
  sheet.numberFormats = [...formats, ...table.sheet.numberFormats];
  return { sheet, table, model };
}

export interface OutlinePlan {
  plan: WorkbookPlan;
  sheetName: string;
  /** The grid sheet existed already: nothing is written. */
  existed: boolean;
  gridModel: OkrModel | null;
}

export function planOutline(model: OkrModel, ctx: PlanContext, sheetNames: string[]): OutlinePlan {
  const names = gridSheetNames(model.sheet);
  const existing = [names[ctx.settings.lang], names.en, names.zh].find((n) => sheetNames.includes(n));
  if (existing)
    return { plan: { sheets: [], activate: existing }, sheetName: existing, existed: true, gridModel: null };
  const name = names[ctx.settings.lang];
  const rows = gridRows(model, ctx.settings.lang);
  const dueCol = GRID_COLUMNS.findIndex((c) => c.field === 'due');
  const grid = planNewGrid(name, rows, [dueCol], ctx, model.sheet);
  return {
    plan: { sheets: [grid.sheet], activate: name, select: { sheet: name, row: 0, col: 0 } },
    sheetName: name,
    existed: false,
    gridModel: grid.model,
  };
}

// ---------------------------------------------------------------------------------------------------------------

export interface ConvertOutcome {
  ok: boolean;
  plan: WorkbookPlan;
  summary: Msg;
  model: OkrModel;
  /** Table form: what was planned on the sheet itself. */
  table?: TablePlan;
  outline?: OutlinePlan;
}

export function countItems(model: OkrModel): { objectives: number; krs: number } {
  return { objectives: model.objectives.length, krs: model.objectives.reduce((n, o) => n + o.krs.length, 0) };
}

export const NOT_OKR: Msg = msg(
  'No OKRs found on this sheet. Use a header row with "Objective" and "Key Result" columns, or an outline with "O:" and "KR1:" lines.',
  '此工作表中没有找到 OKR。请使用含“目标”和“关键结果”列的表头，或使用“O：”“KR1：”开头的大纲。',
);

/** Convert the active sheet: the table plan, or a new grid sheet for an outline. */
export function planConvert(
  snap: SheetSnapshot,
  sheetNames: string[],
  ctx: PlanContext,
  model?: OkrModel,
): ConvertOutcome {
  const m = model ?? readModel(snap, { settings: ctx.settings, today: ctx.today });
  const n = countItems(m);
  if (n.objectives === 0 && n.krs === 0) return { ok: false, plan: { sheets: [] }, summary: NOT_OKR, model: m };
  if (m.form === 'outline') {
    const outline = planOutline(m, ctx, sheetNames);
    const summary = outline.existed
      ? msg(
          `Already converted: the grid is on sheet "${outline.sheetName}". Nothing was changed.`,
          `已转换：表格在工作表“${outline.sheetName}”中，未做任何更改。`,
        )
      : msg(
          `Created sheet "${outline.sheetName}" with ${plural(n.objectives, 'objective')} and ${plural(n.krs, 'key result')}; the outline is unchanged.`,
          `已创建工作表“${outline.sheetName}”，含 ${n.objectives} 个目标、${n.krs} 个关键结果；原大纲未改动。`,
        );
    return { ok: true, plan: outline.plan, summary, model: m, outline };
  }
  const table = planTable(snap, m, ctx);
  const names = table.added.map((k) => OWNED_HEADERS[k]);
  const done = table.added.length
    ? msg(
        `Converted: ${plural(n.objectives, 'objective')}, ${plural(n.krs, 'key result')}; added ${names.length === 1 ? 'column' : 'columns'} ${names.map((h) => h.en).join(', ')}.`,
        `已转换：${n.objectives} 个目标、${n.krs} 个关键结果；新增列 ${names.map((h) => h.zh).join('、')}。`,
      )
    : msg(
        `Grid up to date: ${plural(n.objectives, 'objective')}, ${plural(n.krs, 'key result')}; scores and statuses refreshed.`,
        `表格已是最新：${n.objectives} 个目标、${n.krs} 个关键结果；得分和状态已刷新。`,
      );
  const unread = gridFormulas(ctx.host, ctx.settings.formulaMode) === 'sheets' ? beyondSheets(snap, m) : 0;
  const summary = unread
    ? msg(
        `${done.en} ${plural(unread, 'key result')} ${unread === 1 ? 'holds a number' : 'hold numbers'} written in a form the live Sheets formula cannot read (such as "30家" or "１２３"): ${unread === 1 ? 'its score shows' : 'their scores show'} an error until typed as 35000, 3.5万 or 40%.`,
        `${done.zh}有 ${unread} 个关键结果的数值写法（如“30家”“１２３”）表格中的实时公式无法读取：请改写为 35000、3.5万 或 40%，否则得分显示错误。`,
      )
    : done;
  return {
    ok: true,
    plan: {
      sheets: [table.sheet],
      activate: snap.name,
      select: { sheet: snap.name, row: table.headerRow, col: table.owned.first },
    },
    summary,
    model: m,
    table,
  };
}

/** KRs whose current, target or start cell OKRSCORE reads but the grid's Sheets formula does not (formulas.ts). */
function beyondSheets(snap: SheetSnapshot, model: OkrModel): number {
  let n = 0;
  for (const o of model.objectives)
    for (const kr of o.krs) {
      const cols = [kr.cols.current, kr.cols.target, kr.cols.start];
      if (cols.some((c) => c !== undefined && beyondSheetsFormula(valueAt(snap, kr.row, c)))) n++;
    }
  return n;
}

/** Rules and validations a plan adds, for tests and the bench. */
export function planShape(plan: WorkbookPlan): {
  writes: number;
  formats: number;
  validations: number;
  rules: number;
  patches: number;
} {
  let writes = 0;
  let formats = 0;
  let validations = 0;
  let rules = 0;
  let patches = 0;
  for (const s of plan.sheets) {
    writes += s.writes.length;
    formats += s.numberFormats.length;
    validations += s.validations.length;
    rules += s.rules.length;
    patches += s.backgrounds.length + s.notes.length;
  }
  return { writes, formats, validations, rules, patches };
}
