/**
 * Simple onEdit trigger: a hand edit of a KR's current value stamps its "Updated" cell, and an edit of a current value
 * or confidence records today's check-in of the KRs it touched in the log (core decides which cells, if any), read in
 * the edit's measure (edit-checkin.ts).
 */
import { editChecksIn } from '../../core/commands';
import { runInHost } from './run-command';
import { parseA1, type SheetSnapshot } from '../../core/sheet-plan';
import { EDIT_HEADER_ROWS } from '../../core/edit-checkin';
import { checkinEdited } from './edit-checkin';
import { HostContext } from './host';
import { plainValues } from './cells';
import { dateShiftDays, todayIso } from './snapshot';

export function stampUpdated(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  try {
    const edited = parseA1(e.range.getA1Notation());
    const sheet = e.range.getSheet();
    if (!edited) return;
    // The header is above the edit (an edit of the header itself stamps nothing): read down to the edit at most.
    const rows = Math.min(EDIT_HEADER_ROWS, edited.row + edited.rows);
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
    // Only an edit of a KR's current value or confidence does anything (a stamp is only ever for Current): today's
    // row of the edited KRs in the log, with the stamp, read in the edit's measure (edit-checkin.ts); the whole
    // check-in (with the stamp) when the edited rows do not say enough.
    if (!editChecksIn(header, edited)) return;
    const today = todayIso(host.timeZone());
    if (!checkinEdited(host, sheet, header, edited, shift, today))
      runInHost('checkin', { dashboard: false, edited }, host);
  } catch (err) {
    // A simple trigger must never get in the way of typing; the stamp is a convenience.
    console.warn('OKR Grid onEdit: ' + String(err));
  }
}
