/**
 * Classes of wording the last two ledger sheets showed (issue 10), each tried on sheets written here with other words,
 * sizes and languages than the corpus sheets: a Target cell naming two thresholds, zero written as a word, status and
 * error codes, at least / at most in other languages, versions beside counts, a Target line saying a change or a
 * placeholder, a labelled objective bullet under a numbered OKR heading, a priority in a label's brackets. Expected
 * values worked out by reading the sheets.
 */
import { inferFromText } from '../core/infer-target';
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
/** A KR table: Objective | Key Result | Target, one row per [title, target cell]. */
const table = (rows: [string, unknown][]): OkrModel =>
  read([['Objective', 'Key Result', 'Target'], ...rows.map(([t, v]) => ['Be fast', t, v])]);

describe('a Target cell naming two thresholds states no single target, and the words are not read for one', () => {
  test.each([
    ['glued, where the words name two measures', 'Lighthouse performance ≥ 85, accessibility ≥ 95', '85/95'],
    ['a comparator before the first', 'Lighthouse performance score ≥ 85 on mobile', '≥85 / 95'],
    ['a stretch noted after the pair', 'Weekly active teams reach 85', '85 / 95 (stretch)'],
    ['each threshold named', 'Publish 40 customer reviews', 'target 40 / stretch 60'],
    ['zero beside a share, the words holding one threshold', 'No oversells; stock accuracy ≥ 98%', '0 / 98%'],
  ])('%s: %s | %s', (_what, title, cell) => {
    const m = table([[title, cell]]);
    expect(krs(m).map((k) => k.target)).toEqual([null]);
    const p = m.problems.find((x) => x.field === 'target');
    expect(p?.message.en).toMatch(/several thresholds/);
    expect(p?.message.zh).toMatch(/多个阈值/);
  });

  test('a tally of things reached (4/4 paths) and a glued pair under one measure keep their first figure', () => {
    const m = table([
      ['Money paths covered by integration tests', '4/4 paths'],
      ['Pages converted to the new layout', '12/40'],
    ]);
    expect(krs(m).map((k) => k.target)).toEqual([4, 12]);
  });
});

describe('zero written as a word is a count held at 0', () => {
  test.each([
    ['en', 'Zero P1 incidents during the peak season'],
    ['es', 'Cero reclamaciones por envíos tardíos'],
    ['tr', 'Sıfır veri kaybı ile geçiş'],
    ['fr', 'Zéro panne bloquante en production'],
    ['zh', '实现零投诉'],
    ['zh, before a fault word', '上线后零宕机'],
    ['ja', '本番障害ゼロ'],
    ['ko', '보안 사고 제로'],
  ])('%s: %s', (_lang, text) => {
    const m = read(lines(`Objective: Be reliable\n- ${text}`));
    expect(krs(m).map((k) => [k.target, k.kind])).toEqual([[0, 'below']]);
  });

  test.each([
    ['a compound word', 'Ship zero-downtime deploys'],
    ['零 in a word of its own (retail)', '零售门店全部接入新系统'],
    ['零 as "from scratch"', '零基础完成数据分析课程'],
  ])('not a count: %s', (_what, text) => {
    expect(inferFromText(text).target).toBeNull();
  });

  test('zero beside a share in the words: two measures, no single target', () => {
    const t = inferFromText('Zero double charges; refund accuracy ≥ 99% every week');
    expect([t.target, t.measures]).toEqual([null, 2]);
  });
});

describe('status and error codes are names, not targets', () => {
  test.each([
    ['a plural status', 'Unknown product links return real 404s', null],
    ['a class of statuses, the share the target', 'Keep 5xx responses below 0.2% of requests', 0.002],
    ['a status after its kind', 'No status 503 during the sale weekend', null],
    ['a status with its reason', 'Eliminate 502 Bad Gateway errors at checkout', null],
    ['an error code, the count the target', 'Fix error code 1042 in 6 services', 6],
    ['a hexadecimal code', 'Installer no longer fails with 0x80070005', null],
  ])('%s: %s', (_what, text, target) => {
    expect(inferFromText(text).target).toBe(target);
  });

  test('the reader names the code it set aside', () => {
    const m = read(lines('O1: Clean links\nKR1: Unknown product links return real 404s'));
    const p = m.problems.find((x) => x.field === 'target');
    expect(p?.message.en).toContain('"404s"');
    expect(p?.message.en).toMatch(/version, product, standard or code/);
  });
});

