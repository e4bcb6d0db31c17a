/**
 * Table and tool-export classes of layouts (issue 10, hold-out set 3), each on constructed sheets written here: other
 * words, column orders and sizes than the corpus sheets that showed the class. Expected values are worked out by
 * reading the sheet.
 */
import { readModel } from '../core/parse-sheet';
import { resolveSettings } from '../core/settings';
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
