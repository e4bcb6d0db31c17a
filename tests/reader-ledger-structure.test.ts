/**
 * Structure classes of the known-misreads ledger (issue 10), on constructed sheets in English and Chinese: tables inside
 * outlines (a tracking table whose columns are the KRs, a relation table repeating KRs), bare KR lines under a label,
 * notes numbered by the KRs they comment on, merged cells, several KRs per row, period columns.
 */
import { readModel } from '../core/parse-sheet';
import { matchHeader } from '../core/headers';
import { DEFAULT_SETTINGS } from '../core/settings';
import type { OkrModel } from '../core/model';
import { FIXTURE_TODAY, snapshotOf } from '../fixtures/sheets';

const read = (values: unknown[][]): OkrModel =>
  readModel(snapshotOf('S', values), { settings: DEFAULT_SETTINGS, today: FIXTURE_TODAY });
const W = 5;
const pad = (cells: unknown[]) => [...cells, ...Array(Math.max(0, W - cells.length)).fill('')];
const rows = (...xs: (string | unknown[])[]): unknown[][] => xs.map((x) => pad(Array.isArray(x) ? x : [x]));
const krTitles = (m: OkrModel) => m.objectives.map((o) => o.krs.map((k) => k.title));
const unplacedAt = (m: OkrModel) => (m.reading?.unplaced ?? []).map((u) => `${u.cell.row}:${u.cell.col}`);

describe('a table inside an outline: its rows are notes, every cell listed', () => {
  it('a relation table repeating KRs above: each repeated KR cell listed, with a reason naming the repeat', () => {
    for (const [o, k1, k2, head, tail] of [
      ['Objective: Faster pages', 'KR1: p95 latency < 300ms', 'KR2: Error rate < 1%', ['Team', 'OKR', 'Metric'], 'Ops'],
      ['目标：提升系统稳定性', 'KR1：错误率 < 0.1%', 'KR2：MTTR < 15 分钟', ['团队', 'OKR', '关联指标'], '运维团队'],
    ] as [string, string, string, string[], string][]) {
      const m = read(
        rows(o, '### Key Results:', `- ${k1}`, `- ${k2}`, 'Links:', head, [tail, k1.replace(/^KR1[:：]\s*/, ''), 'x']),
      );
      expect(krTitles(m)).toEqual([[k1, k2].map((k) => k.replace(/^KR\d[:：]\s*/, ''))]);
      expect(unplacedAt(m)).toEqual(expect.arrayContaining(['5:1', '5:2', '6:0', '6:1', '6:2']));
      const repeat = m.reading!.unplaced.find((u) => u.cell.row === 6 && u.cell.col === 1)!;
      expect(repeat.reason.en).toMatch(/repeats the key result/);
      expect(repeat.reason.zh).toMatch(/重复/);
    }
  });

  it('"MTTR < 15 分钟" (the unit after a space) states a target of 15', () => {
    const m = read(rows('目标：提升可靠性', '- KR1：MTTR < 15 分钟', '- KR2: p99 < 200 ms'));
    expect(m.objectives[0].krs.map((k) => k.target)).toEqual([15, 200]);
  });
});

