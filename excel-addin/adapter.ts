/// <reference types="office-js" />
/**
 * The Excel host: read the workbook, hand it to core, apply core's plan. No OKR logic here. One Excel.run per
 * command, at most three syncs below the payload budget whatever the rows: the read (read.ts; a second sync only
 * when notes are read, since their cells are known once the notes are), at most one lookup (apply.ts; skipped when
 * the read fetched everything the plan needs) and the writes. Above the budget (payload.ts) reads and writes are
 * split into bands: syncs grow with size / budget only. Members newer than the manifest's ExcelApi are used behind
 * their requirement set (support.ts). A failed apply is put back with restorePlan, then the journal (journal.ts).
 */
import {
  readsFor,
  restorePlan,
  runCommand,
  updatedStamp,
  withSettingsSheet,
  type CommandName,
  type CommandOptions,
} from '../core/commands';
import { failedAndRestored, failedNotRestored, readFailed } from '../core/host-messages';
import { errorText, msg, type Msg } from '../core/i18n';
import { EDIT_HEADER_ROWS } from '../core/edit-checkin';
import type { CellRef, Rect } from '../core/model';
import type { Settings } from '../core/settings';
import { localIsoDate } from '../core/values';
import {
  parseA1,
  rectA1,
  rereadFor,
  type CellBlock,
  type ReadRequest,
  type SheetSnapshot,
  type WorkbookPlan,
  type WorkbookSnapshot,
} from '../core/sheet-plan';
import { applyPlan } from './apply';
import { checkinEdit, type EditApply, type EditCheckin } from './edit-checkin';
import { block, rectangular, toExcelInput } from './cells';
import { undoJournal, type SheetJournal } from './journal';
import { emptyKnown, readSnapshot } from './read';
import { API, excelSupport, has, type ExcelSupport } from './support';

export { toExcelInput } from './cells';
export { excelSupport, type ExcelSupport } from './support';

