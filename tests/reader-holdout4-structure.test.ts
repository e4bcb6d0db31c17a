/**
 * Structure classes of hold-out set 4 (issue 10), on constructed sheets in English and Chinese: code fences in a pasted
 * document, placeholder items with no text, a cycle heading over a title naming another period, progress ranges typed
 * after a KR.
 */
import { readModel } from '../core/parse-sheet';
import { scoreLevels } from '../core/layout';
import { DEFAULT_SETTINGS } from '../core/settings';
import type { OkrModel } from '../core/model';
import { FIXTURE_TODAY, snapshotOf } from '../fixtures/sheets';

const read = (values: unknown[][]): OkrModel =>
  readModel(snapshotOf('S', values), { settings: DEFAULT_SETTINGS, today: FIXTURE_TODAY });
const rows = (...xs: (string | unknown[])[]): unknown[][] => xs.map((x) => (Array.isArray(x) ? x : [x]));
const titles = (m: OkrModel) => m.objectives.map((o) => [o.title, o.krs.map((k) => k.title)]);
const unplaced = (m: OkrModel) => (m.reading?.unplaced ?? []).map((u) => u.cell.row);
const reasonAt = (m: OkrModel, row: number) => m.reading!.unplaced.find((u) => u.cell.row === row)?.reason;

describe('a code fence is markup, never the underline of the line above it', () => {
  it.each([
    ['Rule: ask whether this KR really measures its objective before you write it down.'],
    ['当你每制定出一条 KR 时，就要问自己一个问题：这条 KR 能支撑它的 O 吗？'],
  ])('the sentence before a closing ``` stays a note, listed: %s', (sentence) => {
    const m = read(rows('# Guide', '```', 'Numbers first', sentence, '```', 'O1: Ship it', 'KR1: 3 releases'));
    expect(titles(m)).toEqual([['Ship it', ['3 releases']]]);
    expect(unplaced(m)).toEqual(expect.arrayContaining([2, 3]));
    expect(unplaced(m)).not.toContain(1);
    expect(unplaced(m)).not.toContain(4);
  });

  it('a fence naming its language (```yaml) is markup too; `====` still underlines a heading', () => {
    const m = read(rows('Plan', '====', '```yaml', 'O1: Grow', 'KR1: 100 users', '```'));
    expect(titles(m)).toEqual([['Grow', ['100 users']]]);
    expect(unplaced(m)).toEqual([]);
    expect(m.title).toBe('Plan');
  });
});

describe('a placeholder item (a priority or owner label and no text) is no KR, and is listed', () => {
  it.each([
    ['- `PX` - ', '- `P1` - '],
    ['- [P0] -', '- `P2` -'],
    ['* `PX` — ', '* (P1) - '],
  ])('%s / %s under a bold objective: the objective keeps no KR', (a, b) => {
    const m = read(rows('**Make the tool loved**', a, b, '', '**Ship v2**', '- `P0` - Release v2 to 100 users'));
    expect(titles(m)).toEqual([
      ['Make the tool loved', []],
      ['Ship v2', ['Release v2 to 100 users']],
    ]);
    expect(unplaced(m)).toEqual(expect.arrayContaining([1, 2]));
    expect(reasonAt(m, 1)!.en).toMatch(/placeholder/);
    expect(reasonAt(m, 1)!.zh).toMatch(/占位/);
  });

  it('a label with text after it is still a KR (`` `PX` @ana - Write the guide ``)', () => {
    const m = read(rows('**Docs**', '- `PX` @ana - Write the guide', '- `P1` - 完成 3 篇文档'));
    expect(titles(m)).toEqual([['Docs', ['Write the guide', '完成 3 篇文档']]]);
  });
});

