/**
 * OKR cycles: quarters ('2026-Q4'), months ('2026-10') and years ('2026'), as people type them in English and Chinese.
 * Dates are ISO 'yyyy-mm-dd' strings; all arithmetic is on calendar numbers, so no time zone can shift a day.
 */
import type { Cycle, CycleKind } from './model';
import type { Lang } from './i18n';
import { parseDate } from './values';
import { PERIOD_END_WORDS, PERIOD_LABELS, PERIOD_RANGE_WORDS, PERIOD_START_WORDS } from './vocabulary';

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

const pad2 = (n: number) => (n < 10 ? '0' : '') + String(n);

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The cycle for a year and, for quarters 1-4 / months 1-12, its number. Null when out of range. */
export function makeCycle(kind: CycleKind, year: number, n = 1): Cycle | null {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR || !Number.isInteger(n)) return null;
  if (kind === 'year') return { id: String(year), kind, start: `${year}-01-01`, end: `${year}-12-31` };
  if (kind === 'half') {
    if (n !== 1 && n !== 2) return null;
    return {
      id: `${year}-H${n}`,
      kind,
      start: n === 1 ? `${year}-01-01` : `${year}-07-01`,
      end: n === 1 ? `${year}-06-30` : `${year}-12-31`,
    };
  }
  if (kind === 'quarter') {
    if (n < 1 || n > 4) return null;
    const first = (n - 1) * 3 + 1;
    const last = first + 2;
    return {
      id: `${year}-Q${n}`,
      kind,
      start: `${year}-${pad2(first)}-01`,
      end: `${year}-${pad2(last)}-${pad2(daysInMonth(year, last))}`,
    };
  }
  if (n < 1 || n > 12) return null;
  return {
    id: `${year}-${pad2(n)}`,
    kind,
    start: `${year}-${pad2(n)}-01`,
    end: `${year}-${pad2(n)}-${pad2(daysInMonth(year, n))}`,
  };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The period from one ISO date to another, inclusive: the calendar cycle it makes when it makes one (Q1-Q2 2025 is
 * H1 2025), else a range. Null when a date is not ISO or the end comes before the start.
 */
export function makeRange(start: string, end: string): Cycle | null {
  if (!ISO_DAY.test(start) || !ISO_DAY.test(end) || end < start) return null;
  for (const kind of ['month', 'quarter', 'half', 'year'] as const) {
    const c = cycleOf(start, kind);
    if (c && c.start === start && c.end === end) return c;
  }
  return { id: `${start}..${end}`, kind: 'range', start, end };
}

const dayNumber = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86400000;
const isoOfDay = (n: number) => new Date(n * 86400000).toISOString().slice(0, 10);

/** The range as long as `c` right after it (or before it, when `by` is negative), `by` times over. */
function shiftRange(c: Cycle, by: number): Cycle {
  const len = dayNumber(c.end) - dayNumber(c.start) + 1;
  const start = dayNumber(c.start) + by * len;
  return makeRange(isoOfDay(start), isoOfDay(start + len - 1)) ?? c;
}

/** Year and number (quarter 1-4, month 1-12, 1 for a year) of a cycle. */
function partsOf(c: Cycle): { year: number; n: number } {
  const year = Number(c.start.slice(0, 4));
  const month = Number(c.start.slice(5, 7));
  if (c.kind === 'quarter') return { year, n: Math.floor((month - 1) / 3) + 1 };
  if (c.kind === 'month') return { year, n: month };
  if (c.kind === 'half') return { year, n: month <= 6 ? 1 : 2 };
  return { year, n: 1 };
}

export function nextCycle(c: Cycle): Cycle {
  return shiftCycle(c, 1);
}

export function prevCycle(c: Cycle): Cycle {
  return shiftCycle(c, -1);
}

