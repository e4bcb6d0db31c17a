/**
 * The steps of applySheet, one per kind of thing a SheetPlan holds, each a fixed number of Spreadsheet service
 * calls whatever the rows (docs/host-contract.md). On a sheet that existed, each step reads what it will change
 * (one call), writes nothing that already is as planned, and journals a step that puts the old state back; on a
 * sheet the plan created it only writes.
 */
import type { Rect } from '../../core/model';
import type { CellPatch, ListValidation, SheetPlan, SheetSnapshot } from '../../core/sheet-plan';
import { boundingRect, isOwnedRuleFormula, parseA1, rectA1 } from '../../core/sheet-plan';
import { plainBackground, toSheetCell } from './cells';
import { NEW_SHEET_WIDTH } from './host';
import { cellsWritten, withoutFormulas } from './snapshot';
import { blockRect, mergeBlocks, rectangular, sameMatrix, type SheetWriter } from './writer';

type ConditionalFormatRule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type Range = GoogleAppsScript.Spreadsheet.Range;
type SheetCell = string | number | boolean;

/** The add-in's mark found in a rule's formula: the formula, or null for a rule that is not the add-in's. */
function ownedFormula(rule: ConditionalFormatRule): string | null {
  const cond = rule.getBooleanCondition();
  if (!cond) return null;
  const f = cond.getCriteriaValues().find((v) => typeof v === 'string' && isOwnedRuleFormula(v));
  return typeof f === 'string' ? f : null;
}

export function isOwnedRule(rule: ConditionalFormatRule): boolean {
  return ownedFormula(rule) !== null;
}

/** Setters take null for "no fill"; Sheets reports it as '' (after plainBackground). */
const fillsForSet = (m: string[][]) => m.map((r) => r.map((b) => (b ? b : (null as unknown as string))));

/** The plan's cells as setValues matrices at their places (strings stay text, see toSheetCell). */
export function cellBlocks(sp: SheetPlan): { row: number; col: number; m: SheetCell[][] }[] {
  return sp.writes
    .filter((b) => b.cells.length)
    .map((b) => ({ row: b.row, col: b.col, m: rectangular(b.cells, '' as SheetCell, toSheetCell) }))
    .filter((b) => b.m[0].length);
}

/** The plan's number formats at their places ('General' where a row is short). */
export function formatBlocks(sp: SheetPlan): { row: number; col: number; m: string[][] }[] {
  return sp.numberFormats
    .filter((f) => f.formats.length)
    .map((f) => ({ row: f.row, col: f.col, m: rectangular(f.formats, 'General', (v) => v || 'General') }))
    .filter((b) => b.m[0].length);
}

/**
 * Cells: one setValues per block on a user's sheet (only the plan's cells); one over everything on a sheet the
 * add-in created or owns, `old` (an owned sheet's previous extent) blanked where the plan writes nothing.
 */
export function writeCells(w: SheetWriter, sp: SheetPlan, old: Rect | undefined, snap?: SheetSnapshot): void {
  const blocks = cellBlocks(sp);
  const write = (rect: Rect, m: SheetCell[][]) => {
    const range = w.range(rect);
    if (w.undo && snap && withoutFormulas.has(snap)) readFormulasBefore(range, rect, snap);
    if (snap) cellsWritten.add(snap);
    range.setValues(m);
    w.wrote(rect, m);
  };
  if (!w.whole) {
    for (const b of blocks) write(blockRect(b.row, b.col, b.m), b.m);
    return;
  }
  const one = mergeBlocks(blocks, '' as SheetCell, old);
  if (one) write(one.rect, one.m);
}

/**
 * A sheet read without formulas (see withoutFormulas in snapshot.ts): the formulas of the cells about to be written
 * that lie within what was read, put into the snapshot (one call; none for cells below or right of it, which are
 * empty), so restorePlan gives a formula back as a formula.
 */
function readFormulasBefore(range: Range, rect: Rect, snap: SheetSnapshot): void {
  const { row: r0, col: c0 } = snap.origin;
  const rows = snap.values.length;
  const cols = snap.values.reduce((m, r) => Math.max(m, r.length), 0);
  const top = Math.max(rect.row, r0);
  const left = Math.max(rect.col, c0);
  const bottom = Math.min(rect.row + rect.rows, r0 + rows);
  const right = Math.min(rect.col + rect.cols, c0 + cols);
  if (top >= bottom || left >= right) return;
  const got = range.getFormulas();
  const formulas = snap.formulas ?? snap.values.map((r) => new Array<string>(r.length).fill(''));
  for (let r = top; r < bottom; r++)
    for (let c = left; c < right; c++) formulas[r - r0][c - c0] = got[r - rect.row][c - rect.col] || '';
  snap.formulas = formulas;
}

