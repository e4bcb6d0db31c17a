import {
  EXCEL_ERROR_CODE,
  FUNCTION_DOCS,
  fnOkrPace,
  fnOkrScore,
  fnOkrStatus,
  fnRollup,
  isCellError,
  toSheetsOutput,
  type CellError,
  type CellOut,
} from '../core/functions';

function err(v: CellOut): CellError {
  if (!isCellError(v)) throw new Error(`expected an error, got ${JSON.stringify(v)}`);
  return v;
}

function col(xs: unknown[]): unknown[][] {
  return xs.map((x) => [x]);
}

describe("OKRSCORE: both hosts' argument shapes", () => {
  test('Excel: 1x1 matrices and null for omitted optionals', () => {
    expect(fnOkrScore([[50]], [[200]], null, null)).toEqual([[0.25]]);
  });

  test('Sheets: scalars and undefined for omitted optionals', () => {
    expect(fnOkrScore(50, 200)).toEqual([[0.25]]);
    expect(fnOkrScore(50, 200, undefined, undefined)).toEqual([[0.25]]);
  });

  test('Sheets blank cells arrive as "": a blank start defaults to 0, a blank kind to auto', () => {
    expect(fnOkrScore(50, 200, '', '')).toEqual([[0.25]]);
    expect(fnOkrScore([[50]], [[200]], [['']], [['']])).toEqual([[0.25]]);
  });

  test("a column broadcast against single cells spills with the column's shape", () => {
    // reduce churn from 5% to 3%: 4% -> 0.5, 3.5% -> 0.75, 5% -> 0, 6% -> 0 (wrong way), 2% -> 1 (over)
    const out = fnOkrScore(col(['4%', '3.5%', '5%', '6%', '2%']), '3%', '5%');
    expect(out).toHaveLength(5);
    expect(out.map((r) => r.length)).toEqual([1, 1, 1, 1, 1]);
    const scores = out.map((r) => r[0] as number);
    [0.5, 0.75, 0, 0, 1].forEach((e, i) => expect(scores[i]).toBeCloseTo(e, 12));
  });

  test('Excel column vs 1x1 target vs Sheets column vs scalar target give the same result', () => {
    const a = fnOkrScore([[10], [20]], [[40]], null, null);
    const b = fnOkrScore([[10], [20]], 40, undefined, undefined);
    expect(a).toEqual([[0.25], [0.5]]);
    expect(b).toEqual(a);
  });

  test('a row of ranges keeps the row shape; a 2D range keeps its shape', () => {
    expect(fnOkrScore([[10, 20, 40]], [[40, 40, 40]])).toEqual([[0.25, 0.5, 1]]);
    expect(
      fnOkrScore(
        [
          [1, 2],
          [3, 4],
        ],
        4,
      ),
    ).toEqual([
      [0.25, 0.5],
      [0.75, 1],
    ]);
  });

  test('a flat array is read as a column', () => {
    expect(fnOkrScore([1, 2], 4)).toEqual([[0.25], [0.5]]);
  });

  test('ranges of different shapes are one error naming both', () => {
    const out = fnOkrScore(col([1, 2, 3]), col([4, 4]));
    expect(out).toHaveLength(1);
    const e = err(out[0][0]);
    expect(e.error).toBe('#VALUE!');
    expect(e.message).toContain('current is 3x1');
    expect(e.message).toContain('target is 2x1');
  });
});

