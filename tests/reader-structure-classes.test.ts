/**
 * Reading classes of hold-out set 2 (issue 10), on constructed sheets in English and Chinese: cycles given by headings,
 * hierarchy given by level columns or a parent-id column, quarter columns, and the reasons the reader keeps when the
 * wording names numbers it does not take as the target.
 */
import { readModel } from '../core/parse-sheet';
import { DEFAULT_SETTINGS } from '../core/settings';
import type { OkrModel } from '../core/model';
import { FIXTURE_TODAY, snapshotOf } from '../fixtures/sheets';

const read = (values: unknown[][]): OkrModel =>
  readModel(snapshotOf('S', values), { settings: DEFAULT_SETTINGS, today: FIXTURE_TODAY });
const lines = (...xs: string[]): unknown[][] => xs.map((x) => [x]);

describe('a heading naming a cycle gives the cycle of the objectives under it', () => {
  it('each section its own quarter or half (English and Chinese headings)', () => {
    const m = read(
      lines(
        '# Team OKRs',
        '## 2019 Q1',
        '- Objective: Ship the new API',
        '  - KR: 3 partners live on it',
        '## 2019 Q2',
        '- Objective: Grow adoption',
        '  - KR: Reach 500 users',
        '## 2026年上半年',
        '- 目标：提升交付质量',
        '  - KR：缺陷率降低到1%',
      ),
    );
    expect(m.objectives.map((o) => o.cycle?.id)).toEqual(['2019-Q1', '2019-Q2', '2026-H1']);
  });

  it('a title naming a year ("# 2025OKR", "Engineering 2024 OKRs") gives that year', () => {
    for (const [title, id] of [
      ['# 2025OKR', '2025'],
      ['Engineering 2024 OKRs', '2024'],
    ]) {
      const m = read(lines(title, '', 'O1: 开拓海外市场', '- KR1: 新增3个海外客户'));
      expect([title, m.objectives[0]?.cycle?.id]).toEqual([title, id]);
    }
  });

  it('an objective naming its own cycle keeps it under a heading naming another', () => {
    const m = read(lines('## 2026 Q1', 'O1: Launch in Japan (Q2 2026)', '- KR1: 10 stores open'));
    expect(m.objectives[0].cycle?.id).toBe('2026-Q2');
  });
});

describe('the reader says why the wording gave no target', () => {
  it('two measures in separate clauses: no target, and a problem naming the reason in both languages', () => {
    const m = read(
      lines('O1: 打开新市场', 'KR1: 合作3个本地达人，内容曝光≥50万次', 'KR2: Hire 3 engineers, onboard 2 designers'),
    );
    const krs = m.objectives[0].krs;
    expect(krs.map((k) => k.target)).toEqual([null, null]);
    const msgs = m.problems.filter((p) => p.field === 'target');
    expect(msgs).toHaveLength(2);
    expect(msgs[0].message.en).toMatch(/2 measures/);
    expect(msgs[0].message.zh).toMatch(/衡量指标/);
  });

  it('a rise by a count with no start: no target, the problem says it is relative', () => {
    const m = read(lines('O1: 扩充招聘渠道', 'KR1: 每个岗位合格简历量增加20份'));
    expect(m.objectives[0].krs[0].target).toBeNull();
    expect(m.problems.find((p) => p.field === 'target')?.message.zh).toMatch(/起始值/);
  });
});

