/**
 * Reading accuracy over the real-world corpus (tests/fixtures/real): objectives, KRs, initiatives, column roles and
 * numbers, correct / total, against the person-written expectations. One row per tally beside the speed rows; the
 * median time is reading the whole corpus once.
 * Run alone (`node -r ts-node/register/transpile-only bench/corpus-accuracy.ts`) it also prints each file's tallies
 * and differences.
 */
import { REAL_SHEETS } from '../tests/fixtures/real';
import { compareReading, sumTallies, type Comparison, type Tally } from '../tests/fixtures/real/compare';
import { readReal } from '../tests/fixtures/real/read';
import { row, timeMedian, type BenchRow } from './util';

function pct(t: Tally): string {
  return t.total === 0 ? '-' : `${((100 * t.correct) / t.total).toFixed(1)}%`;
}

function fmt(t: Tally): string {
  return `${t.correct}/${t.total} (${pct(t)})`;
}

export function compareCorpus(): { id: string; c: Comparison }[] {
  return REAL_SHEETS.map((s) => ({ id: s.id, c: compareReading(readReal(s), s.expect) }));
}

export async function rows(): Promise<BenchRow[]> {
  const ms = timeMedian(() => REAL_SHEETS.map(readReal), 7);
  const all = compareCorpus();
  const sum = sumTallies(all.map((x) => x.c));
  const exact = all.filter((x) => x.c.differences.length === 0).length;
  const name = (what: string) => `corpus accuracy, ${what}`;
  return [
    row(
      name('sheets read exactly'),
      REAL_SHEETS.length,
      ms,
      `${exact}/${REAL_SHEETS.length} (${pct({ correct: exact, total: REAL_SHEETS.length })}); time = reading all ${REAL_SHEETS.length} sheets`,
    ),
    row(name('objectives'), sum.objectives.total, NaN, fmt(sum.objectives)),
    row(name('key results'), sum.krs.total, NaN, fmt(sum.krs)),
    row(name('initiatives'), sum.initiatives.total, NaN, fmt(sum.initiatives)),
    row(name('column roles (incl. header row)'), sum.columns.total, NaN, fmt(sum.columns)),
    row(name('numbers (start/target/current/due)'), sum.numbers.total, NaN, fmt(sum.numbers)),
  ];
}

if (require.main === module) {
  for (const { id, c } of compareCorpus()) {
    const t = (k: 'objectives' | 'krs' | 'initiatives' | 'columns' | 'numbers') => `${k} ${c[k].correct}/${c[k].total}`;
    console.log(
      `${c.differences.length ? 'MISREAD' : 'ok     '} ${id}: ${['objectives', 'krs', 'initiatives', 'columns', 'numbers'].map((k) => t(k as 'krs')).join(', ')}`,
    );
    if (process.argv.includes('-v')) for (const d of c.differences) console.log(`    ${d}`);
  }
  rows().then((r) => console.log(r.map((x) => `${x.name}: ${x.note}`).join('\n')));
}