describe('OKRSCORE: rules', () => {
  test('per-row start and kind columns', () => {
    const out = fnOkrScore(
      col([150, '4%', 0.97, 2, '完成', 'no']),
      col([200, '3%', '95%', 3, '', '']),
      col([100, '5%', '', '', '', '']),
      col(['increase', 'decrease', 'above', 'below', 'binary', 'Binary']),
    );
    expect(out.map((r) => r[0])).toEqual([0.5, expect.closeTo(0.5, 12), 1, 1, 1, 0]);
  });

  test('kind is case-insensitive and accepts Chinese names', () => {
    expect(fnOkrScore(0.9, 0.95, null, 'ABOVE')).toEqual([[0]]);
    expect(fnOkrScore(0.9, 0.95, null, '不低于')).toEqual([[0]]);
    expect(fnOkrScore(4, 3, 5, '递减')).toEqual([[0.5]]);
  });

  test('auto direction: start > target is a decreasing KR', () => {
    expect(fnOkrScore(4, 3, 5)).toEqual([[0.5]]);
    expect(fnOkrScore(4, 3, 5, 'auto')).toEqual([[0.5]]);
  });

  test('values as people type them', () => {
    // ¥3.5万 of ¥10万 = 35000 / 100000; 1,200 of 2,400; 3.5k of 7k; 三万 of 六万; 6000万 of 1.2亿: each one half
    expect(fnOkrScore('¥3.5万', '¥10万')[0][0]).toBeCloseTo(0.35, 12);
    expect(fnOkrScore('1,200', '2,400')).toEqual([[0.5]]);
    expect(fnOkrScore('3.5k', '7k')).toEqual([[0.5]]);
    expect(fnOkrScore('三万', '六万')).toEqual([[0.5]]);
    expect(fnOkrScore('6000万', '1.2亿')[0][0]).toBeCloseTo(0.5, 12);
    expect(fnOkrScore('１２', '２４')).toEqual([[0.5]]);
    expect(fnOkrScore('10w', '40w')).toEqual([[0.25]]);
  });

  test('done words: auto reads them as binary', () => {
    expect(fnOkrScore('完成', null)).toEqual([[1]]);
    expect(fnOkrScore('✓', '')).toEqual([[1]]);
    expect(fnOkrScore(true, 'TRUE')).toEqual([[1]]);
    expect(fnOkrScore('否', '完成')).toEqual([[0]]);
    expect(fnOkrScore('', '完成')).toEqual([[0]]);
  });

  test('a tick-like target ("X") beside a measured number is an error naming the target', () => {
    const e = err(fnOkrScore(50, 'X')[0][0]);
    expect(e.error).toBe('#VALUE!');
    expect(e.message).toMatch(/^target: "X"/);
    expect(e.message).toContain('"50"');
  });

  test('a done word on a linear KR is an error naming the argument', () => {
    const e = err(fnOkrScore('done', 100, 0, 'increase')[0][0]);
    expect(e.error).toBe('#VALUE!');
    expect(e.message).toMatch(/^current: "done"/);
    expect(e.zh).toMatch(/^当前值/);
  });

  test('start = target on a linear KR: #VALUE! (so Excel shows the message) suggesting above/below', () => {
    const e = err(fnOkrScore(5, 5, 5)[0][0]);
    expect(e.error).toBe('#VALUE!');
    expect(e.message).toMatch(/above/);
    const e2 = err(fnOkrScore('6', '5', '5', 'increase')[0][0]);
    expect(e2.error).toBe('#VALUE!');
    expect(fnOkrScore(5, 5, 5, 'above')).toEqual([[1]]);
  });

  test('over-achievement is clamped to 1, wrong direction to 0', () => {
    expect(fnOkrScore(300, 200, 100)).toEqual([[1]]);
    expect(fnOkrScore(50, 200, 100)).toEqual([[0]]);
  });

  test('blank rows are blank; blank current with a target scores 0', () => {
    const out = fnOkrScore(col(['', null, 100, '']), col(['', '', 200, 200]), col(['', undefined, '', '']));
    expect(out).toEqual([[''], [''], [0.5], [0]]);
  });

  test('current without a target is #N/A naming the target', () => {
    const e = err(fnOkrScore(5, '')[0][0]);
    expect(e.error).toBe('#N/A');
    expect(e.message).toMatch(/^target: blank/);
  });

  test('bad rows are per-cell errors that name the argument and quote the value; other rows still score', () => {
    const out = fnOkrScore(
      col([50, 'abc', 'XX家', 75, 10]),
      col([100, 100, 100, 'TBD', 100]),
      col([0, 0, 0, 0, 'oops']),
    );
    expect(out[0][0]).toBe(0.5);
    const a = err(out[1][0]);
    expect(a.error).toBe('#VALUE!');
    expect(a.message).toBe('current: "abc" is not a number');
    expect(a.zh).toContain('“abc”');
    const b = err(out[2][0]);
    expect(b.error).toBe('#N/A');
    expect(b.message).toContain('current: "XX家"');
    expect(b.message).toMatch(/placeholder/);
    const c = err(out[3][0]);
    expect(c.message).toContain('target: "TBD"');
    const d = err(out[4][0]);
    expect(d.message).toContain('start: "oops"');
  });

  test('unknown kind is an error listing the kinds', () => {
    const e = err(fnOkrScore(1, 2, 0, 'sideways')[0][0]);
    expect(e.error).toBe('#VALUE!');
    expect(e.message).toContain('"sideways"');
    expect(e.message).toContain('increase');
    // a kind column: only the bad row fails
    const out = fnOkrScore(col([1, 1]), 2, 0, col(['increase', 'sideways']));
    expect(out[0][0]).toBe(0.5);
    expect(isCellError(out[1][0])).toBe(true);
  });

  test('binary with a number other than 0/1 is an error', () => {
    expect(fnOkrScore(1, null, null, 'binary')).toEqual([[1]]);
    expect(fnOkrScore(0, null, null, 'binary')).toEqual([[0]]);
    expect(err(fnOkrScore(0.5, null, null, 'binary')[0][0]).message).toMatch(/^current: "0.5"/);
  });

  test('odd values (objects, Infinity, Dates) never throw', () => {
    expect(err(fnOkrScore({ x: 1 }, 10)[0][0]).error).toBe('#VALUE!');
    expect(err(fnOkrScore(Infinity, 10)[0][0]).error).toBe('#VALUE!');
    expect(err(fnOkrScore(new Date(2026, 0, 1), 10)[0][0]).error).toBe('#VALUE!');
    expect(err(fnOkrScore(Symbol('s') as unknown, 10)[0][0]).error).toBe('#VALUE!');
    // an empty range reads as a blank current: target set -> 0
    expect(fnOkrScore([], 10)).toEqual([[0]]);
  });
});

