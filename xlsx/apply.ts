/**
 * Applying core's WorkbookPlan to an ExcelJS workbook held in memory. Nothing reaches the disk here: the caller saves
 * the workbook only when the whole plan applied, so a failure halfway leaves the user's file exactly as it was.
 */
import ExcelJS from 'exceljs';
import type { CellBlock, ConditionalRule, ListValidation, PlanCell, SheetPlan, WorkbookPlan } from '../core/sheet-plan';
import { a1, isOwnedRuleFormula, parseA1, rectA1 } from '../core/sheet-plan';
import type { Rect } from '../core/model';
import { msg, type Msg } from '../core/i18n';
import { filledFrom, type FilledFrom } from '../core/row-templates';
import { DirectCells, directCellsOf, NO_STYLE, type CellStyle } from './direct-sheet';

/** Excel rejects a file whose inline list validation is longer than this. */
const MAX_INLINE_LIST = 255;
/** Pixels per character of ExcelJS column width (Calibri 11, Excel's default). */
const PX_PER_CHAR = 7;

export interface ApplyReport {
  /** Parts of the plan the file format could not hold as asked (the rest was applied). */
  warnings: Msg[];
}

const argb = (hex: string) => 'FF' + hex.replace(/^#/, '').toUpperCase().padStart(6, '0').slice(-6);

/** The cell by its row and column numbers (ExcelJS's ws.getCell(r, c) would build and parse an A1 address first). */
function cellAt(ws: ExcelJS.Worksheet, row: number, col: number): ExcelJS.Cell {
  return ws.getRow(row + 1).getCell(col + 1);
}

/** Where a sheet's cells are written: its ExcelJS cells, or (a sheet made whole, when asked) DirectCells. */
interface SheetCells {
  put(row: number, col: number, value: ExcelJS.CellValue): void;
  style(row: number, col: number): CellStyle;
  setStyle(row: number, col: number, style: CellStyle): void;
}

/**
 * A sheet's ExcelJS cells. A cell written that had no style gets NO_STYLE: plan values are never dates, the one kind
 * of value ExcelJS gives a style of its own when the cell has none.
 */
function excelCells(ws: ExcelJS.Worksheet): SheetCells {
  return {
    put(row, col, value) {
      const cell = cellAt(ws, row, col);
      cell.value = value;
      if (cell.style !== NO_STYLE && isEmpty(cell.style)) cell.style = NO_STYLE;
    },
    style: (row, col) => cellAt(ws, row, col).style ?? NO_STYLE,
    setStyle(row, col, style) {
      cellAt(ws, row, col).style = style;
    },
  };
}

/**
 * Style objects restyle made, by the style they were made from and the change. Cells given the same style share one
 * object, as ExcelJS shares the style of cells read with the same style id: its writer finds a cell's style id by the
 * object (a WeakMap) and only renders a style it has not seen to XML, once per object (a 10,000-KR convert styles
 * 50,000 cells: one render each took a tenth of the run). Sharing is safe because no code here changes a style object
 * in place (ExcelJS's own setters such as cell.numFmt = do): restyle always gives the cell another object.
 * A style's text is kept by its object (shared by the cells read with it and by those restyle gave it); an empty one,
 * which ExcelJS gives every new cell an object of its own, is simply ''.
 */
interface StyleCache {
  /** By the text of the style changed, then by the change's key. */
  made: Map<string, Map<string, CellStyle>>;
  text: WeakMap<object, string>;
}

/** A change of style: the same key, the same change to any style (`make` builds the changed style once). */
interface StyleChange {
  key: string;
  make(base: CellStyle): CellStyle;
}

const newStyleCache = (): StyleCache => ({ made: new Map(), text: new WeakMap() });

function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

function styleText(styles: StyleCache, style: object): string {
  if (isEmpty(style)) return '';
  let text = styles.text.get(style);
  if (text === undefined) styles.text.set(style, (text = JSON.stringify(style)));
  return text;
}

function restyle(styles: StyleCache, cells: SheetCells, row: number, col: number, change: StyleChange): void {
  const base = cells.style(row, col);
  const text = styleText(styles, base);
  let made = styles.made.get(text);
  if (!made) styles.made.set(text, (made = new Map()));
  let next = made.get(change.key);
  if (!next) made.set(change.key, (next = change.make(base)));
  cells.setStyle(row, col, next);
}

export function planCellValue(v: PlanCell): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v; // a string cell is always text in the file, even '=cmd|...'
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'object' && typeof (v as { f: unknown }).f === 'string') {
    return { formula: (v as { f: string }).f.replace(/^=/, '') } as ExcelJS.CellFormulaValue;
  }
  return null;
}

