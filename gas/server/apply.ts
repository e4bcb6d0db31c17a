/**
 * Applies a WorkbookPlan with a constant number of Spreadsheet service calls per plan item, whatever the row count
 * (docs/host-contract.md): one call per CellBlock, FormatBlock and ListValidation, one rules
 * replacement, one setBackgrounds and one setNotes over the patches' bounding rectangle.
 */
import type { Rect } from '../../core/model';
import type { CellPatch, ChartSpec, SheetPlan, SheetSnapshot, WorkbookPlan, WorkbookSnapshot } from '../../core/sheet-plan';
import { boundingRect, isOwnedRuleFormula } from '../../core/sheet-plan';
import { plainBackground, toSheetCell } from './cells';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type ConditionalFormatRule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

const rangeOf = (sheet: Sheet, r: Rect): Range => sheet.getRange(r.row + 1, r.col + 1, r.rows, r.cols);

/** Pads ragged rows to the widest one so the matrix is the rectangle setValues expects. */
function rectangular<T, U>(rows: T[][], fill: U, map: (v: T) => U): U[][] {
  const cols = rows.reduce((m, r) => Math.max(m, r.length), 0);
  return rows.map((r) => {
    const out: U[] = new Array(cols);
    for (let c = 0; c < cols; c++) out[c] = c < r.length ? map(r[c]) : fill;
    return out;
  });
}

export function isOwnedRule(rule: ConditionalFormatRule): boolean {
  const cond = rule.getBooleanCondition();
  if (!cond) return false;
  return cond.getCriteriaValues().some((v) => typeof v === 'string' && isOwnedRuleFormula(v));
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
function writePatches(sheet: Sheet, patches: CellPatch<string>[], key: 'backgrounds' | 'notes', snap: SheetSnapshot | undefined, fresh: boolean): void {
  if (!patches.length) return;
  const rect = boundingRect(patches);
  const range = rangeOf(sheet, rect);
  let base = fromSnapshot(snap, key, rect);
  if (!base) {
    if (fresh) base = Array.from({ length: rect.rows }, () => new Array<string>(rect.cols).fill(''));
    else base = key === 'backgrounds' ? range.getBackgrounds().map((r) => r.map(plainBackground)) : range.getNotes();
  }
  for (const p of patches) base[p.row - rect.row][p.col - rect.col] = p.value;
  if (key === 'backgrounds') range.setBackgrounds(base.map((r) => r.map((b) => (b ? b : (null as unknown as string)))));
  else range.setNotes(base);
}

function insertSheet(ss: Spreadsheet, name: string, after: string | undefined): Sheet {
  const anchor = after ? ss.getSheetByName(after) : null;
  return anchor ? ss.insertSheet(name, anchor.getIndex()) : ss.insertSheet(name, ss.getNumSheets());
}

function clearOwnedSheet(sheet: Sheet): void {
  sheet.getRange(1, 1, sheet.getMaxRows(), sheet.getMaxColumns()).clearDataValidations();
  sheet.clear();
  sheet.clearNotes();
  sheet.clearConditionalFormatRules();
  for (const b of sheet.getBandings()) b.remove();
}

const overlaps = (a: Rect, b: Rect) =>
  a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;

const rectOfRange = (r: Range): Rect => ({ row: r.getRow() - 1, col: r.getColumn() - 1, rows: r.getNumRows(), cols: r.getNumColumns() });

/**
 * What core's restorePlan cannot know (it sees values, notes and fills, not formats, dropdowns, frozen rows, header
 * style, banding, widths or the rules a sheet had): before each such change to a sheet that already existed, the
 * adapter reads the old state of exactly the cells it will touch (one call each) and keeps a step that puts it back.
 */
export type UndoJournal = (() => void)[];

/** Sheets has no tables: the grid gets row banding, reusing a banding already over it (Sheets refuses two). */
function bandTable(sheet: Sheet, rect: Rect, undo: UndoJournal | null): void {
  const range = rangeOf(sheet, rect);
  const existing = sheet.getBandings().filter((b) => overlaps(rectOfRange(b.getRange()), rect));
  if (!existing.length) {
    const banding = range.applyRowBanding(SpreadsheetApp.BandingTheme.LIGHT_GREY, true, false);
    undo?.push(() => banding.remove());
    return;
  }
  const oldRange = existing[0].getRange();
  const cur = rectOfRange(oldRange);
  if (existing.length === 1 && (cur.row !== rect.row || cur.col !== rect.col || cur.rows !== rect.rows || cur.cols !== rect.cols)) {
    existing[0].setRange(range);
    undo?.push(() => existing[0].setRange(oldRange));
  }
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
    Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => (r < old.rows && c < old.cols ? m[r][c] : fill)));
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
 * thousand empty rows and the call count does not depend on whether the plan is longer than Sheets' default.
 */