describe('ROLLUP', () => {
  test('equal weights by default, Excel and Sheets shapes', () => {
    expect(fnRollup([[1], [0.5], [0]], null)).toBeCloseTo(0.5, 12);
    expect(fnRollup([[1], [0.5], [0]])).toBeCloseTo(0.5, 12);
    expect(fnRollup([[1, 0.5, 0]], undefined)).toBeCloseTo(0.5, 12);
  });

  test('weights as percentages, fractions or plain numbers', () => {
    // 1*40 + 0.5*30 + 0*30 = 55 / 100
    expect(fnRollup(col([1, 0.5, 0]), col(['40%', '30%', '30%']))).toBeCloseTo(0.55, 12);
    expect(fnRollup(col([1, 0.5, 0]), col([0.4, 0.3, 0.3]))).toBeCloseTo(0.55, 12);
    expect(fnRollup(col([1, 0.5, 0]), col([40, 30, 30]))).toBeCloseTo(0.55, 12);
    expect(fnRollup(col(['100%', '50%', '0%']), col([4, 3, 3]))).toBeCloseTo(0.55, 12);
  });

  test('blank scores are skipped with their weights; weight 0 excludes', () => {
    // (1*0.4 + 0*0.3) / 0.7
    expect(fnRollup(col([1, '', 0]), col([0.4, 0.3, 0.3]))).toBeCloseTo(0.4 / 0.7, 12);
    expect(fnRollup(col([1, 0]), col([1, 0]))).toBe(1);
  });

  test('all blank -> blank; all-blank weights -> equal weights', () => {
    expect(fnRollup(col(['', null, '']))).toBe('');
    expect(fnRollup(col([1, 0]), col(['', '']))).toBeCloseTo(0.5, 12);
  });

  test('errors: negative weight, zero weights, shape mismatch, non-numeric score, missing weight', () => {
    const neg = err(fnRollup(col([1, 0.5]), col([1, -2])));
    expect(neg.error).toBe('#VALUE!');
    expect(neg.message).toBe('weights, row 2: "-2" is negative; weights must be 0 or more');
    expect(err(fnRollup(col([1, 0.5]), col([0, 0]))).error).toBe('#VALUE!');
    const shape = err(fnRollup(col([1, 0.5, 0]), col([1, 1])));
    expect(shape.error).toBe('#VALUE!');
    expect(shape.message).toContain('3x1');
    expect(shape.message).toContain('2x1');
    const bad = err(fnRollup(col([1, 'n/a score', 0])));
    expect(bad.message).toBe('scores, row 2: "n/a score" is not a number');
    const placeholder = err(fnRollup(col([1, 'XX'])));
    expect(placeholder.error).toBe('#N/A');
    // a blank weight beside a score: equal weights, (1 + 0.5) / 2
    expect(fnRollup(col([1, 0.5]), col([1, '']))).toBe(0.75);
    // an OKRSCORE error carried into a Sheets range as text
    const carried = err(fnRollup(col([1, '#VALUE! current: "abc" is not a number'])));
    expect(carried.error).toBe('#N/A');
    expect(carried.message).toMatch(/^scores, row 2/);
  });
});

