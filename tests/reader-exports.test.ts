/**
 * Table and tool-export classes of layouts (issue 10, hold-out set 3), each on constructed sheets written here: other
 * words, column orders and sizes than the corpus sheets that showed the class. Expected values are worked out by
 * reading the sheet.
 */
import { readModel } from '../core/parse-sheet';
import { resolveSettings } from '../core/settings';
import { sumResult } from '../core/values';
import type { KeyResult, OkrModel } from '../core/model';

const read = (values: unknown[][]): OkrModel =>
  readModel({ name: 'S', origin: { row: 0, col: 0 }, values }, { settings: resolveSettings({}), today: '2026-12-07' });
const krs = (m: OkrModel): KeyResult[] => m.objectives.flatMap((o) => o.krs);
const role = (m: OkrModel, header: string) => m.columns.find((c) => c.header === header)?.field ?? null;
const outline = (m: OkrModel) =>
  m.objectives.map((o) => ({
    o: o.title,
    krs: o.krs.map((k) => [k.title, k.initiatives.map((i) => i.title)]),
    initiatives: (o.initiatives ?? []).map((i) => i.title),
  }));

describe('a row-type export: a goal-type column of committed / aspirational, parents named with their id', () => {
  // Rows out of tree order: the KR of the first objective comes after the second objective.
  const en = [
    ['Item', 'Kind of row', 'Goal Type', 'Parent (weight, ID)', 'Target', 'Actual'],
    ['Win the mid-market', 'Objective', 'Committed Goal', '', 100, 40],
    ['Ship the partner API', 'Objective', 'Aspirational Goal', 'Win the mid-market(weight: 0%, Id: 11)', 100, 10],
    ['Sign 30 resellers', 'Key Result', 'Committed Goal', 'Win the mid-market (weight: 50%, Id: 11)', 30, 12],
    ['Run a reseller webinar', 'Deliverable', 'Committed Goal', 'Sign 30 resellers(weight: 0%, Id: 14)', 100, 0],
    ['Publish 5 API guides', 'Key result', 'Aspirational Goal', 'Ship the partner API(weight: 100%, Id: 12)', 5, 1],
    ['Hire an API writer', 'Deliverable', 'Aspirational Goal', 'Ship the partner API(weight: 0%, Id: 12)', 100, 0],
  ];
  const zh = [
    ['名称', '行类型', '目标类型', '对齐到', '目标值', '当前值'],
    ['拓展华东市场', '目标', '承诺型目标', '', 100, 40],
    ['上线合作伙伴接口', '目标', '挑战型目标', '拓展华东市场（权重：0%，ID：21）', 100, 10],
    ['签约30家代理商', '关键结果', '承诺型目标', '拓展华东市场（权重：50%，ID：21）', 30, 12],
    ['举办代理商说明会', '举措', '承诺型目标', '签约30家代理商（权重：0%，ID：24）', 100, 0],
    ['发布5篇接口指南', '关键结果', '挑战型目标', '上线合作伙伴接口（权重：100%，ID：22）', 5, 1],
  ];

  test('en: the goal type is the commitment, every row under the parent it names', () => {
    const m = read(en);
    expect(role(m, 'Goal Type')).toBe('type');
    expect(role(m, 'Item')).toBe('objective');
    expect(outline(m)).toEqual([
      { o: 'Win the mid-market', krs: [['Sign 30 resellers', ['Run a reseller webinar']]], initiatives: [] },
      {
        o: 'Ship the partner API',
        krs: [['Publish 5 API guides', []]],
        initiatives: ['Hire an API writer'],
      },
    ]);
    expect(m.objectives.map((o) => [o.commitment, o.alignedTo])).toEqual([
      ['committed', null],
      ['aspirational', 'Win the mid-market'],
    ]);
    expect(krs(m).map((k) => [k.target, k.current])).toEqual([
      [30, 12],
      [5, 1],
    ]);
  });

  test('zh: 目标类型 of 承诺型目标 / 挑战型目标 is the type; 对齐到 with （权重，ID） names the parent', () => {
    const m = read(zh);
    expect(role(m, '目标类型')).toBe('type');
    expect(outline(m)).toEqual([
      { o: '拓展华东市场', krs: [['签约30家代理商', ['举办代理商说明会']]], initiatives: [] },
      { o: '上线合作伙伴接口', krs: [['发布5篇接口指南', []]], initiatives: [] },
    ]);
    expect(m.objectives.map((o) => [o.commitment, o.alignedTo])).toEqual([
      ['committed', null],
      ['aspirational', '拓展华东市场'],
    ]);
  });
});

