/**
 * Applies a WorkbookPlan with a number of Spreadsheet service calls that depends on what kinds of things the plan
 * holds, never on the rows (docs/host-contract.md): one setValues per CellBlock, one setNumberFormats per FormatBlock,
 * one setDataValidations for all of a sheet's dropdowns, one setConditionalFormatRules (its ranges from one
 * RangeList), one setBackgrounds / setNotes over the patches' bounding rectangle, column widths by runs of equal
 * width. A Range is asked for once per rectangle; what is already as planned is not written again.
 */
import type { Rect } from '../../core/model';
import type {
  CellPatch,
  ChartSpec,
  ListValidation,
  SheetPlan,
  SheetSnapshot,
  WorkbookPlan,
  WorkbookSnapshot,
} from '../../core/sheet-plan';
import { boundingRect, isOwnedRuleFormula, rectA1 } from '../../core/sheet-plan';
import { plainBackground, toSheetCell } from './cells';
import { NEW_SHEET, type HostContext } from './host';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type ConditionalFormatRule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;

/** Pads ragged rows to the widest one so the matrix is the rectangle setValues expects. */
function rectangular<T, U>(rows: T[][], fill: U, map: (v: T) => U): U[][] {
  const cols = rows.reduce((m, r) => Math.max(m, r.length), 0);
  return rows.map((r) => {
    const out: U[] = new Array(cols);
    for (let c = 0; c < cols; c++) out[c] = c < r.length ? map(r[c]) : fill;
    return out;
  });
}

const sameMatrix = (a: unknown[][], b: unknown[][]) =>
  a.length === b.length && a.every((r, i) => r.length === b[i].length && r.every((v, j) => v === b[i][j]));

export function isOwnedRule(rule: ConditionalFormatRule): boolean {
  const cond = rule.getBooleanCondition();
  if (!cond) return false;
  return cond.getCriteriaValues().some((v) => typeof v === 'string' && isOwnedRuleFormula(v));
}

/**
 * What core's restorePlan cannot know (it sees values, notes and fills, not formats, dropdowns, frozen rows, header
 * style, banding, widths or the rules a sheet had): before each such change to a sheet that already existed, the
 * adapter reads the old state of exactly the cells it will touch (one call each) and keeps a step that puts it back.
 */
export type UndoJournal = (() => void)[];

/** One sheet being written: its Ranges by rectangle (each asked for once), its size, what to undo. */
class SheetWriter {
  private ranges = new Map<string, Range>();
  constructor(
    readonly sheet: Sheet,
    /** The sheet's rows and columns when known (a sheet this command made or read), else null until asked. */
    public size: { rows: number; cols: number } | null,
    /** null for a sheet this plan creates or clears: restorePlan deletes it, nothing is read for it. */
    readonly undo: UndoJournal | null,
    /** The plan inserted this sheet. */
    readonly created = false,
  ) {}

  range(r: Rect): Range {
    const key = rectA1(r);
    let range = this.ranges.get(key);
    if (!range) {
      range = this.sheet.getRange(r.row + 1, r.col + 1, r.rows, r.cols);
      this.ranges.set(key, range);
    }
    return range;
  }

  get fresh(): boolean {
    return this.undo === null;
  }
}

/** The snapshot's matrix cut to `rect`, or null when the snapshot did not read it or does not cover the rectangle. */
function fromSnapshot(snap: SheetSnapshot | undefined, key: 'backgrounds' | 'notes', rect: Rect): string[][] | null {
  const m = snap?.[key];
  if (!snap || !m) return null;
  const dr = rect.row - snap.origin.row;
  const dc = rect.col - snap.origin.col;
  const height = snap.values.length;
  const width = snap.values.reduce((w, r) => Math.max(w, r.length), 0);
  if (dr < 0 || dc < 0 || dr + rect.rows > height || dc + rect.cols > width) return null;
  const out: string[][] = [];
  for (let r = 0; r < rect.rows; r++) {
    const src = m[dr + r] || [];
    const row: string[] = new Array(rect.cols);
    for (let c = 0; c < rect.cols; c++) row[c] = src[dc + c] || '';
    out.push(row);
  }
  return out;
}

