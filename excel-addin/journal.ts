/// <reference types="office-js" />
/**
 * What core's restorePlan cannot put back on an existing sheet (number formats, dropdowns, the add-in's conditional
 * formats, the table, frozen rows, header style), read just before a plan changes it and put back when the plan
 * fails halfway. The reads ride on the apply's lookup sync (or on the read itself), so a command that succeeds takes
 * no extra sync; the undo takes two (lookup, write). As in the Sheets adapter's journal.
 */
import type { Rect } from '../core/model';
import { parseA1, rectA1, type SheetPlan } from '../core/sheet-plan';
import type { RuleDetails } from './read';
import { API, has, type ExcelSupport } from './support';

type HeaderCell = { fill: string | null; bold: boolean; color: string };

/** A range's number formats as read (a range loaded with address and numberFormat, or a part of one read before). */
export type FormatsRead = Pick<Excel.Range, 'address' | 'numberFormat'>;

/** Proxies queued during the apply's lookup, read once it has synced. */
export interface PendingJournal {
  sheet: string;
  numberFormats: FormatsRead[];
  /** How many of numberFormats were queued now (the others came from a read already synced: no lookup for them). */
  queuedFormats: number;
  /** keep: the plan leaves a validation already there as it is (keepExisting). */
  validations: { address: string; dv: Excel.DataValidation; keep: boolean }[];
  /** Whether the plan replaces the add-in's rules. */
  rules: boolean;
  /** The header's cells: one result for all (ExcelApi 1.9) or one format per cell. */
  header: {
    address: string;
    props: OfficeExtension.ClientResult<Excel.CellProperties[][]> | null;
    cells: Excel.RangeFormat[] | null;
    cols: number;
  } | null;
  freeze: Excel.Range | null;
}

export interface SheetJournal {
  sheet: string;
  numberFormats: { address: string; formats: string[][] }[];
  /** kept: the apply left the user's own validation there untouched, so the undo leaves it too. */
  validations: {
    address: string;
    type: string;
    rule: Excel.DataValidationRule | null;
    errorAlert: Excel.DataValidationErrorAlert | null;
    kept: boolean;
  }[];
  /** The add-in's rules as they were; null when the plan leaves rules alone. */
  rules: { address: string; formula: string; fill: string | null; fontColor: string | null }[] | null;
  /** Ids of every conditional format on the sheet before: any other one is the failed run's (even half made). */
  ruleIds: string[];
  /** Names of the sheet's tables before (any other is the failed run's); ours: its name and old address. */
  table: { before: string[]; ours: { name: string; address: string } | null } | null;
  /** undefined: untouched; null: nothing was frozen. */
  freeze?: string | null;
  header: { address: string; cells: HeaderCell[][] } | null;
}

/**
 * The formats of `rect` from a range read before that covers it (an edit's check-in reads those under the log's next
 * rows with its other reads), or null.
 */
function formatsFrom(read: FormatsRead[], rect: Rect): FormatsRead | null {
  for (const r of read) {
    const at = parseA1(r.address);
    if (!at || at.row > rect.row || at.col > rect.col) continue;
    if (at.row + at.rows < rect.row + rect.rows || at.col + at.cols < rect.col + rect.cols) continue;
    const numberFormat = (r.numberFormat as string[][])
      .slice(rect.row - at.row, rect.row - at.row + rect.rows)
      .map((line) => line.slice(rect.col - at.col, rect.col - at.col + rect.cols));
    return { address: rectA1(rect), numberFormat };
  }
  return null;
}

/**
 * Queues the reads of what `sp` will change on the existing sheet `ws` (run in the apply's lookup sync); number
 * formats already in `formats` (read and synced before) are taken from there.
 */