describe('bare KR lines under a Key Results label, a tracking table whose columns are the KRs', () => {
  const tracking = (head: string[], ...data: unknown[][]) => [head, ...data];
  it('lines under the label are the KRs; the table, its caption and the notes numbered by KRs are notes', () => {
    const m = read(
      rows(
        'Objective: Launch the content system',
        'Owner: Maya',
        'Key Results:',
        'Creators can publish under their own profile.',
        'Support 3 content types.',
        'Tracking',
        ...tracking(['Date', 'KR #1', 'KR #2', 'Comments'], ['01.09.19', 0.1, 0.2, 'v0'], ['08.09.19', '', '', '-']),
        'Notes',
        '1. Creators may keep several profiles.',
        '2. & 3.: Types are defined in the runtime.',
        '1. - 2. Both ship in the same release.',
      ),
    );
    expect(krTitles(m)).toEqual([['Creators can publish under their own profile.', 'Support 3 content types.']]);
    expect(m.objectives[0].krs[1].target).toBe(3);
    expect(unplacedAt(m)).toEqual(expect.arrayContaining(['6:1', '7:1', '7:3', '10:0', '11:0', '12:0']));
  });

  it('in Chinese: 关键结果 label, bare lines, a weekly table, 1. / 2、3： notes', () => {
    const m = read(
      rows(
        '目标：提升社区活跃度',
        '关键结果：',
        '新增20位内容创作者',
        '每周发布5篇精选文章',
        '跟踪',
        ['日期', 'KR #1', 'KR #2', '备注'],
        ['9月1日', 0.2, 0.4, '第一周'],
        '说明',
        '1. 创作者需完成实名认证。',
        '1. & 2.: 每周二统计。',
      ),
    );
    expect(krTitles(m)).toEqual([['新增20位内容创作者', '每周发布5篇精选文章']]);
    expect(m.objectives[0].krs.map((k) => k.target)).toEqual([20, 5]);
    expect(unplacedAt(m)).toEqual(expect.arrayContaining(['5:1', '6:2', '8:0', '9:0']));
  });

  it('a bare line after a blank row under the KRs is a note, not a KR', () => {
    const m = read(rows('Objective: Grow', 'Key Results:', 'Reach 500 users.', '', 'These are reviewed monthly.'));
    expect(krTitles(m)).toEqual([['Reach 500 users.']]);
    expect(unplacedAt(m)).toContain('4:0');
  });
});

describe('a milestone verb right before "with" counts what the launch has', () => {
  it('"Launch with 3 content types" states 3; "Launch a programme with 3 tiers" states none', () => {
    const m = read(
      rows('Objective: Ship', '- KR1: Launch with 3 content types', '- KR2: Launch a loyalty programme with 3 tiers'),
    );
    expect(m.objectives[0].krs.map((k) => k.target)).toEqual([3, null]);
  });
});

describe('merged cells: a value spanning rows or columns arrives once, blanks beside or below it', () => {
  it('an objective cell merged down over its KR rows; lines after the table are notes, a group line a heading', () => {
    for (const [head, a, b] of [
      [['Objectives', 'Key results', 'Owner', 'Expected key result score'], 'Faster support', 'Sales team'],
      [['目标', '关键结果', '负责人', '预期关键结果得分'], '提升客服效率', '销售团队'],
    ] as [string[], string, string][]) {
      const m = read(
        rows(
          'Team OKRs',
          'Put each objective in its own row, add owners and the score you expect.',
          head,
          [a, 'Cut first reply from average 20 minutes to 8', 'Ana', 0.7],
          ['', 'Answer 95% of tickets within a day', '', 0.5],
          [b],
          [`${b} O`, 'Sign 8 new resellers', 'Li', 1],
          '',
          '',
          'Remember',
          'Link to the OKR writing guideline',
        ),
      );
      expect(m.objectives.map((o) => o.title)).toEqual([a, `${b} O`]);
      expect(krTitles(m)[0]).toHaveLength(2);
      const kr = m.objectives[0].krs[0];
      expect([kr.start, kr.target, kr.score]).toEqual([20, 8, 0.7]);
      expect(m.reading!.columns[3].field).toBe('score');
      expect(unplacedAt(m)).toEqual(expect.arrayContaining(['1:0', '9:0', '10:0']));
      expect(unplacedAt(m)).not.toContain('5:0');
    }
  });

  it('a header merged across its sub-headers (Progress over Start | Target | Current; 进度 over 起始值 | 目标值 | 当前值)', () => {
    for (const [up, low] of [
      [
        ['Objective', 'Key Result', 'Progress', '', ''],
        ['', '', 'Start', 'Target', 'Current'],
      ],
      [
        ['目标', '关键结果', '进度', '', ''],
        ['', '', '起始值', '目标值', '当前值'],
      ],
    ]) {
      const m = read(rows(up, low, ['Grow', 'Reach 500 users', 100, 500, 320], ['', 'Ship 3 guides', 0, 3, 1]));
      expect(m.objectives.map((o) => o.krs.map((k) => [k.start, k.target, k.current]))).toEqual([
        [
          [100, 500, 320],
          [0, 3, 1],
        ],
      ]);
    }
  });

  it('a KR cell merged down over its initiative rows: the initiatives stay under that KR', () => {
    const m = read(
      rows(
        ['目标', '关键结果', '举措'],
        ['提升留存', '次月留存率达到40%', '上线会员体系'],
        ['', '', '每周推送精选内容'],
        ['', '复购率达到25%', '优惠券活动'],
      ),
    );
    expect(m.objectives[0].krs.map((k) => k.initiatives.map((i) => i.title))).toEqual([
      ['上线会员体系', '每周推送精选内容'],
      ['优惠券活动'],
    ]);
  });
});