function ensureSize(sheet: Sheet, need: { rows: number; cols: number }, owned: boolean, undo: UndoJournal | null): void {
  const maxRows = sheet.getMaxRows();
  if (need.rows > maxRows) {
    sheet.insertRowsAfter(maxRows, need.rows - maxRows);
    undo?.push(() => sheet.deleteRows(maxRows + 1, need.rows - maxRows));
  } else if (owned && need.rows > 0 && need.rows + 1 < maxRows) {
    // One spare row stays: Sheets refuses to delete every row below a frozen header.
    sheet.deleteRows(need.rows + 2, maxRows - need.rows - 1);
  }
  const maxCols = sheet.getMaxColumns();
  if (need.cols > maxCols) {
    sheet.insertColumnsAfter(maxCols, need.cols - maxCols);
    undo?.push(() => sheet.deleteColumns(maxCols + 1, need.cols - maxCols));
  }
}

/**
 * Applies one SheetPlan. `undo` collects the steps that put back what restorePlan does not cover; it is null for a
 * sheet this plan creates (restorePlan deletes it) so no reads are spent on it.
 */
export function applySheetPlan(ss: Spreadsheet, sp: SheetPlan, snapshotOf: (name: string) => SheetSnapshot | undefined, journal: UndoJournal): void {
  let sheet = ss.getSheetByName(sp.sheet);
  let fresh = false;
  let created = false;
  if (!sheet) {
    if (!sp.create) throw new Error(`sheet "${sp.sheet}" not found`);
    sheet = insertSheet(ss, sp.sheet, sp.create.after);
    fresh = true;
    created = true;
  }
  const undo = fresh ? null : journal;
  const snap = fresh ? undefined : snapshotOf(sp.sheet);
  const target = sheet;
  if (sp.replaceAll && !fresh) {
    if (undo) journalStyles(sheet, planExtent(sp), undo);
    clearOwnedSheet(sheet);
    fresh = true;
  }
  ensureSize(sheet, planExtent(sp), fresh, undo);

  for (const w of sp.writes) {
    if (!w.cells.length) continue;
    const m = rectangular(w.cells, '' as string | number | boolean, toSheetCell);
    if (!m[0].length) continue;
    sheet.getRange(w.row + 1, w.col + 1, m.length, m[0].length).setValues(m);
  }
  for (const f of sp.numberFormats) {
    if (!f.formats.length) continue;
    const m = rectangular(f.formats, 'General', (v) => v || 'General');
    if (!m[0].length) continue;
    const range = sheet.getRange(f.row + 1, f.col + 1, m.length, m[0].length);
    if (undo) {
      const old = range.getNumberFormats();
      undo.push(() => range.setNumberFormats(old));
    }
    range.setNumberFormats(m);
  }
  for (const v of sp.validations) {
    if (!v.list.length || v.range.rows < 1 || v.range.cols < 1) continue;
    const range = rangeOf(sheet, v.range);
    const old = undo || (v.keepExisting && !fresh) ? range.getDataValidations() : null;
    // The user's own dropdown (a strict list, its help text) stays on their column.
    if (v.keepExisting && old && old.some((row) => row.some((x) => x))) continue;
    const rule = SpreadsheetApp.newDataValidation().requireValueInList(v.list, true).setAllowInvalid(!v.strict).build();
    if (undo && old) undo.push(() => range.setDataValidations(old));
    range.setDataValidation(rule);
  }
  if (sp.replaceOwnedRules || sp.rules.length) {
    const current = sheet.getConditionalFormatRules();
    undo?.push(() => target.setConditionalFormatRules(current));
    const kept = sp.replaceOwnedRules ? current.filter((r) => !isOwnedRule(r)) : current;
    const added = sp.rules.map((r) => {
      let b = SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied(r.formula).setBackground(r.fill);
      if (r.fontColor) b = b.setFontColor(r.fontColor);
      return b.setRanges(r.ranges.map((x) => rangeOf(target, x))).build();
    });
    sheet.setConditionalFormatRules(kept.concat(added));
  }
  writePatches(sheet, sp.backgrounds, 'backgrounds', snap, fresh);
  writePatches(sheet, sp.notes, 'notes', snap, fresh);
  if (typeof sp.freezeRows === 'number') {
    if (undo) {
      const old = sheet.getFrozenRows();
      undo.push(() => target.setFrozenRows(old));
    }
    sheet.setFrozenRows(sp.freezeRows);
  }
  if (typeof sp.freezeCols === 'number') {
    if (undo) {
      const old = sheet.getFrozenColumns();
      undo.push(() => target.setFrozenColumns(old));
    }
    sheet.setFrozenColumns(sp.freezeCols);
  }
  if (sp.header) {
    const range = rangeOf(sheet, sp.header.range);
    if (undo) {
      const weights = range.getFontWeights();
      const fills = range.getBackgrounds();
      const colors = range.getFontColors();
      undo.push(() => {
        range.setFontWeights(weights);
        range.setBackgrounds(fills);
        range.setFontColors(colors);
      });
    }
    range
      .setFontWeight(sp.header.bold ? 'bold' : 'normal')
      .setBackground(sp.header.fill || null)
      .setFontColor(sp.header.fontColor || null);
  }
  if (sp.table) bandTable(sheet, sp.table.range, undo);
  // The add-in's own bookkeeping sheet (the marks Clear needs) stays out of sight; restorePlan deletes it on a failure.
  if (sp.hidden && created) sheet.hideSheet();
  for (const w of sp.columnWidths ?? []) {
    if (undo) {
      const old = sheet.getColumnWidth(w.col + 1);
      undo.push(() => target.setColumnWidth(w.col + 1, old));
    }
    sheet.setColumnWidth(w.col + 1, w.width);
  }
  // Charts last: they read the cells written above.
  if (sp.charts) applyCharts(sheet, sp.charts);
}

