/// <reference types="office-js" />
/**
 * The Excel host: read the sheet in one batch, hand it to core, apply core's plan in a constant number of syncs.
 * No OKR logic here. Syncs per command, always the same: 1 read (+1 when the command reads notes or other sheets),
 * then, unless the command only reports, 1 lookup (the add-in's own conditional formats, table, notes), 1 for the
 * formulas of custom rules, and 1 apply. Neither the rows nor the plan's contents change that count. A failed apply
 * is put back with restorePlan (1 + 3 syncs) then the journal (2 syncs; its reads rode on the lookup syncs).
 */
import { editChecksIn, readsFor, restorePlan, runCommand, updatedStamp, type CommandName } from '../core/commands';
import { msg, type Msg } from '../core/i18n';
import type { Rect } from '../core/model';
import type { Settings } from '../core/settings';
import {
  a1,
  colLetter,
  boundingRect,
  OWNED_CHART_PREFIX,
  type ChartSpec,
  isOwnedRuleFormula,
  rectA1,
  rereadFor,
  type CellBlock,
  type PlanCell,
  type ReadRequest,
  type SheetPlan,
  type SheetSnapshot,
  type WorkbookPlan,
  type WorkbookSnapshot,
} from '../core/sheet-plan';
import { queueJournal, queueRuleDetails, settleJournal, undoJournal, type PendingJournal, type SheetJournal } from './journal';

