/**
 * Reader classes the last ledger sheet and the last session showed (issue 10), each tried on rows written here with
 * other words, sizes and languages than the corpus sheets: a sub-heading under an objective heading holding a value or
 * grouping KRs; a relative change with no base; two quantities joined by "and"; a time of day; a tolerance. Expected
 * values worked out by reading the rows, as a person reads them (never by running the reader).
 */
import { inferFromText } from '../core/infer-target';
import { krs, lines, read } from './reader-rows';
import type { KeyResult, OkrModel } from '../core/model';

/** Each objective's title with its KRs' titles. */
const shape = (m: OkrModel) => m.objectives.map((o) => [o.title, o.krs.map((k) => k.title)]);
/** One KR written as a bullet under an objective label. */
const oneKr = (text: string): KeyResult => krs(read(lines(`Objective: Do well\n- ${text}`)))[0];

describe('a sub-heading under an objective heading holding a value is no objective of its own', () => {
  test('markdown: `### Owner` / `### Team` over one value line, then the Key Results label', () => {
    const m = read(
      lines(`
# Partner plan 2027
## Grow the partner channel
Resellers first, then marketplaces.

### Owner
Partnerships

### Key Results
- Sign 12 new resellers
- Reach $2M in partner revenue

## Make onboarding faster
### Team
Onboarding squad

### Key Results
- Cut time to first value from 14 days to 5 days`),
    );
    expect(shape(m)).toEqual([
      ['Grow the partner channel', ['Sign 12 new resellers', 'Reach $2M in partner revenue']],
      ['Make onboarding faster', ['Cut time to first value from 14 days to 5 days']],
    ]);
    expect(krs(m).map((k) => k.target)).toEqual([12, 2000000, 5]);
  });

  test('Chinese: `### 负责人` / `### 团队` over a name, then `### 关键结果`', () => {
    const m = read(
      lines(`
# 2027年第一季度 OKR
## 提升用户留存
### 负责人
张伟
### 关键结果
- 次日留存率达到45%
- 月活跃用户达到20万
## 降低获客成本
### 团队
增长组
### 关键结果
- 单个获客成本从80元降低至50元`),
    );
    expect(shape(m)).toEqual([
      ['提升用户留存', ['次日留存率达到45%', '月活跃用户达到20万']],
      ['降低获客成本', ['单个获客成本从80元降低至50元']],
    ]);
  });

  test('several value sub-headings, one level deeper, under a `###` objective', () => {
    const m = read(
      lines(`
## Mobile
### Ship the mobile app
#### Owner
Mobile team
#### Due
2027-06-30
#### Key Results
- 4 releases in the store
- 20,000 installs
### Win back lapsed users
#### Owner
Lifecycle team
#### Key Results
- Reactivate 3,000 lapsed accounts`),
    );
    expect(shape(m)).toEqual([
      ['Ship the mobile app', ['4 releases in the store', '20,000 installs']],
      ['Win back lapsed users', ['Reactivate 3,000 lapsed accounts']],
    ]);
  });

  test('numbered sections: `## 2. Objective` over `### 2.1 Team` / a name and `### 2.2 Key results`', () => {
    const m = read(
      lines(`
## 1. Modernise billing
### 1.1 Team
Payments
### 1.2 Key results
- Move 80% of invoices to the new engine
## 2. Earn trust in security
### 2.1 Team
Security office
### 2.2 Key results
- Pass the ISO 27001 audit
- Close 40 open findings`),
    );
    expect(shape(m)).toEqual([
      ['Modernise billing', ['Move 80% of invoices to the new engine']],
      ['Earn trust in security', ['Pass the ISO 27001 audit', 'Close 40 open findings']],
    ]);
  });

  test('a bold sub-line over a value (`**Owner**` / a name) under a heading objective', () => {
    const m = read(
      lines(`
## Improve support quality
**Owner**
Support team

### Key Results
- CSAT of 90%
- First reply in under 2 hours`),
    );
    expect(shape(m)).toEqual([['Improve support quality', ['CSAT of 90%', 'First reply in under 2 hours']]]);
  });
});