const CHART_TYPE: Record<ChartSpec['type'], keyof typeof Charts.ChartType> = { barStacked: 'BAR', column: 'COLUMN', line: 'LINE' };

/**
 * The add-in's charts on an owned sheet (Sheets' charts have no names: every chart there is the add-in's, matched to
 * the specs in order): an existing chart is rebuilt in place (updateChart), a missing one inserted, extra ones
 * removed. One getCharts, then one call per chart.
 */
function applyCharts(sheet: Sheet, specs: ChartSpec[]): void {
  const existing = sheet.getCharts();
  specs.forEach((spec, i) => {
    const old = existing[i];
    let b = (old ? old.modify().clearRanges() : sheet.newChart())
      .setChartType(Charts.ChartType[CHART_TYPE[spec.type]])
      .addRange(rangeOf(sheet, spec.source))
      .setNumHeaders(1)
      .setPosition(spec.anchor.row + 1, spec.anchor.col + 1, 0, 0)
      .setOption('title', spec.title)
      .setOption('colors', spec.colors)
      .setOption('width', spec.anchor.width)
      .setOption('height', spec.anchor.height)
      .setOption('legend', { position: spec.type === 'column' ? 'none' : 'bottom' });
    if (spec.type === 'barStacked') b = b.setOption('isStacked', true);
    if (spec.max !== undefined) b = b.setOption(spec.type === 'barStacked' ? 'hAxis' : 'vAxis', { viewWindow: { min: 0, max: spec.max } });
    if (old) sheet.updateChart(b.build());
    else sheet.insertChart(b.build());
  });
  for (const extra of existing.slice(specs.length)) sheet.removeChart(extra);
}

/** Applies a plan; `journal` receives the extra undo steps (see UndoJournal), run newest first after restorePlan. */
export function applyWorkbookPlan(ss: Spreadsheet, plan: WorkbookPlan, snap: WorkbookSnapshot, journal: UndoJournal = []): void {
  const snapshotOf = (name: string) => (name === snap.active.name ? snap.active : snap.others[name]);
  // insertSheet makes the new sheet active; unless the plan says where to go, the user stays on their sheet.
  const creates = plan.sheets.some((sp) => sp.create);
  for (const sp of plan.sheets) applySheetPlan(ss, sp, snapshotOf, journal);
  for (const name of plan.deleteSheets ?? []) {
    const s = ss.getSheetByName(name);
    if (s) ss.deleteSheet(s);
  }
  if (plan.select) {
    const s = ss.getSheetByName(plan.select.sheet);
    if (s) s.getRange(plan.select.row + 1, plan.select.col + 1).activate();
  } else if (plan.activate || creates) {
    const s = ss.getSheetByName(plan.activate || snap.active.name);
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
