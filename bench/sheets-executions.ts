/**
 * Google Sheets runs each cell that calls a custom function as its own Apps Script execution. This counts the
 * executions one recalculation of a converted grid needs (every custom-function call in every formula cell of the
 * built bundle's converted sheet), at 100 and 10,000 KR rows, with the add-in formula setting (the default) and the
 * portable one, beside the same counts for the baseline build (bench/baseline.ts) in the same run. Target (issue 13):
 * a constant, whatever the row count. Issue 13 measured one per KR row and column on main: 2 x 10,000 for a
 * 10,000-KR sheet; the grid now writes native formulas in Sheets.
 */
import * as path from 'path';
import { generatedTable } from '../fixtures/sheets';
import { loadProject, type LoadedProject } from '../tests/gas/harness';
import { BASELINE_COMMIT, baselineTree } from './baseline';
import type { BenchRow } from './util';

export const CUSTOM_CALL = /\b(OKRSCORE|ROLLUP|OKRSTATUS|OKRPACE)\s*\(/g;

/** Custom-function calls in the formulas of `sheet`: the Apps Script executions one recalculation starts. */
export function executionsPerRecalc(p: LoadedProject, sheet: string): number {
  const s = p.book.sheet(sheet);
  const { rows, cols } = s.extent();
  let n = 0;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) n += (s.formulaAt(r, c).match(CUSTOM_CALL) ?? []).length;
  return n;
}

/** Converts a generated n-KR sheet in the built bundle with the given formula setting; the sheet's executions. */
export function convertedExecutions(n: number, formulaMode: 'addin' | 'portable', dist?: string): number {
  const name = `Team ${n}`;
  const p = loadProject({ evaluate: undefined }, (b) => b.addSheet(name, generatedTable(n)), dist);
  p.call('panelSaveSettings', JSON.stringify({ formulaMode }));
  const res = p.call('panelRun', 'convert') as { ok: boolean };
  if (!res.ok) throw new Error('convert failed');
  return executionsPerRecalc(p, name);
}

export async function rows(): Promise<BenchRow[]> {
  const out: BenchRow[] = [];
  const tree = baselineTree();
  const baseDist = 'dir' in tree ? path.join(tree.dir, 'dist/gas') : null;
  for (const mode of ['addin', 'portable'] as const) {
    const small = convertedExecutions(100, mode);
    const large = convertedExecutions(10_000, mode);
    const base = baseDist
      ? [convertedExecutions(100, mode, baseDist), convertedExecutions(10_000, mode, baseDist)]
      : null;
    const baseline = base
      ? `baseline ${BASELINE_COMMIT.slice(0, 7)}: ${base[0]} at 100 rows, ${base[1]} at 10,000`
      : (tree as { error: string }).error;
    for (const [n, e] of [
      [100, small],
      [10_000, large],
    ] as const) {
      out.push({
        name: `gas custom-function executions per recalculation (${mode} setting)`,
        rows: n,
        medianMs: NaN,
        note: `${e} executions; ${small === large ? 'constant' : 'GROWS'} (100 rows: ${small}, 10,000 rows: ${large}); ${baseline}`,
      });
    }
  }
  return out;
}