describe("a header's last word names its field over a title word before it", () => {
  it('Expected key result score, Key result weight, 关键结果得分, 目标权重; Goal Type stays no commitment', () => {
    expect(
      ['Expected key result score', 'Key result weight', '关键结果得分', '目标权重', 'Goal Type', 'Key Result'].map(
        (h) => matchHeader(h),
      ),
    ).toEqual(['score', 'weight', 'score', 'weight', 'objective', 'kr']);
  });
});

describe('period columns: M0..M3, W1..W13, 1月..3月 (snapshots of the KR value)', () => {
  const values = (m: OkrModel) =>
    m.objectives.flatMap((o) => o.krs.map((k) => [k.startGiven ? k.start : null, k.target, k.current]));

  it('M0 is the start, the latest filled month the current value, beside a Target column', () => {
    const m = read(
      rows(
        ['Objective', 'Key Result', 'Target', 'M0', 'M1', 'M2', 'M3'],
        ['Grow', 'Weekly active teams', 500, 120, 180, 260, ''],
        ['', 'Paying accounts', 80, 10, 25, '', ''],
      ),
    );
    expect(values(m)).toEqual([
      [120, 500, 260],
      [10, 80, 25],
    ]);
    expect(m.reading!.columns.map((c) => c.field)).toEqual(['objective', 'kr', 'target', 'start', null, null, null]);
    expect(m.reading!.columns[5].reason.en).toMatch(/latest filled/);
    expect(m.reading!.columns[5].reason.zh).toMatch(/当前值/);
  });

  it('week columns W1..W4 and Chinese month columns 1月..3月: the latest number is current, no start stated', () => {
    const weeks = read(
      rows(['Objective', 'KR', 'Goal', 'W1', 'W2', 'W3', 'W4'], ['Ship', 'Bugs closed', 40, 5, 12, 20, '']),
    );
    expect(values(weeks)).toEqual([[null, 40, 20]]);
    const months = read(
      rows(['目标', '关键结果', '目标值', '1月', '2月', '3月'], ['增长', '新增付费用户', 300, 80, 150, '/30']),
    );
    expect(values(months)).toEqual([[null, 300, 150]]);
  });

  it('two periods far apart (M0 | M3) are the plan: the start and the target; a tally "/30" is no value', () => {
    const m = read(rows(['KR', 'Métrica', 'M0', 'M3'], ['KR1.1', 'Test coverage', 0.45, 0.8]));
    expect(values(m)).toEqual([[0.45, 0.8, null]]);
    expect(m.problems).toEqual([]);
  });

  it('quarter columns beside an annual target still pace it (no current)', () => {
    const m = read(rows(['Outcome', 'Annual', 'Q1', 'Q2', 'Q3', 'Q4'], ['Clients signed', 10, 4, 6, '', '']));
    expect(values(m)).toEqual([[null, 10, null]]);
  });
});

