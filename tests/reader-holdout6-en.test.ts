/**
 * Reader classes behind hold-out set 6's English sheets (issue 10), each tried on rows written here with other words,
 * sizes and languages than the corpus sheets: a cap after a named measure (`churn within 5%`) against a bare tolerance;
 * `both` counting two; a bounded quantity after a count of what is handled (`3 seasons in <4 hours`); a month and year
 * after `by end of` (a date, no target) and `by May 1st, 2025` (a due date); `Current Progress` lines and the
 * definition fields under a KR. Expected values worked out by reading the rows, as a person reads them (never by
 * running the reader).
 */
import { inferFromText } from '../core/infer-target';
import { krs, lines, read } from './reader-rows';
import type { OkrModel } from '../core/model';

const target = (s: string) => inferFromText(s).target;

describe('`within N%` after a named measure is a cap; a bare `within N%` is a tolerance', () => {
  test.each([
    ['Keep churn within 5%', 0.05],
    ['Monthly customer churn within 2.5%', 0.025],
    ['Keep refunds within 1%', 0.01],
    ['Hold support costs within 8%', 0.08],
    ['Keep employee attrition within 10% this year', 0.1],
    ['Mantener la rotación dentro del 5%', 0.05],
    ['Retouren innerhalb von 3 %', 0.03],
  ])('%s -> cap %p, at most', (text, cap) => {
    const r = inferFromText(text);
    expect(r.target).toBeCloseTo(cap, 10);
    expect(r.kind).toBe('below');
  });

  test.each([
    ['客户流失控制在5%以内', 0.05],
    ['投诉控制在1%以内', 0.01],
    ['Keep error rate within 1%', 0.01],
  ])('guard: %s keeps its cap %p', (text, cap) => expect(target(text)).toBeCloseTo(cap, 10));

  test.each([
    'Forecast within 5%',
    'Land the quarter within 5% of forecast',
    'Budget ±5%',
    'Deliver the release within 5%',
    '预测误差控制在5%以内',
    'Entregar el presupuesto dentro del 5%',
    'CAC payback within 12 months',
  ])('tolerance or time limit: %s states no target', (text) => expect(target(text)).toBeNull());
});

describe('`both` counts two things', () => {
  test.each([
    ['Both apps approved and live in app stores', 2],
    ['Ship both mobile apps', 2],
    ['Ambas apps publicadas en las tiendas', 2],
    ['Beide Apps im App Store veröffentlicht', 2],
    ['两款App均上架应用商店', 2],
  ])('%s -> %p', (text, n) => expect(target(text)).toBe(n));

  test.each([
    ['Improve both retention and revenue', null],
    ['Both of the founders review the plan', null],
    ['Build both a pricing model and a hiring plan', null],
    ['The SDK handles 1TB of data, both Node.js and Browser', 1],
  ])('guard: %s names two things, no count of them (%p)', (text, n) => expect(target(text)).toBe(n));
});

describe('a bounded quantity after a count of what is handled is the measure', () => {
  test.each([
    ['Import 3 seasons of historical data in <4 hours', 4],
    ['Historical import (3 seasons) in <4 hours', 4],
    ['Render 20 pages in ≤2 seconds', 2],
    ['Importar 3 temporadas de datos en <4 horas', 4],
    ['导入3个赛季数据耗时<4小时', 4],
  ])('%s -> %p', (text, n) => expect(target(text)).toBe(n));

  test.each([
    ['Launch 2 pilot customers with ≥90% satisfaction', 2],
    ['Month-end close in ≤3 business days', 3],
    ['Sign 12 resellers', 12],
  ])('guard: %s -> %p', (text, n) => expect(target(text)).toBe(n));
});

describe('a month and year after `by end of` / `by` is a date, not a target', () => {
  test.each([
    'Yarima Online Course is launched by end of January 2025',
    'Campaign is live by end of March 2026 (newsletter, instagram)',
    'Policy vote posted by the end of February 2025',
    'Curso publicado antes de finales de enero de 2025',
    '2025年1月底前上线课程',
  ])('%s states no target', (text) => expect(target(text)).toBeNull());

  test('the due dates: end of the month named, and a day written `May 1st, 2025`', () => {
    const m = read(
      lines(`
**O1: Launch the new platform**
- KR1: Online course is launched by end of January 2025
- KR2: Booking is launched by May 1st, 2025
- KR3: Venue page is live by 15 March 2025
- KR4: Sell 40 tickets by June 2025`),
    );
    expect(krs(m).map((k) => [k.target, k.due])).toEqual([
      [null, '2025-01-31'],
      [null, '2025-05-01'],
      [null, '2025-03-15'],
      [40, '2025-06-30'],
    ]);
  });
});

/** Each objective's title with its cycle id. */
const cycles = (m: OkrModel) => m.objectives.map((o) => [o.title, o.cycle?.id ?? null]);

describe('a heading `Objective <year> - <goal of the year>` gives the cycle, it is no objective', () => {
  test.each([
    ['## Objective 2025 - €1M in revenue', '2025'],
    ['## Objective 2027: $4M ARR', '2027'],
    ['## Objetivo 2026 - 1M€ en ventas', '2026'],
    ['## 2026年目标 - 营收100万', '2026'],
  ])('%s over bold O lines', (heading, year) => {
    const m = read(
      lines(`
# OKRs

${heading}

**O1: Sell online classes**
- KR1: Onboard 10 instructors

**O2: Grow events**
- KR1: Onboard 500 organizers

## Objectives 2025 Q1

**O3: Launch v4**
- KR1: Ship 3 apps`),
    );
    expect(cycles(m)).toEqual([
      ['Sell online classes', year],
      ['Grow events', year],
      ['Launch v4', '2025-Q1'],
    ]);
  });

  test('guard: `Objective 2: Grow events` numbers an objective', () => {
    const m = read(lines(`## Objective 2: Grow events\n- KR1: Onboard 500 organizers`));
    expect(cycles(m)).toEqual([['Grow events', null]]);
  });
});

