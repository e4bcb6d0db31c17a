/// <reference types="office-js" />
/**
 * Reading a workbook for a command in one sync: the active sheet's used range (values; formulas of the formula cells
 * only), every sheet name, the other sheets the command asks for, and what a plan may
 * touch on the active sheet (its conditional formats, tables, frozen rows), so applying needs no extra round trip.
 * Notes need a second sync (their cells are known only once the notes are), which also fetches the custom rules'
 * formulas and the fills of the cells a plan patches. When the answer would pass the payload limit, the sheets are read again in bands of rows (payload.ts).
 */
import type { CellRef } from '../core/model';
import type { PartialRead, ReadRequest, SheetSnapshot, WorkbookSnapshot } from '../core/sheet-plan';
import type { FormatsRead } from './journal';
import { isPayloadError, jsonBytes, SYNC_BUDGET } from './payload';
import { API, has, type ExcelSupport } from './support';

/** What is known about a sheet after reading, by the proxies of the same request context. */
export interface SheetKnown {
  ws: Excel.Worksheet;
  /** The sheet's conditional formats with items/type,id loaded. */
  cfs: Excel.ConditionalFormatCollection | null;
  /** True once the custom ones' formulas, colours and ranges are loaded (see loadRuleDetails). */
  details: RuleDetails | null;
  /** The sheet's tables, items/name loaded. */
  tables: Excel.TableCollection | null;
  /** The frozen rows' location, address loaded (a null object when nothing is frozen). */
  freeze: Excel.Range | null;
  /** Number formats read (and synced) before the apply, for its journal (see queueJournal). */
  formats?: FormatsRead[];
}

/** Custom rules with their formula and colours loaded, and their ranges (address loaded) for the journal. */
export interface RuleDetails {
  customs: Excel.ConditionalFormat[];
  ranges: { address: string }[];
}

export interface Known {
  /** Sheet names as read; null when unknown (a restore after a failed plan). */
  sheetNames: string[] | null;
  sheets: Map<string, SheetKnown>;
}

export const keyOf = (name: string) => name.toLowerCase();

export function emptyKnown(): Known {
  return { sheetNames: null, sheets: new Map() };
}

/**
 * The request as it applies to the active sheet: without the formulas' text when core does not need it
 * (activeFormulas false), then where the formulas are (a few addresses, ExcelApi 1.9); without that, the formulas.
 */
const forActive = (req: ReadRequest, support: ExcelSupport): ReadRequest =>
  req.activeFormulas === false && has(support, API.specialCells) ? { ...req, formulas: false } : req;

const wantsFormulaCells = (req: ReadRequest, support: ExcelSupport): boolean =>
  !req.formulas && req.activeFormulas === false && has(support, API.specialCells);

interface Pending {
  name: string;
  ws: Excel.Worksheet;
  range: Excel.Range;
  /** The formula cells (ExcelApi 1.9), or null when `formulas` are loaded for every cell. */
  formulaAreas: Excel.RangeCollection | null;
  /** Set when core lets this sheet be read in part (ReadRequest.partial); `part` then holds what was queued. */
  partial: PartialRead | null;
  part: PartPending | null;
}

/** A part read: the head rows and the last row whole, and the used cells of each column asked for. */
interface PartPending {
  head: Excel.Range;
  last: Excel.Range;
  columns: Excel.Range[];
}

const DIMS = ['rowIndex', 'columnIndex', 'rowCount', 'columnCount'];

const FILL_PROPS = { format: { fill: { color: true, pattern: true } } };

/**
 * Queues the read of `range`: values and formulas (of formula cells only when the host can say which). Fills are
 * never read for a whole range: only where a plan patches them, in the second sync (see readNotesAndFills).
 */
function queueCells(range: Excel.Range, req: ReadRequest, support: ExcelSupport, dims: boolean) {
  const props = [...DIMS];
  if (!dims) {
    props.push('values');
    if (req.formulas && !has(support, API.specialCells)) props.push('formulas');
  }
  range.load(props);
  if (dims) return { formulaAreas: null };
  const areas = () => range.getSpecialCellsOrNullObject('Formulas' as Excel.SpecialCellType).areas;
  const formulaAreas =
    req.formulas && has(support, API.specialCells)
      ? areas().load('items/rowIndex,items/columnIndex,items/formulas')
      : wantsFormulaCells(req, support)
        ? areas().load('items/rowIndex,items/columnIndex,items/rowCount,items/columnCount')
        : null;
  return { formulaAreas };
}

