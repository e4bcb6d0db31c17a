/**
 * One sheet being written by applySheet: its Ranges (all of a plan's rectangles from one RangeList), its size,
 * how it came to be written (created, an owned sheet rewritten, or a user's sheet patched) and its undo steps.
 */
import type { Rect } from '../../core/model';
import type { SheetPlan, SheetSnapshot } from '../../core/sheet-plan';
import { boundingRect, rectA1 } from '../../core/sheet-plan';
import { WrittenRecord } from './written';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

/**
 * What core's restorePlan cannot know (it sees values, notes and fills, not formats, dropdowns, frozen rows, header
 * style, banding, widths, charts or the rules a sheet had): before each such change to a sheet that already existed,
 * the adapter reads the old state of exactly what it will touch and keeps a step that puts it back.
 */
export type UndoJournal = (() => void)[];

/**
 * - created: the plan inserted the sheet; nothing is read or journaled (restorePlan deletes it).
 * - owned: a sheet the add-in owns, rewritten whole (`replaceAll`): its cells are written as one block over the old
 *   and the new extent (restorePlan puts the old block back), everything else journaled.
 * - user: a user's sheet; only the plan's cells are written, everything else journaled.
 */
export type WriterMode = 'created' | 'owned' | 'user';

export interface Size {
  rows: number;
  cols: number;
}

type TextStyle = GoogleAppsScript.Spreadsheet.TextStyle;

/**
 * What one apply builds once and every sheet it writes reuses: the header's text style (the scorecard, history,
 * dashboard and log share one look), built with four builder calls instead of four per sheet.
 */
export interface ApplyShared {
  textStyles: Map<string, TextStyle>;
  /**
   * Putting a failed run back (no journal): rows and columns that had to be added for the restore's cells (the failed
   * run never got to add them) are deleted again once it is written (they held nothing before).
   */
  grown: UndoJournal;
}

export const newApplyShared = (): ApplyShared => ({ textStyles: new Map(), grown: [] });

/** A RangeList costs two calls (getRangeList, getRanges): worth it from three rectangles on. */
const RANGE_LIST_FROM = 3;

export class SheetWriter {
  private ranges = new Map<string, Range>();
  constructor(
    readonly sheet: Sheet,
    readonly mode: WriterMode,
    /** The sheet's rows and columns when known (a sheet this command made), else null until asked. */
    public size: Size | null,
    /** Undo steps for changes to a sheet that existed (null for a created one). */
    readonly undo: UndoJournal | null,
    /** What earlier runs wrote, to leave alone what already is as planned (see written.ts). */
    readonly written: WrittenRecord = new WrittenRecord(),
    /** Value objects one apply builds once for all its sheets (see ApplyShared). */
    readonly shared: ApplyShared = newApplyShared(),
  ) {}

  /**
   * The sheet's name; its used extent as read (null for a sheet the plan created) and as this apply leaves it
   * (grown by every block written): see asRecorded.
   */
  private name = '';
  private before: Size | null = null;
  private after: Size = { rows: 0, cols: 0 };

  /** Called once the plan's sheet and its snapshot are known (applySheet). */
  describe(name: string, snap: SheetSnapshot | undefined): void {
    this.name = name;
    this.before = this.created ? null : snapshotExtent(snap);
    // A sheet rewritten whole is written over its old extent: what it holds afterwards is what is written.
    this.after = this.mode === 'user' && this.before ? { ...this.before } : { rows: 0, cols: 0 };
  }

  /** A block of cells written at `rect`: the sheet's used extent grows to its last non-empty cell. */
  wrote(rect: Rect, m: unknown[][]): void {
    m.forEach((line, r) =>
      line.forEach((v, c) => {
        if (v === '' || v === null || v === undefined) return;
        this.after.rows = Math.max(this.after.rows, rect.row + r + 1);
        this.after.cols = Math.max(this.after.cols, rect.col + c + 1);
      }),
    );
  }

