/// <reference types="office-js" />
/**
 * An edit's check-in in Excel, in the edit's measure (core/edit-checkin.ts), as the Sheets onEdit does
 * (gas/server/edit-checkin.ts): the grid's header rows and the edited rows, and of the log its head rows, the edited
 * KRs' newest rows (Range.find, searching back from the end, ExcelApi 1.9) and its last row; core records today's row
 * of those KRs only, with the Updated stamp in the same plan. Three syncs whatever the rows (the read; the finds with
 * the formats under the rows the log may grow by, for the journal; the writes), where the whole check-in reads both
 * sheets whole. When the edited rows do not say enough, the edit is larger than core reads in part, there is no log
 * yet or no Range.find, the whole check-in runs instead (`whole`).
 */
import { editChecksIn, runCommand, updatedStamp } from '../core/commands';
import { CHECKIN_SHEET, LOG_COL, LOG_FIELDS, LOG_HEAD_ROWS } from '../core/checkins';
import {
  EDIT_HEADER_ROWS,
  MAX_EDIT_ROWS,
  datesOutOfOrder,
  editLogSnapshot,
  editRowIds,
  editRowsToRead,
  editSheetAt,
  editSnapshot,
  logDataStart,
  rowsAligned,
  type EditRows,
} from '../core/edit-checkin';
import type { Rect } from '../core/model';
import { SETTINGS_SHEET, type Settings } from '../core/settings';
import type { CommandResult, SheetSnapshot, WorkbookPlan, WorkbookSnapshot } from '../core/sheet-plan';
import { applyPlan } from './apply';
import type { SheetJournal } from './journal';
import { keyOf, type Known, type SheetKnown } from './read';
import { API, has, type ExcelSupport } from './support';

/** What an edit came to: nothing to record, the whole check-in to run instead, or core's result (applied if ok). */
export type EditCheckin =
  | { kind: 'none' }
  | { kind: 'whole'; sheet: string; stamp: boolean }
  | { kind: 'done'; result: CommandResult; stamp: boolean };

/** What a failure halfway needs to put the workbook back (filled as the run goes). */
export interface EditApply {
  plan: WorkbookPlan;
  /** The snapshot restorePlan reads: the edited rows at their places (editSheetAt), the log as read. */
  snap: WorkbookSnapshot | null;
  journal: SheetJournal[];
  started: boolean;
}

const CELLS = ['values', 'formulas', 'rowIndex', 'columnIndex'];

interface LogRead {
  name: string;
  ws: Excel.Worksheet;
  head: Excel.Range;
  last: Excel.Range;
}

interface FirstRead {
  ws: Excel.Worksheet;
  top: Excel.Range;
  rows: Excel.Range | null;
  logs: LogRead[];
  settings: Excel.Range;
}

/** The first sync's reads: the header rows, the edited rows (whole rows' used part), the log's head and last row. */
function queueFirst(ctx: Excel.RequestContext, worksheetId: string, edited: Rect, lang: Settings['lang']): FirstRead {
  const sheets = ctx.workbook.worksheets;
  const ws = sheets.getItem(worksheetId).load('name');
  const top = ws
    .getRange(`1:${EDIT_HEADER_ROWS}`)
    .getUsedRangeOrNullObject(true)
    .load(['values', 'rowIndex', 'columnIndex']);
  // Past what core reads in part (with the header rows the edit may cover), nothing: the whole check-in runs.
  const rows =
    edited.rows <= MAX_EDIT_ROWS + EDIT_HEADER_ROWS
      ? ws
          .getRange(`${edited.row + 1}:${edited.row + edited.rows}`)
          .getUsedRangeOrNullObject(true)
          .load(CELLS)
      : null;
  const names = [CHECKIN_SHEET[lang], CHECKIN_SHEET[lang === 'en' ? 'zh' : 'en']];
  const logs = names.map((name) => {
    const log = sheets.getItemOrNullObject(name).load('name');
    const head = log.getRange(`1:${LOG_HEAD_ROWS}`).getUsedRangeOrNullObject(true).load(CELLS);
    const last = log.getUsedRangeOrNullObject(true).getLastRow().load(CELLS);
    return { name, ws: log, head, last };
  });
  const settings = sheets.getItemOrNullObject(SETTINGS_SHEET).getRange('A1:A2').load('values');
  return { ws, top, rows, logs, settings };
}

