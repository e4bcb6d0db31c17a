/**
 * Classes of hold-out set 5's Chinese sheets (issue 10), on constructed sheets in Chinese and English with other words,
 * sizes and layouts than the corpus sheets that showed them: labels people write without a colon or with a bracketed
 * category, a from-to in a KR cell beside its typed target, a share with '+' among bracketed criteria. Every expected
 * value worked out by reading the sheet as a person would.
 */
import { readModel } from '../core/parse-sheet';
import { resolveSettings } from '../core/settings';
import type { KeyResult, OkrModel } from '../core/model';

const read = (values: unknown[][]): OkrModel =>
  readModel({ name: 'S', origin: { row: 0, col: 0 }, values }, { settings: resolveSettings({}), today: '2026-12-07' });
const rows = (...xs: (string | unknown[])[]): unknown[][] => xs.map((x) => (Array.isArray(x) ? x : [x]));
const titles = (m: OkrModel) => m.objectives.map((o) => [o.title, o.krs.map((k) => k.title)]);
const numbers = (k: KeyResult) => ({ start: k.startGiven ? k.start : null, target: k.target, current: k.current });

describe('an `okrN` label with no colon, in any case, is a label like `O1`', () => {
  it.each([
    [['### okr1 数据平台迁移', '', '1. 完成存量表迁移', '2. 下线旧集群', '', '### okr2 成本治理', '1. 梳理账单']],
    [['OKR1 Grow the community', '- Host 4 meetups', 'OKR2 Ship the beta', '- Onboard 20 teams']],
    [['## okr 1 提升稳定性', '- 完成压测', '## Okr 2 降本', '- 关停闲置机器']],
  ])('%j', (lines) => {
    const m = read(rows(...lines));
    expect(m.objectives.map((o) => o.title)).toEqual(
      lines.filter((l) => /^\W*okr\s?\d/i.test(l)).map((l) => l.replace(/^#*\s*okr\s?\d\s*/i, '')),
    );
    expect(m.objectives.every((o) => o.krs.length > 0)).toBe(true);
  });

  it('`OKR 2024` names a year, no objective number: the line is no `OKR 20` label', () => {
    const m = read(rows('# OKR 2024 计划', '## O1: 提升留存', '- KR1: 留存率达到 40%'));
    expect(titles(m)).toEqual([['提升留存', ['留存率达到 40%']]]);
  });
});

describe('a label with a bracketed category (`O1 [调研]:`) is stripped whole', () => {
  it.each([
    ['O1 [调研]: 摸清竞品差距 (Ana)', '摸清竞品差距 (Ana)'],
    ['O2 【研发】：三周内关闭差距', '三周内关闭差距'],
    ['Objective 3 [Growth]: Win the mid-market', 'Win the mid-market'],
  ])('%s', (line, title) => {
    const m = read(rows(line, '- KR1: 完成 5 次访谈', '- KR2: Ship 2 releases'));
    expect(m.objectives.map((o) => o.title)).toEqual([title]);
    expect(m.objectives[0].krs).toHaveLength(2);
  });
});

describe('a from-to in a KR cell beside its typed target states the start', () => {
  const table = (...krs: unknown[][]) => read([['Key Result', 'Target', 'Actual'], ...krs]);
  it.each([
    [['KR1: 次日留存 30%→36%', 0.36, 0.33], { start: 0.3, target: 0.36, current: 0.33 }],
    [['KR2: 平均响应时长 12→8 min', '8 min', '10 min'], { start: 12, target: 8, current: 10 }],
    [['KR3: Raise NPS from 20 to 35', 35, 28], { start: 20, target: 35, current: 28 }],
    [['KR4: 投诉率 5% -> 2%', 0.02, ''], { start: 0.05, target: 0.02, current: null }],
  ])('%j', (row, want) => {
    expect(numbers(table(row).objectives[0].krs[0])).toEqual(want);
  });

  it('a typed target the words do not name leaves the start unstated', () => {
    const kr = table(['KR1: 次日留存 30%→36%', 0.4, 0.33]).objectives[0].krs[0];
    expect(numbers(kr)).toEqual({ start: null, target: 0.4, current: 0.33 });
  });

  it('a decreasing from-to reads as decrease', () => {
    const kr = table(['KR1: 跳出率 40%→30%', 0.3, 0.35]).objectives[0].krs[0];
    expect(kr.kind).toBe('decrease');
  });
});

describe('a share with `+` among bracketed criteria is the target', () => {
  const krOf = (kr: string): KeyResult => read([['O1: 提升工程质量'], [`KR1: ${kr}`]]).objectives[0].krs[0];
  it.each([
    ['代码质量底线（单测75%+，接口文档齐全，lint 通过）', 0.75],
    ['Quality bar (coverage 85%+, strict mode, runbooks)', 0.85],
    ['发布质量达标（通过率 95%+）', 0.95],
  ])('%s -> %s', (kr, target) => {
    expect(krOf(kr).target).toBeCloseTo(target);
  });

  it('a number outside the brackets stays the target', () => {
    expect(krOf('上线 4 个功能（单测80%+）').target).toBe(4);
  });
});

describe('quantities joined as equals, placeholders among them, state no single target', () => {
  const krOf = (kr: string): KeyResult => read([['O1: 经营个人品牌'], [`KR1: ${kr}`]]).objectives[0].krs[0];
  it.each([
    '录制 2 期播客并撰写 3 篇文章',
    '完成 1 场线下分享并发布 1 篇复盘，公众号关注增长 x 个',
    '梳理选题库，产出 x 篇长文，并投稿 2 家媒体',
    '出版电子书 1 本，为读者群补齐答疑，收集 X 条书评',
    'Sign 4 pilots, onboard X customers',
  ])('%s', (kr) => {
    const k = krOf(kr);
    expect(k.target).toBeNull();
    expect(k.placeholder ?? false).toBe(false);
  });

  it.each([
    ['领养 1 只小猫，完成体检和疫苗', 1],
    ['合并 3 个仓库', 3],
    ['支持 2 万并发', 20000],
    ['并购 2 家工作室', 2],
  ])('one quantity (并 inside a word joins nothing): %s -> %s', (kr, target) => {
    expect(krOf(kr).target).toBe(target);
  });

  it('the reader says why no target was read', () => {
    const m = read([['O1: 经营个人品牌'], ['KR1: 录制 2 期播客并撰写 3 篇文章']]);
    expect(m.problems.filter((p) => p.field === 'target').map((p) => p.message.zh)).toEqual([
      expect.stringMatching(/2 个衡量指标/),
    ]);
  });
});

describe('under a heading of problems, risks or next steps, lines are notes, even one naming a KR', () => {
  it.each([
    [
      [
        '## O1: 提升支付成功率',
        '- KR1: 成功率达到 99.5%',
        '- KR2: 退款时长 < 2 天',
        '## 风险与阻塞',
        '- KR2 依赖财务系统改造，可能延期',
      ],
    ],
    [['## O1: 提升支付成功率', '- KR1: 成功率达到 99.5%', '### 问题', '1. KR1：渠道 B 成功率偏低', '2. 对账延迟']],
    [
      [
        '**Objective: Win mid-market**',
        '- KR1: 12 new logos',
        '- KR2: 3 case studies',
        '',
        '**Risks & blockers**',
        '- KR2 legal review slow',
      ],
    ],
    [
      [
        '# Weekly',
        '## Objective: Faster builds',
        '- KR1: CI under 10 min',
        '## Next steps',
        '- KR1: cache the test images',
      ],
    ],
  ])('%j', (lines) => {
    const m = read(rows(...lines));
    const krs = lines.slice(
      0,
      lines.findIndex((l) => /风险|问题|Risks|Next steps/.test(l) && !/KR/.test(l)),
    );
    expect(m.objectives).toHaveLength(1);
    expect(m.objectives[0].krs.map((k) => k.title)).toHaveLength(krs.filter((l) => /KR\d/.test(l)).length);
    const last = lines.length - 1;
    expect((m.reading?.unplaced ?? []).map((u) => u.cell.row)).toContain(last);
  });

  it('an objective after the notes, or a heading as high as theirs, ends them', () => {
    const m = read(
      rows(
        '## O1: 降本',
        '- KR1: 成本降到 80 万',
        '## 下一步计划',
        '- 梳理账单',
        '## O2: 提效',
        '- KR1: 交付周期 < 5 天',
      ),
    );
    expect(titles(m)).toEqual([
      ['降本', ['成本降到 80 万']],
      ['提效', ['交付周期 < 5 天']],
    ]);
    const n = read(
      rows(
        '**Objective: Grow**',
        '- KR1: 100 users',
        '### Next steps',
        '- call users',
        '**Objective: Keep**',
        '- KR1: churn below 2%',
      ),
    );
    expect(n.objectives.map((o) => o.title)).toEqual(['Grow', 'Keep']);
  });

  it('a heading that only mentions a note word is no notes heading (`## 风险控制能力提升`)', () => {
    const m = read(rows('## 风险控制能力提升', '- KR1: 坏账率 < 1%', '- KR2: 完成 2 次演练'));
    expect(titles(m)).toEqual([['风险控制能力提升', ['坏账率 < 1%', '完成 2 次演练']]]);
  });
});

describe('a scorecard: the actual column is the current value, a date in the target cell is the due date', () => {
  const krs = (m: OkrModel) => m.objectives.flatMap((o) => o.krs);
  it.each([
    [
      ['目标', '关键结果', '目标值', '实际值', '评价'],
      ['O1: 提升活跃', '周活跃率', 0.3, 0.27, '🟡'],
      ['O2: 发布 App', '6/30 前发布', '6/30', '7/12（延期）', '🔴'],
    ],
    [
      ['Objective', 'Key result', 'Target', 'Actual', 'Rating'],
      ['Grow', 'Weekly actives', 0.3, 0.27, '🟡'],
      ['Launch', 'Ship the app by 6/30', 'by 6/30', '7/12 (late)', '🔴'],
    ],
  ])('%j: the actual column stays the current value even where a later table renames it', (head, a, b) => {
    const next = [...head.slice(0, 3), head[0] === '目标' ? '承接自' : 'Source'];
    const m = read([
      ['# 2026 Q1 复盘'],
      head,
      a,
      b,
      [''],
      ['## Q2'],
      next,
      ['O3: 留存', '周留存', 0.4, '延续'],
      ['O4: 招聘', '招 2 人', '2 人', '全新'],
    ]);
    expect(m.columns.map((c) => c.field).slice(0, 4)).toEqual(['objective', 'kr', 'target', 'current']);
    expect(krs(m).map((k) => [k.target, k.current, k.due])).toEqual([
      [0.3, 0.27, null],
      [null, null, '2026-06-30'],
      [0.4, null, null],
      [2, null, null],
    ]);
  });

  it.each([
    ['3/31', '2025-03-31'],
    ['5/31 前完成', '2025-05-31'],
    ['3/5 前', '2025-03-05'],
    ['2026-09-30', '2026-09-30'],
    ['9月30日前', '2025-09-30'],
  ])('target cell %s -> due %s (the year the title names), no target, and the reader says so', (cell, due) => {
    const m = read([
      ['# 2025 季度复盘'],
      ['目标', '关键结果', '目标值'],
      ['O1: 上线', '新版上线', cell],
      ['O2: 增长', '新增用户', '5000 人'],
      ['O3: 留存', '留存率', 0.4],
    ]);
    expect(krs(m).map((k) => [k.target, k.due])).toEqual([
      [null, due],
      [5000, null],
      [0.4, null],
    ]);
    expect(m.problems.find((p) => p.field === 'target')?.message.zh).toMatch(/截止日期/);
  });

  it('a score on a scale (`3/5`) or a fraction of a count (`4/4`) stays a number', () => {
    const m = read([
      ['目标', '关键结果', '目标值'],
      ['O1: 体验', '满意度评分', '3/5'],
      ['O2: 覆盖', '完成路径', '4/4'],
    ]);
    expect(krs(m).map((k) => k.due)).toEqual([null, null]);
  });

  it.each([
    ['2 人到岗 + 1 人 offer 已发', '3 人', 2],
    ['2 engineers hired, 1 offer out', '3 engineers', 2],
    ['12 家已签约，3 家谈判中', '20 家', 12],
  ])('current in words %s against a target of %s -> %s', (actual, target, current) => {
    const m = read([
      ['目标', '关键结果', '目标值', '实际值'],
      ['O1: 扩编', '招聘', target, actual],
      ['O2: 留存', '留存率', 0.4, 0.38],
    ]);
    expect(krs(m)[0].current).toBe(current);
  });
});

describe('a plan table naming the KR each item serves lists that KR’s initiatives', () => {
  const inits = (m: OkrModel) =>
    m.objectives.flatMap((o) => o.krs.map((k) => [k.title, k.initiatives.map((i) => i.title)]));
  it.each([
    [
      ['优先级', '事项', '对应 KR', '预计产出'],
      ['P0', '扩大实验覆盖', 'KR2', '留存 +1pp'],
      ['P1', '补齐埋点', 'KR1', '口径统一'],
    ],
    [
      ['事项', '关联KR', '负责人'],
      ['扩大实验覆盖', 'KR2', '王芳'],
      ['补齐埋点', 'KR1', '李雷'],
    ],
    [
      ['Priority', 'Work item', 'Related KR'],
      ['P0', '扩大实验覆盖', 'KR2'],
      ['P1', '补齐埋点', 'KR1'],
    ],
  ])('%j', (...plan) => {
    const m = read([
      ['**O: 提升留存**'],
      [''],
      ['Key Result', '目标值', '当前值'],
      ['KR1: 数据口径统一', '', ''],
      ['KR2: 7 日留存 30%→36%', 0.36, 0.32],
      [''],
      ['## 下周计划'],
      [''],
      ...plan,
    ]);
    expect(inits(m)).toEqual([
      ['数据口径统一', ['补齐埋点']],
      ['7 日留存 30%→36%', ['扩大实验覆盖']],
    ]);
  });

  it('a summary sentence above the table naming KRs is a note, listed', () => {
    const m = read([
      ['# 周报'],
      ['KR1 留存提升 1.5pp（30%→31.5%），KR2 时长增长 8%，两项实验均已完成并进入全量观察阶段。'],
      ['**O: 提升留存**'],
      ['Key Result', '目标值', '当前值'],
      ['KR1: 7 日留存 30%→36%', 0.36, 0.315],
    ]);
    expect(m.objectives.map((o) => o.krs.length)).toEqual([1]);
    expect((m.reading?.unplaced ?? []).map((u) => u.cell.row)).toContain(1);
  });
});

describe('a task-list OKR under a vision list: the vision is notes, top-level tasks objectives, indented tasks KRs', () => {
  const plan = (vision: string[], ...tail: string[]) =>
    read(
      rows(
        '# 2026 个人 OKR',
        '',
        ...vision,
        '',
        '## 季度计划',
        '',
        '### 第一季度',
        '',
        '- [x] 搭建个人知识库',
        '  - [x] 完成笔记迁移',
        '  - [ ] 至少写两篇索引文章',
        '- [ ] 跑完半程马拉松',
        '  - [ ] 每周跑步 3 次',
        ...tail,
      ),
    );
  const want = [
    ['搭建个人知识库', ['完成笔记迁移', '至少写两篇索引文章']],
    ['跑完半程马拉松', ['每周跑步 3 次']],
  ];
  it.each([
    [['## 年度愿景', '1. 身体健康；', '2. 持续写作；', '3. 家庭和睦。']],
    [['## 愿景', '- 身体健康', '- 持续写作']],
    [['## Vision', '1. Stay healthy;', '2. Keep writing.']],
  ])('%j', (vision) => {
    const m = plan(vision);
    expect(titles(m)).toEqual(want);
    expect(m.objectives[0].krs.map((k) => k.target)).toEqual([null, 2]);
    const unplaced = (m.reading?.unplaced ?? []).map((u) => u.cell.row);
    expect(unplaced).toEqual(expect.arrayContaining(vision.slice(1).map((_, i) => 3 + i)));
  });

  it('link bullets to side plans, a bracketed note after the link, are notes', () => {
    const m = plan(
      ['## 年度愿景', '1. 身体健康；'],
      '',
      '另有事项见专项计划：',
      '',
      '- [读书计划](https://example.com/books)（仅自己可见）',
      '- [跑步计划](https://example.com/run) (draft)',
    );
    expect(titles(m)).toEqual(want);
    const last = 3 + 2 + 13;
    expect((m.reading?.unplaced ?? []).map((u) => u.cell.row)).toEqual(expect.arrayContaining([last - 1, last]));
  });
});
