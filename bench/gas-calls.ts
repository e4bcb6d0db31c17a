/**
 * Apps Script: Spreadsheet service calls per command on the BUILT dist/gas bundle (loaded as Apps Script loads it,
 * over the in-memory SpreadsheetApp), at 100 and 10,000 KR rows. The calls must be equal at both sizes.
 *
 * Time estimate for real Apps Script (documented assumptions, not a measurement):
 *   round-trip calls x 100 ms (a Spreadsheet service round trip is typically 50-150 ms; batching is Google's main
 *   advice); builder calls (newDataValidation(), rule builders) assemble objects locally and are not counted
 *   + cells moved x 0.01 ms (a 100,000-cell getValues/setValues takes about a second)
 *   + local run time x 3 (Apps Script's V8 is slower than local node; the local time includes the fake itself).
 * The limit is 6 minutes (360 s) per execution.
 */
import { generatedTable } from '../fixtures/sheets';
import { loadProject } from '../tests/gas/harness';
import type { BenchRow } from './util';

const ORDER = ['convert', 'validate', 'clear', 'score', 'rollForward', 'summary'];
const CALL_MS = 100;
const CELL_MS = 0.01;
const SLOWDOWN = 3;

interface Measure {
  calls: number;
  roundTrips: number;
  cells: number;
  ms: number;
  ok: boolean;
}

function measureAll(n: number): Record<string, Measure> {
  const name = `Team ${n}`;
  // One unreadable current value, so validate has a highlight to write at both sizes (same plan shape).
  const grid = generatedTable(n);
  grid[1][10] = 'about half';
  const p = loadProject({ evaluate: undefined }, (b) => b.addSheet(name, grid));
  const out: Record<string, Measure> = {};
  for (const cmd of ORDER) {
    p.book.active = p.book.sheet(name);
    p.book.log.reset();
    const t0 = process.hrtime.bigint();
    const res = p.call('panelRun', cmd) as { ok: boolean };
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    out[cmd] = {
      calls: p.book.log.spreadsheetCalls(),
      roundTrips: p.book.log.spreadsheetCalls() - p.book.log.builderCalls(),
      cells: p.book.log.cells,
      ms,
      ok: !!res && res.ok,
    };
  }
  return out;
}

export async function rows(): Promise<BenchRow[]> {
  const small = measureAll(100);
  const large = measureAll(10000);
  const out: BenchRow[] = [];
  for (const cmd of ORDER) {
    const equal = small[cmd].calls === large[cmd].calls;
    for (const [n, m] of [
      [100, small[cmd]],
      [10000, large[cmd]],
    ] as const) {
      const estimateS = (m.roundTrips * CALL_MS + m.cells * CELL_MS + m.ms * SLOWDOWN) / 1000;
      out.push({
        name: `gas ${cmd} (built bundle, in-memory Sheets)`,
        rows: n,
        medianMs: m.ms,
        note:
          `${m.calls} Spreadsheet calls (${m.roundTrips} round trips)${equal ? '' : ' (NOT EQUAL at 100 and 10,000 rows)'}, ` +
          `${m.cells.toLocaleString('en-US')} cells moved; ` +
          `Apps Script estimate ${estimateS.toFixed(1)} s of 360 s${m.ok ? '' : ', FAILED'}`,
      });
    }
  }
  return out;
}