export type FormatWrite = { rect: Rect; m: string[][] };

/** The number formats to write: one block over everything on a sheet the add-in created or owns, else per block. */
export function formatWrites(w: SheetWriter, sp: SheetPlan, old: Rect | undefined): FormatWrite[] {
  const blocks = formatBlocks(sp);
  const merged = w.whole && blocks.length ? mergeBlocks(blocks, 'General', old) : null;
  return merged ? [merged] : blocks.map((b) => ({ rect: blockRect(b.row, b.col, b.m), m: b.m }));
}

/**
 * Number formats: merged like the cells on a sheet the add-in owns; per block on a user's sheet. Not read or written
 * when an earlier run recorded writing exactly these (see SheetWriter.asRecorded): formats travel with their cells.
 */
export function writeFormats(w: SheetWriter, todo: FormatWrite[]): void {
  if (!todo.length || w.asRecorded('formats', todo)) return;
  w.record('formats', todo);
  for (const { rect, m } of todo) {
    const range = w.range(rect);
    if (w.undo && !w.inAppended(rect)) {
      const was = range.getNumberFormats();
      if (sameMatrix(was, m)) continue;
      w.undo.push(() => range.setNumberFormats(was));
    }
    range.setNumberFormats(m);
  }
}

/** The rectangle all of a sheet's dropdowns fit in, or null without any. */
export function validationBox(validations: ListValidation[]): Rect | null {
  const list = validations.filter((v) => v.list.length && v.range.rows > 0 && v.range.cols > 0);
  if (!list.length) return null;
  return boundingRect(
    list.flatMap((v) => [
      { row: v.range.row, col: v.range.col },
      { row: v.range.row + v.range.rows - 1, col: v.range.col + v.range.cols - 1 },
    ]),
  );
}

/** The user's own dropdown (a strict list, its help text) stays on their column. */
function userHasOwn(v: ListValidation, old: (DataValidation | null)[][] | null, box: Rect): boolean {
  if (!v.keepExisting || !old) return false;
  return old
    .slice(v.range.row - box.row, v.range.row - box.row + v.range.rows)
    .some((row) => row.slice(v.range.col - box.col, v.range.col - box.col + v.range.cols).some((x) => x));
}

/** Whether every cell of every planned dropdown holds a dropdown now (`old`: the box's validations). */
function allHeld(validations: ListValidation[], old: (DataValidation | null)[][], box: Rect): boolean {
  return validations.every((v) =>
    old
      .slice(v.range.row - box.row, v.range.row - box.row + v.range.rows)
      .every((row) => row.slice(v.range.col - box.col, v.range.col - box.col + v.range.cols).every((x) => !!x)),
  );
}

/**
 * Every dropdown of the sheet in one setDataValidations over their bounding rectangle (one rule per distinct list);
 * left alone when an earlier run recorded writing these dropdowns (see SheetWriter.asRecorded) and every cell still
 * has one.
 */
export function writeValidations(w: SheetWriter, validations: ListValidation[]): void {
  const box = validationBox(validations);
  if (!box) return;
  const range = w.range(box);
  // Cells between the dropdowns keep theirs: the matrix starts from what is there now (nothing on a new sheet).
  const old = w.created || w.inAppended(box) ? null : range.getDataValidations();
  if (old && w.asRecorded('dropdowns', validations) && allHeld(validations, old, box)) return;
  const matrix: (DataValidation | null)[][] = old
    ? old.map((r) => r.slice())
    : Array.from({ length: box.rows }, () => new Array(box.cols).fill(null));
  const rules = new Map<string, DataValidation>();
  for (const v of validations) {
    if (!v.list.length || v.range.rows < 1 || v.range.cols < 1 || userHasOwn(v, old, box)) continue;
    const key = JSON.stringify([v.list, v.strict]);
    let rule = rules.get(key);
    if (!rule) {
      let b = SpreadsheetApp.newDataValidation().requireValueInList(v.list, true);
      if (v.strict) b = b.setAllowInvalid(false);
      rule = b.build();
      rules.set(key, rule);
    }
    for (let r = 0; r < v.range.rows; r++)
      for (let c = 0; c < v.range.cols; c++) matrix[v.range.row - box.row + r][v.range.col - box.col + c] = rule;
  }
  if (old) w.undo?.push(() => range.setDataValidations(old));
  range.setDataValidations(matrix);
  w.record('dropdowns', validations);
}

