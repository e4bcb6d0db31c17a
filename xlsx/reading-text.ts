/**
 * "How I read your sheet" for a terminal: the header row, each column's role with its reason, the counts, and the
 * cells that could not be placed (nothing is skipped silently). The same reading the panel shows (core's details).
 */
import { t, type Lang } from '../core/i18n';
import { FIELD_LABELS } from '../core/headers';
import type { LayoutReading } from '../core/model';
import { countsText, roleCounts } from '../core/reading-summary';
import { a1, colLetter } from '../core/sheet-plan';
import { clean, pad, width } from './findings-table';
import { cliText } from './messages';

function readingOf(details: unknown): { reading: LayoutReading; sheet: string } | null {
  const d = details as { reading?: LayoutReading; readingSheet?: string } | null | undefined;
  return d && d.reading && Array.isArray(d.reading.columns) ? { reading: d.reading, sheet: String(d.readingSheet ?? '') } : null;
}

/** The cells not placed, one per line with address, text and reason; '' when there are none. */
export function unplacedText(details: unknown, lang: Lang): string {
  const got = readingOf(details);
  const list = got?.reading.unplaced ?? [];
  if (!list.length) return '';
  const at = list.map((u) => a1(u.cell.row, u.cell.col));
  const w = Math.max(...at.map(width));
  const lines = list.map((u, i) => `  ${pad(at[i], w)}  “${clean(u.text)}”  ${clean(t(u.reason, lang))}`);
  return [t(cliText.unplacedHead(list.length), lang), ...lines].join('\n');
}

/** The whole reading: form and header row, the columns, the counts, then the unplaced cells; '' without a reading. */
export function readingText(details: unknown, lang: Lang): string {
  const got = readingOf(details);
  if (!got) return '';
  const { reading, sheet } = got;
  const form =
    reading.form === 'table' && reading.headerRow !== null
      ? t(cliText.headerRow(reading.headerRow + 1, t(reading.headerReason, lang)), lang)
      : t(reading.form === 'outline' ? cliText.outlineForm : cliText.noLayout, lang);
  const out = [`${t(cliText.howRead(sheet), lang)}${clean(form)}`];
  const names = reading.columns.map((c) => `${colLetter(c.col)}  ${clean(c.header)}`);
  const roles = reading.columns.map((c) => (c.field ? FIELD_LABELS[c.field][lang] : t(cliText.notUsed, lang)));
  const w1 = Math.max(0, ...names.map(width));
  const w2 = Math.max(0, ...roles.map(width));
  reading.columns.forEach((c, i) => {
    out.push(`  ${pad(names[i], w1)}  -> ${pad(roles[i], w2)}  ${clean(t(c.reason, lang))}`);
  });
  out.push(t(cliText.found(t(countsText(roleCounts(reading), reading.unplaced.length), lang)), lang));
  const unplaced = unplacedText(details, lang);
  if (unplaced) out.push(unplaced);
  return out.join('\n');
}