describe('a `Next Actions` section of task checkboxes tied to no KR is notes', () => {
  test.each([
    ['## Next Actions', 'Alex: create UX to buy tickets', 'Egor: set up the API'],
    ['## 下一步行动', '张三：完成购票页面设计', '李四：搭建接口'],
    ['## Próximos pasos', 'Ana: diseñar la compra de entradas', 'Luis: montar la API'],
  ])('%s', (heading, a, b) => {
    const m = read(
      lines(`
**O1: Launch v4**
- KR1: Ship 3 apps

${heading}

- [ ] ${a}
- [ ] ${b}`),
    );
    expect(m.objectives.map((o) => [o.title, o.krs.length, o.initiatives?.length ?? 0])).toEqual([['Launch v4', 1, 0]]);
    expect(krs(m).flatMap((k) => k.initiatives)).toEqual([]);
    expect((m.reading?.unplaced ?? []).map((u) => u.text)).toEqual([`- [ ] ${a}`, `- [ ] ${b}`]);
  });

  test('guard: an `Initiatives` heading over the checkboxes keeps them as work', () => {
    const m = read(lines(`**O1: Launch v4**\n- KR1: Ship 3 apps\n\n## Initiatives\n\n- [ ] Build the store page`));
    expect((m.reading?.unplaced ?? []).map((u) => u.text)).toEqual([]);
  });
});

describe('a KR table under property lines: the deadline line is each KR due date, a sentence after the table a note', () => {
  const table = (front: string[], krRows: unknown[][], after: string): unknown[][] => [
    ...front.map((l) => [l, '', '']),
    ['', '', ''],
    ['## Objective: Grow the user base', '', ''],
    ['', '', ''],
    ...krRows,
    ['', '', ''],
    [after, '', ''],
  ];
  test.each([
    [
      ['Quarter: Q3 2026', 'Owner: @ana', 'Completion date: 2026-09-30'],
      [
        ['Key Result', 'Target', 'Current'],
        ['New signups', 5000, '-'],
        ['Paid conversions', 400, '-'],
      ],
      'This tests whether the free tier brings users at scale; activation counts engaged users, not sign-ups alone.',
      '2026-09-30',
    ],
    [
      ['季度：2026 Q3', '截止日期：2026-09-30'],
      [
        ['关键结果', '目标值', '当前值'],
        ['新增注册', 5000, '-'],
        ['付费转化', 400, '-'],
      ],
      '本季度重点验证两个假设：免费版能否带来规模化增长，激活是否只统计真正使用的用户。',
      '2026-09-30',
    ],
    [
      ['Trimestre: Q3 2026', 'Fecha límite: 2026-09-30'],
      [
        ['Resultado clave', 'Meta', 'Actual'],
        ['Nuevos registros', 5000, '-'],
        ['Conversiones pagadas', 400, '-'],
      ],
      'Con esto validamos si el plan gratuito atrae usuarios a escala y si la activación mide el uso real.',
      '2026-09-30',
    ],
  ])('%p', (front, krRows, after, due) => {
    const values = table(front, krRows, after);
    const m = read(values);
    expect(krs(m).map((k) => [k.target, k.due])).toEqual([
      [5000, due],
      [400, due],
    ]);
    expect((m.reading?.unplaced ?? []).map((u) => u.text)).toContain(after);
  });

  test('guards: a `Date:` line names no deadline; a short KR row after a blank row stays a KR', () => {
    const m = read([
      ['Date: 2026-07-01', '', ''],
      ['', '', ''],
      ['Key Result', 'Target', 'Current'],
      ['New signups', 5000, '-'],
      ['', '', ''],
      ['Paid conversions', 400, ''],
    ]);
    expect(krs(m).map((k) => [k.title, k.target, k.due])).toEqual([
      ['New signups', 5000, null],
      ['Paid conversions', 400, null],
    ]);
  });
});

describe('descriptive fields under a KR (definition, data source, on track?) are notes, not initiatives', () => {
  test.each([
    ['Metric Definition', 'Data Source', 'On Track?', 'Action Items', 'Post in 3 subreddits'],
    ['指标定义', '数据来源', '是否正常推进', '行动项', '在3个社区发帖'],
    ['Definición', 'Fuente de datos', 'On Track?', 'Action Items', 'Publicar en 3 foros'],
  ])('%s / %s / %s', (def, source, onTrack, actions, work) => {
    const m = read(
      lines(`
### Objective 1: Launch the MVP
#### Key Result 1.1: Acquire 50 beta users
- **Target**: 50 beta users
- **${def}**: users who finished onboarding
  - Active = logged in within 7 days
- **${source}**: the users table
- **${onTrack}**: ✅ Yes
- **${actions}**:
  - ${work}`),
    );
    expect(krs(m).map((k) => [k.title, k.target, k.initiatives.map((i) => i.title)])).toEqual([
      ['Acquire 50 beta users', 50, [work]],
    ]);
    expect(m.objectives[0].initiatives ?? []).toEqual([]);
  });
});

describe('a fraction worked out after `=` states its result', () => {
  test.each([
    ['5/12 active users = 42% (week 6)', 0.42],
    ['18/40 teams onboarded = 45%', 0.45],
    ['5/12 活跃用户 = 42%', 0.42],
    ['5/12 usuarios activos = 42%', 0.42],
    ['P95 = 320ms (week 6)', 320],
  ])('%s -> %p', (text, n) => expect(target(text)).toBeCloseTo(n, 10));
});