describe('mixed units of time are compared in seconds', () => {
  it('cells: 3 semanas -> 5 días, 4 hrs -> 30 min, 2小时 -> 30分钟 (current in the target unit)', () => {
    const m = read(
      rows(
        ['KR', 'Start', 'Target', 'Current'],
        ['Cycle time', '3 semanas', '5 días', '2 semanas'],
        ['MTTR', '4 hrs', '30 min', ''],
        ['响应时长', '2小时', '30分钟', ''],
        ['Deploys', '1/semana', '5/día', ''],
      ),
    );
    expect(m.objectives.flatMap((o) => o.krs.map((k) => [k.start, k.target]))).toEqual([
      [1814400, 432000],
      [14400, 1800],
      [7200, 1800],
      [1, 5],
    ]);
    expect(m.objectives[0].krs[0].current).toBe(1209600);
  });

  it('wording: "4hrs → 30min", "from 3 weeks to 5 days", "从2小时缩短到30分钟"; one unit stays as written', () => {
    const m = read(
      rows(
        'Objective: Reliable',
        '- KR1: MTTR 4hrs → 30min (SRE Lead)',
        '- KR2: Cut lead time from 3 weeks to 5 days',
        '- KR3: 响应时间从2小时缩短到30分钟',
        '- KR4: p95 from 800ms to 300ms',
      ),
    );
    expect(m.objectives[0].krs.map((k) => [k.start, k.target])).toEqual([
      [14400, 1800],
      [1814400, 432000],
      [7200, 1800],
      [800, 300],
    ]);
  });
});

describe('an initiatives label between tables lists the objective initiatives', () => {
  it('English and Chinese: the lines under it are initiatives until the next label', () => {
    for (const [label, item, other] of [
      ['Initiatives (What):', 'Automate the release pipeline - Owner: Ana', 'Dependencies:'],
      ['举措：', '搭建自动化发布流水线', '依赖：'],
    ]) {
      const m = read(
        rows(
          'Objective 1: Ship faster',
          ['KR', 'Metric', 'Start', 'Target'],
          ['KR1.1', 'Deploy frequency', 1, 5],
          label,
          item,
          item + ' 2',
          other,
          'Blocked by the API team',
        ),
      );
      expect(m.objectives[0].initiatives?.map((i) => i.title)).toEqual([item, item + ' 2']);
      expect(unplacedAt(m)).toEqual(expect.arrayContaining(['6:0', '7:0']));
    }
  });
});

describe('several KRs per row in repeated column groups (KR1 / KR1 target / KR2 / ...)', () => {
  const read3 = (m: OkrModel) =>
    m.objectives.map((o) => [o.title, o.krs.map((k) => [k.title, k.target, k.current, k.due])]);

  it('English groups with target and current; the row shares its due date', () => {
    const m = read(
      rows(
        ['Objective', 'Due', 'KR1', 'KR1 target', 'KR1 current', 'KR2', 'KR2 target', 'KR2 current'],
        ['Grow revenue', '2026-06-30', 'New customers', 40, 12, 'Upsell deals', 10, 3],
        ['Delight users', '2026-06-30', 'Ship dark mode', '', '', '', '', ''],
      ),
    );
    expect(read3(m)).toEqual([
      [
        'Grow revenue',
        [
          ['New customers', 40, 12, '2026-06-30'],
          ['Upsell deals', 10, 3, '2026-06-30'],
        ],
      ],
      ['Delight users', [['Ship dark mode', null, null, '2026-06-30']]],
    ]);
    expect(m.reading!.columns.map((c) => c.field)).toEqual([
      'objective',
      'due',
      'kr',
      'target',
      'current',
      'kr',
      'target',
      'current',
    ]);
    expect(m.reading!.columns[5].reason.en).toMatch(/KR 2/);
    expect(m.reading!.columns[5].reason.zh).toMatch(/第 2 个关键结果/);
  });

  it('Chinese groups (关键结果1 / 关键结果1目标值 / 关键结果2 ...)', () => {
    const m = read(
      rows(
        ['目标', '关键结果1', '关键结果1目标值', '关键结果2', '关键结果2目标值'],
        ['提升复购', '会员数', 5000, '复购率', '30%'],
        ['降低成本', '物流成本下降到每单8元', '', '', ''],
      ),
    );
    expect(read3(m)).toEqual([
      [
        '提升复购',
        [
          ['会员数', 5000, null, null],
          ['复购率', 0.3, null, null],
        ],
      ],
      ['降低成本', [['物流成本下降到每单8元', 8, null, null]]],
    ]);
  });

  it('an import file (name, email, key_result_N_title / key_result_N_completion): completion is no current value', () => {
    const m = read(
      rows(
        [
          'email',
          'name',
          'due_at',
          'key_result_1_title',
          'key_result_1_completion',
          'key_result_2_title',
          'key_result_2_completion',
        ],
        ['sam@example.com', 'Own the funnel', '2026-06-30', 'Run 6 usability sessions', 0.5, 'Ship autocomplete', 0.8],
      ),
    );
    expect(read3(m)).toEqual([
      [
        'Own the funnel',
        [
          ['Run 6 usability sessions', 6, null, '2026-06-30'],
          ['Ship autocomplete', null, null, '2026-06-30'],
        ],
      ],
    ]);
    expect(m.objectives[0].krs.map((k) => k.owner)).toEqual(['sam@example.com', 'sam@example.com']);
  });
});

