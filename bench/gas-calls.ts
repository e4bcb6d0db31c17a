/**
 * Apps Script: Spreadsheet service calls per command on the BUILT dist/gas bundle (loaded as Apps Script loads it,
 * over the in-memory SpreadsheetApp), at 100 and 10,000 KR rows, beside the same counts for two baseline builds
 * measured in the same run (bench/baseline.ts): main before issue 13, and main before gas6's cuts (BEFORE_GAS6). The calls must be equal at both sizes; the budget is 25
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

/** main before gas6's cuts (the add-in's sheets asked for by name, no width read on a user's sheet, ...). */
const BEFORE_GAS6 = 'effc303302b0b55b554c0012d91707d4a79163cc';

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

/** Both baselines of a step, as "<commit>: N calls +M builder". */
type Bases = { commit: string; m?: StepCalls; missing: string }[];
const baseText = (bases: Bases) =>
  bases
    .map((b) => (b.m ? `baseline ${b.commit.slice(0, 7)}: ${b.m.calls} calls +${b.m.builder} builder` : b.missing))
    .join('; ');

function note(m: StepCalls, equal: boolean, bases: Bases): string {
  const estimateS = (m.calls * CALL_MS + m.cells * CELL_MS + m.ms * SLOWDOWN) / 1000;
  const baseline = baseText(bases);
  const met = m.calls <= CALL_BUDGET ? 'met' : 'NOT met';
  return (
    `${m.calls} calls (budget ${CALL_BUDGET}, ${met}) +${m.builder} builder (not in the budget); ${baseline}; ` +
    `${equal ? 'equal' : 'NOT EQUAL'} at 100 and 10,000 rows; ` +
    `most: ${top(m.byMethod)}; most builder: ${top(m.builderByMethod) || 'none'}; ` +
    `${m.cells.toLocaleString('en-US')} cells moved; Apps Script estimate ${estimateS.toFixed(1)} s of 360 s` +
    (m.ok ? '' : `, FAILED: ${m.summary}`)
  );
}

/** A baseline build's counts at both sizes (null where it cannot run), or why there are none. */
function baseline(commit: string) {
  const tree = baselineTree(commit);
  const dist = 'dir' in tree ? path.join(tree.dir, 'dist/gas') : null;
  const counts = dist ? { 100: safeMeasure(100, dist), 10000: safeMeasure(10000, dist) } : null;
  const missing = 'error' in tree ? tree.error : `baseline ${commit.slice(0, 7)} could not run this`;
  return { commit, counts, missing };
}

export async function rows(): Promise<BenchRow[]> {
  const now = { 100: measureSteps(100), 10000: measureSteps(10000) };
  const bases = [baseline(BASELINE_COMMIT), baseline(BEFORE_GAS6)];
  const out: BenchRow[] = [];
  for (const step of STEPS) {
    const [small, large] = [now[100][step], now[10000][step]];
    const equal = small.calls === large.calls && small.builder === large.builder;
    for (const n of [100, 10000] as const) {
      const m = now[n][step];
      const stepBases = bases.map((b) => {
        const c = b.counts?.[n]?.[step];
        return { commit: b.commit, m: c && c.ok ? c : undefined, missing: b.missing };
      });
      out.push({
        name: `gas ${step} (built bundle, in-memory Sheets)`,
        rows: n,
        medianMs: m.ms,
        note: note(m, equal, stepBases),
      });
    }
  }
  return out;
}

if (require.main === module) rows().then((r) => console.table(r));
