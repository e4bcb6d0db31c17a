/**
 * Apps Script: Spreadsheet service calls per command on the BUILT dist/gas bundle (loaded as Apps Script loads it,
 * over the in-memory SpreadsheetApp), at 100 and 10,000 KR rows, beside the same counts for the baseline build
 * (bench/baseline.ts) measured in the same run. The calls must be equal at both sizes; the budget is 25
 * (tests/gas/call-budget.test.ts checks it).
 *
 * Counted: calls that reach the spreadsheet ("calls", the budget). Builder calls (newConditionalFormatRule(),
 * newDataValidation(), chart builders, and reads of the rules / conditions / charts a call returned) are NOT in
 * the budget: they run inside Apps Script on an object the script holds; they are printed beside it
 * ("+N builder"). The methods that dominate are listed with their counts.
 *
 * Time estimate for real Apps Script (documented assumptions, not a measurement):
 *   calls x 100 ms (a Spreadsheet service round trip is typically 50-150 ms; batching is Google's main advice)
 *   + cells moved x 0.01 ms (a 100,000-cell getValues/setValues takes about a second)
 *   + local run time x 3 (Apps Script's V8 is slower than local node; the local time includes the fake itself).
 * The limit is 6 minutes (360 s) per execution.
 */
import * as path from 'path';
import { CALL_BUDGET, STEPS, measureSteps, type Step, type StepCalls } from '../tests/gas/call-budget';
import { BASELINE_COMMIT, baselineTree } from './baseline';
import type { BenchRow } from './util';

const CALL_MS = 100;
const CELL_MS = 0.01;
const SLOWDOWN = 3;

/** A step the baseline build cannot run (an older bundle) is reported as such, not as zero calls. */
function safeMeasure(rows: number, dist?: string): Record<Step, StepCalls> | null {
  try {
    return measureSteps(rows, dist);
  } catch {
    return null;
  }
}

const top = (methods: [string, number][]) =>
  methods
    .slice(0, 4)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

function note(m: StepCalls, equal: boolean, b: StepCalls | undefined, baseNote: string): string {
  const estimateS = (m.calls * CALL_MS + m.cells * CELL_MS + m.ms * SLOWDOWN) / 1000;
  const baseline = b ? `baseline ${BASELINE_COMMIT.slice(0, 7)}: ${b.calls} calls +${b.builder} builder` : baseNote;
  const met = m.calls <= CALL_BUDGET ? 'met' : 'NOT met';
  return (
    `${m.calls} calls (budget ${CALL_BUDGET}, ${met}) +${m.builder} builder (not in the budget); ${baseline}; ` +
    `${equal ? 'equal' : 'NOT EQUAL'} at 100 and 10,000 rows; ` +
    `most: ${top(m.byMethod)}; most builder: ${top(m.builderByMethod) || 'none'}; ` +
    `${m.cells.toLocaleString('en-US')} cells moved; Apps Script estimate ${estimateS.toFixed(1)} s of 360 s` +
    (m.ok ? '' : `, FAILED: ${m.summary}`)
  );
}

export async function rows(): Promise<BenchRow[]> {
  const small = measureSteps(100);
  const large = measureSteps(10000);
  const tree = baselineTree();
  const dist = 'dir' in tree ? path.join(tree.dir, 'dist/gas') : null;
  const base = dist ? { small: safeMeasure(100, dist), large: safeMeasure(10000, dist) } : null;
  const baseNote = 'error' in tree ? tree.error : `baseline ${BASELINE_COMMIT.slice(0, 7)} could not run this`;
  const out: BenchRow[] = [];
  for (const step of STEPS) {
    const equal = small[step].calls === large[step].calls && small[step].builder === large[step].builder;
    for (const [n, m, b] of [
      [100, small[step], base?.small?.[step]],
      [10000, large[step], base?.large?.[step]],
    ] as const) {
      out.push({
        name: `gas ${step} (built bundle, in-memory Sheets)`,
        rows: n,
        medianMs: m.ms,
        note: note(m, equal, b && b.ok ? b : undefined, baseNote),
      });
    }
  }
  return out;
}

if (require.main === module) rows().then((r) => console.table(r));
