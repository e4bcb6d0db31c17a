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

describe("an edit's check-in (onEdit, built bundle)", () => {
  test("one cell and a 50-row paste cost the same calls, at 100 and 10,000 KR rows; cells: the log's KR IDs", () => {
    const out = [100, 10000].map((rows) => {
      const p = prepared(rows);
      const log = p.book.sheet(LOG).values().length;
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
      return { one, paste, log };
    });
    const [small, large] = out;
    expect(small.paste.calls).toBe(small.one.calls);
    expect(large.one.calls).toBe(small.one.calls);
    expect(large.paste.calls).toBe(small.one.calls);
    // What grows with the log is its KR ID column alone (one cell a row); the rest is the edit's rows and the log's.
    for (const m of out) {
      expect(m.one.cells - m.log).toBeLessThan(1000);
      expect(m.paste.cells - m.log).toBeLessThan(5000);
    }
  }, 600000);

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