/**
 * Shared formulas point at a master cell; overwriting a master would orphan its clones (ExcelJS then refuses to save).
 * Every clone becomes an ordinary formula with the same text first.
 */
function unshareFormulas(ws: ExcelJS.Worksheet): void {
  ws.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      const v = cell.value as any;
      if (v && typeof v === 'object' && (v.sharedFormula || v.shareType === 'shared')) {
        const f = cell.formula;
        cell.value = f ? ({ formula: f, result: v.result } as ExcelJS.CellFormulaValue) : (v.result ?? null);
      }
    });
  });
}

/** A quoted string (left alone), a cell reference not part of a name or a function call, or a whole-row range. */
const TOKEN =
  /"(?:[^"]|"")*"|(?<![A-Za-z0-9_.$])\$?[A-Z]{1,3}(\$?)(\d+)(?![\d(A-Za-z_])|(?<![A-Za-z0-9_.$])\$?\d+:\$?\d+/g;

/**
 * A formula cut at the row numbers of its relative references: `lits` around them, `rows` their values. The same
 * formula filled down d rows is the same text with each of those numbers plus d (column letters, absolute rows and
 * everything else unchanged). Built once per run of filled-down cells, so each further cell costs one comparison
 * pass instead of a parse. null when the formula holds whole-row references ('3:3'): such formulas are not shared.
 */
export interface FillTemplate {
  lits: string[];
  rows: number[];
}

export function fillTemplate(formula: string): FillTemplate | null {
  const lits: string[] = [];
  const rows: number[] = [];
  let from = 0;
  for (const m of formula.matchAll(TOKEN)) {
    if (m[0].charCodeAt(0) === 34) continue; // a quoted string
    if (m[2] === undefined) return null; // a whole-row range
    if (m[1]) continue; // an absolute row stays as it is
    const at = m.index! + m[0].length - m[2].length;
    lits.push(formula.slice(from, at));
    rows.push(Number(m[2]));
    from = m.index! + m[0].length;
  }
  lits.push(formula.slice(from));
  return { lits, rows };
}

/**
 * Whether `formula` is the template's formula filled down `d` rows (see fillTemplate). Pieces are compared with ===
 * on substrings (a slice, then a block compare), the fastest exact check V8 offers on these long two-byte strings.
 */
export function fillsDown(t: FillTemplate, formula: string, d: number): boolean {
  let pos = 0;
  for (let i = 0; i < t.rows.length; i++) {
    const lit = t.lits[i];
    if (formula.substring(pos, pos + lit.length) !== lit) return false;
    pos += lit.length;
    const digits = String(t.rows[i] + d);
    if (formula.substring(pos, pos + digits.length) !== digits) return false;
    pos += digits.length;
  }
  const last = t.lits[t.rows.length];
  return formula.length - pos === last.length && formula.substring(pos) === last;
}

/** Excel refuses a formula longer than this. */
const MAX_FORMULA = 8192;

/**
 * A run of filled-down formulas in one column: the first cell (the master) and the last row that clones it. `formula`
 * is the plan's text, with its '='.
 */
interface FillRun {
  row: number;
  col: number;
  addr: string;
  formula: string;
  last: number;
  /** The template the master was made from, when core made it from one (row-templates.ts). */
  from?: FilledFrom;
  /** Made when a second cell could join the run by its text (most runs of rollup formulas are one cell long). */
  tpl?: FillTemplate | null;
}

