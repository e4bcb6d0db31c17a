/**
 * .xlsx in and out of the in-browser workbook with ExcelJS (MIT), loaded on first use from its own chunk.
 * Kept: values, formulas (with their last computed result), number formats, fills, bold and font colours, notes,
 * list data validation, custom-formula conditional formats, frozen rows and columns, merged cells, column widths, and the
 * reading corrections of the document's settings (as the command line's settings sheet). Tables are written as their
 * ranges with the header styling (ExcelJS's table writer would rewrite the cells).
 */
import type * as ExcelJSTypes from 'exceljs';
import { parseLocal, rectToA1 } from '../excel-sim/address';
import { SimWorkbook, type Scalar, type SimCell, type SimSheet } from '../excel-sim/workbook';
import { dateToSerial } from '../../core/values';
import { SETTINGS_KEY } from '../../excel-addin/bridge';
import { resolveSettings } from '../../core/settings';
import { SETTINGS_SHEET, saveReadingSettings, savedSettings } from '../../xlsx/settings-store';

type ExcelJSModule = typeof ExcelJSTypes;

async function excelJs(): Promise<ExcelJSModule> {
  const mod = (await import(/* webpackChunkName: "exceljs" */ 'exceljs')) as unknown as {
    default?: ExcelJSModule;
  } & ExcelJSModule;
  return (mod.default ?? mod) as ExcelJSModule;
}

const argb = (hex: string) => 'FF' + hex.replace('#', '').toUpperCase().padStart(6, '0').slice(-6);
const hexOf = (c: { argb?: string } | undefined): string | undefined =>
  c?.argb && /^[0-9a-f]{8}$/i.test(c.argb) ? '#' + c.argb.slice(2).toUpperCase() : undefined;

/** Values (formulas with their last result), number formats, fills and fonts. */
function writeCells(wb: SimWorkbook, sh: SimSheet, ws: ExcelJSTypes.Worksheet): void {
  sh.cells.forEach((line, r) =>
    line?.forEach((cell, c) => {
      if (!cell) return;
      const xc = ws.getCell(r + 1, c + 1);
      if (cell.f !== undefined) {
        const result = wb.value(sh.name, r, c);
        xc.value = {
          formula: cell.f.replace(/^=/, ''),
          result: result === null ? undefined : (result as never),
        } as ExcelJSTypes.CellFormulaValue;
      } else if (cell.v !== undefined) xc.value = cell.v;
      if (cell.nf) xc.numFmt = cell.nf;
      if (cell.fill) xc.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(cell.fill) } };
      if (cell.bold || cell.fontColor)
        xc.font = { bold: !!cell.bold, ...(cell.fontColor ? { color: { argb: argb(cell.fontColor) } } : {}) };
    }),
  );
}

/** List validations, cell by cell (ExcelJS keeps them per cell), on at most 5,000 rows each. */
function writeValidations(sh: SimSheet, ws: ExcelJSTypes.Worksheet): void {
  for (const dv of sh.validations) {
    const list = `"${dv.list.join(',').replace(/"/g, '""')}"`;
    for (let r = dv.rect.row; r < dv.rect.row + Math.min(dv.rect.rows, 5000); r++)
      for (let c = dv.rect.col; c < dv.rect.col + dv.rect.cols; c++)
        ws.getCell(r + 1, c + 1).dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [list],
          showErrorMessage: true,
          errorStyle: dv.style === 'Stop' ? 'stop' : dv.style === 'Warning' ? 'warning' : 'information',
        };
  }
}

function writeConditionalFormats(sh: SimSheet, ws: ExcelJSTypes.Worksheet): void {
  sh.conditionalFormats.forEach((cf, i) => {
    if (!cf.formula) return;
    ws.addConditionalFormatting({
      ref: cf.ranges.map(rectToA1).join(' '),
      rules: [
        {
          type: 'expression',
          priority: i + 1,
          formulae: [cf.formula.replace(/^=/, '')],
          style: {
            ...(cf.fill ? { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(cf.fill) } } } : {}),
            ...(cf.fontColor ? { font: { color: { argb: argb(cf.fontColor) } } } : {}),
          },
        } as ExcelJSTypes.ExpressionRuleType,
      ],
    });
  });
}

