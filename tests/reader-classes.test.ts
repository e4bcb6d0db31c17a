/**
 * Classes of layouts people keep (issue 10), each on constructed sheets written here: different words, positions and
 * sizes than the corpus sheets that showed the class. Expected values are worked out by reading the sheet.
 */
import { readModel } from '../core/parse-sheet';
import { parseNumber } from '../core/values';
import { resolveSettings } from '../core/settings';
import type { KeyResult, OkrModel } from '../core/model';

const read = (values: unknown[][], settings = resolveSettings({})): OkrModel =>
  readModel({ name: 'S', origin: { row: 0, col: 0 }, values }, { settings, today: '2026-12-07' });
const krs = (m: OkrModel): KeyResult[] => m.objectives.flatMap((o) => o.krs);
const nums = (k: KeyResult) => ({ start: k.startGiven ? k.start : null, target: k.target, current: k.current });
const pad = (row: unknown[], w: number) => [...row, ...Array(Math.max(0, w - row.length)).fill('')];

describe('unit words inside number cells: the number is the quantity, the words its unit', () => {
  test.each([
    ['550ms', 550, 'ms'],
    ['4hrs', 4, 'hrs'],
    ['2GB', 2, 'GB'],
    ['12 tickets/week', 12, 'tickets/week'],
    ['3 regions live', 3, 'regions live'],
    ['1x/week', 1, 'x/week'],
    ['$40k/mo', 40000, '/mo'],
    ['Single region', 1, 'region'],
    ['two teams', 2, 'teams'],
    ['5次/周', 5, '次/周'],
    ['8个/月', 8, '个/月'],
    ['5/día', 5, '/día'],
    ['5 días', 5, 'días'],
    ['dos regiones', 2, 'regiones'],
  ])('%p -> %p %p', (text, value, unit) => {
    const p = parseNumber(text);
    expect(p.ok && p.value).toBe(value);
    expect(p.ok && p.unit).toBe(unit);
  });

  // Glued letters that are no unit, a multiplier (a change relative to a base), codes and sentences stay not numbers.
  test.each(['12abc', '3x', '2×', 'Phase 2 rollout', 'a single dashboard', 'Q1 2020', 'v2 api', 'from 3 to 5'])(
    '%p is not a quantity',
    (text) => {
      expect(parseNumber(text).ok).toBe(false);
    },
  );

  test.each([
    [
      'en',
      ['Key Result', 'Start', 'Target', 'Current'],
      ['Cut p95 latency', '900ms', '300ms', '450ms'],
      [900, 300, 450],
    ],
    ['zh', ['关键结果', '起始值', '目标值', '当前值'], ['每周发布次数', '1次/周', '5次/周', '3次/周'], [1, 5, 3]],
    [
      'es words',
      ['KR', 'Baseline', 'Target', 'Actual'],
      ['Regiones activas', 'una región', '3 regiones', 'dos regiones'],
      [1, 3, 2],
    ],
  ])('a %s table: start, target and current cells with units read as numbers, no problem', (_l, header, row, want) => {
    const m = read([['Objective: Be fast'], header, row].map((r) => pad(r, 4)));
    expect(krs(m).map(nums)).toEqual([{ start: want[0], target: want[1], current: want[2] }]);
    expect(m.problems).toEqual([]);
  });
});

