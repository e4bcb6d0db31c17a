/**
 * Applies a WorkbookPlan with a number of Spreadsheet service calls that depends on what kinds of things the plan
 * holds, never on the rows (docs/host-contract.md): every rectangle of a sheet from one RangeList; one setValues per
 * CellBlock on a user's sheet, one in all on a sheet the add-in created or owns (and one setNumberFormats); one
 * setDataValidations for all of a sheet's dropdowns; one setConditionalFormatRules; one setBackgrounds / setNotes
 * over the patches' bounding rectangle; column widths by runs of equal width; what is already as planned is not
 * written again. The steps are in apply-steps.ts and apply-charts.ts.
 */
import type { Rect } from '../../core/model';
import type { SheetPlan, SheetSnapshot, WorkbookPlan, WorkbookSnapshot } from '../../core/sheet-plan';
import { boundingRect, journaledRestore, rectA1 } from '../../core/sheet-plan';
import { restorePlan } from '../../core/commands';
import { cellsWritten, withoutFormulas } from './snapshot';
import { applyCharts } from './apply-charts';
import {
  bandTable,
  formatWrites,
  validationBox,
  writeCells,
  writeFormats,
  writeFrozen,
  writeHeader,
  writePatches,
  writeRules,
  writeValidations,
  writeWidths,
  type FormatWrite,
} from './apply-steps';
import { NEW_SHEET, type HostContext } from './host';
import { WrittenRecord, sheetKey } from './written';
import {
  SheetWriter,
  blockRect,
  ensureSize,
  mergedRect,
  newApplyShared,
  planExtent,
  snapshotExtent,
  type ApplyShared,
  type UndoJournal,
} from './writer';

export { isOwnedRule } from './apply-steps';
export type { UndoJournal } from './writer';

/** An owned sheet's extent before this command (from its snapshot): the block its rewrite covers. */
function oldExtent(w: SheetWriter, snap: SheetSnapshot | undefined): Rect | undefined {
  const e = w.mode === 'owned' ? snapshotExtent(snap) : null;
  return e ? { row: 0, col: 0, rows: e.rows, cols: e.cols } : undefined;
}

/**
 * Every rectangle applySheet will ask for, so the writer gets them in one RangeList: not those of steps an earlier
 * run recorded as done (SheetWriter.asRecorded), which ask for none (should one run after all, it asks on its own).
 */
function planRects(w: SheetWriter, sp: SheetPlan, old: Rect | undefined, formats: FormatWrite[]): Rect[] {
  const cells = sp.writes.map((b) => blockRect(b.row, b.col, b.cells));
  const merged = (rs: Rect[]) => (w.whole ? [mergedRect(rs, old)].filter((r): r is Rect => !!r) : rs);
  const out = merged(cells);
  if (!w.asRecorded('formats', formats)) out.push(...formats.map((f) => f.rect));
  const box = validationBox(sp.validations);
  if (box) out.push(box);
  for (const p of [sp.backgrounds, sp.notes]) if (p.length) out.push(boundingRect(p));
  if (!(sp.replaceOwnedRules && w.asRecorded('rules', sp.rules))) for (const r of sp.rules) out.push(...r.ranges);
  if (sp.header && w.mode !== 'owned') out.push(sp.header.range);
  if (sp.table && !w.asRecorded('banding', sp.table.range)) out.push(sp.table.range);
  if (sp.charts && !w.asRecorded('charts', sp.charts)) for (const c of sp.charts) out.push(c.source);
  return out;
}

/** Applies one SheetPlan on `w`'s sheet; `snap` is the sheet as read (none for a sheet the plan creates). */
function applySheet(w: SheetWriter, sp: SheetPlan, snap: SheetSnapshot | undefined): void {
  const old = oldExtent(w, snap);
  w.describe(sp.sheet, snap);
  ensureSize(w, planExtent(sp), snapshotExtent(snap), sp.freezeRows);
  const formats = formatWrites(w, sp, old);
  w.gather(planRects(w, sp, old, formats));
  writeCells(w, sp, old, snap);
  writeFormats(w, formats);
  writeValidations(w, sp.validations);
  writeRules(w, sp);
  writePatches(w, sp.backgrounds, 'backgrounds', snap);
  writePatches(w, sp.notes, 'notes', snap);
  // An owned sheet keeps the look it got when it was created (and whatever the user made of it since): its header
  // style, frozen rows and widths are not read or set again on every refresh.
  const look = w.mode !== 'owned';
  if (look) writeFrozen(w, sp);
  if (look && sp.header) writeHeader(w, sp.header);
  if (sp.table) bandTable(w, sp.table.range);
  // The add-in's own bookkeeping sheet (the marks Clear needs) stays out of sight; restorePlan deletes it on a failure.
  if (sp.hidden && w.created) w.sheet.hideSheet();
  if (look && sp.columnWidths?.length) writeWidths(w, sp.columnWidths);
  // Charts last: they read the cells written above.
  if (sp.charts) applyCharts(w, sp.charts);
}

