/** One read batch per command: the active sheet's data range (+ formulas/notes/backgrounds on request) and other sheets. */
import type { ReadRequest, SheetSnapshot, WorkbookSnapshot } from '../../core/sheet-plan';
import { SETTINGS_SHEET } from '../../core/settings';
import { offsetMinutes, plainBackground, plainValues } from './cells';
import type { HostContext } from './host';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Days to add to a Date read in the script's time zone to get the spreadsheet's wall-clock date (see plainValues). */
export function dateShiftDays(sheetTz: string): number {
  const now = new Date();
  const scriptTz = Session.getScriptTimeZone();
  if (!sheetTz || !scriptTz || sheetTz === scriptTz) return 0;
  return (
    (offsetMinutes(Utilities.formatDate(now, sheetTz, 'Z')) - offsetMinutes(Utilities.formatDate(now, scriptTz, 'Z'))) /
    1440
  );
}

/**
 * Snapshots read without their formulas: sheets core lets the host read in part (ReadRequest.partial, the check-in
 * log). The formulas of the cells a plan writes there are read just before writing (readFormulasBefore in
 * apply-steps.ts), so the restore plan still puts a formula back as a formula.
 */
export const withoutFormulas = new WeakSet<SheetSnapshot>();

/** One sheet's data range as core's SheetSnapshot (core's readSheet then builds a model from it). */
export function readSnapshot(
  sheet: Sheet,
  name: string,
  req: Pick<ReadRequest, 'formulas' | 'notes' | 'backgrounds'>,
  shiftDays = 0,
): SheetSnapshot {
  // getDataRange always starts at A1 and reaches the last row and column holding data.
  const range = sheet.getDataRange();
  const snap: SheetSnapshot = {
    name,
    origin: { row: 0, col: 0 },
    values: plainValues(range.getValues(), shiftDays),
  };
  if (req.formulas) snap.formulas = range.getFormulas();
  if (req.notes) snap.notes = range.getNotes();
  if (req.backgrounds) snap.backgrounds = range.getBackgrounds().map((r) => r.map(plainBackground));
  return snap;
}

/**
 * The command line's settings sheet holds its JSON in A2 (core/settings.ts settingsSheetValue): those two cells are
 * all core reads of it, two calls where a whole read takes three (and none when the sheet is not there).
 */
export function readSettingsSheet(sheet: Sheet): SheetSnapshot {
  let values: unknown[][] = [];
  try {
    values = sheet.getRange('A1:A2').getValues();
  } catch {
    // A sheet of a single row has no A2 (Sheets refuses the range): it holds no settings either.
  }
  return { name: SETTINGS_SHEET, origin: { row: 0, col: 0 }, values };
}

export function todayIso(tz: string): string {
  return Utilities.formatDate(new Date(), tz || Session.getScriptTimeZone(), 'yyyy-MM-dd');
}

/**
 * Each sheet read once: its data range's values (+ formulas, notes, fills on request); names and sheets cached in
 * `host`. `earlier`: the snapshot of a first read when core asked for more; only sheets it lacks are read now.
 */
export function readWorkbook(host: HostContext, req: ReadRequest, earlier?: WorkbookSnapshot): WorkbookSnapshot {
  // The sheet the command works on: the active one, or the subject core asked for (the user stays where they are).
  const shownName = host.activeName();
  const activeName = req.subject && host.sheet(req.subject) ? req.subject : shownName;
  const shift = dateShiftDays(host.timeZone());
  const known = (name: string): SheetSnapshot | undefined =>
    earlier && (earlier.active.name === name ? earlier.active : earlier.others[name]);
  const read = (name: string) => {
    const had = known(name);
    if (had) return had;
    // A sheet core may read in part: its values whole (one call fewer than with formulas; see withoutFormulas).
    const inPart = name !== activeName && !!req.partial?.[name] && req.formulas;
    const snap = readSnapshot(host.sheet(name)!, name, inPart ? { ...req, formulas: false } : req, shift);
    if (inPart) withoutFormulas.add(snap);
    return snap;
  };
  const others: Record<string, SheetSnapshot> = {};
  for (const name of req.others)
    if (name !== activeName && host.sheet(name))
      others[name] = name === SETTINGS_SHEET ? (known(name) ?? readSettingsSheet(host.sheet(name)!)) : read(name);
  const snap: WorkbookSnapshot = {
    host: 'sheets',
    active: read(activeName),
    sheetNames: host.sheetNames(),
    others,
    today: earlier?.today ?? todayIso(host.timeZone()),
  };
  if (activeName !== shownName) snap.shown = shownName;
  return snap;
}