/**
 * Queues a part read of the used range `range`: its size, its head rows and last row (values), and, unless `banded`
 * (the columns then come in bands of rows), each asked column's used cells (its own used range: no more rows than
 * it fills).
 */
function queuePart(range: Excel.Range, partial: PartialRead, banded: boolean): PartPending {
  range.load(DIMS);
  const head = range.getRow(0).getResizedRange(Math.max(1, partial.headRows) - 1, 0);
  head.load(['values', 'rowIndex']);
  const last = range.getLastRow().load(['values', 'rowIndex']);
  const columns = banded
    ? []
    : partial.columns.map((c) =>
        range.getCell(0, c).getEntireColumn().getUsedRangeOrNullObject(true).load(['values', 'rowIndex']),
      );
  return { head, last, columns };
}

function plainFill(c: Excel.CellProperties): string {
  return c.format?.fill?.pattern === 'None' || !c.format?.fill?.color ? '' : String(c.format.fill.color).toLowerCase();
}

/** The formulas of a band's formula cells placed into the snapshot (rows `top`.. already hold their values). */
function placeFormulaAreas(snap: SheetSnapshot, top: number, rows: number, areas: Excel.RangeCollection): void {
  for (let r = 0; r < rows; r++) snap.formulas![top + r] = snap.values[top + r].map(() => '');
  if (areas.isNullObject) return;
  for (const a of areas.items) {
    const f = a.formulas as unknown[][];
    f.forEach((line, i) =>
      line.forEach((x, j) => {
        const row = snap.formulas![a.rowIndex - snap.origin.row + i];
        if (row && typeof x === 'string' && x.startsWith('=')) row[a.columnIndex - snap.origin.col + j] = x;
      }),
    );
  }
}

/** A band of a sheet's cells as read, placed into the snapshot's matrices at `top` (rows below the origin). */
function placeBand(
  snap: SheetSnapshot,
  top: number,
  range: Excel.Range,
  formulaAreas: Excel.RangeCollection | null,
): void {
  const values = range.values as unknown[][];
  for (let r = 0; r < values.length; r++) snap.values[top + r] = values[r];
  if (snap.formulaCells && formulaAreas && !formulaAreas.isNullObject)
    for (const a of formulaAreas.items)
      snap.formulaCells.push({ row: a.rowIndex, col: a.columnIndex, rows: a.rowCount, cols: a.columnCount });
  if (snap.formulas) {
    if (formulaAreas) placeFormulaAreas(snap, top, values.length, formulaAreas);
    else {
      const f = range.formulas as unknown[][];
      for (let r = 0; r < f.length; r++)
        snap.formulas[top + r] = f[r].map((x) => (typeof x === 'string' && x.startsWith('=') ? x : ''));
    }
  }
}

/** Whole rows read in part (the head, the last row) placed into a part-read snapshot; rows past its end dropped. */
function placeRows(snap: SheetSnapshot, range: Excel.Range): void {
  const values = range.values as unknown[][];
  values.forEach((line, i) => {
    const r = range.rowIndex - snap.origin.row + i;
    if (r >= 0 && r < snap.values.length) snap.values[r] = line.slice();
  });
}

/** Columns read in part placed into the snapshot; `cols[i]` is the absolute column of `ranges[i]`. */
function placeColumns(snap: SheetSnapshot, ranges: Excel.Range[], cols: number[]): void {
  ranges.forEach((range, i) => {
    if (range.isNullObject) return;
    const c = cols[i] - snap.origin.col;
    (range.values as unknown[][]).forEach((line, j) => {
      const row = snap.values[range.rowIndex - snap.origin.row + j];
      if (row && row[c] === undefined) row[c] = line[0];
    });
  });
}

function emptySnapshot(name: string, range: Excel.Range, req: ReadRequest, support: ExcelSupport): SheetSnapshot {
  const snap: SheetSnapshot = { name, origin: { row: range.rowIndex, col: range.columnIndex }, values: [] };
  if (req.formulas) snap.formulas = [];
  if (wantsFormulaCells(req, support)) snap.formulaCells = [];
  return snap;
}

/**
 * The snapshot of a sheet read in part: as many rows as its used range, each cell unknown (undefined) but for the
 * head rows, the last row and the columns read; no formulas (a cell the plan writes is read again before, see
 * apply.ts), so the snapshot says `partial`.
 */
