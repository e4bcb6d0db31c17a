/**
 * A pure, in-memory workbook that applies a WorkbookPlan the way docs/host-contract.md describes.
 * Used by tests only (idempotency, nothing lost, restore); never by the hosts.
 */
import type {
  ChartSpec,
  HostKind,
  PlanCell,
  SheetPlan,
  WorkbookPlan,
  WorkbookSnapshot,
  SheetSnapshot,
  ListValidation,
  ConditionalRule,
  HeaderStyle,
  ReadRequest,
} from '../core/sheet-plan';
import { isOwnedRuleFormula } from '../core/sheet-plan';
import type { Rect } from '../core/model';

export interface SimulatedSheet {
  name: string;
  /** Dense from A1. '' = empty. A formula cell holds '' here (nothing recalculates) and its text in `formulas`. */
  values: unknown[][];
  formulas: string[][];
  notes: string[][];
  backgrounds: string[][];
  /** '' = General. */
  formats: string[][];
  validations: ListValidation[];
  rules: ConditionalRule[];
  freezeRows?: number;
  freezeCols?: number;
  header?: HeaderStyle;
  table?: { name: string; range: Rect };
  widths: Record<number, number>;
  charts?: ChartSpec[];
}

export interface SimBook {
  host: HostKind;
  today: string;
  sheets: SimulatedSheet[];
}

function emptySheet(name: string): SimulatedSheet {
  return {
    name,
    values: [],
    formulas: [],
    notes: [],
    backgrounds: [],
    formats: [],
    validations: [],
    rules: [],
    widths: {},
  };
}

function grow<T>(grid: T[][], rows: number, cols: number, fill: T): void {
  while (grid.length < rows) grid.push([]);
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r];
    while (row.length < cols) row.push(fill);
  }
}

function sheetSize(s: SimulatedSheet): { rows: number; cols: number } {
  return { rows: s.values.length, cols: s.values.reduce((m, r) => Math.max(m, r.length), 0) };
}

function ensure(s: SimulatedSheet, rows: number, cols: number): void {
  const size = sheetSize(s);
  const R = Math.max(rows, size.rows);
  const C = Math.max(cols, size.cols);
  grow(s.values, R, C, '' as unknown);
  grow(s.formulas, R, C, '');
  grow(s.notes, R, C, '');
  grow(s.backgrounds, R, C, '');
  grow(s.formats, R, C, '');
}

function sheetFromSnapshot(snap: SheetSnapshot): SimulatedSheet {
  const s = emptySheet(snap.name);
  const rows = snap.values.length;
  const cols = snap.values.reduce((m, r) => Math.max(m, r.length), 0);
  ensure(s, snap.origin.row + rows, snap.origin.col + cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const R = snap.origin.row + r;
      const C = snap.origin.col + c;
      const v = snap.values[r]?.[c];
      s.values[R][C] = v === undefined || v === null ? '' : v;
      const f = snap.formulas?.[r]?.[c];
      if (f) {
        s.formulas[R][C] = f;
      }
      s.notes[R][C] = snap.notes?.[r]?.[c] ?? '';
      s.backgrounds[R][C] = snap.backgrounds?.[r]?.[c] ?? '';
    }
  }
  return s;
}

/** A workbook holding the snapshot's active sheet, its other sheets, and empty sheets for the remaining names. */
export function bookFromSnapshot(snap: WorkbookSnapshot): SimBook {
  const sheets: SimulatedSheet[] = [];
  const names = snap.sheetNames.includes(snap.active.name) ? snap.sheetNames : [...snap.sheetNames, snap.active.name];
  for (const name of names) {
    if (name === snap.active.name) sheets.push(sheetFromSnapshot(snap.active));
    else if (snap.others[name]) sheets.push(sheetFromSnapshot(snap.others[name]));
    else sheets.push(emptySheet(name));
  }
  return { host: snap.host, today: snap.today, sheets };
}

function clone(book: SimBook): SimBook {
  return structuredClone(book);
}

function writeCell(s: SimulatedSheet, r: number, c: number, cell: PlanCell): void {
  if (cell !== null && typeof cell === 'object') {
    s.values[r][c] = '';
    s.formulas[r][c] = cell.f;
  } else {
    s.values[r][c] = cell === null ? '' : cell;
    s.formulas[r][c] = '';
  }
}

function sameRect(a: Rect, b: Rect): boolean {
  return a.row === b.row && a.col === b.col && a.rows === b.rows && a.cols === b.cols;
}

