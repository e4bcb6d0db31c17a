/** One read batch per command: the active sheet's data range (+ formulas/notes/backgrounds on request) and other sheets. */
import type { ReadRequest, SheetSnapshot, WorkbookSnapshot } from '../../core/sheet-plan';
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
  const read = (name: string) => known(name) ?? readSnapshot(host.sheet(name)!, name, req, shift);
  const others: Record<string, SheetSnapshot> = {};
  for (const name of req.others) if (name !== activeName && host.sheet(name)) others[name] = read(name);
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
