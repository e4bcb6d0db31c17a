/// <reference types="office-js" />
/**
 * Reading a workbook for a command in one sync: the active sheet's used range (values; formulas of the formula cells
 * only; per-cell fills when asked), every sheet name, the other sheets the command asks for, and what a plan may
 * touch on the active sheet (its conditional formats, tables, frozen rows), so applying needs no extra round trip.
 * Notes need a second sync (their cells are known only once the notes are), which also fetches the custom rules'
 * formulas. When the answer would pass the payload limit, the sheets are read again in bands of rows (payload.ts).
 */
import type { CellRef } from '../core/model';
import type { ReadRequest, SheetSnapshot, WorkbookSnapshot } from '../core/sheet-plan';
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

interface Pending {
  name: string;
  ws: Excel.Worksheet;
  range: Excel.Range;
  /** The formula cells (ExcelApi 1.9), or null when `formulas` are loaded for every cell. */
  formulaAreas: Excel.RangeCollection | null;
  fills: OfficeExtension.ClientResult<Excel.CellProperties[][]> | null;
}

const FILL_PROPS = { format: { fill: { color: true, pattern: true } } };

/** Queues the read of `range`: values, formulas (of formula cells only when the host can say which), fills. */
function queueCells(range: Excel.Range, req: ReadRequest, fills: boolean, support: ExcelSupport, dims: boolean) {
  const props = ['rowIndex', 'columnIndex', 'rowCount', 'columnCount'];
  if (!dims) {
    props.push('values');
    if (req.formulas && !has(support, API.specialCells)) props.push('formulas');
  }
  range.load(props);
  if (dims) return { formulaAreas: null, fills: null };
  const formulaAreas =
    req.formulas && has(support, API.specialCells)
      ? range.getSpecialCellsOrNullObject('Formulas').areas.load('items/rowIndex,items/columnIndex,items/formulas')
      : null;
  return { formulaAreas, fills: fills ? range.getCellProperties(FILL_PROPS) : null };
}

function plainFill(c: Excel.CellProperties): string {
  return c.format?.fill?.pattern === 'None' || !c.format?.fill?.color ? '' : String(c.format.fill.color).toLowerCase();
}

/** A band of a sheet's cells as read, placed into the snapshot's matrices at `top` (rows below the origin). */
function placeBand(
  snap: SheetSnapshot,
  top: number,
  range: Excel.Range,
  formulaAreas: Excel.RangeCollection | null,
  fills: Pending['fills'],
): void {
  const values = range.values as unknown[][];
  for (let r = 0; r < values.length; r++) snap.values[top + r] = values[r];
  if (snap.formulas) {
    if (formulaAreas) {
      for (let r = 0; r < values.length; r++) snap.formulas[top + r] = values[r].map(() => '');
      if (!formulaAreas.isNullObject)
        for (const a of formulaAreas.items) {
          const f = a.formulas as unknown[][];
          f.forEach((line, i) =>
            line.forEach((x, j) => {
              const row = snap.formulas![a.rowIndex - snap.origin.row + i];
              if (row && typeof x === 'string' && x.startsWith('=')) row[a.columnIndex - snap.origin.col + j] = x;
            }),
          );
        }
    } else {
      const f = range.formulas as unknown[][];
      for (let r = 0; r < f.length; r++)
        snap.formulas[top + r] = f[r].map((x) => (typeof x === 'string' && x.startsWith('=') ? x : ''));
    }
  }
  if (snap.backgrounds && fills)
    for (let r = 0; r < fills.value.length; r++) snap.backgrounds[top + r] = fills.value[r].map(plainFill);
}

function emptySnapshot(name: string, range: Excel.Range, req: ReadRequest, fills: boolean): SheetSnapshot {
  const snap: SheetSnapshot = { name, origin: { row: range.rowIndex, col: range.columnIndex }, values: [] };
  if (req.formulas) snap.formulas = [];
  if (fills) snap.backgrounds = [];
  return snap;
}

interface Queued {
  active: Pending;
  others: Pending[];
  notes: Excel.NoteCollection | null;
  sheets: Excel.WorksheetCollection;
  /** The sheet the user is on, when a subject was read instead. */
  shown: Excel.Worksheet | null;
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
  const active: Pending = { name: '', ws: activeWs, range, ...queueCells(range, req, false, support, dims) };
  const notes = req.notes && has(support, API.notes) ? activeWs.notes.load('items/content') : null;
  // Others by name: a sheet that does not exist is a null object (and so is its used range).
  const others = req.others.map((want) => {
    const ws = sheets.getItemOrNullObject(want);
    ws.load('name');
    const r = ws.getUsedRangeOrNullObject(true);
    return { name: want, ws, range: r, ...queueCells(r, req, false, support, dims) };
  });
  const cfs = activeWs.getRange().conditionalFormats.load('items/type,items/id');
  const tables = activeWs.tables.load('items/name');
  const freeze = activeWs.freezePanes.getLocationOrNullObject().load('address');
  known.sheets.set('', { ws: activeWs, cfs, details: null, tables, freeze });
  return { active, others, notes, sheets, shown: req.subject ? shownWs : null };
}