describe('a cycle heading governs the objectives under it; a quarter without a year in a title does not', () => {
  const cycleOf = (m: OkrModel) => m.objectives.map((o) => o.cycle?.id ?? null);
  it.each([
    ['## 2018 Q4', '**Finish what is left from Q3**', '2018-Q4'],
    ['## 2018 Q4', '- O1: Close the gaps left in Q3', '2018-Q4'],
    ['### 2019年Q1', '**完成Q4遗留的工作**', '2019-Q1'],
  ])('%s over %s: %s', (heading, objective, id) => {
    const m = read(rows(heading, objective, '- Ship 2 releases', '- Close 10 issues'));
    expect(cycleOf(m)).toEqual([id]);
  });

  it("a cycle the title names in full (`(Q2 2024)` under `## 2024`) is the objective's own", () => {
    const m = read(rows('## 2024', '**Grow (Q2 2024)**', '- 100 users', '**Keep (H2 2024)**', '- 5 teams'));
    expect(cycleOf(m)).toEqual(['2024-Q2', '2024-H2']);
  });
});

describe('a progress range typed after a KR states no number', () => {
  it.each([
    ['KR1: Document the config APIs     Q1     0%-30%'],
    ['KR1：完成配置中心接口开发 Q2 0%-0%'],
    ['KR1: Finish the SDK  Q2  10% ~ 40%'],
  ])('%s: no target, start or current', (kr) => {
    const k = read(rows('O1: Ship the config centre', kr)).objectives[0].krs[0];
    expect(k.target).toBeNull();
    expect(k.current).toBeNull();
    expect(k.startGiven).toBe(false);
  });

  it('a count in the same KR still states its target (`有1+系统接入 Q2 0%-0%` -> 1; `reach 40% Q2 0%-30%` -> 0.4)', () => {
    const m = read(
      rows('O1: 推广', 'KR1：完成推广，并且有1+系统接入  Q2 0%-0%', 'KR2: Reach 40% adoption  Q2  0%-30%'),
    );
    expect(m.objectives[0].krs.map((k) => k.target)).toEqual([1, 0.4]);
  });
});

describe('an outline with no labels at all: plain objective lines, bare KR bullets, cycle headings', () => {
  const cycles = (m: OkrModel) => m.objectives.map((o) => o.cycle?.id ?? null);
  it('English: each plain line over bullets is an objective; a lone line under a cycle heading is one with no KR', () => {
    const m = read(
      rows(
        '# Objectives and Key Results',
        '_Objectives: Qualitative, inspiring statement',
        '### Q1 2020',
        'Ship the beta',
        '- 3 teams onboard',
        '- 100 users',
        '',
        'Grow the stream!',
        '- 12 streams',
        '### Q2 2020',
        'Hold a game jam (or help run one)',
        '',
        '## Yearly',
        '### 2020',
        'Publish a whitepaper',
      ),
    );
    expect(titles(m)).toEqual([
      ['Ship the beta', ['3 teams onboard', '100 users']],
      ['Grow the stream!', ['12 streams']],
      ['Hold a game jam (or help run one)', []],
      ['Publish a whitepaper', []],
    ]);
    expect(cycles(m)).toEqual(['2020-Q1', '2020-Q1', '2020-Q2', '2020']);
    expect(m.objectives[0].krs.map((k) => k.target)).toEqual([3, 100]);
    expect(unplaced(m)).toContain(1);
  });

  it('Chinese: 提升交付效率 over its bullets, 建设团队 over its own', () => {
    const m = read(
      rows('### 2024年Q1', '提升交付效率', '- 发布3个版本', '- 线上事故不超过2次', '', '建设团队', '- 招聘2名工程师'),
    );
    expect(titles(m)).toEqual([
      ['提升交付效率', ['发布3个版本', '线上事故不超过2次']],
      ['建设团队', ['招聘2名工程师']],
    ]);
    expect(cycles(m)).toEqual(['2024-Q1', '2024-Q1']);
  });

  it('without a plain line over bullets, lone lines under a cycle heading stay notes (a page pointing elsewhere)', () => {
    const m = read(
      rows('## 2018 Q4', '**Ship v2**', '- 100 users', '', '## 2018 Q3', 'See the Q3 sheet for those OKRs', ''),
    );
    expect(titles(m)).toEqual([['Ship v2', ['100 users']]]);
    expect(unplaced(m)).toContain(5);
  });

  it('a sentence over bullets is a note, not an objective', () => {
    const m = read(
      rows(
        'Build a community',
        '- 10 regulars',
        '',
        'We list below the things we tried this year and gave up.',
        '- a forum',
      ),
    );
    expect(titles(m)).toEqual([['Build a community', ['10 regulars']]]);
  });
});