/** Closes the column's run: a run of more than one cell turns its master into a shared formula over the run. */
function endRun(cells: SheetCells, runs: Map<number, FillRun>, col: number): void {
  const m = runs.get(col);
  if (m && m.last > m.row) {
    cells.put(m.row, m.col, {
      formula: m.formula.replace(/^=/, ''),
      shareType: 'shared',
      ref: `${m.addr}:${a1(m.last, m.col)}`,
    } as any);
  }
  runs.delete(col);
}

/** Templates whose rows are the same formula filled down: the row mark stands exactly where relative rows are. */
const FILLS_BY_ROW = new WeakMap<readonly string[], boolean>();

function fillsByRow(parts: readonly string[]): boolean {
  let ok = FILLS_BY_ROW.get(parts);
  if (ok === undefined) {
    const at = (n: number) => parts.join(String(n));
    const tpl = fillTemplate(at(9));
    // one row down, and across two more digits (a mark glued to other digits would pass the first alone)
    ok = !!tpl && fillsDown(tpl, at(10), 1) && fillsDown(tpl, at(100), 91);
    FILLS_BY_ROW.set(parts, ok);
  }
  return ok;
}

/**
 * Whether `cell` on `row` is the run's master filled down to it: told by the template both were made from (no text
 * is built or compared: a 10,000-row column's text was a third of the apply's time), else by comparing the text.
 */
function joinsRun(m: FillRun, cell: { f: string }, from: FilledFrom | undefined, row: number): boolean {
  if (from && m.from && from.parts === m.from.parts)
    return Number(from.rowText) - Number(m.from.rowText) === row - m.row && fillsByRow(from.parts);
  if (m.tpl === undefined) m.tpl = fillTemplate(m.formula);
  return !!m.tpl && fillsDown(m.tpl, cell.f, row - m.row);
}

/**
 * A formula cell: a clone of the run above it when it is that formula filled down to this row, else a new run. Empty
 * cells between the run's last row and this one stay in the run's range without a formula, as Excel stores a filled
 * column whose cells were partly cleared: an objective's rollup on the first row of each objective is one formula
 * per column instead of one per objective (at 10,000 KRs, a third of the sheet's XML). Returns the formula's length.
 */
function writeFormula(cells: SheetCells, runs: Map<number, FillRun>, row: number, col: number, cell: { f: string }) {
  const from = filledFrom(cell);
  const m = runs.get(col);
  if (m && joinsRun(m, cell, from, row)) {
    m.last = row;
    cells.put(row, col, { sharedFormula: m.addr } as any);
    return m.formula.length;
  }
  endRun(cells, runs, col);
  // The plan's formula text as it is ('=' and all): a copy per cell would be 100 MB of garbage at 10,000 rows.
  const formula = cell.f;
  runs.set(col, { row, col, addr: a1(row, col), formula, last: row, from });
  cells.put(row, col, planCellValue({ f: formula }));
  return formula.length;
}

/** A formula cell of the plan (whose text is not read here: filledCell builds it on each read). */
const isFormulaCell = (v: PlanCell): v is { f: string } =>
  v !== null && typeof v === 'object' && (filledFrom(v) !== undefined || typeof v.f === 'string');

/**
 * Writes a block. A formula that is the one above it moved down a row (what filling down gives) is stored as a
 * clone of the first one, as Excel stores filled-down formulas: a 10,000-row grid of long portable formulas stays a
 * small file that writes and opens fast.
 */
function writeBlock(cells: SheetCells, b: CellBlock, warnings: Msg[]): void {
  const runs = new Map<number, FillRun>();
  let tooLong = 0;
  for (let i = 0; i < b.cells.length; i++) {
    const line = b.cells[i];
    for (let j = 0; j < line.length; j++) {
      const v = line[j];
      if (!isFormulaCell(v)) {
        // An empty cell leaves the column's run open (writeFormula); a value ends it.
        if (v !== null && v !== undefined) endRun(cells, runs, b.col + j);
        cells.put(b.row + i, b.col + j, planCellValue(v));
        continue;
      }
      if (writeFormula(cells, runs, b.row + i, b.col + j, v) > MAX_FORMULA) tooLong++;
    }
  }
  for (const col of [...runs.keys()]) endRun(cells, runs, col);
  if (tooLong) warnings.push(tooLongText(tooLong));
}