export function queueJournal(
  ws: Excel.Worksheet,
  sp: SheetPlan,
  support: ExcelSupport,
  freeze: Excel.Range | null,
  formats: FormatsRead[] = [],
): PendingJournal {
  let queuedFormats = 0;
  const numberFormats = sp.numberFormats
    .filter((f) => f.formats.length && f.formats.some((r) => r.length))
    .map((f) => {
      const cols = f.formats.reduce((m, r) => Math.max(m, r.length), 0);
      const rect = { row: f.row, col: f.col, rows: f.formats.length, cols };
      const known = formatsFrom(formats, rect);
      if (known) return known;
      queuedFormats++;
      return ws.getRange(rectA1(rect)).load(['address', 'numberFormat']);
    });
  const validations = sp.validations.map((v) => {
    const address = rectA1(v.range);
    const dv = ws.getRange(address).dataValidation;
    dv.load(['type', 'rule', 'errorAlert']);
    return { address, dv, keep: !!v.keepExisting };
  });
  const header = sp.header ? queueHeaderJournal(ws, sp.header.range, support) : null;
  const frozen =
    sp.freezeRows !== undefined ? (freeze ?? ws.freezePanes.getLocationOrNullObject().load('address')) : null;
  return {
    sheet: sp.sheet,
    numberFormats,
    queuedFormats,
    validations,
    rules: sp.replaceOwnedRules || sp.rules.length > 0,
    header,
    freeze: frozen,
  };
}

/** Queues the read of the header's fills and fonts (one `getCellProperties`, or each cell's format without it). */
function queueHeaderJournal(
  ws: Excel.Worksheet,
  rect: Rect,
  support: ExcelSupport,
): NonNullable<PendingJournal['header']> {
  const address = rectA1(rect);
  const range = ws.getRange(address);
  const { rows, cols } = rect;
  if (has(support, API.cellProperties)) {
    const props = range.getCellProperties({
      format: { fill: { color: true, pattern: true }, font: { bold: true, color: true } },
    });
    return { address, props, cells: null, cols };
  }
  // Without per-cell properties: each header cell's own format (a header is one row of a few cells).
  const cells: Excel.RangeFormat[] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const f = range.getCell(r, c).format;
      f.fill.load(['color', 'pattern']);
      f.font.load(['bold', 'color']);
      cells.push(f);
    }
  return { address, props: null, cells, cols };
}

function localAddress(address: string): string {
  return address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
}

function headerCells(h: NonNullable<PendingJournal['header']>): HeaderCell[][] {
  const cell = (
    fill: { color?: string; pattern?: string } | undefined,
    font: { bold?: boolean; color?: string } | undefined,
  ): HeaderCell => ({
    fill: fill?.pattern === 'None' || !fill?.color ? null : fill.color,
    bold: !!font?.bold,
    color: font?.color ?? '#000000',
  });
  if (h.props) return h.props.value.map((row) => row.map((c) => cell(c.format?.fill, c.format?.font)));
  const out: HeaderCell[][] = [];
  h.cells!.forEach((f, i) => {
    if (i % h.cols === 0) out.push([]);
    out[out.length - 1].push(
      cell(
        { color: f.fill.color, pattern: (f.fill as { pattern?: string }).pattern },
        { bold: f.font.bold, color: f.font.color },
      ),
    );
  });
  return out;
}

/** The journal of one sheet, once the lookups have synced. `owned`: the add-in's rules among `details`. */
export function settleJournal(
  p: PendingJournal,
  all: Excel.ConditionalFormat[],
  details: RuleDetails | null,
  owned: Excel.ConditionalFormat[],
  table: SheetJournal['table'],
): SheetJournal {
  const rules =
    p.rules && details
      ? details.customs.flatMap((cf, k) =>
          owned.includes(cf)
            ? [
                {
                  address: details.ranges[k].address.split(',').map(localAddress).join(','),
                  formula: cf.custom.rule.formula,
                  fill: cf.custom.format.fill.color || null,
                  fontColor: cf.custom.format.font.color || null,
                },
              ]
            : [],
        )
      : null;
  return {
    sheet: p.sheet,
    numberFormats: p.numberFormats.map((r) => ({
      address: localAddress(r.address),
      formats: r.numberFormat as string[][],
    })),
    validations: p.validations.map((v) => ({
      address: v.address,
      type: String(v.dv.type),
      rule: v.dv.rule ?? null,
      errorAlert: v.dv.errorAlert ?? null,
      kept: v.keep && String(v.dv.type) !== 'None',
    })),
    rules,
    ruleIds: all.map((cf) => cf.id),
    table,
    freeze: p.freeze ? (p.freeze.isNullObject ? null : localAddress(p.freeze.address)) : undefined,
    header: p.header ? { address: p.header.address, cells: headerCells(p.header) } : null,
  };
}

