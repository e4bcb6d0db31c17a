/**
 * Numbers in a KR's wording that are not the quantity to reach (issue 10, "numbers guessed from KR wording"): versions
 * and products or standards with a number, the things compared, counts written with '+' in brackets, multipliers and
 * spec lines listing several measures. Constructed sheets in English and Chinese, other words and sizes than the
 * corpus sheets that showed the class; every expected value worked out by reading the KR as a person would.
 */
import { readModel } from '../core/parse-sheet';
import { resolveSettings } from '../core/settings';
import type { KeyResult, OkrModel } from '../core/model';

const read = (values: unknown[][]): OkrModel =>
  readModel({ name: 'S', origin: { row: 0, col: 0 }, values }, { settings: resolveSettings({}), today: '2026-12-07' });
/** The one KR of a two-line outline. */
const krOf = (kr: string): KeyResult => read([['O1: Ship the platform'], [`KR1: ${kr}`]]).objectives[0].krs[0];
const targetProblems = (m: OkrModel) => m.problems.filter((p) => p.field === 'target');

describe('a version, product or standard with a number is a name: the KR is a milestone', () => {
  test.each([
    'Upgrade the checkout app to React 19',
    'Move every lambda to Python 3.12',
    'Run the API gateway on Node 22',
    'Support iOS 18 in the field app',
    'Publish the 2.0 release of the SDK',
    'stable 3.0 version of the plugin shipped',
    'gossipsub 1.0 is implemented',
    'Web 3.0 wallet integration live',
    'Pass the SOC 2 Type II audit',
    'Get ISO 27001 certified',
    'Meet WCAG 2.2 AA on the checkout pages',
    'Upgrade the clusters to 1.30',
    'Move the build to Spring Boot 3',
    'Ship the OpenAPI 3.1 spec for every endpoint',
    'Cut over to PostgreSQL 16',
    '完成版本3.0的上线',
    '会员商城2.0上线',
    '完成鸿蒙5适配',
    '安卓15适配完成',
    '发布第2版产品手册',
    // Several versions of one name.
    'Support Node 20/22 in CI',
    'Upgrade Node 20 to 22',
    'Pass the SOC 1 and 2 audits',
    'Launch the 5G pilot',
    '3D打印原型通过验收',
  ])('%p: no target, a milestone', (kr) => {
    const k = krOf(kr);
    expect([k.target, k.kind]).toEqual([null, 'binary']);
  });

  test('the reader says which name it set aside, in both languages', () => {
    const m = read([['O1: Modernise the stack'], ['KR1: Upgrade the admin console to Angular 18']]);
    const [p] = targetProblems(m);
    expect(p.message.en).toContain('"Angular 18"');
    expect(p.message.en).toMatch(/version, product, standard or code/);
    expect(p.message.zh).toContain('“Angular 18”');
    expect(p.message.zh).toMatch(/完成\/未完成/);
  });

  test.each([
    // The count beside the version is the quantity; the version is not.
    ['Roll out Windows 11 to 800 laptops', 800],
    ['Migrate 12 services to Python 3.12', 12],
    ['Upgrade 40 clusters to 1.30', 40],
    ['Roll out React 19 to 500 apps', 500],
    ['Ship iOS 18 and 19 builds to 300 testers', 300],
    ['把30家门店的收银系统升级到3.0版本', 30],
    // A number after a word that leads a quantity, or counting things, stays a quantity.
    ['Raise the app rating to 4.0', 4],
    ['Keep CSAT at least 4.0', 4],
    ['GitHub 2000 stars', 2000],
    ['评分达到4.0', 4],
  ])('%p -> target %p', (kr, want) => {
    expect(krOf(kr).target).toBe(want);
  });

  test('a start and a target written N.0 are a change, not a version: 分数 4.0 -> 4.6', () => {
    const k = krOf('客户满意度分数 4.0 -> 4.6');
    expect([k.start, k.target]).toEqual([4, 4.6]);
  });
});

