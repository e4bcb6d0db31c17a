/**
 * Text classes of outlines people keep (issue 10's ledger of misreads): definitions of the OKR words beside a real
 * plan, labels with a gloss, KRs grouped under sub-headings, owners and priorities written before the text, link
 * lists, number words, other languages' labels and reStructuredText. Each on constructed sheets written here (other
 * words, sizes and positions than the corpus sheets that showed the class); expected values worked out by reading.
 */
import { readModel } from '../core/parse-sheet';
import { resolveSettings } from '../core/settings';
import type { KeyResult, OkrModel } from '../core/model';

const lines = (text: string): string[][] =>
  text
    .replace(/^\n/, '')
    .split('\n')
    .map((l) => [l]);
const read = (values: unknown[][]): OkrModel =>
  readModel({ name: 'S', origin: { row: 0, col: 0 }, values }, { settings: resolveSettings({}), today: '2026-12-07' });
const krs = (m: OkrModel): KeyResult[] => m.objectives.flatMap((o) => o.krs);
const outline = (m: OkrModel) => m.objectives.map((o) => [o.title, o.krs.map((k) => k.title)]);
const unplacedRows = (m: OkrModel) => (m.reading?.unplaced ?? []).map((u) => u.cell.row);

describe('a list defining the OKR words is a glossary, not an objective', () => {
  test.each([
    [
      'zh: numbered definitions, then the team plan with bold labels',
      `
  1. 愿景：我们想成为什么样的公司
  2. 目标：一段时间内想达成的方向
  3. 关键结果：衡量目标是否达成的指标
  4. 行动：为关键结果做的具体事情

**增长组**
- **愿景**：让每家门店都用上数字化工具
- **目标**：本季度签约300家门店
- **关键结果**：
  1. 新签门店300家
  2. 续约率达到85%`,
      [['本季度签约300家门店', ['新签门店300家', '续约率达到85%']]],
      [0, 1, 2, 3, 6],
    ],
    [
      'en: OKR beside KPI bullets, then the plan with glossed labels',
      `
How OKRs differ from KPIs:
- OKR: an ambitious direction, e.g. "open a new market"
- KPI: a health metric kept steady, e.g. "GMV of 5M in Q3"

O(Objective): Win the Nordic market
KR1(Key result): Reach 40 resellers in Sweden
KR2: Grow Nordic revenue to $2M`,
      [['Win the Nordic market', ['Reach 40 resellers in Sweden', 'Grow Nordic revenue to $2M']]],
      [1, 2],
    ],
    [
      'zh: the two words defined by each other (a question), then a real objective',
      `
- 目标(Objective)：定性的方向，回答“我们要去哪里？”
- 关键结果(Key Results)：定量的衡量，说明怎样算达成目标

目标(Objective)：提升新用户激活率
关键结果1(关键结果)：激活率从20%提升到35%`,
      [['提升新用户激活率', ['激活率从20%提升到35%']]],
      [0, 1],
    ],
  ])('%s', (_name, text, want, notes) => {
    const m = read(lines(text));
    expect(outline(m)).toEqual(want);
    for (const r of notes) expect(unplacedRows(m)).toContain(r);
  });

  test('a plan listing mission and owner beside an objective and a measurable KR stays a plan', () => {
    const m = read(
      lines(`
- Mission: Help every shop sell online
- Owner: Dana
- Objective: Make onboarding effortless
- Key result: 90% of new shops publish within a day`),
    );
    expect(outline(m)).toEqual([['Make onboarding effortless', ['90% of new shops publish within a day']]]);
  });
});