describe('a KR table with identifier-style field names: the objective link column last', () => {
  const en = [
    ['krTitle', 'krType', 'targetValue', 'currentRisk', 'dueDate', 'krId', 'objectiveId', 'objectiveTitle'],
    ['Launch the beta to 50 testers', 'Milestone', 50, 'Green', '2026-03-31', 'kr-1', 'o-1', 'O1 - Prove demand'],
    ['Write the pricing memo', 'Deliverable', '', 'Amber', '2026-02-28', 'kr-2', 'o-1', 'O1 - Prove demand'],
    ['Close 3 design partners', 'Metric', 3, '', '2026-03-31', 'kr-3', 'o-2', 'O2 - Land partners'],
  ];
  const zh = [
    ['关键结果名称', 'KR类型', '目标值', '当前风险', '截止日期', '所属目标'],
    ['完成种子用户访谈20场', '里程碑', 20, '绿', '2026-03-31', 'O1 - 验证需求'],
    ['输出定价方案', 'Deliverable', '', '黄', '2026-02-28', 'O1 - 验证需求'],
    ['签约3家合作伙伴', 'Milestone', 3, '', '2026-03-31', 'O2 - 拿下合作伙伴'],
  ];

  test('en: every row a KR of the objective its last column names; currentRisk is the status, ids carried', () => {
    const m = read(en);
    expect(
      ['krTitle', 'krType', 'currentRisk', 'krId', 'objectiveId', 'objectiveTitle'].map((h) => role(m, h)),
    ).toEqual(['kr', null, 'status', 'id', null, 'objective']);
    expect(outline(m).map((o) => [o.o, o.krs.map((k) => k[0])])).toEqual([
      ['Prove demand', ['Launch the beta to 50 testers', 'Write the pricing memo']],
      ['Land partners', ['Close 3 design partners']],
    ]);
    expect(krs(m).map((k) => k.target)).toEqual([50, null, 3]);
  });

  test('zh: KR类型 of 里程碑 / Deliverable is no row type; 当前风险 is the status; 所属目标 names the objective', () => {
    const m = read(zh);
    expect(['关键结果名称', 'KR类型', '当前风险', '所属目标'].map((h) => role(m, h))).toEqual([
      'kr',
      null,
      'status',
      'objective',
    ]);
    expect(outline(m).map((o) => [o.o, o.krs.map((k) => k[0])])).toEqual([
      ['验证需求', ['完成种子用户访谈20场', '输出定价方案']],
      ['拿下合作伙伴', ['签约3家合作伙伴']],
    ]);
  });
});

describe('a KR column of labels only: the column of statements holds the KRs, whatever its header says', () => {
  const en = [
    ['Team Atlas OKRs', '', '', ''],
    ['Objective: Become the default choice for hobby makers', '', '', ''],
    ['KR', 'Target', 'Current', 'Owner'],
    ['KR1', '500 newsletter subscribers', '120 (blog) + 80 (shop) = 200 total', 'Ana'],
    ['KR2', 'Workshop kit shipped to first school', 'Not started', 'Raj'],
    ['KR3', '40 paid workshops, rated 4.5+', 12, 'Ana'],
    ['Baseline last quarter', '', '', ''],
    ['Metric', 'Result', '', ''],
    ['Subscribers', 90, '', ''],
    ['Workshops', '6 (pilot)', '', ''],
  ];
  const zh = [
    ['目标：成为华南最受欢迎的手作品牌', '', '', ''],
    ['KR', '目标值', '当前值', '负责人'],
    ['KR1', '签约20家线下代理商', '华东8家+华南4家=12家', '王磊'],
    ['KR2', '上线会员积分体系', '开发中', '李娜'],
    ['附：上季度基线', '', '', ''],
    ['指标', '结果', '', ''],
    ['代理商', 6, '', ''],
  ];

  test('en: KR1..KR3 are carried, Target holds the KRs; a sum gives the current; the metric table is no OKR', () => {
    const m = read(en);
    expect(['KR', 'Target', 'Current'].map((h) => role(m, h))).toEqual([null, 'kr', 'current']);
    expect(krs(m).map((k) => [k.title, k.target, k.current])).toEqual([
      ['500 newsletter subscribers', 500, 200],
      ['Workshop kit shipped to first school', null, 0],
      ['40 paid workshops, rated 4.5+', 40, 12],
    ]);
    expect((m.reading?.unplaced ?? []).map((u) => u.text)).toEqual(
      expect.arrayContaining(['Subscribers', 'Workshops']),
    );
  });

  test('zh: 目标值 over statements is the KR column; 8家+4家=12家 is the current 12', () => {
    const m = read(zh);
    expect(['KR', '目标值'].map((h) => role(m, h))).toEqual([null, 'kr']);
    expect(krs(m).map((k) => [k.title, k.target, k.current])).toEqual([
      ['签约20家线下代理商', 20, 12],
      ['上线会员积分体系', null, null],
    ]);
    expect((m.reading?.unplaced ?? []).map((u) => u.text)).toContain('代理商');
  });
});

