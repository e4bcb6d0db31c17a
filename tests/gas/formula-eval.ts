/**
 * Recalculation for the fake Sheets: formulas are computed when read, with fast-formula-parser for the built-in
 * functions and the LOADED BUNDLE's own top-level functions for OKRSCORE, ROLLUP, OKRSTATUS and OKRPACE, called the
 * way Sheets calls a custom function (one cell -> a scalar, a range -> a 2D array, blanks as ''). Sheets' own
 * functions the parser lacks (LET, LAMBDA, REGEXMATCH, VALUE...) come from sheets-native.ts.
 */
import type { FakeSheet } from '../fakes/spreadsheet-app';
import { letRuntime, SHEETS_FUNCTIONS } from './sheets-native';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const FormulaParser = require('fast-formula-parser');

const CUSTOM = ['OKRSCORE', 'ROLLUP', 'OKRSTATUS', 'OKRPACE'];
const ERROR_NAMES = new Set(['#N/A', '#VALUE!', '#REF!', '#DIV/0!', '#NUM!', '#NAME?', '#NULL!', '#ERROR!']);

interface Param {
  value: unknown;
  isArray?: boolean;
  isRangeRef?: boolean;
  isCellRef?: boolean;
}

const blankToEmpty = (v: unknown) => (v === null || v === undefined ? '' : v);

function sheetsArg(p: Param | undefined): unknown {
  if (p === undefined) return undefined;
  const v = p.value;
  if (Array.isArray(v)) {
    const m = (v as unknown[][]).map((row) => (Array.isArray(row) ? row.map(blankToEmpty) : [blankToEmpty(row)]));
    return m.length === 1 && m[0].length === 1 && !p.isRangeRef ? m[0][0] : m;
  }
  return blankToEmpty(v);
}

export function makeEvaluator(globals: () => Record<string, any>) {
  let depth = 0;
  let current: FakeSheet | null = null;
  const functions: Record<string, (...a: Param[]) => unknown> = { ...SHEETS_FUNCTIONS };
  for (const name of CUSTOM) {
    functions[name] = (...args: Param[]) => {
      let out: unknown;
      try {
        out = globals()[name](...args.map(sheetsArg));
      } catch {
        return '#ERROR!';
      }
      return Array.isArray(out) ? ((out as unknown[][])[0]?.[0] ?? '') : out;
    };
  }
  /** The sheet a reference names ('Log'!A1), else the formula's own. */
  const sheetOf = (name?: string): FakeSheet =>
    name ? (current!.book.sheets.find((x) => x.name === name) ?? current!) : current!;
  const read = (r: number, c: number, sheet: FakeSheet = current!) => {
    const outer = current;
    const cell = sheet.cellAt(r, c, false);
    if (!cell) return null;
    if (depth > 50) return '#REF!';
    depth++;
    try {
      current = sheet;
      const v = sheet.computed(cell, r, c);
      // A formula's error is an error to the formulas reading it (ISERROR, and it propagates), as in Sheets.
      if (cell.formula && typeof v === 'string' && ERROR_NAMES.has(v)) return new FormulaParser.FormulaError(v);
      return v === '' ? null : v;
    } finally {
      current = outer;
      depth--;
    }
  };
  // A LET's names are computed by re-entering the parser (one per depth), at the position of the formula being read.
  let at = { row: 1, col: 1, sheet: '' };
  const lets = letRuntime((text) => {
    depth++;
    try {
      return parserAt(depth).parse(text, at, true);
    } finally {
      depth--;
    }
  });
  Object.assign(functions, lets.functions);
  // The parser keeps state while it parses, and a formula reading another formula cell re-enters it: one per depth.
  const parsers: any[] = [];
  const parserAt = (d: number) => (parsers[d] ??= makeParser());
  const makeParser = () =>
    new FormulaParser({
      functions,
      onCell: ({ row: r, col: c, sheet }: { row: number; col: number; sheet?: string }) =>
        read(r - 1, c - 1, sheetOf(sheet)),
      onRange: (ref: { sheet?: string; from: { row: number; col: number }; to: { row: number; col: number } }) => {
        const out: unknown[][] = [];
        const sheet = sheetOf(ref.sheet);
        // An open-ended range ('H2:H') stops at the sheet's last row, as Sheets' own evaluation effectively does.
        const last = Math.min(ref.to.row, Math.max(ref.from.row, sheet.extent().rows));
        for (let r = ref.from.row; r <= last; r++) {
          const line: unknown[] = [];
          for (let c = ref.from.col; c <= ref.to.col; c++) line.push(read(r - 1, c - 1, sheet));
          out.push(line);
        }
        return out;
      },
    });
  return (formula: string, sheet: FakeSheet, row: number, col: number): unknown => {
    const outer = current;
    const outerAt = at;
    current = sheet;
    at = { row: row + 1, col: col + 1, sheet: sheet.name };
    try {
      const v = parserAt(depth).parse(lets.prepare(formula.replace(/^=/, '')), at);
      if (v && typeof v === 'object' && (v as { name?: string }).name?.startsWith('#'))
        return (v as { name: string }).name;
      return v === null || v === undefined ? '' : v;
    } catch (e) {
      return (e as { name?: string })?.name?.startsWith('#') ? (e as { name: string }).name : '#ERROR!';
    } finally {
      current = outer;
      at = outerAt;
    }
  };
}