/**
 * Backgrounds or notes: the patches written over the matrix of what the cells hold now (from the snapshot, or one
 * read of the rectangle when the snapshot lacks it), so cells between the patches keep their own fill / note.
 */
function writePatches(
  w: SheetWriter,
  patches: CellPatch<string>[],
  key: 'backgrounds' | 'notes',
  snap: SheetSnapshot | undefined,
): void {
  if (!patches.length) return;
  const rect = boundingRect(patches);
  const range = w.range(rect);
  let base = fromSnapshot(snap, key, rect);
  if (!base) {
    if (w.fresh) base = Array.from({ length: rect.rows }, () => new Array<string>(rect.cols).fill(''));
    else base = key === 'backgrounds' ? range.getBackgrounds().map((r) => r.map(plainBackground)) : range.getNotes();
  }
  for (const p of patches) base[p.row - rect.row][p.col - rect.col] = p.value;
  if (key === 'backgrounds') range.setBackgrounds(base.map((r) => r.map((b) => (b ? b : (null as unknown as string)))));
  else range.setNotes(base);
}

function clearOwnedSheet(sheet: Sheet, size: { rows: number; cols: number }): void {
  sheet.getRange(1, 1, size.rows, size.cols).clearDataValidations();
  sheet.clear();
  sheet.clearNotes();
  sheet.clearConditionalFormatRules();
  for (const b of sheet.getBandings()) b.remove();
}

/** Sheets has no tables: the grid gets row banding, reusing a banding already over it (Sheets refuses two). */
function bandTable(w: SheetWriter, rect: Rect): void {
  const want = rectA1(rect);
  const overlapping = w.fresh
    ? []
    : w.sheet
        .getBandings()
        .map((b) => ({ b, range: b.getRange() }))
        .map((x) => ({ ...x, a1: x.range.getA1Notation() }))
        .filter((x) => overlapsA1(x.a1, rect));
  if (!overlapping.length) {
    const banding = w.range(rect).applyRowBanding(SpreadsheetApp.BandingTheme.LIGHT_GREY, true, false);
    w.undo?.push(() => banding.remove());
    return;
  }
  const [one] = overlapping;
  if (overlapping.length === 1 && one.a1 !== want) {
    one.b.setRange(w.range(rect));
    w.undo?.push(() => one.b.setRange(one.range));
  }
}