  /**
   * Whether an earlier successful run recorded writing `spec` as `what` on this sheet and left the sheet with the used
   * extent it has now (rows or columns added or deleted since, by the user or a command, and it is checked again).
   * Never on a sheet the plan created.
   */
  asRecorded(what: string, spec: unknown): boolean {
    return this.before !== null && this.written.same(`${what} ${this.name}`, [this.before, spec]);
  }

  /** Records `spec` (null: forgets) as `what` on this sheet with the extent it will have, once the apply succeeds. */
  record(what: string, spec: unknown): void {
    this.written.note(`${what} ${this.name}`, spec === null ? null : [this.after, spec]);
  }

  /**
   * Rows and columns (0-based, from these on) this command appended to a sheet that existed (ensureSize): nothing
   * there needs reading for the undo, which deletes them.
   */
  appended: Size = { rows: Infinity, cols: Infinity };

  /** Whether `r` lies wholly in rows or columns this command appended (see appended). */
  inAppended(r: Rect): boolean {
    return r.row >= this.appended.rows || r.col >= this.appended.cols;
  }

  get created(): boolean {
    return this.mode === 'created';
  }

  /** Cells the add-in may write as one block (a sheet it created or owns). */
  get whole(): boolean {
    return this.mode !== 'user';
  }

  range(r: Rect): Range {
    const key = rectA1(r);
    let range = this.ranges.get(key);
    if (!range) {
      range = this.sheet.getRange(r.row + 1, r.col + 1, r.rows, r.cols);
      this.ranges.set(key, range);
    }
    return range;
  }

  /** Every rectangle the plan will use, asked for at once (after the sheet has its size). */
  gather(rects: Rect[]): void {
    const a1s = [...new Set(rects.filter((r) => r.rows > 0 && r.cols > 0).map(rectA1))].filter(
      (a) => !this.ranges.has(a),
    );
    if (a1s.length < RANGE_LIST_FROM) return;
    const got = this.sheet.getRangeList(a1s).getRanges();
    a1s.forEach((a, i) => this.ranges.set(a, got[i]));
  }
}

/** Pads ragged rows to the widest one so the matrix is the rectangle setValues expects. */
export function rectangular<T, U>(rows: T[][], fill: U, map: (v: T) => U): U[][] {
  const cols = rows.reduce((m, r) => Math.max(m, r.length), 0);
  return rows.map((r) => {
    const out: U[] = new Array(cols);
    for (let c = 0; c < cols; c++) out[c] = c < r.length ? map(r[c]) : fill;
    return out;
  });
}

export const sameMatrix = (a: unknown[][], b: unknown[][]) =>
  a.length === b.length && a.every((r, i) => r.length === b[i].length && r.every((v, j) => v === b[i][j]));

const widthOf = (m: unknown[][]) => m.reduce((x, r) => Math.max(x, r.length), 0);

/** The rectangle a matrix placed at (row, col) covers. */
export const blockRect = (row: number, col: number, m: unknown[][]): Rect => ({
  row,
  col,
  rows: m.length,
  cols: m.length ? widthOf(m) : 0,
});

/** The bounding rectangle of `rects` (and `extra`), or null when all are empty. */
export function mergedRect(rects: Rect[], extra?: Rect): Rect | null {
  const all = rects.concat(extra ? [extra] : []).filter((r) => r.rows > 0 && r.cols > 0);
  if (!all.length) return null;
  return boundingRect(
    all.flatMap((r) => [
      { row: r.row, col: r.col },
      { row: r.row + r.rows - 1, col: r.col + r.cols - 1 },
    ]),
  );
}

/**
 * Matrices placed at their rectangles merged into one over their bounding rectangle (and `extra`, the old extent of
 * an owned sheet), `fill` elsewhere: one call for a sheet the add-in created or owns, whatever the plan's blocks.
 */