describe('a flat goal list whose hierarchy is a parent-id column', () => {
  const roles = (m: OkrModel) => Object.fromEntries((m.reading?.columns ?? []).map((c) => [c.header, c.field]));

  it('Chinese headers: ids link goals; a goal with children and no values is an objective aligned to its parent', () => {
    const m = read([
      ['编号', '上级编号', '目标名称', '周期', '截止日期', '起始值', '目标值', '当前值'],
      ['G1', '', '提升华东区销售额', '季度', '2026-09-30', '', '', ''],
      ['G2', 'G1', '新签经销商', '季度', '2026-09-30', 0, 30, 12],
      ['G3', 'G1', '门店复购率', '季度', '2026-09-30', '20%', '35%', '24%'],
      ['G4', 'G1', '优化上海门店体验', '季度', '2026-09-30', '', '', ''],
      ['G5', 'G4', '顾客满意度', '季度', '2026-09-30', 4.2, 4.6, 4.3],
    ]);
    expect(roles(m)).toMatchObject({ 编号: 'id', 上级编号: 'alignedTo', 目标名称: 'objective' });
    expect(m.objectives.map((o) => [o.title, o.alignedTo, o.krs.map((k) => k.title)])).toEqual([
      ['提升华东区销售额', null, ['新签经销商', '门店复购率']],
      ['优化上海门店体验', '提升华东区销售额', ['顾客满意度']],
    ]);
    // A cadence word with the due date names the quarter holding it.
    expect(m.objectives[0].cycle?.id).toBe('2026-Q3');
  });

  it('English headers ending in ID are ids, not titles; an empty title column and a column of words under a date header take no role', () => {
    const m = read([
      ['Key', 'Parent IDs', 'Objective ID', 'Initiative', 'Name', 'Check-in', 'Target', 'Current', 'Period', 'Due'],
      [10, '', '', '', 'Win the mid-market', 'Weekly', '', '', 'Monthly', '2026-05-31'],
      [11, 10, '', '', 'Close 12 mid-market deals', 'Weekly', 12, 5, 'Monthly', '2026-05-31'],
      [12, 10, '', '', 'Cut sales cycle to 30 days', 'Manual', 30, 41, 'Monthly', '2026-05-31'],
    ]);
    const r = roles(m);
    expect(r['Parent IDs']).toBe('alignedTo');
    expect(r['Objective ID']).not.toBe('objective');
    expect(r['Initiative']).toBeNull();
    expect(r['Check-in']).toBeNull();
    expect(m.objectives).toHaveLength(1);
    expect(m.objectives[0].krs.map((k) => [k.title, k.target])).toEqual([
      ['Close 12 mid-market deals', 12],
      ['Cut sales cycle to 30 days', 30],
    ]);
    expect(m.objectives[0].cycle?.id).toBe('2026-05');
  });
});

describe('level columns: the level of a row is the column its text sits in', () => {
  it('a root column naming the plan, then objectives and key results (English, level columns after an owner column)', () => {
    const m = read([
      ['Owner', 'Root', 'Level 1 goal', 'Level 2 goal', 'Importance', 'Due'],
      ['Ana', 'Shop plan 2026', '', '', 100, ''],
      ['Ana', '', 'Grow repeat buyers', '', 70, ''],
      ['Bo', '', '', 'Repeat rate reaches 30%', 60, '2026-09-30'],
      ['Bo', '', '', 'Send 6 win-back emails', 40, '2026-09-30'],
      ['Ana', '', 'Faster delivery', '', 30, ''],
      ['Cy', '', '', 'Cut late deliveries from 9% to 4%', 100, '2026-09-30'],
    ]);
    expect(m.title).toBe('Shop plan 2026');
    expect(m.objectives.map((o) => [o.title, o.krs.map((k) => [k.title, k.target, k.weight])])).toEqual([
      [
        'Grow repeat buyers',
        [
          ['Repeat rate reaches 30%', 0.3, 60],
          ['Send 6 win-back emails', 6, 40],
        ],
      ],
      ['Faster delivery', [['Cut late deliveries from 9% to 4%', 0.04, 100]]],
    ]);
    expect(m.reading?.columns.find((c) => c.header === 'Level 1 goal')?.reason.en).toMatch(/level column/);
  });

  it('Chinese level columns without a root: objectives, key results, initiatives', () => {
    const m = read([
      ['一级', '二级', '三级', '截止日期'],
      ['提升客户满意度', '', '', ''],
      ['', '客诉率降到1%', '', '2026-12-31'],
      ['', '', '建立48小时回访机制', ''],
      ['', '好评率达到95%', '', '2026-12-31'],
    ]);
    const o = m.objectives[0];
    expect([o.title, o.krs.map((k) => k.title)]).toEqual(['提升客户满意度', ['客诉率降到1%', '好评率达到95%']]);
    expect(o.krs[0].initiatives.map((i) => i.title)).toEqual(['建立48小时回访机制']);
  });

  it('columns filled on the same row are no levels (an ordinary table stays as it was)', () => {
    const m = read([
      ['Objective', 'Key result', 'Target'],
      ['Grow revenue', 'Reach 200 customers', 200],
      ['', 'Raise ARPU to $50', 50],
    ]);
    expect(m.objectives[0].krs.map((k) => k.target)).toEqual([200, 50]);
  });
});

