/**
 * Every custom function costs at most 2x OKRSCORE per row (issue 13: OKRPACE took 5x, and Apps Script stops a custom
 * function at 30 s). Measured in this run, interleaved, in CPU time, over the same 100,000 rows; the same
 * measurement prints in `npm run bench` (bench/functions-ratio.ts).
 */
import { functionTimes, RATIO_LIMIT } from '../bench/functions-ratio';

jest.setTimeout(120000);

test('OKRSTATUS, OKRPACE (serials and Sheets dates) and ROLLUP each within 2x OKRSCORE per row', () => {
  const times = functionTimes(100_000, 5);
  const ratios = Object.fromEntries(Object.entries(times).map(([k, ms]) => [k, ms / times.OKRSCORE]));
  for (const [name, ratio] of Object.entries(ratios)) {
    expect({ name, ratio, within: ratio <= RATIO_LIMIT }).toEqual({ name, ratio, within: true });
  }
});