/**
 * The add-in's rules replaced in one setConditionalFormatRules; their ranges come from the writer's RangeList. Left
 * alone when the sheet's rules of the add-in are the ones an earlier run recorded writing (same formulas, in order,
 * and the same planned rules: see written.ts).
 */
export function writeRules(w: SheetWriter, sp: SheetPlan): void {
  if (!sp.replaceOwnedRules && !sp.rules.length) return;
  const current = w.created ? [] : w.sheet.getConditionalFormatRules();
  const owned = current.map(ownedFormula);
  const kept = sp.replaceOwnedRules ? current.filter((_, i) => owned[i] === null) : current;
  const ownedNow = owned.filter((f): f is string => f !== null);
  if (
    sp.replaceOwnedRules &&
    w.asRecorded('rules', sp.rules) &&
    sameList(
      ownedNow,
      sp.rules.map((r) => r.formula),
    )
  )
    return;
  const added = buildRules(w, sp.rules);
  if (!added.length && kept.length === current.length) return;
  const sheet = w.sheet;
  if (!w.created) w.undo?.push(() => sheet.setConditionalFormatRules(current));
  sheet.setConditionalFormatRules(kept.concat(added));
  w.record('rules', sp.replaceOwnedRules ? sp.rules : null);
}

/**
 * The plan's rules as Sheets rules. A rule with the look (fill and font colour) of an earlier one starts from a copy
 * of it (ConditionalFormatRule.copy(): a builder preset with that rule's settings), so the look is not set again.
 */