describe('OKRSTATUS', () => {
  test('committed and aspirational read the same score differently', () => {
    expect(fnOkrStatus(col([1, 0.8, 0.3]), 'committed')).toEqual([['Achieved'], ['Below commitment'], ['Rethink']]);
    expect(fnOkrStatus(col([1, 0.8, 0.5, 0.3]), 'aspirational')).toEqual([
      ['Set too low?'],
      ['On target'],
      ['Progressing'],
      ['Rethink'],
    ]);
  });

  test('Chinese type names and labels; type per row', () => {
    expect(fnOkrStatus(col([1, 1]), col(['承诺型', '挑战型']), null, null, 'zh')).toEqual([['已达成'], ['目标偏低？']]);
    expect(fnOkrStatus(1, 'committed', undefined, undefined, undefined, undefined, undefined, { lang: 'zh' })).toEqual([
      ['已达成'],
    ]);
  });

  test('custom bands and blank scores', () => {
    // with red 0.6, 0.5 is rethink; with the default 0.4 it is progressing
    expect(fnOkrStatus(0.5, '', 0.6, 0.8)).toEqual([['Rethink']]);
    expect(fnOkrStatus(0.5, '', '', '')).toEqual([['Progressing']]);
    expect(fnOkrStatus('', 'committed')).toEqual([['']]);
    expect(fnOkrStatus('70%', null)).toEqual([['On target']]);
  });

  test('during the cycle a score is read against the expected progress (domain note: up to 25 points behind = behind)', () => {
    // expected 0.5 (halfway through): 0.5 on track, 0.3 is 20 points behind, 0.2 is 30 points behind
    const st = (score: unknown, expected: unknown, points?: unknown, type: unknown = 'committed') =>
      fnOkrStatus(score, type, null, null, 'en', expected, points)[0][0];
    expect(st(0.5, 0.5)).toBe('On track');
    expect(st(0.6, 0.5)).toBe('On track');
    expect(st(0.3, 0.5)).toBe('Behind');
    expect(st(0.25, 0.5)).toBe('Behind'); // exactly 25 points behind is still behind
    expect(st(0.2, 0.5)).toBe('At risk');
    expect(st(0.2, 0.5, 30)).toBe('Behind');
    // first week of the quarter: 0.00 is not started, not red
    expect(st(0, 0.05)).toBe('Not started');
    expect(st(0, 0.3)).toBe('At risk');
    // done early: graded as usual; from the due date on (expected 1) or without dates: the bands
    expect(st(1, 0.5, null, 'aspirational')).toBe('Set too low?');
    expect(st(0.3, 1)).toBe('Rethink');
    expect(st(0.3, '')).toBe('Rethink');
    expect(fnOkrStatus(0.3, 'committed', null, null, 'zh', 0.5)[0][0]).toBe('进度落后');
    expect(err(fnOkrStatus(0.3, 'committed', null, null, 'en', 'soon')[0][0]).message).toMatch(/^expected: /);
  });

  test('errors', () => {
    expect(err(fnOkrStatus(0.5, 'sometimes')[0][0]).message).toContain('type: "sometimes"');
    expect(err(fnOkrStatus(0.5, null, 0.8, 0.5)[0][0]).error).toBe('#VALUE!');
    expect(err(fnOkrStatus(-0.1)[0][0]).error).toBe('#VALUE!');
    expect(err(fnOkrStatus('abc')[0][0]).message).toBe('score: "abc" is not a number');
  });
});

