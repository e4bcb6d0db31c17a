/** How the grid shows a value under an Excel number format, and what the formula bar shows for editing. */
import { serialToIso } from '../../core/values';
import type { SimCell } from '../excel-sim/workbook';

const isDateFormat = (nf: string) => /[yd]/i.test(nf.replace(/"[^"]*"/g, '')) && !/^\[?h/i.test(nf);

function decimalsOf(nf: string): number {
  const m = /\.([0#]+)/.exec(nf);
  return m ? m[1].length : 0;
}

function group(n: string): string {
  const [i, d] = n.split('.');
  const g = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return d !== undefined ? `${g}.${d}` : g;
}

function general(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const s = String(Number(n.toPrecision(10)));
  return s;
}

export function formatValue(v: unknown, nf: string | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v !== 'number') return String(v);
  const f = (nf ?? '').trim();
  if (!f || f === 'General' || f === '@') return general(v);
  if (isDateFormat(f)) {
    const iso = serialToIso(v);
    if (!iso) return general(v);
    const [y, m, d] = iso.split('-');
    return f
      .replace(/yyyy/i, y)
      .replace(/yy/i, y.slice(2))
      .replace(/mm/i, m)
      .replace(/m/i, String(Number(m)))
      .replace(/dd/i, d)
      .replace(/d/i, String(Number(d)))
      .replace(/"/g, '');
  }
  const pct = f.includes('%');
  const n = pct ? v * 100 : v;
  let s = n.toFixed(decimalsOf(f));
  if (f.includes(',')) s = group(s);
  return pct ? `${s}%` : s;
}

/** The text a person edits in the formula bar: the formula, or the constant as they would type it. */
export function editText(cell: SimCell | undefined): string {
  if (!cell) return '';
  if (cell.f !== undefined) return cell.f;
  if (cell.v === undefined) return '';
  if (typeof cell.v === 'string') return cell.quote || /^[=+\-@]/.test(cell.v) ? `'${cell.v}` : cell.v;
  if (typeof cell.v === 'number' && cell.nf?.includes('%')) return `${general(cell.v * 100)}%`;
  if (typeof cell.v === 'number' && cell.nf && isDateFormat(cell.nf)) return formatValue(cell.v, 'yyyy-mm-dd');
  return formatValue(cell.v, undefined);
}