describe('the things compared, and a range after "between", state no target', () => {
  test.each([
    'Show a visual diff of the BOM between 2 revisions',
    'Users can compare layouts between 3 saved drafts',
    'Keep between 10 and 20 concurrent sessions per node',
    '支持在2个版本之间对比差异',
  ])('%p: no target', (kr) => {
    expect(krOf(kr).target).toBeNull();
  });
});

describe("a count with '+' in brackets is the size to reach; a definition with '+' is not", () => {
  test.each([
    ['Soak test on a staging fleet (20k+ devices)', 20000],
    ['扩大种子用户群（5万+用户）', 50000],
    // The count outside the brackets is the quantity, the bracket a note on it.
    ['Ship 4 connectors (1k+ installs each)', 4],
  ])('%p -> target %p', (kr, want) => {
    expect(krOf(kr).target).toBe(want);
  });

  test.each([
    // The bracket defines who a rate counts.
    'Weekly engaged user rate (3+ sessions per week)',
    '高活跃用户占比（每周5+次登录）',
  ])('%p: no target', (kr) => {
    expect(krOf(kr).target).toBeNull();
  });
});

describe('a multiplier is a change of an unstated base, or one measure among several', () => {
  test.each(['Make the nightly build 4x faster', 'Improve checkout throughput 2x', 'Grow trial signups by 3x'])(
    '%p: no target, the problem says "times the start"',
    (kr) => {
      const m = read([['O1: Scale'], [`KR1: ${kr}`]]);
      expect(m.objectives[0].krs[0].target).toBeNull();
      const [p] = targetProblems(m);
      expect(p.message.en).toMatch(/times the start/);
      expect(p.message.zh).toMatch(/倍/);
    },
  );

  test('with a start said in the text, the target is that many times the start', () => {
    const k = krOf('Grow weekly signups 3x (baseline 400)');
    expect([k.start, k.target]).toEqual([400, 1200]);
  });

  test.each([
    // A spec line of several measures, one of them a multiplier in its own clause.
    '核心算子100%覆盖，首日可用，第7天推理性能达到1.2x',
    'Feature parity 100%, day-one install, throughput 0.9x of the C++ engine',
    // A unit glued to its number ('<200ms') is a measure of its own.
    '可用性99.9%，P95延迟<200ms',
  ])('%p: several measures, no single target', (kr) => {
    const m = read([['O1: 推理引擎'], [`KR1: ${kr}`]]);
    expect(m.objectives[0].krs[0].target).toBeNull();
    expect(targetProblems(m)[0].message.en).toMatch(/2 measures/);
  });

  test.each([
    // A multiplier opening its clause compares the count before it with a base: the count is the target.
    ['Reach 12k members, 3x last year', 12000],
    // A frequency, not a multiplier.
    ['Publish 2x/week on the blog', 2],
    // A compound word ('day-one') is no count.
    ['Day-one support for 6 partner apps', 6],
  ])('%p -> target %p', (kr, want) => {
    expect(krOf(kr).target).toBe(want);
  });
});

describe('thresholds of several named measures side by side state no single target', () => {
  test.each([
    'Lighthouse: Performance ≥ 90, SEO ≥ 95 on every page',
    'p95 TTFB ≤ 300ms and error rate ≤ 0.5% on checkout',
  ])('%p: no target', (kr) => {
    expect(krOf(kr).target).toBeNull();
  });

  test('a threshold after a count qualifies it: the count is the target', () => {
    expect(krOf('12 case studies published, avg rating >4').target).toBe(12);
  });

  test('a target cell holding two bare figures (90 / 95, 20% / 85%) names two thresholds, not a rate', () => {
    const m = read([
      ['Objective', 'Key result', 'Target'],
      ['Fast storefront', 'Performance and accessibility scores on mobile', '90 / 95'],
      ['Fast storefront', 'Conversion and cart engagement', '20% / 85%'],
      ['Fast storefront', 'Orders per day', '40/day'],
    ]);
    expect(m.objectives[0].krs.map((k) => k.target)).toEqual([null, null, 40]);
  });
});
