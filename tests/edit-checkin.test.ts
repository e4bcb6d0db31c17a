/**
 * A check-in from an edit (runCommand('checkin', …, { edited })): one plan with today's log rows and, for an edit of
 * Current, the Updated stamp of the edited rows, so a host applies both at once; an edit of any other cell records
 * nothing. The English sample converted: Current is J (9), the owned Updated column W (22), Confidence N (13).
 */
import { readsFor, runCommand, updatedStamp } from '../core/commands';
import { DEFAULT_SETTINGS } from '../core/settings';
import { CHECKIN_SHEET } from '../core/checkins';
import { englishTableSnapshot, workbookOf } from '../fixtures/sheets';
import { bookFromSnapshot, workbookSnapshot } from './simulate';
import { step } from './sim-steps';
import { editKeepsLog, LOG_TAIL_ROWS, logTailStart, newestRows, tailHidesRows } from '../core/edit-checkin';
import { readModel } from '../core/parse-sheet';

const S = DEFAULT_SETTINGS;
const EN = englishTableSnapshot().name;
const TODAY = '2026-11-23';
const cell = (row: number, col: number) => ({ row, col, rows: 1, cols: 1 });

function convertedSnapshot() {
  const book = step(bookFromSnapshot(workbookOf(englishTableSnapshot())), EN, 'convert').book;
  return workbookSnapshot({ ...book, today: TODAY }, EN, readsFor('checkin', S, { dashboard: false }));
}

test('an edit of Current: the log rows and the stamp (2026-11-23 = 46349 in W5) in one plan, the stamp last', () => {
  const snap = convertedSnapshot();
  const r = runCommand('checkin', snap, S, { dashboard: false, edited: cell(4, 9) });
  expect(r.ok).toBe(true);
  expect(r.plan.sheets.map((s) => s.sheet)).toEqual([CHECKIN_SHEET.en, EN]);
  expect(r.plan.sheets[1].writes).toEqual([{ row: 4, col: 22, cells: [[46349]] }]);
  // The stamp is the one the host would write on its own.
  expect(r.plan.sheets[1].writes[0]).toEqual(updatedStamp(snap.active, cell(4, 9), TODAY));
  // The log rows are those of a check-in without the edit.
  const plain = runCommand('checkin', snap, S, { dashboard: false });
  expect(r.plan.sheets.slice(0, 1)).toEqual(plain.plan.sheets);
});

test('an edit of Confidence: the log rows, no stamp; an edit of a title: nothing', () => {
  const snap = convertedSnapshot();
  const conf = runCommand('checkin', snap, S, { dashboard: false, edited: cell(4, 13) });
  expect(conf.plan.sheets.map((s) => s.sheet)).toEqual([CHECKIN_SHEET.en]);
  const title = runCommand('checkin', snap, S, { dashboard: false, edited: cell(4, 5) });
  expect(title.ok).toBe(true);
  expect(title.plan.sheets).toEqual([]);
});

describe("the log's tail an edit reads (Sheets), and each KR's newest row in it", () => {
  test('the last rows: one per KR of the sheet and LOG_TAIL_ROWS more, never above the data', () => {
    expect(logTailStart(1, 20000, 100)).toBe(20000 - 100 - LOG_TAIL_ROWS + 1);
    expect(logTailStart(1, 300, 100)).toBe(1);
    expect(logTailStart(1, 20000, -5)).toBe(20000 - LOG_TAIL_ROWS + 1);
  });

  test('rows above the tail are read too when today may continue there, or the log is not in date order', () => {
    const today = '2026-10-19'; // 46314
    const keys = (...dates: number[]) => dates.map((d) => ['KR-1', d]);
    expect(tailHidesRows(keys(46307, 46314, 46314), [46300], today, 500, 1)).toBe(false);
    // The tail starts with today: today's rows may start above it.
    expect(tailHidesRows(keys(46314, 46314), [46300], today, 500, 1)).toBe(true);
    // Sorted newest first: the head's dates are later than the tail's, or the tail goes down in date.
    expect(tailHidesRows(keys(46300, 46301), [46314], today, 500, 1)).toBe(true);
    expect(tailHidesRows(keys(46307, 46300), [], today, 500, 1)).toBe(true);
    // The tail is the whole log: nothing above.
    expect(tailHidesRows(keys(46314, 46300), [46314], today, 1, 1)).toBe(false);
  });

  test('newest rows: the latest date, and of the same date the last row; ids with no row left out', () => {
    const keys = [
      ['KR-1', 46314],
      ['KR-2', 46307],
      ['KR-1', 46300],
      ['KR-2', 46307],
    ];
    expect(newestRows(['KR-1', 'KR-2', 'KR-9'], keys, 10)).toEqual([10, 13]);
    // KR IDs read alone (no dates): the last row.
    expect(newestRows(['KR-1'], [['KR-1'], ['KR-1']], 10)).toEqual([11]);
  });
});

test("an edit that leaves its KR as the log's newest row has it (an undo) records nothing; any other value records", () => {
  const snap = convertedSnapshot();
  const first = runCommand('checkin', snap, S, { dashboard: false });
  expect(first.ok).toBe(true);
  // The log as that check-in wrote it, and the converted sheet unchanged: the edit of J5 brings back what it holds.
  const log = first.plan.sheets[0];
  const values = log.writes[0].cells as unknown[][];
  const logged = { ...snap, sheetNames: [...snap.sheetNames, log.sheet] };
  logged.others = { ...snap.others, [log.sheet]: { name: log.sheet, origin: { row: 0, col: 0 }, values } };
  const next = { ...logged, today: '2026-11-30' };
  const undo = runCommand('checkin', next, S, { dashboard: false, edited: cell(4, 9) });
  expect([undo.ok, undo.plan.sheets]).toEqual([true, []]);
  const model = readModel(next.active, { settings: S, today: '2026-11-30' });
  expect(editKeepsLog(model, cell(4, 9), next.others[log.sheet], S, '2026-11-30', EN)).toBe(true);
  // Another value in J5: today's row and the stamp.
  const active = { ...next.active, values: next.active.values.map((r) => r.slice()) };
  active.values[4][9] = 12345;
  const typed = runCommand('checkin', { ...next, active }, S, { dashboard: false, edited: cell(4, 9) });
  expect(typed.plan.sheets.map((s) => s.sheet)).toEqual([CHECKIN_SHEET.en, EN]);
  // No log yet, or the KR has no row in it: recorded.
  expect(editKeepsLog(model, cell(4, 9), undefined, S, '2026-11-30', EN)).toBe(false);
  expect(editKeepsLog(model, cell(4, 9), { ...next.others[log.sheet], values: [values[0]] }, S, '2026-11-30', EN)).toBe(
    false,
  );
});