describe('a table repeated under each objective, its header in other words', () => {
  const en = [
    ['Objective 1: Win mid-market'],
    ['Key results'],
    ['#', 'Key Result', 'Baseline (Q3 2026)', 'Target (Q4 2026)', 'Current'],
    ['1', 'Close deals', '4 deals/qtr', '10 deals', '6 deals'],
    ['2', 'Raise NPS', 30, 45, 38],
    ['Objective 2: Ship faster'],
    ['Key results'],
    ['#', 'Key Result', 'Baseline', 'Target', 'Current'],
    ['1', 'Deploys per week', '1x/week', '5x/week', '2x/week'],
  ];
  const zh = [
    ['目标一：拓展华东市场'],
    ['序号', '关键结果', '基线（2026年Q3）', '目标值（Q4）', '当前值'],
    ['1', '新签渠道', '2家', '10家', '5家'],
    ['目标二：提升留存'],
    ['关键结果'],
    ['序号', '关键结果', '基线', '目标值', '当前值'],
    ['1', '次月留存率', 0.2, 0.3, 0.25],
    ['2', '每周活跃天数', '2天/周', '4天/周', '3天/周'],
  ];
  test.each([
    ['en', en, [2, 1], 'Key Result'],
    ['zh', zh, [1, 2], '关键结果'],
  ])('%s: the second header row is a header, not a key result', (_l, values, counts, word) => {
    const m = read(values.map((r) => pad(r, 5)));
    expect(m.objectives.map((o) => o.krs.length)).toEqual(counts);
    expect(krs(m).some((k) => k.title === word)).toBe(false);
    const second = values.findIndex((r, i) => i > 2 && r[1] === word);
    expect(m.reading?.rows.find((x) => x.row === second)?.role).toBe('header');
  });

  test('a data row whose cells are bracketed placeholders or labelled is not a header', () => {
    const values = [
      ['Objective 1: [Outcome]'],
      ['Key Result', 'Target', 'Actual'],
      ['KR 1: [Measurable result]', '[Target value]', '[Current value]'],
      ['Key result: faster onboarding', 'Target: 3 days', ''],
    ];
    const m = read(values.map((r) => pad(r, 3)));
    expect(krs(m).map((k) => k.title)).toEqual(['[Measurable result]', 'faster onboarding']);
  });
});

test('a header that is an Object.prototype name is not a saved column choice', () => {
  expect(() =>
    read([
      ['valueOf', 'constructor'],
      ['Key Result', 'Target'],
    ]),
  ).not.toThrow();
});

describe("property lines under a key result are that KR's own fields", () => {
  const lines = (text: string) => text.split('\n').map((t) => [t]);
  test('en: indented bullets with emphasis; a relative target states none; a template owner is skipped', () => {
    const m = read(
      lines(`## Objective: Faster support
- **KR 1:** Shorter first reply
    - *Goal:* Bring it down to 2 hours
    - *Current:* 5 hours
    - *Owner:* [Name]
- **KR 2:** Happier customers
    - *Target:* Increase CSAT by 10%
    - *Baseline:* 4.1/5
    - Write the macros`),
    );
    expect(krs(m).map((k) => [k.title, k.target, k.current, k.startGiven ? k.start : null])).toEqual([
      ['Shorter first reply', 2, 5, null],
      ['Happier customers', null, null, 4.1],
    ]);
    expect(krs(m).flatMap((k) => k.initiatives.map((i) => i.title))).toEqual(['Write the macros']);
    expect(krs(m)[0].owner).toBeNull();
  });

  test('zh: 当前值 / 目标值 / 负责人 bullets under a bold KR line at the same depth; 进度 is a note', () => {
    const m = read(
      lines(`目标：提升交付质量
**KR1：线上缺陷数下降**
- 目标值：每月 3 个
- 当前值：8 个
- 负责人：王芳
- 进度：40%
**KR2：单测覆盖率达到 80%**
- 当前值：65%`),
    );
    expect(krs(m).map((k) => [k.title, k.target, k.current, k.owner])).toEqual([
      ['线上缺陷数下降', 3, 8, '王芳'],
      ['单测覆盖率达到 80%', 0.8, 0.65, null],
    ]);
    expect(m.reading?.unplaced.map((u) => u.text)).toContain('- 进度：40%');
  });

  test('a Label: value line after another block (an update log under a label) is not a property', () => {
    const m = read(
      lines(`Objective 1: Grow
KR 1.1: Reach 500 users
- Current: 120
Updates:
- 2026-11-02: Current: 300 after the launch`),
    );
    expect(krs(m)[0].current).toBe(120);
  });
});

test('a number glued to bracketed letters names a section (501(c)(3), 401(k)), not a target', () => {
  const m = read([['O: Set up the foundation'], ['KR1: Establish 501(c)(3) status'], ['KR2: Offer a 401(k) plan']]);
  expect(krs(m).map((k) => k.target)).toEqual([null, null]);
});