function partSnapshot(name: string, range: Excel.Range, partial: PartialRead): SheetSnapshot {
  const origin = { row: range.rowIndex, col: range.columnIndex };
  const values: unknown[][] = Array.from({ length: range.rowCount }, () => []);
  return { name, origin, values, partial: { columns: partial.columns.map((c) => origin.col + c) } };
}

interface Queued {
  active: Pending;
  others: Pending[];
  notes: Excel.NoteCollection | null;
  sheets: Excel.WorksheetCollection;
  /** The sheet the user is on, when a subject was read instead. */
  shown: Excel.Worksheet | null;
}

/** Queues the read of another sheet by name (a sheet that does not exist is a null object, and so is its range). */
function queueOther(
  sheets: Excel.WorksheetCollection,
  want: string,
  req: ReadRequest,
  support: ExcelSupport,
  dims: boolean,
): Pending {
  const ws = sheets.getItemOrNullObject(want);
  ws.load('name');
  const range = ws.getUsedRangeOrNullObject(true);
  const partial = req.partial?.[want] ?? null;
  if (!partial) return { name: want, ws, range, partial, part: null, ...queueCells(range, req, support, dims) };
  return { name: want, ws, range, partial, part: queuePart(range, partial, dims), formulaAreas: null };
}

/** Everything of the first read; `dims` queues only the sizes of the used ranges (the banded read follows). */
function queueRead(
  ctx: Excel.RequestContext,
  req: ReadRequest,
  support: ExcelSupport,
  known: Known,
  dims: boolean,
): Queued {
  const sheets = ctx.workbook.worksheets;
  sheets.load('items/name');
  // The sheet the command works on: the active one, or the subject core asked for (the user stays where they are).
  const shownWs = sheets.getActiveWorksheet();
  const activeWs = req.subject ? sheets.getItem(req.subject) : shownWs;
  activeWs.load('name');
  if (req.subject) shownWs.load('name');
  // Fills are read in the second sync, only where the plan will patch them (see readWorkbook).
  const range = activeWs.getUsedRange(true);
  const active: Pending = {
    name: '',
    ws: activeWs,
    range,
    partial: null,
    part: null,
    ...queueCells(range, forActive(req, support), support, dims),
  };
  const notes = req.notes && has(support, API.notes) ? activeWs.notes.load('items/content') : null;
  const others = req.others.map((want) => queueOther(sheets, want, req, support, dims));
  const cfs = activeWs.getRange().conditionalFormats.load('items/type,items/id');
  const tables = activeWs.tables.load('items/name');
  const freeze = activeWs.freezePanes.getLocationOrNullObject().load('address');
  known.sheets.set('', { ws: activeWs, cfs, details: null, tables, freeze });
  return { active, others, notes, sheets, shown: req.subject ? shownWs : null };
}

/**
 * Reads `rows` rows in bands, each in its own sync, sized from the bytes the previous band took (`bytesPerRow` the
 * first guess). `queueBand(top, n)` queues a band and returns what places it once synced (and its bytes).
 */
async function inBands(
  ctx: Excel.RequestContext,
  rows: number,
  bytesPerRow: number,
  queueBand: (top: number, n: number) => () => number,
): Promise<void> {
  for (let top = 0; top < rows;) {
    let n = Math.max(1, Math.min(rows - top, Math.floor((SYNC_BUDGET * 0.9) / bytesPerRow)));
    for (;;) {
      const place = queueBand(top, n);
      try {
        await ctx.sync();
      } catch (e) {
        if (!isPayloadError(e) || n === 1) throw e;
        n = Math.max(1, Math.floor(n / 2));
        continue;
      }
      bytesPerRow = Math.max(1, place() / n);
      break;
    }
    top += n;
  }
}

/** Reads every band of `p`'s rows (values, formulas as asked). */
async function readBands(
  ctx: Excel.RequestContext,
  p: Pending,
  snap: SheetSnapshot,
  req: ReadRequest,
  support: ExcelSupport,
): Promise<void> {
  const cols = p.range.columnCount;
  // First guess: 64 bytes a cell (values and formulas as JSON); then measured.
  await inBands(ctx, p.range.rowCount, cols * 64, (top, n) => {
    const band = p.ws.getRangeByIndexes(p.range.rowIndex + top, p.range.columnIndex, n, cols);
    const q = queueCells(band, req, support, false);
    return () => {
      placeBand(snap, top, band, q.formulaAreas);
      // The areas' formulas, or only where they are (a sheet read without its formulas' text).
      const areas =
        q.formulaAreas && !q.formulaAreas.isNullObject
          ? q.formulaAreas.items.map((a) => (snap.formulas ? a.formulas : [a.rowIndex, a.columnIndex, a.rowCount]))
          : [];
      return jsonBytes(band.values) + jsonBytes(areas);
    };
  });
}

