import fc from 'fast-check';
import { fnOkrPace, fnOkrScore, fnOkrStatus, fnRollup, isCellError, type CellOut } from '../core/functions';
import { rollup, scoreKr } from '../core/score';
import { isoToSerial, parseDate, parseDone, parseMeasure, parseNumber, serialToIso } from '../core/values';

const RUNS = { numRuns: 500 };

/** Anything a host could pass, and more: nested arrays, Dates, typed text, objects, symbols. */
/** Text built from the characters people type into number cells, so the parser's odd corners get exercised. */
const numberishText = fc.stringOf(
  fc.constantFrom(
    ...'0123456789,. %‰$¥￥€万亿千百kKwWmMbB-−+()（）１２３，．％XxTBD完成是否点十两元家 \u00a0e'.split(''),
  ),
  { maxLength: 14 },
);

const hostValue = fc.oneof(
  numberishText,
  fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withNullPrototype: true,
    withBoxedValues: true,
  }),
  fc.constantFrom(
    '',
    null,
    undefined,
    '50%',
    '1,200',
    '¥3.5万',
    'XX',
    'done',
    '完成',
    NaN,
    Infinity,
    -Infinity,
    Symbol('s'),
    new Date(NaN),
  ),
  fc.double(),
  fc.string(),
  fc.array(fc.array(fc.oneof(fc.double(), fc.string(), fc.constant(null)), { maxLength: 3 }), { maxLength: 3 }),
);

function isWellFormedCell(v: CellOut): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v === 'string') return true;
  // only the two codes Excel shows a custom message for
  return isCellError(v) && (v.error === '#VALUE!' || v.error === '#N/A') && v.message.length > 0 && v.zh.length > 0;
}

describe('the value parser never throws and never returns NaN', () => {
  test('parseNumber / parseMeasure / parseDone / parseDate on anything', () => {
    fc.assert(
      fc.property(hostValue, (v) => {
        const n = parseNumber(v);
        if (n.ok) expect(Number.isFinite(n.value)).toBe(true);
        else if (!n.blank) expect(typeof n.error.message.en).toBe('string');
        const m = parseMeasure(v);
        if (m.ok && m.value.type === 'number') expect(Number.isFinite(m.value.value)).toBe(true);
        const d = parseDone(v);
        if (d.ok) expect(typeof d.value).toBe('boolean');
        const dt = parseDate(v);
        if (dt.ok) expect(dt.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }),
      RUNS,
    );
  });

  test('formatted integers read back: 1,234,567 / $1,234 / 12% / full-width digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), (n) => {
        expect(parseNumber(n.toLocaleString('en-US'))).toMatchObject({ ok: true, value: n });
        expect(parseNumber(`${n}%`)).toMatchObject({ ok: true, percent: true });
        const pct = parseNumber(`${n}%`);
        if (pct.ok) expect(pct.value).toBeCloseTo(n / 100, 6);
        const fullWidth = String(Math.abs(n)).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
        expect(parseNumber(fullWidth)).toMatchObject({ ok: true, value: Math.abs(n) });
      }),
      RUNS,
    );
  });

  test('serial -> ISO -> serial round-trips (except the phantom 1900-02-29)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2958465 }).filter((s) => s !== 60),
        (s) => {
          const iso = serialToIso(s);
          expect(iso).not.toBeNull();
          expect(isoToSerial(iso as string)).toBe(s);
          expect(parseDate(s)).toMatchObject({ ok: true, value: iso });
        },
      ),
      RUNS,
    );
  });
});

