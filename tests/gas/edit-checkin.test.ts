/**
 * Issue 13, item 1 part 2: an edit that checks in (Sheets' simple onEdit trigger, stopped at 30 s) reads in the edit's
 * measure: the header and the edited rows of the OKR sheet, and of the log its head rows, the edited KR's rows (a
 * TextFinder) and its last row. The same calls and cells at 100 and 10,000 KR rows, on the BUILT bundle; the log ends
 * as a Check in of the same day leaves it when only that KR changed; an edit whose rows do not say enough falls back to
 * the whole check-in.
 */
import * as fx from '../../fixtures/sheets';
import { dateAt } from '../clock';
import { loadProject, type LoadedProject } from './harness';

const SHEET = 'Team';
const LOG = 'OKR Check-ins';

/** A converted sheet of `rows` KRs checked in on two days (the log then holds two rows per KR). */
function prepared(rows: number): LoadedProject {
  const p = loadProject({ evaluate: undefined }, (b) => b.addSheet(SHEET, fx.generatedTable(rows)));
  p.g.Date = dateAt('2026-10-05');
  for (const [day, cmd] of [
    ['2026-10-05', 'convert'],
    ['2026-10-05', 'checkin'],
    ['2026-10-12', 'checkin'],
  ]) {
    p.g.Date = dateAt(day);
    p.book.active = p.book.sheet(SHEET);
    expect(p.call('panelRun', cmd).ok).toBe(true);
  }
  return p;
}

const column = (p: LoadedProject, header: string) => p.book.sheet(SHEET).values()[0].indexOf(header);

/**
 * Types `values` down the Current column from sheet row `row` (1-based) and fires onEdit over them; the calls and
 * cells it cost.
 */
function edit(
  p: LoadedProject,
  row: number,
  ...values: unknown[]
): { calls: number; cells: number; warnings: string[] } {
  const range = p.book.sheet(SHEET).getRange(row, column(p, 'Current') + 1, values.length, 1);
  range.setValues(values.map((v) => [v]));
  p.book.log.reset();
  p.fake.logs.length = 0;
  const value = values.length === 1 ? values[0] : undefined;
  p.call('onEdit', { range, source: p.g.SpreadsheetApp.getActiveSpreadsheet(), value });
  return { calls: p.book.log.documentCalls(), cells: p.book.log.cells, warnings: [...p.fake.logs] };
}

const logRows = (p: LoadedProject, day: string) => {
  const serial = Math.round((Date.parse(day) - Date.UTC(1899, 11, 30)) / 86400000);
  return p.book
    .sheet(LOG)
    .values()
    .filter((r) => r[2] === serial);
};

/**
 * The log grown to `rows` data rows: as many earlier weekly check-ins of the same KRs as it takes (each one row per
 * KR, in sheet order, dates going up), then the two the sheet was checked in with; or, below one check-in's worth of
 * rows, only the first `rows` rows of the last check-in.
 */
function grownLog(p: LoadedProject, rows: number): void {
  const log = p.book.sheet(LOG);
  const [header, ...data] = log.values();
  const lastDay = data.slice(data.length / 2);
  const serial = lastDay[0][2] as number;
  const older: unknown[][] = [];
  for (let week = 1; older.length + data.length < rows; week++)
    older.unshift(...lastDay.map((r) => r.map((v, c) => (c === 2 ? serial - 7 * (week + 1) : v))));
  const all =
    rows < data.length ? lastDay.slice(0, rows) : [...older.slice(older.length - (rows - data.length)), ...data];
  // The sheet holds the rows it is given (a test set-up, not a call the add-in makes).
  log.maxRows = Math.max(log.maxRows, all.length + 1000);
  const blank = data.map((r) => r.map(() => ''));
  const emptied = log.getRange(2, 1, blank.length, header.length);
  emptied.setValues(blank);
  emptied.setNumberFormats(blank.map((r) => r.map(() => 'General')));
  log.getRange(2, 1, all.length, header.length).setValues(all);
  expect(log.values().filter((r) => r[1] !== '').length - 1).toBe(rows);
}

