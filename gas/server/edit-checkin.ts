/**
 * An edit's check-in read in the edit's measure (core/edit-checkin.ts): the edited rows, and of the log its head rows,
 * the KR IDs of its tail, the newest rows of the edited KRs and its last row. The same calls at 100 and 10,000 rows and
 * the same cells at any length of the log, where the whole check-in reads both sheets whole (~58 s at 10,000 rows:
 * past a simple trigger's 30 s).
 */
import { runCommand } from '../../core/commands';
import { CHECKIN_SHEET, LOG_COL, LOG_HEAD_ROWS } from '../../core/checkins';
import { t } from '../../core/i18n';
import {
  editLogSnapshot,
  editRowIds,
  editRowsToRead,
  editSheetAt,
  editSnapshot,
  logDataStart,
  logTailStart,
  newestRows,
  tailHidesRows,
} from '../../core/edit-checkin';
import type { Rect } from '../../core/model';
import { SETTINGS_SHEET } from '../../core/settings';
import type { SheetSnapshot, WorkbookSnapshot } from '../../core/sheet-plan';
import { plainValues } from './cells';
import type { HostContext } from './host';
import { applyResult, withDocumentLock, type HostResult } from './run-command';
import { loadSettings } from './settings-store';
import { readSettingsSheet, withoutFormulas } from './snapshot';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Whole rows `top`..`bottom` (0-based) of `sheet`, values only: one range, two calls. */
const rowValues = (sheet: Sheet, top: number, bottom: number, shift: number): unknown[][] =>
  plainValues(sheet.getRange(`${top + 1}:${bottom + 1}`).getValues(), shift);

/**
 * The log's rows the check-in of `ids` needs, the same calls and cells whatever the log's length: its head rows, the
 * KR IDs and dates of its tail (logTailStart: one row per KR of the edited sheet, `krs`, and LOG_TAIL_ROWS more; above
 * it too only when tailHidesRows), the rows from the first KR's newest row found there to the last (one range: the
 * rows of a pasted block's KRs sit together, as a check-in writes them in sheet order) and its last row. A KR with no
 * row in the tail is one core checks in as new today (no row of today can be above it: see tailHidesRows). Null when
 * the log is empty or its header is not where the add-in writes it (the whole check-in then reads it whole).
 */
function readLogPart(log: Sheet, ids: string[], at: LogAt): { row: number; values: unknown[] }[] | null {
  const last = log.getLastRow() - 1;
  if (last < 0) return null;
  const head = rowValues(log, 0, Math.min(LOG_HEAD_ROWS, last + 1) - 1, at.shift);
  const data = logDataStart(head);
  if (data === null) return null;
  const rows = head.map((values, row) => ({ row, values }));
  if (last < data) return rows;
  const tail = tailKeys(log, head, data, last, at);
  const found = newestRows(ids, tail.keys, tail.first).filter((r) => r >= head.length && r < last);
  if (found.length)
    rowValues(log, found[0], found[found.length - 1], at.shift).forEach((values, i) =>
      rows.push({ row: found[0] + i, values }),
    );
  if (last >= head.length) rows.push({ row: last, values: rowValues(log, last, last, at.shift)[0] });
  return rows;
}

/** What the log's tail read depends on: the edited sheet's KRs at most, today, the dates' shift. */
interface LogAt {
  krs: number;
  today: string;
  shift: number;
}

/** The KR ID and Date cells of the log's tail (one range), or of all its rows when tailHidesRows. */
function tailKeys(log: Sheet, head: unknown[][], data: number, last: number, at: LogAt) {
  const read = (from: number) =>
    plainValues(
      log.getRange(from + 1, LOG_COL.krId + 1, last - from + 1, LOG_COL.date - LOG_COL.krId + 1).getValues(),
      at.shift,
    );
  const first = logTailStart(data, last, at.krs);
  const keys = read(first);
  const headDates = head.slice(data).map((r) => r?.[LOG_COL.date]);
  return tailHidesRows(keys, headDates, at.today, first, data) ? { first: data, keys: read(data) } : { first, keys };
}

/**
 * The check-in of an edit's KRs in the edit's measure, with the Updated stamp of an edit of Current in the same plan
 * (as in Excel: one apply, put back whole on a failure): true when done (or refused: the user sees nothing either way
 * in a trigger), false when the whole check-in must run instead (core asked for the whole read, the edit is larger
 * than core reads in part, there is no log yet).
 */
export function checkinEdited(
  host: HostContext,
  sheet: Sheet,
  header: SheetSnapshot,
  edited: Rect,
  shift: number,
  today: string,
): boolean {
  const at = editRowsToRead(header, edited);
  if (!at) return false;
  const settings = loadSettings(host.ss);
  // The log by its name in either language (two calls at most, not one per sheet of the spreadsheet).
  const lang = settings.lang;
  const logName = [CHECKIN_SHEET[lang], CHECKIN_SHEET[lang === 'en' ? 'zh' : 'en']].find((n) => host.sheetNamed(n));
  const log = logName ? host.sheetNamed(logName) : null;
  if (!logName || !log) return false;
  // Null when core needs the whole check-in (see above); a result (applied, refused or "still running") otherwise.
  let done: HostResult | null = null;
  const res = withDocumentLock(() => {
    const rows = rowValues(sheet, at.top, at.bottom, shift);
    const ids = editRowIds(at, rows);
    // No KR id in the edited rows: core says whether they hold a KR at all (else there is nothing to record).
    // The edited sheet's rows below its header bound its KRs (the log's tail read holds one row per KR).
    const krs = sheet.getLastRow() - 1 - at.headerRow;
    const logRows = ids.length ? readLogPart(log, ids, { krs, today, shift }) : [];
    if (!logRows) return WHOLE;
    const logSnap = editLogSnapshot(logName, logRows);
    withoutFormulas.add(logSnap);
    const others: Record<string, SheetSnapshot> = { [logName]: logSnap };
    const settingsSheet = host.sheetNamed(SETTINGS_SHEET);
    if (settingsSheet) others[SETTINGS_SHEET] = readSettingsSheet(settingsSheet);
    const snap: WorkbookSnapshot = {
      host: 'sheets',
      active: editSnapshot(header, at, rows),
      // The sheets this check-in reads or writes: all core looks up (the log's name), not the whole list.
      sheetNames: [header.name, ...Object.keys(others)],
      others,
      today,
    };
    const result = runCommand('checkin', snap, settings, { dashboard: false, editIds: ids, edited });
    if (result.readAgain) return WHOLE;
    // The Updated stamp is in the plan: applied (and put back on a failure) with the edited rows at their places.
    done = applyResult(host, result, { ...snap, active: editSheetAt(header, at, rows) });
    return done;
  });
  if (!done && res !== WHOLE) console.warn('OKR Grid onEdit: ' + t(res.summary, 'en'));
  return done !== null || res !== WHOLE;
}

/** What the locked part returns when the whole check-in must run instead (never shown to anyone). */
const WHOLE: HostResult = { ok: false, summary: { en: '', zh: '' } };