/** A part read past the budget: the head and last rows with the first band, then the asked columns in bands. */
async function readPartBands(ctx: Excel.RequestContext, p: Pending, snap: SheetSnapshot): Promise<void> {
  const partial = p.partial!;
  const cols = snap.partial!.columns;
  await inBands(ctx, p.range.rowCount, 24 * cols.length, (top, n) => {
    // The head and last rows ride on the first band (queued again if that band is retried smaller).
    const whole = top === 0 ? queuePart(p.range, partial, true) : null;
    const bands = cols.map((c) => p.ws.getRangeByIndexes(p.range.rowIndex + top, c, n, 1).load(['values', 'rowIndex']));
    return () => {
      if (whole) placePartRows(snap, whole);
      placeColumns(snap, bands, cols);
      return jsonBytes(bands.map((b) => b.values));
    };
  });
}

/** The head rows and the last row of a part read, placed (before the columns, which fill only unknown cells). */
function placePartRows(snap: SheetSnapshot, part: PartPending): void {
  placeRows(snap, part.head);
  placeRows(snap, part.last);
}

/** A sheet's snapshot from what the first read fetched, or read again in bands when it was too large. */
async function placeSheet(
  ctx: Excel.RequestContext,
  p: Pending,
  name: string,
  req: ReadRequest,
  banded: boolean,
  support: ExcelSupport,
): Promise<SheetSnapshot> {
  if (p.partial) {
    const snap = partSnapshot(name, p.range, p.partial);
    if (banded) await readPartBands(ctx, p, snap);
    else {
      placePartRows(snap, p.part!);
      placeColumns(snap, p.part!.columns, snap.partial!.columns);
    }
    return snap;
  }
  const snap = emptySnapshot(name, p.range, req, support);
  if (banded) await readBands(ctx, p, snap, req, support);
  else placeBand(snap, 0, p.range, p.formulaAreas);
  return snap;
}

/** Reads the cells of the notes (ExcelApi 1.18) into a matrix shaped like the snapshot's values. */
function placeNotes(snap: SheetSnapshot, notes: Excel.NoteCollection, locs: Excel.Range[]): void {
  const m = snap.values.map((r) => r.map(() => ''));
  notes.items.forEach((n, i) => {
    const r = locs[i].rowIndex - snap.origin.row;
    const c = locs[i].columnIndex - snap.origin.col;
    if (m[r] && c >= 0 && c < m[r].length) m[r][c] = n.content;
  });
  snap.notes = m;
}

/** Queues the formulas, colours and ranges of a sheet's custom rules (its conditional formats' types are loaded). */
export function loadRuleDetails(k: SheetKnown, support: ExcelSupport): void {
  if (!k.cfs || k.details) return;
  const customs = k.cfs.items.filter((cf) => cf.type === 'Custom');
  const ranges = customs.map((cf) => {
    cf.custom.rule.load('formula');
    cf.custom.format.fill.load('color');
    cf.custom.format.font.load('color');
    // One area per rule where the host has no RangeAreas (the add-in adds one rule per area there).
    return has(support, API.rangeAreas) ? cf.getRanges().load('address') : cf.getRangeOrNullObject().load('address');
  });
  k.details = { customs, ranges };
}

/** The first read's sync; too large for one sync (the payload limit), only the sizes, then the bands follow. */
async function firstRead(
  ctx: Excel.RequestContext,
  req: ReadRequest,
  support: ExcelSupport,
  known: Known,
): Promise<{ q: Queued; banded: boolean }> {
  const q = queueRead(ctx, req, support, known, false);
  try {
    await ctx.sync();
    return { q, banded: false };
  } catch (e) {
    if (!isPayloadError(e)) throw e;
    known.sheets.clear();
    const sizes = queueRead(ctx, req, support, known, true);
    await ctx.sync();
    return { q: sizes, banded: true };
  }
}

