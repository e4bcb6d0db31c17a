/**
 * The playground's formula engine: fast-formula-parser (MIT) plugged into the in-browser workbook as its Evaluator,
 * with the add-in's custom functions registered under their Excel names (OKR.OKRSCORE, OKR.ROLLUP, ...).
 * Cell references are read through the workbook (ctx.value), so formulas recalculate whenever a cell they read changes.
 */
import FormulaParser from 'fast-formula-parser';
import type { EvalContext, Evaluator, SimWorkbook } from '../excel-sim/workbook';

/** A custom function as the engine calls it: scalars, 2D arrays for ranges, null for an omitted argument. */
export type EngineFunction = (...args: unknown[]) => unknown;

interface FfpArg {
  value: unknown;
  isArray?: boolean;
  isRangeRef?: boolean;
  isCellRef?: boolean;
  omitted?: boolean;
}

interface FfpRef {
  sheet?: string;
  row: number;
  col: number;
}
interface FfpRange {
  sheet?: string;
  from: { row: number; col: number };
  to: { row: number; col: number };
}

/** Turns an engine error object into Excel's error text ('#DIV/0!'); leaves anything else alone. */
export function plainResult(v: unknown): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if (typeof o._error === 'string') return o._error;
    if ('error' in o) return o;
  }
  if (Array.isArray(v)) return v.map((row) => (Array.isArray(row) ? row.map(plainResult) : plainResult(row)));
  return v;
}

let passCache: Map<string, unknown> | null = null;

/**
 * Runs `fn` with cell values memoised: nothing changes while the grid draws, so each referenced cell is computed once
 * per redraw instead of once per formula (and conditional format) that reads it.
 */
export function withPassCache<T>(fn: () => T): T {
  const outer = passCache;
  passCache = outer ?? new Map();
  try {
    return fn();
  } finally {
    passCache = outer;
  }
}

/** The functions as the parser calls them: upper-case names, plain arguments (an omitted one is null, as in Excel). */
function wrapFunctions(functions: Record<string, EngineFunction>): Record<string, (...args: FfpArg[]) => unknown> {
  const wrapped: Record<string, (...args: FfpArg[]) => unknown> = {};
  for (const [name, fn] of Object.entries(functions)) {
    wrapped[name.toUpperCase()] = (...args: FfpArg[]) =>
      fn(...args.map((a) => (a.omitted ? null : plainResult(a.value))));
  }
  return wrapped;
}

/** The error value Excel would show for what the parser threw. */
function errorValue(e: unknown): string {
  const name = (e as { name?: string })?.name;
  if (typeof name !== 'string' || !name.startsWith('#')) return '#VALUE!';
  // fast-formula-parser reports a function it does not know as #ERROR!; Excel says #NAME?.
  if (/not implemented/i.test(String((e as Error).message))) return '#NAME?';
  return name === '#ERROR!' ? '#VALUE!' : name;
}

/**
 * An Evaluator for SimWorkbook. Parsers are not re-entrant while a referenced cell's own formula is evaluated,
 * so each nesting depth gets its own parser.
 */
export function createEvaluator(functions: Record<string, EngineFunction>): Evaluator {
  const stack: EvalContext[] = [];
  const parsers: FormulaParser[] = [];
  const wrapped = wrapFunctions(functions);

  const current = () => stack[stack.length - 1];
  const cellValue = (sheet: string | undefined, row: number, col: number): unknown => {
    const ctx = current();
    const name = sheet || ctx.sheet;
    const key = `${name.toLowerCase()}!${row},${col}`;
    if (passCache?.has(key)) return passCache.get(key);
    const got = ctx.value(name, row, col);
    const v = got === null ? undefined : got;
    passCache?.set(key, v);
    return v;
  };

  const make = () =>
    new FormulaParser({
      functions: wrapped,
      onCell: (ref: FfpRef) => cellValue(ref.sheet, ref.row - 1, ref.col - 1),
      onRange: (ref: FfpRange) => {
        const ctx = current();
        const sheet = ctx.workbook.sheet(ref.sheet || ctx.sheet);
        const used = sheet?.usedRect(true);
        // Whole-column/row references (A:A) stop at the used range instead of a million rows.
        const lastRow = Math.min(ref.to.row, used ? used.row + used.rows : 0);
        const lastCol = Math.min(ref.to.col, used ? used.col + used.cols : 0);
        const out: unknown[][] = [];
        for (let r = ref.from.row; r <= Math.max(lastRow, ref.from.row); r++) {
          const line: unknown[] = [];
          for (let c = ref.from.col; c <= Math.max(lastCol, ref.from.col); c++) {
            const v = r <= lastRow && c <= lastCol ? cellValue(ref.sheet, r - 1, c - 1) : undefined;
            line.push(v === undefined ? '' : v);
          }
          out.push(line);
        }
        return out;
      },
    });

  return (formula: string, ctx: EvalContext): unknown => {
    const depth = stack.length;
    if (depth > 200) return '#CIRC!';
    const parser = parsers[depth] ?? (parsers[depth] = make());
    stack.push(ctx);
    try {
      const text = formula.startsWith('=') ? formula.slice(1) : formula;
      return plainResult(parser.parse(text, { sheet: ctx.sheet, row: ctx.row + 1, col: ctx.col + 1 }, true));
    } catch (e) {
      return errorValue(e);
    } finally {
      stack.pop();
    }
  };
}

/** Installs the engine on a workbook. */
export function attachEngine(wb: SimWorkbook, functions: Record<string, EngineFunction>): void {
  wb.evaluator = createEvaluator(functions);
}
