/** The small helpers every host shares (written once in core): A1 addresses, dates, error text. */
import { colIndex, colLetter, parseA1 } from '../core/sheet-plan';
import { dateToSerial, localIsoDate } from '../core/values';
import { errorText } from '../core/i18n';

describe('A1 addresses', () => {
  test('column letters and back', () => {
    expect([colIndex('A'), colIndex('z'), colIndex('AA'), colIndex('XFD')]).toEqual([0, 25, 26, 16383]);
    for (const c of [0, 25, 26, 701, 702, 16383]) expect(colIndex(colLetter(c))).toBe(c);
  });
  test('a cell, a range in any corner order, anchors, a sheet prefix', () => {
    expect(parseA1('B7')).toEqual({ row: 6, col: 1, rows: 1, cols: 1 });
    expect(parseA1('$B$7:d9')).toEqual({ row: 6, col: 1, rows: 3, cols: 3 });
    expect(parseA1('D9:B7')).toEqual({ row: 6, col: 1, rows: 3, cols: 3 });
    expect(parseA1("'Q4 OKRs'!K12")).toEqual({ row: 11, col: 10, rows: 1, cols: 1 });
  });
  test('anything else is null', () => {
    for (const s of ['', 'B', '7', 'A0', 'B7:', 'ABCD1', 'R1C1', 'A1:B', 'A 1']) expect(parseA1(s)).toBeNull();
  });
});

describe('dates', () => {
  test('localIsoDate reads the calendar day in the runtime time zone', () => {
    expect(localIsoDate(new Date(2026, 10, 23, 23, 59))).toBe('2026-11-23');
    expect(localIsoDate(new Date(2026, 0, 5, 0, 0))).toBe('2026-01-05');
    expect(localIsoDate()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
  test('dateToSerial: 2026-11-20 is 46346 (the fixtures), noon adds .5, local or UTC fields', () => {
    expect(dateToSerial(new Date(2026, 10, 20))).toBe(46346);
    expect(dateToSerial(new Date(2026, 10, 20, 12))).toBe(46346.5);
    expect(dateToSerial(new Date(Date.UTC(2026, 10, 20)), 'utc')).toBe(46346);
    expect(dateToSerial(new Date(Date.UTC(2026, 11, 31, 6)), 'utc')).toBe(46387.25);
  });
});

describe('errorText', () => {
  test('an Error, an Office error with its location, a code only, a plain value', () => {
    expect(errorText(new Error('boom'))).toBe('boom');
    expect(errorText({ message: 'The argument is invalid', debugInfo: { errorLocation: 'Range.values' } })).toBe(
      'The argument is invalid (Range.values)',
    );
    expect(errorText({ code: 'ItemNotFound' })).toBe('ItemNotFound');
    expect(errorText('quota exceeded')).toBe('quota exceeded');
    expect(errorText(undefined)).toBe('undefined');
  });
});