function overlapsA1(a1: string, b: Rect): boolean {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(a1.replace(/\$/g, ''));
  if (!m) return true;
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const a = { row: Number(m[2]) - 1, col: col(m[1]), rows: 0, cols: 0 };
  a.rows = (m[4] ? Number(m[4]) - 1 : a.row) - a.row + 1;
  a.cols = (m[3] ? col(m[3]) : a.col) - a.col + 1;
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

/**
 * Before an owned sheet is cleared whole: its number formats, bold, fills and font colours over its data range (four
 * reads), and the conditional rules; the undo puts them back over the data range and the plan's extent (cells the
 * plan reached beyond the old data get the defaults back), after restorePlan has put the values back.
 */
function journalStyles(sheet: Sheet, reach: { rows: number; cols: number }, undo: UndoJournal): void {
  const data = sheet.getDataRange();
  const old = { rows: data.getNumRows(), cols: data.getNumColumns() };
  const formats = data.getNumberFormats();
  const weights = data.getFontWeights();
  const fills = data.getBackgrounds().map((r) => r.map(plainBackground));
  const colors = data.getFontColors();
  const rules = sheet.getConditionalFormatRules();
  const rows = Math.max(old.rows, reach.rows);
  const cols = Math.max(old.cols, reach.cols);
  const pad = <T>(m: T[][], fill: T): T[][] =>
    Array.from({ length: rows }, (_, r) =>
      Array.from({ length: cols }, (_, c) => (r < old.rows && c < old.cols ? m[r][c] : fill)),
    );
  undo.push(() => {
    const range = sheet.getRange(1, 1, rows, cols);
    range.setNumberFormats(pad(formats, 'General'));
    range.setFontWeights(pad(weights, 'normal'));
    range.setBackgrounds(pad(fills, '').map((r) => r.map((b) => (b ? b : (null as unknown as string)))));
    range.setFontColors(pad(colors, '#000000'));
    sheet.setConditionalFormatRules(rules);
  });
}

/** Rows and columns (1-based counts) the plan reaches on its sheet. */
function planExtent(sp: SheetPlan): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  const reach = (row: number, col: number, h: number, w: number) => {
    if (h > 0 && w > 0) {
      rows = Math.max(rows, row + h);
      cols = Math.max(cols, col + w);
    }
  };
  const width = (m: unknown[][]) => m.reduce((x, r) => Math.max(x, r.length), 0);
  for (const w of sp.writes) reach(w.row, w.col, w.cells.length, width(w.cells));
  for (const f of sp.numberFormats) reach(f.row, f.col, f.formats.length, width(f.formats));
  for (const v of sp.validations) reach(v.range.row, v.range.col, v.range.rows, v.range.cols);
  for (const r of sp.rules) for (const x of r.ranges) reach(x.row, x.col, x.rows, x.cols);
  for (const p of sp.backgrounds) reach(p.row, p.col, 1, 1);
  for (const p of sp.notes) reach(p.row, p.col, 1, 1);
  if (sp.header) reach(sp.header.range.row, sp.header.range.col, sp.header.range.rows, sp.header.range.cols);
  if (sp.table) reach(sp.table.range.row, sp.table.range.col, sp.table.range.rows, sp.table.range.cols);
  for (const w of sp.columnWidths ?? []) reach(0, w.col, 1, 1);
  return { rows, cols };
}

/**
 * Sheets refuses ranges beyond the grid (a new sheet has 1000 rows, 26 columns): grow it first. A sheet the add-in
 * owns and has just created or cleared is sized to the plan (grown, or trimmed to one spare row), so it carries no
 * thousand empty rows. The size is asked for only when the plan may reach beyond what is known to be there.
 */
function ensureSize(
  w: SheetWriter,
  need: { rows: number; cols: number },
  snapSize: { rows: number; cols: number } | null,
): void {
  const sheet = w.sheet;
  const maxRows = w.size ? w.size.rows : need.rows > (snapSize?.rows ?? 0) ? sheet.getMaxRows() : (snapSize?.rows ?? 0);
  if (need.rows > maxRows) {
    sheet.insertRowsAfter(maxRows, need.rows - maxRows);
    w.undo?.push(() => sheet.deleteRows(maxRows + 1, need.rows - maxRows));
  } else if (w.fresh && need.rows > 0 && need.rows + 1 < maxRows) {
    // One spare row stays: Sheets refuses to delete every row below a frozen header.
    sheet.deleteRows(need.rows + 2, maxRows - need.rows - 1);
  }
  const maxCols = w.size
    ? w.size.cols
    : need.cols > (snapSize?.cols ?? 0)
      ? sheet.getMaxColumns()
      : (snapSize?.cols ?? 0);
  if (need.cols > maxCols) {
    sheet.insertColumnsAfter(maxCols, need.cols - maxCols);
    w.undo?.push(() => sheet.deleteColumns(maxCols + 1, need.cols - maxCols));
  }
}

