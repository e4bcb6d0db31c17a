/**
 * Outline shapes the reader did not know (issue 10, hold-out set 3): labels on headings behind emoji and full-width
 * colons at any heading level, KR headings and bold KR lines over the list of their parts, a measure line under a KR
 * giving its number, a label alone on a heading with the title on the lines under it, a cycle-only heading, a label
 * word before a link, URLs that are no labels. Constructed sheets in English, Chinese and Japanese (other words, sizes
 * and levels than the corpus sheets that showed each class); expected values worked out by reading them.
 */
import { readModel } from '../core/parse-sheet';
import { resolveSettings } from '../core/settings';
import type { OkrModel } from '../core/model';

const lines = (text: string): string[][] =>
  text
    .replace(/^\n/, '')
    .split('\n')
    .map((l) => [l]);
const read = (text: string): OkrModel =>
  readModel(
    { name: 'S', origin: { row: 0, col: 0 }, values: lines(text) },
    { settings: resolveSettings({}), today: '2026-12-07' },
  );
const outline = (m: OkrModel) => m.objectives.map((o) => [o.title, o.krs.map((k) => k.title)]);
const parts = (m: OkrModel) => m.objectives.map((o) => o.krs.map((k) => k.initiatives.map((i) => i.title)));
const targets = (m: OkrModel) => m.objectives.map((o) => o.krs.map((k) => k.target));
const unplacedRows = (m: OkrModel) => (m.reading?.unplaced ?? []).map((u) => u.cell.row);

describe('KR headings and bold KR lines: the list under them is their parts', () => {
  test.each([
    [
      'zh: emoji labels with full-width colons, O at ###, KR at ####',
      `
# 平台组 OKR
### 🚀 O1：提升发布质量
#### KR1.1：线上故障减少
- [ ] 建立灰度发布流程
- [ ] 每周故障复盘
#### 🔑 KR1.2：自动化测试补齐
- 补齐支付模块用例
### 🚀 O2：降低云成本
#### KR2.1：闲置资源清理
- [x] 下线旧集群`,
      [
        ['提升发布质量', ['线上故障减少', '自动化测试补齐']],
        ['降低云成本', ['闲置资源清理']],
      ],
      [[['建立灰度发布流程', '每周故障复盘'], ['补齐支付模块用例']], [['下线旧集群']]],
    ],
    [
      'en: bold KR lines under a Key Results label, parts indented or not, a blank row between',
      `
## Make onboarding painless
### Key Results
**[Setup wizard](https://example.org/wizard) guides every new account**
  - Detect the user's stack
    - Suggest the matching template
  - Offer a sample project

**Docs answer the first ten questions**

- Write a FAQ page
- Link it from the app`,
      [
        [
          'Make onboarding painless',
          [
            '[Setup wizard](https://example.org/wizard) guides every new account',
            'Docs answer the first ten questions',
          ],
        ],
      ],
      [
        [
          ["Detect the user's stack", 'Suggest the matching template', 'Offer a sample project'],
          ['Write a FAQ page', 'Link it from the app'],
        ],
      ],
    ],
  ])('%s', (_name, text, expected, expectedParts) => {
    const m = read(text);
    expect(outline(m)).toEqual(expected);
    expect(parts(m)).toEqual(expectedParts);
  });

  it('a KR heading over a plain list of KRs elsewhere: a new Key Results label starts its own level', () => {
    const m = read(`
## Grow usage
### Key Results
- Reach 500 weekly users
- Ship 2 integrations
## Cut churn
### Key Results
**Churn below 3%**
- Call every cancelling customer`);
    expect(outline(m)).toEqual([
      ['Grow usage', ['Reach 500 weekly users', 'Ship 2 integrations']],
      ['Cut churn', ['Churn below 3%']],
    ]);
    expect(parts(m)[1]).toEqual([['Call every cancelling customer']]);
  });

  it('a bold sentence on its own is a note, not a heading', () => {
    const m = read(`
# Team plan
**DRAFT. Everything here may still change.**
## Ship v2
### Key Results
- Launch to 3 pilot customers`);
    expect(outline(m)).toEqual([['Ship v2', ['Launch to 3 pilot customers']]]);
    expect(unplacedRows(m)).toContain(1);
  });
});

