/** Reading sheets into the model (parse-sheet.ts) over 1,000 / 10,000 / 50,000 KR rows, and the seed outline. */
import { readSheet } from '../core/parse-sheet';
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
    const ms = timeMedian(() => readSheet(snap, opts), n >= 50_000 ? 5 : 7);
    if (n === 10_000) tenK = ms;
    const krs = readSheet(snap, opts).objectives.reduce((a, o) => a + o.krs.length, 0);
    const ratio = n === 50_000 && tenK > 0 ? `; ${(ms / tenK).toFixed(1)}x the 10k time (limit 6x)` : '';
    out.push(row('readSheet, generated table', n, ms, `${krs} KRs${ratio}`));
  }
  const outline = chineseOutlineSnapshot();
  out.push(
    row(
      'readSheet, Chinese seed outline',
      outline.values.length,
      timeMedian(() => readSheet(outline, opts), 50),
      'outline form, targets inferred',
    ),
  );
  const messy = messySheetSnapshot();
  out.push(
    row(
      'readSheet, messy two-row header',
      messy.values.length,
      timeMedian(() => readSheet(messy, opts), 50),
    ),
  );
  return out;
}