describe("an edit's check-in (onEdit, built bundle)", () => {
  test('one cell and a 50-row paste: the same calls and cells at any length of the log (10 to 20,000 rows)', () => {
    const out = [10, 2000, 20000].map((rows) => {
      const p = prepared(100);
      grownLog(p, rows);
      p.g.Date = dateAt('2026-10-19');
      const one = edit(p, 3, 7);
      const paste = edit(p, 4, ...Array.from({ length: 50 }, (_, i) => i + 1));
      expect([rows, one.warnings, paste.warnings]).toEqual([rows, [], []]);
      // Today's rows of the 51 KRs, one each, appended below the rows there were.
      const ids = p.book
        .sheet(SHEET)
        .values()
        .slice(2, 53)
        .map((r) => r[column(p, 'OKR ID')]);
      const today = logRows(p, '2026-10-19');
      expect([rows, today.map((r) => r[1])]).toEqual([rows, ids]);
      expect(today.map((r) => r[6])).toEqual([7, ...Array.from({ length: 50 }, (_, i) => i + 1)]);
      return { rows, one, paste };
    });
    const [small, mid, large] = out;
    const cost = (m: (typeof out)[number]) => [m.one.calls, m.paste.calls, m.one.cells, m.paste.cells];
    // The same calls and cells whatever the length once the log is longer than its head and the tail read (one row
    // per KR of the sheet and LOG_TAIL_ROWS more); a shorter log, fewer (its head rows hold what a longer one's tail
    // read finds). Before the tail read, the whole KR ID column was read: 18,000 cells more at 20,000 rows than 2,000.
    expect(cost(mid)).toEqual(cost(large));
    cost(small).forEach((n, i) => expect(n).toBeLessThanOrEqual(cost(large)[i]));
    expect(large.paste.calls).toBe(large.one.calls);
  }, 600000);

  test("one cell and a 50-row paste cost the same calls, at 100 and 10,000 KR rows; cells grow with the sheet's KRs, not the log", () => {
    const out = [100, 10000].map((rows) => {
      const p = prepared(rows);
      const one = edit(p, 3, 7);
      const paste = edit(p, 4, ...Array.from({ length: 50 }, (_, i) => i + 1));
      expect([one.warnings, paste.warnings]).toEqual([[], []]);
      // Today's rows of the 50 KRs, one each.
      const ids = p.book
        .sheet(SHEET)
        .values()
        .slice(3, 53)
        .map((r) => r[column(p, 'OKR ID')]);
      expect(
        logRows(p, '2026-10-12')
          .filter((r) => ids.includes(r[1]))
          .map((r) => r[6]),
      ).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      return { one, paste, rows, p };
    });
    const [small, large] = out;
    // A paste of 400 rows (below MAX_EDIT_ROWS) in the 10,000-KR sheet: the same calls again, every row checked in.
    const big = edit(large.p, 100, ...Array.from({ length: 400 }, (_, i) => 1000 + i));
    expect(big.warnings).toEqual([]);
    expect(big.calls).toBe(small.one.calls);
    expect(logRows(large.p, '2026-10-12').filter((r) => Number(r[6]) >= 1000)).toHaveLength(400);
    expect(small.paste.calls).toBe(small.one.calls);
    expect(large.one.calls).toBe(small.one.calls);
    expect(large.paste.calls).toBe(small.one.calls);
    // The tail of the log read: the KR ID and date of one row per KR and LOG_TAIL_ROWS (256) more; the rest is the
    // edit's rows and the log's rows found.
    for (const m of out) {
      expect(m.one.cells - 2 * (m.rows + 256)).toBeLessThan(1000);
      expect(m.paste.cells - 2 * (m.rows + 256)).toBeLessThan(5000);
    }
  }, 600000);

  test("a log sorted newest first: the edited KR's row of today is found and rewritten, not added again", () => {
    const p = prepared(100);
    grownLog(p, 2000);
    const log = p.book.sheet(LOG);
    const [header, ...data] = log.values();
    log.getRange(2, 1, data.length, header.length).setValues(data.slice().reverse());
    const before = log.values().length;
    const one = edit(p, 3, 7);
    expect(one.warnings).toEqual([]);
    const kr = p.book.sheet(SHEET).values()[2][column(p, 'OKR ID')];
    expect(log.values().length).toBe(before);
    expect(
      logRows(p, '2026-10-12')
        .filter((r) => r[1] === kr)
        .map((r) => r[6]),
    ).toEqual([7]);
  });

  test("the same day: the log ends as Check in leaves it (only the edited KR's row changes)", () => {
    const viaEdit = prepared(100);
    const viaCommand = prepared(100);
    edit(viaEdit, 3, 7);
    viaCommand.book
      .sheet(SHEET)
      .getRange(3, column(viaCommand, 'Current') + 1)
      .setValues([[7]]);
    viaCommand.book.active = viaCommand.book.sheet(SHEET);
    expect(viaCommand.call('panelRun', 'checkin').ok).toBe(true);
    expect(viaEdit.book.sheet(LOG).state()).toEqual(viaCommand.book.sheet(LOG).state());
    const kr = viaEdit.book.sheet(SHEET).values()[2][column(viaEdit, 'OKR ID')];
    const today = logRows(viaEdit, '2026-10-12').filter((r) => r[1] === kr);
    expect(today.map((r) => r[6])).toEqual([7]);
  });

  test('a new day: one row for the edited KR, appended after the last row', () => {
    const p = prepared(100);
    p.g.Date = dateAt('2026-10-19');
    const before = p.book.sheet(LOG).values().length;
    edit(p, 4, 9);
    const kr = p.book.sheet(SHEET).values()[3][column(p, 'OKR ID')];
    const rows = p.book.sheet(LOG).values();
    expect(rows.length).toBe(before + 1);
    expect([rows[before][1], rows[before][6]]).toEqual([kr, 9]);
    expect(logRows(p, '2026-10-19')).toHaveLength(1);
  });

  test('a row without its OKR ID says too little: the whole check-in runs (a row for every KR)', () => {
    const p = prepared(100);
    p.g.Date = dateAt('2026-10-19');
    p.book
      .sheet(SHEET)
      .getRange(5, column(p, 'OKR ID') + 1)
      .setValues([['']]);
    edit(p, 5, 9);
    expect(logRows(p, '2026-10-19')).toHaveLength(100);
  });
});