/**
 * The writer for a plan's sheet: created (inserted where the plan says), owned (an existing sheet the add-in
 * rewrites whole: written over, never cleared, so its old state can be put back) or a user's sheet.
 */
function writerFor(
  host: HostContext,
  sp: SheetPlan,
  journal: UndoJournal | null,
  written: WrittenRecord,
  shared: ApplyShared,
): SheetWriter {
  const sheet = host.sheet(sp.sheet);
  if (sheet) return new SheetWriter(sheet, sp.replaceAll ? 'owned' : 'user', null, journal, written, shared);
  if (!sp.create) throw new Error(`sheet "${sp.sheet}" not found`);
  const names = host.sheetNames();
  const after = sp.create.after ? names.indexOf(sp.create.after) : -1;
  const index = after >= 0 ? after + 1 : names.length;
  const created = host.ss.insertSheet(sp.sheet, index);
  host.added(sp.sheet, created, index);
  return new SheetWriter(created, 'created', { ...NEW_SHEET }, null, written, shared);
}

/** Deletes, selects or activates what the plan says once its sheets are written. */
function finishPlan(host: HostContext, plan: WorkbookPlan, snap: WorkbookSnapshot, creates: boolean): void {
  for (const name of plan.deleteSheets ?? []) {
    const s = host.sheet(name);
    if (s) {
      host.ss.deleteSheet(s);
      host.removed(name);
    }
  }
  if (plan.select) {
    const s = host.sheet(plan.select.sheet);
    if (s) s.setActiveSelection(rectA1({ row: plan.select.row, col: plan.select.col, rows: 1, cols: 1 }));
  } else if (plan.activate || creates) {
    const name = plan.activate || snap.active.name;
    const s = host.sheet(name);
    // The sheet shown is still the user's unless this command inserted one (a failed run's too): not shown again.
    if (s && (host.insertedAny || name !== host.activeName())) s.activate();
  }
}

/**
 * Applies a plan; `journal` receives the extra undo steps (see UndoJournal), run newest first after restorePlan.
 * Without a journal (putting a failed run back) nothing is read to be undone later.
 */
export function applyPlan(
  host: HostContext,
  plan: WorkbookPlan,
  snap: WorkbookSnapshot,
  journal: UndoJournal | null = null,
): void {
  const snapshotOf = (name: string) => (name === snap.active.name ? snap.active : snap.others[name]);
  // insertSheet makes the new sheet active; unless the plan says where to go, the user stays on their sheet.
  const creates = plan.sheets.some((sp) => sp.create && !host.sheet(sp.sheet));
  const written = new WrittenRecord();
  const shared = newApplyShared();
  for (const sp of plan.sheets) {
    const w = writerFor(host, sp, journal, written, shared);
    applySheet(w, sp, w.created ? undefined : snapshotOf(sp.sheet));
    written.note(sheetKey(sp.sheet), true);
  }
  for (const name of plan.deleteSheets ?? []) written.note(sheetKey(name), null);
  finishPlan(host, plan, snap, creates);
  if (!journal) for (let i = shared.grown.length - 1; i >= 0; i--) shared.grown[i]();
  // Pending writes surface their errors here, inside the caller's try, not after it has reported success.
  SpreadsheetApp.flush();
  written.commit();
}

/**
 * What a host with a journal puts back after a failed apply (docs/host-contract.md, section 4): the journaled part of
 * core's restore plan, without the cells of a sheet read without formulas that the apply never wrote (they are as
 * they were, and writing their values back would turn the formulas among them into values).
 */
export function restoreAfter(plan: WorkbookPlan, snap: WorkbookSnapshot): WorkbookPlan {
  const restore = journaledRestore(restorePlan(plan, snap));
  const untouched = (name: string) => {
    const s = name === snap.active.name ? snap.active : snap.others[name];
    return !!s && withoutFormulas.has(s) && !cellsWritten.has(s);
  };
  return { ...restore, sheets: restore.sheets.map((sp) => (untouched(sp.sheet) ? { ...sp, writes: [] } : sp)) };
}

/** Runs the journal newest first; every step is tried, the first error is reported after all have run. */
export function runUndo(journal: UndoJournal): void {
  let first: unknown = null;
  for (let i = journal.length - 1; i >= 0; i--) {
    try {
      journal[i]();
    } catch (e) {
      if (first === null) first = e;
    }
  }
  SpreadsheetApp.flush();
  if (first !== null) throw first;
}
