/** The in-memory Sheets behaves like Sheets where the add-in depends on it (else the other tests prove nothing). */
import { createFakeServices, FakeSpreadsheet, type FakeSheet } from '../fakes/spreadsheet-app';

function sheet(): { s: FakeSheet; svc: ReturnType<typeof createFakeServices> } {
  const svc = createFakeServices();
  const s = svc.book.addSheet('S', [
    ['a', 1],
    ['b', 2],
  ]);
  return { s, svc };
}

test("setValues reads strings as typed: '=' is a formula, an apostrophe keeps text, numbers/percent/dates convert", () => {
  const { s } = sheet();
  s.getRange(1, 1, 1, 6).setValues([
    ['=IMPORTXML("http://x","//a")', "'=IMPORTXML(1)", '12', '40%', '2026-11-23', "'40%"],
  ]);
  expect(s.formulaAt(0, 0)).toBe('=IMPORTXML("http://x","//a")');
  expect(s.formulaAt(0, 1)).toBe('');
  expect(s.valueAt(0, 1)).toBe('=IMPORTXML(1)');
  expect(s.valueAt(0, 2)).toBe(12);
  expect(s.valueAt(0, 3)).toBeCloseTo(0.4, 10);
  expect(s.valueAt(0, 4)).toBe(46349); // 2026-11-23 as a serial
  expect(s.valueAt(0, 5)).toBe('40%');
  s.getRange(2, 1).setValues([['-cmd']]);
  expect(s.formulaAt(1, 0)).not.toBe(''); // '-' starts a formula in Sheets too
});

test('getSheetValues with -1 reads up to the last row and column holding data, in one call; an empty sheet has none', () => {
  const { s, svc } = sheet();
  s.getRange(4, 3).setFormulas([['=1+1']]);
  svc.book.log.reset();
  const all = s.getSheetValues(1, 1, -1, -1);
  expect(all).toEqual(s.getDataRange().getValues());
  expect(all).toEqual([
    ['a', 1, ''],
    ['b', 2, ''],
    ['', '', ''],
    ['', '', 2],
  ]);
  expect(s.getSheetValues(2, 2, -1, 1)).toEqual([[2], [''], ['']]);
  expect([svc.book.log.count('Sheet.getSheetValues'), svc.book.log.count('Range.getValues')]).toEqual([2, 1]);
  const empty = svc.book.addSheet('E', []);
  expect(() => empty.getSheetValues(1, 1, -1, -1)).toThrow(/at least 1/);
});

test('a date-formatted number comes back from getValues as a Date; formulas give their computed value', () => {
  const { s } = sheet();
  s.getRange(1, 1).setValues([['2026-11-23']]);
  const v = s.getRange(1, 1).getValues()[0][0] as Date;
  expect(Object.prototype.toString.call(v)).toBe('[object Date]');
  // midnight of 2026-11-23 in the spreadsheet's zone (Etc/UTC by default)
  expect(v.toISOString()).toBe('2026-11-23T00:00:00.000Z');
  const tokyo = createFakeServices({ timeZone: 'Asia/Tokyo' }).book.addSheet('T', [[46349]]);
  tokyo.cellAt(0, 0, false)!.format = 'yyyy-mm-dd';
  expect((tokyo.getRange(1, 1).getValues()[0][0] as Date).toISOString()).toBe('2026-11-22T15:00:00.000Z');
  s.getRange(1, 2).setValues([['=0.2+0.01']]);
  expect(s.getRange(1, 2).getValues()[0][0]).toBeCloseTo(0.21, 10);
  expect(s.getRange(1, 2).getFormulas()[0][0]).toBe('=0.2+0.01');
});

test("setValues with the wrong shape throws Sheets' message; ranges beyond the grid throw", () => {
  const { s } = sheet();
  expect(() => s.getRange(1, 1, 2, 2).setValues([[1, 2]])).toThrow(
    'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
  );
  expect(() => s.getRange(1, 1, 1, 2).setValues([[1, 2, 3]])).toThrow(/number of columns/);
  expect(() => s.getRange(1000, 1, 2, 1)).toThrow(/outside the dimensions/);
  s.insertRowsAfter(1000, 10);
  expect(() => s.getRange(1000, 1, 2, 1)).not.toThrow();
});

test('every call is counted and a fault fires on the nth call only', () => {
  const { s, svc } = sheet();
  svc.book.log.failOn({ method: 'Range.setNotes', nth: 2 });
  s.getRange(1, 1).setNotes([['one']]);
  expect(() => s.getRange(1, 1).setNotes([['two']])).toThrow(/fault injected/);
  s.getRange(1, 1).setNotes([['three']]);
  expect(s.noteAt(0, 0)).toBe('three');
  expect(svc.book.log.count('Range.setNotes')).toBe(3);
  expect(svc.book.log.count('Sheet.getRange')).toBe(3);
});

test('banding twice over the same cells is refused, as in Sheets; a held lock is not granted', () => {
  const { s, svc } = sheet();
  s.getRange(1, 1, 2, 2).applyRowBanding();
  expect(() => s.getRange(2, 1, 2, 2).applyRowBanding()).toThrow(/already has alternating colors/);
  svc.lock.heldElsewhere = true;
  expect(svc.globals.LockService.getDocumentLock().tryLock(100)).toBe(false);
});

test('insertSheet activates the new sheet, as Sheets does', () => {
  const { svc } = sheet();
  const ss = new FakeSpreadsheet(svc.book);
  ss.insertSheet('New', 1);
  expect(svc.book.active!.name).toBe('New');
  expect(svc.book.sheets.map((x) => x.name)).toEqual(['S', 'New']);
});

test('builders and the objects a read returned are counted apart from the calls that reach the spreadsheet', () => {
  const { s, svc } = sheet();
  const log = svc.book.log;
  log.reset();
  const rule = svc.globals.SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied('=A1>0')
    .setBackground('#ff0000')
    .setRanges([s.getRange(1, 1)])
    .build();
  s.setConditionalFormatRules([rule]);
  const read = s.getConditionalFormatRules()[0];
  read.getBooleanCondition()!.getCriteriaValues();
  // newConditionalFormatRule, 4 builder methods, getBooleanCondition, getCriteriaValues: no request reaches the sheet
  expect(log.builderCalls()).toBe(7);
  // getRange, setConditionalFormatRules, getConditionalFormatRules do
  expect(log.documentCalls()).toBe(3);
  expect(log.spreadsheetCalls()).toBe(10);
});

test('RangeList, setColumnWidths and setActiveSelection behave as in Sheets', () => {
  const { s, svc } = sheet();
  const ranges = s.getRangeList(['A1:B2', 'D4']).getRanges();
  expect(ranges.map((r) => r.getA1Notation())).toEqual(['A1:B2', 'D4']);
  expect(() => s.getRangeList(['A1001'])).toThrow(/outside the dimensions/);
  s.setColumnWidths(2, 3, 140);
  expect([s.getColumnWidth(1), s.getColumnWidth(2), s.getColumnWidth(4), s.getColumnWidth(5)]).toEqual([
    100, 140, 140, 100,
  ]);
  s.setActiveSelection('C3');
  expect(svc.book.activeRange).toEqual({ sheet: 'S', a1: 'C3' });
});