/** A read range's values (or formulas, '' where a cell holds none) aligned to rows `top`..`bottom` from `col`. */
function aligned(r: Excel.Range, top: number, bottom: number, col: number, what: 'values' | 'formulas'): unknown[][] {
  if (r.isNullObject) return rowsAligned(null, { row: top, col }, top, bottom, col);
  const m = what === 'values' ? r.values : r.formulas.map((l) => l.map((f) => (isFormula(f) ? f : '')));
  return rowsAligned(m, { row: r.rowIndex, col: r.columnIndex }, top, bottom, col);
}

/** The dates of the log's rows read in the first sync (its head's rows below the header, its last row). */
function logDates(head: unknown[][] | null, data: number, last: Excel.Range): unknown[] {
  const lastDate = last.isNullObject ? undefined : last.values[0]?.[LOG_COL.date - last.columnIndex];
  return [...(head ?? []).slice(data).map((r) => r?.[LOG_COL.date]), lastDate];
}

/** The last row (0-based) a read range covers. */
const lastOf = (r: Excel.Range) => r.rowIndex + r.values.length - 1;

const isFormula = (f: unknown) => typeof f === 'string' && f.startsWith('=');

/** The log's rows read (head, newest rows of the KRs, last row) as a part-read snapshot with their formulas. */
function logSnapshot(name: string, rows: Excel.Range[]): SheetSnapshot {
  const read = rows.filter((r) => !r.isNullObject);
  const at = (r: Excel.Range, what: 'values' | 'formulas') =>
    aligned(r, r.rowIndex, lastOf(r), 0, what).map((values, i) => ({
      row: r.rowIndex + i,
      values,
    }));
  const snap = editLogSnapshot(
    name,
    read.flatMap((r) => at(r, 'values')),
  );
  // The formulas of the rows read: restorePlan puts a rewritten row back exactly, with no lookup before the writes.
  snap.formulas = [];
  for (const r of read) for (const f of at(r, 'formulas')) snap.formulas[f.row] = f.values as string[];
  return snap;
}

/** What the apply knows without a lookup: every sheet it writes, and the formats under the log's next rows. */
function knownFor(sheetNames: string[], ws: Excel.Worksheet, log: LogRead, formats: Excel.Range[]): Known {
  const none = (w: Excel.Worksheet): SheetKnown => ({ ws: w, cfs: null, details: null, tables: null, freeze: null });
  const sheets = new Map<string, SheetKnown>([
    [keyOf(ws.name), none(ws)],
    [keyOf(log.ws.name), { ...none(log.ws), formats }],
  ]);
  return { sheetNames, sheets };
}

/**
 * The check-in of an edit's KRs, in the edit's measure, inside the caller's Excel.run (see the file's comment).
 * `state` is filled for the caller's restore when a write fails; `onApply` runs just before the first write.
 */