/** Reads every band of `p`'s rows, each in its own sync, sized from the bytes the previous band took. */
async function readBands(
  ctx: Excel.RequestContext,
  p: Pending,
  snap: SheetSnapshot,
  req: ReadRequest,
  fills: boolean,
  support: ExcelSupport,
): Promise<void> {
  const rows = p.range.rowCount;
  const cols = p.range.columnCount;
  // First guess: 64 bytes a cell (values and formulas as JSON), 60 more with fills; then measured.
  let bytesPerRow = cols * (64 + (fills ? 60 : 0));
  for (let top = 0; top < rows;) {
    let n = Math.max(1, Math.min(rows - top, Math.floor((SYNC_BUDGET * 0.9) / bytesPerRow)));
    for (;;) {
      const band = p.ws.getRangeByIndexes(p.range.rowIndex + top, p.range.columnIndex, n, cols);
      const q = queueCells(band, req, fills, support, false);
      try {
        await ctx.sync();
      } catch (e) {
        if (!isPayloadError(e) || n === 1) throw e;
        n = Math.max(1, Math.floor(n / 2));
        continue;
      }
      placeBand(snap, top, band, q.formulaAreas, q.fills);
      const got =
        jsonBytes(band.values) +
        (q.formulaAreas && !q.formulaAreas.isNullObject ? jsonBytes(q.formulaAreas.items.map((a) => a.formulas)) : 0) +
        (q.fills ? jsonBytes(q.fills.value) : 0);
      bytesPerRow = Math.max(1, got / n);
      break;
    }
    top += n;
  }
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

/**
 * The snapshot a command needs and what the apply can reuse (`known`). One sync; a second when notes are read.
 * A read too large for one sync is read again in bands (sizes first, then rows), whatever else it costs.
 */
export async function readWorkbook(
  ctx: Excel.RequestContext,
  req: ReadRequest,
  today: string,
  support: ExcelSupport,
  /** The cells whose fill the command needs, from the snapshot read so far (without notes and fills). */
  fillCells: (snap: WorkbookSnapshot) => CellRef[] = () => [],
): Promise<{ snap: WorkbookSnapshot; known: Known }> {
  const known: Known = { sheetNames: null, sheets: new Map() };
  const fills = false;
  let q = queueRead(ctx, req, support, known, false);
  let banded = false;
  try {
    await ctx.sync();
  } catch (e) {
    if (!isPayloadError(e)) throw e;
    banded = true;
    known.sheets.clear();
    q = queueRead(ctx, req, support, known, true);
    await ctx.sync();
  }
  const activeName = q.active.ws.name;
  const activeKnown = known.sheets.get('')!;
  known.sheets.delete('');
  known.sheets.set(keyOf(activeName), activeKnown);
  known.sheetNames = q.sheets.items.map((s) => s.name);

  const active = emptySnapshot(activeName, q.active.range, req, fills);
  if (banded) await readBands(ctx, q.active, active, req, fills, support);
  else placeBand(active, 0, q.active.range, q.active.formulaAreas, q.active.fills);
  const others: Record<string, SheetSnapshot> = {};
  for (const o of q.others) {
    if (o.ws.isNullObject || o.range.isNullObject || keyOf(o.ws.name) === keyOf(activeName)) continue;
    const snap = emptySnapshot(o.ws.name, o.range, req, false);
    if (banded) await readBands(ctx, o, snap, req, false, support);
    else placeBand(snap, 0, o.range, o.formulaAreas, null);
    others[o.ws.name] = snap;
  }

  const snap: WorkbookSnapshot = { host: 'excel', active, sheetNames: known.sheetNames, others, today };
  if (q.shown && q.shown.name !== activeName) snap.shown = q.shown.name;
  const wantFills = req.backgrounds && has(support, API.notes) && has(support, API.cellProperties);
  if (q.notes || wantFills) {
    // The notes' cells and the fills where the plan will patch them; the rules' details ride along, as the apply
    // needs them and this sync happens anyway.
    const locs = q.notes ? q.notes.items.map((n) => n.getLocation().load(['rowIndex', 'columnIndex'])) : [];
    // Fills where the plan will patch them: its first run's cells, and every note's cell (a highlight's note).
    const fillReads = wantFills
      ? [
          ...queueFills(q.active.ws, fillCells(snap)),
          ...locs.map((loc) => ({ at: loc, props: loc.getCellProperties(FILL_PROPS) })),
        ]
      : [];
    loadRuleDetails(activeKnown, support);
    await ctx.sync();
    if (q.notes) placeNotes(active, q.notes, locs);
    if (wantFills) placeFills(active, fillReads);
  }
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