export function mergeBlocks<T>(
  blocks: { row: number; col: number; m: T[][] }[],
  fill: T,
  extra?: Rect,
): { rect: Rect; m: T[][] } | null {
  const rect = mergedRect(
    blocks.map((b) => blockRect(b.row, b.col, b.m)),
    extra,
  );
  if (!rect) return null;
  const m = Array.from({ length: rect.rows }, () => new Array<T>(rect.cols).fill(fill));
  for (const b of blocks)
    b.m.forEach((line, r) => line.forEach((v, c) => (m[b.row - rect.row + r][b.col - rect.col + c] = v)));
  return { rect, m };
}

/** Rows and columns (1-based counts) the plan reaches on its sheet. */
export function planExtent(sp: SheetPlan): Size {
  let rows = 0;
  let cols = 0;
  const reach = (r: Rect) => {
    if (r.rows > 0 && r.cols > 0) {
      rows = Math.max(rows, r.row + r.rows);
      cols = Math.max(cols, r.col + r.cols);
    }
  };
  for (const w of sp.writes) reach(blockRect(w.row, w.col, w.cells));
  for (const f of sp.numberFormats) reach(blockRect(f.row, f.col, f.formats));
  for (const v of sp.validations) reach(v.range);
  for (const r of sp.rules) r.ranges.forEach(reach);
  for (const p of [...sp.backgrounds, ...sp.notes]) reach({ row: p.row, col: p.col, rows: 1, cols: 1 });
  if (sp.header) reach(sp.header.range);
  if (sp.table) reach(sp.table.range);
  for (const w of sp.columnWidths ?? []) reach({ row: 0, col: w.col, rows: 1, cols: 1 });
  return { rows, cols };
}

/** The used extent of a snapshot (rows and columns from A1), or null without one. */
export function snapshotExtent(snap: SheetSnapshot | undefined): Size | null {
  if (!snap) return null;
  return { rows: snap.origin.row + snap.values.length, cols: snap.origin.col + widthOf(snap.values) };
}

/** Where the step deleting what ensureSize added goes: the journal, or (putting a run back) ApplyShared.grown. */
const undoGrowth = (w: SheetWriter): UndoJournal | null => (w.created ? null : (w.undo ?? w.shared.grown));

/**
 * Sheets refuses ranges beyond the grid (a new sheet has 1000 rows, 26 columns): grow it first (the undo deletes
 * what was added). A sheet the plan created is sized to the plan (trimmed to one spare row), so it carries no
 * thousand empty rows. The size is asked for only when the plan may reach beyond what is known to be there.
 */
export function ensureSize(w: SheetWriter, need: Size, known: Size | null, frozenRows = 0): void {
  const sheet = w.sheet;
  const maxRows = w.size ? w.size.rows : need.rows > (known?.rows ?? 0) ? sheet.getMaxRows() : (known?.rows ?? 0);
  if (need.rows > maxRows) {
    sheet.insertRowsAfter(maxRows, need.rows - maxRows);
    undoGrowth(w)?.push(() => sheet.deleteRows(maxRows + 1, need.rows - maxRows));
    if (!w.created) w.appended.rows = maxRows;
  } else if (w.created && need.rows > 0) {
    // Cut to the plan's last row, so the rows a later run appends are new ones (nothing there to read for the undo);
    // one spare row stays under a sheet of no more rows than it freezes (Sheets refuses to freeze every row).
    const keep = need.rows <= frozenRows ? need.rows + 1 : need.rows;
    if (keep < maxRows) sheet.deleteRows(keep + 1, maxRows - keep);
  }
  const maxCols = w.size ? w.size.cols : need.cols > (known?.cols ?? 0) ? sheet.getMaxColumns() : (known?.cols ?? 0);
  if (need.cols > maxCols) {
    sheet.insertColumnsAfter(maxCols, need.cols - maxCols);
    undoGrowth(w)?.push(() => sheet.deleteColumns(maxCols + 1, need.cols - maxCols));
    if (!w.created) w.appended.cols = maxCols;
  }
}
