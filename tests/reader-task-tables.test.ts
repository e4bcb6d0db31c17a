/**
 * Initiatives as people write them (issue 10): task tables beside or under a KR table (`# | 任务 | 类型 | 状态`,
 * `Task | Owner | Due | Status`, `KR | Action | Owner`), action-item lists under a KR heading (`- [ ] ...`) with its
 * measure line, action-item sections (`# アクション項目`, `## Action items`), a stage line (`阶段目标：`). Constructed
 * sheets in English, Chinese and Japanese; the expectations are how a person reads them.
 */
import { readModel } from '../core/parse-sheet';
import { DEFAULT_SETTINGS } from '../core/settings';
import type { OkrModel } from '../core/model';
import { FIXTURE_TODAY, snapshotOf, workbookOf } from '../fixtures/sheets';
import { bookFromSnapshot, canonicalSheet, workbookSnapshot } from './simulate';
import { sheetOf, step } from './sim-steps';

const read = (values: unknown[][]): OkrModel =>
  readModel(snapshotOf('S', values), { settings: DEFAULT_SETTINGS, today: FIXTURE_TODAY });
const W = 5;
const pad = (cells: unknown[]) => [...cells, ...Array(Math.max(0, W - cells.length)).fill('')];
const rows = (...xs: (string | unknown[])[]): unknown[][] => xs.map((x) => pad(Array.isArray(x) ? x : [x]));
const lines = (text: string): unknown[][] => text.split('\n').map((l) => [l]);
const krTitles = (m: OkrModel) => m.objectives.map((o) => o.krs.map((k) => k.title));
const objectiveWork = (m: OkrModel) => m.objectives.map((o) => (o.initiatives ?? []).map((i) => i.title));
const krWork = (m: OkrModel) => m.objectives.map((o) => o.krs.map((k) => k.initiatives.map((i) => i.title)));
const unplacedAt = (m: OkrModel) => (m.reading?.unplaced ?? []).map((u) => `${u.cell.row}:${u.cell.col}`);
const roleOf = (m: OkrModel, row: number) => m.reading?.rows.find((r) => r.row === row)?.role;