/** Every dropdown of the sheet in one setDataValidations over their bounding rectangle (one rule per distinct list). */
function writeValidations(w: SheetWriter, validations: ListValidation[]): void {
  const list = validations.filter((v) => v.list.length && v.range.rows > 0 && v.range.cols > 0);
  if (!list.length) return;
  const box = boundingRect(
    list.flatMap((v) => [
      { row: v.range.row, col: v.range.col },
      { row: v.range.row + v.range.rows - 1, col: v.range.col + v.range.cols - 1 },
    ]),
  );
  const range = w.range(box);
  // Cells between the dropdowns keep theirs: the matrix starts from what is there now (nothing on a new sheet).
  const old = w.fresh ? null : range.getDataValidations();
  const matrix: (DataValidation | null)[][] = old
    ? old.map((r) => r.slice())
    : Array.from({ length: box.rows }, () => new Array(box.cols).fill(null));
  const rules = new Map<string, DataValidation>();
  for (const v of list) {
    // The user's own dropdown (a strict list, its help text) stays on their column.
    if (
      v.keepExisting &&
      old &&
      old
        .slice(v.range.row - box.row, v.range.row - box.row + v.range.rows)
        .some((row) => row.slice(v.range.col - box.col, v.range.col - box.col + v.range.cols).some((x) => x))
    )
      continue;
    const key = JSON.stringify([v.list, v.strict]);
    let rule = rules.get(key);
    if (!rule) {
      let b = SpreadsheetApp.newDataValidation().requireValueInList(v.list, true);
      if (v.strict) b = b.setAllowInvalid(false);
      rule = b.build();
      rules.set(key, rule);
    }
    for (let r = 0; r < v.range.rows; r++)
      for (let c = 0; c < v.range.cols; c++) matrix[v.range.row - box.row + r][v.range.col - box.col + c] = rule;
  }
  if (old) w.undo?.push(() => range.setDataValidations(old));
  range.setDataValidations(matrix);
}

/** The add-in's rules replaced in one setConditionalFormatRules; their ranges come from one RangeList. */
function writeRules(w: SheetWriter, sp: SheetPlan): void {
  if (!sp.replaceOwnedRules && !sp.rules.length) return;
  const current = w.fresh ? [] : w.sheet.getConditionalFormatRules();
  const kept = sp.replaceOwnedRules ? current.filter((r) => !isOwnedRule(r)) : current;
  const a1s = sp.rules.flatMap((r) => r.ranges.map(rectA1));
  const ranges = a1s.length ? w.sheet.getRangeList(a1s).getRanges() : [];
  let at = 0;
  const added = sp.rules.map((r) => {
    const own = ranges.slice(at, (at += r.ranges.length));
    let b = SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied(r.formula).setBackground(r.fill);
    if (r.fontColor) b = b.setFontColor(r.fontColor);
    return b.setRanges(own).build();
  });
  const target = w.sheet;
  if (!w.fresh) w.undo?.push(() => target.setConditionalFormatRules(current));
  target.setConditionalFormatRules(kept.concat(added));
}

function writeFormats(w: SheetWriter, sp: SheetPlan): void {
  for (const f of sp.numberFormats) {
    if (!f.formats.length) continue;
    const m = rectangular(f.formats, 'General', (v) => v || 'General');
    if (!m[0].length) continue;
    const range = w.range({ row: f.row, col: f.col, rows: m.length, cols: m[0].length });
    if (w.undo) {
      const old = range.getNumberFormats();
      if (sameMatrix(old, m)) continue;
      w.undo.push(() => range.setNumberFormats(old));
    }
    range.setNumberFormats(m);
  }
}

function writeHeader(w: SheetWriter, h: NonNullable<SheetPlan['header']>): void {
  const range = w.range(h.range);
  const weight = h.bold ? 'bold' : 'normal';
  if (w.undo) {
    const weights = range.getFontWeights();
    const fills = range.getBackgrounds();
    const colors = range.getFontColors();
    const same = (m: string[][], v: string) =>
      m.every((r) => r.every((x) => String(x).toLowerCase() === v.toLowerCase()));
    if (same(weights, weight) && same(fills, h.fill || '#ffffff') && same(colors, h.fontColor || '#000000')) return;
    w.undo.push(() => {
      range.setFontWeights(weights);
      range.setBackgrounds(fills);
      range.setFontColors(colors);
    });
  }
  range
    .setFontWeight(weight)
    .setBackground(h.fill || null)
    .setFontColor(h.fontColor || null);
}

