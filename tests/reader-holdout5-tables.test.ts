/**
 * Table, heading and cycle classes of hold-out set 5 (issue 10), on constructed sheets in several languages: a quarter
 * named without a year takes the year the sheet names, a column of marks under a score header is a status.
 */
import { readModel } from '../core/parse-sheet';
import { DEFAULT_SETTINGS } from '../core/settings';
import type { OkrModel } from '../core/model';
import { FIXTURE_TODAY, snapshotOf } from '../fixtures/sheets';

// FIXTURE_TODAY is in late November 2026: the nearest Q1 and Q2 to it are those of 2027, never the sheet's year.
const read = (values: unknown[][]): OkrModel =>
  readModel(snapshotOf('S', values), { settings: DEFAULT_SETTINGS, today: FIXTURE_TODAY });
const rows = (...xs: (string | unknown[])[]): unknown[][] => xs.map((x) => (Array.isArray(x) ? x : [x]));
const titles = (m: OkrModel) => m.objectives.map((o) => [o.title, o.krs.map((k) => k.title)]);
const cycles = (m: OkrModel) => m.objectives.map((o) => o.cycle?.id ?? null);
const roleOf = (m: OkrModel, header: string) => m.reading!.columns.find((c) => c.header === header)?.field;

describe('a quarter named without a year takes the year the sheet names, never the next one after today', () => {
  it.each([
    ['# Sales Team Q1 Business Review | 2025', ['Objective', 'Key Result', 'Target'], '2025-Q1'],
    ['# 研发团队 Q1 季度复盘 | 2024', ['目标', '关键结果', '目标值'], '2024-Q1'],
    ['# Revisión trimestral Q2 — 2025', ['Objetivo', 'Resultado clave', 'Meta'], '2025-Q2'],
  ])('the title %s names the table’s cycle', (title, header, id) => {
    const m = read(rows(title, '', header, ['Revenue', 'Quarterly revenue', 100], ['Team', 'Hire SDRs', 2]));
    expect(titles(m)).toEqual([
      ['Revenue', ['Quarterly revenue']],
      ['Team', ['Hire SDRs']],
    ]);
    expect(cycles(m)).toEqual([id, id]);
    expect(m.cycle?.id).toBe(id);
  });

  it.each([
    ['# Q1 Business Review | 2025', '## Next Quarter Plan (Q2)', ['2025-Q1', '2025-Q2']],
    ['# 2024 年度复盘', '## 下季度规划 (Q3)', ['2024', '2024-Q3']],
    ['# Revisión 2025 — Q1', '## Plan del próximo trimestre (Q2)', ['2025-Q1', '2025-Q2']],
  ])('%s then a heading %s between the tables: each table its cycle', (title, heading, ids) => {
    const header = ['Objective', 'Key Result', 'Target'];
    const m = read(
      rows(title, '', header, ['Revenue', 'Quarterly revenue', 100], '', heading, '', header, ['Team', 'Hire', 2]),
    );
    expect(titles(m)).toEqual([
      ['Revenue', ['Quarterly revenue']],
      ['Team', ['Hire']],
    ]);
    expect(cycles(m)).toEqual(ids);
    // The sheet's own cycle is its title's; both are listed as the cycles it holds.
    expect(m.cycle?.id).toBe(ids[0]);
    expect(m.reading!.cycles).toEqual(ids);
  });

  it.each([
    [['2025 年人生 OKR 计划', '', '### 第一季度', '', 'O1: 组建核心小组', '- KR1: 发展两名成员'], '2025-Q1'],
    [['# OKR plan for 2024', '', '## Q2', '', 'O1: Grow the community', '- KR1: 500 members'], '2024-Q2'],
    [['# Kế hoạch OKR 2025', '', '## Q1', '', 'O1: Tăng doanh thu', '- KR1: 100 khách hàng'], '2025-Q1'],
  ])('an outline under a title naming a year: %j', (lines, id) => {
    const m = read(rows(...lines));
    expect(m.objectives).toHaveLength(1);
    expect(cycles(m)).toEqual([id]);
  });

  it('a label naming a quarter (`Q2 OKR：`) under a year heading is of that year; the next quarter too', () => {
    const m = read(
      rows('## 2025', '', 'Q1 OKR：', 'O1: 打通流程', '- KR1: 上线 2 个功能', '', 'Q2 OKR：', 'O2: 搭建系统'),
    );
    expect(cycles(m)).toEqual(['2025-Q1', '2025-Q2']);
  });

  it('a count is no year (`hire 2000 people`): the quarter stays the nearest one', () => {
    const m = read(rows('# Q1 plan: hire 2000 people', '', ['Objective', 'Key Result'], ['Team', 'Hire engineers']));
    expect(cycles(m)).toEqual(['2027-Q1']);
  });
});