describe('OKRPACE', () => {
  // 2026-10-01 .. 2026-12-31 = 91 days; 2026-11-15 -> expected 45/91 = 49.45%
  test('on track / behind / at risk / done against the linear expectation', () => {
    const out = fnOkrPace(col([0.5, 0.3, 0.2, 1]), '2026-10-01', '2026-12-31', '2026-11-15');
    expect(out).toEqual([['On track'], ['Behind'], ['At risk'], ['Done']]);
  });

  test('dates as Excel serials (Excel) or Date objects (Sheets)', () => {
    // 2026-10-01 = 46296, 2026-12-31 = 46387, 2026-11-15 = 46341
    expect(fnOkrPace([[0.3]], [[46296]], [[46387]], [[46341]], null, null)).toEqual([['Behind']]);
    expect(fnOkrPace(0.3, new Date(2026, 9, 1), new Date(2026, 11, 31), new Date(2026, 10, 15))).toEqual([['Behind']]);
  });

  test('not started, overdue, Chinese labels, atRiskPoints', () => {
    expect(fnOkrPace(0, '2026-10-01', '2026-12-31', '2026-09-15')).toEqual([['Not started']]);
    expect(fnOkrPace(0.9, '2026-10-01', '2026-12-31', '2027-01-02', null, 'zh')).toEqual([['已逾期']]);
    expect(fnOkrPace(0.2, '2026-10-01', '2026-12-31', '2026-11-15', 30)).toEqual([['Behind']]);
    expect(fnOkrPace(0.2, '2026-10-01', '2026-12-31', '2026-11-15', '30%')).toEqual([['Behind']]);
  });

  test("today defaults to the host's date", () => {
    expect(
      fnOkrPace(0.3, '2026-10-01', '2026-12-31', undefined, undefined, undefined, { today: '2026-11-15' }),
    ).toEqual([['Behind']]);
  });

  test('blank rows blank; bad dates are errors naming the argument', () => {
    expect(fnOkrPace('', '', '')).toEqual([['']]);
    expect(err(fnOkrPace(0.5, 'soon', '2026-12-31', '2026-11-01')[0][0]).message).toMatch(/^cycleStart: "soon"/);
    expect(err(fnOkrPace(0.5, '2026-10-01', '', '2026-11-01')[0][0]).message).toMatch(/^due: blank/);
    expect(err(fnOkrPace(0.5, '2026-10-01', '2026-09-01', '2026-11-01')[0][0]).error).toBe('#VALUE!');
  });
});

describe('toSheetsOutput', () => {
  test('1x1 -> scalar', () => {
    expect(toSheetsOutput([[0.5]])).toBe(0.5);
    expect(toSheetsOutput([['']])).toBe('');
    expect(toSheetsOutput(0.25)).toBe(0.25);
  });

  test('a single-cell error throws its message (the Sheets tooltip)', () => {
    expect(() => toSheetsOutput(fnOkrScore('abc', 10))).toThrow('current: "abc" is not a number');
    expect(() => toSheetsOutput(fnRollup(col([1]), col([-1])))).toThrow(/negative/);
  });

  test('errors inside a range become "#CODE message" text; the rest stays (blank current with a target: 0)', () => {
    expect(toSheetsOutput(fnOkrScore(col([5, 'abc', '']), 10))).toEqual([
      [0.5],
      ['#VALUE! current: "abc" is not a number'],
      [0],
    ]);
  });
});

describe('FUNCTION_DOCS and Excel error codes', () => {
  test('every function is documented in both languages, parameters match the signatures', () => {
    const byName = Object.fromEntries(FUNCTION_DOCS.map((d) => [d.name, d]));
    expect(Object.keys(byName).sort()).toEqual(['OKRPACE', 'OKRSCORE', 'OKRSTATUS', 'ROLLUP']);
    expect(byName.OKRSCORE.params.map((p) => [p.name, p.optional])).toEqual([
      ['current', false],
      ['target', false],
      ['start', true],
      ['kind', true],
    ]);
    expect(byName.ROLLUP.params.map((p) => p.name)).toEqual(['scores', 'weights']);
    // the core functions take the documented parameters (plus the host context for status/pace)
    expect(fnOkrScore.length).toBe(4);
    expect(fnRollup.length).toBe(2);
    expect(byName.OKRSTATUS.params).toHaveLength(7);
    expect(byName.OKRPACE.params).toHaveLength(6);
    for (const d of FUNCTION_DOCS) {
      expect(d.description.en.length).toBeGreaterThan(20);
      expect(d.description.zh).toMatch(/[\u4e00-\u9fff]/);
      for (const p of d.params) {
        expect(p.help.en).not.toBe('');
        expect(p.help.zh).toMatch(/[\u4e00-\u9fff]/);
      }
      expect(d.example.startsWith('=' + d.name + '(')).toBe(true);
    }
  });

  test('every error code maps to a CustomFunctions error code', () => {
    expect(EXCEL_ERROR_CODE).toEqual({
      '#VALUE!': 'invalidValue',
      '#NUM!': 'invalidNumber',
      '#N/A': 'notAvailable',
      '#DIV/0!': 'divisionByZero',
    });
  });
});

describe('OKRSCORE reads a band edge as the sheet does', () => {
  it('exactly 40% of the way from 5% down to 3% is 0.4 with numbers, text and a range', () => {
    expect(fnOkrScore(0.042, 0.03, 0.05, null)).toEqual([[0.4]]);
    expect(fnOkrScore('4.2%', '3%', '5%', undefined)).toEqual([[0.4]]);
    expect(fnOkrScore([[0.042], [0.046]], 0.03, 0.05, 'decrease')).toEqual([[0.4], [0.2]]);
  });
});