describe('a code column before the titles: the codes are carried, the column of words beside them holds the titles', () => {
  test.each([
    ['en, codes as numbers, header "Metric"', ['KR', 'Metric', 'Target'], [1.1, 1.2, 2.1], 'kr'],
    ['en, codes as text, header "Measure"', ['Key Result', 'Measure', 'Target'], ['KR1', 'KR2', 'KR3'], 'kr'],
    ['zh, codes like 1.4a, header "指标"', ['关键结果', '指标', '目标值'], ['1.1', '1.4a', '2.1'], 'kr'],
    ['zh, objective codes O1..O3, a title header "内容"', ['目标', '内容', '目标值'], ['O1', 'O2', 'O3'], 'objective'],
  ])('%s', (_name, header, codes, role) => {
    const titles = ['Grow weekly users', 'Cut churn in half', 'Ship the mobile app'];
    const m = read([header, ...codes.map((c, i) => [c, titles[i], (i + 1) * 10])]);
    expect(m.columns.map((c) => c.field)).toEqual([null, role === 'objective' ? 'objective' : 'kr', 'target']);
    const items = role === 'kr' ? krs(m).map((k) => k.title) : m.objectives.map((o) => o.title);
    expect(items).toEqual(titles);
  });

  test('a KR column of plain counts beside a words column is not a code column (numbers up to 100, no Target column)', () => {
    const m = read([
      ['Objective', 'Key Result', 'Notes'],
      ['Grow', 'Reach 500 users', 'launch first'],
      ['', 'Sign 3 partners', 'EMEA only'],
    ]);
    expect(m.columns.map((c) => c.field)).toEqual(['objective', 'kr', 'notes']);
  });
});

describe('a target cell in words is read like a KR wording, and says so', () => {
  test.each([
    ['$83k/mo to $93k/mo', 83000, 93000],
    ['8% to 15% of revenue', 0.08, 0.15],
    ['从 20% 提升到 35%', 0.2, 0.35],
    ['50%+ of all orders', null, 0.5],
    ['99%+ uptime, 95%+ on-time, NPS 60+', null, null],
    ['Grow it by 10%', null, null],
  ])('%p -> start %p, target %p', (cell, start, target) => {
    const m = read([
      ['Key Result', 'Target'],
      ['Revenue share', cell],
    ]);
    const k = krs(m)[0];
    expect([k.startGiven ? k.start : null, k.target]).toEqual([start, target]);
    expect(m.problems.length).toBe(1); // either "is not a number" or "read as ...: type the number alone"
  });
});

test('Label: value lines above a table (Status: Active, 负责人：王芳) are listed as not placed; the first line is the title', () => {
  const m = read([
    ['Team OKRs 2027'],
    ['Status: Active'],
    ['负责人：王芳'],
    ['Objective', 'Key Result', 'Target'],
    ['Grow', 'Reach 500 users', 500],
  ]);
  expect(m.reading?.unplaced.map((u) => u.text)).toEqual(['Status: Active', '负责人：王芳']);
  expect(m.title).toBe('Team OKRs 2027');
});

describe('a current column written as words: the figure inside is the current value', () => {
  test.each([
    [
      'zh',
      ['目标', '关键结果', '当前进度', '负责人'],
      [
        ['扩大渠道', '签约12家代理商', '已签约7家', '李雷'],
        ['', '季度营收增长15%', '环比增长6%', '韩梅'],
        ['', '复购率达到40%', '目前复购率31%', '李雷'],
      ],
      [7, null, 0.31],
    ],
    [
      'en',
      ['Objective', 'Key Result', 'Current progress', 'Owner'],
      [
        ['Grow partners', 'Sign 12 resellers', 'Signed 4 so far', 'Ana'],
        ['', 'Lift revenue by 15%', 'grew by 6% on last quarter', 'Bo'],
        ['', 'Reach 40% repeat rate', 'currently 31%', 'Ana'],
      ],
      [4, null, 0.31],
    ],
  ])('%s', (_l, header, rows, currents) => {
    const m = read([header, ...rows]);
    expect(krs(m).map((k) => k.current)).toEqual(currents);
    expect(m.columns[2].field).toBe('status'); // the words themselves stay the status, untouched
  });
});