describe('task tables under a KR table are the work of the objective, not KRs', () => {
  it('Chinese: 目标 label, KR | 描述 | 权重 table, a stage line, then two # | 任务 | 类型 | 状态 tables', () => {
    const m = read(
      rows(
        '研究计划',
        '🎯 Objective（目标）',
        '建立完整的伤害计算模型',
        ['KR', '描述', '权重'],
        ['KR1', '完成公式体系', 0.4],
        ['KR2', '完成职业模型', 0.6],
        '📋 任务规划',
        '阶段目标：完成两个职业的模型',
        ['#', '任务', '类型', '状态'],
        [1, '暴走技能分析', '深化', '✅'],
        [2, '出血机制验证', '深化', ''],
        '阶段目标：完成加成系统研究',
        ['#', '任务', '类型', '状态'],
        [3, '宝石加成研究', '加成', '🔜'],
        '📈 进度追踪',
        ['阶段', '任务范围', '目标', '完成'],
        ['阶段1', '1-2', '基础框架', '✅'],
      ),
    );
    expect(m.objectives.map((o) => o.title)).toEqual(['建立完整的伤害计算模型']);
    expect(krTitles(m)).toEqual([['完成公式体系', '完成职业模型']]);
    expect(objectiveWork(m)).toEqual([['暴走技能分析', '出血机制验证', '宝石加成研究']]);
    expect(krWork(m)).toEqual([[[], []]]);
    // The stage lines are notes; a task's type and state stay beside it in the sheet, listed; its number is structure.
    expect(unplacedAt(m)).toEqual(expect.arrayContaining(['7:0', '11:0', '9:2', '9:3', '10:2', '13:2', '13:3']));
    expect(unplacedAt(m)).not.toContain('9:0');
    // The progress table after them is a note (its 目标 column names a phase goal, no objective).
    expect(unplacedAt(m)).toEqual(expect.arrayContaining(['16:0', '16:2']));
    expect([8, 12].map((r) => roleOf(m, r))).toEqual(['header', 'header']);
    const cell = m.reading!.unplaced.find((u) => u.cell.row === 9 && u.cell.col === 3)!;
    expect(cell.reason.en).toMatch(/task/);
    expect(cell.reason.zh).toMatch(/任务/);
  });

  it('English: a Task | Owner | Due | Status table after a blank row; Deliverables | Owner after a caption', () => {
    const m = read(
      rows(
        ['Objective', 'Key Result', 'Target', 'Current'],
        ['Grow the community', 'Reach 5,000 members', 5000, 3200],
        ['', 'Host 12 meetups', 12, 4],
        [],
        ['Task', 'Owner', 'Due', 'Status'],
        ['Launch the forum', 'Ana', '2026-03-01', 'Done'],
        ['Write the meetup kit', 'Bo', '', 'Open'],
        'Deliverables',
        ['Deliverables', 'Owner'],
        ['Community playbook', 'Ana'],
      ),
    );
    expect(krTitles(m)).toEqual([['Reach 5,000 members', 'Host 12 meetups']]);
    expect(m.objectives[0].krs.map((k) => k.target)).toEqual([5000, 12]);
    expect(objectiveWork(m)).toEqual([['Launch the forum', 'Write the meetup kit', 'Community playbook']]);
    expect(krWork(m)).toEqual([[[], []]]);
    expect(unplacedAt(m)).toEqual(expect.arrayContaining(['5:1', '5:2', '5:3', '6:1', '6:3', '9:1']));
  });

  it('a KR | Action | Owner table: each action goes to the KR its KR cell names (label or title)', () => {
    const m = read(
      rows(
        'Objective: Faster releases',
        ['Key Result', 'Target'],
        ['Cut lead time to 2 days', 2],
        ['Ship 10 releases', 10],
        'Actions',
        ['KR', 'Action', 'Owner'],
        ['KR2', 'Automate the changelog', 'Ana'],
        ['Cut lead time to 2 days', 'Parallel CI jobs', 'Bo'],
        ['KR9', 'Retire the old runner', 'Cy'],
      ),
    );
    expect(krTitles(m)).toEqual([['Cut lead time to 2 days', 'Ship 10 releases']]);
    expect(krWork(m)).toEqual([[['Parallel CI jobs'], ['Automate the changelog']]]);
    // `KR9` names no KR read: its action is the objective's, the cell listed with that reason.
    expect(objectiveWork(m)).toEqual([['Retire the old runner']]);
    const ref = m.reading!.unplaced.find((u) => u.cell.row === 8 && u.cell.col === 0)!;
    expect(ref.reason.en).toMatch(/names no key result/);
    expect(unplacedAt(m)).not.toContain('6:0');
  });

  it('a task table right under a KR line between tables is the work of that KR', () => {
    const m = read(
      rows(
        '目标：提升交付效率',
        ['关键结果', '目标值'],
        ['发布周期缩短到2天', 2],
        'KR2：线上故障减少到每月1次',
        ['任务', '负责人', '状态'],
        ['建立故障复盘机制', '王芳', '进行中'],
        ['引入灰度发布', '李雷', ''],
      ),
    );
    expect(krTitles(m)).toEqual([['发布周期缩短到2天', '线上故障减少到每月1次']]);
    expect(krWork(m)).toEqual([[[], ['建立故障复盘机制', '引入灰度发布']]]);
    expect(objectiveWork(m)).toEqual([[]]);
  });

  it('a row of the KR table after the task table ends it: its objective and KR are read', () => {
    const m = read(
      rows(
        ['Objective', 'Key Result', 'Target'],
        ['Delight users', 'NPS 50', 50],
        [],
        ['Task', 'Owner'],
        ['Interview 20 users', 'Ana'],
        ['Cut costs', 'Cloud bill under $10k', 10000],
      ),
    );
    expect(m.objectives.map((o) => o.title)).toEqual(['Delight users', 'Cut costs']);
    expect(krTitles(m)).toEqual([['NPS 50'], ['Cloud bill under $10k']]);
    expect(objectiveWork(m)).toEqual([['Interview 20 users'], []]);
  });
});

