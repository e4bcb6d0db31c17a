/**
 * The custom functions as Sheets calls them in the built bundle: a single cell arrives as a scalar, a range as a 2D
 * array, a blank as '', an omitted optional as undefined. Expected values are worked out from the domain rules.
 */
import { loadProject } from './harness';

const p = loadProject();
const OKRSCORE = (...a: unknown[]) => p.call('OKRSCORE', ...a);
const ROLLUP = (...a: unknown[]) => p.call('ROLLUP', ...a);
const OKRPACE = (...a: unknown[]) => p.call('OKRPACE', ...a);
const OKRSTATUS = (...a: unknown[]) => p.call('OKRSTATUS', ...a);

describe('OKRSCORE', () => {
  test('scalars: increase, decrease (same formula, no inversion), stay above/below, done', () => {
    expect(OKRSCORE(0.21, 0.25, 0.18)).toBeCloseTo(0.03 / 0.07, 10);
    expect(OKRSCORE(0.04, 0.03, 0.05)).toBeCloseTo(0.5, 10);
    expect(OKRSCORE(4.9, 4.8, undefined, 'above')).toBe(1);
    expect(OKRSCORE(52, 48, undefined, 'below')).toBe(0);
    expect(OKRSCORE('完成', '', undefined, 'binary')).toBe(1);
  });

  test('omitted optionals arrive as undefined: start defaults to 0', () => {
    expect(OKRSCORE(50, 100)).toBeCloseTo(0.5, 10);
    expect(OKRSCORE('50%', '200%')).toBeCloseTo(0.25, 10);
  });

  test('a wrong-way move scores 0 and over-achievement is capped at 1', () => {
    expect(OKRSCORE(0.1, 0.25, 0.18)).toBe(0);
    expect(OKRSCORE(300, 200, 100)).toBe(1);
  });

  test('a blank row gives a blank', () => {
    expect(OKRSCORE('', '', '')).toBe('');
  });

  test('a bad single cell throws a message naming the value (Sheets shows it in the tooltip)', () => {
    expect(() => OKRSCORE('about half', 100)).toThrow(/about half/);
  });

  test('ranges give one score per row; a bad row gives its own error text and the others still score', () => {
    const out = OKRSCORE(
      [[0.21], ['about half'], [''], [3.1]],
      [[0.25], [100], [''], [2.8]],
      [[0.18], [0], [''], [3.5]],
    );
    expect(out).toHaveLength(4);
    expect(out[0][0]).toBeCloseTo(0.03 / 0.07, 10);
    expect(typeof out[1][0]).toBe('string');
    expect(out[1][0]).toMatch(/^#VALUE!.*about half/);
    expect(out[2][0]).toBe('');
    expect(out[3][0]).toBeCloseTo(0.4 / 0.7, 10);
  });

  test('a range against single cells broadcasts', () => {
    expect(OKRSCORE([[25], [50], [100]], 100)).toEqual([[0.25], [0.5], [1]]);
  });

  test('10,000 rows come back from one call, row by row', () => {
    const n = 10000;
    const cur = Array.from({ length: n }, (_, i) => [i % 101]);
    const out = OKRSCORE(cur, 100, 0);
    expect(out).toHaveLength(n);
    expect(out[0][0]).toBe(0);
    expect(out[50][0]).toBeCloseTo(0.5, 10);
    expect(out[n - 1][0]).toBeCloseTo(((n - 1) % 101) / 100, 10);
  });
});

describe('ROLLUP', () => {
  test('weighted mean; blank scores are skipped with their weights; percentages normalised', () => {
    expect(ROLLUP([[1], [0.5], ['']], [[0.4], [0.6], [0.2]])).toBeCloseTo((0.4 * 1 + 0.6 * 0.5) / 1.0, 10);
    expect(ROLLUP([[1], [0]], [['75%'], ['25%']])).toBeCloseTo(0.75, 10);
  });
  test('equal weights by default; weight 0 excludes', () => {
    expect(ROLLUP([[1], [0.5], [0]])).toBeCloseTo(0.5, 10);
    expect(ROLLUP([[1], [0]], [[1], [0]])).toBe(1);
  });
  test('all blank gives a blank', () => {
    expect(ROLLUP([[''], ['']])).toBe('');
  });
});

describe('OKRSTATUS and OKRPACE', () => {
  test('committed and aspirational read 1.0 differently', () => {
    const committed = OKRSTATUS(1, 'committed');
    const aspirational = OKRSTATUS(1, 'aspirational');
    expect(typeof committed).toBe('string');
    expect(committed).not.toBe(aspirational);
    expect(OKRSTATUS(1, 'committed', undefined, undefined, 'zh')).toMatch(/[\u4e00-\u9fff]/);
  });

  test('dates arrive as Date objects from Sheets: pace is linear from cycle start to due', () => {
    const start = new Date(2026, 9, 1);
    const due = new Date(2026, 11, 31);
    const today = new Date(2026, 10, 15);
    // expected progress 45/91 = 49.5 points: 0.40 is 9.5 behind (behind), 0.10 is 39.5 behind (at risk).
    expect(OKRPACE(0.4, start, due, today)).toMatch(/behind/i);
    expect(OKRPACE(0.1, start, due, today)).toMatch(/risk/i);
    expect(OKRPACE(0.6, start, due, today)).toMatch(/on track/i);
    expect(OKRPACE(1, start, due, today)).toMatch(/done/i);
  });
});
