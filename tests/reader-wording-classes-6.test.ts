/**
 * Reader classes the last ledger sheet and the last session showed (issue 10), each tried on rows written here with
 * other words, sizes and languages than the corpus sheets: a sub-heading under an objective heading holding a value or
 * grouping KRs; a relative change with no base; two quantities joined by "and"; a time of day; a tolerance. Expected
 * values worked out by reading the rows, as a person reads them (never by running the reader).
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
/** Each objective's title with its KRs' titles. */
const shape = (m: OkrModel) => m.objectives.map((o) => [o.title, o.krs.map((k) => k.title)]);

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
