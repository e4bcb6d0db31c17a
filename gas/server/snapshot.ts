/** One read batch per command: the active sheet's data range (+ formulas/notes/backgrounds on request) and other sheets. */
import type { ReadRequest, SheetSnapshot, WorkbookSnapshot } from '../../core/sheet-plan';
import { offsetMinutes, plainBackground, plainValues } from './cells';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Days to add to a Date read in the script's time zone to get the spreadsheet's wall-clock date (see plainValues). */
export function dateShiftDays(ss: Spreadsheet): number {
  const now = new Date();
  const sheetTz = ss.getSpreadsheetTimeZone();
  const scriptTz = Session.getScriptTimeZone();
  if (!sheetTz || !scriptTz || sheetTz === scriptTz) return 0;
  return (
    (offsetMinutes(Utilities.formatDate(now, sheetTz, 'Z')) - offsetMinutes(Utilities.formatDate(now, scriptTz, 'Z'))) /
    1440
  );
}

export function readSheet(
  sheet: Sheet,
  req: Pick<ReadRequest, 'formulas' | 'notes' | 'backgrounds'>,
  shiftDays = 0,
): SheetSnapshot {
  // getDataRange always starts at A1 and reaches the last row and column holding data.
  const range = sheet.getDataRange();
  const snap: SheetSnapshot = {
    name: sheet.getName(),
    origin: { row: 0, col: 0 },
    values: plainValues(range.getValues(), shiftDays),
  };
  if (req.formulas) snap.formulas = range.getFormulas();
  if (req.notes) snap.notes = range.getNotes();
  if (req.backgrounds) snap.backgrounds = range.getBackgrounds().map((r) => r.map(plainBackground));
  return snap;
}

export function todayIso(ss: Spreadsheet): string {
  return Utilities.formatDate(new Date(), ss.getSpreadsheetTimeZone() || Session.getScriptTimeZone(), 'yyyy-MM-dd');
}

export function readWorkbook(ss: Spreadsheet, req: ReadRequest): WorkbookSnapshot {
  // The sheet the command works on: the active one, or the subject core asked for (the user stays where they are).
  const shown = ss.getActiveSheet();
  const subject = req.subject ? ss.getSheetByName(req.subject) : null;
  const active = subject ?? shown;
  const sheetNames = ss.getSheets().map((s) => s.getName());
  const shift = dateShiftDays(ss);
  const others: Record<string, SheetSnapshot> = {};
  for (const name of req.others) {
    if (name === active.getName() || sheetNames.indexOf(name) < 0) continue;
    const other = ss.getSheetByName(name);
    if (other) others[name] = readSheet(other, req, shift);
  }
  const snap: WorkbookSnapshot = {
    host: 'sheets',
    active: readSheet(active, req, shift),
    sheetNames,
    others,
    today: todayIso(ss),
  };
  if (subject && subject.getName() !== shown.getName()) snap.shown = shown.getName();
  return snap;
}
