/**
 * Simple onEdit trigger: a hand edit of a KR's current value stamps its "Updated" cell, and an edit of a current value
 * or confidence records today's check-in in the log (core decides which cells, if any).
 */
import { editChecksIn, updatedStamp } from '../../core/commands';
import { runInHost } from './run-command';
import type { SheetSnapshot } from '../../core/sheet-plan';
import { plainValues, toSheetCell } from './cells';
import { dateShiftDays, todayIso } from './snapshot';

/** Header rows read to find the columns (titles and two-row headers fit well inside this). */
const HEADER_ROWS = 12;

export function stampUpdated(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  try {
    const range = e.range;
    const sheet = range.getSheet();
    const lastRow = sheet.getLastRow();
    const lastCol = sheet.getLastColumn();
    if (lastRow < 1 || lastCol < 1) return;
    const rows = Math.min(HEADER_ROWS, lastRow);
    const tz = e.source.getSpreadsheetTimeZone();
    const header: SheetSnapshot = {
      name: sheet.getName(),
      origin: { row: 0, col: 0 },
      values: plainValues(sheet.getRange(1, 1, rows, lastCol).getValues(), dateShiftDays(tz)),
    };
    const edited = {
      row: range.getRow() - 1,
      col: range.getColumn() - 1,
      rows: range.getNumRows(),
      cols: range.getNumColumns(),
    };
    const block = updatedStamp(header, edited, todayIso(tz));
    if (block && block.cells.length && block.cells[0].length) {
      const m = block.cells.map((r) => r.map(toSheetCell));
      sheet.getRange(block.row + 1, block.col + 1, m.length, m[0].length).setValues(m);
    }
    // An edit of a KR's current value or confidence is a check-in too (today's row per KR in the log).
    if (editChecksIn(header, edited)) runInHost('checkin', { dashboard: false });
  } catch (err) {
    // A simple trigger must never get in the way of typing; the stamp is a convenience.
    console.warn('OKR Grid onEdit: ' + String(err));
  }
}
