/// <reference types="office-js" />
/**
 * What core's restorePlan cannot put back on an existing sheet (number formats, dropdowns, the add-in's conditional
 * formats, the table, frozen rows, header style), read just before a plan changes it and put back when the plan
 * fails halfway. The reads ride on the apply's existing lookup syncs, so a command that succeeds takes no extra
 * sync; the undo takes two (lookup, write). As in the Sheets adapter's journal.
 */
import { rectA1, type SheetPlan } from '../core/sheet-plan';

/** Proxies queued during the apply's lookup, read once it has synced. */
export interface PendingJournal {
  sheet: string;
  numberFormats: Excel.Range[];
  validations: { address: string; dv: Excel.DataValidation }[];
  /** Whether the plan replaces the add-in's rules (they are known only after the rule-formula sync). */
  rules: boolean;
  header: { address: string; props: OfficeExtension.ClientResult<Excel.CellProperties[][]> } | null;
  freeze: Excel.Range | null;
}

export interface SheetJournal {
  sheet: string;
  numberFormats: { address: string; formats: string[][] }[];
  validations: { address: string; type: string; rule: Excel.DataValidationRule | null; errorAlert: Excel.DataValidationErrorAlert | null }[];
  /** The add-in's rules as they were; null when the plan leaves rules alone. */
  rules: { address: string; formula: string; fill: string | null; fontColor: string | null }[] | null;
  /** Ids of every conditional format on the sheet before: any other one is the failed run's (even half made). */
  ruleIds: string[];
  /** created: no table was over the range, so any table there after a failure is the failed run's. before: our table's old address. */
  table: { address: string; created: boolean; name: string; before: string | null } | null;
  /** undefined: untouched; null: nothing was frozen. */
  freeze?: string | null;
  header: { address: string; props: Excel.SettableCellProperties[][] } | null;
}

/** Queues the reads of what `sp` will change on the existing sheet `ws` (run in the apply's lookup sync). */
export function queueJournal(ws: Excel.Worksheet, sp: SheetPlan): PendingJournal {
  const numberFormats = sp.numberFormats
    .filter((f) => f.formats.length && f.formats.some((r) => r.length))
    .map((f) => {
      const cols = f.formats.reduce((m, r) => Math.max(m, r.length), 0);
      return ws.getRange(rectA1({ row: f.row, col: f.col, rows: f.formats.length, cols })).load(['address', 'numberFormat']);
    });
  const validations = sp.validations.map((v) => {
    const address = rectA1(v.range);
    const dv = ws.getRange(address).dataValidation;
    dv.load(['type', 'rule', 'errorAlert']);
    return { address, dv };
  });
  const header = sp.header
    ? {
        address: rectA1(sp.header.range),
        props: ws.getRange(rectA1(sp.header.range)).getCellProperties({ format: { fill: { color: true, pattern: true }, font: { bold: true, color: true } } }),
      }
    : null;
  const freeze = sp.freezeRows !== undefined ? ws.freezePanes.getLocationOrNullObject().load('address') : null;
  return { sheet: sp.sheet, numberFormats, validations, rules: sp.replaceOwnedRules || sp.rules.length > 0, header, freeze };
}

/** Loads, in the rule-formula sync, what the add-in's rules look like (ranges and colours), for every custom rule. */
export function queueRuleDetails(customs: Excel.ConditionalFormat[]): Excel.RangeAreas[] {
  return customs.map((cf) => {
    cf.custom.format.fill.load('color');
    cf.custom.format.font.load('color');
    return cf.getRanges().load('address');
  });
}

function localAddress(address: string): string {
  return address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
}

/** The journal of one sheet, once the lookups have synced. */
export function settleJournal(
  p: PendingJournal,
  all: Excel.ConditionalFormat[],
  owned: { cf: Excel.ConditionalFormat; ranges: Excel.RangeAreas }[],
  table: { address: string; created: boolean; name: string; before: string | null } | null,
): SheetJournal {
  return {
    sheet: p.sheet,
    numberFormats: p.numberFormats.map((r) => ({ address: localAddress(r.address), formats: r.numberFormat as string[][] })),
    validations: p.validations.map((v) => ({ address: v.address, type: String(v.dv.type), rule: v.dv.rule ?? null, errorAlert: v.dv.errorAlert ?? null })),
    rules: p.rules
      ? owned.map((o) => ({
          address: o.ranges.address.split(',').map(localAddress).join(','),
          formula: o.cf.custom.rule.formula,
          fill: o.cf.custom.format.fill.color || null,
          fontColor: o.cf.custom.format.font.color || null,
        }))
      : null,
    ruleIds: all.map((cf) => cf.id),
    table,
    freeze: p.freeze ? (p.freeze.isNullObject ? null : localAddress(p.freeze.address)) : undefined,
    header: p.header
      ? {
          address: p.header.address,
          props: p.header.props.value.map((row) =>
            row.map((c) => {
              const fill = c.format?.fill;
              const font = c.format?.font;
              return {
                format: {
                  fill: fill?.pattern === 'None' || !fill?.color ? { pattern: 'None' } : { color: fill.color },
                  font: { bold: !!font?.bold, color: font?.color ?? '#000000' },
                },
              } as Excel.SettableCellProperties;
            }),
          ),
        }
      : null,
  };
}

/**
 * Puts back what the journals recorded, after core's restorePlan has put back the cells (which also removed the
 * add-in's rules and reset number formats to General). Two syncs, whatever the rows.
 */
export async function undoJournal(ctx: Excel.RequestContext, journals: SheetJournal[]): Promise<void> {
  if (!journals.length) return;
  const sheets = ctx.workbook.worksheets;
  const rules = journals.map((j) => (j.rules ? sheets.getItem(j.sheet).getRange().conditionalFormats.load('items/id') : null));
  const tables = journals.map((j) => {
    if (!j.table) return null;
    const ws = sheets.getItem(j.sheet);
    if (j.table.created) return { over: ws.getRange(j.table.address).getTables(false).load('items/name'), ours: null };
    const ours = ctx.workbook.tables.getItemOrNullObject(j.table.name);
    ours.load('name');
    return { over: null, ours };
  });
  await ctx.sync();

  journals.forEach((j, i) => {
    const ws = sheets.getItem(j.sheet);
    const t = tables[i];
    if (t?.over) for (const x of t.over.items) x.convertToRange();
    if (t?.ours && !t.ours.isNullObject && j.table?.before) t.ours.resize(j.table.before);
    for (const f of j.numberFormats) ws.getRange(f.address).numberFormat = f.formats;
    for (const v of j.validations) {
      const dv = ws.getRange(v.address).dataValidation;
      dv.clear();
      if (v.rule && v.type !== 'None' && v.type !== 'Inconsistent' && v.type !== 'MixedCriteria') {
        dv.rule = v.rule;
        if (v.errorAlert) dv.errorAlert = v.errorAlert;
      }
    }
    for (const cf of rules[i]?.items ?? []) if (!j.ruleIds.includes(cf.id)) cf.delete();
    for (const r of j.rules ?? []) {
      const cf = ws.getRanges(r.address).conditionalFormats.add('Custom');
      cf.custom.rule.formula = r.formula;
      if (r.fill) cf.custom.format.fill.color = r.fill;
      if (r.fontColor) cf.custom.format.font.color = r.fontColor;
    }
    if (j.header) ws.getRange(j.header.address).setCellProperties(j.header.props);
    if (j.freeze === null) ws.freezePanes.unfreeze();
    else if (j.freeze !== undefined) ws.freezePanes.freezeAt(j.freeze);
  });
  await ctx.sync();
}