describe('KRs grouped under sub-headings of a Key Results label', () => {
  test.each([
    [
      'zh',
      `
- **目标**：打开华南市场
- **关键成果**：

- **渠道**：
  1. 签约经销商12家
  2. 覆盖门店500家

- **品牌**：
  1. 小红书曝光达到200万次`,
      ['签约经销商12家', '覆盖门店500家', '小红书曝光达到200万次'],
    ],
    [
      'en',
      `
* **Objective**: Make support effortless
* **Key Results**:
* **Self-service**:
  - Deflect 30% of tickets with help articles
* **Response**:
  - First reply within 2 hours for 95% of tickets
  - CSAT of 4.6`,
      ['Deflect 30% of tickets with help articles', 'First reply within 2 hours for 95% of tickets', 'CSAT of 4.6'],
    ],
  ])('%s: the KRs under each group belong to the objective; the group names are no KR', (_l, text, want) => {
    const m = read(lines(text));
    expect(m.objectives).toHaveLength(1);
    expect(krs(m).map((k) => k.title)).toEqual(want);
  });
});

describe('an owner or priority written before the text is split off, not kept in the title', () => {
  test.each([
    [
      'en outline: code, handle and dash',
      `
## 2026 Q1
- **Make releases boring**
  - \`P0\` - @mara - Cut release rollbacks to 1 per month
  - \`P2\` - @??? - Publish the release checklist
- **Grow the contributor base**
  - [P1] (@lee) Onboard 6 new maintainers`,
      [
        ['Cut release rollbacks to 1 per month', 'mara', 'P0'],
        ['Publish the release checklist', null, 'P2'],
        ['Onboard 6 new maintainers', 'lee', 'P1'],
      ],
    ],
    [
      'zh outline: bracketed owner label',
      `
目标：提升客服效率
关键结果1：【负责人：王芳】首次响应时间缩短到2小时以内
关键结果2：(P1) 自助解决率达到40%`,
      [
        ['首次响应时间缩短到2小时以内', '王芳', undefined],
        ['自助解决率达到40%', null, 'P1'],
      ],
    ],
  ])('%s', (_name, text, want) => {
    const m = read(lines(text));
    expect(krs(m).map((k) => [k.title, k.owner, k.extra.Priority])).toEqual(want);
  });

  test('a table KR cell: the title without the prefix, the owner from it when the row has no owner', () => {
    const m = read([
      ['Objective', 'Key Result', 'Owner', 'Target'],
      ['Ship faster', '[P0] (@kim) Deploys per week', '', 5],
      ['', '(@kim) Lead time in days', 'Ravi', 2],
    ]);
    expect(krs(m).map((k) => [k.title, k.owner, k.extra.Priority])).toEqual([
      ['Deploys per week', 'kim', 'P0'],
      ['Lead time in days', 'Ravi', undefined],
    ]);
  });

  test('a note after the text stays in the title (only a leading label is split off)', () => {
    const m = read(lines(`O1: Grow revenue\nKR1: Sign 10 partners (@alanshaw) - P0`));
    expect(krs(m).map((k) => [k.title, k.owner])).toEqual([['Sign 10 partners (@alanshaw) - P0', null]]);
  });
});

describe('a list of links is a list of references, no objective or KR', () => {
  test.each([
    [
      'en',
      `
## This quarter
- **Ship the mobile app**
  - Reach 2,000 weekly users
## Previous quarters
- [2025 Q4 OKRs](https://example.com/okrs/2025q4)
- [Planning thread](https://example.com/t/12)`,
      [['Ship the mobile app', ['Reach 2,000 weekly users']]],
    ],
    [
      'zh',
      `
**提升门店复购**
- 复购率达到30%
### 参考资料
- https://example.cn/okr/2025
- [上季度复盘](https://example.cn/review)`,
      [['提升门店复购', ['复购率达到30%']]],
    ],
  ])('%s: the link lines are notes', (_l, text, want) => {
    const m = read(lines(text));
    expect(outline(m)).toEqual(want);
    expect((m.reading?.unplaced ?? []).filter((u) => /https:/.test(u.text))).toHaveLength(2);
  });
});