export async function checkinEdit(
  ctx: Excel.RequestContext,
  worksheetId: string,
  edited: Rect,
  today: string,
  settings: Settings,
  support: ExcelSupport,
  state: EditApply,
  onApply: () => void,
): Promise<EditCheckin> {
  const first = queueFirst(ctx, worksheetId, edited, settings.lang);
  await ctx.sync();
  const { ws, top, rows } = first;
  if (top.isNullObject) return { kind: 'none' };
  const header: SheetSnapshot = {
    name: ws.name,
    origin: { row: top.rowIndex, col: top.columnIndex },
    values: top.values,
  };
  if (!editChecksIn(header, edited)) return { kind: 'none' };
  // Whether the edit stamps its rows' Updated cells (an edit of Current: core puts the stamp in the check-in's plan).
  const stamp = !!updatedStamp(header, edited, today);
  const whole: EditCheckin = { kind: 'whole', sheet: ws.name, stamp };
  const at = editRowsToRead(header, edited);
  const log = first.logs.find((l) => !l.ws.isNullObject && !l.last.isNullObject);
  if (!at || !rows || !log || !has(support, API.find)) return whole;
  const lines = aligned(rows, at.top, at.bottom, header.origin.col, 'values');
  const ids = editRowIds(at, lines, header.origin.col);
  const head = log.head.isNullObject ? null : aligned(log.head, 0, lastOf(log.head), 0, 'values');
  const data = head ? logDataStart(head) : null;
  // A log not in date order (a user's sort): the KRs' last rows need not be their newest; read it whole.
  if (data === null || datesOutOfOrder(logDates(head, data, log.last))) return whole;
  // No KR id in the edited rows: core says whether they hold a KR at all (else there is nothing to record).
  const found = queueFinds(log, ids, data);
  // The formats under the rows the log may grow by (the journal's, read now: no lookup before the writes).
  const formats = ids.length
    ? log.ws
        .getRangeByIndexes(log.last.rowIndex + 1, 0, ids.length, LOG_FIELDS.length)
        .load(['address', 'numberFormat'])
    : null;
  if (ids.length) await ctx.sync();
  const logSnap = logSnapshot(log.ws.name, [log.head, ...found, log.last]);
  const snap = editWorkbook(editSnapshot(header, at, lines), logSnap, first.settings, today);
  const result = runCommand('checkin', snap, settings, { dashboard: false, editIds: ids, edited });
  if (result.readAgain) return whole;
  if (!result.ok || !result.plan.sheets.length) return { kind: 'done', result, stamp: false };
  state.plan = result.plan;
  state.snap = { ...snap, active: placedActive(header, at, lines, rows) };
  state.started = true;
  onApply();
  const known = knownFor(snap.sheetNames, ws, log, formats ? [formats] : []);
  await applyPlan(ctx, result.plan, known, support, [logSnap], state.journal);
  return { kind: 'done', result, stamp };
}

/** What core reads for an edit's check-in: the edited rows, the log as read, the settings sheet's A1:A2. */
function editWorkbook(active: SheetSnapshot, log: SheetSnapshot, settings: Excel.Range, today: string) {
  const others: Record<string, SheetSnapshot> = { [log.name]: log };
  if (!settings.isNullObject)
    others[SETTINGS_SHEET] = { name: SETTINGS_SHEET, origin: { row: 0, col: 0 }, values: settings.values };
  // The sheets this check-in reads or writes: all core looks up (the log's name), not the whole list.
  const sheetNames = [active.name, ...Object.keys(others)];
  const snap: WorkbookSnapshot = { host: 'excel', active, sheetNames, others, today };
  return snap;
}

/** Each KR's newest row in the log (its KR ID cell found searching back from the last row), as the log's fields. */
function queueFinds(log: LogRead, ids: string[], data: number): Excel.Range[] {
  const last = log.last.rowIndex;
  if (last < data) return [];
  const keys = log.ws.getRangeByIndexes(data, LOG_COL.krId, last - data + 1, 1);
  const criteria = { completeMatch: true, matchCase: true, searchDirection: 'Backwards' } as Excel.SearchCriteria;
  // A KR with no row yet is a null object, and so is the row derived from it (loaded as isNullObject).
  return ids.map((id) =>
    keys
      .findOrNullObject(id, criteria)
      .getOffsetRange(0, -LOG_COL.krId)
      .getResizedRange(0, LOG_FIELDS.length - 1)
      .load(CELLS),
  );
}

/** The edited sheet for restorePlan: the edited rows at their places, with their formulas. */
function placedActive(header: SheetSnapshot, at: EditRows, lines: unknown[][], rows: Excel.Range): SheetSnapshot {
  const placed = editSheetAt(header, at, lines);
  const formulas = aligned(rows, at.top, at.bottom, header.origin.col, 'formulas');
  placed.formulas = editSheetAt({ ...header, values: header.values.map((l) => l.map(() => '')) }, at, formulas)
    .values as string[][];
  return placed;
}