/** Widths by runs of neighbouring columns with the same width: one setColumnWidths each, only where they differ. */
function writeWidths(w: SheetWriter, widths: { col: number; width: number }[]): void {
  const sorted = [...widths].sort((a, b) => a.col - b.col);
  const old = w.undo ? sorted.map((x) => w.sheet.getColumnWidth(x.col + 1)) : null;
  const todo = sorted.filter((x, i) => !old || old[i] !== x.width);
  for (let i = 0; i < todo.length;) {
    let j = i + 1;
    while (j < todo.length && todo[j].col === todo[j - 1].col + 1 && todo[j].width === todo[i].width) j++;
    w.sheet.setColumnWidths(todo[i].col + 1, j - i, todo[i].width);
    i = j;
  }
  if (old) {
    const sheet = w.sheet;
    sorted.forEach((x, i) => {
      if (old[i] !== x.width) w.undo!.push(() => sheet.setColumnWidth(x.col + 1, old[i]));
    });
  }
}

/** Applies one SheetPlan on `w`'s sheet. */
function applySheetPlan(w: SheetWriter, sp: SheetPlan, snap: SheetSnapshot | undefined): void {
  const snapSize = snap
    ? {
        rows: snap.origin.row + snap.values.length,
        cols: snap.origin.col + snap.values.reduce((m, r) => Math.max(m, r.length), 0),
      }
    : null;
  ensureSize(w, planExtent(sp), snapSize);
  for (const b of sp.writes) {
    if (!b.cells.length) continue;
    const m = rectangular(b.cells, '' as string | number | boolean, toSheetCell);
    if (!m[0].length) continue;
    w.range({ row: b.row, col: b.col, rows: m.length, cols: m[0].length }).setValues(m);
  }
  writeFormats(w, sp);
  writeValidations(w, sp.validations);
  writeRules(w, sp);
  writePatches(w, sp.backgrounds, 'backgrounds', w.fresh ? undefined : snap);
  writePatches(w, sp.notes, 'notes', w.fresh ? undefined : snap);
  if (typeof sp.freezeRows === 'number') {
    const sheet = w.sheet;
    const old = w.undo ? sheet.getFrozenRows() : null;
    if (old !== sp.freezeRows) {
      if (old !== null) w.undo!.push(() => sheet.setFrozenRows(old));
      sheet.setFrozenRows(sp.freezeRows);
    }
  }
  if (typeof sp.freezeCols === 'number') {
    const sheet = w.sheet;
    const old = w.undo ? sheet.getFrozenColumns() : null;
    if (old !== sp.freezeCols) {
      if (old !== null) w.undo!.push(() => sheet.setFrozenColumns(old));
      sheet.setFrozenColumns(sp.freezeCols);
    }
  }
  if (sp.header) writeHeader(w, sp.header);
  if (sp.table) bandTable(w, sp.table.range);
  // The add-in's own bookkeeping sheet (the marks Clear needs) stays out of sight; restorePlan deletes it on a failure.
  if (sp.hidden && w.created) w.sheet.hideSheet();
  if (sp.columnWidths?.length) writeWidths(w, sp.columnWidths);
  // Charts last: they read the cells written above.
  if (sp.charts) applyCharts(w, sp.charts);
}

const CHART_TYPE: Record<ChartSpec['type'], keyof typeof Charts.ChartType> = {
  barStacked: 'BAR',
  column: 'COLUMN',
  line: 'LINE',
};

/**
 * The add-in's charts on an owned sheet (Sheets' charts have no names: every chart there is the add-in's, matched to
 * the specs in order): an existing chart is rebuilt in place (updateChart), a missing one inserted, extra ones
 * removed. One getCharts, then one call per chart.
 */
