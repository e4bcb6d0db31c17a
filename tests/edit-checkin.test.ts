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