describe('a measure line under a KR gives its number', () => {
  it('zh and en measure labels after the parts: the threshold is the target; a measure in words is a note', () => {
    const m = read(`
## O1：提升服务质量
### KR1.1：响应更快
- [ ] 建立值班表
- **衡量标准：** 首次响应时间 ≤ 30 分钟
### KR1.2：客户满意
- [ ] 回访差评客户
- **衡量标准：** 客户反馈良好
## O2: Reliable releases
### KR2.1: Fewer incidents
- Canary every release
- **Measure:** incident rate < 2%
### KR2.2: Healthy builds
- Metric: build time per commit`);
    expect(targets(m)).toEqual([
      [30, null],
      [0.02, null],
    ]);
    expect(parts(m)).toEqual([
      [['建立值班表'], ['回访差评客户']],
      [['Canary every release'], []],
    ]);
    // The measures in words are listed, not dropped.
    expect(unplacedRows(m)).toEqual(expect.arrayContaining([6, 12]));
  });

  it("a KR's own Target line wins over its measure line, before or after it", () => {
    const m = read(`
## Objective 1: Build the board
### Key Result 1.1: Recruit directors
- **Target:** 7 directors seated
- **Measurement:** 90% attendance at meetings
### Key Result 1.2: Set up compliance
- **Measurement:** checklist 100% complete
- **Target:** all filings done`);
    expect(targets(m)).toEqual([[7, null]]);
  });
});

describe('a label alone on a heading, the title on the lines under it', () => {
  test.each([
    [
      'ja: ## O / ## KR with note headings and an action-items section',
      `
# 2023 4月 OKR
## 目的
- チームの生産性を上げる
## O
- 開発の流れを整える
## KR
- 週2回リリース
- レビュー待ちを1日以内に
# アクション項目
- 毎朝の15分会議`,
      [['開発の流れを整える', ['週2回リリース', 'レビュー待ちを1日以内に']]],
      { start: '2023-04-01', end: '2023-04-30' },
      ['毎朝の15分会議'],
    ],
    [
      'ja: ## 目標 / ## 主要な成果 / ## 施策',
      `
## 目標
- 顧客満足度を高める
## 主要な成果
- NPS 40 以上
## 施策
- サポート窓口を拡充する`,
      [['顧客満足度を高める', ['NPS 40 以上']]],
      null,
      ['サポート窓口を拡充する'],
    ],
    [
      'en: bold O / KR / E labels alone',
      `
**O**
Grow the community
**KR**
- Reach 500 members
- Host 4 meetups
**E**
- Post weekly digests`,
      [['Grow the community', ['Reach 500 members', 'Host 4 meetups']]],
      null,
      ['Post weekly digests'],
    ],
  ])('%s', (_name, text, expected, cycle, initiatives) => {
    const m = read(text);
    expect(outline(m)).toEqual(expected);
    if (cycle) expect({ start: m.objectives[0].cycle?.start, end: m.objectives[0].cycle?.end }).toEqual(cycle);
    const all = (m.objectives[0].initiatives ?? [])
      .map((i) => i.title)
      .concat(m.objectives[0].krs.flatMap((k) => k.initiatives.map((i) => i.title)));
    expect(all).toEqual(initiatives);
  });

  it('the note headings are neither objectives nor dropped: their lines are listed', () => {
    const m = read(`
## 目的
- チームの生産性を上げる
## O
- 開発の流れを整える
## KR
- 週2回リリース`);
    expect(m.objectives.map((o) => o.title)).toEqual(['開発の流れを整える']);
    expect(unplacedRows(m)).toContain(1);
  });
});

describe('a label word before a link, URLs that are no labels', () => {
  it('numbered `OKR [title](url) => 66%` objectives over `KR: [title](url)` items, under a cycle heading', () => {
    const m = read(`
Objectives and KRs of the platform group are tracked in the OKR tool, linked from this page.

### FY25Q1

1. OKR [Speed up CI](https://okr.example.com/items/12) => 40%
   1. KR: [Cut pipeline time to 10 minutes](https://okr.example.com/items/13) => 30% - At Risk
   1. KR: [Cache all builds](https://okr.example.com/items/14) => 50% - On Track
1. OKR [Harden auth](https://okr.example.com/items/20) => 70%
   1. KR: [Rotate keys](https://okr.example.com/items/21) => 70% - On Track`);
    expect(outline(m)).toEqual([
      [
        '[Speed up CI](https://okr.example.com/items/12) => 40%',
        [
          '[Cut pipeline time to 10 minutes](https://okr.example.com/items/13) => 30% - At Risk',
          '[Cache all builds](https://okr.example.com/items/14) => 50% - On Track',
        ],
      ],
      [
        '[Harden auth](https://okr.example.com/items/20) => 70%',
        ['[Rotate keys](https://okr.example.com/items/21) => 70% - On Track'],
      ],
    ]);
    // The introduction is a sentence: a note, listed.
    expect(unplacedRows(m)).toContain(0);
  });

  test.each([
    ['https', '**[Status page](https://status.example.com) shows every outage**'],
    ['ftp', '**Mirror at ftp://files.example.com stays in sync**'],
    ['ipfs', '**Pin ipfs://bafy123 on three gateways**'],
    ['dweb', '**dweb:/ipfs/bafy123 resolves in two browsers**'],
  ])('a bold KR line holding a %s URL is one title', (_scheme, line) => {
    const m = read(`
## Be transparent
### Key Results
${line}
- Publish the runbook`);
    expect(outline(m)).toEqual([['Be transparent', [line.slice(2, -2)]]]);
  });

  it('an issue reference after a bold KR (`([repo/#24](...))`, `[#7](...)`) states no number; a rank to reach does', () => {
    const m = read(`
## Be transparent
### Key Results
**Publish the incident log.** ([status-site/#24](https://github.com/acme/status-site/issues/24))
- Fix [#7](https://github.com/acme/status-site/issues/7) first
**Reach #1 among status tools on the comparison site**`);
    expect(targets(m)).toEqual([[null, 1]]);
    expect(parts(m)).toEqual([[['Fix [#7](https://github.com/acme/status-site/issues/7) first'], []]]);
  });
});

