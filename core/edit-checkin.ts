/**
 * A check-in from an edit, bounded by what the edit touched (issue 13): a host that cannot afford to read a whole
 * sheet on every keystroke (Apps Script's simple onEdit trigger stops at 30 s) reads the grid's header rows, the edited
 * rows and, of the log, its head rows, the rows of the edited KRs and its last row; core then records today's row of
 * those KRs only. When the edited rows do not say everything a check-in needs (a KR without its own id cell, an
 * objective on a row of its own above them) core asks for the whole read (CommandResult.readAgain.whole) and the host
 * runs the whole check-in instead.
 */
import type { OkrModel, Rect } from './model';
import type { SheetSnapshot } from './sheet-plan';
import type { Settings } from './settings';
import { idFromCell } from './ids';
import { findOwnedBlock } from './plan-grid';
import { checkinRows, readLog, type CheckinRow } from './checkins';
import { closeCycle } from './close';
import { isoToSerial } from './values';

/**
 * Past this many edited rows (a pasted block), the host reads the whole sheet as for Check in. The part read costs the
 * same calls for any number of rows (Excel: one find per KR, all in one sync; Sheets: the log's tail, whatever the
 * KRs), so a paste of a few hundred rows stays in the edit's measure; the whole check-in of a 10,000-KR sheet takes
 * about the 30 s Apps Script gives a simple trigger.
 */
export const MAX_EDIT_ROWS = 500;

/** The sheet's first rows an edit reads to find the grid's header (titles and two-row headers fit well inside). */
export const EDIT_HEADER_ROWS = 20;

/** The rows an edit's check-in reads: 0-based, absolute, below the grid's header (see editRowsToRead). */
export interface EditRows {
  headerRow: number;
  top: number;
  bottom: number;
  /** The owned OKR ID column (absolute): the KRs' keys in the log. */
  idCol: number;
}

/**
 * `header`: the sheet's first rows as read from A1 (they hold the header row of a converted grid); `edited`: the
 * edited rectangle. The edited rows below the header, or null (no converted grid there, nothing below the header, or
 * more than MAX_EDIT_ROWS rows).
 */
export function editRowsToRead(header: SheetSnapshot, edited: Rect): EditRows | null {
  if (!header || !Array.isArray(header.values) || !edited) return null;
  for (let r = 0; r < header.values.length; r++) {
    const headerRow = (header.origin?.row ?? 0) + r;
    const block = findOwnedBlock(header, headerRow);
    if (!block || block.cols.id === undefined) continue;
    const top = Math.max(edited.row, headerRow + 1);
    const bottom = edited.row + edited.rows - 1;
    if (bottom < top || bottom - top + 1 > MAX_EDIT_ROWS) return null;
    return { headerRow, top, bottom, idCol: block.cols.id };
  }
  return null;
}

/**
 * The sheet as an edit's check-in sees it: the header rows (title rows and the header, as read), then the edited rows
 * right below (their own rows in between are left out: nothing of a check-in row depends on where a KR sits).
 */
export function editSnapshot(header: SheetSnapshot, at: EditRows, rows: unknown[][]): SheetSnapshot {
  const origin = header.origin ?? { row: 0, col: 0 };
  const head = header.values.slice(0, at.headerRow - origin.row + 1);
  return { name: header.name, origin, values: [...head, ...rows] };
}

/**
 * Rows `top`..`bottom` (0-based) as one matrix aligned to column `originCol`, from a read of them that starts at
 * (`at.row`, `at.col`) (a host reads the used part of whole rows: it may start lower or further right; rows or cells
 * it did not return are blank).
 */
export function rowsAligned(
  read: unknown[][] | null,
  at: { row: number; col: number },
  top: number,
  bottom: number,
  originCol: number,
): unknown[][] {
  return Array.from({ length: bottom - top + 1 }, (_, i) => {
    const line = read?.[top + i - at.row] ?? [];
    const out: unknown[] = [];
    line.forEach((v, c) => {
      if (at.col + c >= originCol) out[at.col + c - originCol] = v;
    });
    for (let c = 0; c < out.length; c++) if (out[c] === undefined) out[c] = '';
    return out;
  });
}