describe('the list under a KR heading is its work; its measure line states its target', () => {
  it('Chinese: ## 🎯 O1： / ### KR1.1： / - [ ] items / - **衡量标准：** > 50%', () => {
    const m = read(
      lines(
        [
          '## 🎯 O1：建立协作范式',
          '**为什么重要：** 证明人和 Agent 可以协作。',
          '### KR1.1：协作模式成熟度',
          '- [ ] 从指令执行升级为目标自驱',
          '- [ ] 建立每周回顾机制',
          '- **衡量标准：** 主动发起的行动占比 > 50%',
          '### KR1.2：探索商业化',
          '- [ ] 调研市场需求',
          '- **衡量标准：** 至少产出 1 个可行方案',
          '### KR1.3：建立影响力',
          '- [x] 在社区分享经验',
          '- **衡量标准：** 粉丝增长 3x',
        ].join('\n'),
      ),
    );
    expect(krTitles(m)).toEqual([['协作模式成熟度', '探索商业化', '建立影响力']]);
    expect(krWork(m)).toEqual([
      [['从指令执行升级为目标自驱', '建立每周回顾机制'], ['调研市场需求'], ['在社区分享经验']],
    ]);
    // `3x` is a rise over an unstated base: no target.
    expect(m.objectives[0].krs.map((k) => k.target)).toEqual([0.5, 1, null]);
    expect(unplacedAt(m)).toEqual(expect.arrayContaining(['1:0', '5:0', '8:0']));
  });

  it('English: ### KR headings with checkbox items and a Measured by line; a Confidence line is no work', () => {
    const m = read(
      lines(
        [
          '## Objective 1: Reliable platform',
          '### Key Result 1.1: Uptime',
          '- [ ] Add a second region',
          '- [ ] Page the on-call within 5 minutes',
          '- **Measured by:** monthly uptime of 99.9%',
          '- **Confidence:** High',
          '### Key Result 1.2: Launch the status page',
          '- **Target:** Live before the summer',
          '- **Measurement:** 10,000 visits in the first month',
          '## Notes',
          '- Reviewed every Friday',
        ].join('\n'),
      ),
    );
    expect(krTitles(m)).toEqual([['Uptime', 'Launch the status page']]);
    expect(krWork(m)).toEqual([[['Add a second region', 'Page the on-call within 5 minutes'], []]]);
    // A KR whose Target line says its target in words is only measured by the Measurement line: no target from it.
    expect(m.objectives[0].krs[0].target).toBeCloseTo(0.999, 9);
    expect(m.objectives[0].krs[1].target).toBeNull();
    // The list under the `## Notes` heading is no work of the last KR.
    expect(unplacedAt(m)).toEqual(expect.arrayContaining(['5:0', '10:0']));
  });
});

describe('bullets under a KR line that is no item of their list are its work', () => {
  it('Chinese: · lines under numbered `1. KR1:` lines; a blank row ends the list, the data line after it is a note', () => {
    const m = read(
      lines(
        [
          '# O1:环比12月，水印宝贝总数提高40%',
          '1. **KR1:优化水印功能-使用人数提高20%**',
          '·流程优化',
          '·定时删除水印',
          '2. KR2:节日推广-宝贝数提升20%',
          '·提供部分免费水印',
          '3. KR3:详情成功率提升至100%',
          '',
          '·数据（每天1000人使用）',
        ].join('\n'),
      ),
    );
    expect(krTitles(m)).toEqual([['优化水印功能-使用人数提高20%', '节日推广-宝贝数提升20%', '详情成功率提升至100%']]);
    expect(krWork(m)).toEqual([[['流程优化', '定时删除水印'], ['提供部分免费水印'], []]]);
    expect(unplacedAt(m)).toContain('8:0');
  });

  it('English: bullets under a plain `KR1:` line; `Label: value` bullets and bullets under bullet KRs are no work', () => {
    const m = read(
      lines(
        [
          'Objective: Faster support',
          'KR1: First reply within 2 hours',
          '- Hire two agents',
          '- Add canned replies',
          '- Owner: Ana',
          'KR2: CSAT 90%',
          'Notes',
          '- reviewed monthly',
          'Objective: Grow',
          '- KR1: 100 customers',
          '- KR2: 20 partners',
        ].join('\n'),
      ),
    );
    expect(krTitles(m)).toEqual([
      ['First reply within 2 hours', 'CSAT 90%'],
      ['100 customers', '20 partners'],
    ]);
    expect(krWork(m)).toEqual([
      [['Hire two agents', 'Add canned replies'], []],
      [[], []],
    ]);
    expect(unplacedAt(m)).toContain('7:0');
  });
});

