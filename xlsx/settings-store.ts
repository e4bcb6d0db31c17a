/**
 * Settings saved inside an .xlsx file for the command line: a very hidden sheet the tool owns, "OKR Grid settings",
 * whose cell A2 holds the settings as JSON text (A1 says what it is). Why a sheet: ExcelJS cannot write custom
 * document properties, and a very hidden sheet travels with the file through Excel, LibreOffice and Google Sheets'
 * import without anyone editing it by accident. The add-in keeps its own copy in the document's settings (Excel)
 * or document properties (Sheets); this sheet is what `okr-grid --columns` saves and every later run honours.
 */
import type ExcelJS from 'exceljs';
import { resolveSettings, SETTINGS_SHEET, settingsSheetValue, type Settings } from '../core/settings';

export { SETTINGS_SHEET };
const LABEL = 'OKR Grid settings (JSON); written by okr-grid --columns. Delete this sheet to forget them.';

/** What the file holds (an object; {} when there is no settings sheet or its text is not JSON of an object). */
export function savedSettings(wb: ExcelJS.Workbook): Record<string, unknown> {
  const ws = wb.getWorksheet(SETTINGS_SHEET);
  return ws ? settingsSheetValue([[], [ws.getCell('A2').value]]) : {};
}

/**
 * Saves the settings a file's reading depends on (column roles, header row) into the settings sheet, keeping what
 * else it held. The language, cycle and formula mode stay per run (command-line options), so they are not saved.
 */
export function saveReadingSettings(wb: ExcelJS.Workbook, s: Pick<Settings, 'columnRoles' | 'headerRow'>): void {
  const kept = resolveSettings({ ...savedSettings(wb), columnRoles: s.columnRoles, headerRow: s.headerRow });
  const stored = { columnRoles: kept.columnRoles, headerRow: kept.headerRow };
  const ws = wb.getWorksheet(SETTINGS_SHEET) ?? wb.addWorksheet(SETTINGS_SHEET, { state: 'veryHidden' });
  ws.state = 'veryHidden';
  ws.getCell('A1').value = LABEL;
  const cell = ws.getCell('A2');
  cell.value = JSON.stringify(stored);
  // Text, never a formula or a number, whatever the JSON looks like. A new style object: style objects are shared
  // between cells (ExcelJS's reading, apply.ts's restyle), so one is never changed in place.
  cell.style = { ...cell.style, numFmt: '@' };
}
