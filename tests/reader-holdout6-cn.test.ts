/**
 * Classes of hold-out set 6's Chinese sheets (issue 10), on constructed sheets in Chinese (simplified and traditional),
 * English and other languages, with other words, sizes and layouts than the corpus sheets that showed them: a measure
 * column holding the KR's numbers; a current cell written as a score or a bound. Every expected value worked out by
 * reading the sheet as a person would.
 */
import { krs, read } from './reader-rows';
import type { KeyResult } from '../core/model';

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

/** One KR written as a bullet under an objective label, in a pasted outline. */
const oneKr = (text: string): KeyResult => krs(read([['O1：做好这件事'], [`- KR1：${text}`]]))[0];

describe('a from-to whose target carries a bound (`4.2% → ≤ 2.0%`) runs from the first to the bound', () => {
  it.each([
    ['退货率 — 6% → ≤ 3%', 0.06, 0.03],
    ['平均處理時間 — 48 小時 → ≤ 24 小時', 48, 24],
    ['Churn — 5.5% → < 3%', 0.055, 0.03],
    ['NPS — 30 → ≥ 45', 30, 45],
    ['Tiempo de respuesta: 10 min → ≤ 4 min', 10, 4],
    ['年費收入 — NT$0 → NT$1,200,000', 0, 1200000],
    ['Partner revenue: US$20k → US$50k', 20000, 50000],
  ])('%s', (kr, start, target) => {
    const k = oneKr(kr);
    expect(numbers(k)).toEqual({ start: expect.closeTo(start, 9), target: expect.closeTo(target, 9), current: null });
  });

  it.each([
    ['退货率 6% → 3%', 0.06, 0.03],
    ['客单价从 80 元提升到 120 元', 80, 120],
  ])('guard, a plain from-to: %s', (kr, start, target) => {
    expect(numbers(oneKr(kr))).toEqual({ start, target, current: null });
  });

  it.each([
    ['退货率 ≤ 3%', 0.03],
    ['P95 latency < 300ms', 300],
  ])('guard, a bound alone states the target and no start: %s', (kr, target) => {
    expect(numbers(oneKr(kr))).toEqual({ start: null, target, current: null });
  });

  it('guard: versions and quarters around an arrow state nothing (`v1 → v2`, `Q1 → Q2`)', () => {
    expect(numbers(oneKr('API 从 v1 → v2 完成迁移'))).toEqual({ start: null, target: null, current: null });
  });
});

describe('zero before a fault word states the target 0 (`零冲突`, `零衝突`, `零丢失`)', () => {
  it.each([
    '库能力与插件暴露能力的边界文档零冲突',
    '跨團隊排程零衝突',
    '迁移过程数据零丢失',
    '客戶資料零洩漏',
    '大促期间服务零中断',
    '发布后零回滚',
    '上線後零當機',
  ])('%s', (kr) => {
    expect(oneKr(kr).target).toBe(0);
  });

  it.each(['零售渠道覆盖 30 个城市', '零基础学员完课率 80%'])('guard, 零 in a word of its own: %s', (kr) => {
    expect(oneKr(kr).target).not.toBe(0);
  });
});

describe('a north-star heading (`北极星目标`, `North Star Objective`) states the guiding sentence, no objective', () => {
  const lines = (...xs: string[]) => read(xs.map((x) => [x]));
  it.each([
    [
      [
        '## 4.1 北极星目标',
        '',
        '把产品推进为团队每天都用的基础设施。',
        '',
        '## 4.2 目标拆解',
        '',
        '### O1：提升留存',
        '- KR1：留存率 >= 40%',
      ],
    ],
    [['### 北極星目標', '讓每個團隊每週都能發布。', '### 本季目標', '#### O1：提速', '- KR1：週期縮短到 3 天']],
    [
      [
        '## North Star Objective',
        '',
        'Make every team ship weekly.',
        '',
        '## Objectives',
        '### O1: Ship faster',
        '- KR1: Cycle time under 3 days',
      ],
    ],
    [
      [
        '## 北極星目標',
        '',
        'すべてのチームが毎週リリースする。',
        '',
        '## O1: リリースを速く',
        '- KR1: サイクルタイム 3 日以下',
      ],
    ],
  ])('%j', (xs) => {
    const m = lines(...xs);
    expect(m.objectives).toHaveLength(1);
    expect(m.objectives[0].krs).toHaveLength(1);
    const sentence = xs.findIndex((x) => /。$|\.$/.test(x));
    expect(m.reading!.unplaced.map((u) => u.cell.row)).toContain(sentence);
  });

  it('guard: a heading naming the quarter goals still labels the objectives under it', () => {
    const m = lines('## 季度目标', '', '把留存做上去', '- 留存率达到 40%', '- 流失率降到 3%');
    expect(m.objectives.map((o) => o.title)).toEqual(['把留存做上去']);
  });
});

describe('a KR cell listing several items, one per line, holds that many KRs', () => {
  const table = (cell: string, header = ['阶段', '目标', '关键结果']) =>
    read([header, ['**短期**', '把网站做上线', cell], ['**中期**', '获得认可', '获得 20 次有效查看']]);
  it.each([
    [
      '- 完成5个核心页面开发\n- 展示3个完整项目\n- 部署到GitHub Pages',
      ['完成5个核心页面开发', '展示3个完整项目', '部署到GitHub Pages'],
      [5, 3, null],
    ],
    ['• 完成 20 場用戶訪談\n• 上線 2 個新功能', ['完成 20 場用戶訪談', '上線 2 個新功能'], [20, 2]],
    ['1. Sign 10 partners\n2. Reach 500 monthly users', ['Sign 10 partners', 'Reach 500 monthly users'], [10, 500]],
    ['- Cerrar 12 ventas<br>- Lograr 300 registros', ['Cerrar 12 ventas', 'Lograr 300 registros'], [12, 300]],
    ['KR1：签约 8 家渠道\nKR2：渠道收入达到 50 万', ['签约 8 家渠道', '渠道收入达到 50 万'], [8, 500000]],
  ])('%j', (cell, titles, targets) => {
    const m = table(cell);
    expect(m.objectives.map((o) => o.krs.map((k) => k.title))).toEqual([titles, ['获得 20 次有效查看']]);
    expect(m.objectives[0].krs.map((k) => k.target)).toEqual(targets);
  });

  it('guard: a title wrapped over two lines (no list marks) stays one KR', () => {
    const m = table('完成核心页面开发\n并部署到 GitHub Pages');
    expect(m.objectives[0].krs).toHaveLength(1);
  });

  it('guard: one listed line stays one KR', () => {
    expect(table('- 完成5个核心页面开发').objectives[0].krs.map((k) => k.title)).toEqual(['完成5个核心页面开发']);
  });
});