describe('a task table inside an outline', () => {
  it('Spanish: `ID | Iniciativa | Owner | Status` after the KRs and their property lines is the objective work', () => {
    const m = read(
      rows(
        '🎯 Objetivo 1: Dominar el tráfico orgánico',
        'KR1.1: Aumentar tráfico a 75K sesiones/mes',
        'Progress: 7.4%',
        'KR1.2: Posicionar 25 keywords en Top 3',
        'Status: On Track',
        '💡 Iniciativas Principales',
        ['ID', 'Iniciativa', 'Owner', 'Status', 'Deadline'],
        ['#12', 'Auditoría SEO técnica', '@seo-lead', 'In Progress', 'Jan 15'],
        ['#13', 'Contenido localizado', '@content-lead', 'Planning', 'Jan 20'],
        '🎯 Objetivo 2: Optimizar conversión',
        'KR2.1: Conversión web de 1.2% a 3%',
      ),
    );
    expect(m.form).toBe('outline');
    expect(m.objectives.map((o) => o.title)).toEqual(['Dominar el tráfico orgánico', 'Optimizar conversión']);
    expect(objectiveWork(m)).toEqual([['Auditoría SEO técnica', 'Contenido localizado'], []]);
    expect(krWork(m)).toEqual([[[], []], [[]]]);
    // The task's own cells (its id, owner, state, deadline) stay beside it in the sheet, listed.
    expect(unplacedAt(m)).toEqual(expect.arrayContaining(['7:0', '7:2', '7:3', '7:4', '8:2']));
  });

  it('Chinese: a 任务 | 负责人 | 状态 table in a KR heading section is that KR work', () => {
    const m = read(
      rows(
        '## 目标一：提升交付效率',
        '### KR1：发布周期缩短到2天',
        ['任务', '负责人', '状态'],
        ['引入灰度发布', '李雷', '进行中'],
        ['自动化回归测试', '王芳', ''],
        '### KR2：故障减少到每月1次',
      ),
    );
    expect(krTitles(m)).toEqual([['发布周期缩短到2天', '故障减少到每月1次']]);
    expect(krWork(m)).toEqual([[['引入灰度发布', '自动化回归测试'], []]]);
  });
});

describe('action-item sections and stage lines', () => {
  it('a # アクション項目 / ## Action items / ## 主要任务 heading after the KRs lists the objective work', () => {
    for (const [heading, o, k1, k2, a1, a2] of [
      [
        '# アクション項目',
        'O: IT技術の基礎を理解する',
        'KR1: 1日1記事発信',
        'KR2: 資格を1つ取得',
        '毎週月曜日の振り返り',
        '毎週金曜日のウィン・セッション',
      ],
      [
        '## Action items',
        'Objective: Ship the beta',
        'KR1: 50 beta users',
        'KR2: 3 case studies',
        'Weekly demo',
        'Fix the onboarding',
      ],
      ['## 主要任务', '目标：上线测试版', 'KR1：招募50位测试用户', 'KR2：完成3个案例', '每周演示', '优化新手引导'],
    ]) {
      const m = read(lines([o, k1, k2, heading, `- ${a1}`, `- ${a2}`].join('\n')));
      expect(krTitles(m)).toHaveLength(1);
      expect(m.objectives[0].krs).toHaveLength(2);
      expect(objectiveWork(m)).toEqual([[a1, a2]]);
      expect(krWork(m)).toEqual([[[], []]]);
    }
  });

  it('bold group labels under an Initiatives heading (one per KR, a gloss in any language) keep listing the work', () => {
    for (const [heading, g1, g2, g3] of [
      ['### Initiatives (실행 방안)', '**생산성 향상을 위한 작업:**', '**구독 전환율 향상:**', '**빈 그룹:**'],
      ['### Initiatives', '**For adoption:**', '**For retention:**', '**Later:**'],
      ['### 举措（行动）', '**提升转化：**', '**降低流失：**', '**待定：**'],
    ]) {
      const m = read(
        lines(
          [
            '## Objective 1: Grow',
            '### Key Results',
            '**KR 1: 25% conversion**',
            '**KR 2: Churn under 5%**',
            heading,
            g1,
            '- [ ] Simplify checkout',
            '- [ ] First-month discount',
            '',
            g2,
            '- [ ] Usage alerts',
            g3,
            '',
            '## Objective 2: Scale',
          ].join('\n'),
        ),
      );
      expect(m.objectives.map((o) => o.krs.length)).toEqual([2, 0]);
      expect(objectiveWork(m)).toEqual([['Simplify checkout', 'First-month discount', 'Usage alerts'], []]);
      expect(krWork(m)).toEqual([[[], []], []]);
    }
  });

  it('emoji labels with a gloss (🎯 Objective（目标）, 🎯 Objective (Goal)) over their text; the action label beside them', () => {
    for (const [o, k, a] of [
      ['## 🎯 Objective（目标）', '## 📊 Key Results（关键结果）', '## 📋 行动计划（Actions）'],
      ['## 🎯 Objective (Goal)', '## 🔑 Key Results', '## ✅ Action items'],
    ]) {
      const m = read(
        lines(
          ['# Plan', o, 'Ship the beta', k, '- 50 beta users', '- 3 case studies', a, '- [ ] Weekly demo'].join('\n'),
        ),
      );
      expect(m.objectives.map((x) => x.title)).toEqual(['Ship the beta']);
      expect(krTitles(m)).toEqual([['50 beta users', '3 case studies']]);
      // The action list is a section of its own beside the Key Results: the objective's work, not the last KR's.
      expect(objectiveWork(m)).toEqual([['Weekly demo']]);
      expect(krWork(m)).toEqual([[[], []]]);
    }
  });

  it('a 行动计划： label under a KR line (no heading) stays that KR work', () => {
    const m = read(
      lines(['目标：提升复购率', 'KR1：复购率达到30%', '行动计划：', '- 上线会员积分', 'KR2：月活达到10万'].join('\n')),
    );
    expect(krWork(m)).toEqual([[['上线会员积分'], []]]);
  });

  it('阶段目标： / Phase objective: lines are notes, not objectives', () => {
    const m = read(
      lines(
        [
          '目标：完成伤害模型',
          'KR1：完成公式体系',
          '阶段目标：完成两个职业',
          'Phase objective: finish two classes',
        ].join('\n'),
      ),
    );
    expect(m.objectives.map((o) => o.title)).toEqual(['完成伤害模型']);
    expect(unplacedAt(m)).toEqual(expect.arrayContaining(['2:0', '3:0']));
  });
});

