/**
 * Label lines and amounts hold-out set 5 showed (issue 10): a fenced block defining the OKR words is a glossary (notes),
 * a label naming a quarter without a year (`**Objective Q1:**`, `Key Results H2:`) is a label, and amounts in Rupiah
 * and Vietnamese dong with their scale words (`Rp 50 juta`, `Rp 1,5 miliar`, `2 triệu`), from-to in Indonesian and
 * Vietnamese. Constructed sheets written here (other words, sizes and languages than the corpus sheet); expected
 * values worked out by reading them.
 */
import { inferFromText } from '../core/infer-target';
import { readModel } from '../core/parse-sheet';
import { resolveSettings } from '../core/settings';
import { parseNumber } from '../core/values';
import type { OkrModel } from '../core/model';

const lines = (text: string): string[][] =>
  text
    .replace(/^\n/, '')
    .split('\n')
    .map((l) => [l]);
const read = (values: unknown[][]): OkrModel =>
  readModel({ name: 'S', origin: { row: 0, col: 0 }, values }, { settings: resolveSettings({}), today: '2026-12-07' });
const shape = (m: OkrModel) => m.objectives.map((o) => ({ title: o.title, krs: o.krs.map((k) => k.title) }));
const unplacedTexts = (m: OkrModel) => (m.reading?.unplaced ?? []).map((u) => u.text.trim());

describe('a fenced block defining the OKR words, then objectives labelled with a quarter', () => {
  test('English: the definitions are notes; each `**Objective Q1:**` is an objective with its KRs', () => {
    const m = read(
      lines(`
# Team OKR playbook

\`\`\`
Objective (O): What the team wants to achieve
Key Results (KR): How the team knows it got there
\`\`\`

## Support team
**Objective Q3:** Make support feel instant

**Key Results:**
- KR1: Cut first response time from 4 hours to 1 hour
- KR2: Resolve 80% of tickets in one reply

**Objective Q4:** Turn support into a sales channel

**Key Results:**
- KR1: Log 40 upsell leads from support chats`),
    );
    expect(shape(m)).toEqual([
      {
        title: 'Make support feel instant',
        krs: ['Cut first response time from 4 hours to 1 hour', 'Resolve 80% of tickets in one reply'],
      },
      { title: 'Turn support into a sales channel', krs: ['Log 40 upsell leads from support chats'] },
    ]);
    expect(unplacedTexts(m)).toEqual(
      expect.arrayContaining([
        'Objective (O): What the team wants to achieve',
        'Key Results (KR): How the team knows it got there',
      ]),
    );
  });

  test('Spanish: `Objetivo H2:` labels after a fenced glossary', () => {
    const m = read(
      lines(`
\`\`\`text
Objetivo (O): Qué queremos lograr
Resultados clave (KR): Cómo sabremos que lo logramos
\`\`\`

Objetivo H1: Abrir la tienda online
- KR1: Publicar 200 productos
- KR2: Lograr 50 pedidos al mes

Objetivo H2: Fidelizar a los clientes
- KR1: Subir la recompra de 10% a 25%`),
    );
    expect(shape(m)).toEqual([
      { title: 'Abrir la tienda online', krs: ['Publicar 200 productos', 'Lograr 50 pedidos al mes'] },
      { title: 'Fidelizar a los clientes', krs: ['Subir la recompra de 10% a 25%'] },
    ]);
  });

  test('a fenced block of real OKR lines (no definitions) is still read', () => {
    const m = read(
      lines(`
\`\`\`
Objective: Ship the mobile app
KR1: Reach 1,000 installs
KR2: Keep the crash rate under 1%
\`\`\``),
    );
    expect(shape(m)).toEqual([
      { title: 'Ship the mobile app', krs: ['Reach 1,000 installs', 'Keep the crash rate under 1%'] },
    ]);
  });
});

describe('Rupiah and dong amounts with their scale words', () => {
  test.each([
    ['Rp 50 juta', 50e6],
    ['Rp 1,5 miliar', 1.5e9],
    ['Rp 250 ribu', 250e3],
    ['IDR 2 triliun', 2e12],
    ['3 triệu', 3e6],
    ['1,2 tỷ', 1.2e9],
  ])('parseNumber(%s)', (text, value) => {
    expect(parseNumber(text)).toMatchObject({ ok: true, value });
  });

  test('an Indonesian sheet: targets and from-to in Rupiah', () => {
    const m = read(
      lines(`
Objective Q2: Tumbuhkan penjualan online
- KR1: Capai pendapatan Rp 1,5 miliar
- KR2: Naikkan rata-rata order dari Rp 150 ribu menjadi Rp 200 ribu
- KR3: Reduce cost per lead from Rp 90K to Rp 60K`),
    );
    expect(m.objectives[0].krs.map((k) => [k.startGiven ? k.start : null, k.target])).toEqual([
      [null, 1.5e9],
      [150e3, 200e3],
      [90e3, 60e3],
    ]);
  });

  test.each([
    ['vi', 'Tăng doanh thu từ 2 triệu lên 5 triệu mỗi ngày', 2e6, 5e6],
    ['vi, percent', 'Tăng tỷ lệ giữ chân từ 20% lên 35%', 0.2, 0.35],
    ['id', 'Turunkan biaya iklan dari Rp 40 juta ke Rp 25 juta', 40e6, 25e6],
  ])('%s: %s', (_lang, text, start, target) => {
    const r = inferFromText(text);
    expect([r.start, r.target]).toEqual([start, target]);
  });
});