describe('a heading naming only a cycle is the cycle of what follows, not an objective', () => {
  test.each([
    [
      'en: ## Q3 2024 OKRs over objective bullets with KR sub-bullets',
      `
## Q3 2024 OKRs
- Grow revenue
  - Reach 40 paying customers
  - Sign 2 resellers
- Hire well
  - Fill 3 engineering roles`,
      [
        ['Grow revenue', ['Reach 40 paying customers', 'Sign 2 resellers']],
        ['Hire well', ['Fill 3 engineering roles']],
      ],
      { start: '2024-07-01', end: '2024-09-30' },
    ],
    [
      'zh: ## 2024年第一季度 over objective bullets',
      `
## 2024年第一季度
- 提升用户留存
  - 次月留存达到40%
- 降低获客成本
  - 单个获客成本降到30元`,
      [
        ['提升用户留存', ['次月留存达到40%']],
        ['降低获客成本', ['单个获客成本降到30元']],
      ],
      { start: '2024-01-01', end: '2024-03-31' },
    ],
  ])('%s', (_name, text, expected, cycle) => {
    const m = read(text);
    expect(outline(m)).toEqual(expected);
    for (const o of m.objectives) expect({ start: o.cycle?.start, end: o.cycle?.end }).toEqual(cycle);
  });
});

describe('plain objective lines over bare KR bullets, in an outline without labels', () => {
  it('en: objectives under cycle headings, one with no KRs yet; the page title spells the method out', () => {
    const m = read(`
# Objectives and Key Results
## Quarterly
### Q2 2025
Launch the public beta
- 200 beta testers
- Crash rate under 1%

Write the handbook

## Yearly
### 2025
Build a sustainable studio
- 3 paying clients`);
    expect(outline(m)).toEqual([
      ['Launch the public beta', ['200 beta testers', 'Crash rate under 1%']],
      ['Write the handbook', []],
      ['Build a sustainable studio', ['3 paying clients']],
    ]);
    expect(m.objectives.map((o) => o.cycle?.id)).toEqual(['2025-Q2', '2025-Q2', '2025']);
    expect(targets(m)).toEqual([[200, 0.01], [], [3]]);
  });

  it('zh: plain objective lines with bullets; a sentence between them is a note', () => {
    const m = read(`
### 2024年第二季度
提升品牌影响力
- 公众号粉丝达到1万
- 发布4篇行业报告
下面的目标需要在季度中期再次确认是否仍然合适。
完善会员体系
- 付费会员达到500人`);
    expect(outline(m)).toEqual([
      ['提升品牌影响力', ['公众号粉丝达到1万', '发布4篇行业报告']],
      ['完善会员体系', ['付费会员达到500人']],
    ]);
    expect(unplacedRows(m)).toContain(4);
  });
});

describe('labels in another language glossed in English or Chinese, a KR label carrying its category', () => {
  test.each([
    [
      'de: Ziel (Objective) / Schlüsselergebnisse (Key Results), KR labels with a category',
      `
### OKR 1: Plattform erneuern
- **Ziel (Objective):** Die neue Plattform für alle Kunden live schalten
- **Schlüsselergebnisse (Key Results):**
  1. **KR 1 (Tempo):** Ladezeit unter 2 Sekunden
  2. **KR 2 (Qualität):** Höchstens 3 kritische Fehler`,
      [
        [
          'Die neue Plattform für alle Kunden live schalten',
          ['Ladezeit unter 2 Sekunden', 'Höchstens 3 kritische Fehler'],
        ],
      ],
    ],
    [
      'es with a Chinese gloss: Objetivo（目标）/ Resultados（关键结果）',
      `
## OKR 2: Crecer
- Objetivo（目标）：Duplicar las ventas en línea
- Resultados（关键结果）：
  - KR 1（Ventas）：Llegar a 200 pedidos al mes`,
      [['Duplicar las ventas en línea', ['Llegar a 200 pedidos al mes']]],
    ],
  ])('%s', (_name, text, expected) => {
    const m = read(text);
    expect(outline(m)).toEqual(expected);
    // The heading names the objective the glossed line states: it is a title, not a second objective.
    expect(m.objectives).toHaveLength(1);
  });
});