describe('Convert keeps the objective work', () => {
  it('a KR table with a task table under it: the task rows are left as typed, and read the same after Convert', () => {
    const values = rows(
      '目标：建立完整的伤害计算模型',
      ['KR', '描述', '权重'],
      ['KR1', '完成公式体系', 0.4],
      ['KR2', '完成职业模型', 0.6],
      '阶段目标：完成两个职业的模型',
      ['#', '任务', '类型', '状态'],
      [1, '暴走技能分析', '深化', '✅'],
      [2, '出血机制验证', '深化', ''],
    );
    const snap = snapshotOf('Plan', values);
    const first = step(bookFromSnapshot(workbookOf(snap)), 'Plan', 'convert');
    expect(first.result.ok).toBe(true);
    const sheet = sheetOf(first.book, 'Plan');
    for (const r of [4, 5, 6, 7]) expect(sheet.values[r].slice(0, W)).toEqual(values[r]);
    const after = readModel(workbookSnapshot(first.book, 'Plan').active, {
      settings: DEFAULT_SETTINGS,
      today: FIXTURE_TODAY,
    });
    expect(krTitles(after)).toEqual([['完成公式体系', '完成职业模型']]);
    expect(objectiveWork(after)).toEqual([['暴走技能分析', '出血机制验证']]);
    const again = step(first.book, 'Plan', 'convert');
    expect(canonicalSheet(sheetOf(again.book, 'Plan'))).toEqual(canonicalSheet(sheet));
  });

  it("an outline's action items land in the grid on the objective's row and read back as its work", () => {
    const snap = snapshotOf(
      'Plan',
      lines(
        ['Objective: Ship the beta', 'KR1: 50 beta users', '## Action items', '- Weekly demo', '- Fix onboarding'].join(
          '\n',
        ),
      ),
    );
    const { result, book } = step(bookFromSnapshot(workbookOf(snap)), 'Plan', 'convert');
    expect(result.ok).toBe(true);
    const grid = sheetOf(book, 'Plan grid');
    const col = grid.values[0].indexOf('Initiatives');
    const objRow = grid.values.findIndex((r) => r.includes('Ship the beta'));
    expect(grid.values[objRow][col]).toBe('Weekly demo\nFix onboarding');
    const back = readModel(workbookSnapshot(book, 'Plan grid').active, {
      settings: DEFAULT_SETTINGS,
      today: FIXTURE_TODAY,
    });
    expect(back.objectives.map((o) => (o.initiatives ?? []).map((i) => i.title))).toEqual([
      ['Weekly demo\nFix onboarding'],
    ]);
  });
});