describe('a table of other measures after the KR table (a KPI dashboard) holds no KRs', () => {
  const line = (text: string) => [text, '', '', '', ''];
  const kpiReason = (m: OkrModel, row: number) =>
    m.reading!.unplaced.find((u) => u.cell.row === row && u.cell.col === 0)?.reason;
  it.each([
    [
      [
        'Objective 1: Ship fast',
        'Key Result',
        'Target',
        'Current',
        'Blockers:',
        'A payment bug (@john)',
        'KPI Dashboard',
      ],
      ['KPI', 'Target', 'Current', 'Trend', 'Status'],
    ],
    [
      ['目标1：提升交付质量', '关键结果', '目标值', '当前值', '风险：', '支付服务有严重缺陷', '指标看板'],
      ['指标', '目标值', '当前值', '趋势', '状态'],
    ],
  ])('%j: two KRs; the note under the label and the KPI rows listed with a reason', (words, kpiHead) => {
    const [objective, kr, target, current, label, note, caption] = words;
    const m = read([
      line(objective),
      [kr, target, current, 'Status', ''],
      ['Cut deploy time to 10 min', 10, 15, '🟡', ''],
      ['90% test coverage', 0.9, 0.85, '🟢', ''],
      line(label),
      line(note),
      line(caption),
      kpiHead,
      ['Monthly Active Users', '50K', '42K', '↗️ +15%', '🟡'],
      ['Customer Churn', '<5%', 0.062, '↘️', '🔴'],
    ]);
    expect(titles(m)).toEqual([
      [objective.replace(/^(?:Objective 1: |目标1：)/, ''), ['Cut deploy time to 10 min', '90% test coverage']],
    ]);
    expect(unplaced(m)).toEqual(expect.arrayContaining([5, 8, 9]));
    expect(kpiReason(m, 8)!.en).toMatch(/other measures/);
    expect(kpiReason(m, 8)!.zh).toMatch(/指标表/);
  });

  it('a second KR table under its own objective line is read, its header repeated', () => {
    const m = read([
      line('Objective 1: Ship fast'),
      ['Key Result', 'Target', 'Current', '', ''],
      ['Cut deploy time to 10 min', 10, 15, '', ''],
      line('Objective 2: Grow'),
      ['Key Result', 'Target', 'Current', '', ''],
      ['Reach 500 users', 500, 120, '', ''],
    ]);
    expect(titles(m)).toEqual([
      ['Ship fast', ['Cut deploy time to 10 min']],
      ['Grow', ['Reach 500 users']],
    ]);
  });
});

describe('an objective and its KR packed in one cell as `Label: value;` fields', () => {
  it.each([
    [
      ['student_id', 'okr_description'],
      ['S001', 'Goal: Master Python; Target: Complete 3 projects on Kaggle'],
      ['S002', 'Goal: Speak in public; Target: Give 2 talks'],
    ],
    [
      ['编号', '内容'],
      ['A1', '目标：提升用户留存；关键结果：次日留存达到40%'],
      ['A2', '目标：完善文档；关键结果：完成 5 篇教程'],
    ],
    [
      ['id', 'okr'],
      ['1', 'Objective: Grow the community\nKey Result: Reach 500 members'],
      ['2', 'Objective: Ship v2\nKey Result: Write 2 case studies'],
    ],
  ])("%j: the header found, each row an objective with its KR and the KR's number", (head, ...data) => {
    const m = read([head, ...data]);
    expect(m.reading!.headerRow).toBe(0);
    expect(m.objectives.map((o) => o.krs.length)).toEqual([1, 1]);
    const numbers = m.objectives.map((o) => o.krs[0].target);
    const expected: Record<string, (number | null)[]> = { S001: [3, 2], A1: [0.4, 5], '1': [500, 2] };
    expect(numbers).toEqual(expected[String(data[0][0])]);
    expect(titles(m)[0][0]).toMatch(/^(?:Master Python|提升用户留存|Grow the community)$/);
  });

  it('a Target field holding only a number packs no KR: the cell is no packed OKR', () => {
    const m = read([
      ['id', 'description'],
      ['1', 'Goal: Grow; Target: 500'],
      ['2', 'Goal: Keep; Target: 20'],
    ]);
    expect(m.objectives.flatMap((o) => o.krs.map((k) => k.title))).not.toContain('500');
  });
});