describe('an edit that is no KR value, and a failing write (onEdit, built bundle)', () => {
  const state = (p: LoadedProject) => JSON.stringify([p.book.sheet(SHEET).state(), p.book.sheet(LOG).state()]);

  test('a title, a header, a cell below the grid: nothing read past the header, nothing written', () => {
    const p = prepared(100);
    p.g.Date = dateAt('2026-10-19');
    const cols = { title: column(p, 'Key Result'), current: column(p, 'Current') };
    for (const [row, header] of [
      [5, 'title'],
      [300, 'current'],
      [1, 'current'],
    ] as const) {
      const range = p.book.sheet(SHEET).getRange(row, cols[header] + 1);
      range.setValues([['typed']]);
      const before = state(p);
      p.book.log.reset();
      p.call('onEdit', { range, source: p.g.SpreadsheetApp.getActiveSpreadsheet(), value: 'typed' });
      expect([row, header, state(p) === before]).toEqual([row, header, true]);
      expect([row, header, p.book.log.count('Range.setValues')]).toEqual([row, header, 0]);
    }
  });

  test('a write failing at the log or the stamp leaves both sheets as they were (but for the edit)', () => {
    for (const [method, nth] of [
      ['Range.setValues', 1],
      ['Range.setValues', 2],
      ['Range.setNumberFormats', 1],
    ] as const) {
      const p = prepared(100);
      p.g.Date = dateAt('2026-10-19');
      const range = p.book.sheet(SHEET).getRange(4, column(p, 'Current') + 1);
      range.setValues([[9]]);
      const before = state(p);
      p.book.log.failOn({ method, nth });
      p.call('onEdit', { range, source: p.g.SpreadsheetApp.getActiveSpreadsheet(), value: 9 });
      expect([method, nth, state(p) === before]).toEqual([method, nth, true]);
    }
  });
});