/** The part of the `Excel` global the adapter needs (the real one, or the in-memory one of playground/excel-sim). */
export interface ExcelLike {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

export interface CommandOutcome {
  ok: boolean;
  summary: Msg;
  details?: unknown;
}

/** Rows read above an edit to find the header row for the "Updated" stamp. */
const STAMP_HEADER_ROWS = 20;

/** ISO date of today in the user's time zone. */
export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * A PlanCell as the input Excel's `formulas` setter takes. Strings are text: anything Excel would turn into a
 * formula, number, date, boolean or error when typed gets the apostrophe (quote prefix), which Excel does not keep
 * in the value.
 */
export function toExcelInput(c: PlanCell): string | number | boolean {
  if (c === null || c === undefined) return '';
  if (typeof c === 'number') return Number.isFinite(c) ? c : '';
  if (typeof c === 'boolean') return c;
  if (typeof c === 'object') return c.f.startsWith('=') ? c.f : '=' + c.f;
  const s = String(c);
  return needsQuote(s) ? "'" + s : s;
}

function needsQuote(s: string): boolean {
  const t = s.trim();
  return /^[=+\-@'#]/.test(s) || /^[=+\-@'#]/.test(t) || /^[$¥€£(]?\s*[\d.]/.test(t) || /^(true|false)$/i.test(t);
}

function block(cells: unknown[][]): { rows: number; cols: number } {
  return { rows: cells.length, cols: cells.reduce((m, r) => Math.max(m, r.length), 0) };
}

/** Pads ragged rows so the matrix matches the range Excel writes it into. */
function rectangular<T>(m: T[][], cols: number, fill: T): T[][] {
  return m.map((r) => (r.length === cols ? r : [...r, ...Array(cols - r.length).fill(fill)]));
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

interface Pending {
  name: string;
  range: Excel.Range;
  props: OfficeExtension.ClientResult<Excel.CellProperties[][]> | null;
}

/** Queues the read of a sheet's used range (A1 on an empty sheet: getUsedRange never gives a null object). */
function queueSheetRead(ws: Excel.Worksheet, name: string, req: ReadRequest, backgrounds: boolean): Pending {
  const range = ws.getUsedRange(true);
  range.load(['rowIndex', 'columnIndex', 'values', ...(req.formulas ? ['formulas'] : [])]);
  const props = backgrounds ? range.getCellProperties({ format: { fill: { color: true, pattern: true } } }) : null;
  return { name, range, props };
}

function sheetSnapshot(p: Pending, req: ReadRequest): SheetSnapshot {
  const origin = { row: p.range.rowIndex, col: p.range.columnIndex };
  const values = p.range.values as unknown[][];
  const snap: SheetSnapshot = { name: p.name, origin, values };
  if (req.formulas) snap.formulas = (p.range.formulas as unknown[][]).map((r) => r.map((f) => (typeof f === 'string' && f.startsWith('=') ? f : '')));
  if (p.props) {
    snap.backgrounds = p.props.value.map((r) =>
      r.map((c) => (c.format?.fill?.pattern === 'None' || !c.format?.fill?.color ? '' : String(c.format.fill.color).toLowerCase())),
    );
  }
  return snap;
}

/**
 * Reads what a command needs: the active sheet (values, and formulas/backgrounds as asked) and every sheet name in
 * one sync; when the command also wants notes or other sheets that exist, one more sync for the notes' cells and
 * those sheets (so no call is ever made on a sheet that is not there).
 */
export async function readSnapshot(ctx: Excel.RequestContext, req: ReadRequest, today = localToday()): Promise<WorkbookSnapshot> {
  const sheets = ctx.workbook.worksheets;
  sheets.load('items/name');
  // The sheet the command works on: the active one, or the subject core asked for (the user stays where they are).
  const shownWs = sheets.getActiveWorksheet();
  const activeWs = req.subject ? sheets.getItem(req.subject) : shownWs;
  activeWs.load('name');
  if (req.subject) shownWs.load('name');
  const active = queueSheetRead(activeWs, '', req, req.backgrounds);
  const notes = req.notes ? activeWs.notes.load('items/content') : null;
  await ctx.sync();

  active.name = activeWs.name;
  const sheetNames = sheets.items.map((s) => s.name);
  const others: Pending[] = [];
  let locs: Excel.Range[] = [];
  const present = req.others.map((want) => sheetNames.find((n) => n.toLowerCase() === want.toLowerCase())).filter((n): n is string => !!n);
  if (req.notes || present.length) {
    for (const name of present) others.push(queueSheetRead(sheets.getItem(name), name, req, false));
    if (notes) locs = notes.items.map((n) => n.getLocation().load(['rowIndex', 'columnIndex']));
    await ctx.sync();
  }

  const snap: WorkbookSnapshot = { host: 'excel', active: sheetSnapshot(active, req), sheetNames, others: {}, today };
  if (req.subject && shownWs.name !== activeWs.name) snap.shown = shownWs.name;
  if (notes) {
    const { origin, values } = snap.active;
    const m = values.map((r) => r.map(() => ''));
    notes.items.forEach((n, i) => {
      const r = locs[i].rowIndex - origin.row;
      const c = locs[i].columnIndex - origin.col;
      if (m[r] && c >= 0 && c < m[r].length) m[r][c] = n.content;
    });
    snap.active.notes = m;
  }
  for (const o of others) snap.others[o.name] = sheetSnapshot(o, req);
  return snap;
}

// ---------------------------------------------------------------------------------------------------------------
// Applying

interface SheetLookup {
  ws: Excel.Worksheet;
  exists: boolean;
  rules: Excel.ConditionalFormatCollection | null;
  /** The table the plan names (anywhere in the workbook), the tables over the plan's range, and ours among them. */
  table: { named: Excel.Table; overlapping: Excel.TableScopedCollection; ours: { table: Excel.Table; range: Excel.Range } | null } | null;
  /** Each note patch with what is there now: a looked-up note, or the content the snapshot read (`had`). */
  notes: { row: number; col: number; value: string; note: Excel.Note | null; had?: string }[];
  /** What the plan will change that restorePlan cannot put back (when the caller keeps a journal). */
  journal: PendingJournal | null;
  /** The sheet's charts, when the plan sets them. */
  charts: Excel.ChartCollection | null;
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * Applies a plan: constant syncs whatever its size (lookup, optional rule formulas, apply). `sheetNames` are the
 * workbook's sheets as read; null reads them first (a restore, after a failed plan may have added sheets).
 */
export async function applyPlan(
  ctx: Excel.RequestContext,
  plan: WorkbookPlan,
  sheetNames: string[] | null,
  /** Sheets whose notes were just read: a note inside their snapshot needs no lookup. */
  read: SheetSnapshot[] = [],
  /** Filled, before anything is written, with what a failure must put back beyond restorePlan (see journal.ts). */
  journal: SheetJournal[] | null = null,
): Promise<void> {
  const sheets = ctx.workbook.worksheets;
  if (!sheetNames) {
    sheets.load('items/name');
    await ctx.sync();
  }
  const names = sheetNames ? [...sheetNames] : sheets.items.map((s) => s.name);
  const lookups: SheetLookup[] = plan.sheets.map((sp) => {
    const exists = names.some((n) => sameName(n, sp.sheet));
    const ws = exists ? sheets.getItem(sp.sheet) : sheets.getItemOrNullObject(sp.sheet);
    const l: SheetLookup = { ws, exists, rules: null, table: null, notes: [], journal: null, charts: null };
    if (!exists) {
      l.notes = sp.notes.map((n) => ({ row: n.row, col: n.col, value: n.value, note: null }));
      return l;
    }
    if (journal) l.journal = queueJournal(ws, sp);
    if (sp.charts) l.charts = ws.charts.load('items/name');
    // With a journal, the add-in's rules are read whenever the plan adds some: restorePlan removes them all.
    if (sp.replaceOwnedRules || (journal && sp.rules.length)) {
      l.rules = ws.getRange().conditionalFormats;
      l.rules.load(journal ? 'items/type,items/id' : 'items/type');
    }
    if (sp.table) {
      const named = ctx.workbook.tables.getItemOrNullObject(sp.table.name);
      named.load('name');
      const overlapping = ws.getRange(rectA1(sp.table.range)).getTables(false);
      overlapping.load('items/name');
      l.table = { named, overlapping, ours: null };
    }
    const known = read.find((r) => sameName(r.name, sp.sheet) && r.notes);
    l.notes = sp.notes.map((n) => {
      const addr = rectA1({ row: n.row, col: n.col, rows: 1, cols: 1 });
      const seen = known?.notes?.[n.row - known.origin.row]?.[n.col - known.origin.col];
      if (typeof seen === 'string') return { row: n.row, col: n.col, value: n.value, note: null, had: seen };
      const note = ws.notes.getItemOrNullObject(addr);
      note.load('content');
      return { row: n.row, col: n.col, value: n.value, note };
    });
    return l;
  });
  // Lookup and rule-formula syncs run even when they have nothing to fetch, so a command always takes the same syncs.
  await ctx.sync();

  // Custom rules' formulas can only be loaded once we know which rules are custom.
  const owned: Excel.ConditionalFormat[][] = lookups.map(() => []);
  const customs = lookups.map((l) => (l.rules ? l.rules.items.filter((cf) => cf.type === 'Custom') : []));
  customs.forEach((list) => list.forEach((cf) => cf.custom.rule.load('formula')));
  const ruleRanges = journal ? customs.map(queueRuleDetails) : [];
  plan.sheets.forEach((sp, i) => {
    const t = lookups[i].table;
    const mine = t && sp.table ? t.overlapping.items.find((x) => sameName(x.name, sp.table!.name)) : undefined;
    if (t && mine) t.ours = { table: mine, range: mine.getRange().load(['address', 'rowIndex', 'columnIndex']) };
  });
  await ctx.sync();
  customs.forEach((list, i) => {
    owned[i] = list.filter((cf) => isOwnedRuleFormula(cf.custom.rule.formula));
  });
  if (journal) {
    plan.sheets.forEach((sp, i) => {
      const l = lookups[i];
      if (!l.journal) return;
      const ownedRanges = customs[i].flatMap((cf, k) => (owned[i].includes(cf) ? [{ cf, ranges: ruleRanges[i][k] }] : []));
      let table: SheetJournal['table'] = null;
      if (sp.table && l.table) {
        const ours = l.table.ours;
        if (ours) table = { address: rectA1(sp.table.range), created: false, name: ours.table.name, before: ours.range.address.slice(ours.range.address.lastIndexOf('!') + 1) };
        else if (!l.table.overlapping.items.length) table = { address: rectA1(sp.table.range), created: true, name: sp.table.name, before: null };
      }
      journal.push(settleJournal(l.journal, l.rules ? l.rules.items : [], ownedRanges, table));
    });
  }

  plan.sheets.forEach((sp, i) => {
    const l = lookups[i];
    let ws = l.ws;
    if (!l.exists) {
      ws = sheets.add(sp.sheet);
      const afterIdx = sp.create?.after ? names.findIndex((n) => sameName(n, sp.create!.after!)) : -1;
      const pos = afterIdx >= 0 ? afterIdx + 1 : names.length;
      ws.position = pos;
      names.splice(pos, 0, sp.sheet);
    }
    applySheet(ws, sp, l, owned[i]);
  });
  for (const name of plan.deleteSheets ?? []) if (names.some((n) => sameName(n, name))) sheets.getItem(name).delete();
  if (plan.activate) sheets.getItem(plan.activate).activate();
  if (plan.select) sheets.getItem(plan.select.sheet).getRange(rectA1({ ...plan.select, rows: 1, cols: 1 })).select();
  await ctx.sync();
}

function applySheet(ws: Excel.Worksheet, sp: SheetPlan, l: SheetLookup, owned: Excel.ConditionalFormat[]): void {
  if (sp.replaceAll) ws.getRange().clear('All');
  if (sp.replaceOwnedRules) for (const cf of owned) cf.delete();
  for (const b of sp.writes) writeBlock(ws, b);
  for (const f of sp.numberFormats) {
    const { rows, cols } = block(f.formats);
    if (!rows || !cols) continue;
    ws.getRange(rectA1({ row: f.row, col: f.col, rows, cols })).numberFormat = rectangular(f.formats, cols, 'General');
  }
  for (const v of sp.validations) {
    // Excel takes a typed list of at most 255 characters; a longer one would fail the whole batch, so it is left out.
    const source = v.list.map((x) => x.replace(/,/g, ' ')).join(',');
    if (source.length > 255) continue;
    const dv = ws.getRange(rectA1(v.range)).dataValidation;
    dv.clear();
    dv.rule = { list: { inCellDropDown: true, source } };
    dv.errorAlert = { showAlert: true, style: v.strict ? 'Stop' : 'Warning', title: 'OKR Grid', message: v.list.join(', ') };
  }
  for (const rule of sp.rules) {
    if (!rule.ranges.length) continue;
    const cf = ws.getRanges(rule.ranges.map(rectA1).join(',')).conditionalFormats.add('Custom');
    cf.custom.rule.formula = rule.formula;
    cf.custom.format.fill.color = rule.fill;
    if (rule.fontColor) cf.custom.format.font.color = rule.fontColor;
  }
  if (sp.backgrounds.length) {
    const box = boundingRect(sp.backgrounds);
    // Cells not patched get {} and keep whatever fill they have.
    const m: Excel.SettableCellProperties[][] = Array.from({ length: box.rows }, () => Array.from({ length: box.cols }, () => ({})));
    for (const p of sp.backgrounds)
      m[p.row - box.row][p.col - box.col] = { format: { fill: p.value ? { color: p.value } : { pattern: 'None' } } } as Excel.SettableCellProperties;
    ws.getRange(rectA1(box)).setCellProperties(m);
  }
  for (const n of l.notes) {
    const addr = rectA1({ row: n.row, col: n.col, rows: 1, cols: 1 });
    const current = n.had !== undefined ? n.had : n.note && !n.note.isNullObject ? n.note.content : '';
    if (current === n.value) continue;
    if (current && !n.value) ws.notes.getItem(addr).delete();
    else if (current) ws.notes.getItem(addr).content = n.value;
    else ws.notes.add(addr, n.value);
  }
  if (sp.header) {
    const h = ws.getRange(rectA1(sp.header.range)).format;
    h.font.bold = sp.header.bold;
    h.fill.color = sp.header.fill;
    h.font.color = sp.header.fontColor;
  }
  if (sp.table) applyTable(ws, sp.table, l);
  if (sp.charts) applyCharts(ws, sp.charts, l.charts ? l.charts.items : []);
  if (sp.freezeRows !== undefined) {
    if (sp.freezeRows > 0) ws.freezePanes.freezeRows(sp.freezeRows);
    else ws.freezePanes.unfreeze();
  }
  for (const w of sp.columnWidths ?? []) ws.getRange(`${colLetter(w.col)}:${colLetter(w.col)}`).format.columnWidth = Math.round(w.width * 0.75);
}

const CHART_TYPE: Record<ChartSpec['type'], Excel.ChartType> = { barStacked: 'BarStacked', column: 'ColumnClustered', line: 'Line' } as Record<ChartSpec['type'], Excel.ChartType>;

/**
 * The add-in's charts on the sheet become `specs`: a chart of the same name gets the spec's data, type, title and
 * colours (setData rebuilds its series), a missing one is added; other charts named with the add-in's prefix are
 * deleted. A constant number of operations per chart, all in the apply's one sync.
 */
function applyCharts(ws: Excel.Worksheet, specs: ChartSpec[], existing: Excel.Chart[]): void {
  for (const spec of specs) {
    const range = ws.getRange(rectA1(spec.source));
    const old = existing.find((c) => c.name === spec.name);
    let chart: Excel.Chart;
    if (old) {
      chart = old;
      chart.chartType = CHART_TYPE[spec.type];
      chart.setData(range, 'Columns');
    } else chart = ws.charts.add(CHART_TYPE[spec.type], range, 'Columns');
    chart.name = spec.name;
    chart.title.text = spec.title;
    chart.setPosition(a1(spec.anchor.row, spec.anchor.col));
    chart.width = Math.round(spec.anchor.width * 0.75);
    chart.height = Math.round(spec.anchor.height * 0.75);
    chart.legend.position = 'Bottom';
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
  for (const c of existing) if (c.name.startsWith(OWNED_CHART_PREFIX) && !specs.some((s) => s.name === c.name)) c.delete();
}

function applyTable(ws: Excel.Worksheet, table: { name: string; range: Rect }, l: SheetLookup): void {
  const addr = rectA1(table.range);
  const t = l.table;
  if (t?.ours) {
    // Our table from an earlier run: grow or shrink it to the new rows (its header row stays where it is).
    const r = t.ours.range;
    if (r.rowIndex === table.range.row && r.columnIndex === table.range.col && !r.address.endsWith('!' + addr)) t.ours.table.resize(addr);
    return;
  }
  // A table the user made over these cells stays as it is.
  if (t && t.overlapping.items.length) return;
  const created = ws.tables.add(addr, true);
  // The name is taken when our table sits elsewhere (e.g. the sheet was copied): keep Excel's default name then.
  if (!t || t.named.isNullObject) created.name = table.name;
}

function writeBlock(ws: Excel.Worksheet, b: CellBlock): void {
  const { rows, cols } = block(b.cells);
  if (!rows || !cols) return;
  const m = rectangular(b.cells, cols, null).map((r) => r.map(toExcelInput));
  ws.getRange(rectA1({ row: b.row, col: b.col, rows, cols })).formulas = m;
}

// ---------------------------------------------------------------------------------------------------------------
// Running a command

let applying = 0;

/** Commands that only report: no apply step. */
const READ_ONLY: CommandName[] = ['summary'];

function errorText(e: unknown): string {
  if (e && typeof e === 'object') {
    const o = e as { message?: unknown; code?: unknown; debugInfo?: { errorLocation?: unknown } };
    const where = o.debugInfo?.errorLocation ? ` (${String(o.debugInfo.errorLocation)})` : '';
    return `${String(o.message ?? o.code ?? 'error')}${where}`;
  }
  return String(e);
}

/**
 * Runs a command end to end in Excel: read, core, apply; on a failure halfway, puts back what the plan changed
 * (restorePlan) and reports what failed in both languages.
 */
export async function runExcelCommand(
  excel: ExcelLike,
  name: CommandName,
  settings: Settings,
  today = localToday(),
  /** dashboard false: a check-in from an edit writes the log only. */
  opts: { dashboard?: boolean } = {},
): Promise<CommandOutcome> {
  let snap: WorkbookSnapshot;
  let result: ReturnType<typeof runCommand>;
  try {
    let req = readsFor(name, settings);
    snap = await excel.run((ctx) => readSnapshot(ctx, req, today));
    result = runCommand(name, snap, settings, opts);
    // Core may ask for more (the OKR sheet behind a scorecard, sheets its plan changes): read again, at most twice.
    for (let i = 0, more = rereadFor(req, result); i < 2 && more; i++, more = rereadFor(req, result)) {
      const next: ReadRequest = (req = more);
      snap = await excel.run((ctx) => readSnapshot(ctx, next, today));
      result = runCommand(name, snap, settings, opts);
    }
  } catch (e) {
    return {
      ok: false,
      summary: msg(`Could not read the sheet: ${errorText(e)}. Nothing was changed.`, `无法读取工作表：${errorText(e)}。未做任何更改。`),
    };
  }
  if (!result.ok) return { ok: false, summary: result.summary, details: result.details };
  if (READ_ONLY.includes(name)) return { ok: true, summary: result.summary, details: result.details };
  applying++;
  const journal: SheetJournal[] = [];
  try {
    await excel.run((ctx) => applyPlan(ctx, result.plan, snap.sheetNames, [snap.active], journal));
    return { ok: true, summary: result.summary, details: result.details };
  } catch (e) {
    const why = errorText(e);
    try {
      await excel.run(async (ctx) => {
        await applyPlan(ctx, restorePlan(result.plan, snap), null);
        await undoJournal(ctx, journal);
      });
    } catch (e2) {
      return {
        ok: false,
        summary: msg(
          `Could not finish: ${why}. Putting the sheet back also failed (${errorText(e2)}): use Undo (Ctrl+Z) or version history.`,
          `未能完成：${why}。恢复工作表也失败了（${errorText(e2)}）：请使用撤销 (Ctrl+Z) 或版本历史记录。`,
        ),
      };
    }
    return {
      ok: false,
      summary: msg(`Could not finish: ${why}. Your sheet was put back as it was.`, `未能完成：${why}。工作表已恢复原样。`),
    };
  } finally {
    applying--;
  }
}

/** Selects a cell (a finding clicked in the panel). */
export async function selectCell(excel: ExcelLike, sheet: string, row: number, col: number): Promise<void> {
  await excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem(sheet).getRange(rectA1({ row, col, rows: 1, cols: 1 })).select();
    await ctx.sync();
  });
}

// ---------------------------------------------------------------------------------------------------------------
// "Updated" stamp

/**
 * Stamps the Updated cell of a KR whose current value was edited (core decides which cell, if any); with `settings`,
 * an edit of a current value or confidence also records today's check-in (the log only, as the Sheets onEdit does).
 */
export async function stampEdit(excel: ExcelLike, worksheetId: string, address: string, today = localToday(), settings?: Settings): Promise<boolean> {
  if (applying) return false;
  const edited = parseA1(address);
  if (!edited) return false;
  let checkin = false;
  const stamped = await excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(worksheetId);
    ws.load('name');
    const top = ws.getRange(`1:${STAMP_HEADER_ROWS}`).getUsedRangeOrNullObject(true);
    top.load(['values', 'rowIndex', 'columnIndex']);
    await ctx.sync();
    if (top.isNullObject) return false;
    const header: SheetSnapshot = { name: ws.name, origin: { row: top.rowIndex, col: top.columnIndex }, values: top.values as unknown[][] };
    checkin = !!settings && editChecksIn(header, edited);
    const stamp = updatedStamp(header, edited, today);
    if (!stamp) return false;
    writeBlock(ws, stamp);
    const { rows, cols } = block(stamp.cells);
    if (stamp.cells.some((r) => r.some((c) => typeof c === 'number')))
      ws.getRange(rectA1({ row: stamp.row, col: stamp.col, rows, cols })).numberFormat = Array.from({ length: rows }, () => Array(cols).fill('yyyy-mm-dd'));
    await ctx.sync();
    return true;
  });
  if (checkin && settings) await runExcelCommand(excel, 'checkin', settings, today, { dashboard: false });
  return stamped;
}

/** Registers the stamp on every sheet's onChanged (shared runtime: lives as long as the workbook is open). */
export async function watchEdits(excel: ExcelLike, today: () => string = () => localToday(), settings?: () => Settings): Promise<void> {
  await excel.run(async (ctx) => {
    ctx.workbook.worksheets.onChanged.add(async (e: Excel.WorksheetChangedEventArgs) => {
      // Our own writes (a command, a stamp) are not edits of a current value.
      if (applying || String((e as { triggerSource?: string }).triggerSource) === 'ThisLocalAddin') return;
      try {
        await stampEdit(excel, e.worksheetId, e.address, today(), settings?.());
      } catch {
        // A stamp that cannot be written must never disturb the user's edit.
      }
    });
    await ctx.sync();
  });
}

function parseA1(address: string): Rect | null {
  const local = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(local.trim());
  if (!m) return null;
  const col = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const r1 = Number(m[2]) - 1;
  const c1 = col(m[1]);
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  const c2 = m[3] ? col(m[3]) : c1;
  return { row: Math.min(r1, r2), col: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
}
