/// <reference types="office-js" />
/**
 * Applying core's plan in Excel, generically: whatever a plan holds costs at most one lookup sync (the add-in's own
 * rules, tables, notes under patches, and the journal's reads), skipped when the read already fetched all of it,
 * then the writes, queued into syncs of at most SYNC_BUDGET bytes (one sync below the budget).
 */
import type { Rect } from '../core/model';
import {
  a1,
  boundingRect,
  colLetter,
  isOwnedRuleFormula,
  OWNED_CHART_PREFIX,
  rectA1,
  type CellBlock,
  type ChartSpec,
  type SheetPlan,
  type SheetSnapshot,
  type WorkbookPlan,
} from '../core/sheet-plan';
import { block, rectangular, toExcelInput } from './cells';
import { queueJournal, settleJournal, type PendingJournal, type SheetJournal } from './journal';
import { Batch, jsonBytes, rowBands, SMALL_OP, SYNC_BUDGET } from './payload';
import { keyOf, loadRuleDetails, type Known, type SheetKnown } from './read';
import { API, has, type ExcelSupport } from './support';

interface SheetLookup {
  sp: SheetPlan;
  ws: Excel.Worksheet;
  exists: boolean;
  known: SheetKnown | null;
  /** Whether the plan needs the add-in's rules (to replace them, or to journal them). */
  rules: boolean;
  named: Excel.Table | null;
  /** Our table from an earlier run among the sheet's tables (with its range), and whether any table overlaps. */
  tableRanges: { table: Excel.Table; range: Excel.Range }[];
  notes: { row: number; col: number; value: string; note: Excel.Note | null; had?: string }[];
  journal: PendingJournal | null;
  /** Per plan validation with keepExisting: the cells' validation now (the user's own dropdown stays). */
  existing: (Excel.DataValidation | null)[];
  /** The sheet's charts, when the plan sets them (an existing sheet). */
  charts: Excel.ChartCollection | null;
  /** The add-in's rules among the sheet's conditional formats (once looked up). */
  owned: Excel.ConditionalFormat[];
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

const overlaps = (a: Rect, b: Rect) =>
  a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;

function rectOf(r: Excel.Range): Rect {
  return { row: r.rowIndex, col: r.columnIndex, rows: r.rowCount, cols: r.columnCount };
}

/**
 * What the plan's existing sheets need that the read did not fetch: the sheet names (a restore), the conditional
 * formats, tables and frozen rows of a sheet other than the one read. Usually nothing (no sync).
 */
async function loadStructure(
  ctx: Excel.RequestContext,
  plan: WorkbookPlan,
  known: Known,
  withJournal: boolean,
): Promise<void> {
  const sheets = ctx.workbook.worksheets;
  if (!known.sheetNames) {
    sheets.load('items/name');
    await ctx.sync();
    known.sheetNames = sheets.items.map((s) => s.name);
  }
  let queued = false;
  for (const sp of plan.sheets) {
    if (!known.sheetNames.some((n) => sameName(n, sp.sheet)) || known.sheets.has(keyOf(sp.sheet))) continue;
    const needsRules = sp.replaceOwnedRules || (withJournal && sp.rules.length > 0);
    if (!needsRules && !sp.table && !(withJournal && sp.freezeRows !== undefined)) continue;
    const ws = sheets.getItem(sp.sheet);
    known.sheets.set(keyOf(sp.sheet), {
      ws,
      cfs: needsRules ? ws.getRange().conditionalFormats.load('items/type,items/id') : null,
      details: null,
      tables: sp.table ? ws.tables.load('items/name') : null,
      freeze:
        withJournal && sp.freezeRows !== undefined ? ws.freezePanes.getLocationOrNullObject().load('address') : null,
    });
    queued = true;
  }
  if (queued) await ctx.sync();
}

/** The snapshots the read made (the notes it saw need no lookup; a sheet read in part gets its written cells). */
export type ReadSheets = SheetSnapshot[];

/** A sheet plan's lookup, before anything is queued: its sheet (added later when missing) and what is known of it. */
function newLookup(ctx: Excel.RequestContext, sp: SheetPlan, names: string[], read: Known): SheetLookup {
  const sheets = ctx.workbook.worksheets;
  const exists = names.some((n) => sameName(n, sp.sheet));
  const known = exists ? (read.sheets.get(keyOf(sp.sheet)) ?? null) : null;
  const ws = known?.ws ?? (exists ? sheets.getItem(sp.sheet) : sheets.getItemOrNullObject(sp.sheet));
  return {
    sp,
    ws,
    exists,
    known,
    rules: false,
    named: null,
    tableRanges: [],
    notes: [],
    journal: null,
    existing: [],
    charts: null,
    owned: [],
  };
}

/** Queues what a sheet the plan creates needs: only whether its table's name is taken. */
function queueNewSheet(ctx: Excel.RequestContext, l: SheetLookup): boolean {
  l.notes = l.sp.notes.map((n) => ({ row: n.row, col: n.col, value: n.value, note: null }));
  if (!l.sp.table) return false;
  l.named = ctx.workbook.tables.getItemOrNullObject(l.sp.table.name);
  l.named.load('name');
  return true;
}

/** Queues the table lookups: the name taken or not, and the sheet's tables with their ranges. */
function queueTables(ctx: Excel.RequestContext, l: SheetLookup): boolean {
  if (!l.sp.table) return false;
  l.named = ctx.workbook.tables.getItemOrNullObject(l.sp.table.name);
  l.named.load('name');
  l.tableRanges = (l.known?.tables?.items ?? []).map((table) => ({
    table,
    range: table.getRange().load(['address', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount']),
  }));
  return true;
}

/** Queues the notes under the plan's note patches, except where the read saw them. */
function queueNotes(l: SheetLookup, seen: SheetSnapshot | undefined): boolean {
  let queued = false;
  l.notes = l.sp.notes.map((n) => {
    const had = seen?.notes?.[n.row - seen.origin.row]?.[n.col - seen.origin.col];
    if (typeof had === 'string') return { row: n.row, col: n.col, value: n.value, note: null, had };
    const note = l.ws.notes.getItemOrNullObject(rectA1({ row: n.row, col: n.col, rows: 1, cols: 1 }));
    note.load('content');
    queued = true;
    return { row: n.row, col: n.col, value: n.value, note };
  });
  return queued;
}

/** Queues the journal's reads (what a failure must put back beyond restorePlan); whether any needs a sync. */
function queueJournalOf(l: SheetLookup, support: ExcelSupport): boolean {
  l.journal = queueJournal(l.ws, l.sp, support, l.known?.freeze ?? null, l.known?.formats);
  return (
    l.journal.queuedFormats + l.journal.validations.length > 0 ||
    !!l.journal.header ||
    (!!l.journal.freeze && !l.known?.freeze)
  );
}

/** Queues the lookups of one existing sheet's plan; returns whether anything was queued. */
function queueLookup(
  ctx: Excel.RequestContext,
  l: SheetLookup,
  withJournal: boolean,
  support: ExcelSupport,
  seen: SheetSnapshot | undefined,
): boolean {
  let queued = false;
  l.rules = l.sp.replaceOwnedRules || (withJournal && l.sp.rules.length > 0);
  if (l.rules && l.known && !l.known.details) {
    loadRuleDetails(l.known, support);
    queued = true;
  }
  queued = queueTables(ctx, l) || queued;
  queued = queueNotes(l, seen) || queued;
  l.existing = l.sp.validations.map((v) =>
    v.keepExisting ? l.ws.getRange(rectA1(v.range)).dataValidation.load('type') : null,
  );
  queued ||= l.existing.some((x) => x);
  if (withJournal) queued = queueJournalOf(l, support) || queued;
  if (l.sp.charts) {
    l.charts = l.ws.charts.load('items/name');
    queued = true;
  }
  return queued;
}

/**
 * The one lookup sync (skipped when nothing is queued): every sheet plan's lookups, and the cells the plan writes on
 * a sheet read in part (readOriginals). Then the add-in's rules among each sheet's conditional formats.
 */
async function lookUp(
  ctx: Excel.RequestContext,
  lookups: SheetLookup[],
  withJournal: boolean,
  support: ExcelSupport,
  seen: ReadSheets,
): Promise<void> {
  let queued = false;
  const originals: PendingOriginal[] = [];
  // What the originals may take of a sync: the budget less the journal's number formats (read in the same sync).
  const room = Math.max(SYNC_BUDGET / 4, 0.9 * SYNC_BUDGET - (withJournal ? formatBytes(lookups) : 0));
  for (const l of lookups) {
    if (!l.exists) {
      queued = queueNewSheet(ctx, l) || queued;
      continue;
    }
    const snap = seen.find((n) => sameName(n.name, l.sp.sheet));
    queued = queueLookup(ctx, l, withJournal, support, snap) || queued;
    if (snap?.partial || (snap?.formulaCells && !snap.formulas))
      await queueOriginals(ctx, l.ws, l.sp, snap, originals, room);
  }
  if (queued || originals.length) await ctx.sync();
  originals.forEach(placeOriginal);
  for (const l of lookups)
    l.owned =
      l.rules && l.known?.details
        ? l.known.details.customs.filter((cf) => isOwnedRuleFormula(cf.custom.rule.formula))
        : [];
}

/** The journal's number formats of the plan's existing sheets, estimated at 8 bytes a cell (its JSON). */
function formatBytes(lookups: SheetLookup[]): number {
  let n = 0;
  for (const l of lookups)
    if (l.exists) for (const f of l.sp.numberFormats) n += 8 * f.formats.length * (f.formats[0]?.length ?? 0);
  return n;
}

/** A rectangle of cells a plan writes, read before anything is written (see queueOriginals). */
interface PendingOriginal {
  snap: SheetSnapshot;
  rect: Rect;
  range: Excel.Range;
  /** Whether the values are read too (a sheet read in part), or only the formulas (their values are known). */
  values: boolean;
  /** The answer's size, estimated from the cells to write. */
  bytes: number;
}

/**
 * The cells `sp` writes that the snapshot does not know: on a sheet read in part, every one (values and formulas);
 * on a sheet read without its formulas' text, the formulas where there are some (formulaCells). Queued for the lookup
 * sync, in bands of rows sized from the cells to write (what was there is about as large); when they would pass the
 * payload budget, the bands before are synced and placed first (syncs grow with the bytes needed only).
 */
async function queueOriginals(
  ctx: Excel.RequestContext,
  ws: Excel.Worksheet,
  sp: SheetPlan,
  snap: SheetSnapshot,
  pending: PendingOriginal[],
  /** The bytes a sync of them may carry. */
  room: number,
): Promise<void> {
  const values = !!snap.partial;
  for (const b of sp.writes) {
    const { cols } = block(b.cells);
    if (!cols) continue;
    for (const band of rowBands(b.cells, SYNC_BUDGET / 4)) {
      // Rows below the used range (a part read's appended rows) are known: blank.
      const end = Math.min(b.row + band.start + band.rows.length, snap.origin.row + snap.values.length);
      const rect = { row: b.row + band.start, col: b.col, rows: end - b.row - band.start, cols };
      if (rect.rows <= 0) continue;
      if (!values && !(snap.formulaCells ?? []).some((f) => overlaps(f, rect))) continue;
      // Rows a part read fetched whole with their formulas (an edit's check-in's log rows) are known already.
      if (values && knownRows(snap, rect)) continue;
      // What the cells hold is about as large as what is written there (as Excel takes it).
      const bytes = values
        ? 2 * band.bytes + 8 * band.rows.length * cols
        : jsonBytes(band.rows.map((r) => r.map(toExcelInput)));
      if (pending.length && pendingBytes(pending) + bytes > room) {
        await ctx.sync();
        pending.splice(0).forEach(placeOriginal);
      }
      const range = ws.getRange(rectA1(rect)).load(values ? ['values', 'formulas'] : ['formulas']);
      pending.push({ snap, rect, bytes, values, range });
    }
  }
}

/** Whether every row of `rect` was read with its formulas into the part-read `snap`. */
function knownRows(snap: SheetSnapshot, rect: Rect): boolean {
  for (let r = rect.row; r < rect.row + rect.rows; r++) if (!snap.formulas?.[r - snap.origin.row]) return false;
  return true;
}

const pendingBytes = (p: PendingOriginal[]) => p.reduce((n, o) => n + o.bytes, 0);

/**
 * Cells read before writing, placed into the snapshot they were missing from (a formula where Excel's formula
 * differs from the value: a text cell that starts with "=" reads the same in both).
 */
function placeOriginal(o: PendingOriginal): void {
  const { snap, rect } = o;
  const formulas = o.range.formulas as unknown[][];
  const values = o.values ? (o.range.values as unknown[][]) : null;
  snap.formulas ??= [];
  for (let r = 0; r < rect.rows; r++) {
    const at = rect.row - snap.origin.row + r;
    if (at < 0) continue;
    const vals = (snap.values[at] ??= []);
    const fs = (snap.formulas[at] ??= []);
    for (let c = 0; c < rect.cols; c++) {
      const k = rect.col - snap.origin.col + c;
      if (k < 0) continue;
      const v = values ? values[r][c] : vals[k];
      const f = formulas[r][c];
      vals[k] = v;
      fs[k] = typeof f === 'string' && f.startsWith('=') && f !== v ? f : '';
    }
  }
}

/** The journal of each existing sheet, once the lookups have synced. */
function settleJournals(lookups: SheetLookup[]): SheetJournal[] {
  return lookups.flatMap((l) => {
    if (!l.journal) return [];
    let table: SheetJournal['table'] = null;
    if (l.sp.table) {
      const ours = l.tableRanges.find((t) => sameName(t.table.name, l.sp.table!.name));
      table = {
        before: l.tableRanges.map((t) => t.table.name),
        ours: ours
          ? { name: ours.table.name, address: ours.range.address.slice(ours.range.address.lastIndexOf('!') + 1) }
          : null,
      };
    }
    return [settleJournal(l.journal, l.known?.cfs?.items ?? [], l.known?.details ?? null, l.owned, table)];
  });
}

/** The sheet a plan writes to: the existing one, or a new one added where the plan asks (after another sheet). */
async function sheetOf(batch: Batch, ctx: Excel.RequestContext, l: SheetLookup, names: string[]) {
  if (l.exists) return l.ws;
  const sp = l.sp;
  const afterIdx = sp.create?.after ? names.findIndex((n) => sameName(n, sp.create!.after!)) : -1;
  const pos = afterIdx >= 0 ? afterIdx + 1 : names.length;
  let added: Excel.Worksheet | null = null;
  await batch.add(SMALL_OP, () => {
    added = ctx.workbook.worksheets.add(sp.sheet);
    added.position = pos;
    // The add-in's own bookkeeping sheet (the marks Clear needs) stays out of sight.
    if (sp.hidden) added.visibility = 'Hidden' as Excel.SheetVisibility;
  });
  names.splice(pos, 0, sp.sheet);
  return added! as Excel.Worksheet;
}

/** The plan's workbook-wide steps, after the sheets: sheets to delete (a restore), the sheet to show, the cell. */
async function finishWorkbook(batch: Batch, ctx: Excel.RequestContext, plan: WorkbookPlan, names: string[]) {
  const sheets = ctx.workbook.worksheets;
  for (const name of plan.deleteSheets ?? [])
    if (names.some((n) => sameName(n, name))) await batch.add(SMALL_OP, () => sheets.getItem(name).delete());
  if (plan.activate) await batch.add(SMALL_OP, () => sheets.getItem(plan.activate!).activate());
  const at = plan.select;
  if (at)
    await batch.add(SMALL_OP, () =>
      sheets
        .getItem(at.sheet)
        .getRange(rectA1({ ...at, rows: 1, cols: 1 }))
        .select(),
    );
}

/**
 * Applies a plan: a lookup sync only when the plan needs something the read did not fetch, then the writes in as
 * many syncs as their bytes need (one below the budget). `read` holds what the read fetched (emptyKnown() for a
 * restore); `seen` the snapshots it made. `journal` is filled, before anything is written, with what a failure must
 * put back beyond restorePlan (see journal.ts).
 */
export async function applyPlan(
  ctx: Excel.RequestContext,
  plan: WorkbookPlan,
  read: Known,
  support: ExcelSupport,
  seen: ReadSheets = [],
  journal: SheetJournal[] | null = null,
): Promise<void> {
  await loadStructure(ctx, plan, read, !!journal);
  const names = [...(read.sheetNames ?? [])];
  const lookups = plan.sheets.map((sp) => newLookup(ctx, sp, names, read));
  await lookUp(ctx, lookups, !!journal, support, seen);
  if (journal) journal.push(...settleJournals(lookups));
  const batch = new Batch(ctx);
  for (const l of lookups) await applySheet(batch, await sheetOf(batch, ctx, l, names), l, support);
  await finishWorkbook(batch, ctx, plan, names);
  await batch.done();
}

/** Writes a block, in bands of rows when it is larger than a sync can carry. */
async function writeCells(batch: Batch, ws: Excel.Worksheet, b: CellBlock): Promise<void> {
  const { rows, cols } = block(b.cells);
  if (!rows || !cols) return;
  const m = rectangular(b.cells, cols, null).map((r) => r.map(toExcelInput));
  for (const band of rowBands(m)) {
    const address = rectA1({ row: b.row + band.start, col: b.col, rows: band.rows.length, cols });
    await batch.add(band.bytes + SMALL_OP, () => {
      ws.getRange(address).formulas = band.rows;
    });
  }
}

/**
 * Number formats: a run of columns each holding one format in every row is set with that single value (Office
 * applies a single value to every cell of the range), so a 10,000-row column costs a few bytes; other columns go
 * as a matrix, in bands of rows.
 */
async function writeFormats(
  batch: Batch,
  ws: Excel.Worksheet,
  f: { row: number; col: number; formats: string[][] },
): Promise<void> {
  const { rows, cols } = block(f.formats);
  if (!rows || !cols) return;
  const m = rectangular(f.formats, cols, 'General');
  for (const run of formatRuns(m)) {
    const at = { row: f.row, col: f.col + run.start, rows, cols: run.cols };
    if (run.single !== null) {
      const one = run.single;
      await batch.add(jsonBytes(one) + SMALL_OP, () => {
        ws.getRange(rectA1(at)).numberFormat = one as unknown as string[][];
      });
      continue;
    }
    for (const band of rowBands(m.map((r) => r.slice(run.start, run.start + run.cols)))) {
      const address = rectA1({ ...at, row: f.row + band.start, rows: band.rows.length });
      await batch.add(band.bytes + SMALL_OP, () => {
        ws.getRange(address).numberFormat = band.rows;
      });
    }
  }
}

/** Runs of adjacent columns: those sharing one format in every row (`single`), and the others (null). */
function formatRuns(m: string[][]): { start: number; cols: number; single: string | null }[] {
  const runs: { start: number; cols: number; single: string | null }[] = [];
  for (let c = 0; c < m[0].length; c++) {
    const first = m[0][c];
    const single = m.every((r) => r[c] === first) ? first : null;
    const last = runs[runs.length - 1];
    if (last && last.single === single) last.cols++;
    else runs.push({ start: c, cols: 1, single });
  }
  return runs;
}

async function writeRules(batch: Batch, ws: Excel.Worksheet, sp: SheetPlan, support: ExcelSupport): Promise<void> {
  for (const rule of sp.rules) {
    if (!rule.ranges.length) continue;
    // One rule over every area (RangeAreas, ExcelApi 1.9), else the same rule once per area.
    const targets = has(support, API.rangeAreas) ? [rule.ranges.map(rectA1).join(',')] : rule.ranges.map(rectA1);
    for (const address of targets)
      await batch.add(SMALL_OP + jsonBytes(rule.formula), () => {
        const on = has(support, API.rangeAreas) ? ws.getRanges(address) : ws.getRange(address);
        const cf = on.conditionalFormats.add('Custom' as Excel.ConditionalFormatType);
        cf.custom.rule.formula = rule.formula;
        cf.custom.format.fill.color = rule.fill;
        if (rule.fontColor) cf.custom.format.font.color = rule.fontColor;
      });
  }
}

async function writeBackgrounds(batch: Batch, ws: Excel.Worksheet, sp: SheetPlan): Promise<void> {
  if (!sp.backgrounds.length) return;
  const box = boundingRect(sp.backgrounds);
  // Cells not patched get {} and keep whatever fill they have.
  const m: Excel.SettableCellProperties[][] = Array.from({ length: box.rows }, () =>
    Array.from({ length: box.cols }, () => ({})),
  );
  for (const p of sp.backgrounds)
    m[p.row - box.row][p.col - box.col] = {
      format: { fill: p.value ? { color: p.value } : { pattern: 'None' } },
    } as Excel.SettableCellProperties;
  for (const band of rowBands(m)) {
    const address = rectA1({ row: box.row + band.start, col: box.col, rows: band.rows.length, cols: box.cols });
    await batch.add(band.bytes + SMALL_OP, () => ws.getRange(address).setCellProperties(band.rows));
  }
}

async function writeNotes(batch: Batch, ws: Excel.Worksheet, l: SheetLookup): Promise<void> {
  for (const n of l.notes) {
    const addr = rectA1({ row: n.row, col: n.col, rows: 1, cols: 1 });
    const current = n.had !== undefined ? n.had : n.note && !n.note.isNullObject ? n.note.content : '';
    if (current === n.value) continue;
    await batch.add(SMALL_OP + jsonBytes(n.value), () => {
      if (current && !n.value) ws.notes.getItem(addr).delete();
      else if (current) ws.notes.getItem(addr).content = n.value;
      else ws.notes.add(addr, n.value);
    });
  }
}

/** Dropdowns; the user's own on their column stays, and a list Excel would refuse (over 255 characters) is left out. */
async function writeValidations(batch: Batch, ws: Excel.Worksheet, l: SheetLookup): Promise<void> {
  for (let i = 0; i < l.sp.validations.length; i++) {
    const v = l.sp.validations[i];
    const had = l.existing[i];
    if (had && had.type !== 'None') continue;
    // A longer typed list would fail the whole batch.
    const source = v.list.map((x) => x.replace(/,/g, ' ')).join(',');
    if (source.length > 255) continue;
    await batch.add(SMALL_OP + source.length * 2, () => {
      const dv = ws.getRange(rectA1(v.range)).dataValidation;
      dv.clear();
      dv.rule = { list: { inCellDropDown: true, source } };
      dv.errorAlert = {
        showAlert: true,
        style: v.strict ? 'Stop' : 'Warning',
        title: 'OKR Grid',
        message: v.list.join(', '),
      };
    });
  }
}

/** The header's style, the table, frozen rows and column widths. */
async function writeLayout(batch: Batch, ws: Excel.Worksheet, l: SheetLookup, support: ExcelSupport): Promise<void> {
  const sp = l.sp;
  const h = sp.header;
  if (h)
    await batch.add(SMALL_OP, () => {
      const f = ws.getRange(rectA1(h.range)).format;
      f.font.bold = h.bold;
      f.fill.color = h.fill;
      f.font.color = h.fontColor;
    });
  if (sp.table) await batch.add(SMALL_OP, () => applyTable(ws, sp.table!, l, support));
  if (sp.freezeRows !== undefined) {
    const rows = sp.freezeRows;
    const cols = sp.freezeCols ?? 0;
    // Rows and columns together: the top-left pane A1 through the last frozen row and column.
    if (rows > 0 && cols > 0)
      await batch.add(SMALL_OP, () => ws.freezePanes.freezeAt(rectA1({ row: 0, col: 0, rows, cols })));
    else await batch.add(SMALL_OP, () => (rows > 0 ? ws.freezePanes.freezeRows(rows) : ws.freezePanes.unfreeze()));
  }
  for (const w of sp.columnWidths ?? [])
    await batch.add(SMALL_OP, () => {
      ws.getRange(`${colLetter(w.col)}:${colLetter(w.col)}`).format.columnWidth = Math.round(w.width * 0.75);
    });
}

/** One sheet plan, in the order a reader of the sheet expects: cells, formats, dropdowns, rules, marks, layout. */
async function applySheet(batch: Batch, ws: Excel.Worksheet, l: SheetLookup, support: ExcelSupport): Promise<void> {
  const sp = l.sp;
  if (sp.replaceAll) await batch.add(SMALL_OP, () => ws.getRange().clear('All' as Excel.ClearApplyTo));
  if (sp.replaceOwnedRules) for (const cf of l.owned) await batch.add(SMALL_OP, () => cf.delete());
  for (const b of sp.writes) await writeCells(batch, ws, b);
  for (const f of sp.numberFormats) await writeFormats(batch, ws, f);
  await writeValidations(batch, ws, l);
  await writeRules(batch, ws, sp, support);
  await writeBackgrounds(batch, ws, sp);
  await writeNotes(batch, ws, l);
  await writeLayout(batch, ws, l, support);
  // Charts last: they read the cells written above.
  if (sp.charts) {
    const specs = sp.charts;
    await batch.add(SMALL_OP * (1 + specs.length), () => applyCharts(ws, specs, l.charts ? l.charts.items : []));
  }
}

const CHART_TYPE: Record<ChartSpec['type'], Excel.ChartType> = {
  barStacked: 'BarStacked',
  column: 'ColumnClustered',
  line: 'Line',
} as Record<ChartSpec['type'], Excel.ChartType>;

/**
 * The add-in's charts on the sheet become `specs`: a chart of the same name gets the spec's data, type, title and
 * colours (setData rebuilds its series), a missing one is added; other charts named with the add-in's prefix are
 * deleted. A constant number of operations per chart.
 */
function applyCharts(ws: Excel.Worksheet, specs: ChartSpec[], existing: Excel.Chart[]): void {
  for (const spec of specs) {
    const range = ws.getRange(rectA1(spec.source));
    const old = existing.find((c) => c.name === spec.name);
    let chart: Excel.Chart;
    if (old) {
      chart = old;
      chart.chartType = CHART_TYPE[spec.type];
      chart.setData(range, 'Columns' as Excel.ChartSeriesBy);
    } else chart = ws.charts.add(CHART_TYPE[spec.type], range, 'Columns' as Excel.ChartSeriesBy);
    chart.name = spec.name;
    chart.title.text = spec.title;
    chart.setPosition(a1(spec.anchor.row, spec.anchor.col));
    chart.width = Math.round(spec.anchor.width * 0.75);
    chart.height = Math.round(spec.anchor.height * 0.75);
    chart.legend.position = 'Bottom' as Excel.ChartLegendPosition;
    chart.legend.visible = spec.type !== 'column';
    spec.colors.forEach((color, i) => {
      const series = chart.series.getItemAt(i);
      if (spec.type === 'line') series.format.line.color = color;
      else series.format.fill.setSolidColor(color);
    });
    if (spec.max !== undefined) {
      chart.axes.valueAxis.minimum = 0;
      chart.axes.valueAxis.maximum = spec.max;
    }
  }
  for (const c of existing)
    if (c.name.startsWith(OWNED_CHART_PREFIX) && !specs.some((s) => s.name === c.name)) c.delete();
}

function applyTable(
  ws: Excel.Worksheet,
  table: { name: string; range: Rect },
  l: SheetLookup,
  support: ExcelSupport,
): void {
  const addr = rectA1(table.range);
  const ours = l.tableRanges.find((t) => sameName(t.table.name, table.name));
  if (ours) {
    // Our table from an earlier run: grow or shrink it to the new rows (its header row stays where it is).
    const r = ours.range;
    if (r.rowIndex !== table.range.row || r.columnIndex !== table.range.col || r.address.endsWith('!' + addr)) return;
    if (has(support, API.tableResize)) ours.table.resize(addr);
    else {
      // Before Table.resize (ExcelApi 1.13): back to cells, then a table over the new rows under the same name.
      ours.table.convertToRange();
      ws.tables.add(addr, true).name = table.name;
    }
    return;
  }
  // A table the user made over these cells stays as it is.
  if (l.tableRanges.some((t) => overlaps(rectOf(t.range), table.range))) return;
  const created = ws.tables.add(addr, true);
  // The name is taken when our table sits elsewhere (e.g. the sheet was copied): keep Excel's default name then.
  if (!l.named || l.named.isNullObject) created.name = table.name;
}
