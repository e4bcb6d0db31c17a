/** Value conversions between Sheets cells and core's plain data. */
import type { PlanCell } from '../../core/sheet-plan';
import { dateToSerial } from '../../core/values';


const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

/**
 * getValues' matrix with Dates as serials (core and restore plans only see strings, numbers and booleans).
 * A Date's local fields are in the script's time zone while the cell's date is in the spreadsheet's: `shiftDays`
 * (spreadsheet offset minus script offset, in days) moves it back; a result within two hours of midnight is a
 * plain date and is rounded (daylight saving makes the offset of another season differ by an hour).
 */
export function plainValues(values: unknown[][], shiftDays = 0): unknown[][] {
  for (const row of values) {
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (!isDate(v)) continue;
      if (Number.isNaN(v.getTime())) {
        row[c] = '';
        continue;
      }
      const serial = dateToSerial(v) + shiftDays;
      const nearest = Math.round(serial);
      row[c] = Math.abs(serial - nearest) < 2 / 24 ? nearest : serial;
    }
  }
  return values;
}

/** '+0800' / '-0530' (Utilities.formatDate 'Z') -> minutes east of UTC. */
export function offsetMinutes(z: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(String(z).trim());
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/**
 * Sheets reads text written with setValues as if typed: '=' makes a formula, '+'/'-' a formula or a number, digits,
 * currency signs and TRUE/FALSE a number, date or boolean. A leading apostrophe keeps any of them text (and is not
 * part of the value). The team rule names = + - @ '; digits, '.', currency and booleans are added because Sheets
 * (unlike Excel) would otherwise turn '40%' or '2026-10' copied from a user's cell into a number.
 */
const TYPED_AS_INPUT = /^(?:[=+\-@'.$€£¥￥]|\s*\d|\s*(?:true|false)\s*$)/i;

/** One PlanCell -> what setValues must receive so a string stays text and only { f } becomes a formula. */
export function toSheetCell(c: PlanCell): string | number | boolean {
  if (c === null || c === undefined) return '';
  if (typeof c === 'string') return TYPED_AS_INPUT.test(c) ? `'${c}` : c;
  if (typeof c === 'number') return Number.isFinite(c) ? c : '';
  if (typeof c === 'boolean') return c;
  if (typeof c === 'object' && typeof c.f === 'string') return c.f.startsWith('=') ? c.f : `=${c.f}`;
  return '';
}

/** '#ffffff' is what Sheets reports for "no fill"; core's snapshot uses ''. */
export function plainBackground(b: string): string {
  const s = String(b || '').toLowerCase();
  return s === '#ffffff' ? '' : s;
}
