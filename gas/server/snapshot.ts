/** One read batch per command: the active sheet's data range (+ formulas/notes/backgrounds on request) and other sheets. */
import type { Rect } from '../../core/model';
import type { ReadRequest, SheetSnapshot, WorkbookSnapshot } from '../../core/sheet-plan';
import { SETTINGS_SHEET } from '../../core/settings';
import { offsetMinutes, plainBackground, plainValues } from './cells';
import type { HostContext } from './host';
import { WrittenRecord, sheetKey } from './written';

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
 * Snapshots read without their formulas: every sheet but the one the command works on (the check-in log, the
 * add-in's own sheets: core plans from their values). The formulas of the cells a plan writes there are read just before writing (readFormulasBefore in
 * apply-steps.ts), so the restore plan still puts a formula back as a formula.
 */
export const withoutFormulas = new WeakSet<SheetSnapshot>();

/**
 * Cells of a sheet read without formulas that a failed apply wrote (or tried to): the restore plan puts back only
 * these on such a sheet (see untouchedKept), since it cannot know the formulas of the others, which are as they were.
 */
export const cellsWritten = new WeakSet<SheetSnapshot>();

/**
 * A sheet's values from A1 to its last row and column holding data in one call (getSheetValues with -1 for "up to
 * the last"), where a data range and its values take two; an empty sheet (no row to read) is one blank cell, as
 * getDataRange gives it.
 */
function valuesOnly(sheet: Sheet): unknown[][] {
  try {
    return sheet.getSheetValues(1, 1, -1, -1);
  } catch {
    return sheet.getDataRange().getValues();
  }
}

const VALUES_ONLY = { formulas: false, notes: false, backgrounds: false };

/** One sheet's data range as core's SheetSnapshot (core's readSheet then builds a model from it). */
export function readSnapshot(
  sheet: Sheet,
  name: string,
  req: Pick<ReadRequest, 'formulas' | 'notes' | 'backgrounds'>,
  shiftDays = 0,
): SheetSnapshot {
  if (!req.formulas && !req.notes && !req.backgrounds)
    return { name, origin: { row: 0, col: 0 }, values: plainValues(valuesOnly(sheet), shiftDays) };
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

/**
 * The formulas of a sheet whose command planned from where its formulas are (ReadRequest.activeFormulas false): Sheets
 * has no call that finds them without their text, so the text is read (the same call) and kept here, out of core's
 * sight, so core plans as it does in Excel (a grid that already holds what convert writes is left alone). They go
 * back into the snapshot when core asks for them (readAgain.formulas) and before the apply (withFormulasBack).
 */
const keptFormulas = new WeakMap<SheetSnapshot, string[][]>();

/** Where the formulas are: runs of formula cells down each column, as rectangles. */
export function formulaRects(formulas: string[][], origin: { row: number; col: number }): Rect[] {
  const out: Rect[] = [];
  const cols = formulas.reduce((m, r) => Math.max(m, r.length), 0);
  for (let c = 0; c < cols; c++)
    for (let r = 0; r < formulas.length;) {
      if (!formulas[r][c]) {
        r++;
        continue;
      }
      const top = r;
      while (r < formulas.length && formulas[r][c]) r++;
      out.push({ row: origin.row + top, col: origin.col + c, rows: r - top, cols: 1 });
    }
  return out;
}

/** The active sheet as core asked for it: its formulas' text, or only where they are (see keptFormulas). */
function shapedForCore(snap: SheetSnapshot, req: ReadRequest): SheetSnapshot {
  if (req.activeFormulas === false && snap.formulas) {
    keptFormulas.set(snap, snap.formulas);
    snap.formulaCells = formulaRects(snap.formulas, snap.origin);
    delete snap.formulas;
  } else if (req.activeFormulas !== false && !snap.formulas && keptFormulas.has(snap)) {
    snap.formulas = keptFormulas.get(snap);
  }
  return snap;
}

/** The snapshot the apply and its restore plan see: the formulas kept from core put back (no call). */
export function withFormulasBack(snap: WorkbookSnapshot): WorkbookSnapshot {
  const kept = keptFormulas.get(snap.active);
  if (kept && !snap.active.formulas) snap.active.formulas = kept;
  return snap;
}

export function todayIso(tz: string): string {
  return Utilities.formatDate(new Date(), tz || Session.getScriptTimeZone(), 'yyyy-MM-dd');
}

/**
 * Whether the command may ask for its sheets by name (ReadRequest.sameSheet: the add-in's sheets, each by the name in
 * the settings' language) instead of for every sheet and name: when the last successful run left each of those sheets
 * under that name (written.ts). Each is still asked for; one missing, and every sheet and name is asked for after all.
 */
function byNameEnough(req: ReadRequest): boolean {
  const groups = req.sameSheet ?? [];
  if (!groups.length) return false;
  const record = new WrittenRecord();
  return groups.every((g) => record.same(sheetKey(g[0]), true));
}

/**
 * Each sheet read once: its data range's values (+ formulas, notes, fills on request); names and sheets cached in
 * `host`. `earlier`: the snapshot of a first read when core asked for more; only sheets it lacks are read now.
 */
export function readWorkbook(host: HostContext, req: ReadRequest, earlier?: WorkbookSnapshot): WorkbookSnapshot {
  if (!earlier) host.byNameOnly = byNameEnough(req);
  // The sheet the command works on: the active one, or the subject core asked for (the user stays where they are).
  const shownName = host.activeName();
  // A sheet of the add-in's that is not where the last run left it (renamed, deleted): every sheet and name after all.
  if (!host.everyName && (req.sameSheet ?? []).some((g) => !host.sheet(g[0]))) host.sheetNames();
  const alternative = new Set(host.everyName ? [] : (req.sameSheet ?? []).flatMap((g) => g.slice(1)));
  const activeName = req.subject && host.sheet(req.subject) ? req.subject : shownName;
  const shift = dateShiftDays(host.timeZone());
  const known = (name: string): SheetSnapshot | undefined =>
    earlier && (earlier.active.name === name ? earlier.active : earlier.others[name]);
  const read = (name: string) => {
    const had = known(name);
    // A sheet read as another one first and now the subject is read again whole.
    if (had && !(name === activeName && withoutFormulas.has(had))) return had;
    // Another sheet than the one the command works on (the log, the add-in's own sheets): core needs its values only,
    // read in one call; the formulas of the cells a plan writes there are read just before writing (withoutFormulas).
    // Fills and notes: core patches only the sheet it works on.
    if (name !== activeName) {
      const snap = readSnapshot(host.sheet(name)!, name, VALUES_ONLY, shift);
      withoutFormulas.add(snap);
      return snap;
    }
    return readSnapshot(host.sheet(name)!, name, req, shift);
  };
  const others: Record<string, SheetSnapshot> = {};
  for (const name of req.others)
    if (name !== activeName && !alternative.has(name) && host.sheet(name))
      others[name] = name === SETTINGS_SHEET ? (known(name) ?? readSettingsSheet(host.sheet(name)!)) : read(name);
  const snap: WorkbookSnapshot = {
    host: 'sheets',
    active: shapedForCore(read(activeName), req),
    sheetNames: host.byNameOnly ? host.knownNames() : host.sheetNames(),
    others,
    today: earlier?.today ?? todayIso(host.timeZone()),
  };
  if (activeName !== shownName) snap.shown = shownName;
  return snap;
}