describe('under objective headings, a bullet with sub-bullets is a KR with its parts', () => {
  it('English: one section has a flat list, so the headings are objectives and every bullet a KR', () => {
    const m = read(
      rows(
        '# OKRs',
        '### Build the team',
        '- hire 2 developers',
        '    - 1 full stack, experienced',
        '    - 1 generalist',
        '- write the handbook',
        '### Be profitable',
        '        - make 15,000 per month',
        '        -reach problem solution fit',
      ),
    );
    expect(m.objectives.map((o) => o.title)).toEqual(['Build the team', 'Be profitable']);
    expect(krTitles(m)).toEqual([
      ['hire 2 developers', 'write the handbook'],
      ['make 15,000 per month', 'reach problem solution fit'],
    ]);
    expect(m.objectives[0].krs[0].initiatives.map((i) => i.title)).toEqual([
      '1 full stack, experienced',
      '1 generalist',
    ]);
  });

  it('Chinese: the same under ### 目标 headings', () => {
    const m = read(
      rows(
        '### 提升交付质量',
        '- 缺陷率降低到1%',
        '- 完成自动化测试覆盖',
        '  - 单元测试',
        '  - 接口测试',
        '### 扩大用户规模',
        '- 新增注册用户5000人',
      ),
    );
    expect(krTitles(m)).toEqual([['缺陷率降低到1%', '完成自动化测试覆盖'], ['新增注册用户5000人']]);
    expect(m.objectives[0].krs[1].initiatives.map((i) => i.title)).toEqual(['单元测试', '接口测试']);
  });

  it('when every section nests its bullets, the headings are sections and the parent bullets objectives', () => {
    const m = read(
      rows('## Team A', '- Grow revenue', '  - Reach 500 customers', '- Delight users', '  - NPS above 50'),
    );
    const byTitle = new Map(m.objectives.map((o) => [o.title, o.krs.map((k) => k.title)]));
    expect([byTitle.get('Grow revenue'), byTitle.get('Delight users')]).toEqual([
      ['Reach 500 customers'],
      ['NPS above 50'],
    ]);
  });
});