function restoreHeader(ws: Excel.Worksheet, h: NonNullable<SheetJournal['header']>, support: ExcelSupport): void {
  const range = ws.getRange(h.address);
  if (has(support, API.cellProperties)) {
    range.setCellProperties(
      h.cells.map((row) =>
        row.map(
          (c) =>
            ({
              format: {
                fill: c.fill ? { color: c.fill } : { pattern: 'None' },
                font: { bold: c.bold, color: c.color },
              },
            }) as Excel.SettableCellProperties,
        ),
      ),
    );
    return;
  }
  h.cells.forEach((row, r) =>
    row.forEach((c, col) => {
      const f = range.getCell(r, col).format;
      if (c.fill) f.fill.color = c.fill;
      else f.fill.clear();
      f.font.bold = c.bold;
      f.font.color = c.color;
    }),
  );
}

/** Puts the add-in's rules back as they were (one rule per area where the host has no RangeAreas). */
function restoreRules(ws: Excel.Worksheet, rules: NonNullable<SheetJournal['rules']>, support: ExcelSupport): void {
  for (const r of rules) {
    const targets = has(support, API.rangeAreas)
      ? [ws.getRanges(r.address)]
      : r.address.split(',').map((a) => ws.getRange(a));
    for (const t of targets) {
      const cf = t.conditionalFormats.add('Custom' as Excel.ConditionalFormatType);
      cf.custom.rule.formula = r.formula;
      if (r.fill) cf.custom.format.fill.color = r.fill;
      if (r.fontColor) cf.custom.format.font.color = r.fontColor;
    }
  }
}

/**
 * Puts back what the journals recorded, after core's restorePlan has put back the cells (which also removed the
 * add-in's rules and reset number formats to General). Two syncs, whatever the rows.
 */
export async function undoJournal(
  ctx: Excel.RequestContext,
  journals: SheetJournal[],
  support: ExcelSupport,
): Promise<void> {
  if (!journals.length) return;
  const sheets = ctx.workbook.worksheets;
  const rules = journals.map((j) =>
    j.rules ? sheets.getItem(j.sheet).getRange().conditionalFormats.load('items/id') : null,
  );
  const tables = journals.map((j) => (j.table ? sheets.getItem(j.sheet).tables.load('items/name') : null));
  await ctx.sync();

  journals.forEach((j, i) => {
    const ws = sheets.getItem(j.sheet);
    const t = tables[i];
    if (t && j.table) {
      // A table the failed run added goes back to plain cells; ours gets its old size back.
      for (const x of t.items) if (!j.table.before.includes(x.name)) x.convertToRange();
      const ours = j.table.ours;
      const mine = ours ? t.items.find((x) => x.name === ours.name) : undefined;
      if (ours && mine) {
        if (has(support, API.tableResize)) mine.resize(ours.address);
        else {
          mine.convertToRange();
          ws.tables.add(ours.address, true).name = ours.name;
        }
      }
    }
    for (const f of j.numberFormats) ws.getRange(f.address).numberFormat = f.formats;
    for (const v of j.validations) {
      if (v.kept) continue;
      const dv = ws.getRange(v.address).dataValidation;
      dv.clear();
      if (v.rule && v.type !== 'None' && v.type !== 'Inconsistent' && v.type !== 'MixedCriteria') {
        dv.rule = v.rule;
        if (v.errorAlert) dv.errorAlert = v.errorAlert;
      }
    }
    for (const cf of rules[i]?.items ?? []) if (!j.ruleIds.includes(cf.id)) cf.delete();
    if (j.rules) restoreRules(ws, j.rules, support);
    if (j.header) restoreHeader(ws, j.header, support);
    if (j.freeze === null) ws.freezePanes.unfreeze();
    else if (j.freeze !== undefined) ws.freezePanes.freezeAt(j.freeze);
  });
  await ctx.sync();
}