/** The cycle `by` cycles after (or before, when negative) `c`, of the same kind. */
export function shiftCycle(c: Cycle, by: number): Cycle {
  if (c.kind === 'range') return shiftRange(c, by);
  const { year, n } = partsOf(c);
  const per = c.kind === 'quarter' ? 4 : c.kind === 'month' ? 12 : c.kind === 'half' ? 2 : 1;
  const index = year * per + (n - 1) + by;
  const y = Math.floor(index / per);
  const made = makeCycle(c.kind, y, index - y * per + 1);
  return made ?? c;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** The cycle of `kind` containing the ISO date, or null when the date is not ISO. */
export function cycleOf(date: string, kind: CycleKind): Cycle | null {
  const m = ISO_DATE.exec(String(date));
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  if (kind === 'year') return makeCycle('year', year);
  if (kind === 'range') return null;
  if (kind === 'quarter') return makeCycle('quarter', year, Math.floor((month - 1) / 3) + 1);
  if (kind === 'half') return makeCycle('half', year, month <= 6 ? 1 : 2);
  return makeCycle('month', year, month);
}

/** True when the ISO date falls inside the cycle (ISO strings compare in date order). */
export function cycleContains(c: Cycle, date: string): boolean {
  const d = String(date).slice(0, 10);
  return ISO_DATE.test(d) && d >= c.start && d <= c.end;
}

const MONTHS_EN = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ZH_DIGITS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
  十一: 11,
  十二: 12,
};
const QUARTER_ZH = ['一', '二', '三', '四'];

/** 'Q4 2026' / 'October 2026' / '2026' in English; '2026年第四季度' / '2026年10月' / '2026年' in Chinese. */
export function formatCycle(c: Cycle, lang: Lang): string {
  if (c.kind === 'range') return lang === 'zh' ? `${c.start} 至 ${c.end}` : `${c.start} – ${c.end}`;
  const { year, n } = partsOf(c);
  if (lang === 'zh') {
    if (c.kind === 'quarter') return `${year}年第${QUARTER_ZH[n - 1]}季度`;
    if (c.kind === 'month') return `${year}年${n}月`;
    if (c.kind === 'half') return `${year}年${n === 1 ? '上' : '下'}半年`;
    return `${year}年`;
  }
  if (c.kind === 'quarter') return `Q${n} ${year}`;
  if (c.kind === 'half') return `H${n} ${year}`;
  if (c.kind === 'month') return `${MONTHS_SHORT[n - 1]} ${year}`;
  return String(year);
}

function smallNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  return ZH_DIGITS[s] ?? NaN;
}

function fullYear(s: string): number {
  const y = Number(s);
  return s.length === 2 ? 2000 + y : y;
}

function monthFromName(s: string): number {
  const low = s.toLowerCase().replace(/\.$/, '');
  if (low.length < 3) return 0;
  const i = MONTHS_EN.findIndex((m) => m.startsWith(low) || (low === 'sept' && m === 'september'));
  return i + 1;
}

