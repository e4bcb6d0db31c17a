/**
 * What the add-in would show in each computed cell: the 'addin' version of the same convert plan (=OKR.OKRSCORE,
 * =OKR.ROLLUP, =OKR.OKRSTATUS, and the native Pace formula on TODAY()) evaluated by an independent formula engine (fast-formula-parser) whose OKR.* functions
 * are core's custom-function implementations (functions.ts, on top of score.ts). This is the reference the portable
 * formulas must match.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const FormulaParser = require('fast-formula-parser');
import { fnOkrScore, fnOkrStatus, fnRollup, isCellError, type CellOut } from '../../core/functions';
import type { Lang } from '../../core/i18n';
import type { PlanCell, SheetPlan } from '../../core/sheet-plan';

export type Expected = number | string | { error: string };

/** Formula cells of a plan's sheet, by 'row,col' (0-based), later writes winning. */
export function planFormulas(p: SheetPlan): Map<string, string> {
  const m = new Map<string, string>();
  for (const b of p.writes) {
    b.cells.forEach((line, i) =>
      line.forEach((cell: PlanCell, j) => {
        const key = `${b.row + i},${b.col + j}`;
        if (cell !== null && typeof cell === 'object') m.set(key, cell.f);
        else m.delete(key);
      }),
    );
  }
  return m;
}

function unwrap(a: any): unknown {
  if (a === undefined) return undefined;
  const v = a && typeof a === 'object' && 'value' in a ? a.value : a;
  if (Array.isArray(v)) return v.map((row: unknown[]) => row.map((x) => (x === undefined || x === null ? '' : x)));
  return v === undefined || v === null ? '' : v;
}

const first = (out: CellOut | CellOut[][]): CellOut => (Array.isArray(out) ? out[0][0] : out);

/**
 * Evaluates every add-in formula of `addinPlan` on `values` (0-based grid of the sheet's inputs), scores first, then
 * rollups, then statuses (each reads the cells the previous ones compute). Returns 'row,col' -> expected value.
 */
export function evaluateAddin(
  values: unknown[][],
  formulas: Map<string, string>,
  lang: Lang,
  today: string,
): Map<string, Expected> {
  const computed = new Map<string, Expected>();
  const cell = (row: number, col: number): unknown => {
    const c = computed.get(`${row},${col}`);
    if (c !== undefined) return typeof c === 'object' ? c.error : c;
    const v = values[row]?.[col];
    return v === undefined || v === null ? '' : v;
  };
  const parser = new FormulaParser({
    onCell: ({ row, col }: { row: number; col: number }) => cell(row - 1, col - 1),
    onRange: (ref: any) => {
      const out: unknown[][] = [];
      for (let r = ref.from.row; r <= ref.to.row; r++) {
        const line: unknown[] = [];
        for (let c = ref.from.col; c <= ref.to.col; c++) line.push(cell(r - 1, c - 1));
        out.push(line);
      }
      return out;
    },
    functions: {
      'OKR.OKRSCORE': (...a: any[]) =>
        errOrValue(first(fnOkrScore(...(a.map(unwrap) as [unknown, unknown, unknown?, unknown?])))),
      'OKR.ROLLUP': (...a: any[]) => errOrValue(first(fnRollup(...(a.map(unwrap) as [unknown, unknown?])))),
      'OKR.OKRSTATUS': (...a: any[]) => {
        const [s, ty, r, y, l, e, k] = a.map(unwrap);
        return errOrValue(first(fnOkrStatus(s, ty, r, y, l, e, k, { lang, today })));
      },
    },
  });
  // The engine's own error objects stand for a CellError; remember which one.
  function errOrValue(v: CellOut): unknown {
    if (isCellError(v)) {
      lastError = v.error;
      return FormulaParser.FormulaError ? new FormulaParser.FormulaError(v.error) : v.error;
    }
    return v;
  }
  let lastError = '';
  // The Pace cells (native date arithmetic on TODAY(), the same text in both modes) before the statuses that read them.
  const order = ['OKR.OKRSCORE', 'OKR.ROLLUP', 'PACE', 'OKR.OKRSTATUS'];
  const isPace = (f: string) => !f.includes('OKR.');
  for (const fn of order) {
    for (const [key, f] of formulas) {
      if (fn === 'PACE' ? !isPace(f) : !f.includes(fn + '(')) continue;
      const [row, col] = key.split(',').map(Number);
      lastError = '';
      let out: any;
      try {
        out = parser.parse(f.replace(/^=/, ''), { row: row + 1, col: col + 1, sheet: 'S' });
      } catch (e: any) {
        out = { error: String(e?.error ?? e?.message ?? e) };
      }
      if (out && typeof out === 'object' && !Array.isArray(out)) {
        const code = typeof out.error === 'string' ? out.error : String(out._error ?? out.error ?? lastError);
        computed.set(key, { error: code || lastError || '#VALUE!' });
      } else {
        computed.set(key, Array.isArray(out) ? out[0][0] : out);
      }
    }
  }
  return computed;
}
