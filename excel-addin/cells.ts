/** Cell values and matrices as the Excel API takes them. */
import type { PlanCell } from '../core/sheet-plan';

/**
 * A PlanCell as the input Excel's `formulas` setter takes. Strings are text: anything Excel would turn into a
 * formula, number, date, boolean or error when typed gets the apostrophe (quote prefix), which Excel does not keep
 * in the value.
 */
export function toExcelInput(c: PlanCell): string | number | boolean {
  if (c === null || c === undefined) return '';
  if (typeof c === 'number') return Number.isFinite(c) ? c : '';
  if (typeof c === 'boolean') return c;
  if (typeof c === 'object') return c.f.startsWith('=') ? c.f : '=' + c.f;
  const s = String(c);
  return needsQuote(s) ? "'" + s : s;
}

function needsQuote(s: string): boolean {
  const t = s.trim();
  return /^[=+\-@'#]/.test(s) || /^[=+\-@'#]/.test(t) || /^[$¥€£(]?\s*[\d.]/.test(t) || /^(true|false)$/i.test(t);
}

export function block(cells: unknown[][]): { rows: number; cols: number } {
  return { rows: cells.length, cols: cells.reduce((m, r) => Math.max(m, r.length), 0) };
}

/** Pads ragged rows so the matrix matches the range Excel writes it into. */
export function rectangular<T>(m: T[][], cols: number, fill: T): T[][] {
  return m.map((r) => (r.length === cols ? r : [...r, ...Array(cols - r.length).fill(fill)]));
}
