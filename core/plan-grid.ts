/**
 * Small helpers the plan builders share: reading a snapshot by absolute position, copying a cell as a PlanCell,
 * and the owned columns (the only columns of a user's sheet the add-in writes into).
 */
import type { PlanCell, SheetPlan, SheetSnapshot } from './sheet-plan';
import { msg, type Lang, type Msg } from './i18n';
import { isoToSerial, localIsoDate } from './values';

/** The value at an absolute (row, col), '' outside the snapshot. */
export function valueAt(s: SheetSnapshot, row: number, col: number): unknown {
  const v = s.values[row - s.origin.row]?.[col - s.origin.col];
  return v === undefined || v === null ? '' : v;
}

export function formulaAt(s: SheetSnapshot, row: number, col: number): string {
  const f = s.formulas?.[row - s.origin.row]?.[col - s.origin.col];
  return typeof f === 'string' ? f : '';
}

export function noteAt(s: SheetSnapshot, row: number, col: number): string {
  const n = s.notes?.[row - s.origin.row]?.[col - s.origin.col];
  return typeof n === 'string' ? n : '';
}

export function backgroundAt(s: SheetSnapshot, row: number, col: number): string {
  const b = s.backgrounds?.[row - s.origin.row]?.[col - s.origin.col];
  return typeof b === 'string' ? b.toLowerCase() : '';
}

export function isEmptyValue(v: unknown): boolean {
  return v === '' || v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]' && !Number.isNaN((v as Date).getTime());
}

/** A value as a host reported it, as the PlanCell that writes it back unchanged (a formula stays a formula). */
export function cellAsPlan(v: unknown, formula = ''): PlanCell {
  if (formula && formula.startsWith('=')) return { f: formula };
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (isDate(v)) {
    const serial = isoToSerial(localIsoDate(v));
    const frac = (v.getHours() * 3600 + v.getMinutes() * 60 + v.getSeconds()) / 86400;
    return serial === null ? null : serial + frac;
  }
  return null;
}

/** What the snapshot holds at a cell, as a PlanCell. */
export function planCellAt(s: SheetSnapshot, row: number, col: number): PlanCell {
  return cellAsPlan(valueAt(s, row, col), formulaAt(s, row, col));
}

/** Which cells of `s` hold a formula (formulaCells), shaped like its values. */
function formulaMask(s: SheetSnapshot): boolean[][] {
  const m = s.values.map((r) => new Array<boolean>(r.length).fill(false));
  for (const a of s.formulaCells ?? [])
    for (let r = Math.max(a.row, s.origin.row); r < a.row + a.rows; r++) {
      const line = m[r - s.origin.row];
      if (!line) break;
      for (let c = Math.max(a.col, s.origin.col); c < a.col + a.cols && c - s.origin.col < line.length; c++)
        line[c - s.origin.col] = true;
    }
  return m;
}

/** The host read where the formulas are but not their text (ReadRequest.activeFormulas false). */
export const readWithoutFormulas = (s: SheetSnapshot): boolean => !s.formulas && Array.isArray(s.formulaCells);

/**
 * What the cells `sp` writes on `s` hold, when `s` was read without its formulas' text but with where they are
 * (formulaCells): 'same' when they hold it already (a formula where it writes one, its text unread; the same value
 * and no formula elsewhere); 'known' when no cell it writes a value to holds a formula (what it writes does not
 * depend on the formulas' text, and the host reads the formulas it overwrites before writing, for a failure to put
 * back); else 'unknown': a formula the plan would turn into its value, so the formulas must be read first.
 */
export function overFormulas(sp: SheetPlan, s: SheetSnapshot): 'same' | 'known' | 'unknown' {
  if (!s.formulaCells) return 'unknown';
  const isFormula = formulaMask(s);
  let same = true;
  for (const b of sp.writes)
    for (let r = 0; r < b.cells.length; r++)
      for (let c = 0; c < b.cells[r].length; c++) {
        const want = b.cells[r][c];
        const formula = isFormula[b.row + r - s.origin.row]?.[b.col + c - s.origin.col] ?? false;
        if (want !== null && typeof want === 'object') same &&= formula;
        else if (formula) return 'unknown';
        else same &&= cellAsPlan(valueAt(s, b.row + r, b.col + c)) === want;
      }
  return same ? 'same' : 'known';
}