describe('a line followed by a numbered list starting at 1 is the objective of those KRs (no labels anywhere)', () => {
  it('Chinese 1、 lists under plain lines and a bullet, blank rows between blocks', () => {
    const m = read(
      rows(
        '- 提升模型交付质量',
        '1、关键特性全部支持',
        '2、按时交付POC需求',
        '',
        '提高团队效率',
        '1、申报3个改进议题',
        '2、构建知识库',
      ),
    );
    expect(m.objectives.map((o) => o.title)).toEqual(['提升模型交付质量', '提高团队效率']);
    expect(krTitles(m)).toEqual([
      ['关键特性全部支持', '按时交付POC需求'],
      ['申报3个改进议题', '构建知识库'],
    ]);
  });

  it('English 1. lists under plain lines; a label line ending in a colon opens no objective', () => {
    const m = read(
      rows('Grow the community', '1. Reach 500 members', '2. Host 4 meetups', 'Notes:', '1. Meetups are online'),
    );
    expect(m.objectives.map((o) => o.title)).toEqual(['Grow the community']);
    expect(krTitles(m)[0]).toContain('Reach 500 members');
    expect(m.objectives[0].krs[0].target).toBe(500);
  });
});

describe('categories grouping the KRs under a Key Results label are headings, their items the KRs', () => {
  it('English checkbox KRs under "- Features" / "- Adoption"', () => {
    const m = read(
      rows(
        '## Objective',
        'Ship a delightful editor.',
        '## Key Results',
        '- Features',
        '  - [ ] Editor is private',
        '  - [ ] Editor supports snapshots',
        '- Adoption',
        '  - [ ] 100 daily active users',
      ),
    );
    expect(krTitles(m)).toEqual([['Editor is private', 'Editor supports snapshots', '100 daily active users']]);
    expect(m.objectives[0].krs[2].target).toBe(100);
    expect(m.reading!.rows.filter((r) => r.row === 3 || r.row === 6).map((r) => r.role)).toEqual(['title', 'title']);
  });

  it('Chinese: 关键结果 label, - 销售体系 / - 客户成功 groups', () => {
    const m = read(
      rows(
        '目标：打开华东市场',
        '关键结果：',
        '- 销售体系',
        '  - 新签客户20家',
        '  - 建立渠道3个',
        '- 客户成功',
        '  - 续约率达到90%',
      ),
    );
    expect(krTitles(m)).toEqual([['新签客户20家', '建立渠道3个', '续约率达到90%']]);
  });
});

describe('rows of several cells above the table are listed, not titles', () => {
  it('a table of contents (English) and a key/value block (Chinese) above the header', () => {
    for (const [title, toc, head] of [
      ['Company OKRs', ['Contents', 'O1: Safety', 'O2: Growth'], ['Objective', 'Key Result', 'Target']],
      ['公司OKR', ['团队', '平台组', '负责人：王芳'], ['目标', '关键结果', '目标值']],
    ] as [string, string[], string[]][]) {
      const m = read(rows(title, toc, '', title + ' 2026', head, ['Grow', 'Reach 500 users', 500]));
      expect(m.objectives.map((o) => o.krs.length)).toEqual([1]);
      expect(unplacedAt(m)).toEqual(expect.arrayContaining(['1:0', '1:1', '1:2']));
      expect(m.title).toBe(title);
    }
  });
});

describe('a line with one value beside it stays a line of the outline', () => {
  it('a bare KR line with its progress in the next cell is still a KR', () => {
    const m = read(rows('Objective: Grow', 'Key Results:', ['Reach 500 users', '320'], ['Launch 3 guides', '1']));
    expect(krTitles(m)).toEqual([['Reach 500 users', 'Launch 3 guides']]);
  });
});

describe('an objective label line above the KR table: the line under it is the objective', () => {
  it('Objective（目标） in English and 目标： in Chinese', () => {
    for (const [label, text, head] of [
      ['Objective（目标）', 'Build a complete damage model.', ['KR', 'Description', 'Weight']],
      ['目标：', '构建完整的伤害计算模型', ['KR', '描述', '权重']],
    ] as [string, string, string[]][]) {
      const m = read(
        rows('Research plan', label, text, head, ['KR1', 'Formula system done', 0.5], ['KR2', 'Two class models', 0.5]),
      );
      expect(m.objectives.map((o) => [o.title, o.krs.length])).toEqual([[text, 2]]);
    }
  });
});