describe('a score rubric: one column per score level, areas over its repeated tables', () => {
  const columnOf = (m: OkrModel) => m.reading!.columns.map((c) => c.field);
  it('Chinese, levels as numbers: the areas are the objectives, the 1.0 column the target', () => {
    const head = ['项目', 1, 0.7, 0.3];
    const m = read([
      ['年度目标'],
      ['健康'],
      head,
      ['跑步', '跑完全马', '半马', '10公里'],
      ['体重', '65公斤', '70公斤', '75公斤'],
      ['学习'],
      head,
      ['英语', '雅思7分', '6分', '5分'],
    ]);
    expect(titles(m)).toEqual([
      ['健康', ['跑步', '体重']],
      ['学习', ['英语']],
    ]);
    expect(columnOf(m)).toEqual(['kr', 'target', null, null]);
    expect(m.objectives[0].krs.map((k) => [k.target, k.current, k.startGiven])).toEqual([
      [null, null, false],
      [65, null, false],
    ]);
    const step = m.reading!.columns[2].reason;
    expect([step.en, step.zh]).toEqual([expect.stringMatching(/grading step/), expect.stringMatching(/评分/)]);
  });

  it('English, levels as text (`Item | 100% | 70% | 30%`): the 100% column is the target', () => {
    const m = read([
      ['Growth'],
      ['Item', '100%', '70%', '30%'],
      ['Newsletter', '5000 subscribers', '3000 subscribers', '1000 subscribers'],
      ['Talks', '4 talks', '2 talks', '1 talk'],
      ['Craft'],
      ['Item', '100%', '70%', '30%'],
      ['Open source', '10 merged PRs', '5 merged PRs', '1 merged PR'],
    ]);
    expect(titles(m)).toEqual([
      ['Growth', ['Newsletter', 'Talks']],
      ['Craft', ['Open source']],
    ]);
    expect(m.objectives.flatMap((o) => o.krs.map((k) => k.target))).toEqual([5000, 4, 10]);
  });

  it('a Chinese numeral before 块 counts (`八块腹肌` -> 8), like 本 and 个', () => {
    expect(read(rows('O1：健身', 'KR1：练出八块腹肌')).objectives[0].krs[0].target).toBe(8);
  });

  it.each([
    [['条目', 1, 0.7, 0.5, 0.3], { title: 0, full: 1, levels: [1, 2, 3, 4], end: 5 }],
    [['', 'Item', '0.3', '0.7', '1.0'], { title: 1, full: 4, levels: [2, 3, 4], end: 5 }],
    // Headers after a whole rubric are other columns' (an owner, the columns a Convert added).
    [['条目', 1, 0.7, 0.5, 0.3, 'OKR ID', 'OKR Score'], { title: 0, full: 1, levels: [1, 2, 3, 4], end: 5 }],
    [['KR', 0.5, 0.7, 'Owner'], null],
    [['Metric', 2024, 2025, 2026], null],
    [['KR', 0.5, 0.7], null],
    [['KR', 0.3, 0.5, 0.7], null],
    [['Score', 1, 1, 0.5], null],
  ])('scoreLevels(%j)', (row, expected) => {
    expect(scoreLevels(row)).toEqual(expected);
  });
});