describe('at least / at most in the languages the reader reads', () => {
  test.each([
    ['tr', 'En az 3 yeni pazara açılmak', 3, 'above'],
    ['tr', "Kritik hata sayısını 4'ün altında tutmak", 4, 'below'],
    ['es', 'Conseguir al menos 40 clientes de pago', 40, 'above'],
    ['pt', 'Manter pelo menos 95% de disponibilidade', 0.95, 'above'],
    ['fr', 'Signer au moins 12 contrats annuels', 12, 'above'],
    ['de', 'Mindestens 30 neue Kunden gewinnen', 30, 'above'],
    ['es', 'Responder como máximo en 4 horas hábiles', 4, 'below'],
    ['ko', '월간 사용자 최소 5000명', 5000, 'above'],
    ['ko', '응답 시간 최대 200ms', 200, 'below'],
    ['ja', '少なくとも3件の導入事例を公開', 3, 'above'],
  ])('%s: %s', (_lang, text, target, kind) => {
    const t = inferFromText(text);
    expect([t.target, t.kind]).toEqual([target, kind]);
  });
});

describe('the percent sign first with a decimal comma (Turkish)', () => {
  test.each([
    ["Dönüşüm oranını %12,5'e çıkarmak", null, 0.125],
    ["Hata oranını %0,5'in altına indirmek", null, 0.005],
    ["İade oranını %4,5'ten %2,5'e düşürmek", 0.045, 0.025],
  ])('%s', (text, start, target) => {
    const t = inferFromText(text);
    expect(t.start).toBe(start);
    expect(t.target).toBeCloseTo(target, 9);
  });

  test('in a Target cell', () => {
    const m = table([['Dönüşüm oranı', '%12,5']]);
    expect(krs(m)[0].target).toBeCloseTo(0.125, 9);
  });
});

describe('number words of other languages: after "at least", or early in the sentence, the count to reach', () => {
  test.each([
    ['tr', 'En az iki yeni entegrasyon canlıda', 2],
    ['es', 'Abrir locales en al menos tres ciudades', 3],
    ['pt', 'Fechar pelo menos duas parcerias', 2],
    ['fr', 'Signer au moins deux distributeurs', 2],
    ['de', 'Mindestens vier Standorte eröffnen', 4],
  ])('%s: %s', (_lang, text, target) => {
    const t = inferFromText(text);
    expect([t.target, t.kind]).toEqual([target, 'above']);
  });

  test.each([
    ['es', 'Abrir tres nuevas tiendas en Lima', 3],
    ['pt', 'Três novos parceiros de logística', 3],
    ['fr', 'Lancer deux nouvelles offres', 2],
    ['de', 'Drei Partner im Handel gewinnen', 3],
    ['tr, capital dotted İ', 'İki yeni pazara açılmak', 2],
  ])('early in the sentence, like English words: %s: %s', (_lang, text, target) => {
    expect(inferFromText(text).target).toBe(target);
  });

  test.each([
    ['es: an article', 'Lanzar una app de pedidos'],
    ['pt: "dos" is "of the"', 'Aumentar a satisfação dos clientes'],
    ['fr: "neuf" is "new"', 'Un site neuf pour la boutique'],
    ['tr: an article', 'Bir ödeme altyapısı kurmak'],
    ['de: an article', 'Eine neue Filiale eröffnen'],
  ])('not a count: %s', (_what, text) => {
    expect(inferFromText(text).target).toBeNull();
  });
});

describe('versions in the wording are names; a count after a label-like verb is a count', () => {
  test.each([
    ['a common word that names an engine, whole version', 'Port the mobile game to Unity 6'],
    ['the same, at the start', 'Swift 6 migration of the iOS app finished'],
    ['a version upgraded to, in Chinese', '把Java 8升级到17'],
    ['the same, the product named twice', '从Node 16升级到Node 20'],
    ['upgraded to, in English', 'Java 11 upgraded to 21 on every service'],
  ])('%s: %s', (_what, text) => {
    const t = inferFromText(text);
    expect([t.target, t.start, t.kind]).toEqual([null, null, 'binary']);
  });

  test.each([
    ['Release 2 betas to the pilot schools', 2],
    ['Issue 40 refunds without manual review', 40],
    ['Ship 3 features on Unity 6', 3],
  ])('a count: %s', (text, target) => {
    expect(inferFromText(text).target).toBe(target);
  });

  test('a label number is still a label: Release 2 of the SDK', () => {
    expect(inferFromText('Release 2 of the SDK is public').target).toBeNull();
  });
});

