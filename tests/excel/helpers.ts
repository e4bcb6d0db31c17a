/**
 * Helpers for the Excel tests: an in-memory workbook loaded with a fixture (as a person would have typed it), the
 * built custom functions (dist/excel/functions.js run in a vm with a stand-in CustomFunctions) plugged in as the
 * formula engine, and small readers over the workbook.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import {
  createCustomFunctions,
  createExcel,
  CustomFunctionError,
  ERROR_CODE,
  SimWorkbook,
  type Scalar,
} from '../../playground/excel-sim';
import { isoToSerial } from '../../core/values';
import { FIXTURE_TODAY } from '../../fixtures/sheets';
import { createEvaluator } from '../../playground/src/engine';
import type { ExcelLike } from '../../excel-addin/adapter';

export const ROOT = path.resolve(__dirname, '../..');
export const DIST = path.join(ROOT, 'dist/excel');

export function requireBuild(): void {
  for (const f of ['functions.js', 'functions.json', 'commands.js', 'taskpane.js', 'taskpane.html', 'manifest.xml'])
    if (!fs.existsSync(path.join(DIST, f))) throw new Error(`dist/excel/${f} is missing: run \`npm run build\` first.`);
}

/** The stand-in CustomFunctions' error class and codes (playground/excel-sim/custom-functions.ts). */
export { CustomFunctionError as StandInError, ERROR_CODE as ERROR_CODES };

/** Runs dist/excel/functions.js and returns what it associated (id -> function). */
export function loadBuiltFunctions(displayLanguage = 'en-US'): Map<string, (...a: unknown[]) => unknown> {
  const associated = new Map<string, (...a: unknown[]) => unknown>();
  const sandbox: Record<string, unknown> = {
    CustomFunctions: createCustomFunctions(associated),
    Office: { context: { displayLanguage } },
    console,
  };
  sandbox.globalThis = sandbox;
  sandbox.self = sandbox;
  sandbox.window = sandbox;
  vm.runInNewContext(fs.readFileSync(path.join(DIST, 'functions.js'), 'utf8'), sandbox, { filename: 'functions.js' });
  return associated;
}

/** The built functions as formula functions: OKR.<ID>, with Excel's error values shown as their code. */
export function builtFormulaFunctions(): Record<string, (...a: unknown[]) => unknown> {
  const out: Record<string, (...a: unknown[]) => unknown> = {};
  for (const [id, fn] of loadBuiltFunctions()) {
    out[`OKR.${id}`] = (...args: unknown[]) => {
      const show = (v: unknown) => (v instanceof CustomFunctionError ? v.code : v);
      const r = fn(...args.map((a) => (a === undefined ? null : Array.isArray(a) ? a : [[a]])));
      return Array.isArray(r) ? r.map((row) => (row as unknown[]).map(show)) : show(r);
    };
  }
  return out;
}

/** Loads a fixture grid as typed values; strings that Excel would read as formulas are typed with an apostrophe. */
export function typed(grid: unknown[][], formulas?: string[][]): (Scalar | null)[][] {
  return grid.map((row, r) =>
    row.map((v, c) => {
      const f = formulas?.[r]?.[c];
      if (f) return f;
      if (typeof v === 'string' && /^[=+\-@]/.test(v)) return "'" + v;
      return v as Scalar;
    }),
  );
}

export interface Book {
  wb: SimWorkbook;
  excel: ExcelLike;
}

/**
 * A workbook holding `sheets`; with `engine`, formulas compute with the built custom functions, and TODAY() is
 * `today` (ISO; default the fixtures' today), so live Pace and Status cells do not depend on the day the tests run.
 */
export function bookWith(
  sheets: { name: string; grid: unknown[][]; formulas?: string[][] }[],
  engine = true,
  today = FIXTURE_TODAY,
): Book {
  const wb = new SimWorkbook([]);
  wb.sheets = [];
  for (const s of sheets) wb.addSheet(s.name, typed(s.grid, s.formulas));
  wb.activeIndex = 0;
  if (engine) wb.evaluator = createEvaluator({ ...builtFormulaFunctions(), TODAY: () => isoToSerial(today) });
  return { wb, excel: createExcel(wb) as unknown as ExcelLike };
}

/** Everything about a sheet a user could see or lose, as plain data (for before/after comparisons). */
export function dumpSheet(wb: SimWorkbook, name: string): unknown {
  const s = wb.sheet(name)!;
  return {
    cells: s.cells.map((row, r) =>
      (row ?? []).map((c, k) =>
        c
          ? { v: c.f ? wb.value(name, r, k) : (c.v ?? null), f: c.f ?? null, fill: c.fill ?? null, nf: c.nf ?? null }
          : null,
      ),
    ),
    notes: [...s.notes.entries()].sort(),
    rules: s.conditionalFormats.map((c) => ({ ranges: c.ranges, formula: c.formula, fill: c.fill })),
    validations: s.validations.map((v) => ({ rect: v.rect, list: v.list })),
    tables: s.tables.map((t) => ({ name: t.name, rect: t.rect })),
    freezeRows: s.freezeRows,
    charts: s.charts.map(({ id: _id, ...c }) => c),
  };
}

export function dumpBook(wb: SimWorkbook): unknown {
  return { sheets: wb.sheets.map((s) => s.name), each: wb.sheets.map((s) => dumpSheet(wb, s.name)) };
}

/** The 0-based column whose header (in `row`) matches. */
export function colOf(wb: SimWorkbook, sheet: string, headerRow: number, re: RegExp): number {
  const vals = wb.valuesOf(sheet)[headerRow] ?? [];
  return vals.findIndex((v) => typeof v === 'string' && re.test(v));
}

/** Values and formulas of a rectangle (what the user typed), for "untouched" checks. */
export function userCells(wb: SimWorkbook, name: string, rows: number, cols: number): unknown[][] {
  const s = wb.sheet(name)!;
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => {
      const cell = s.get(r, c);
      return cell?.f ?? (cell?.v === undefined ? '' : cell.v);
    }),
  );
}