describe('a sub-heading under the Key Results label groups the KRs: no objective of its own', () => {
  test('en: `#### Acquisition` / `#### Retention` under `### Key Results`', () => {
    const m = read(
      lines(`
## Grow revenue
Make the next quarter the best so far.
### Key Results
#### Acquisition
- Sign 30 new customers
- Reach 1,200 trial sign-ups
#### Retention
- Keep logo churn below 2%
## Build a stronger team
### Key Results
- Hire 4 engineers`),
    );
    expect(shape(m)).toEqual([
      ['Grow revenue', ['Sign 30 new customers', 'Reach 1,200 trial sign-ups', 'Keep logo churn below 2%']],
      ['Build a stronger team', ['Hire 4 engineers']],
    ]);
  });

  test('zh: `#### 研发` / `#### 测试` under `### 关键结果`', () => {
    const m = read(
      lines(`
## 提升交付效率
### 关键结果
#### 研发
- 发布周期从4周缩短至2周
#### 测试
- 自动化测试覆盖率达到80%
- 线上缺陷数不超过5个`),
    );
    expect(shape(m)).toEqual([
      ['提升交付效率', ['发布周期从4周缩短至2周', '自动化测试覆盖率达到80%', '线上缺陷数不超过5个']],
    ]);
  });

  test('guard: headings with their own bullets and no Key Results label above them stay objectives', () => {
    const m = read(
      lines(`
# Engineering
## Improve reliability
- Uptime of 99.9%
## Ship faster
- Deploy 20 times a week`),
    );
    expect(shape(m)).toEqual([
      ['Improve reliability', ['Uptime of 99.9%']],
      ['Ship faster', ['Deploy 20 times a week']],
    ]);
  });
});

describe('a relative change with no stated base states no target', () => {
  test.each([
    ['en, the noun after the share', '25% reduction in support tickets'],
    ['en, growth', '15% growth in repeat orders'],
    ['en, an increase', 'A 10% increase in weekly active users'],
    ['zh, 提升', '复购率提升15%'],
    ['zh, 同比增长', '新用户同比增长30%'],
    ['zh, 降幅', '物流成本降幅20%'],
    ['de, Senkung um', 'Senkung der Kosten um 10 %'],
    ['de, Steigerung um', 'Steigerung des Umsatzes um 15 %'],
    ['de, Wachstum', '20 % Wachstum bei Neukunden'],
    ['fr, noun after', "10 % d'augmentation des inscriptions"],
    ['fr, verb and de', 'Réduire les retours de 20 %'],
    ['it', 'Riduzione del 30% dei resi'],
    ['pt', 'Crescimento de 12% na receita recorrente'],
  ])('KR wording, %s: %s', (_what, text) => {
    expect(oneKr(text).target).toBeNull();
    expect(inferFromText(text).relative).not.toBeNull();
  });

  test.each([
    ['en', 'Target: 25% reduction'],
    ['zh', '目标：降低25%'],
    ['de', 'Ziel: 25 % Reduktion'],
    ['fr', 'Objectif : réduction de 20 %'],
    ['es', 'Meta: aumento del 15%'],
  ])('a target field saying a change, %s: %s', (_lang, text) => {
    expect(inferFromText(text).target).toBeNull();
    expect(inferFromText(text).relative).not.toBeNull();
    const m = read([
      ['Objective', 'Key Result', 'Target'],
      ['Be lean', 'Cloud spend', text],
    ]);
    expect(krs(m).map((k) => k.target)).toEqual([null]);
  });

  test('a Target cell and a Target line saying a change state no target either', () => {
    const table = read([
      ['Objective', 'Key Result', 'Target'],
      ['Be lean', 'Cloud spend', '25% reduction'],
      ['Be lean', 'Warehouse costs', '降低20%'],
    ]);
    expect(krs(table).map((k) => k.target)).toEqual([null, null]);
    const outline = read(lines('Objective: Be lean\n- KR1: Cut cloud spend\n  - Target: 25% reduction'));
    expect(krs(outline).map((k) => k.target)).toEqual([null]);
  });

  test.each([
    ['from-to', 'Reduce churn from 8% to 5%', 0.05],
    ['a level to reach', 'Reach 5,000 users', 5000],
    ['zh, 降低至', '将退货率降低至5%', 0.05],
    ['zh, 达到', 'GMV 达到 500 万', 5000000],
    ['a share with no change word', '95% customer satisfaction', 0.95],
    ['de, Senkung auf', 'Senkung der Fehlerquote auf 2 %', 0.02],
    ['en, reduce to', 'Reduce the error rate to 1%', 0.01],
  ])('guard, a target stays: %s: %s', (_what, text, target) => {
    expect(oneKr(text).target).toBeCloseTo(target, 9);
  });
});

