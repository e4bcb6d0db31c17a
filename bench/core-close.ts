/** Validation findings and the quarter close (scores, rollups, scorecard, history) over 1,000 / 10,000 / 50,000 KR rows. */
import { readModel } from '../core/parse-sheet';
import { validate } from '../core/rules';
import { closeCycle, rollForward } from '../core/close';
import { DEFAULT_SETTINGS } from '../core/settings';
import { generatedSnapshot, FIXTURE_TODAY } from '../fixtures/sheets';
import { row, timeMedian, type BenchRow } from './util';

const SIZES = [1_000, 10_000, 50_000];

export async function rows(): Promise<BenchRow[]> {
  const out: BenchRow[] = [];
  const opts = { settings: DEFAULT_SETTINGS, today: FIXTURE_TODAY };
  for (const n of SIZES) {
    const model = readModel(generatedSnapshot(n), opts);
    const first = closeCycle(model, opts);
    const runs = n >= 50_000 ? 5 : 7;
    out.push(
      row(
        'validate (rules.ts)',
        n,
        timeMedian(() => validate(model, opts), runs),
        `${validate(model, opts).length} findings`,
      ),
    );
    out.push(
      row(
        'closeCycle, first close',
        n,
        timeMedian(() => closeCycle(model, opts), runs),
        `${first.history.append.length} history rows`,
      ),
    );
    out.push(
      row(
        'closeCycle, re-close over its history',
        n,
        timeMedian(() => closeCycle(model, { ...opts, history: first.history.append }), runs),
        'appends 0 rows',
      ),
    );
    out.push(
      row(
        'rollForward',
        n,
        timeMedian(() => rollForward(model, opts), runs),
      ),
    );
  }
  return out;
}
