/**
 * Reading an ExcelJS worksheet into core's SheetSnapshot, the way Excel's own API would hand the cells over:
 * dates as serial numbers, formulas' cached results as values, rich text as plain text, a merged area's value only
 * in its top-left cell, errors as their '#DIV/0!' text.
 */
import ExcelJS from 'exceljs';
import type { SheetSnapshot, WorkbookSnapshot, ReadRequest } from '../core/sheet-plan';
import { dateToSerial } from '../core/values';
import { directCellsOf } from './direct-sheet';

/** Days between the 1900 and 1904 date systems. */
const DATE1904_OFFSET = 1462;

/** ExcelJS turns date-formatted numbers into JS Dates (UTC); this turns them back into the serial Excel stores. */
function fileSerial(d: Date, date1904: boolean): number {
  const serial = dateToSerial(d, 'utc');
  return date1904 ? serial - DATE1904_OFFSET : serial;
}

/** Office's default theme colours, by theme index, for fills given as theme colours (tints are ignored). */
const THEME_COLORS = [
  '#ffffff',
  '#000000',
  '#e7e6e6',
  '#44546a',
  '#4472c4',
  '#ed7d31',
  '#a5a5a5',
  '#ffc000',
  '#5b9bd5',
  '#70ad47',
];

function plainText(v: any): string {
  if (v && Array.isArray(v.richText)) return v.richText.map((r: any) => String(r.text ?? '')).join('');
  return String(v ?? '');
}

/** A cell value (or a formula's cached result) as the Excel API would give it. */
export function plainValue(v: unknown, date1904: boolean): unknown {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? v : '';
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : fileSerial(v, date1904);
  const o = v as any;
  if (Array.isArray(o.richText)) return plainText(o);
  if (typeof o.error === 'string') return o.error;
  if ('formula' in o || 'sharedFormula' in o) return plainValue(o.result, date1904);
  if ('hyperlink' in o) return plainText(o.text);
  if ('text' in o) return plainText(o.text);
  return '';
}

function noteText(note: unknown): string {
  if (!note) return '';
  if (typeof note === 'string') return note;
  const texts = (note as any).texts;
  return Array.isArray(texts) ? texts.map((t: any) => String(t.text ?? '')).join('') : '';
}

export function fillColor(fill: any): string {
  if (!fill || fill.type !== 'pattern' || fill.pattern === 'none' || !fill.pattern) return '';
  const c = fill.fgColor ?? fill.bgColor;
  if (!c) return '';
  if (typeof c.argb === 'string' && /^[0-9a-f]{8}$/i.test(c.argb)) return '#' + c.argb.slice(2).toLowerCase();
  if (typeof c.argb === 'string' && /^[0-9a-f]{6}$/i.test(c.argb)) return '#' + c.argb.toLowerCase();
  if (typeof c.theme === 'number') return THEME_COLORS[c.theme] ?? '';
  return '';
}

function isMergeSlave(cell: ExcelJS.Cell): boolean {
  return cell.type === ExcelJS.ValueType.Merge;
}

/** Rows and columns actually holding something (a value, a formula or a note); styled empty cells do not count. */
export function usedExtent(ws: ExcelJS.Worksheet): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
      const has = (cell.type !== ExcelJS.ValueType.Null && !isMergeSlave(cell)) || !!cell.note;
      if (has) {
        if (rowNumber > rows) rows = rowNumber;
        if (colNumber > cols) cols = colNumber;
      }
    });
  });
  return { rows, cols };
}

/** One sheet's cells as core's SheetSnapshot (core's own readSheet then builds the OKR model from it). */
export function readSheetSnapshot(
  ws: ExcelJS.Worksheet,
  want: { formulas: boolean; notes: boolean; backgrounds: boolean },
  date1904: boolean,
): SheetSnapshot {
  // Its cells are not ExcelJS's: reading it would find it empty.
  if (directCellsOf(ws)) throw new Error(`"${ws.name}" was written for the save only and cannot be read back.`);
  const { rows, cols } = usedExtent(ws);
  const grid = <T>(fill: T): T[][] => Array.from({ length: rows }, () => new Array<T>(cols).fill(fill));
  const values = grid<unknown>('');
  const formulas = want.formulas ? grid('') : undefined;
  const notes = want.notes ? grid('') : undefined;
  const backgrounds = want.backgrounds ? grid('') : undefined;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const r = rowNumber - 1;
    if (r >= rows) return;
    row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
      const c = colNumber - 1;
      if (c >= cols) return;
      if (!isMergeSlave(cell)) {
        // ExcelJS's cell.value drops a formula's falsy cached result (0, FALSE, ''); cell.result keeps it.
        values[r][c] =
          cell.type === ExcelJS.ValueType.Formula
            ? plainValue(cell.result ?? '', date1904)
            : plainValue(cell.value, date1904);
        if (formulas && cell.type === ExcelJS.ValueType.Formula) {
          const f = cell.formula;
          formulas[r][c] = f ? '=' + f : '';
        }
      }
      if (notes) notes[r][c] = noteText(cell.note);
      if (backgrounds) backgrounds[r][c] = fillColor(cell.fill);
    });
  });
  return { name: ws.name, origin: { row: 0, col: 0 }, values, formulas, notes, backgrounds };
}

export function isDate1904(wb: ExcelJS.Workbook): boolean {
  return !!(wb.properties as any)?.date1904;
}

/** Sheets in tab order. */
export function sheetsInOrder(wb: ExcelJS.Workbook): ExcelJS.Worksheet[] {
  return wb.worksheets.slice();
}

/** The sheet Excel would show when the file opens (the workbook's active tab), falling back to the first visible one. */
export function activeSheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet | undefined {
  const sheets = sheetsInOrder(wb);
  const tab = (wb.views?.[0] as any)?.activeTab;
  const chosen = typeof tab === 'number' ? sheets[tab] : undefined;
  if (chosen && chosen.state === 'visible') return chosen;
  return sheets.find((s) => s.state === 'visible') ?? sheets[0];
}

/** The snapshot core asked for: the active sheet and the `others` that exist. */
export function readSnapshot(
  wb: ExcelJS.Workbook,
  active: ExcelJS.Worksheet,
  req: ReadRequest,
  today: string,
): WorkbookSnapshot {
  const date1904 = isDate1904(wb);
  const others: Record<string, SheetSnapshot> = {};
  for (const name of req.others) {
    const ws = wb.getWorksheet(name);
    if (ws && ws.name !== active.name) others[ws.name] = readSheetSnapshot(ws, req, date1904);
  }
  return {
    host: 'excel',
    active: readSheetSnapshot(active, req, date1904),
    sheetNames: sheetsInOrder(wb).map((s) => s.name),
    others,
    today,
  };
}
