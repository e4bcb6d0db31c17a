/** Reading sheets into the model (parse-sheet.ts) over 1,000 / 10,000 / 50,000 KR rows, and the seed outline. */
import { readModel } from '../core/parse-sheet';
import { DEFAULT_SETTINGS } from '../core/settings';
import { chineseOutlineSnapshot, generatedSnapshot, messySheetSnapshot, FIXTURE_TODAY } from '../fixtures/sheets';
import { row, timeMedian, type BenchRow } from './util';

const SIZES = [1_000, 10_000, 50_000];

export async function rows(): Promise<BenchRow[]> {
  const out: BenchRow[] = [];
  const opts = { settings: DEFAULT_SETTINGS, today: FIXTURE_TODAY };
  let tenK = NaN;
  for (const n of SIZES) {
    const snap = generatedSnapshot(n);
    const ms = timeMedian(() => readModel(snap, opts), n >= 50_000 ? 5 : 7);
    if (n === 10_000) tenK = ms;
    const krs = readModel(snap, opts).objectives.reduce((a, o) => a + o.krs.length, 0);
    const ratio = n === 50_000 && tenK > 0 ? `; ${(ms / tenK).toFixed(1)}x the 10k time (limit 6x)` : '';
    out.push(row('readModel, generated table', n, ms, `${krs} KRs${ratio}`));
  }
  const outline = chineseOutlineSnapshot();
  out.push(
    row(
      'readModel, Chinese seed outline',
      outline.values.length,
      timeMedian(() => readModel(outline, opts), 50),
      'outline form, targets inferred',
    ),
  );
  const messy = messySheetSnapshot();
  out.push(
    row(
      'readModel, messy two-row header',
      messy.values.length,
      timeMedian(() => readModel(messy, opts), 50),
    ),
  );
  return out;
}