describe('label lines: the items under "Objective:" / "Key Results:" labels, until a heading ends them', () => {
  const lines = (text: string) => text.split('\n').map((t) => [t]);
  test.each([
    [
      'en',
      'Objective:\n- Make onboarding painless\n\nKey Results:\n- Cut setup time to 10 minutes\n- Get 40 teams live\n\n# Why we use OKRs\n1. Focus\n2. Alignment',
      'Make onboarding painless',
      [10, 40],
    ],
    [
      'zh',
      '目标：\n* 打造顺畅的新手体验\n关键结果：\n* 安装时间缩短到10分钟\n* 上线40个团队\n## 为什么用OKR\n1. 聚焦\n2. 对齐',
      '打造顺畅的新手体验',
      [10, 40],
    ],
  ])('%s', (_l, text, objective, targets) => {
    const m = read(lines(text));
    expect(m.objectives.map((o) => o.title)).toEqual([objective]);
    expect(krs(m).map((k) => k.target)).toEqual(targets);
  });

  test('zh: a span describing a noun (3个月的计划, 2周的冲刺) is no target; 完成3个版本 still is', () => {
    const m = read(lines('目标：交付新版本\nKR1：制定3个月的路线图\nKR2：完成2周的冲刺评审\nKR3：完成3个版本'));
    expect(krs(m).map((k) => k.target)).toEqual([null, null, 3]);
  });
});

test.each([
  [
    'en',
    'O1: Launch in Spain\n- KR1: Sign 20 shops\n- KR2: Reach 500 orders\n- KR 1 → Company OKR: Expand to Europe\n- KR 2 -> Company OKR 3',
  ],
  [
    'zh',
    '目标1：进入西班牙市场\n- KR1：签约20家门店\n- KR2：订单达到500单\n- 关键结果1 → 公司OKR：拓展欧洲\n- KR2 ⇒ 公司目标3',
  ],
])('%s: a KR label with an arrow to another OKR is a cross-reference note, not a KR', (_l, text) => {
  const m = read(text.split('\n').map((t) => [t]));
  expect(krs(m).map((k) => k.target)).toEqual([20, 500]);
  expect(m.reading?.unplaced.length).toBe(2);
});

test.each([
  [
    'en',
    'Objective: Better docs\n- KR: Write 2 tutorials\n    - KR: Tutorial on setup\n    - KR: Tutorial on upgrades\n- KR: Answer 90% of questions in a day',
  ],
  ['zh', '目标：完善文档\n* KR：编写2篇教程\n  * KR：安装教程\n  * KR：升级教程\n* KR：90%的问题一天内答复'],
])('%s: a KR listed under a listed KR is work under it (an initiative), not a KR of the objective', (_l, text) => {
  const m = read(text.split('\n').map((t) => [t]));
  expect(krs(m).map((k) => k.initiatives.length)).toEqual([2, 0]);
  expect(krs(m).map((k) => k.target)).toEqual([2, 0.9]);
});

test.each([
  ['en', '4. OKR - Objectives and Key Results', 'Objective', 'Key Result'],
  ['zh', 'OKR：目标与关键结果', '目标', '关键结果'],
])('%s: a title spelling out the OKR words is a title, not an objective', (_l, title, o, k) => {
  const m = read([
    [title, ''],
    [o, k],
    ['Grow', 'Reach 500 users'],
  ]);
  expect(m.objectives.map((x) => x.title)).toEqual(['Grow']);
});

describe('tables repeated under objectives with lines between them', () => {
  const pad4 = (r: unknown[]) => pad(r, 4);
  test.each([
    [
      'en',
      [
        ['Objective 1: Reliable platform'],
        ['KR', 'Metric', 'Target', 'Owner'],
        ['KR1.1', 'Uptime', 0.999, 'Ana'],
        ['Example:'],
        ['KR 1.2: Cut MTTR from 90 to 30'],
        ['Objective 2: Faster delivery'],
        ['KR', 'Metric', 'Target', 'Lead'],
        ['KR2.1', 'Deploys per week', 5, 'Bo'],
      ],
    ],
    [
      'zh',
      [
        ['目标一：稳定的平台'],
        ['关键结果', '指标', '目标值', '负责人'],
        ['KR1', '可用性', 0.999, '王芳'],
        ['示例：'],
        ['KR2：故障恢复时间从90降到30'],
        ['目标二：更快交付'],
        ['关键结果', '指标', '目标值', ''],
        ['KR1', '每周发布次数', 5, ''],
      ],
    ],
  ])(
    '%s: a repeated header keeping the title words is a header; a labelled KR line between tables is a KR',
    (_l, v) => {
      const m = read(v.map(pad4));
      expect(m.objectives.map((o) => o.krs.map((k) => [k.target, k.startGiven ? k.start : null]))).toEqual([
        [
          [0.999, null],
          [30, 90],
        ],
        [[5, null]],
      ]);
    },
  );
});
