/**
 * Applying core's WorkbookPlan to an ExcelJS workbook held in memory. Nothing reaches the disk here: the caller saves
 * the workbook only when the whole plan applied, so a failure halfway leaves the user's file exactly as it was.
 */
import ExcelJS from 'exceljs';
import type { CellBlock, ConditionalRule, ListValidation, PlanCell, SheetPlan, WorkbookPlan } from '../core/sheet-plan';
import { a1, isOwnedRuleFormula, parseA1, rectA1 } from '../core/sheet-plan';
import type { Rect } from '../core/model';
import { msg, type Msg } from '../core/i18n';

/** Excel rejects a file whose inline list validation is longer than this. */
const MAX_INLINE_LIST = 255;
/** Pixels per character of ExcelJS column width (Calibri 11, Excel's default). */
const PX_PER_CHAR = 7;

export interface ApplyReport {
  /** Parts of the plan the file format could not hold as asked (the rest was applied). */
  warnings: Msg[];
}

const argb = (hex: string) => 'FF' + hex.replace(/^#/, '').toUpperCase().padStart(6, '0').slice(-6);

function cellAt(ws: ExcelJS.Worksheet, row: number, col: number): ExcelJS.Cell {
  return ws.getCell(row + 1, col + 1);
}

/** A fresh style object per cell: ExcelJS shares style objects between cells read with the same style id. */
function restyle(cell: ExcelJS.Cell, patch: Partial<ExcelJS.Style>, drop?: keyof ExcelJS.Style): void {
  const next: any = { ...(cell.style ?? {}), ...patch };
  if (drop) delete next[drop];
  cell.style = next;
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

const colNumber = (letters: string) => {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64;
  return n - 1;
};
const RELATIVE = new Map<number, string>();
/** A quoted string (left alone), or a cell reference not part of a name or a function call. */
const TOKEN =
  /"(?:[^"]|"")*"|(?<![A-Za-z0-9_.$])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\d(A-Za-z_])|(?<![A-Za-z0-9_.$])\$?\d+:\$?\d+/g;

/**
 * A formula with every cell reference written relative to (row, col), like R1C1: two cells whose formulas have the
 * same shape are the same formula filled down. null when the formula holds whole-row references ('3:3') or a range
 * end this does not model; such formulas are simply not shared.
 */
export function relativeShape(formula: string, row: number, col: number): string | null {
  let unsupported = false;
  const shape = formula.replace(TOKEN, (m: string, cAbs?: string, letters?: string, rAbs?: string, digits?: string) => {
    if (m.charCodeAt(0) === 34) return m;
    if (letters === undefined) {
      unsupported = true;
      return m;
    }
    const c = colNumber(letters);
    const r = Number(digits) - 1;
    if (rAbs || cAbs) return `${rAbs ? `R${r}` : `R[${r - row}]`}${cAbs ? `C${c}` : `C[${c - col}]`}`;
    // the usual case, a plain relative reference: cached, as a long formula repeats the same few many times
    const key = (r - row) * 65536 + (c - col);
    let out = RELATIVE.get(key);
    if (out === undefined) RELATIVE.set(key, (out = `R[${r - row}]C[${c - col}]`));
    return out;
  });
  return unsupported ? null : shape;
}

/** Excel refuses a formula longer than this. */
const MAX_FORMULA = 8192;

/**
 * Writes a block. A formula that is the one above it moved down a row (what filling down gives) is stored as a
 * clone of the first one, as Excel stores filled-down formulas: a 10,000-row grid of long portable formulas stays a
 * small file that writes and opens fast.
 */