const tooLongText = (n: number) =>
  msg(
    `${n} formula(s) are longer than Excel's limit of ${MAX_FORMULA} characters; Excel may not open the file.`,
    `${n} 个公式超过 Excel 的 ${MAX_FORMULA} 字符上限,Excel 可能无法打开此文件。`,
  );

function inRect(row: number, col: number, r: Rect): boolean {
  return row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;
}

function listFormula(list: string[]): string | null {
  if (list.some((s) => s.includes(','))) return null;
  const joined = list.map((s) => s.replace(/"/g, '""')).join(',');
  return joined.length > MAX_INLINE_LIST ? null : `"${joined}"`;
}

/** Whether any validation ExcelJS holds (keyed by cell 'B4' or range 'B4:B13') covers a cell of `rect`. */
function hasValidation(model: Record<string, unknown>, rect: Rect): boolean {
  const colNum = (l: string) => l.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  for (const key of Object.keys(model)) {
    if (!model[key]) continue;
    for (const part of key.split(/\s+/)) {
      const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(part);
      if (!m) continue;
      const r1 = Number(m[2]) - 1;
      const c1 = colNum(m[1]);
      const r2 = m[4] ? Number(m[4]) - 1 : r1;
      const c2 = m[3] ? colNum(m[3]) : c1;
      if (r1 <= rect.row + rect.rows - 1 && r2 >= rect.row && c1 <= rect.col + rect.cols - 1 && c2 >= rect.col)
        return true;
    }
  }
  return false;
}

function addValidation(ws: ExcelJS.Worksheet, v: ListValidation, warnings: Msg[]): void {
  const model = (ws as any).dataValidations.model as Record<string, unknown>;
  // The user's own dropdown (a strict list, its help text) stays on their column.
  if (v.keepExisting && hasValidation(model, v.range)) return;
  // Drop what covered these cells before (ExcelJS keeps validations read from a file per cell).
  for (const key of Object.keys(model)) {
    if (!model[key] || key.includes(':')) continue;
    const cell = parseA1(key);
    if (cell && inRect(cell.row, cell.col, v.range)) delete model[key];
  }
  const formula = listFormula(v.list);
  if (!formula) {
    warnings.push(
      msg(
        `The dropdown for ${rectA1(v.range)} was left out: its list is too long or has commas for an .xlsx file.`,
        `${rectA1(v.range)} 的下拉列表未写入:列表过长或含有逗号,.xlsx 文件无法保存。`,
      ),
    );
    return;
  }
  (ws as any).dataValidations.add(rectA1(v.range), {
    type: 'list',
    allowBlank: true,
    formulae: [formula],
    showErrorMessage: true,
    errorStyle: v.strict ? 'stop' : 'warning',
  });
}

function ruleFormulas(rule: any): string[] {
  return Array.isArray(rule?.formulae) ? rule.formulae.map(String) : [];
}

function replaceOwnedRules(ws: ExcelJS.Worksheet): void {
  const kept: any[] = [];
  for (const cf of (ws as any).conditionalFormattings ?? []) {
    const rules = (cf.rules ?? []).filter((r: any) => !ruleFormulas(r).some((f) => isOwnedRuleFormula(f)));
    if (rules.length) kept.push({ ...cf, rules });
  }
  (ws as any).conditionalFormattings = kept;
}

function addRule(ws: ExcelJS.Worksheet, rule: ConditionalRule): void {
  const existing: any[] = (ws as any).conditionalFormattings ?? [];
  const priority =
    existing.reduce((m, cf) => Math.max(m, ...(cf.rules ?? []).map((r: any) => Number(r.priority) || 0)), 0) + 1;
  const style: any = { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(rule.fill) } } };
  if (rule.fontColor) style.font = { color: { argb: argb(rule.fontColor) } };
  ws.addConditionalFormatting({
    ref: rule.ranges.map(rectA1).join(' '),
    rules: [{ type: 'expression', priority, formulae: [rule.formula.replace(/^=/, '')], style } as any],
  });
}