function buildRules(w: SheetWriter, rules: SheetPlan['rules']): ConditionalFormatRule[] {
  const byLook = new Map<string, ConditionalFormatRule>();
  return rules.map((r) => {
    const look = JSON.stringify([r.fill, r.fontColor || '']);
    const like = byLook.get(look);
    let b: GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
    if (like) b = like.copy();
    else {
      b = SpreadsheetApp.newConditionalFormatRule().setBackground(r.fill);
      if (r.fontColor) b = b.setFontColor(r.fontColor);
    }
    const rule = b
      .whenFormulaSatisfied(r.formula)
      .setRanges(r.ranges.map((x) => w.range(x)))
      .build();
    if (!like) byLook.set(look, rule);
    return rule;
  });
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Backgrounds or notes: the patches written over the matrix of what the cells hold now (from the snapshot, or one
 * read of the rectangle when the snapshot lacks it), so cells between the patches keep their own fill / note.
 */
export function writePatches(
  w: SheetWriter,
  patches: CellPatch<string>[],
  key: 'backgrounds' | 'notes',
  snap: SheetSnapshot | undefined,
): void {
  if (!patches.length) return;
  const rect = boundingRect(patches);
  const range = w.range(rect);
  const fresh = w.created || w.inAppended(rect);
  let base = fresh ? null : fromSnapshot(snap, key, rect);
  if (!base) {
    if (fresh) base = Array.from({ length: rect.rows }, () => new Array<string>(rect.cols).fill(''));
    else base = key === 'backgrounds' ? range.getBackgrounds().map((r) => r.map(plainBackground)) : range.getNotes();
  }
  for (const p of patches) base[p.row - rect.row][p.col - rect.col] = p.value;
  if (key === 'backgrounds') range.setBackgrounds(fillsForSet(base));
  else range.setNotes(base);
}

/** The snapshot's matrix cut to `rect`, or null when the snapshot did not read it or does not cover the rectangle. */
function fromSnapshot(snap: SheetSnapshot | undefined, key: 'backgrounds' | 'notes', rect: Rect): string[][] | null {
  const m = snap?.[key];
  if (!snap || !m) return null;
  const dr = rect.row - snap.origin.row;
  const dc = rect.col - snap.origin.col;
  const width = snap.values.reduce((x, r) => Math.max(x, r.length), 0);
  if (dr < 0 || dc < 0 || dr + rect.rows > snap.values.length || dc + rect.cols > width) return null;
  return Array.from({ length: rect.rows }, (_, r) =>
    Array.from({ length: rect.cols }, (_, c) => (m[dr + r] || [])[dc + c] || ''),
  );
}

/**
 * Header style: bold and font colour as one text style, and the fill. On a sheet that existed the old text styles and
 * fills are read first (two calls) and nothing is written when they already are as planned.
 */
export function writeHeader(w: SheetWriter, h: NonNullable<SheetPlan['header']>): void {
  const range = w.range(h.range);
  const color = h.fontColor || '#000000';
  const fill = h.fill || '';
  if (w.undo && !w.inAppended(h.range)) {
    const styles = range.getTextStyles();
    const fills = range.getBackgrounds().map((r) => r.map(plainBackground));
    const same =
      styles.every((r) => r.every((x) => !!x.isBold() === h.bold && lower(x.getForegroundColor()) === lower(color))) &&
      fills.every((r) => r.every((x) => x === lower(fill)));
    if (same) return;
    w.undo.push(() => {
      range.setTextStyles(styles);
      range.setBackgrounds(fillsForSet(fills));
    });
  }
  range.setTextStyle(textStyle(w, h.bold, color));
  // A new sheet has no fill: only a planned one is set there.
  if (!w.created || fill) range.setBackground(fill || null);
}

const lower = (s: string | null) => String(s || '').toLowerCase();

/** The header's text style, built once per apply (SheetWriter.shared). */
function textStyle(w: SheetWriter, bold: boolean, color: string): GoogleAppsScript.Spreadsheet.TextStyle {
  const key = `${bold} ${color}`;
  let style = w.shared.textStyles.get(key);
  if (!style) {
    style = SpreadsheetApp.newTextStyle().setBold(bold).setForegroundColor(color).build();
    w.shared.textStyles.set(key, style);
  }
  return style;
}

/** Frozen rows and columns, only where they differ (a new sheet has none). */
export function writeFrozen(w: SheetWriter, sp: SheetPlan): void {
  const sheet = w.sheet;
  const steps: [number | undefined, () => number, (n: number) => void][] = [
    [sp.freezeRows, () => sheet.getFrozenRows(), (n) => sheet.setFrozenRows(n)],
    [sp.freezeCols, () => sheet.getFrozenColumns(), (n) => sheet.setFrozenColumns(n)],
  ];
  for (const [want, get, set] of steps) {
    if (typeof want !== 'number') continue;
    const old = w.created ? 0 : get();
    if (old === want) continue;
    w.undo?.push(() => set(old));
    set(want);
  }
}

/**
 * Widths by runs of neighbouring columns with the same width: one setColumnWidths each; on a sheet the plan created
 * only where they differ from a new sheet's width. On a user's sheet only the columns this command appended get one: a
 * column that was there keeps the width it has (the user's look; and Sheets reads widths one column at a time, so
 * changing it would cost a call per column for the undo).
 */
export function writeWidths(w: SheetWriter, widths: { col: number; width: number }[]): void {
  // Neither a created sheet's columns nor appended ones need reading for the undo (it deletes them).
  const todo = [...widths]
    .filter((x) => (w.created ? x.width !== NEW_SHEET_WIDTH : x.col >= w.appended.cols))
    .sort((a, b) => a.col - b.col);
  for (let i = 0; i < todo.length;) {
    let j = i + 1;
    while (j < todo.length && todo[j].col === todo[j - 1].col + 1 && todo[j].width === todo[i].width) j++;
    w.sheet.setColumnWidths(todo[i].col + 1, j - i, todo[i].width);
    i = j;
  }
}

/**
 * Sheets has no tables: the grid gets row banding, reusing a banding already over it (Sheets refuses two). Nothing is
 * asked when an earlier run recorded banding exactly this rectangle (see SheetWriter.asRecorded).
 */
export function bandTable(w: SheetWriter, rect: Rect): void {
  if (w.asRecorded('banding', rect)) return;
  w.record('banding', rect);
  const overlapping = w.created
    ? []
    : w.sheet
        .getBandings()
        .map((b) => ({ b, range: b.getRange() }))
        .map((x) => ({ ...x, a1: x.range.getA1Notation() }))
        .filter((x) => overlapsA1(x.a1, rect));
  if (!overlapping.length) {
    const banding = w.range(rect).applyRowBanding(SpreadsheetApp.BandingTheme.LIGHT_GREY, true, false);
    w.undo?.push(() => banding.remove());
    return;
  }
  const [one] = overlapping;
  const now = parseA1(one.a1);
  if (overlapping.length === 1 && (!now || rectA1(now) !== rectA1(rect))) {
    one.b.setRange(w.range(rect));
    w.undo?.push(() => one.b.setRange(one.range));
  }
}

/** Whether an A1 range overlaps `b` (an address core cannot parse counts as overlapping: never a second banding). */
function overlapsA1(a1: string, b: Rect): boolean {
  const a = parseA1(a1);
  if (!a) return true;
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}
