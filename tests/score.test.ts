import { band, pace, rollup, scoreKr, status, type ScoreOutcome } from '../core/score';

function score(o: ScoreOutcome): number {
  if (!o.ok) throw new Error(`expected a score, got ${JSON.stringify(o)}`);
  return o.score;
}

describe('scoreKr', () => {
  test('linear increase: (current - start) / (target - start), start defaults to 0', () => {
    expect(score(scoreKr({ kind: 'increase', target: 200, current: 50 }))).toBeCloseTo(0.25, 12);
    // 100 -> 200, now 150: half way
    expect(score(scoreKr({ kind: 'increase', start: 100, target: 200, current: 150 }))).toBeCloseTo(0.5, 12);
  });

  test('decreasing KR: reduce churn from 5% to 3%, current 4% -> 0.5', () => {
    const o = scoreKr({ kind: 'decrease', start: 0.05, target: 0.03, current: 0.04 });
    expect(score(o)).toBeCloseTo(0.5, 12);
    // 3.5%: (0.035 - 0.05) / (0.03 - 0.05) = 0.75
    expect(score(scoreKr({ kind: 'decrease', start: 0.05, target: 0.03, current: 0.035 }))).toBeCloseTo(0.75, 12);
    // the classic bug (current/target) would give 4/3 -> capped 1, ignoring start would give 0.04/0.03 too
    expect(score(scoreKr({ kind: 'decrease', start: 0.05, target: 0.03, current: 0.049 }))).toBeCloseTo(0.05, 12);
  });

  test('auto resolves the direction from start and target', () => {
    const up = scoreKr({ kind: 'auto', start: 10, target: 20, current: 12 });
    expect(up).toMatchObject({ ok: true, kind: 'increase' });
    expect(score(up)).toBeCloseTo(0.2, 12);
    const down = scoreKr({ start: 5, target: 3, current: 4 });
    expect(down).toMatchObject({ ok: true, kind: 'decrease' });
    expect(score(down)).toBeCloseTo(0.5, 12);
  });

  test('over-achievement is clamped to 1; raw keeps it', () => {
    const o = scoreKr({ kind: 'increase', target: 100, current: 130 });
    expect(o).toMatchObject({ ok: true, score: 1 });
    if (o.ok) expect(o.raw).toBeCloseTo(1.3, 12);
    const d = scoreKr({ kind: 'decrease', start: 5, target: 3, current: 2 });
    expect(d).toMatchObject({ ok: true, score: 1 });
    if (d.ok) expect(d.raw).toBeCloseTo(1.5, 12);
  });

  test('wrong-direction progress scores 0, never negative', () => {
    const o = scoreKr({ kind: 'increase', start: 100, target: 200, current: 80 });
    expect(o).toMatchObject({ ok: true, score: 0 });
    if (o.ok) expect(o.raw).toBeCloseTo(-0.2, 12);
    expect(scoreKr({ kind: 'decrease', start: 5, target: 3, current: 6 })).toMatchObject({ ok: true, score: 0 });
  });

  test('start = target on a linear KR is an error that suggests above/below', () => {
    for (const kind of ['increase', 'decrease', 'auto'] as const) {
      const o = scoreKr({ kind, start: 50, target: 50, current: 60 });
      expect(o.ok).toBe(false);
      if (!o.ok && !o.blank) {
        expect(o.error.code).toBe('start-equals-target');
        expect(o.error.message.en).toMatch(/above/);
        expect(o.error.message.en).toMatch(/below/);
        expect(o.error.message.zh).toMatch(/保持不低于/);
      }
    }
    // target 0 with the default start 0
    expect(scoreKr({ kind: 'increase', target: 0, current: 1 })).toMatchObject({
      ok: false,
      error: { code: 'start-equals-target' },
    });
  });

  test('above / below are inclusive', () => {
    expect(score(scoreKr({ kind: 'above', target: 0.95, current: 0.95 }))).toBe(1);
    expect(score(scoreKr({ kind: 'above', target: 0.95, current: 0.94 }))).toBe(0);
    expect(score(scoreKr({ kind: 'above', start: 0.95, target: 0.95, current: 0.99 }))).toBe(1);
    expect(score(scoreKr({ kind: 'below', target: 2, current: 2 }))).toBe(1);
    expect(score(scoreKr({ kind: 'below', target: 2, current: 2.1 }))).toBe(0);
  });

  test('binary: done 1, not done 0, unmeasured 0', () => {
    expect(score(scoreKr({ kind: 'binary', target: null, current: true }))).toBe(1);
    expect(score(scoreKr({ kind: 'binary', target: null, current: false }))).toBe(0);
    expect(score(scoreKr({ kind: 'binary', target: 1, current: 1 }))).toBe(1);
    expect(score(scoreKr({ kind: 'binary', target: null, current: null }))).toBe(0);
    expect(scoreKr({ kind: 'auto', target: null, current: true })).toMatchObject({
      ok: true,
      score: 1,
      kind: 'binary',
    });
  });

  test('blank current with a target scores 0; nothing at all is blank; current without target is an error', () => {
    expect(scoreKr({ kind: 'increase', target: 100, current: null })).toMatchObject({ ok: true, score: 0 });
    expect(scoreKr({ kind: 'above', target: 100, current: null })).toMatchObject({ ok: true, score: 0 });
    expect(scoreKr({ target: null, current: null })).toEqual({ ok: false, blank: true });
    expect(scoreKr({ target: null, current: 5 })).toMatchObject({
      ok: false,
      blank: false,
      error: { code: 'no-target' },
    });
  });

  test('non-finite numbers are errors', () => {
    expect(scoreKr({ target: Infinity, current: 1 })).toMatchObject({ ok: false, error: { code: 'not-finite' } });
    expect(scoreKr({ target: 10, current: NaN })).toMatchObject({ ok: false, error: { code: 'not-finite' } });
  });
});