/** The notes' cells and the fills where the plan will patch them, in one more sync (with the rules' details). */
async function readNotesAndFills(
  ctx: Excel.RequestContext,
  q: Queued,
  snap: WorkbookSnapshot,
  activeKnown: SheetKnown,
  wantFills: boolean,
  fillCells: (snap: WorkbookSnapshot) => CellRef[],
  support: ExcelSupport,
): Promise<void> {
  const locs = q.notes ? q.notes.items.map((n) => n.getLocation().load(['rowIndex', 'columnIndex'])) : [];
  // Fills where the plan will patch them: its first run's cells, and every note's cell (a highlight's note).
  const fillReads = wantFills
    ? [
        ...queueFills(q.active.ws, fillCells(snap)),
        ...locs.map((loc) => ({ at: loc, props: loc.getCellProperties(FILL_PROPS) })),
      ]
    : [];
  // The apply needs the rules' details, and this sync happens anyway.
  loadRuleDetails(activeKnown, support);
  await ctx.sync();
  if (q.notes) placeNotes(snap.active, q.notes, locs);
  if (wantFills) placeFills(snap.active, fillReads);
}

/**
 * The snapshot a command needs and what the apply can reuse (`known`). One sync; a second when notes are read.
 * A read too large for one sync is read again in bands (sizes first, then rows), whatever else it costs.
 */
export async function readSnapshot(
  ctx: Excel.RequestContext,
  req: ReadRequest,
  today: string,
  support: ExcelSupport,
  /** The cells whose fill the command needs, from the snapshot read so far (without notes and fills). */
  fillCells: (snap: WorkbookSnapshot) => CellRef[] = () => [],
): Promise<{ snap: WorkbookSnapshot; known: Known }> {
  const known: Known = { sheetNames: null, sheets: new Map() };
  const { q, banded } = await firstRead(ctx, req, support, known);
  const activeName = q.active.ws.name;
  const activeKnown = known.sheets.get('')!;
  known.sheets.delete('');
  known.sheets.set(keyOf(activeName), activeKnown);
  known.sheetNames = q.sheets.items.map((s) => s.name);

  const active = await placeSheet(ctx, q.active, activeName, forActive(req, support), banded, support);
  const others: Record<string, SheetSnapshot> = {};
  for (const o of q.others) {
    if (o.ws.isNullObject || o.range.isNullObject || keyOf(o.ws.name) === keyOf(activeName)) continue;
    others[o.ws.name] = await placeSheet(ctx, o, o.ws.name, req, banded, support);
  }
  const snap: WorkbookSnapshot = { host: 'excel', active, sheetNames: known.sheetNames, others, today };
  if (q.shown && q.shown.name !== activeName) snap.shown = q.shown.name;
  const wantFills = req.backgrounds && has(support, API.notes) && has(support, API.cellProperties);
  if (q.notes || wantFills) await readNotesAndFills(ctx, q, snap, activeKnown, wantFills, fillCells, support);
  return { snap, known };
}

/** Fills of one row's cells from `at` (its rowIndex and columnIndex are known once synced). */
type FillRead = {
  at: { rowIndex: number; columnIndex: number };
  props: OfficeExtension.ClientResult<Excel.CellProperties[][]>;
};

/** One read per row of the cells asked for (from its first to its last such cell). */
function queueFills(ws: Excel.Worksheet, cells: CellRef[]): FillRead[] {
  const byRow = new Map<number, { first: number; last: number }>();
  for (const c of cells) {
    const span = byRow.get(c.row);
    if (!span) byRow.set(c.row, { first: c.col, last: c.col });
    else {
      span.first = Math.min(span.first, c.col);
      span.last = Math.max(span.last, c.col);
    }
  }
  return [...byRow.entries()].map(([row, { first, last }]) => ({
    at: { rowIndex: row, columnIndex: first },
    props: ws.getRangeByIndexes(row, first, 1, last - first + 1).getCellProperties(FILL_PROPS),
  }));
}

/** The fills read into a matrix shaped like the snapshot's values ('' elsewhere: only the cells asked for count). */
function placeFills(snap: SheetSnapshot, reads: FillRead[]): void {
  const m = snap.values.map((r) => r.map(() => ''));
  for (const f of reads) {
    const line = m[f.at.rowIndex - snap.origin.row];
    if (!line) continue;
    f.props.value[0].forEach((c, j) => {
      const k = f.at.columnIndex - snap.origin.col + j;
      if (k >= 0 && k < line.length) line[k] = plainFill(c);
    });
  }
  snap.backgrounds = m;
}