describe('two quantities joined by "and" state no single target', () => {
  test.each([
    ['en', 'Publish 3 posts and reach 5,000 users'],
    ['en, nouns', 'Hire 3 engineers and 2 designers'],
    ['zh, 并', '发布3篇文章并获得5000名用户'],
    ['zh, 且', '上线2个新功能且日活达到10万'],
    ['zh, 同时', '完成4场培训，同时认证20名讲师'],
    ['de', '3 Beiträge veröffentlichen und 5.000 Nutzer erreichen'],
    ['fr', 'Publier 3 articles et atteindre 5 000 utilisateurs'],
    ['es', 'Publicar 3 artículos y llegar a 5.000 usuarios'],
    ['it', 'Pubblicare 3 articoli e raggiungere 5.000 utenti'],
    ['pt', 'Publicar 3 artigos e alcançar 5.000 usuários'],
  ])('%s: %s', (_lang, text) => {
    expect(oneKr(text).target).toBeNull();
    expect(inferFromText(text).measures).toBeGreaterThan(1);
  });

  test.each([
    ['one quantity, a verb pair', 'Hire and onboard 5 engineers', 5],
    ['one quantity, then a clause without one', 'Reach 5,000 users and keep churn flat', 5000],
    ['a quantity qualified by "with"', 'Run 4 workshops with 80% attendance', 4],
    ['zh, one quantity', '完成并上线3个新功能', 3],
    ['e.g. is no conjunction', 'Launch 3 integrations (e.g. Slack)', 3],
  ])('guard: %s: %s', (_what, text, target) => {
    expect(oneKr(text).target).toBe(target);
  });
});

describe('a time of day is not a target', () => {
  test.each([
    ['en, pm', 'No meetings after 6 pm'],
    ['en, 5pm', 'Reply to every ticket before 5pm'],
    ['en, 24-hour clock', 'All deploys finished before 16:00'],
    ['zh, 前', '每天18:00前提交日报'],
    ['zh, 点前', '下午6点前回复所有工单'],
    ['zh, 后', '晚上21:30后不发工作消息'],
    ['de, Uhr', 'Keine Meetings nach 18 Uhr'],
    ['de, bis', 'Bis 17:00 Uhr alle Tickets beantworten'],
    ['fr', 'Aucune réunion après 18h'],
    ['es', 'Sin reuniones después de las 18:00'],
  ])('%s: %s', (_what, text) => {
    expect(oneKr(text).target).toBeNull();
  });

  test.each([
    ['en', 'Answer 95% of tickets before 6 pm', 0.95],
    ['zh', '每天18:00前回复95%的工单', 0.95],
    ['de', 'Bis 18 Uhr 40 Bestellungen versenden', 40],
  ])('guard: the quantity beside the time is the target: %s: %s', (_what, text, target) => {
    expect(oneKr(text).target).toBeCloseTo(target, 9);
  });

  test('guard: minutes and seconds stay a duration', () => {
    const k = oneKr('Cut average handle time from 4:30 to 3:00');
    expect([k.start, k.target]).toEqual([270, 180]);
  });
});

describe('a tolerance is not a target', () => {
  test.each([
    ['en, within alone', 'Keep the sales forecast within 5%'],
    ['en, ±', 'Inventory counts accurate to ±2%'],
    ['en, of a reference', 'Keep spend within 5% of budget'],
    ['zh, 误差以内', '销量预测误差5%以内'],
    ['zh, 偏差控制在', '库存盘点偏差控制在2%以内'],
    ['zh, ±', '预算偏差±3%'],
    ['de', 'Prognose innerhalb von 5 %'],
    ['de, ±', 'Abweichung vom Plan ±3 %'],
    ['es', 'Pronóstico dentro del 5%'],
  ])('%s: %s', (_what, text) => {
    expect(oneKr(text).target).toBeNull();
  });

  test.each([
    ['a cap on a named measure', 'Leads per territory are within 20% variance', 0.2],
    ['zh, a cap on a rate', '差评率控制在0.5%以内', 0.005],
    ['zh, error rate', '错误率控制在1%以内', 0.01],
    ['en, a rate named before within', 'Keep the checkout error rate within 1%', 0.01],
    ['en, below', 'Keep churn below 5%', 0.05],
    ['a share within a time limit', '95% of deliveries within 48 hours', 0.95],
  ])('guard: a cap stays the target: %s: %s', (_what, text, target) => {
    expect(oneKr(text).target).toBeCloseTo(target, 9);
  });
});

describe("a clock time on a day's schedule is a time of day, not a target", () => {
  test.each([['每天11:30睡，7:00起床'], ['6:30起床'], ['晚上10:45入睡'], ['每日早上6:15跑步']])(
    '%s: no number to reach; done or not done',
    (text) => {
      expect(inferFromText(text)).toMatchObject({ target: null, measures: 0, kind: 'binary' });
    },
  );

  test('minutes and seconds from one to another stay a duration (4:30 -> 270 s, 3:00 -> 180 s)', () => {
    expect(inferFromText('通话时长从4:30降到3:00')).toMatchObject({ start: 270, target: 180, kind: 'decrease' });
  });
});