describe('rollup', () => {
  function value(o: ReturnType<typeof rollup>): number {
    if (!o.ok) throw new Error(JSON.stringify(o));
    return o.value;
  }

  test('equal weights by default', () => {
    expect(value(rollup([1, 0.5, 0]))).toBeCloseTo(0.5, 12);
  });

  test('weights as fractions or percentages give the same result', () => {
    // 1*0.5 + 0.4*0.3 + 0*0.2 = 0.62
    expect(value(rollup([1, 0.4, 0], [0.5, 0.3, 0.2]))).toBeCloseTo(0.62, 12);
    expect(value(rollup([1, 0.4, 0], [50, 30, 20]))).toBeCloseTo(0.62, 12);
    // weights that do not add up to 1 are normalised: (1*1 + 0*3) / 4
    expect(value(rollup([1, 0], [1, 3]))).toBeCloseTo(0.25, 12);
  });

  test('blank scores are skipped with their weights (not zeros)', () => {
    // (0.8*0.4 + 0.2*0.2) / 0.6 = 0.36 / 0.6 = 0.6
    expect(value(rollup([0.8, null, 0.2], [0.4, 0.4, 0.2]))).toBeCloseTo(0.6, 12);
    expect(value(rollup([0.8, null, 0.2]))).toBeCloseTo(0.5, 12);
  });

  test('weight 0 excludes a score', () => {
    expect(value(rollup([1, 0], [1, 0]))).toBe(1);
    expect(rollup([1, 0], [1, 0])).toMatchObject({ used: 1 });
  });

  test('$100k, $20k and $1k KRs do not count a third each', () => {
    // done, half, nothing: straight mean 0.5; weighted (100 + 10 + 0) / 121
    expect(value(rollup([1, 0.5, 0], [100, 20, 1]))).toBeCloseTo(110 / 121, 12);
  });

  test('errors: negative weight, all-zero weights, length mismatch; a blank weight beside a score means equal weights', () => {
    expect(rollup([1, 0.5], [1, -1])).toMatchObject({ ok: false, error: { code: 'negative-weight' }, index: 1 });
    expect(rollup([1, 0.5], [0, 0])).toMatchObject({ ok: false, error: { code: 'zero-weights' } });
    expect(rollup([1, 0.5], [1])).toMatchObject({ ok: false, error: { code: 'length-mismatch' } });
    // a blank weight beside a score is not an error: all scores count equally (the close's rule too)
    expect(rollup([1, 0.5], [1, null])).toMatchObject({ ok: true, value: 0.75 });
    expect(rollup([1, NaN])).toMatchObject({ ok: false, error: { code: 'not-finite' } });
  });

  test('all blank -> blank; blank weight beside a blank score is fine', () => {
    expect(rollup([null, null])).toEqual({ ok: false, blank: true });
    expect(rollup([])).toEqual({ ok: false, blank: true });
    expect(value(rollup([0.3, null], [1, null]))).toBeCloseTo(0.3, 12);
  });
});

