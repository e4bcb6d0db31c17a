import { isBlank, isoToSerial, parseDate, parseDone, parseMeasure, parseNumber, serialToIso } from '../core/values';

function num(v: unknown): number {
  const r = parseNumber(v);
  if (!r.ok) throw new Error(`expected a number from ${String(v)}, got ${JSON.stringify(r)}`);
  return r.value;
}

function errKind(
  r: ReturnType<typeof parseNumber> | ReturnType<typeof parseDate> | ReturnType<typeof parseDone>,
): string {
  if (r.ok) return 'ok';
  if (r.blank) return 'blank';
  return r.error.kind;
}

describe('parseNumber: numbers as people type them', () => {
  test.each<[unknown, number]>([
    [42, 42],
    [-3.5, -3.5],
    ['42', 42],
    ['  7.25 ', 7.25],
    ['1,200', 1200],
    ['1,234,567.5', 1234567.5],
    ['1 200', 1200],
    ['1\u00a0200', 1200],
    ["1'200", 1200],
    ['$1,200', 1200],
    ['US$5', 5],
    ['€3', 3],
    ['¥3.5万', 35000],
    ['￥3.5万', 35000],
    ['10w', 100000],
    ['10W', 100000],
    ['1.2亿', 120000000],
    ['3.5k', 3500],
    ['3.5K', 3500],
    ['2M', 2000000],
    ['1.5bn', 1500000000],
    ['5千', 5000],
    ['2千万', 20000000],
    ['3.5万元', 35000],
    ['1200元', 1200],
    ['30家', 30],
    ['100 users', 100],
    ['１２３', 123],
    ['１，２００', 1200],
    ['１２．５％', 0.125],
    ['-5', -5],
    ['−5', -5],
    ['+5', 5],
    ['(1,200)', -1200],
    ['（５）', -5],
    ['-$1,200', -1200],
    ['$-1,200', -1200],
    ['1e3', 1000],
    ['.5', 0.5],
    ['0', 0],
    ['-0', 0],
  ])('%p -> %p', (input, expected) => {
    expect(num(input)).toBeCloseTo(expected, 10);
  });

  test('percentages are divided and flagged', () => {
    const r = parseNumber('50%');
    expect(r).toMatchObject({ ok: true, value: 0.5, percent: true });
    expect(num('-5%')).toBeCloseTo(-0.05, 12);
    expect(num('12.5 %')).toBeCloseTo(0.125, 12);
    expect(num('5‰')).toBeCloseTo(0.005, 12);
    expect(parseNumber('1,200')).toMatchObject({ ok: true, percent: false });
  });

  test('currency and unit are kept', () => {
    expect(parseNumber('$1,200')).toMatchObject({ currency: '$', unit: null });
    expect(parseNumber('¥3.5万')).toMatchObject({ currency: '¥' });
    expect(parseNumber('3.5万元')).toMatchObject({ currency: '元' });
    expect(parseNumber('30家')).toMatchObject({ currency: null, unit: '家' });
    expect(parseNumber('100 users')).toMatchObject({ unit: 'users' });
  });

  test.each<[string, number]>([
    ['十五', 15],
    ['二十', 20],
    ['一百零五', 105],
    ['三万', 30000],
    ['两万', 20000],
    ['两千五百万', 25000000],
    ['一亿二千万', 120000000],
    ['三点五万', 35000],
    ['负十', -10],
    ['百分之五十', 0.5],
    ['百分之12', 0.12],
  ])('Chinese number words: %p -> %p', (input, expected) => {
    expect(num(input)).toBeCloseTo(expected, 10);
  });

  test.each(['XX', 'xx', 'XX家', 'X万', 'TBD', 'tbc', 'N/A', '待定', '待确认', '暂无', '-', '—', '??', '？'])(
    '%p is a placeholder',
    (input) => {
      const r = parseNumber(input);
      expect(errKind(r)).toBe('placeholder');
    },
  );

  test.each(['abc', '1,5', '12abc', '1.2.3', '--5', '(5', '5)', '-(5)', '$', '%'])('%p is not a number', (input) => {
    expect(errKind(parseNumber(input))).toBe('not-a-number');
  });

  test('blank is its own outcome, not 0 and not an error', () => {
    for (const v of ['', '   ', '\u3000', null, undefined]) {
      expect(parseNumber(v)).toEqual({ ok: false, blank: true });
    }
    expect(isBlank('')).toBe(true);
    expect(isBlank(' \t')).toBe(true);
    expect(isBlank(null)).toBe(true);
    expect(isBlank(undefined)).toBe(true);
    expect(isBlank(0)).toBe(false);
    expect(isBlank('0')).toBe(false);
    expect(isBlank(false)).toBe(false);
  });

  test('isBlank: every space trim() removes is blank, a visible character anywhere is not (the fast path skips trim)', () => {
    // The spaces JavaScript's trim() removes, alone and as runs: blank.
    const spaces = ['\t', '\n', '\v', '\f', '\r', ' ', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029'];
    spaces.push('\u202f', '\u205f', '\u3000', '\ufeff');
    for (const s of spaces) {
      expect(isBlank(s)).toBe(true);
      expect(isBlank(s + s + ' ')).toBe(true);
    }
    // Text after leading spaces, and text starting right at either end of the fast path's ranges: not blank.
    for (const s of [...spaces.map((sp) => sp + 'x'), '!', '~', '\u007f', '\u3001', '目标', '\ufefe', '\uff10']) {
      expect(isBlank(s)).toBe(false);
    }
  });

  test('non-finite and odd values are typed errors that quote what was seen', () => {
    expect(errKind(parseNumber(NaN))).toBe('not-finite');
    expect(errKind(parseNumber(Infinity))).toBe('not-finite');
    expect(errKind(parseNumber(-Infinity))).toBe('not-finite');
    expect(errKind(parseNumber('1e400'))).toBe('not-finite');
    expect(errKind(parseNumber('1' + '0'.repeat(400)))).toBe('not-finite');
    expect(errKind(parseNumber('9'.repeat(20) + '%'))).toBe('not-finite');
    expect(errKind(parseNumber('¥' + '9'.repeat(400) + '万'))).toBe('not-finite');
    expect(errKind(parseNumber(true))).toBe('not-a-number');
    expect(errKind(parseNumber(new Date(2026, 0, 1)))).toBe('not-a-number');
    expect(errKind(parseNumber({ a: 1 }))).toBe('unsupported');
    expect(errKind(parseNumber([1, 2]))).toBe('unsupported');
    expect(errKind(parseNumber(Symbol('s')))).toBe('unsupported');
    expect(errKind(parseNumber(() => 1))).toBe('unsupported');
    expect(errKind(parseNumber('#N/A'))).toBe('cell-error');
    expect(errKind(parseNumber('#VALUE! current: bad'))).toBe('cell-error');
    expect(errKind(parseNumber({ type: 'Error', errorCode: '#N/A' }))).toBe('cell-error');
    expect(num(BigInt(12))).toBe(12);
    const throwing = {
      toString() {
        throw new Error('boom');
      },
      toJSON() {
        throw new Error('boom');
      },
    };
    expect(errKind(parseNumber(throwing))).toBe('unsupported');
  });

  test('error messages quote the value in both languages', () => {
    const r = parseNumber('abc');
    if (r.ok || r.blank) throw new Error('expected an error');
    expect(r.error.seen).toBe('abc');
    expect(r.error.message.en).toContain('"abc"');
    expect(r.error.message.zh).toContain('“abc”');
    expect(r.error.message.zh).toMatch(/数字/);
    const p = parseNumber('XX家');
    if (p.ok || p.blank) throw new Error('expected an error');
    expect(p.error.message.en).toContain('XX家');
    expect(p.error.message.zh).toContain('占位');
  });
});

describe('parseDone', () => {
  test.each(['TRUE', 'true', 'True', 'yes', 'Y', 'done', 'Done', '完成', '已完成', '是', '✓', '✔', '✅', 'ok', '１'])(
    '%p is done',
    (w) => {
      expect(parseDone(w)).toEqual({ ok: true, blank: false, value: true });
    },
  );
  test.each(['FALSE', 'false', 'no', 'N', 'not done', '否', '未完成', '进行中', '✗', '×', 'x', 'X', '0'])(
    '%p is not done' /* a cross is "no" */,
    (w) => {
      expect(parseDone(w)).toEqual({ ok: true, blank: false, value: false });
    },
  );
  test('booleans and 1/0', () => {
    expect(parseDone(true)).toMatchObject({ ok: true, value: true });
    expect(parseDone(false)).toMatchObject({ ok: true, value: false });
    expect(parseDone(1)).toMatchObject({ ok: true, value: true });
    expect(parseDone(0)).toMatchObject({ ok: true, value: false });
  });
  test('others are errors, blank is blank', () => {
    expect(errKind(parseDone(0.5))).toBe('not-a-done-word');
    expect(errKind(parseDone('maybe'))).toBe('not-a-done-word');
    expect(errKind(parseDone({}))).toBe('not-a-done-word');
    expect(parseDone('  ')).toEqual({ ok: false, blank: true });
    expect(parseDone(null)).toEqual({ ok: false, blank: true });
  });
});

describe('parseMeasure: a current/target cell', () => {
  test('numbers win over done words (1 stays a number)', () => {
    expect(parseMeasure(1)).toMatchObject({ ok: true, value: { type: 'number', value: 1 } });
    expect(parseMeasure('50%')).toMatchObject({ ok: true, value: { type: 'number', value: 0.5, percent: true } });
  });
  test('done words and booleans', () => {
    expect(parseMeasure('完成')).toMatchObject({ ok: true, value: { type: 'done', done: true } });
    expect(parseMeasure('x')).toMatchObject({ ok: true, value: { type: 'done', done: false } });
    expect(parseMeasure(false)).toMatchObject({ ok: true, value: { type: 'done', done: false } });
    expect(parseMeasure('否')).toMatchObject({ ok: true, value: { type: 'done', done: false } });
  });
  test('placeholders stay placeholders, blank stays blank', () => {
    const r = parseMeasure('XX');
    expect(r.ok).toBe(false);
    if (!r.ok && !r.blank) expect(r.error.kind).toBe('placeholder');
    expect(parseMeasure('')).toEqual({ ok: false, blank: true });
  });
});

describe('dates', () => {
  // 2026-10-31: 2026-01-01 is serial 46023 (45658 = 2025-01-01, + 365), and Oct 31 is day 304 of 2026.
  const OCT31 = 46023 + 303;

  test.each<[unknown, string]>([
    ['2026-10-31', '2026-10-31'],
    ['2026-1-5', '2026-01-05'],
    ['2026/10/31', '2026-10-31'],
    ['2026.10.31', '2026-10-31'],
    ['20261031', '2026-10-31'],
    ['2026年10月31日', '2026-10-31'],
    ['2026 年 10 月 31 号', '2026-10-31'],
    ['２０２６年１０月３１日', '2026-10-31'],
    ['10/31/2026', '2026-10-31'],
    ['31/10/2026', '2026-10-31'],
    ['Oct 31, 2026', '2026-10-31'],
    ['31 October 2026', '2026-10-31'],
    ['2026-10-31T08:00:00Z', '2026-10-31'],
    [OCT31, '2026-10-31'],
    [OCT31 + 0.75, '2026-10-31'],
    [new Date(2026, 9, 31), '2026-10-31'],
    [new Date(2026, 9, 31, 23, 59), '2026-10-31'],
  ])('%p -> %p', (input, iso) => {
    expect(parseDate(input)).toEqual({ ok: true, blank: false, value: iso });
  });

  test('year-less dates need a default year', () => {
    expect(errKind(parseDate('10月31日'))).toBe('not-a-date');
    expect(parseDate('10月31日', { year: 2026 })).toMatchObject({ ok: true, value: '2026-10-31' });
  });

  test.each<unknown>([
    '2026-02-30',
    '2026-13-01',
    'tomorrow',
    '31/31/2026',
    0,
    -5,
    3e6,
    NaN,
    new Date('nope'),
    {},
    true,
  ])('%p is not a date', (v) => {
    expect(errKind(parseDate(v))).toBe('not-a-date');
  });

  test('blank', () => {
    expect(parseDate('')).toEqual({ ok: false, blank: true });
    expect(parseDate(undefined)).toEqual({ ok: false, blank: true });
  });

  test('serial <-> ISO, including the 1900 leap-year quirk', () => {
    expect(serialToIso(1)).toBe('1900-01-01');
    expect(serialToIso(59)).toBe('1900-02-28');
    expect(serialToIso(61)).toBe('1900-03-01');
    expect(serialToIso(45658)).toBe('2025-01-01');
    expect(serialToIso(2958465)).toBe('9999-12-31');
    expect(serialToIso(0)).toBeNull();
    expect(serialToIso(NaN)).toBeNull();
    expect(isoToSerial('1900-01-01')).toBe(1);
    expect(isoToSerial('1900-03-01')).toBe(61);
    expect(isoToSerial('2025-01-01')).toBe(45658);
    expect(isoToSerial('2026-10-31')).toBe(OCT31);
    expect(isoToSerial('2026-02-29')).toBeNull();
    expect(isoToSerial('nope')).toBeNull();
    for (const s of [1, 59, 61, 1000, 45658, 46326, 2958465]) expect(isoToSerial(serialToIso(s) as string)).toBe(s);
  });
});