/** Highest absolute row / col holding anything (value or formula); origin - 1 when the sheet is empty. */
export function usedExtent(s: SheetSnapshot): { lastRow: number; lastCol: number } {
  let lastRow = s.origin.row - 1;
  let lastCol = s.origin.col - 1;
  for (let r = 0; r < s.values.length; r++) {
    const row = s.values[r] ?? [];
    const frow = s.formulas?.[r] ?? [];
    const n = Math.max(row.length, frow.length);
    for (let c = n - 1; c >= 0; c--) {
      if (!isEmptyValue(row[c]) || frow[c]) {
        lastRow = s.origin.row + r;
        if (s.origin.col + c > lastCol) lastCol = s.origin.col + c;
        break;
      }
    }
  }
  return { lastRow, lastCol };
}

// ---------------------------------------------------------------------------------------------------------------
// Owned columns

export type OwnedKey =
  | 'id'
  | 'score'
  | 'rollup'
  | 'status'
  | 'pace'
  | 'updated'
  | 'kind'
  | 'type'
  | 'level'
  | 'confidence'
  | 'start'
  | 'target'
  | 'current';

/** Headers of the columns convert appends, in append order. The first, 'OKR ID', marks where the owned block starts. */
export const OWNED_HEADERS: Record<OwnedKey, Msg> = {
  id: msg('OKR ID', 'OKR 编号'),
  score: msg('OKR Score', 'OKR 得分'),
  // An objective that shares its row with its first KR: its own score, beside the KR's (no header word the reader
  // would take for an objective or score column).
  rollup: msg('OKR Rollup', 'OKR 汇总'),
  status: msg('OKR Status', 'OKR 状态'),
  pace: msg('OKR Pace', 'OKR 应有进度'),
  updated: msg('Updated', '更新时间'),
  kind: msg('Kind', '计分方式'),
  type: msg('Type', '类型'),
  level: msg('Level', '层级'),
  confidence: msg('Confidence', '信心'),
  start: msg('Start', '起始值'),
  target: msg('Target', '目标值'),
  current: msg('Current', '当前值'),
};

export const OWNED_ORDER: OwnedKey[] = [
  'id',
  'score',
  'rollup',
  'status',
  'pace',
  'updated',
  'kind',
  'type',
  'level',
  'confidence',
  'start',
  'target',
  'current',
];

const fold = (v: unknown) =>
  typeof v === 'string' ? v.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ') : '';

const OWNED_BY_TEXT = new Map<string, OwnedKey>();
for (const k of OWNED_ORDER)
  for (const lang of ['en', 'zh'] as Lang[]) OWNED_BY_TEXT.set(fold(OWNED_HEADERS[k][lang]), k);

/** The owned column a header cell names (either language), or null. */
export function ownedKeyOf(header: unknown): OwnedKey | null {
  return OWNED_BY_TEXT.get(fold(header)) ?? null;
}

export interface OwnedBlock {
  /** First and last column of the owned block (inclusive). */
  first: number;
  last: number;
  cols: Partial<Record<OwnedKey, number>>;
}

/**
 * The owned block a previous convert appended on `headerRow`: it starts at the 'OKR ID' header and runs over the
 * owned headers right after it. Null when the sheet was never converted.
 */
export function findOwnedBlock(s: SheetSnapshot, headerRow: number): OwnedBlock | null {
  const r = headerRow - s.origin.row;
  const row = s.values[r];
  if (!row) return null;
  for (let c = 0; c < row.length; c++) {
    if (ownedKeyOf(row[c]) !== 'id') continue;
    const cols: Partial<Record<OwnedKey, number>> = { id: s.origin.col + c };
    let last = c;
    for (let d = c + 1; d < row.length; d++) {
      const k = ownedKeyOf(row[d]);
      if (!k || cols[k] !== undefined) break;
      cols[k] = s.origin.col + d;
      last = d;
    }
    // An owned block always holds a score column: a lone user 'OKR ID' header is not one.
    if (cols.score === undefined) continue;
    return { first: s.origin.col + c, last: s.origin.col + last, cols };
  }
  return null;
}

/** An English count with its noun: plural(1, 'error') = '1 error', plural(2, 'key result') = '2 key results'. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