/**
 * The edited sheet as far as an edit read it, every cell at its place: the header rows, then the edited rows where
 * they are, the rows between unknown (a part read: core never writes one back). For restorePlan, which puts back the
 * cells a plan wrote (the Updated stamp) from where they are; editSnapshot is what core reads the KRs from.
 */
export function editSheetAt(header: SheetSnapshot, at: EditRows, rows: unknown[][]): SheetSnapshot {
  const origin = header.origin ?? { row: 0, col: 0 };
  const values: unknown[][] = header.values.slice(0, at.headerRow - origin.row + 1);
  for (let r = values.length; r < at.top - origin.row; r++) values.push([]);
  values.push(...rows);
  return { name: header.name, origin, values, partial: { columns: [] } };
}

/**
 * Where an edit's check-in reads the log in part, from its head rows (read from A1) and its last row (0-based):
 * the first row below its header; null when its header is not where the add-in writes it (row 1..LOG_HEAD_ROWS of
 * column A), and the whole check-in reads it whole instead.
 */
export function logDataStart(head: unknown[][]): number | null {
  const parsed = readLog({ name: '', origin: { row: 0, col: 0 }, values: head });
  return parsed.headerRow < 0 || parsed.col !== 0 ? null : parsed.headerRow + 1;
}

/**
 * The newest row (0-based) of each of `ids` in the log's KR ID cells as read from row `first` (`keys`, a row's KR ID
 * and, when read, its date): the row of the latest date, and of those the last (the log grows by date, so a KR's last
 * row is its newest check-in, the one today's may rewrite; a log a user sorted by something else still gives it).
 */
export function newestRows(ids: string[], keys: unknown[][], first: number): number[] {
  const want = new Set(ids);
  const best = new Map<string, { row: number; date: number }>();
  keys.forEach((line, i) => {
    const id = String(line?.[0] ?? '').trim();
    if (!want.has(id)) return;
    const date = typeof line?.[1] === 'number' ? line[1] : -Infinity;
    const had = best.get(id);
    if (!had || date >= had.date) best.set(id, { row: first + i, date });
  });
  return [...best.values()].map((b) => b.row).sort((a, b) => a - b);
}

/**
 * The log's rows an edit reads past one row per KR of the edited sheet (a whole check-in writes one per KR): room for
 * the rows edits appended since, and for other sheets' check-ins.
 */
export const LOG_TAIL_ROWS = 256;

/**
 * The first row (0-based) of the log's tail an edit reads the KR IDs and dates of, its data starting at `data` and
 * ending at `last`: the last `krs + LOG_TAIL_ROWS` rows, `krs` bounding the edited sheet's KRs (its rows below the
 * header). The log grows by date, so each KR's newest row is there when the KR was checked in since the sheet's last
 * whole check-in or LOG_TAIL_ROWS rows back, and every row of today is there unless tailHidesRows says otherwise. The
 * same rows read at any length of the log.
 */
export function logTailStart(data: number, last: number, krs: number): number {
  return Math.max(data, last - Math.max(0, krs) - LOG_TAIL_ROWS + 1);
}

/**
 * Whether rows above a tail read from `first` (above `data` when first > data) may hold rows the edit needs: today's
 * row of a KR (the tail's top row is already dated today or later), or a log no longer in date order (a user's sort:
 * a date in the tail, or in the head's `headDates`, later than one below it). `keys`: the tail's [KR ID, date]
 * cells, dates as serials. Then the host reads the KR IDs above as well.
 */
export function tailHidesRows(keys: unknown[][], headDates: unknown[], today: string, first: number, data: number) {
  if (first <= data) return false;
  if (datesOutOfOrder([...headDates, ...keys.map((k) => k?.[1])])) return true;
  const top = keys[0]?.[1];
  return typeof top === 'number' && top >= (isoToSerial(today) ?? Infinity);
}