describe('a column of marks under a score header is the status, not a score', () => {
  it.each([
    ['Rating', ['🟡', '🟢', '🔴']],
    ['评分', ['🟢 达成', '🔴 未达成', '🟡']],
    ['Score', ['On track', 'At risk', 'Done']],
  ])('%s over %j', (header, marks) => {
    const m = read(
      rows(
        ['Objective', 'Key Result', 'Target', 'Actual', header],
        ['Revenue', 'Quarterly revenue', 100, 90, marks[0]],
        ['Deals', 'Deals closed', 15, 12, marks[1]],
        ['Cycle', 'Days to close', 35, 38, marks[2]],
      ),
    );
    expect(roleOf(m, header)).toBe('status');
    expect(m.objectives.flatMap((o) => o.krs.map((k) => k.score ?? null))).toEqual([null, null, null]);
  });

  it('a score column of numbers stays the score', () => {
    const m = read(rows(['Objective', 'Key Result', 'Score'], ['Revenue', 'Revenue', 0.7], ['Deals', 'Deals', 0.3]));
    expect(roleOf(m, 'Score')).toBe('score');
  });
});

describe('a KR table whose labelled column holds only KR codes: the statements are the KRs, a kind column is carried', () => {
  const statements = [
    'Có ít nhất 120 người dùng hoàn tất luồng tạo lịch trình đầu tiên trong quý này ≥ 75%',
    'Tạo ít nhất 30 qualified leads có đủ thông tin liên hệ để tư vấn tiếp trong quý',
  ];
  const kinds = ['Leading (hành vi người dùng)', 'Lagging (kết quả kinh doanh)'];
  it.each([
    [['#', 'Loại', 'Key Result'], (i: number) => [`KR${i + 1}`, kinds[i], statements[i]], 2],
    [['Key Result', 'Loại chỉ số', 'Nội dung'], (i: number) => [`**KR${i + 1}**`, `**${kinds[i]}**`, statements[i]], 2],
    [['KR', 'Category', 'What we measure'], (i: number) => [`KR ${i + 1}`, kinds[i], statements[i]], 2],
    [['关键结果', '指标类别', '内容'], (i: number) => [`KR${i + 1}`, kinds[i], statements[i]], 2],
  ])('%j', (header, row, krCol) => {
    const m = read(rows('### Objective', 'Trở thành người điều phối đáng tin cậy', '', header, row(0), row(1)));
    expect(m.headerRow).toBe(3);
    expect(titles(m)).toEqual([['Trở thành người điều phối đáng tin cậy', statements]]);
    expect(m.reading!.columns.map((c) => c.field)).toEqual(header.map((_, c) => (c === krCol ? 'kr' : null)));
  });

  it('a column of codes beside KR statements that are short stays carried; the next column keeps the KRs', () => {
    const m = read(
      rows(['KR', 'Measure', 'Notes'], ['KR1', 'Ship 3 releases', 'On the roadmap'], ['KR2', 'Close 10 deals', 'Q3']),
    );
    expect(titles(m)).toEqual([['', ['Ship 3 releases', 'Close 10 deals']]]);
  });
});

describe('an objective label heading with a gloss in brackets (`## 1. Objective (Mục tiêu định tính)`)', () => {
  it.each([
    ['## 1. Objective (Mục tiêu định tính)', '## 2. Key Results (Kết quả then chốt)'],
    ['## Objective (Objetivo del trimestre)', '## Key Results (Resultados clave)'],
    ['### Objectives (Mục tiêu của quý)', '### Key Result (Kết quả)'],
  ])('%s: the line under it is the objective, %s no objective', (objHeading, krHeading) => {
    const m = read(
      rows(
        objHeading,
        '',
        '**Help travellers turn vague wishes into trusted plans.**',
        '',
        krHeading,
        '',
        ['KR', 'Measure'],
        ['KR1', 'Get 120 users to finish a plan'],
        ['KR2', 'Sign 30 qualified leads'],
      ),
    );
    expect(titles(m)).toEqual([
      [
        'Help travellers turn vague wishes into trusted plans.',
        ['Get 120 users to finish a plan', 'Sign 30 qualified leads'],
      ],
    ]);
  });
});

