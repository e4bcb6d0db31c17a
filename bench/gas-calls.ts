/**
 * Apps Script: Spreadsheet service calls per command on the BUILT dist/gas bundle (loaded as Apps Script loads it,
 * over the in-memory SpreadsheetApp), at 100 and 10,000 KR rows, beside the same counts for the baseline build
 * (bench/baseline.ts) measured in the same run. The calls must be equal at both sizes; the target is 25.
 *
 * Counted: calls that reach the spreadsheet ("calls"). Calls on value objects (builders such as
 * newConditionalFormatRule(), and the rules / conditions a read returned) are shown apart: they assemble or read an
 * object the script holds. The methods that dominate are listed with their counts.
 *
 * Time estimate for real Apps Script (documented assumptions, not a measurement):
 *   calls x 100 ms (a Spreadsheet service round trip is typically 50-150 ms; batching is Google's main advice)
 *   + cells moved x 0.01 ms (a 100,000-cell getValues/setValues takes about a second)
 *   + local run time x 3 (Apps Script's V8 is slower than local node; the local time includes the fake itself).
 * The limit is 6 minutes (360 s) per execution.
 */
import * as path from 'path';
import { generatedTable } from '../fixtures/sheets';
import { loadProject } from '../tests/gas/harness';
import { BASELINE_COMMIT, baselineTree } from './baseline';
import type { BenchRow } from './util';

const ORDER = ['convert', 'validate', 'clear', 'score', 'rollForward', 'summary'];
const CALL_MS = 100;
const CELL_MS = 0.01;
const SLOWDOWN = 3;
const TARGET = 25;

interface Measure {
  calls: number;
  valueObject: number;
  dominant: [string, number][];
  cells: number;
  ms: number;
  ok: boolean;
}

function measureAll(n: number, dist?: string): Record<string, Measure> {
  const name = `Team ${n}`;
  // One unreadable current value, so validate has a highlight to write at both sizes (same plan shape).
  const grid = generatedTable(n);
  grid[1][10] = 'about half';
  const p = loadProject({ evaluate: undefined }, (b) => b.addSheet(name, grid), dist);
  const out: Record<string, Measure> = {};
  for (const cmd of ORDER) {
    p.book.active = p.book.sheet(name);
    p.book.log.reset();
    const t0 = process.hrtime.bigint();
    const res = p.call('panelRun', cmd) as { ok: boolean };
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const log = p.book.log;
    out[cmd] = {
      calls: log.documentCalls(),
      valueObject: log.builderCalls(),
      dominant: log.dominant(3),
      cells: log.cells,
      ms,
      ok: !!res && res.ok,
    };
  }
  return out;
}

export async function rows(): Promise<BenchRow[]> {
  const small = measureAll(100);
  const large = measureAll(10000);
  const tree = baselineTree();
  const base =
    'dir' in tree
      ? {
          small: measureAll(100, path.join(tree.dir, 'dist/gas')),
          large: measureAll(10000, path.join(tree.dir, 'dist/gas')),
        }
      : null;
  const out: BenchRow[] = [];
  for (const cmd of ORDER) {
    const equal = small[cmd].calls === large[cmd].calls;
    for (const [n, m, b] of [
      [100, small[cmd], base?.small[cmd]],
      [10000, large[cmd], base?.large[cmd]],
    ] as const) {
      const estimateS = (m.calls * CALL_MS + m.cells * CELL_MS + m.ms * SLOWDOWN) / 1000;
      const baseline = b
        ? `baseline ${BASELINE_COMMIT.slice(0, 7)}: ${b.calls} calls (+${b.valueObject} value-object)`
        : 'error' in tree
          ? tree.error
          : '';
      out.push({
        name: `gas ${cmd} (built bundle, in-memory Sheets)`,
        rows: n,
        medianMs: m.ms,
        note:
          `${m.calls} calls (target ${TARGET}${m.calls <= TARGET ? ', met' : ', NOT met'}) +${m.valueObject} value-object; ${baseline}; ` +
          `${equal ? 'equal' : 'NOT EQUAL'} at 100 and 10,000 rows; most: ${m.dominant.map(([k, v]) => `${k} ${v}`).join(', ')}; ` +
          `${m.cells.toLocaleString('en-US')} cells moved; Apps Script estimate ${estimateS.toFixed(1)} s of 360 s${m.ok ? '' : ', FAILED'}`,
      });
    }
  }
  return out;
}

if (require.main === module) rows().then((r) => console.table(r));