function writeSheet(wb: SimWorkbook, sh: SimSheet, out: ExcelJSTypes.Workbook): void {
  const frozen = sh.freezeRows || sh.freezeCols;
  const ws = out.addWorksheet(sh.name, {
    // A hidden sheet stays hidden in the file (the add-in's own bookkeeping sheets among them).
    state: sh.visible ? 'visible' : 'hidden',
    ...(frozen ? { views: [{ state: 'frozen', ySplit: sh.freezeRows, xSplit: sh.freezeCols }] } : {}),
  });
  writeCells(wb, sh, ws);
  for (const m of sh.merges) ws.mergeCells(m.row + 1, m.col + 1, m.row + m.rows, m.col + m.cols);
  for (const [key, note] of sh.notes) {
    const [r, c] = key.split(',').map(Number);
    ws.getCell(r + 1, c + 1).note = note;
  }
  writeValidations(sh, ws);
  writeConditionalFormats(sh, ws);
  for (const [col, width] of Object.entries(sh.columnWidths))
    ws.getColumn(Number(col) + 1).width = Math.max(2, (Number(width) * 4) / 3 / 7); // points -> characters
}

/** The workbook as an .xlsx file. */
export async function toXlsx(wb: SimWorkbook): Promise<ArrayBuffer> {
  const ExcelJS = await excelJs();
  const out = new ExcelJS.Workbook();
  out.creator = 'OKR Grid playground';
  for (const sh of wb.sheets) writeSheet(wb, sh, out);
  // The corrections to the reading travel with the file the way the command line keeps them (xlsx/settings-store.ts).
  const saved = wb.settings[SETTINGS_KEY];
  if (saved && typeof saved === 'object') {
    const s = resolveSettings(saved);
    if (Object.keys(s.columnRoles).length || s.headerRow !== null) saveReadingSettings(out, s);
  }
  return (await out.xlsx.writeBuffer()) as ArrayBuffer;
}

function cellFrom(v: ExcelJSTypes.CellValue): Pick<SimCell, 'v' | 'f'> & { nf?: string } {
  if (v === null || v === undefined) return {};
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return { v };
  if (v instanceof Date) {
    const serial = Math.floor(dateToSerial(v, 'utc'));
    return Number.isFinite(serial) ? { v: serial, nf: 'yyyy-mm-dd' } : {};
  }
  const o = v as unknown as Record<string, unknown>;
  if (typeof o.formula === 'string' || typeof o.sharedFormula === 'string') {
    const result = o.result;
    const f = typeof o.formula === 'string' ? o.formula : undefined;
    const r =
      result instanceof Date
        ? cellFrom(result).v
        : typeof result === 'object' && result && 'error' in result
          ? String((result as { error: unknown }).error)
          : (result as Scalar | undefined);
    // A shared formula's text is on its master cell; keep the computed result for the others.
    return f ? { f: '=' + f, ...(r !== undefined ? { v: r } : {}) } : r !== undefined ? { v: r } : {};
  }
  if (Array.isArray(o.richText)) return { v: (o.richText as { text: string }[]).map((x) => x.text).join('') };
  if (typeof o.text === 'string') return { v: o.text };
  if (typeof o.error === 'string') return { v: o.error };
  return {};
}

/** A cell's number format, fill, bold, font colour and note. */
function readStyle(sh: SimSheet, cell: SimCell, xc: ExcelJSTypes.Cell, nf: string | undefined, r: number, c: number) {
  if (nf && nf !== 'General') cell.nf = nf;
  const fill = xc.fill && xc.fill.type === 'pattern' ? hexOf(xc.fill.fgColor as { argb?: string }) : undefined;
  if (fill) cell.fill = fill;
  if (xc.font?.bold) cell.bold = true;
  const fc = hexOf(xc.font?.color as { argb?: string } | undefined);
  if (fc && fc !== '#000000') cell.fontColor = fc;
  const note = xc.note;
  if (note) sh.notes.set(`${r},${c}`, typeof note === 'string' ? note : (note.texts ?? []).map((t) => t.text).join(''));
}

/** A cell's list validation, merged into the one of the cell above when it is the same list. */
function readValidation(sh: SimSheet, xc: ExcelJSTypes.Cell, r: number, c: number): void {
  const dv = xc.dataValidation;
  if (!dv || dv.type !== 'list' || typeof dv.formulae?.[0] !== 'string' || !dv.formulae[0].startsWith('"')) return;
  const list = dv.formulae[0].slice(1, -1).replace(/""/g, '"').split(',');
  const style = dv.errorStyle === 'warning' ? 'Warning' : dv.errorStyle === 'information' ? 'Information' : 'Stop';
  const prev = sh.validations.find(
    (x) =>
      x.list.join('\u0000') === list.join('\u0000') &&
      x.style === style &&
      x.rect.col === c &&
      x.rect.cols === 1 &&
      x.rect.row + x.rect.rows === r,
  );
  if (prev) prev.rect.rows++;
  else sh.validations.push({ rect: { row: r, col: c, rows: 1, cols: 1 }, list, style });
}