describe("other languages' labels and header words (Spanish): one vocabulary", () => {
  test('an outline: Objetivo / Resultados clave / Iniciativas labels, bare lines under each; relative changes state no target', () => {
    const m = read(
      lines(`
Plan comercial 2027
T1: Base del negocio
Objetivo: Consolidar la cartera de clientes medianos.
Resultados clave:
Aumentar la retención un 10% con revisiones trimestrales.
Cerrar 12 cuentas nuevas del segmento medio.
Iniciativas Ventas Norte:
Lanzar el programa de referidos.
T2: Expansión
Objetivo: Abrir el mercado andino.
KRs:
Reducir el ciclo de venta en un 20% en Perú.
Lograr que el 30% de los ingresos venga de Colombia.`),
    );
    expect(outline(m)).toEqual([
      [
        'Consolidar la cartera de clientes medianos.',
        ['Aumentar la retención un 10% con revisiones trimestrales.', 'Cerrar 12 cuentas nuevas del segmento medio.'],
      ],
      [
        'Abrir el mercado andino.',
        ['Reducir el ciclo de venta en un 20% en Perú.', 'Lograr que el 30% de los ingresos venga de Colombia.'],
      ],
    ]);
    expect(krs(m).map((k) => k.target)).toEqual([null, 12, null, 0.3]);
    expect(krs(m)[2].kind).toBe('decrease');
    // Initiatives listed after the KRs: work under the last KR above them, as in English outlines.
    expect(krs(m)[1].initiatives.map((i) => i.title)).toEqual(['Lanzar el programa de referidos.']);
  });

  test('a table headed in Spanish: each column its role; Spanish words in the cells read like English ones', () => {
    const m = read([
      [
        'Objetivo',
        'Resultado clave',
        'Línea base',
        'Meta',
        'Actual',
        'Responsable',
        'Tipo',
        'Confianza',
        'Fecha límite',
      ],
      ['Crecer en LATAM', 'Clientes activos', 40, 90, 55, 'Lucía', 'Comprometido', 'Alta', '2027-03-31'],
      ['', 'Portal de socios publicado', '', '', 'Hecho', 'Marco', 'Aspiracional', 'Baja', ''],
    ]);
    const fields = m.columns.map((c) => c.field);
    expect(fields).toEqual(['objective', 'kr', 'start', 'target', 'current', 'owner', 'type', 'confidence', 'due']);
    const [a, b] = krs(m);
    expect([a.start, a.target, a.current, a.owner, a.commitment, a.confidence, a.due]).toEqual([
      40,
      90,
      55,
      'Lucía',
      'committed',
      'high',
      '2027-03-31',
    ]);
    expect([b.kind, b.current, b.commitment, b.confidence]).toEqual(['binary', 1, 'aspirational', 'low']);
    expect(m.problems).toEqual([]);
  });

  test('"Meta" holding words is the objective column, and never matches inside "Metadata"', () => {
    const m = read([
      ['Meta', 'Resultado clave', 'Metadata', 'Valor meta'],
      ['Duplicar la base de usuarios', 'Usuarios activos', 'v2', 2000],
    ]);
    expect(m.columns.map((c) => c.field)).toEqual(['objective', 'kr', null, 'target']);
    expect(krs(m)[0].target).toBe(2000);
  });
});

describe('reStructuredText and setext outlines: underlined section titles, field lists', () => {
  test('zh rst: each section title is the objective of its :krs: field (first KR on the field line, the rest under it)', () => {
    const m = read(
      lines(`
============
九月～十月
============

.. okr:: _
   :id: q3-a

学会日语
--------

.. okr:: _
   :krs: 通过 N3 模拟考
         每天背 30 个单词
   :scores: 0.5 0

09-12
   - 背单词断了三天
   - 下周补上

搬家
----

.. okr:: _
   :krs:
         找到离公司 3 公里内的房子
         旧家具卖掉 5 件
`),
    );
    expect(outline(m)).toEqual([
      ['学会日语', ['通过 N3 模拟考', '每天背 30 个单词']],
      ['搬家', ['找到离公司 3 公里内的房子', '旧家具卖掉 5 件']],
    ]);
    // The dated review under the first section is notes (its bullets are no KRs), and so is the scores field.
    const notes = unplacedRows(m);
    for (const r of [13, 15, 16, 17]) expect(notes).toContain(r);
  });

  test('en markdown setext headings over a Key results label', () => {
    const m = read(
      lines(`
Ship the v2 API
===============

Key results:

* 40 partners migrated
* p95 latency under 200ms

Hire the platform team
----------------------

Key results:

* 3 senior engineers signed`),
    );
    expect(outline(m)).toEqual([
      ['Ship the v2 API', ['40 partners migrated', 'p95 latency under 200ms']],
      ['Hire the platform team', ['3 senior engineers signed']],
    ]);
  });
});