function applySheet(book: SimBook, p: SheetPlan): void {
  let s = book.sheets.find((x) => x.name === p.sheet);
  if (!s) {
    s = emptySheet(p.sheet);
    const after = p.create?.after ? book.sheets.findIndex((x) => x.name === p.create!.after) : -1;
    if (after >= 0) book.sheets.splice(after + 1, 0, s);
    else book.sheets.push(s);
  }
  if (p.replaceAll) {
    const fresh = emptySheet(p.sheet);
    Object.assign(s, fresh);
  }
  for (const b of p.writes) {
    const rows = b.cells.length;
    const cols = b.cells.reduce((m, r) => Math.max(m, r.length), 0);
    ensure(s, b.row + rows, b.col + cols);
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < b.cells[r].length; c++) writeCell(s, b.row + r, b.col + c, b.cells[r][c]);
  }
  for (const f of p.numberFormats) {
    const rows = f.formats.length;
    const cols = f.formats.reduce((m, r) => Math.max(m, r.length), 0);
    ensure(s, f.row + rows, f.col + cols);
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < f.formats[r].length; c++)
        s.formats[f.row + r][f.col + c] = f.formats[r][c] === 'General' ? '' : f.formats[r][c];
  }
  for (const v of p.validations) {
    s.validations = s.validations.filter((x) => !sameRect(x.range, v.range));
    s.validations.push(JSON.parse(JSON.stringify(v)));
  }
  if (p.replaceOwnedRules) s.rules = s.rules.filter((r) => !isOwnedRuleFormula(r.formula));
  for (const r of p.rules) s.rules.push(JSON.parse(JSON.stringify(r)));
  for (const b of p.backgrounds) {
    ensure(s, b.row + 1, b.col + 1);
    s.backgrounds[b.row][b.col] = b.value;
  }
  for (const n of p.notes) {
    ensure(s, n.row + 1, n.col + 1);
    s.notes[n.row][n.col] = n.value;
  }
  if (p.freezeRows !== undefined) s.freezeRows = p.freezeRows;
  if (p.freezeCols !== undefined) s.freezeCols = p.freezeCols;
  if (p.header) s.header = JSON.parse(JSON.stringify(p.header));
  if (p.table) {
    ensure(s, p.table.range.row + p.table.range.rows, p.table.range.col + p.table.range.cols);
    s.table = JSON.parse(JSON.stringify(p.table));
  }
  for (const w of p.columnWidths ?? []) s.widths[w.col] = w.width;
  if (p.charts) s.charts = JSON.parse(JSON.stringify(p.charts));
}

/** The workbook after `plan`, as a host would leave it. Pure: `book` is not changed. */
export function applyPlan(book: SimBook, plan: WorkbookPlan): SimBook {
  const out = clone(book);
  for (const name of plan.deleteSheets ?? []) out.sheets = out.sheets.filter((s) => s.name !== name);
  for (const p of plan.sheets) applySheet(out, p);
  return out;
}

function trimmedSize(s: SimulatedSheet): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  for (let r = 0; r < s.values.length; r++) {
    for (let c = 0; c < s.values[r].length; c++) {
      if (s.values[r][c] !== '' || s.formulas[r]?.[c] || s.notes[r]?.[c] || s.backgrounds[r]?.[c]) {
        if (r + 1 > rows) rows = r + 1;
        if (c + 1 > cols) cols = c + 1;
      }
    }
  }
  return { rows, cols };
}

/** What a host would read from `name` (its used range from A1), with the parts `req` asks for. */
export function sheetSnapshot(
  book: SimBook,
  name: string,
  req: Partial<ReadRequest> = { formulas: true, notes: true, backgrounds: true },
): SheetSnapshot {
  const s = book.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  const { rows, cols } = trimmedSize(s);
  const take = <T>(g: T[][], d: T) =>
    Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => (g[r]?.[c] ?? d) as T));
  const snap: SheetSnapshot = { name, origin: { row: 0, col: 0 }, values: take(s.values, '' as unknown) };
  if (req.formulas) snap.formulas = take(s.formulas, '');
  if (req.notes) snap.notes = take(s.notes, '');
  if (req.backgrounds) snap.backgrounds = take(s.backgrounds, '');
  return snap;
}

/** A WorkbookSnapshot with `active` as the active sheet and the requested others, as a host reads it. */
export function workbookSnapshot(
  book: SimBook,
  active: string,
  req: ReadRequest = { formulas: true, notes: true, backgrounds: true, others: [] },
): WorkbookSnapshot {
  const others: Record<string, SheetSnapshot> = {};
  const subject = req.subject && book.sheets.some((s) => s.name === req.subject) ? req.subject : active;
  for (const o of req.others)
    if (o !== subject && book.sheets.some((s) => s.name === o)) others[o] = sheetSnapshot(book, o, req);
  const snap: WorkbookSnapshot = {
    host: book.host,
    today: book.today,
    sheetNames: book.sheets.map((s) => s.name),
    active: sheetSnapshot(book, subject, req),
    others,
  };
  if (subject !== active) snap.shown = active;
  return snap;
}

/** A sheet's content in a canonical form (trailing empties trimmed) so two books can be compared with toEqual. */
export function canonicalSheet(s: SimulatedSheet): unknown {
  const { rows, cols } = trimmedSize(s);
  let frows = 0;
  let fcols = 0;
  s.formats.forEach((row, r) =>
    row.forEach((f, c) => {
      if (f) {
        frows = Math.max(frows, r + 1);
        fcols = Math.max(fcols, c + 1);
      }
    }),
  );
  const R = Math.max(rows, frows);
  const C = Math.max(cols, fcols);
  const take = <T>(g: T[][], d: T) =>
    Array.from({ length: R }, (_, r) => Array.from({ length: C }, (_, c) => (g[r]?.[c] ?? d) as T));
  return {
    name: s.name,
    values: take(s.values, '' as unknown),
    formulas: take(s.formulas, ''),
    notes: take(s.notes, ''),
    backgrounds: take(s.backgrounds, ''),
    formats: take(s.formats, ''),
    validations: [...s.validations].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    rules: s.rules,
    freezeRows: s.freezeRows,
    header: s.header,
    table: s.table,
    widths: s.widths,
    charts: s.charts ?? [],
  };
}

export function canonicalBook(book: SimBook): unknown {
  return book.sheets.map(canonicalSheet);
}