/**
 * Whether log dates read top to bottom (serials; other cells skipped) go down somewhere: the log is not in the order
 * it grows by (a user sorted it), so a KR's last row need not be its newest, nor today's rows at its end.
 */
export function datesOutOfOrder(dates: unknown[]): boolean {
  let before = -Infinity;
  for (const d of dates) {
    if (typeof d !== 'number') continue;
    if (d < before) return true;
    before = d;
  }
  return false;
}

/** The KR ids in the edited rows' OKR ID cells (read as the reader reads an id cell), in order, each once. */
export function editRowIds(at: EditRows, rows: unknown[][], originCol = 0): string[] {
  const ids: string[] = [];
  for (const line of rows) {
    const id = idFromCell((line ?? [])[at.idCol - originCol]);
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/**
 * Whether a model read from an edit's rows (editSnapshot) holds everything a check-in of them needs: every KR keyed
 * by its own id cell, under an objective named on the rows read (not one on a row above, which was not read: the
 * reader then gives the KR an untitled objective of its own), and the KRs are exactly those `ids`.
 */
export function editRowsSelfContained(model: OkrModel, ids: string[]): boolean {
  const krs = model.objectives.flatMap((o) => o.krs.map((k) => ({ k, o })));
  if (!krs.length || krs.length !== ids.length) return false;
  // An objective with no title on the rows read is one the reader made up for KRs whose objective sits above them.
  return krs.every(({ k, o }) => k.cols.id !== undefined && !o.ownRow && !!o.title.trim() && ids.includes(k.id));
}

/**
 * The log as an edit's check-in read it: its head rows (from A1), the rows found for the edited KRs and its last row,
 * each at its 0-based place; every other cell unknown (a part read: core never writes one back).
 */
export function editLogSnapshot(name: string, rows: { row: number; values: unknown[] }[]): SheetSnapshot {
  const last = rows.reduce((m, r) => Math.max(m, r.row), -1);
  const values: unknown[][] = Array.from({ length: last + 1 }, () => []);
  for (const r of rows) values[r.row] = r.values;
  return { name, origin: { row: 0, col: 0 }, values, partial: { columns: [] } };
}

/**
 * Whether an edit leaves every KR it touched as the log's newest row of that KR already holds it (same cycle, current
 * value and confidence): an undo (Ctrl+Z) of an edit whose check-in the host's undo took back too (Excel keeps an
 * add-in's writes on the user's undo stack), or a value typed again. Such an edit records nothing and stamps nothing,
 * in both hosts (the edit check-in and the whole one), so undoing an edit never leaves a check-in behind. False when
 * the edit touched no KR, or a KR has no row in the log as read (a part read: its newest row was not found).
 * `edited` null: every KR of `model` (read from the edited rows alone, editSnapshot).
 */
export function editKeepsLog(
  model: OkrModel,
  edited: Rect | null,
  log: SheetSnapshot | undefined,
  settings: Settings,
  today: string,
  sheet: string,
): boolean {
  const inEdit = (row: number) => !edited || (row >= edited.row && row < edited.row + edited.rows);
  const touched = model.objectives.flatMap((o) => o.krs.filter((k) => inEdit(k.row)));
  if (!touched.length || !log) return false;
  // Only the KRs touched: the close of a whole sheet would read every KR for nothing.
  const only: OkrModel = {
    ...model,
    objectives: model.objectives
      .map((o) => ({ ...o, krs: o.krs.filter((k) => inEdit(k.row)) }))
      .filter((o) => o.krs.length),
  };
  const fresh = checkinRows(only, closeCycle(only, { settings, today }), isoToSerial(today) ?? 0, sheet);
  // Each KR's newest row: the latest date, and of those the last (as newestRows).
  const newest = new Map<string, CheckinRow>();
  for (const r of readLog(log).rows) if (r.date >= (newest.get(r.krId)?.date ?? -Infinity)) newest.set(r.krId, r);
  return (
    fresh.length === touched.length &&
    fresh.every((f) => {
      const n = newest.get(f.krId);
      return !!n && n.cycle === f.cycle && n.current === f.current && n.confidence === f.confidence;
    })
  );
}