describe('a KR label heading over a deeper heading: the deeper heading is the KR, the list under it explains it', () => {
  const unplacedRows = (m: OkrModel) => (m.reading?.unplaced ?? []).map((u) => u.cell.row);
  it.each([
    [
      '## KR1 — Leading Metric',
      '### ≥ 65% user rewrite lại argument sau khi nhận feedback',
      '- Đo learning behavior thật',
    ],
    ['## KR 1: Lagging metric', '### Reach 150 weekly active users', '- Shows the product engages'],
    ['## 关键结果1 — 领先指标', '### 65% 的用户收到反馈后改写论点', '- 衡量真实的学习行为'],
    ['### KR1 - Métrica de calidad', '#### 70% de usuarios valoran la ayuda como útil', '- Confirma la confianza'],
    ['## KR1', '### Reach 150 weekly active users', '- Reduces risk:'],
  ])('%s / %s', (caption, statement, reason) => {
    const m = read(
      rows('## Objective', '', 'Grow the product.', '', caption, '', statement, '', reason, '  - a detail', '', '---'),
    );
    expect(titles(m)).toEqual([['Grow the product.', [statement.replace(/^#+\s*/, '')]]]);
    expect(m.objectives[0].krs[0].target).not.toBeNull();
    expect(m.objectives[0].krs[0].initiatives ?? []).toEqual([]);
    expect(unplacedRows(m)).toEqual(expect.arrayContaining([8, 9]));
  });

  it('a heading labelled with its KR text stays the KR; bullets under it stay its work', () => {
    const m = read(rows('## Objective', 'Grow the product.', '## KR1: Reach 150 users', '- Launch the referral flow'));
    expect(titles(m)).toEqual([['Grow the product.', ['Reach 150 users']]]);
    expect(m.objectives[0].krs[0].initiatives?.map((i) => i.title)).toEqual(['Launch the referral flow']);
  });
});

describe('a table explaining the KRs inside an outline (`KR | Loại | Vì sao chọn`) adds no KR', () => {
  it.each([
    [
      ['KR', 'Loại', 'Vì sao chọn'],
      ['KR1', 'Leading', 'Rewrite behavior là signal mạnh nhất'],
    ],
    [
      ['KR', 'Type', 'Why this one'],
      ['KR1', 'Leading', 'Rewriting is the strongest learning signal'],
    ],
    [
      ['关键结果', '类型', '原因'],
      ['KR1', '领先', '改写行为是最强的学习信号'],
    ],
  ])('%j', (header, row) => {
    const m = read(
      rows('O1: Grow the product', '- KR1: Reach 150 users', '- KR2: 65% rewrite', '', '## Why', '', header, row, [
        'KR2',
        'Lagging',
        '...',
      ]),
    );
    expect(titles(m)).toEqual([['Grow the product', ['Reach 150 users', '65% rewrite']]]);
  });
});

describe("a tool's code before an objective (`AIS1 - `) is its label, stripped", () => {
  it.each([
    ['AIS1 - Partner with Sales to grow business', 'Partner with Sales to grow business'],
    ['ENG2 — Ship the new API', 'Ship the new API'],
    ['MKT3 - 提升品牌影响力', '提升品牌影响力'],
    ['VN1 - Tăng doanh thu quý', 'Tăng doanh thu quý'],
  ])('%s in an objective column', (cell, title) => {
    const m = read(
      rows(['Objective', 'Key Result', 'Target'], [cell, 'Close 10 deals', 10], [cell, 'Sign 3 partners', 3]),
    );
    expect(titles(m)).toEqual([[title, ['Close 10 deals', 'Sign 3 partners']]]);
  });

  it('a fiscal year or a KR label is no such code (`FY24 - Grow`, `KR1 — Leading Metric`)', () => {
    const m = read(rows(['Objective', 'Key Result'], ['FY24 - Grow revenue', 'Close 10 deals']));
    expect(titles(m)).toEqual([['FY24 - Grow revenue', ['Close 10 deals']]]);
  });
});

describe('a sentence that starts with an objective code is a note, not an objective (`O1 is the primary OKR ...`)', () => {
  it.each([
    ['- O1 is the primary OKR for Phase 2 (Web UI). O2 becomes primary in Phase 5.'],
    ['- KR2 es la más difícil de medir este trimestre.'],
    ['- O1 là mục tiêu quan trọng nhất của giai đoạn này.'],
    ['O2 will matter more once the beta ships.'],
  ])('%s', (note) => {
    const m = read(rows('O1: Grow the product', '- KR1: Reach 150 users', '', '## Notes', '', note));
    expect(titles(m)).toEqual([['Grow the product', ['Reach 150 users']]]);
    expect((m.reading?.unplaced ?? []).map((u) => u.cell.row)).toContain(5);
  });

  it('a label followed by its title stays a label (`O1 Grow revenue`, `O2 Isolate faults`)', () => {
    const m = read(rows('O1 Grow revenue', '- KR1: 100 deals', 'O2 Isolate faults', '- KR1: 0 outages'));
    expect(titles(m)).toEqual([
      ['Grow revenue', ['100 deals']],
      ['Isolate faults', ['0 outages']],
    ]);
  });
});

describe('a paragraph before the label opening the next example introduces it, no KR of the one above', () => {
  it.each([
    ['Resultados clave:', 'Son metas enfocadas en mantener las operaciones actuales.', 'Ejemplo:', 'Objetivo: Mejorar'],
    ['Key Results:', 'These goals keep the current operations running well.', 'Example:', 'Objective: Improve'],
    ['关键结果：', '这类目标着眼于维持现有业务的运转。', '示例：', '目标：提升效率'],
  ])('%s ... %s / %s', (label, intro, example, nextObjective) => {
    const m = read(
      rows(
        'Objective: Lead the market',
        label,
        'Reach 40% share.',
        'Win 3 new markets.',
        intro,
        example,
        nextObjective,
        label,
        'Cut response time to 2 hours.',
      ),
    );
    expect(m.objectives.map((o) => o.krs.length)).toEqual([2, 1]);
    expect((m.reading?.unplaced ?? []).map((u) => u.cell.row)).toContain(4);
  });
});