describe('a Target line under a KR saying a change or a placeholder states no target', () => {
  test.each([
    ['tr, a reduction', '- KR 1: Sipariş hatalarını azaltmak\n  - Hedef: 25% azalma', null],
    ['ko, a reduction after the share', '- KR 1: 배송 지연 줄이기\n  - 목표: 20% 감소', null],
    [
      'en, a placeholder beside a share in the words',
      '- KR 1: Integrate XX data sources at 100% accuracy\n  - Target: TBD',
      null,
    ],
    ['tr, a placeholder', '- KR 1: X adet kaynağı %100 doğrulukla bağlamak\n  - Hedef: X', null],
  ])('%s', (_what, block, target) => {
    const m = read(lines(`Objective: Be dependable\n${block}`));
    expect(krs(m).map((k) => k.target)).toEqual([target]);
  });

  test('a number on the Target line is still the target', () => {
    const m = read(lines('Objective: Be dependable\n- KR 1: Sipariş hatalarını azaltmak\n  - Hedef: 12 hata'));
    expect(krs(m).map((k) => k.target)).toEqual([12]);
  });
});

describe('a labelled objective bullet under a numbered OKR heading is the objective, not a glossary', () => {
  test.each([
    [
      'tr',
      '### OKR 1: Ödeme Altyapısı (Proje A)\n\n* **Hedef (Objective):** Ödemeleri tek altyapıda toplamak.\n* **Tip:** Takım\n\n* **Anahtar Sonuçlar (Key Results):**\n    1. **KR 1 (Hız):** 5 bankayı bağlamak.',
      'Ödemeleri tek altyapıda toplamak.',
    ],
    [
      'en',
      '## Objective 2: Support (Team B)\n\n- **Goal (Objective):** Answer every customer the same day.\n- **Why:** Customers wait too long.\n\n- **Key Results:**\n  1. **KR 1:** Median first reply under 4 hours.',
      'Answer every customer the same day.',
    ],
    [
      'zh',
      '### OKR 3：会员体系\n\n- **目标(Objective)：** 让老客户愿意回来。\n- **背景：** 老客户流失\n\n- **关键结果：**\n  1. **KR 1：** 复购率达到 35%',
      '让老客户愿意回来。',
    ],
  ])('%s', (_lang, text, objective) => {
    const m = read(lines(text));
    expect(m.objectives.map((o) => [o.title, o.krs.length])).toEqual([[objective, 1]]);
  });

  test('a glossary under an unnumbered heading is still a glossary', () => {
    const m = read(lines('## OKR terms\n\n- **Objective:** what we want\n- **KPI:** what we track'));
    expect(m.objectives).toEqual([]);
  });
});

describe('a priority in the brackets of a label is kept as the item priority', () => {
  test.each([
    ['plain lines', 'O1: Ship checkout\nKR1 (P0): Conversion reaches 4%\nKR2 (P1): 200 orders through the flow'],
    ['bullets', 'O1: Ship checkout\n- KR 1 (P0): Conversion reaches 4%\n- KR 2 (p1): 200 orders through the flow'],
    [
      'bold labels',
      'O1: Ship checkout\n**KR1 (P0):** Conversion reaches 4%\n**KR2 (P1):** 200 orders through the flow',
    ],
  ])('%s', (_what, text) => {
    const m = read(lines(text));
    expect(krs(m).map((k) => [k.title, k.extra.Priority])).toEqual([
      ['Conversion reaches 4%', 'P0'],
      ['200 orders through the flow', 'P1'],
    ]);
  });

  test('in a KR column of a table', () => {
    const m = table([['KR1 (P0): Conversion reaches 4%', 0.04]]);
    expect(krs(m).map((k) => k.extra.Priority)).toEqual(['P0']);
  });
});

describe('a count before a word that opens like a month is a count; a date with a month name is no target', () => {
  test.each([
    ['Launch in 2 markets', 2],
    ['Hire 2 junior engineers', 2],
    ['Make 3 decisions per week with the board', 3],
    ['Run 4 marketing campaigns', 4],
  ])('%s', (text, target) => {
    expect(inferFromText(text).target).toBe(target);
  });

  test.each(['Ship the app by March 18', 'Ship the app by 18 March 2026', 'Launch the store on Sept. 3'])(
    'a date: %s',
    (text) => {
      expect(inferFromText(text).target).toBeNull();
    },
  );
});
