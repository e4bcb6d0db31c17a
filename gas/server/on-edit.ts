/**
 * Simple onEdit trigger: a hand edit of a KR's current value stamps its "Updated" cell, and an edit of a current value
 * or confidence records today's check-in of the KRs it touched in the log (core decides which cells, if any), read in
 * the edit's measure (edit-checkin.ts).
 */
import { editChecksIn, updatedStamp } from '../../core/commands';
import { runInHost } from './run-command';
import { parseA1, type SheetSnapshot } from '../../core/sheet-plan';
import { checkinEdited } from './edit-checkin';
import { HostContext } from './host';
import { plainValues, toSheetCell } from './cells';
import { dateShiftDays, todayIso } from './snapshot';

/** Header rows read to find the columns (titles and two-row headers fit well inside this). */
const HEADER_ROWS = 12;

export function stampUpdated(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  try {
    const edited = parseA1(e.range.getA1Notation());
    const sheet = e.range.getSheet();
    if (!edited) return;
    // The header is above the edit (an edit of the header itself stamps nothing): read down to the edit at most.
    const rows = Math.min(HEADER_ROWS, edited.row + edited.rows);
    // One view of the spreadsheet for the stamp and the check-in it may start (the event carries the spreadsheet, and
    // the sheet edited is the one the user is on).
    const name = sheet.getName();
    const host = new HostContext(e.source, name);
    const shift = dateShiftDays(host.timeZone());
    const header: SheetSnapshot = {
      name,
      origin: { row: 0, col: 0 },
      // Whole rows ('1:12'): every column without asking how many hold data first.
      values: plainValues(sheet.getRange(`1:${rows}`).getValues(), shift),
    };
    const today = todayIso(host.timeZone());
    const block = updatedStamp(header, edited, today);
    if (block && block.cells.length && block.cells[0].length) {
      const m = block.cells.map((r) => r.map(toSheetCell));
      sheet.getRange(block.row + 1, block.col + 1, m.length, m[0].length).setValues(m);
    }
    // An edit of a KR's current value or confidence is a check-in too: today's row of the edited KRs in the log, read
    // in the edit's measure (edit-checkin.ts); the whole check-in when the edited rows do not say enough.
    if (editChecksIn(header, edited) && !checkinEdited(host, sheet, header, edited, shift, today))
      runInHost('checkin', { dashboard: false }, host);
  } catch (err) {
    // A simple trigger must never get in the way of typing; the stamp is a convenience.
    console.warn('OKR Grid onEdit: ' + String(err));
  }
}