describe('OKRSCORE', () => {
  test('never throws for anything; every cell is a finite number, text or a CellError', () => {
    fc.assert(
      fc.property(hostValue, hostValue, hostValue, hostValue, (c, t, s, k) => {
        const out = fnOkrScore(c, t, s, k);
        expect(Array.isArray(out)).toBe(true);
        for (const row of out)
          for (const v of row) {
            expect(isWellFormedCell(v)).toBe(true);
            if (typeof v === 'number') {
              expect(v).toBeGreaterThanOrEqual(0);
              expect(v).toBeLessThanOrEqual(1);
            }
          }
      }),
      RUNS,
    );
  });

  test('every numeric score is in [0, 1], whatever the kind', () => {
    const kind = fc.constantFrom('auto', 'increase', 'decrease', 'above', 'below', 'binary', null, undefined, '');
    const n = fc.oneof(fc.double({ noNaN: true, min: -1e12, max: 1e12 }), fc.constant(null));
    fc.assert(
      fc.property(fc.array(fc.tuple(n, n, n), { minLength: 1, maxLength: 20 }), kind, (rows, k) => {
        const out = fnOkrScore(
          rows.map((r) => [r[0]]),
          rows.map((r) => [r[1]]),
          rows.map((r) => [r[2]]),
          k,
        );
        expect(out).toHaveLength(rows.length);
        for (const [v] of out) {
          if (typeof v === 'number') {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1);
          }
        }
      }),
      RUNS,
    );
  });

  test('a decreasing KR is an increasing one mirrored: score(c, t, s) = score(-c, -t, -s)', () => {
    const x = fc.integer({ min: -1e6, max: 1e6 });
    fc.assert(
      fc.property(x, x, x, (c, t, s) => {
        fc.pre(t !== s);
        const a = scoreKr({ current: c, target: t, start: s });
        const b = scoreKr({ current: -c, target: -t, start: -s });
        expect(a.ok && b.ok).toBe(true);
        if (a.ok && b.ok) {
          expect(a.score).toBeCloseTo(b.score, 9);
          expect(a.kind).not.toBe(b.kind);
        }
      }),
      RUNS,
    );
  });

  test('moving toward the target never lowers the score', () => {
    const x = fc.integer({ min: -1e6, max: 1e6 });
    fc.assert(
      fc.property(x, x, x, fc.nat({ max: 1e6 }), (c, t, s, step) => {
        fc.pre(t !== s);
        const dir = t > s ? 1 : -1;
        const a = scoreKr({ current: c, target: t, start: s });
        const b = scoreKr({ current: c + dir * step, target: t, start: s });
        if (a.ok && b.ok) expect(b.score).toBeGreaterThanOrEqual(a.score);
      }),
      RUNS,
    );
  });
});

describe('ROLLUP', () => {
  test('lies between the smallest and largest counted score', () => {
    const item = fc.tuple(
      fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(null)),
      fc.double({ min: 0, max: 100, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 30 }), (items) => {
        const scores = items.map((i) => i[0]);
        const weights = items.map((i) => i[1]);
        const r = rollup(scores, weights);
        const counted = items.filter((i) => i[0] !== null && i[1] > 0).map((i) => i[0] as number);
        if (counted.length === 0) {
          expect(r.ok).toBe(false);
          return;
        }
        expect(r.ok).toBe(true);
        if (r.ok) {
          expect(r.value).toBeGreaterThanOrEqual(Math.min(...counted) - 1e-12);
          expect(r.value).toBeLessThanOrEqual(Math.max(...counted) + 1e-12);
        }
        // the host function agrees with the core rollup
        const f = fnRollup(
          scores.map((s) => [s ?? '']),
          weights.map((w) => [w]),
        );
        if (r.ok) expect(f).toBeCloseTo(r.value, 9);
      }),
      RUNS,
    );
  });

  test('scaling every weight (fractions vs percentages) does not change the result', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 100 })), {
          minLength: 1,
          maxLength: 20,
        }),
        (items) => {
          const a = rollup(
            items.map((i) => i[0]),
            items.map((i) => i[1]),
          );
          const b = rollup(
            items.map((i) => i[0]),
            items.map((i) => i[1] / 100),
          );
          expect(a.ok && b.ok).toBe(true);
          if (a.ok && b.ok) expect(a.value).toBeCloseTo(b.value, 9);
        },
      ),
      RUNS,
    );
  });

  test('never throws for anything', () => {
    fc.assert(
      fc.property(hostValue, hostValue, (s, w) => {
        const out = fnRollup(s, w);
        expect(isWellFormedCell(out)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('OKRSTATUS and OKRPACE never throw', () => {
  test('for anything', () => {
    fc.assert(
      fc.property(hostValue, hostValue, hostValue, hostValue, (a, b, c, d) => {
        for (const row of fnOkrStatus(a, b, c, d)) for (const v of row) expect(isWellFormedCell(v)).toBe(true);
        for (const row of fnOkrPace(a, b, c, d)) for (const v of row) expect(isWellFormedCell(v)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
