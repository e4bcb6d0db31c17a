/**
 * An edit's check-in read in the edit's measure (core/edit-checkin.ts): the edited rows, and of the log its head rows,
 * the rows of the edited KRs (a TextFinder on its KR ID column) and its last row. The same calls and bytes at 100 and
 * 10,000 rows, where the whole check-in reads both sheets whole (~58 s at 10,000 rows: past a simple trigger's 30 s).
 */
import { runCommand } from '../../core/commands';
import { CHECKIN_SHEET, LOG_COL, readLog } from '../../core/checkins';
import { t } from '../../core/i18n';
import { editLogSnapshot, editRowIds, editRowsToRead, editSnapshot } from '../../core/edit-checkin';
import type { Rect } from '../../core/model';
import { SETTINGS_SHEET } from '../../core/settings';
import type { SheetSnapshot, WorkbookSnapshot } from '../../core/sheet-plan';
import { plainValues } from './cells';
import type { HostContext } from './host';
import { applyResult, withDocumentLock, type HostResult } from './run-command';
import { loadSettings } from './settings-store';
import { readSettingsSheet, withoutFormulas } from './snapshot';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The log's rows read first: its header is looked for there (core/checkins.ts LOG_HEAD_ROWS). */
const LOG_HEAD_ROWS = 10;

/** Whole rows `top`..`bottom` (0-based) of `sheet`, values only. */
const rowValues = (sheet: Sheet, top: number, bottom: number, shift: number): unknown[][] =>
  plainValues(sheet.getRange(`${top + 1}:${bottom + 1}`).getValues(), shift);

/**
 * The log's rows the check-in of `ids` needs: its head rows, each KR's last row in the KR ID column (the log grows
 * by date: a KR's last row is its newest check-in, the one today's may rewrite), and its last row. Null when the log
 * is empty or its header is not where the add-in writes it (the whole check-in then reads it whole).
 */
function readLogPart(log: Sheet, ids: string[], shift: number): { row: number; values: unknown[] }[] | null {
  const last = log.getLastRow() - 1;
  if (last < 0) return null;
  const head = rowValues(log, 0, Math.min(LOG_HEAD_ROWS, last + 1) - 1, shift);
  const parsed = readLog({ name: '', origin: { row: 0, col: 0 }, values: head });
  if (parsed.headerRow < 0 || parsed.col !== 0) return null;
  const rows = head.map((values, row) => ({ row, values }));
  const firstData = parsed.headerRow + 1;
  if (last < firstData) return rows;
  const keys = log.getRange(firstData + 1, LOG_COL.krId + 1, last - firstData + 1, 1);
  const want = new Set<number>([last]);
  for (const id of ids) {
    const found = keys.createTextFinder(id).matchCase(true).matchEntireCell(true).findAll();
    if (found.length) want.add(found[found.length - 1].getRow() - 1);
  }
  for (const row of [...want].filter((r) => r >= head.length).sort((a, b) => a - b))
    rows.push({ row, values: rowValues(log, row, row, shift)[0] });
  return rows;
}

/**
 * The check-in of an edit's KRs in the edit's measure: true when done (or refused: the user sees nothing either way
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
    const logRows = ids.length ? readLogPart(log, ids, shift) : null;
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
    const result = runCommand('checkin', snap, settings, { dashboard: false, editIds: ids });
    if (result.readAgain) return WHOLE;
    done = applyResult(host, result, snap);
    return done;
  });
  if (!done && res !== WHOLE) console.warn('OKR Grid onEdit: ' + t(res.summary, 'en'));
  return done !== null || res !== WHOLE;
}

/** What the locked part returns when the whole check-in must run instead (never shown to anyone). */
const WHOLE: HostResult = { ok: false, summary: { en: '', zh: '' } };