function readCells(ExcelJS: ExcelJSModule, sh: SimSheet, ws: ExcelJSTypes.Worksheet): void {
  ws.eachRow({ includeEmpty: false }, (row, r1) =>
    row.eachCell({ includeEmpty: false }, (xc, c1) => {
      // A cell covered by a merged area reports its top-left cell's value; in the workbook it is empty.
      if (xc.type === ExcelJS.ValueType.Merge) return;
      const [r, c] = [r1 - 1, c1 - 1];
      const got = cellFrom(xc.value);
      const cell = sh.ensure(r, c);
      if (got.v !== undefined) cell.v = got.v;
      if (got.f !== undefined) cell.f = got.f;
      readStyle(sh, cell, xc, xc.numFmt || got.nf, r, c);
      readValidation(sh, xc, r, c);
    }),
  );
}

/** The sheet's custom-formula conditional formats (ExcelJS keeps them on an undeclared property). */
function readConditionalFormats(wb: SimWorkbook, sh: SimSheet, ws: ExcelJSTypes.Worksheet): void {
  const cfs = (
    ws as unknown as { conditionalFormattings?: { ref: string; rules: ExcelJSTypes.ConditionalFormattingRule[] }[] }
  ).conditionalFormattings;
  for (const cf of cfs ?? []) {
    const ranges = cf.ref
      .split(/\s+/)
      .map((a) => parseLocal(a))
      .filter((x): x is NonNullable<typeof x> => !!x);
    for (const rule of cf.rules) {
      if (rule.type !== 'expression' || !ranges.length) continue;
      const made = wb.addConditionalFormat(sh, ranges);
      made.formula = '=' + String((rule as ExcelJSTypes.ExpressionRuleType).formulae?.[0] ?? '');
      const fillStyle = rule.style?.fill as { bgColor?: { argb?: string }; fgColor?: { argb?: string } } | undefined;
      made.fill = hexOf(fillStyle?.bgColor) ?? hexOf(fillStyle?.fgColor) ?? null;
      made.fontColor = hexOf(rule.style?.font?.color as { argb?: string } | undefined) ?? null;
    }
  }
}

/** Merged areas, frozen panes and column widths other than the defaults. */
function readLayout(sh: SimSheet, ws: ExcelJSTypes.Worksheet): void {
  for (const range of ws.model.merges ?? []) {
    const rect = parseLocal(range);
    if (rect && (rect.rows > 1 || rect.cols > 1)) sh.merges.push(rect);
  }
  const view = ws.views?.[0] as { state?: string; ySplit?: number; xSplit?: number } | undefined;
  if (view?.state === 'frozen') {
    sh.freezeRows = view.ySplit ?? 0;
    sh.freezeCols = view.xSplit ?? 0;
  }
  ws.columns?.forEach((col, c) => {
    if (col.width && Math.abs(col.width - 9.140625) > 0.01 && col.width !== 13)
      sh.columnWidths[c] = Math.round((col.width * 7 * 3) / 4); // characters -> points
  });
}

/** An .xlsx file as a playground workbook. */
export async function fromXlsx(data: ArrayBuffer): Promise<SimWorkbook> {
  const ExcelJS = await excelJs();
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data);
  const sheets = book.worksheets.filter((w) => w.name !== SETTINGS_SHEET);
  if (!sheets.length) throw new Error('The file has no worksheets.');
  const wb = new SimWorkbook(sheets.map((w) => w.name));
  // Reading corrections saved in the file become the document's settings (no language: it follows the page's).
  const saved = savedSettings(book);
  if (Object.keys(saved).length) {
    const s = resolveSettings(saved);
    wb.settings[SETTINGS_KEY] = { columnRoles: s.columnRoles, headerRow: s.headerRow };
  }
  sheets.forEach((ws, i) => {
    const sh = wb.sheets[i];
    sh.visible = ws.state === 'visible';
    readCells(ExcelJS, sh, ws);
    readConditionalFormats(wb, sh, ws);
    readLayout(sh, ws);
  });
  wb.activeIndex = Math.max(
    0,
    wb.sheets.findIndex((x) => x.visible),
  );
  return wb;
}

/** Asks the browser to save `data` as a file. */
export function saveFile(data: ArrayBuffer, name: string): void {
  const blob = new Blob([data], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}