describe('number words count like digits, in English and Chinese alike', () => {
  const targetOf = (kr: string) => krs(read(lines(`O1: Grow\nKR1: ${kr}`)))[0].target;
  test.each([
    ['Sign three new distributors', 3],
    ['Sign 3 new distributors', 3],
    ['签约三家新经销商', 3],
    ['签约3家新经销商', 3],
    ['每周两次复盘会', 2],
    ['每周2次复盘会', 2],
    ['完成简历上的两个项目', 2],
    ['招聘十五名销售', 15],
    ['发布二十篇案例文章', 20],
    ['At least one design partner signs the pilot', 1],
    ['至少落地一个试点客户', 1],
  ])('%p -> %p', (kr, want) => {
    expect(targetOf(kr)).toBe(want);
  });

  test.each([
    // 一 alone is "a": a platform, not a count of one (like 'Build a platform').
    '搭建一个数据中台',
    // Ordinals, spans of time and a bare 千 (per thousand) are no count.
    '完成第三个版本的验收',
    '用两个月完成迁移',
    '千次曝光成本下降',
    // A date written month/day.
    '完成6/20的认证考试',
    'Pass the audit by 6/20',
    // What a metric checks describes the metric, the KR is that it is tracked.
    'Metrics to validate four customers use SSO are tracked in the dashboard',
    'Metrics to validate 4 customers use SSO are tracked in the dashboard',
    '用于验证三家客户使用情况的埋点已上线',
  ])('%p states no target', (kr) => {
    expect(targetOf(kr)).toBeNull();
  });
});

describe('more label forms and definition traps', () => {
  test('zh: a gloss holding the item number (关键结果(KR2):) is the label; note bullets after a paragraph are no KRs', () => {
    const m = read(
      lines(`
• 目标(O):提升复购
• 关键结果(KR1):复购率从18%提升至25%
• 关键结果(KR2):会员数达到5000人
这套方法适合以下团队:
- 新品牌:先看首单转化
- 老品牌:关注复购与LTV`),
    );
    expect(outline(m)).toEqual([['提升复购', ['复购率从18%提升至25%', '会员数达到5000人']]]);
    expect(unplacedRows(m)).toEqual(expect.arrayContaining([3, 4, 5]));
  });

  test.each([
    [
      'en',
      `
## Key concepts
- Objectives
  - Objectives are ambitious, qualitative statements of what the team wants.
- Key Results
  - Key results are the metrics that tell whether an objective was reached.

## 2027 H1
- **Objective:** Make onboarding delightful
  - **Key Result:** 80% of new users finish setup`,
      [['Make onboarding delightful', ['80% of new users finish setup']]],
    ],
    [
      'zh',
      `
## 基本概念
- 目标
  - 目标是指团队想要达成的方向
- 关键结果
  - 关键结果是一组衡量目标是否达成的指标

## 本季度
- **目标：** 提升交付质量
  - **关键结果：** 线上缺陷数降到10个以下`,
      [['提升交付质量', ['线上缺陷数降到10个以下']]],
    ],
  ])('%s: sentences defining the OKR words under their label bullets are notes', (_l, text, want) => {
    expect(outline(read(lines(text)))).toEqual(want);
  });

  test('a page title "# OKR — name" is the title; the line under a "## Objetivo" heading is the objective', () => {
    const m = read(
      lines(`
# OKR — Tienda Online

## Objetivo
Duplicar las ventas recurrentes.

## Resultados Clave
- KR1: 300 suscriptores activos
- KR2: Churn mensual <4%`),
    );
    expect(outline(m)).toEqual([
      ['Duplicar las ventas recurrentes.', ['300 suscriptores activos', 'Churn mensual <4%']],
    ]);
    expect(m.title).toBe('OKR — Tienda Online');
  });
});