function patchNote(ws: ExcelJS.Worksheet, row: number, col: number, text: string): void {
  const cell = cellAt(ws, row, col) as any;
  if (text) cell.note = text;
  else cell._comment = undefined; // ExcelJS has no public way to remove a note
}

function freeze(ws: ExcelJS.Worksheet, rows: number, cols?: number): void {
  const prev: any = ws.views?.[0] ?? {};
  const xSplit = cols ?? (prev.state === 'frozen' ? (prev.xSplit ?? 0) : 0);
  ws.views = [
    rows > 0 || xSplit > 0
      ? { ...prev, state: 'frozen', xSplit, ySplit: rows, topLeftCell: a1(rows, xSplit) }
      : { ...prev, state: 'normal', xSplit: undefined, ySplit: undefined, topLeftCell: undefined },
  ];
}

function placeAfter(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, after: string | undefined): void {
  const order = wb.worksheets.filter((s) => s !== ws);
  const i = after ? order.findIndex((s) => s.name === after) : -1;
  order.splice(i >= 0 ? i + 1 : order.length, 0, ws);
  order.forEach((s, k) => ((s as any).orderNo = k + 1));
}

/** A sheet the add-in owns is cleared by replacing it with an empty one in the same place. */
function recreate(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet): ExcelJS.Worksheet {
  const order = wb.worksheets;
  const at = order.indexOf(ws);
  const name = ws.name;
  wb.removeWorksheet(ws.id);
  const fresh = wb.addWorksheet(name);
  placeAfter(wb, fresh, at > 0 ? order[at - 1].name : undefined);
  if (at === 0) {
    const rest = wb.worksheets.filter((s) => s !== fresh);
    [fresh, ...rest].forEach((s, k) => ((s as any).orderNo = k + 1));
  }
  return fresh;
}

/** The sheet a plan writes (found, or added), and whether it is made whole: added, or an owned sheet replaced. */
function sheetOf(wb: ExcelJS.Workbook, p: SheetPlan): { ws: ExcelJS.Worksheet; whole: boolean } {
  const ws = wb.getWorksheet(p.sheet);
  if (ws) return p.replaceAll ? { ws: recreate(wb, ws), whole: true } : { ws, whole: false };
  const added = wb.addWorksheet(p.sheet);
  placeAfter(wb, added, p.create?.after);
  // The add-in's own bookkeeping sheet (the marks Clear needs) stays out of sight.
  if (p.hidden) added.state = 'hidden';
  return { ws: added, whole: true };
}

const solid = (hex: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: argb(hex) } });

/** The change to a number format, one object per format. */
function numFmtChange(changes: Map<string, StyleChange>, numFmt: string): StyleChange {
  let change = changes.get(numFmt);
  if (!change) changes.set(numFmt, (change = { key: `numFmt\u0000${numFmt}`, make: (b) => ({ ...b, numFmt }) }));
  return change;
}

function fillChange(hex: string): StyleChange {
  if (hex) return { key: `fill\u0000${hex}`, make: (b) => ({ ...b, fill: solid(hex) }) };
  return { key: 'fill', make: ({ fill: _, ...rest }) => rest };
}

/** The plan's number formats, fills and header style. */
function styleCells(cells: SheetCells, p: SheetPlan, styles: StyleCache): void {
  const numFmts = new Map<string, StyleChange>();
  for (const fb of p.numberFormats) {
    fb.formats.forEach((line, i) =>
      line.forEach((f, j) => restyle(styles, cells, fb.row + i, fb.col + j, numFmtChange(numFmts, f))),
    );
  }
  for (const b of p.backgrounds) restyle(styles, cells, b.row, b.col, fillChange(b.value));
  const h = p.header;
  if (!h) return;
  const header: StyleChange = {
    key: `header\u0000${JSON.stringify([h.bold, h.fill, h.fontColor])}`,
    make: (b) => ({
      ...b,
      font: { ...(b.font ?? {}), bold: h.bold, color: { argb: argb(h.fontColor) } },
      fill: solid(h.fill),
    }),
  };
  for (let row = h.range.row; row < h.range.row + h.range.rows; row++)
    for (let col = h.range.col; col < h.range.col + h.range.cols; col++) restyle(styles, cells, row, col, header);
}