/** NFKC folds full-width digits, letters and punctuation ('２０２６－Ｑ４') to ASCII. */
function normalise(s: string): string {
  return s.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

const Y = String.raw`(\d{4})`;
const QN = String.raw`([1-4一二三四])`;
const MN = String.raw`(1[0-2]|0?[1-9]|十一|十二|[一二三四五六七八九十])`;

interface Pattern {
  re: RegExp;
  make: (m: RegExpExecArray, opts: CycleParseOptions) => Cycle | null;
}

const q = (y: number | null, n: string) => (y === null ? null : makeCycle('quarter', y, smallNumber(n)));
const mo = (y: number | null, n: number) => (y === null ? null : makeCycle('month', y, n));

/** Days between an ISO date and a cycle (0 inside it). */
function distance(c: Cycle, today: string): number {
  const day = (iso: string) =>
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86400000;
  const t = day(today);
  return t < day(c.start) ? day(c.start) - t : t > day(c.end) ? t - day(c.end) : 0;
}

/**
 * A quarter or month named without a year: of the year the sheet names (opts.year), else the nearest one to today
 * ('10月' in November 2026 is 2026-10; in January 2027 too).
 */
function nearest(kind: 'quarter' | 'month', n: number, opts: CycleParseOptions): Cycle | null {
  if (opts.year !== undefined) return makeCycle(kind, opts.year, n);
  const today = opts.today;
  const m = today ? ISO_DATE.exec(today) : null;
  if (!m) return null;
  const y = Number(m[1]);
  let best: Cycle | null = null;
  for (const year of [y, y - 1, y + 1]) {
    const c = makeCycle(kind, year, n);
    if (c && (!best || distance(c, today!) < distance(best, today!))) best = c;
  }
  return best;
}
const qn = (opts: CycleParseOptions, n: string) => nearest('quarter', smallNumber(n), opts);
const mn = (opts: CycleParseOptions, n: number) => nearest('month', n, opts);

/**
 * The year a line names on its own, beside a quarter or month named without one ('Q1 Business Review | 2026',
 * '2025 年人生 OKR 计划'), or undefined. Not a count ('2000 customers', '2000人'), an amount or part of a number.
 */
const NAMED_YEAR = /(?<![\d.,:/$¥€£#])((?:19|20)\d\d)(?![\d.,:/%])(?!\s*(?:[a-z]|[个名家次篇元人件台位万亿]))/;
export function namedYear(text: string): number | undefined {
  const m = NAMED_YEAR.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** The year a title line gives the lines under it: its cycle's, else a year it names (namedYear). */
export function yearOfTitle(text: string, cycle: Cycle | null): number | undefined {
  return cycle ? Number(cycle.start.slice(0, 4)) : namedYear(text);
}

/** Months from..to of a year that make a whole quarter, half or year ('2026年4月-6月', 'Apr-Jun 2026'); null otherwise. */
function monthSpan(year: number, from: number, to: number): Cycle | null {
  const first = makeCycle('month', year, from);
  const last = makeCycle('month', year, to);
  return first && last ? makeRange(first.start, last.end) : null;
}

/** Quarters from..to of a year ('Q1-Q2 2025', '2026 Q2-Q3'): from the first one's start to the last one's end. */
function quarterSpan(year: number, from: string, to: string): Cycle | null {
  const first = q(year, from);
  const last = q(year, to);
  return first && last ? makeRange(first.start, last.end) : null;
}

const QUARTERS_THEN_YEAR = /(?<![A-Za-z])Q\s*([1-4])\s*[-–—~～]\s*Q?\s*([1-4])\s*[,']?\s*(\d{4})(?![0-9])/i;
const YEAR_THEN_QUARTERS = /(?<![0-9])(\d{4})\s*年?\s*[-/]?\s*Q\s*([1-4])\s*[-–—~～]\s*Q?\s*([1-4])(?![0-9])/i;

/** Anchored forms; `year` is the default year for forms that name none ('Q4', '10月'), null when there is none. */
const ANCHORED: Pattern[] = [
  // A range's id ('2025-11-04..2026-01-24').
  { re: /^(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})$/, make: (m) => makeRange(m[1], m[2]) },
  {
    re: new RegExp(String.raw`^(?:FY\s*)?(\d{4}|\d{2})\s*[-/.\s_]?\s*Q\s*([1-4])$`, 'i'),
    make: (m) => q(fullYear(m[1]), m[2]),
  },
  {
    re: new RegExp(String.raw`^Q\s*([1-4])\s*(?:[-/.,_']|\s)?\s*(?:FY\s*)?(\d{4}|\d{2})$`, 'i'),
    make: (m) => q(fullYear(m[2]), m[1]),
  },
  { re: new RegExp(`^${Y}\\s*年?度?\\s*(?:第\\s*)?${QN}\\s*季度?$`), make: (m) => q(Number(m[1]), m[2]) },
  { re: new RegExp(`^${Y}\\s*年?度?\\s*Q\\s*([1-4])$`, 'i'), make: (m) => q(Number(m[1]), m[2]) },
  { re: new RegExp(`^${Y}\\s*(?:[-/.]|年)\\s*${MN}\\s*月?(?:份)?$`), make: (m) => mo(Number(m[1]), smallNumber(m[2])) },
  { re: /^([a-z]{3,9})\.?\s*,?\s*(\d{4})$/i, make: (m) => mo(Number(m[2]), monthFromName(m[1])) },
  { re: /^(\d{4})\s*,?\s*([a-z]{3,9})\.?$/i, make: (m) => mo(Number(m[1]), monthFromName(m[2])) },
  { re: /^(?:FY\s*|财年\s*)?(\d{4})\s*(?:年度?|财年)?$/i, make: (m) => makeCycle('year', Number(m[1])) },
  { re: /^FY\s*'?(\d{2})$/i, make: (m) => makeCycle('year', fullYear(m[1])) },
  {
    re: /^(\d{4})\s*年\s*(1[0-2]|0?[1-9])\s*月?\s*[-–—~～〜至到]\s*(1[0-2]|0?[1-9])\s*月$/,
    make: (m) => monthSpan(Number(m[1]), Number(m[2]), Number(m[3])),
  },
  {
    re: /^([a-z]{3,9})\.?\s*[-–—~]\s*([a-z]{3,9})\.?,?\s*(\d{4})$/i,
    make: (m) => monthSpan(Number(m[3]), monthFromName(m[1]), monthFromName(m[2])),
  },
  { re: /^(?:annual|year|yearly|full year|fy)\s*(\d{4})$/i, make: (m) => makeCycle('year', Number(m[1])) },
  { re: /^(\d{4})\s*(?:annual|yearly|full year)$/i, make: (m) => makeCycle('year', Number(m[1])) },
  {
    re: /^H\s*([12])\s*[-/,']?\s*(?:FY\s*)?(\d{4}|\d{2})$/i,
    make: (m) => makeCycle('half', fullYear(m[2]), Number(m[1])),
  },
  { re: /^(?:FY\s*)?(\d{4})\s*[-/.\s_]?\s*H\s*([12])$/i, make: (m) => makeCycle('half', Number(m[1]), Number(m[2])) },
  { re: /^(\d{4})\s*年?\s*([上下])半年$/, make: (m) => makeCycle('half', Number(m[1]), m[2] === '上' ? 1 : 2) },
  // Forms without a year take the default year.
  { re: /^Q\s*([1-4])$/i, make: (m, o) => qn(o, m[1]) },
  { re: new RegExp(`^(?:第\\s*)?${QN}\\s*季度$`), make: (m, o) => qn(o, m[1]) },
  { re: new RegExp(`^${MN}\\s*月份?$`), make: (m, o) => mn(o, smallNumber(m[1])) },
  { re: /^([a-z]{3,9})\.?$/i, make: (m, o) => (monthFromName(m[1]) ? mn(o, monthFromName(m[1])) : null) },
];

export interface CycleParseOptions {
  /**
   * ISO date that completes forms naming no year ('Q4', '10月'): the nearest such cycle to it (last, this or next
   * year). Without it those forms are not cycles.
   */
  today?: string;
  /**
   * The year the sheet names (its title's, a heading's above): completes those forms before `today` does ('Q2' under
   * '# 2026 review' is 2026-Q2, whatever the date). A year the text itself names beside the form wins (see namedYear).
   */
  year?: number;
}

/**
 * A cell value or setting as a cycle: '2026-Q4', 'Q4 2026', '2026 Q4', '2026年第四季度', '2026年Q4', '2026-10',
 * '2026年10月', 'Oct 2026', '2026', 'FY2026', 2026 (a number), or a Cycle. Null when it is not one.
 */
export function parseCycle(input: unknown, opts: CycleParseOptions = {}): Cycle | null {
  if (input && typeof input === 'object' && !Array.isArray(input)) {
    const c = input as Partial<Cycle>;
    return typeof c.id === 'string' ? parseCycle(c.id, opts) : null;
  }
  if (typeof input === 'number') return Number.isInteger(input) ? makeCycle('year', input) : null;
  if (typeof input !== 'string') return null;
  const s = normalise(input);
  if (!s || s.length > 40) return null;
  for (const p of ANCHORED) {
    const m = p.re.exec(s);
    if (m) {
      const c = p.make(m, opts);
      if (c) return c;
    }
  }
  return null;
}

/** Unanchored forms for free text such as a sheet title ('客户拓展团队10月OKR', 'Team OKRs — Q4 2026'). */
const IN_TEXT: Pattern[] = [
  // A range of quarters ('Q1-Q2 2025', '2026 Q2-Q3', '2025年Q3-Q4'): both quarters, before either alone.
  { re: QUARTERS_THEN_YEAR, make: (m) => quarterSpan(Number(m[3]), m[1], m[2]) },
  { re: YEAR_THEN_QUARTERS, make: (m) => quarterSpan(Number(m[1]), m[2], m[3]) },
  { re: new RegExp(`${Y}\\s*年?度?\\s*第\\s*${QN}\\s*季度`), make: (m) => q(Number(m[1]), m[2]) },
  { re: new RegExp(`${Y}\\s*年\\s*${QN}\\s*季度`), make: (m) => q(Number(m[1]), m[2]) },
  { re: new RegExp(`${Y}\\s*年?\\s*[-/]?\\s*Q\\s*([1-4])(?![0-9])`, 'i'), make: (m) => q(Number(m[1]), m[2]) },
  { re: /(?<![A-Za-z])Q\s*([1-4])\s*[-/,']?\s*(\d{4})(?![0-9])/i, make: (m) => q(Number(m[2]), m[1]) },
  // A two-digit year written with 年 ('23年Q1', '24年第二季度') is of this century.
  { re: /(?<![0-9])(\d{2})\s*年\s*Q\s*([1-4])(?![0-9])/i, make: (m) => q(2000 + Number(m[1]), m[2]) },
  { re: new RegExp(`(?<![0-9])(\\d{2})\\s*年\\s*第?\\s*${QN}\\s*季度`), make: (m) => q(2000 + Number(m[1]), m[2]) },
  // The year before the month, with 年 or a space or a dash between ('2026年10月', '2022 10月', '2022-10月').
  {
    re: new RegExp(`${Y}\\s*(?:年|[-/.\\s])\\s*(1[0-2]|0?[1-9])\\s*月`),
    make: (m) => mo(Number(m[1]), Number(m[2])),
  },
  // A span of months in running text ('Q2 FY26–27 (Jul–Sep 2026)'): the quarter, half or year they make, before
  // the last month alone.
  {
    re: /\b([A-Za-z]{3,9})\.?\s*[-–—~]\s*([A-Za-z]{3,9})\.?,?\s+(\d{4})\b/,
    make: (m) => monthSpan(Number(m[3]), monthFromName(m[1]), monthFromName(m[2])),
  },
  { re: /\b([A-Za-z]{3,9})\.?\s+(\d{4})\b/, make: (m) => mo(Number(m[2]), monthFromName(m[1])) },
  {
    re: /(?<![A-Za-z0-9])H\s*([12])\s*[-/,']?\s*(\d{4})(?![0-9])/i,
    make: (m) => makeCycle('half', Number(m[2]), Number(m[1])),
  },
  { re: /(\d{4})\s*[-/\s]?\s*H\s*([12])(?![0-9])/i, make: (m) => makeCycle('half', Number(m[1]), Number(m[2])) },
  { re: /(\d{4})\s*年?\s*([上下])半年/, make: (m) => makeCycle('half', Number(m[1]), m[2] === '上' ? 1 : 2) },
  {
    re: /\b(?:annual|yearly|full[- ]year|FY|(?:fiscal|financial)\s+year)\s*(\d{4})\b|(\d{4})\s*财年|财年\s*(\d{4})/i,
    make: (m) => makeCycle('year', Number(m[1] ?? m[2] ?? m[3])),
  },
  { re: /(\d{4})\s*(?:年度|annual\b)/i, make: (m) => makeCycle('year', Number(m[1])) },
  // A year naming a plan ('# 2022OKR', '2026 OKRs', '2025年目标', 'OKRs 2024', 'Goals for 2026'): that year. Not a
  // count ('2000 goals scored', '2000目标客户').
  {
    re: /(?<![0-9])((?:19|20)\d\d)\s*年?\s*(?:OKRs?(?![A-Za-z])|目标(?:与关键结果|(?![\u4e00-\u9fff]))|规划)/i,
    make: (m) => makeCycle('year', Number(m[1])),
  },
  {
    re: /\b(?:OKRs?|goals?|objectives?|objetivos?|objectifs?|ziele)\s*(?:for\s+|of\s+|para\s+|pour\s+|für\s+)?[-–—:]?\s*((?:19|20)\d\d)(?![0-9])/i,
    make: (m) => makeCycle('year', Number(m[1])),
  },
  { re: new RegExp(`第\\s*${QN}\\s*季度`), make: (m, o) => qn(o, m[1]) },
  { re: new RegExp(`(?<![0-9])${QN}\\s*季度`), make: (m, o) => qn(o, m[1]) },
  { re: /(?<![A-Za-z0-9])Q\s*([1-4])(?![0-9])/i, make: (m, o) => qn(o, m[1]) },
  { re: /(?<![0-9])(1[0-2]|0?[1-9])\s*月(?!\s*\d+\s*[日号])/, make: (m, o) => mn(o, Number(m[1])) },
];

/** The first cycle named anywhere in a line of text, or null. Forms without a year need `opts.today`. */
export function findCycleInText(text: string, opts: CycleParseOptions = {}): Cycle | null {
  const s = normalise(String(text ?? ''));
  if (!s) return null;
  const whole = parseCycle(s, opts);
  if (whole) return whole;
  const o = { today: opts.today, year: namedYear(s) ?? opts.year };
  for (const p of IN_TEXT) {
    const m = p.re.exec(s);
    if (m) {
      const c = p.make(m, o);
      if (c) return c;
    }
  }
  return null;
}

/**
 * A deadline said in words in a KR's text: 'by end 2025', 'by the end of Q3 2026' (a cycle named: its end), 'by
 * quarter end', 'by the end of the year' (the cycle the KR belongs to, or the one of that length holding it).
 */
const BY_END =
  /\bby\s+(?:the\s+)?(?:(?:this\s+|current\s+)?(quarter|year|month)[- ]end\b|end\s+(?:of\s+)?(?:the\s+|this\s+|current\s+)?(?:(quarter|year|month)\b(?!\s*\d)|([^,;:()]{2,24})))/i;
const KIND_RANK: Record<CycleKind, number> = { month: 0, quarter: 1, half: 2, year: 3, range: 3 };

/**
 * The due date a KR's words state ('by end 2025' -> 2025-12-31; 'by quarter end' in Q3 2026 -> 2026-09-30), or null
 * ('by week 12', 'by the end of the sprint', or 'by quarter end' in a yearly plan: which quarter is not said).
 */
export function deadlineInWords(text: string, within: Cycle | null, opts: CycleParseOptions = {}): string | null {
  if (!/\b(?:by|before|until)\b/i.test(text)) return null;
  const m = /end/i.test(text) ? BY_END.exec(normalise(text)) : null;
  if (!m) return dateInWords(normalise(text), opts);
  const unit = (m[1] ?? m[2])?.toLowerCase() as CycleKind | undefined;
  if (!unit) return findCycleInText(m[3].trim(), opts)?.end ?? null;
  if (!within || KIND_RANK[within.kind] > KIND_RANK[unit]) return null;
  return cycleOf(within.end, unit)?.end ?? null;
}

/**
 * A day or a month with its year after 'by' / 'before' / 'until' ('by May 1st, 2025', 'before 15 March 2025', 'by
 * June 2025'): that day, or the month's last day. Without a year it names no due date here.
 */
const BY_DATE =
  /\b(?:by|before|until)\s+(?:the\s+)?((?:[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?)?,?\s*(?:[a-z]{3,9}\.?\s+)?\d{4}(?:-\d\d-\d\d)?)\b/i;
function dateInWords(text: string, opts: CycleParseOptions): string | null {
  const m = BY_DATE.exec(text);
  if (!m) return null;
  const day = parseDate(m[1].trim());
  if (day.ok) return day.value;
  const month = findCycleInText(m[1], opts);
  return month && month.kind === 'month' ? month.end : null;
}

/** "end of", "末", "底": a deadline written as the end of a cycle ('2024年Q2末', 'end of Q3 2026', '年底'). */
const END_OF = /末|底|结束前?|\bend\s+of\b|\bby\s+the\s+end\b/i;

/**
 * A due date written as a cycle: '2024年Q2末' -> 2024-06-30, 'end of Q3 2026' and plain 'Q3 2026' -> its last day.
 * Null when the text names no cycle. Forms without a year need `opts.today`.
 */
export function cycleEndDate(text: string, opts: CycleParseOptions = {}): string | null {
  const s = normalise(String(text ?? ''));
  if (!s || s.length > 60) return null;
  const whole = parseCycle(s, opts);
  if (whole) return whole.end;
  if (!END_OF.test(s)) return null;
  const c = findCycleInText(s.replace(END_OF, ' '), opts);
  return c ? c.end : null;
}

const escapeWord = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, String.raw`\s+`);
const wordAlternation = (words: readonly string[]) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map(escapeWord)
    .join('|');
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
/** A latin word stands alone (`a`, `to`, not inside `today`); a CJK one stands for itself (`周期从`). */
const bounded = (words: readonly string[]) => {
  const cjk = words.filter((w) => CJK.test(w));
  const latin = words.filter((w) => !CJK.test(w));
  return String.raw`(?:(?<![\p{L}\d])(?:${wordAlternation(latin)})(?![\p{L}\d])|${wordAlternation(cjk)})`;
};

/** `Period:` and its kin (PERIOD_LABELS) opening the line or a `|`-separated part of it; the value up to the next `|`. */
const PERIOD_LABEL = new RegExp(
  String.raw`(?:^|[|>·;]\s*)(?:${wordAlternation(PERIOD_LABELS)})\s*[:：]\s*([^|]+)`,
  'iu',
);
/** A date as written in text: ISO, dotted or slashed, Chinese, `Nov 4, 2025` / `4 November 2025` (year optional). */
const DATE_IN_TEXT = new RegExp(
  [
    String.raw`\d{4}[-/.]\d{1,2}[-/.]\d{1,2}`,
    String.raw`\d{1,2}[./]\d{1,2}[./]\d{4}`,
    String.raw`(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号]`,
    String.raw`[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?(?![\d:])`,
    String.raw`\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?(?:,?\s+\d{4})?`,
  ].join('|'),
  'g',
);
const RANGE_BETWEEN = new RegExp(String.raw`^\s*(?:[-–—~〜]|${bounded(PERIOD_RANGE_WORDS)})\s*$`, 'iu');
const START_WORD = new RegExp(bounded(PERIOD_START_WORDS), 'iu');
const END_WORD = new RegExp(bounded(PERIOD_END_WORDS), 'iu');

interface DateHit {
  iso: string;
  at: number;
  end: number;
}

/** The dates written in a text, in order; one without a year takes the year of the next one that has one. */
function datesIn(text: string): DateHit[] {
  const found: { raw: string; at: number; end: number }[] = [];
  DATE_IN_TEXT.lastIndex = 0;
  for (let m = DATE_IN_TEXT.exec(text); m; m = DATE_IN_TEXT.exec(text))
    found.push({ raw: m[0], at: m.index, end: m.index + m[0].length });
  const out: DateHit[] = [];
  for (let i = found.length - 1; i >= 0; i--) {
    const next = out[0];
    const year = next ? Number(next.iso.slice(0, 4)) : undefined;
    const d = parseDate(found[i].raw, { year });
    if (!d.ok || d.blank) continue;
    // A date without a year after which the next one comes earlier is of the year before ('Nov 4 - Jan 24, 2026').
    const iso = next && !/\d{4}/.test(found[i].raw) && d.value > next.iso ? `${year! - 1}${d.value.slice(4)}` : d.value;
    out.unshift({ iso, at: found[i].at, end: found[i].end });
  }
  return out;
}

/** Two dates joined by a dash or a range word (`2025-10-01 to 2025-12-31`, `2026年3月1日至5月31日`): their period. */
function dateRange(text: string): Cycle | null {
  const d = datesIn(text);
  for (let i = 0; i + 1 < d.length; i++)
    if (RANGE_BETWEEN.test(text.slice(d[i].end, d[i + 1].at))) return makeRange(d[i].iso, d[i + 1].iso);
  return null;
}

/**
 * A sentence giving a start and an end date (`Start for the first period is 23.11.2020. End is 28.02.2021.`,
 * `beginnt am ... und endet am ...`, `从2020年11月23日开始，到2021年2月28日结束`): a start word before or right after
 * the first date, an end word between the two.
 */
function startEndSentence(text: string): Cycle | null {
  const d = datesIn(text);
  if (d.length !== 2) return null;
  const between = text.slice(d[0].end, d[1].at);
  const started = START_WORD.test(text.slice(0, d[0].at)) || /^\s*(?:开始|開始|시작)/.test(between);
  const ended = END_WORD.test(between) || /^\s*(?:结束|終了|종료)/.test(text.slice(d[1].end));
  return started && ended ? makeRange(d[0].iso, d[1].iso) : null;
}

/**
 * The period a line states for the OKRs under it: a `Period:` label (PERIOD_LABELS) before two dates, a span of
 * months or a cycle (`**Period:** Nov 4, 2025 - Jan 24, 2026`, `Period: March — May 2026`, `周期：2026年3月-5月`),
 * or, when `sentences` is set, a sentence giving the start and end dates. Null when the line states none.
 */
export function statedPeriod(text: string, opts: CycleParseOptions & { sentences?: boolean } = {}): Cycle | null {
  const s = normalise(String(text ?? '')).replace(/[*_`]+/g, '');
  if (!s || s.length > 300) return null;
  const label = PERIOD_LABEL.exec(s);
  if (label) {
    const value = label[1].replace(/\s*[(（][^()（）]*[)）]\s*$/, '').trim();
    return dateRange(value) ?? findCycleInText(value, opts);
  }
  return opts.sentences ? startEndSentence(s) : null;
}
