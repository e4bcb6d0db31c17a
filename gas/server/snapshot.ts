/** One read batch per command: the active sheet's data range (+ formulas/notes/backgrounds on request) and other sheets. */
import type { ReadRequest, SheetSnapshot, WorkbookSnapshot } from '../../core/sheet-plan';
import { plainBackground, plainValues } from './cells';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function readSheet(sheet: Sheet, req: Pick<ReadRequest, 'formulas' | 'notes' | 'backgrounds'>): SheetSnapshot {
  const range = sheet.getDataRange();
  const snap: SheetSnapshot = {
    name: sheet.getName(),
    origin: { row: range.getRow() - 1, col: range.getColumn() - 1 },
    values: plainValues(range.getValues()),
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
  const active = ss.getActiveSheet();
  const sheetNames = ss.getSheets().map((s) => s.getName());
  const others: Record<string, SheetSnapshot> = {};
  for (const name of req.others) {
    if (name === active.getName() || sheetNames.indexOf(name) < 0) continue;
    const other = ss.getSheetByName(name);
    if (other) others[name] = readSheet(other, req);
  }
  return { host: 'sheets', active: readSheet(active, req), sheetNames, others, today: todayIso(ss) };
}