/** The part of the `Excel` global the adapter needs (the real one, or the in-memory one of playground/excel-sim). */
export interface ExcelLike {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

export interface CommandOutcome {
  ok: boolean;
  summary: Msg;
  details?: unknown;
}

/**
 * The plan as this host can apply it. Highlights (fills and notes) need notes (ExcelApi 1.18): the note carries the
 * cell's original fill, so without notes a highlight could not be cleared; they are left out and the summary says so.
 */
function applicable(plan: WorkbookPlan, support: ExcelSupport): { plan: WorkbookPlan; dropped: boolean } {
  if (has(support, API.notes)) return { plan, dropped: false };
  const dropped = plan.sheets.some((s) => s.notes.length || s.backgrounds.length);
  const sheets = plan.sheets.map((s) => ({ ...s, notes: [], backgrounds: [] }));
  return { plan: { ...plan, sheets }, dropped };
}

/**
 * Where a command's plan patches fills on the active sheet, from a first run of core on the snapshot without notes
 * and fills: the cells do not depend on what the fills are, so only their fills are read (a few cells, not the
 * whole sheet, which at 10,000 rows would pass the payload limit on its own).
 */
function patchedCells(name: CommandName, partial: WorkbookSnapshot, settings: Settings): CellRef[] {
  const active = partial.active;
  const bare = { ...partial, active: { ...active, backgrounds: active.values.map((r) => r.map(() => '')) } };
  const plan = runCommand(name, bare, settings).plan;
  return plan.sheets
    .filter((s) => s.sheet === active.name)
    .flatMap((s) => s.backgrounds.map((b) => ({ row: b.row, col: b.col })));
}

const NO_HIGHLIGHTS: Msg = msg(
  ' This version of Excel has no notes (ExcelApi 1.18), so no cells were highlighted: the findings are listed in the panel.',
  '此版本的 Excel 不支持批注（ExcelApi 1.18），因此未高亮单元格：问题列在面板中。',
);

// ---------------------------------------------------------------------------------------------------------------
// Running a command

let applying = 0;

/** Commands that only report: no apply step. */
const READ_ONLY: CommandName[] = ['summary'];

/**
 * Runs a command end to end in Excel: read, core, apply in one Excel.run; on a failure halfway, puts back what the
 * plan changed (restorePlan, then the journal) and reports what failed in both languages.
 */
export async function runExcelCommand(
  excel: ExcelLike,
  name: CommandName,
  settings: Settings,
  today = localIsoDate(),
  support: ExcelSupport = excelSupport(),
  /** dashboard false: a check-in from an edit writes the log only; edited: the edit it follows (the stamp too). */
  /** subject: the sheet to work on instead of the active one (an edit's, by name). */
  opts: CommandOptions & { subject?: string } = {},
): Promise<CommandOutcome> {
  // The command line's saved reading corrections are read with the rest (core uses them where the document has none).
  let req: ReadRequest = withSettingsSheet(readsFor(name, settings, opts));
  if (opts.subject) req = { ...req, subject: opts.subject };
  let snap: WorkbookSnapshot | null = null;
  let result: ReturnType<typeof runCommand> | null = null;
  let plan: WorkbookPlan = { sheets: [] };
  let dropped = false;
  let started = false;
  const journal: SheetJournal[] = [];
  try {
    await excel.run(async (ctx) => {
      let read = await readSnapshot(ctx, req, today, support, (partial) => patchedCells(name, partial, settings));
      snap = read.snap;
      result = runCommand(name, read.snap, settings, opts);
      // Core may ask for more (the OKR sheet behind a scorecard, sheets its plan changes): read again, at most twice.
      for (let i = 0, more = rereadFor(req, result); i < 2 && more; i++, more = rereadFor(req, result)) {
        req = more;
        read = await readSnapshot(ctx, req, today, support, (partial) => patchedCells(name, partial, settings));
        snap = read.snap;
        result = runCommand(name, read.snap, settings, opts);
      }
      if (!result.ok || READ_ONLY.includes(name)) return;
      ({ plan, dropped } = applicable(result.plan, support));
      started = true;
      applying++;
      await applyPlan(ctx, plan, read.known, support, [read.snap.active, ...Object.values(read.snap.others)], journal);
    });
  } catch (e) {
    if (!started) {
      return { ok: false, summary: readFailed(errorText(e)) };
    }
    return restoreAfter(excel, errorText(e), plan, snap!, journal, support);
  } finally {
    if (started) applying--;
  }
  const r = result as ReturnType<typeof runCommand> | null;
  if (!r) return { ok: false, summary: readFailed() };
  if (!r.ok) return { ok: false, summary: r.summary, details: r.details };
  const summary = dropped ? msg(r.summary.en + NO_HIGHLIGHTS.en, r.summary.zh + NO_HIGHLIGHTS.zh) : r.summary;
  return { ok: true, summary, details: r.details };
}

/** After a failure halfway: restorePlan (cells, sheets the plan added), then the journal. */
async function restoreAfter(
  excel: ExcelLike,
  why: string,
  plan: WorkbookPlan,
  snap: WorkbookSnapshot,
  journal: SheetJournal[],
  support: ExcelSupport,
): Promise<CommandOutcome> {
  applying++;
  try {
    await excel.run(async (ctx) => {
      await applyPlan(ctx, restorePlan(plan, snap), emptyKnown(), support);
      await undoJournal(ctx, journal, support);
    });
  } catch (e2) {
    return { ok: false, summary: failedNotRestored(why, errorText(e2)) };
  } finally {
    applying--;
  }
  return { ok: false, summary: failedAndRestored(why) };
}

/** Selects a cell (a finding clicked in the panel). */
export async function selectCell(excel: ExcelLike, sheet: string, row: number, col: number): Promise<void> {
  await excel.run(async (ctx) => {
    ctx.workbook.worksheets
      .getItem(sheet)
      .getRange(rectA1({ row, col, rows: 1, cols: 1 }))
      .select();
    await ctx.sync();
  });
}

// ---------------------------------------------------------------------------------------------------------------
// "Updated" stamp

/** The first rows of the edited sheet (to find its header). */
async function readEditHeader(excel: ExcelLike, worksheetId: string): Promise<SheetSnapshot | null> {
  return excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(worksheetId);
    ws.load('name');
    const top = ws.getRange(`1:${EDIT_HEADER_ROWS}`).getUsedRangeOrNullObject(true);
    top.load(['values', 'rowIndex', 'columnIndex']);
    await ctx.sync();
    if (top.isNullObject) return null;
    return { name: ws.name, origin: { row: top.rowIndex, col: top.columnIndex }, values: top.values as unknown[][] };
  });
}