describe('emoji before a label, and a change written after the share (ko / ja)', () => {
  test.each([
    [
      'ko: emoji headings over the lines',
      `
# OKR: 검색 속도 개선

## 📌 Objective
- 검색 응답을 가장 빠르게 만든다

## 🎯 Key Results
- [ ] 평균 응답 시간 1.5초 이내 달성
- [ ] 서버 비용 20% 이상 절감

## 📊 현재 상황
- 지금은 응답이 느리다`,
      [['검색 응답을 가장 빠르게 만든다', ['평균 응답 시간 1.5초 이내 달성', '서버 비용 20% 이상 절감']]],
    ],
    [
      'zh: emoji inside bold labels',
      `
**🎯 目标 1**：提升门店复购
- **🔑 关键结果 1.1**：复购率达到30%
- **🔑 关键结果 1.2**：会员数达到5000人`,
      [['提升门店复购', ['复购率达到30%', '会员数达到5000人']]],
    ],
  ])('%s', (_n, text, want) => {
    const m = read(lines(text));
    expect(outline(m)).toEqual(want);
  });

  test('a share followed by a change word is a change of an unstated base: no target', () => {
    const m = read(lines('O1: 비용 절감\nKR1: 서버 비용 20% 이상 절감\nKR2: 処理時間を30%短縮\nKR3: 전환율 5% 달성'));
    expect(krs(m).map((k) => k.target)).toEqual([null, null, 0.05]);
    expect(krs(m)[0].kind).toBe('decrease');
  });
});

describe('a code joined before an item label, and "by" naming who, not how much', () => {
  test('R1-O1: / Q3-KR2: labels: the code is part of the label, the title is the rest', () => {
    const m = read(lines('#### **R1-O1: Prove the pilot works**\n- Q3-KR1: 5 clinics live\n- Q3-KR2: NPS of 40'));
    expect(outline(m)).toEqual([['Prove the pilot works', ['5 clinics live', 'NPS of 40']]]);
  });

  test.each([
    ['Spec approved by 4+ reviewers', 4],
    ['Roadmap signed off by 3 department heads', 3],
  ])('%p: an agent after "by" is the count (target %p)', (kr, want) => {
    expect(krs(read(lines(`O1: Ship\nKR1: ${kr}`)))[0].target).toBe(want);
  });

  test('"grow ... by 20%" still is a change from an unstated base', () => {
    const k = krs(read(lines('O1: Grow\nKR1: Grow weekly active users by 20%')))[0];
    expect([k.target, k.relative?.by]).toEqual([null, 0.2]);
  });
});

describe('a label line naming only a cycle heads the objectives under it', () => {
  test.each([
    ['zh, two-digit year', '24年Q3：', { start: '2024-07-01', end: '2024-09-30' }],
    ['zh, 第N季度', '25年第二季度：', { start: '2025-04-01', end: '2025-06-30' }],
    ['en', 'Q1 2027:', { start: '2027-01-01', end: '2027-03-31' }],
  ])('%s', (_n, label, want) => {
    const m = read(lines(`${label}\n\nO: 提升续约率\n- KR：续约率达到90%\n\nO: 降低成本\n- KR：单客成本下降到50元`));
    expect(m.objectives.map((o) => o.title)).toEqual(['提升续约率', '降低成本']);
    for (const o of m.objectives) expect({ start: o.cycle?.start, end: o.cycle?.end }).toEqual(want);
    expect(unplacedRows(m)).not.toContain(0);
  });
});