function writeBlock(ws: ExcelJS.Worksheet, b: CellBlock, warnings: Msg[]): void {
  const masters = new Map<number, { row: number; col: number; formula: string; last: number; shape: string | null }>();
  const close = (col: number) => {
    const m = masters.get(col);
    if (m && m.last > m.row) {
      cellAt(ws, m.row, m.col).value = {
        formula: m.formula,
        shareType: 'shared',
        ref: `${a1(m.row, m.col)}:${a1(m.last, m.col)}`,
      } as any;
    }
    masters.delete(col);
  };
  let tooLong = 0;
  b.cells.forEach((line, i) =>
    line.forEach((v, j) => {
      const row = b.row + i;
      const col = b.col + j;
      const value = planCellValue(v);
      const formula =
        value && typeof value === 'object' && 'formula' in value ? (value as ExcelJS.CellFormulaValue).formula : null;
      if (formula === null) {
        close(col);
        cellAt(ws, row, col).value = value;
        return;
      }
      if (formula.length > MAX_FORMULA) tooLong++;
      const m = masters.get(col);
      const shape = relativeShape(formula, row, col);
      if (m && m.last === row - 1 && shape !== null && shape === m.shape) {
        m.last = row;
        cellAt(ws, row, col).value = { sharedFormula: a1(m.row, m.col) } as any;
        return;
      }
      close(col);
      masters.set(col, { row, col, formula, last: row, shape });
      cellAt(ws, row, col).value = value;
    }),
  );
  for (const col of [...masters.keys()]) close(col);
  if (tooLong) {
    warnings.push(
      msg(
        `${tooLong} formula(s) are longer than Excel's limit of ${MAX_FORMULA} characters; Excel may not open the file.`,
        `${tooLong} 个公式超过 Excel 的 ${MAX_FORMULA} 字符上限,Excel 可能无法打开此文件。`,
      ),
    );
  }
}

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

function applySheet(wb: ExcelJS.Workbook, p: SheetPlan, warnings: Msg[]): void {
  let ws = wb.getWorksheet(p.sheet);
  if (!ws) {
    ws = wb.addWorksheet(p.sheet);
    placeAfter(wb, ws, p.create?.after);
    // The add-in's own bookkeeping sheet (the marks Clear needs) stays out of sight.
    if (p.hidden) ws.state = 'hidden';
  } else if (p.replaceAll) {
    ws = recreate(wb, ws);
  }
  unshareFormulas(ws);
  for (const b of p.writes) writeBlock(ws, b, warnings);
  for (const fb of p.numberFormats) {
    fb.formats.forEach((line, i) =>
      line.forEach((f, j) => restyle(cellAt(ws!, fb.row + i, fb.col + j), { numFmt: f })),
    );
  }
  for (const v of p.validations) addValidation(ws, v, warnings);
  if (p.replaceOwnedRules) replaceOwnedRules(ws);
  for (const r of p.rules) addRule(ws, r);
  for (const b of p.backgrounds) {
    const cell = cellAt(ws, b.row, b.col);
    if (b.value) restyle(cell, { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(b.value) } } });
    else restyle(cell, {}, 'fill');
  }
  for (const n of p.notes) patchNote(ws, n.row, n.col, n.value);
  if (p.freezeRows !== undefined) freeze(ws, p.freezeRows, p.freezeCols);
  if (p.header) {
    const h = p.header;
    for (let r = h.range.row; r < h.range.row + h.range.rows; r++) {
      for (let c = h.range.col; c < h.range.col + h.range.cols; c++) {
        const cell = cellAt(ws, r, c);
        restyle(cell, {
          font: { ...(cell.font ?? {}), bold: h.bold, color: { argb: argb(h.fontColor) } },
          fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(h.fill) } },
        });
      }
    }
  }
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

/** Applies every part of the plan; throws on the first failure (the caller then simply does not save). */
export function applyPlan(wb: ExcelJS.Workbook, plan: WorkbookPlan): ApplyReport {
  const warnings: Msg[] = [];
  for (const name of plan.deleteSheets ?? []) {
    const ws = wb.getWorksheet(name);
    if (ws) wb.removeWorksheet(ws.id);
  }
  for (const p of plan.sheets) applySheet(wb, p, warnings);
  activate(wb, plan);
  // Formulas are written without cached results: every spreadsheet must compute them when the file opens.
  (wb as any).calcProperties = { ...((wb as any).calcProperties ?? {}), fullCalcOnLoad: true };
  return { warnings };
}
