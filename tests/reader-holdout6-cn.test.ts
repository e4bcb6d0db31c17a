/**
 * Classes of hold-out set 6's Chinese sheets (issue 10), on constructed sheets in Chinese (simplified and traditional),
 * English and other languages, with other words, sizes and layouts than the corpus sheets that showed them: a measure
 * column holding the KR's numbers; a current cell written as a score or a bound. Every expected value worked out by
 * reading the sheet as a person would.
 */
import { readModel } from '../core/parse-sheet';
import { resolveSettings } from '../core/settings';
import type { KeyResult, OkrModel } from '../core/model';

const read = (values: unknown[][]): OkrModel =>
  readModel({ name: 'S', origin: { row: 0, col: 0 }, values }, { settings: resolveSettings({}), today: '2026-12-07' });
const krs = (m: OkrModel): KeyResult[] => m.objectives.flatMap((o) => o.krs);
const numbers = (k: KeyResult) => ({ start: k.startGiven ? k.start : null, target: k.target, current: k.current });

describe('a measure column (`衡量指标`, `Metric`, `Indicador`) holds the KR numbers when no column is the target', () => {
  it.each([
    ['衡量指标', '付费用户', '付费用户数: 120 → 480', { start: 120, target: 480, current: null }],
    ['衡量指標', '留存率提升', '留存: 20% → 35%', { start: 0.2, target: 0.35, current: null }],
    ['Metric', 'Grow weekly signups', '800+ / week', { start: null, target: 800, current: null }],
    ['Success metric', 'Faster replies', 'reply time 30 min → 10 min', { start: 30, target: 10, current: null }],
    ['Indicador', 'Aumentar la conversión', '12%+', { start: null, target: 0.12, current: null }],
  ])('%s: %s | %s', (header, kr, cell, want) => {
    const m = read([
      ['目标', '关键结果', header],
      ['提升增长', kr, cell],
      ['', '第二个关键结果', '50+'],
    ]);
    expect(m.objectives).toHaveLength(1);
    expect(krs(m)).toHaveLength(2);
    expect(numbers(krs(m)[0])).toEqual(want);
    expect(krs(m)[1].target).toBe(50);
  });

  it('a measure column of words states no numbers (the measure is named, not counted)', () => {
    const m = read([
      ['Objective', 'Key Result', 'Metric'],
      ['Delight customers', 'Answer tickets faster', 'median first reply time'],
      ['', 'Fewer complaints', 'complaints per month'],
    ]);
    expect(krs(m).map(numbers)).toEqual([
      { start: null, target: null, current: null },
      { start: null, target: null, current: null },
    ]);
  });

  it('beside a Target column the measure column is carried along (the target cell is the target)', () => {
    const m = read([
      ['目标', '关键结果', '衡量指标', '目标值'],
      ['提升增长', '付费用户增长', '付费用户数: 120 → 480', 500],
    ]);
    expect(numbers(krs(m)[0])).toEqual({ start: null, target: 500, current: null });
  });
});

describe('a current cell written as a score or a bound states its number', () => {
  const table = (current: unknown, target: unknown, header = ['目标', '关键结果', '当前值', '目标值']) =>
    krs(read([header, ['提升体验', '满意度', current, target]]))[0];
  it.each([
    ['4.2/5', '4.6/5', 4.2, 4.6],
    ['<3s', '<1s', 3, 1],
    ['≤ 15 分钟', '≤ 5 分钟', 15, 5],
    ['约 30%', '>50%', 0.3, 0.5],
    ['> 120ms', '< 80ms', 120, 80],
    ['7/10', '9/10', 7, 9],
  ])('%s (target %s)', (current, target, c, t) => {
    const kr = table(current, target);
    expect(kr.current).toBeCloseTo(c);
    expect(kr.target).toBeCloseTo(t);
  });

  it.each([[['Objective', 'Key Result', 'Current', 'Target']], [['目標', '關鍵結果', '目前值', '目標值']]])(
    'other headers: %j',
    (header) => {
      expect(table('3.8/5', '4.5/5', header).current).toBeCloseTo(3.8);
    },
  );

  it.each(['-', 'TBD', '待上线', '未开始', 'v2.0', 'Q3'])('%s states no current', (cell) => {
    expect(table(cell, '4.5/5').current).toBeNull();
  });

  it('a from-to in a current cell is no one current value', () => {
    expect(table('3.2 → 3.6', '4.5').current).toBeNull();
  });
});