/** Writes the stamp core planned (a date serial in the owned Updated column, which carries the date format). */
async function writeStamp(excel: ExcelLike, worksheetId: string, stamp: CellBlock): Promise<void> {
  await excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(worksheetId);
    const { rows, cols } = block(stamp.cells);
    const range = ws.getRange(rectA1({ row: stamp.row, col: stamp.col, rows, cols }));
    range.formulas = rectangular(stamp.cells, cols, null).map((r) => r.map(toExcelInput));
    if (stamp.cells.some((r) => r.some((c) => typeof c === 'number')))
      range.numberFormat = Array.from({ length: rows }, () => Array(cols).fill('yyyy-mm-dd'));
    await ctx.sync();
  });
}

/**
 * Stamps the Updated cell of a KR whose current value was edited (core decides which cell, if any); with `settings`,
 * an edit of a current value or confidence also records today's check-in of the edited KRs (the log only), in the
 * edit's measure as the Sheets onEdit does (edit-checkin.ts: three syncs at any size, the stamp in the same plan),
 * else (the edited rows do not say enough, no log yet) the whole check-in with the stamp. Any other edit (a title, a
 * note, outside the grid, several areas at once) reads the header and writes nothing. True when a stamp was written.
 */
export async function stampEdit(
  excel: ExcelLike,
  worksheetId: string,
  address: string,
  today = localIsoDate(),
  settings?: Settings,
): Promise<boolean> {
  if (applying) return false;
  const edited = parseA1(address);
  if (!edited) return false;
  if (!settings) return stampOnly(excel, worksheetId, edited, today);
  const support = excelSupport();
  const state: EditApply = { plan: { sheets: [] }, snap: null, journal: [], started: false };
  let out: EditCheckin;
  try {
    const onApply = () => applying++;
    out = await excel.run((ctx) => checkinEdit(ctx, worksheetId, edited, today, settings, support, state, onApply));
  } catch (e) {
    // A failed read changed nothing; a failed write is put back (the user's edit itself stays).
    if (state.started && state.snap)
      await restoreAfter(excel, errorText(e), state.plan, state.snap, state.journal, support);
    return false;
  } finally {
    if (state.started) applying--;
  }
  if (out.kind === 'none') return false;
  if (out.kind === 'done') return out.result.ok && out.stamp;
  const opts = { dashboard: false, edited, subject: out.sheet };
  const res = await runExcelCommand(excel, 'checkin', settings, today, support, opts);
  return res.ok && out.stamp;
}

/** The stamp alone (no check-in settings): the header's read, then the stamp core planned, if any. */
async function stampOnly(excel: ExcelLike, worksheetId: string, edited: Rect, today: string): Promise<boolean> {
  const read = await readEditHeader(excel, worksheetId);
  const stamp = read ? updatedStamp(read, edited, today) : null;
  if (stamp) await writeStamp(excel, worksheetId, stamp);
  return !!stamp;
}

/**
 * Registers the stamp on the workbook's onChanged (ExcelApi 1.9), else on each sheet's (shared runtime: lives as
 * long as the workbook is open).
 */
export async function watchEdits(
  excel: ExcelLike,
  today: () => string = () => localIsoDate(),
  support: ExcelSupport = excelSupport(),
  /** The settings a check-in from an edit runs with (none: edits only stamp). */
  settings?: () => Settings,
): Promise<void> {
  const handler = async (e: Excel.WorksheetChangedEventArgs) => {
    // Our own writes (a command, a stamp) are not edits of a current value.
    if (applying || String((e as { triggerSource?: string }).triggerSource) === 'ThisLocalAddin') return;
    try {
      await stampEdit(excel, e.worksheetId, e.address, today(), settings?.());
    } catch {
      // A stamp that cannot be written must never disturb the user's edit.
    }
  };
  await excel.run(async (ctx) => {
    const sheets = ctx.workbook.worksheets;
    if (has(support, API.workbookChanged)) sheets.onChanged.add(handler);
    else {
      sheets.load('items/name');
      await ctx.sync();
      for (const ws of sheets.items) ws.onChanged.add(handler);
    }
    await ctx.sync();
  });
}
