/** Writing fixture grids into real .xlsx files, and small file helpers shared by the xlsx and LibreOffice tests. */
import fs from 'fs';
import os from 'os';
import path from 'path';
import crypto from 'crypto';
import ExcelJS from 'exceljs';

export interface SheetSpec {
  name: string;
  rows: unknown[][];
  /** Same shape (or sparse): '=...' formulas; the grid value becomes the cached result. */
  formulas?: string[][];
  /** Columns whose numbers are Excel date serials: written as dates with a date format, as Excel saves them. */
  dateCols?: number[];
}

const MS_PER_DAY = 86400000;
export const serialToDate = (serial: number) => new Date(Math.round((serial - 25569) * MS_PER_DAY));

export function addSheet(wb: ExcelJS.Workbook, spec: SheetSpec): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(spec.name);
  spec.rows.forEach((row, r) =>
    row.forEach((v, c) => {
      const f = spec.formulas?.[r]?.[c];
      const cell = ws.getCell(r + 1, c + 1);
      if (f) cell.value = { formula: f.replace(/^=/, ''), result: v as any } as ExcelJS.CellFormulaValue;
      else if (v === '' || v === null || v === undefined) return;
      else if (typeof v === 'number' && spec.dateCols?.includes(c)) {
        cell.value = serialToDate(v);
        cell.numFmt = 'yyyy-mm-dd';
      } else cell.value = v as ExcelJS.CellValue;
    }),
  );
  return ws;
}

export async function writeWorkbook(file: string, sheets: SheetSpec[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) addSheet(wb, s);
  await wb.xlsx.writeFile(file);
  return file;
}

export async function readWorkbookFile(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

const madeDirs: string[] = [];

/** A fresh directory under the OS temp dir, removed by removeTempDirs() (call it in afterAll). */
export function tempDir(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  madeDirs.push(d);
  return d;
}

export function removeTempDirs(): void {
  for (const d of madeDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** A captured CLI io. */
export function captureIo(env: Record<string, string | undefined> = { LANG: 'en_US.UTF-8' }) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s), env, tty: false },
    out: () => out.join('\n'),
    err: () => err.join('\n'),
  };
}

/** A cell's cached value as plain data (formula results unwrapped, dates left as Date). */
export function cached(cell: ExcelJS.Cell): unknown {
  const v = cell.value as any;
  if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) {
    const r = cell.result as any; // cell.value drops a cached 0
    return r && typeof r === 'object' && 'error' in r ? r.error : r;
  }
  return v;
}

/**
 * A typed value as Excel stores it after a person types it: '40%' becomes 0.4 with a percent format, '1,200' becomes
 * 1200. Everything else (including '¥2万', '约一半') stays as typed.
 */
export function excelTyped(v: unknown): { value: unknown; numFmt?: string } {
  if (typeof v !== 'string') return { value: v };
  const s = v.trim();
  if (/^-?\d+(\.\d+)?%$/.test(s)) return { value: Number(s.slice(0, -1)) / 100, numFmt: '0%' };
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return { value: Number(s.replace(/,/g, '')), numFmt: '#,##0' };
  return { value: v };
}

/** A fixture grid as Excel would have saved it (typed numbers, date columns as dates). */
export function excelSheet(
  name: string,
  rows: unknown[][],
  opts: { dateCols?: number[]; formulas?: string[][] } = {},
): SheetSpec & { numFmts: Record<string, string> } {
  const numFmts: Record<string, string> = {};
  const typed = rows.map((row, r) =>
    row.map((v, c) => {
      if (opts.formulas?.[r]?.[c]) return v;
      const t = excelTyped(v);
      if (t.numFmt) numFmts[`${r},${c}`] = t.numFmt;
      return t.value;
    }),
  );
  return { name, rows: typed, dateCols: opts.dateCols, formulas: opts.formulas, numFmts };
}

export async function writeExcelWorkbook(
  file: string,
  sheets: (SheetSpec & { numFmts?: Record<string, string> })[],
  touch?: (wb: ExcelJS.Workbook) => void,
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = addSheet(wb, s);
    for (const [key, fmt] of Object.entries(s.numFmts ?? {})) {
      const [r, c] = key.split(',').map(Number);
      ws.getCell(r + 1, c + 1).numFmt = fmt;
    }
  }
  touch?.(wb);
  await wb.xlsx.writeFile(file);
  return file;
}