/**
 * Applies one sheet's plan. With `direct`, a sheet made whole keeps its cells in DirectCells (rendered at save, never
 * read back: see direct-sheet.ts), unless it has notes (ExcelJS writes those, as comments of its cells).
 */
function applySheet(wb: ExcelJS.Workbook, p: SheetPlan, warnings: Msg[], styles: StyleCache, direct: boolean): void {
  const { ws, whole } = sheetOf(wb, p);
  // A sheet an earlier part of the plan wrote direct stays direct (its ExcelJS cells would not be written).
  const cells = directCellsOf(ws) ?? (direct && whole && !p.notes.length ? DirectCells.attach(ws) : excelCells(ws));
  if (!whole) unshareFormulas(ws);
  for (const b of p.writes) writeBlock(cells, b, warnings);
  styleCells(cells, p, styles);
  for (const v of p.validations) addValidation(ws, v, warnings);
  if (p.replaceOwnedRules) replaceOwnedRules(ws);
  for (const r of p.rules) addRule(ws, r);
  for (const n of p.notes) patchNote(ws, n.row, n.col, n.value);
  if (p.freezeRows !== undefined) freeze(ws, p.freezeRows, p.freezeCols);
  // An ExcelJS table rewrites every cell of its range; an autofilter gives the same header buttons without touching data.
  if (p.table) ws.autoFilter = rectA1(p.table.range);
  for (const w of p.columnWidths ?? [])
    ws.getColumn(w.col + 1).width = Math.max(1, Math.round((w.width / PX_PER_CHAR) * 10) / 10);
  // ExcelJS cannot write charts (no maintained Node library writes native .xlsx charts): the cells the charts read
  // are written, and the user is told how to get the charts.
  if (p.charts?.length) {
    warnings.push(
      msg(
        `"${p.sheet}" has its data but not its ${p.charts.length} charts: the command line cannot write charts into .xlsx. Open the file with the add-in in Excel or Google Sheets and run Check in to draw them.`,
        `“${p.sheet}”已写入数据，但未写入其 ${p.charts.length} 个图表：命令行无法把图表写入 .xlsx。请在装有加载项的 Excel 或 Google 表格中打开文件并运行“记录进展”来绘制图表。`,
      ),
    );
  }
}

function activate(wb: ExcelJS.Workbook, plan: WorkbookPlan): void {
  const sheets = wb.worksheets;
  const name = plan.activate ?? plan.select?.sheet;
  const idx = name ? sheets.findIndex((s) => s.name === name) : -1;
  if (idx < 0) return;
  const view: any = wb.views?.[0] ?? { x: 0, y: 0, width: 10000, height: 20000, visibility: 'visible' };
  wb.views = [{ ...view, activeTab: idx, firstSheet: 0 }];
  sheets.forEach((s, i) => {
    const v: any = s.views?.[0] ?? {};
    s.views = [{ ...v, tabSelected: i === idx }];
  });
  if (plan.select && plan.select.sheet === sheets[idx].name) {
    const v: any = sheets[idx].views[0];
    sheets[idx].views = [{ ...v, activeCell: a1(plan.select.row, plan.select.col) }];
  }
}

/**
 * Applies every part of the plan; throws on the first failure (the caller then simply does not save). With `direct`,
 * the cells of sheets made whole are kept for the save only (direct-sheet.ts): the caller saves and reads no more.
 */
export function applyPlan(wb: ExcelJS.Workbook, plan: WorkbookPlan, opts: { direct?: boolean } = {}): ApplyReport {
  const warnings: Msg[] = [];
  for (const name of plan.deleteSheets ?? []) {
    const ws = wb.getWorksheet(name);
    if (ws) wb.removeWorksheet(ws.id);
  }
  const styles = newStyleCache();
  for (const p of plan.sheets) applySheet(wb, p, warnings, styles, !!opts.direct);
  activate(wb, plan);
  // Formulas are written without cached results: every spreadsheet must compute them when the file opens.
  (wb as any).calcProperties = { ...((wb as any).calcProperties ?? {}), fullCalcOnLoad: true };
  return { warnings };
}