describe('a table under many lines of text is still found', () => {
  it('headings and paragraphs above the header row do not hide it (English and Chinese)', () => {
    const intro = Array.from({ length: 15 }, (_, i) => [`Paragraph ${i + 1} of the plan's introduction.`, '', '']);
    for (const header of [
      ['Key result', 'Target', 'Owner'],
      ['关键结果', '目标值', '负责人'],
    ]) {
      const m = read([...intro, header, ['Sign 20 partners', 20, 'Ana'], ['Ship 3 integrations', 3, 'Bo']]);
      expect([header[0], m.headerRow, m.objectives.flatMap((o) => o.krs.map((k) => k.target))]).toEqual([
        header[0],
        15,
        [20, 3],
      ]);
    }
  });
});

describe('outcome tables with quarter columns under numbered headings', () => {
  const roles = (m: OkrModel) => Object.fromEntries((m.reading?.columns ?? []).map((c) => [c.header, c.field]));

  it('English: the annual column is the target, quarters are carried along, "Goal #N: title" names the objective', () => {
    const m = read([
      ['Plan for fiscal year 2027', '', '', '', '', ''],
      ['Goal #1: Win the enterprise market', '', '', '', '', ''],
      ['Outcome', 'Annual', 'Q1', 'Q2', 'Q3', 'Q4'],
      ['Enterprise logos signed', '12+', 2, 5, 8, 12],
      ['Net revenue retention', '110%', '100%', '104%', '107%', '110%'],
      ['Goal #2: Make delivery predictable', '', '', '', '', ''],
      ['Outcome', 'Annual', 'Q1', 'Q2', 'Q3', 'Q4'],
      ['On-time delivery rate', 0.95, 0.85, 0.9, 0.92, 0.95],
    ]);
    expect(roles(m)).toMatchObject({ Outcome: 'kr', Annual: 'target', Q1: null, Q4: null });
    expect(m.objectives.map((o) => [o.title, o.cycle?.id, o.krs.map((k) => k.target)])).toEqual([
      ['Win the enterprise market', '2027', [12, 1.1]],
      ['Make delivery predictable', '2027', [0.95]],
    ]);
  });

  it('Chinese: 全年 beside 一季度..四季度 is the target; "重点 #1：..." names the objective', () => {
    const m = read([
      ['重点 #1：提升复购', '', '', '', '', ''],
      ['关键结果', '全年', '一季度', '二季度', '三季度', '四季度'],
      ['复购率', '35%', '25%', '28%', '31%', '35%'],
      ['会员数', 20000, 8000, 12000, 16000, 20000],
    ]);
    expect(roles(m)).toMatchObject({ 全年: 'target', 一季度: null });
    expect(m.objectives.map((o) => [o.title, o.krs.map((k) => k.target)])).toEqual([['提升复购', [0.35, 20000]]]);
  });
});

describe('another table under a caption line is no OKR rows', () => {
  it('a definitions table after the outcomes (English) and a glossary (Chinese) are listed as not placed', () => {
    const m = read([
      ['Goal #1: Grow the community', '', '', ''],
      ['#', 'Outcome', 'Target', 'Owner'],
      [1, 'Discord members', 1000, 'Ana'],
      ['Tier definitions', '', '', ''],
      ['Tier', 'Status', 'Criteria', ''],
      ['Tier 1', 'Community Member', 'Joined Discord', ''],
      ['Tier 2', 'Engaged Learner', 'Finished the first course', ''],
      ['Goal #2: Grow revenue', '', '', ''],
      ['#', 'Outcome', 'Target', 'Owner'],
      [1, 'Paying customers', 200, 'Bo'],
      ['术语表', '', '', ''],
      ['术语', '解释', '', ''],
      ['复购', '再次购买的客户', '', ''],
    ]);
    expect(m.objectives.map((o) => [o.title, o.krs.map((k) => k.title)])).toEqual([
      ['Grow the community', ['Discord members']],
      ['Grow revenue', ['Paying customers']],
    ]);
    const unplaced = (m.reading?.unplaced ?? []).map((u) => u.text);
    expect(unplaced).toEqual(expect.arrayContaining(['Community Member', 'Engaged Learner', '再次购买的客户']));
  });
});