describe('band and status', () => {
  test('default bands: red < 0.4, yellow < 0.7, else green', () => {
    expect(band(0)).toBe('red');
    expect(band(0.39)).toBe('red');
    expect(band(0.4)).toBe('yellow');
    expect(band(0.69)).toBe('yellow');
    expect(band(0.7)).toBe('green');
    expect(band(1)).toBe('green');
  });

  test('bands are configurable', () => {
    expect(band(0.35, { red: 0.3, yellow: 0.6 })).toBe('yellow');
    expect(band(0.65, { red: 0.3, yellow: 0.6 })).toBe('green');
  });

  test('committed: 1.0 achieved, below needs review, below red rethink', () => {
    expect(status(1, 'committed')).toMatchObject({ code: 'achieved', band: 'green' });
    expect(status(0.8, 'committed')).toMatchObject({ code: 'needs-review', band: 'yellow' });
    expect(status(0.3, 'committed')).toMatchObject({ code: 'rethink', band: 'red' });
  });

  test('aspirational: 1.0 is a "set too low" warning, 0.7 is on target', () => {
    expect(status(1, 'aspirational')).toMatchObject({ code: 'set-too-low', band: 'yellow' });
    expect(status(0.7, 'aspirational')).toMatchObject({ code: 'on-target', band: 'green' });
    expect(status(0.5, 'aspirational')).toMatchObject({ code: 'progressing', band: 'yellow' });
    expect(status(0.2, 'aspirational')).toMatchObject({ code: 'rethink', band: 'red' });
  });

  test('labels in both languages; no score -> not scored', () => {
    const s = status(0.8, 'committed');
    expect(s.label.en).toMatch(/below commitment/i);
    expect(s.label.zh).toMatch(/未达承诺/);
    expect(status(null, 'committed')).toMatchObject({ code: 'not-scored', band: null });
    expect(status(1, null)).toMatchObject({ code: 'achieved' });
    expect(status(0.5, null, { red: 0.6, yellow: 0.8 })).toMatchObject({ code: 'rethink' });
  });
});

describe('pace', () => {
  // Cycle 2026-10-01 .. 2026-12-31 is 91 days; 2026-11-15 is day 45 -> expected 45/91 = 0.4945
  const base = { cycleStart: '2026-10-01', due: '2026-12-31', today: '2026-11-15' };

  test('expected progress grows linearly', () => {
    const r = pace({ ...base, progress: 0.5 });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.expected).toBeCloseTo(45 / 91, 10);
      expect(r.gap).toBeCloseTo((45 / 91 - 0.5) * 100, 10);
      expect(r.code).toBe('on-track');
    }
  });

  test('behind up to 25 points, at risk beyond', () => {
    // expected 49.45: 0.30 is 19.45 points behind, 0.20 is 29.45
    expect(pace({ ...base, progress: 0.3 })).toMatchObject({ code: 'behind' });
    expect(pace({ ...base, progress: 0.2 })).toMatchObject({ code: 'at-risk' });
    expect(pace({ ...base, progress: 0.2, atRiskPoints: 30 })).toMatchObject({ code: 'behind' });
    // exactly 25 points behind is still "behind": halfway day 2026-10-01 + 50 of 100 days
    expect(pace({ progress: 0.25, cycleStart: '2026-01-01', due: '2026-04-11', today: '2026-02-20' })).toMatchObject({
      code: 'behind',
    });
  });

  test('done, not started, overdue', () => {
    expect(pace({ ...base, progress: 1 })).toMatchObject({ code: 'done' });
    expect(pace({ ...base, today: '2026-12-31', progress: 1 })).toMatchObject({ code: 'done' });
    expect(pace({ ...base, today: '2026-09-20', progress: 0 })).toMatchObject({ code: 'not-started', expected: 0 });
    expect(pace({ ...base, progress: null })).toMatchObject({ code: 'not-started' });
    expect(pace({ ...base, today: '2027-01-05', progress: 0.9 })).toMatchObject({ code: 'overdue', expected: 1 });
  });

  test('labels and bad dates', () => {
    const r = pace({ ...base, progress: 0.2 });
    if (r.ok) {
      expect(r.label.en).toBe('At risk');
      expect(r.label.zh).toBe('有风险');
    }
    expect(pace({ ...base, due: '2026-09-01', progress: 0 })).toMatchObject({
      ok: false,
      error: { code: 'bad-dates' },
    });
    expect(pace({ ...base, due: 'soon', progress: 0 })).toMatchObject({ ok: false, error: { code: 'bad-dates' } });
  });
});

describe('band edges are read as a spreadsheet reads them', () => {
  it('exactly 40% of the way from 5% down to 3% (current 4.2%) is 0.4, yellow not red', () => {
    const out = scoreKr({ kind: 'decrease', start: 0.05, target: 0.03, current: 0.042 });
    expect(out.ok && out.score).toBe(0.4);
    expect(band(0.4, { red: 0.4, yellow: 0.7 })).toBe('yellow');
  });
});