describe('a sum written out in a cell: its result is the value', () => {
  test.each([
    ['2 (app) + 5 (web) = 7 total', 7],
    ['8家+4家=12家', 12],
    ['40% + 15% ＝ 55%', 0.55],
  ])('%p -> %p', (text, value) => expect(sumResult(text)).toBe(value));
  test.each(['3-5', 'A+B', '1 + 1 = two', 'score = 7', '7 total'])('%p states no sum', (text) =>
    expect(sumResult(text)).toBeNull(),
  );
});

describe('a target cell listing several measures states no one target; one measure with notes states it', () => {
  const en = [
    ['Contents', 'O1: Reliability', 'O2: Growth', ''],
    ['Objective: Run the service people trust', '', '', ''],
    ['Key Result', 'Target', 'Owner', ''],
    ['Faster recovery', '≤2h to detect; ≤6h to restore', 'SRE', ''],
    ['Wider device coverage', '3× Android, 2× iOS, 1× web builds', 'QA', ''],
    ['Fewer incidents', '≤1 / 10k sessions (P1), ZERO data loss', 'SRE', ''],
    ['Regions live', '4 regions (EU, US, APAC, LATAM)', 'Ops', ''],
    ['Signed customers', '1,200 accounts', 'Sales', ''],
    ['Uptime', '≥99.9% (rolling 30 days)', 'SRE', ''],
    ['Articles', '12 articles published, avg score >50', 'CMO', ''],
  ];
  const zh = [
    ['目标：让客户放心使用', '', ''],
    ['关键结果', '目标值', '负责人'],
    ['渠道拓展', '签约10家代理商；复购率≥30%', '王磊'],
    ['故障恢复', '≤2小时发现，≤6小时恢复', '李娜'],
    ['区域覆盖', '3个省份、12个城市', '李娜'],
    ['门店扩张', '新增10家门店 • 会员5万', '王磊'],
    ['安全运营', '零事故，客诉≤3起', '李娜'],
    ['覆盖城市', '5个城市（北京、上海、广州、深圳、杭州）', '王磊'],
  ];

  test('en: lists of measures read none; one measure with bracketed notes reads it; the contents row is listed', () => {
    const m = read(en);
    const round = (n: number | null) => (n === null ? null : Math.round(n * 1e6) / 1e6);
    expect(krs(m).map((k) => [k.title, round(k.target)])).toEqual([
      ['Faster recovery', null],
      ['Wider device coverage', null],
      ['Fewer incidents', null],
      ['Regions live', 4],
      ['Signed customers', 1200],
      ['Uptime', 0.999],
      // The words after the comma qualify the articles: one measure.
      ['Articles', 12],
    ]);
    expect((m.reading?.unplaced ?? []).map((u) => u.text)).toEqual(
      expect.arrayContaining(['O1: Reliability', 'O2: Growth']),
    );
  });

  test('zh: 签约10家；复购率≥30%, 3个省份、12个城市, 零事故，客诉≤3起 state no target; 5个城市（…） states 5', () => {
    const m = read(zh);
    expect(krs(m).map((k) => [k.title, k.target])).toEqual([
      ['渠道拓展', null],
      ['故障恢复', null],
      ['区域覆盖', null],
      ['门店扩张', null],
      ['安全运营', null],
      ['覆盖城市', 5],
    ]);
  });
});

test('a row-type export whose titles repeat across periods: each row goes under the parent its Id names', () => {
  const m = read([
    ['Id', 'Title', 'Object Type', 'Period', 'Aligned To (weight, Objective ID)', 'Target'],
    [101, 'Grow partner revenue', 'Objective', 'Q1 2026', '', 100],
    [102, 'Grow partner revenue', 'Objective', 'Q2 2026', '', 100],
    [201, 'Sign 5 partners', 'Key Result', 'Q2 2026', 'Grow partner revenue(weight: 50%, Id: 102)', 5],
    [202, 'Sign 3 partners', 'Key Result', 'Q1 2026', 'Grow partner revenue(weight: 50%, Id: 101)', 3],
  ]);
  expect(m.objectives.map((o) => [o.title, o.krs.map((k) => k.title)])).toEqual([
    ['Grow partner revenue', ['Sign 3 partners']],
    ['Grow partner revenue', ['Sign 5 partners']],
  ]);
});