function applyCharts(w: SheetWriter, specs: ChartSpec[]): void {
  const sheet = w.sheet;
  const existing = sheet.getCharts();
  specs.forEach((spec, i) => {
    const old = existing[i];
    let b = (old ? old.modify().clearRanges() : sheet.newChart())
      .setChartType(Charts.ChartType[CHART_TYPE[spec.type]])
      .addRange(w.range(spec.source))
      .setNumHeaders(1)
      .setPosition(spec.anchor.row + 1, spec.anchor.col + 1, 0, 0)
      .setOption('title', spec.title)
      .setOption('colors', spec.colors)
      .setOption('width', spec.anchor.width)
      .setOption('height', spec.anchor.height)
      .setOption('legend', { position: spec.type === 'column' ? 'none' : 'bottom' });
    if (spec.type === 'barStacked') b = b.setOption('isStacked', true);
    if (spec.max !== undefined)
      b = b.setOption(spec.type === 'barStacked' ? 'hAxis' : 'vAxis', { viewWindow: { min: 0, max: spec.max } });
    if (old) sheet.updateChart(b.build());
    else sheet.insertChart(b.build());
  });
  for (const extra of existing.slice(specs.length)) sheet.removeChart(extra);
}

/** The writer for a plan's sheet: created, cleared (an owned sheet written whole) or as it is. */
function writerFor(host: HostContext, sp: SheetPlan, journal: UndoJournal): SheetWriter {
  let sheet = host.sheet(sp.sheet);
  if (!sheet) {
    if (!sp.create) throw new Error(`sheet "${sp.sheet}" not found`);
    const names = host.sheetNames();
    const after = sp.create.after ? names.indexOf(sp.create.after) : -1;
    const index = after >= 0 ? after + 1 : names.length;
    sheet = host.ss.insertSheet(sp.sheet, index);
    host.added(sp.sheet, sheet, index);
    return new SheetWriter(sheet, { ...NEW_SHEET }, null, true);
  }
  if (sp.replaceAll) {
    const size = { rows: sheet.getMaxRows(), cols: sheet.getMaxColumns() };
    journalStyles(sheet, planExtent(sp), journal);
    clearOwnedSheet(sheet, size);
    return new SheetWriter(sheet, size, null);
  }
  return new SheetWriter(sheet, null, journal);
}

/** Applies a plan; `journal` receives the extra undo steps (see UndoJournal), run newest first after restorePlan. */
export function applyWorkbookPlan(
  host: HostContext,
  plan: WorkbookPlan,
  snap: WorkbookSnapshot,
  journal: UndoJournal = [],
): void {
  const snapshotOf = (name: string) => (name === snap.active.name ? snap.active : snap.others[name]);
  // insertSheet makes the new sheet active; unless the plan says where to go, the user stays on their sheet.
  const creates = plan.sheets.some((sp) => sp.create && !host.sheet(sp.sheet));
  for (const sp of plan.sheets) {
    const w = writerFor(host, sp, journal);
    applySheetPlan(w, sp, w.fresh ? undefined : snapshotOf(sp.sheet));
  }
  for (const name of plan.deleteSheets ?? []) {
    const s = host.sheet(name);
    if (s) {
      host.ss.deleteSheet(s);
      host.removed(name);
    }
  }
  if (plan.select) {
    const s = host.sheet(plan.select.sheet);
    if (s) s.setActiveSelection(rectA1({ row: plan.select.row, col: plan.select.col, rows: 1, cols: 1 }));
  } else if (plan.activate || creates) {
    const s = host.sheet(plan.activate || snap.active.name);
    if (s) s.activate();
  }
  // Pending writes surface their errors here, inside the caller's try, not after it has reported success.
  SpreadsheetApp.flush();
}

/** Runs the journal newest first; every step is tried, the first error is reported after all have run. */
export function runUndo(journal: UndoJournal): void {
  let first: unknown = null;
  for (let i = journal.length - 1; i >= 0; i--) {
    try {
      journal[i]();
    } catch (e) {
      if (first === null) first = e;
    }
  }
  SpreadsheetApp.flush();
  if (first !== null) throw first;
}
