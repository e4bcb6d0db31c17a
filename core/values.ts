/**
 * Values as people type them: the one parser for every number, percentage, date and "done" word core reads.
 *
 * Every parser takes ANY value (host cells, Apps Script Dates, objects, symbols...) and returns a typed outcome:
 * a value, a blank, or a ValueError that quotes what it saw. None of them throws or returns NaN.
 */
import { msg, type Msg } from './i18n';
import { DONE } from './vocabulary';

export type ValueErrorKind =
  | 'not-a-number'
  | 'placeholder' // XX, XX家, TBD, 待定: a value the user has not filled in yet
  | 'not-finite' // NaN, Infinity, or a number too large to be meant
  | 'not-a-date'
  | 'not-a-done-word'
  | 'cell-error' // '#N/A', '#VALUE! ...' and other spreadsheet error values
  | 'unsupported'; // objects, arrays, functions, symbols

export interface ValueError {
  kind: ValueErrorKind;
  /** What the parser saw, as short text (quoted in the message). */
  seen: string;
  message: Msg;
}

export interface Ok<T> {
  ok: true;
  blank: false;
  value: T;
}
/** '' / null / undefined / whitespace: its own outcome, neither an error nor 0. */
export interface Blank {
  ok: false;
  blank: true;
}
export interface Failed {
  ok: false;
  blank: false;
  error: ValueError;
}
export type Parsed<T, Extra = object> = (Ok<T> & Extra) | Blank | Failed;

export interface NumberInfo {
  /** Typed with % (or ‰, 百分之): value is already divided (50% -> 0.5). */
  percent: boolean;
  /** Currency sign or word seen ('$', '¥', '元', 'USD'...), or null. */
  currency: string | null;
  /** A trailing unit ('家', '单', 'users'), or null. */
  unit: string | null;
}
export type ParsedNumber = Parsed<number, NumberInfo>;

export type Measure = ({ type: 'number'; value: number } & NumberInfo) | { type: 'done'; done: boolean };

export const BLANK: Blank = Object.freeze({ ok: false, blank: true }) as Blank;

const PLAIN: NumberInfo = Object.freeze({ percent: false, currency: null, unit: null }) as NumberInfo;

// ---------------------------------------------------------------------------------------------------------------
// Helpers

/** Short, safe text for any value (never throws: symbols, objects with a throwing toString...). */
export function describeValue(v: unknown): string {
  let s: string;
  try {
    if (typeof v === 'string') s = v;
    else if (typeof v === 'symbol') s = v.toString();
    else if (isDateObject(v)) s = Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
    else if (Array.isArray(v)) s = '[' + v.length + ' items]';
    else if (typeof v === 'function') s = '[function]';
    else if (v !== null && typeof v === 'object') {
      try {
        s = JSON.stringify(v) ?? Object.prototype.toString.call(v);
      } catch {
        s = Object.prototype.toString.call(v);
      }
    } else s = String(v);
  } catch {
    s = '[unreadable value]';
  }
  return s.length > 40 ? s.slice(0, 37) + '...' : s;
}

function isDateObject(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** A cell as text: strings trimmed, numbers as written, booleans as TRUE/FALSE, dates as ISO, anything else ''. */
export function cellText(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (Object.prototype.toString.call(v) === '[object Date]') {
    const d = parseDate(v);
    return d.ok ? d.value : '';
  }
  return '';
}

export function isBlank(v: unknown): boolean {
  if (typeof v !== 'string') return v === null || v === undefined;
  if (v.length === 0) return true;
  // Most cells start with a character trim() keeps (ASCII, CJK): they are not blank, with no trimming. The others
  // (any Unicode space below U+3000, U+3000, U+FEFF...) are decided by trim() itself.
  const c = v.charCodeAt(0);
  if ((c > 0x20 && c < 0x7f) || (c > 0x3000 && c < 0xfeff)) return false;
  return v.trim() === '';
}

function fail(kind: ValueErrorKind, v: unknown): Failed {
  const seen = describeValue(v);
  return { ok: false, blank: false, error: { kind, seen, message: errorMessage(kind, seen) } };
}

function errorMessage(kind: ValueErrorKind, seen: string): Msg {
  const q = `"${seen}"`;
  const z = `“${seen}”`;
  switch (kind) {
    case 'not-a-number':
      return msg(`${q} is not a number`, `${z} 不是数字`);
    case 'placeholder':
      return msg(
        `${q} is a placeholder, not a number yet: fill in the value`,
        `${z} 是占位符，还不是数字：请填写实际数值`,
      );
    case 'not-finite':
      return msg(`${q} is not a finite number`, `${z} 不是有限的数字`);
    case 'not-a-date':
      return msg(`${q} is not a date (use 2026-10-31)`, `${z} 不是日期（请写成 2026-10-31）`);
    case 'not-a-done-word':
      return msg(
        `${q} is not done / not done (use TRUE, yes, done, 完成 or FALSE, no, 未完成)`,
        `${z} 不是完成状态（请用 完成/是/TRUE 或 未完成/否/FALSE）`,
      );
    case 'cell-error':
      return msg(`${q} is an error value`, `${z} 是错误值`);
    case 'unsupported':
      return msg(`${q} is not a value a cell can hold`, `${z} 不是单元格能保存的值`);
  }
}

/** Full-width digits and punctuation (１２３，（）％￥) to ASCII, odd minus signs and spaces to plain ones. */
function normalizeText(s: string): string {
  let t = s;
  // Only text with full-width forms, odd spaces or dashes needs the (slow) compatibility normalisation.
  if (/[\u00a0\u2000-\u206f\u2212\u3000-\u303f\ufe50-\ufe6f\uff00-\uffef]/.test(t)) {
    t = t
      .normalize('NFKC')
      .replace(/[\u2212\u2012\u2013\uFE63]/g, '-')
      .replace(/[\u00a0\u2000-\u200b\u202f\u3000]/g, ' ');
    t = t.replace(/。/g, '.');
  }
  return t.trim();
}

const CELL_ERROR_RE =
  /^#(?:N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|ERROR!|SPILL!|CALC!|GETTING_DATA|BUSY!|FIELD!|BLOCKED!|CONNECT!|UNKNOWN!)/i;

function objectErrorCode(v: object): boolean {
  // Excel can hand error cells over as objects ({ type: 'Error', code/errorCode: '#N/A' }).
  try {
    const o = v as Record<string, unknown>;
    const code = o.errorCode ?? o.code;
    return o.type === 'Error' || (typeof code === 'string' && code.startsWith('#'));
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Numbers

const SCALES: Record<string, number> = {
  k: 1e3,
  w: 1e4,
  m: 1e6,
  b: 1e9,
  bn: 1e9,
  百: 1e2,
  千: 1e3,
  万: 1e4,
  十万: 1e5,
  百万: 1e6,
  千万: 1e7,
  亿: 1e8,
  万亿: 1e12,
  // Korean and Japanese myriads ('600만원', '1억', '3億円'); million / billion words of other languages
  // ('R$ 150 milhões', '2 millones', '5 Mio.', '3 milyar'); 'mil' is a thousand in Spanish and Portuguese.
  천: 1e3,
  만: 1e4,
  억: 1e8,
  億: 1e8,
  mil: 1e3,
  bin: 1e3,
  million: 1e6,
  millions: 1e6,
  milhão: 1e6,
  milhões: 1e6,
  millón: 1e6,
  millones: 1e6,
  millionen: 1e6,
  mio: 1e6,
  milyon: 1e6,
  billion: 1e9,
  billions: 1e9,
  bilhão: 1e9,
  bilhões: 1e9,
  milliard: 1e9,
  milliards: 1e9,
  milliarden: 1e9,
  mrd: 1e9,
  milyar: 1e9,
  // Indonesian / Malay ('Rp 50 juta', 'Rp 1,5 miliar') and Vietnamese ('2 triệu', '1,5 tỷ').
  ribu: 1e3,
  juta: 1e6,
  miliar: 1e9,
  triliun: 1e12,
  nghìn: 1e3,
  triệu: 1e6,
  tỷ: 1e9,
};
/** The scale words as regex alternatives, longest first ('milhões' before 'mil' before 'm'). */
export const SCALE_WORDS = Object.keys(SCALES)
  .sort((a, b) => b.length - a.length)
  .join('|');
const CURRENCY_PREFIX = '(US\\$|HK\\$|R\\$|Rp\\.?|IDR|RMB|CNY|USD|EUR|GBP|JPY|HKD|BRL|[$¥€£₩₺])';
const CURRENCY_SUFFIX = [
  '元',
  '块',
  '美元',
  '人民币',
  '港元',
  '欧元',
  '円',
  '원',
  'rmb',
  'cny',
  'usd',
  'eur',
  'hkd',
  'gbp',
  'jpy',
];
const NUMERAL_CHARS = '零〇一二三四五六七八九十百千万亿两';
const NUMBER_RE = new RegExp(
  '^([+-])?\\s*(\\()?\\s*([+-])?\\s*' +
    CURRENCY_PREFIX +
    '?\\s*([+-])?\\s*' +
    "((?:[1-9]\\d{0,2}(?:\\.\\d{3})+,\\d{1,2}(?!\\d)|[1-9]\\d{0,2}(?:\\.\\d{3}){2,}|\\d{1,3}(?:[, ']\\d{3})+|\\d+,\\d{1,2}(?!\\d)|\\d+)(?:\\.\\d+)?|\\.\\d+)(?:e([+-]?\\d+))?" +
    `\\s*(?:(${SCALE_WORDS})\\.?)?` +
    '\\s*(%|‰)?' +
    `\\s*((?:(?![${NUMERAL_CHARS}])\\p{Script=Han}){1,4}|원|rmb|cny|usd|eur|hkd|gbp|jpy|(?<=\\s)[a-z]{1,12})?` +
    '\\s*(\\))?$',
  'iu',
);
const PLAIN_NUMBER_RE = /^-?\d+(?:\.\d+)?$/;

/**
 * The part of parseNumber's grammar a Google Sheets formula reads itself (formulas.ts, the grid's native score), as
 * an RE2 pattern over LOWER(TRIM(text)): a sign, a currency sign or code, digits (comma groups allowed), decimals, a
 * scale word (万, 亿, k, w...), %, a currency word. Groups: 1 sign, 2 digits and decimals, 3 (empty), 4 scale, 5 percent.
 * Text it matches reads as the same number here (sign * digits * scale / 100); text it does not match (full-width
 * digits, units such as 家, Chinese numerals, notes in brackets) is flagged by that formula, never read otherwise.
 */
export const SHEETS_NUMBER_PATTERN =
  '^([-+]?)' +
  CURRENCY_PREFIX.toLowerCase().replace(/^\(/, '(?:') +
  // A dot followed by exactly three digits after 1-3 digits ('50.000') is thousands to parseNumber: left unmatched
  // here (the formula flags it) rather than read as 50. The decimals stay inside group 2; group 3 is kept empty.
  '? ?((?:[0-9]{1,3}(?:,[0-9]{3})+|0[0-9]{0,2}|[0-9]{4,})(?:\\.[0-9]+)?|[1-9][0-9]{0,2}(?:\\.[0-9]{1,2}|\\.[0-9]{4,})?)() ?(' +
  Object.keys(SCALES)
    .sort((a, b) => b.length - a.length)
    .join('|') +
  ')? ?(%)? ?(?:' +
  CURRENCY_SUFFIX.join('|') +
  ')?$';

/** The scale words SHEETS_NUMBER_PATTERN reads and their factors. */
export const SCALE_FACTORS: Readonly<Record<string, number>> = SCALES;
const PLACEHOLDER_RE = new RegExp(
  '^(?:[x×*?]+(?:\\.[x×*]+)?\\s*(?:万亿|千万|百万|万|亿|千|百|k|w|m|%)?|tbd|tbc|tba|n/?a|待定|未定|待确认|待补充|待更新|暂无|无|-+|—+|…+|\\.{2,})' +
    `\\s*(?:(?:(?![${NUMERAL_CHARS}])\\p{Script=Han}){1,4})?$`,
  'iu',
);

const MAX_SENSIBLE = 1e15;

/** A parsed number, or not-finite when it overflowed or is too large to be meant (1e400, 30 digits). */
function sensible(value: number, info: NumberInfo, raw: string): ParsedNumber {
  if (!Number.isFinite(value) || Math.abs(value) > MAX_SENSIBLE) return fail('not-finite', raw);
  return numberOk(value === 0 ? 0 : value, info);
}

function numberOk(value: number, info: NumberInfo): ParsedNumber {
  return { ok: true, blank: false, value, percent: info.percent, currency: info.currency, unit: info.unit };
}

/**
 * A number as people type it: `1,200`, `1 200`, `$1,200`, `¥3.5万`, `10w`, `1.2亿`, `3.5k`, `2M`, `１２３`, `(5)`,
 * `-5%` (-> -0.05), `30家`, Chinese numerals (`三万`, `百分之五十`). Booleans and dates are not numbers.
 */
export function parseNumber(v: unknown): ParsedNumber {
  try {
    if (typeof v === 'number') {
      return Number.isFinite(v) ? numberOk(v, PLAIN) : fail('not-finite', v);
    }
    if (typeof v === 'string') return parseNumberText(v);
    if (v === null || v === undefined) return BLANK;
    if (typeof v === 'bigint') {
      const n = Number(v);
      return Number.isFinite(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER ? numberOk(n, PLAIN) : fail('not-finite', v);
    }
    if (typeof v === 'boolean') return fail('not-a-number', v ? 'TRUE' : 'FALSE');
    if (typeof v === 'object' && !Array.isArray(v) && !isDateObject(v) && objectErrorCode(v))
      return fail('cell-error', v);
    if (isDateObject(v)) return fail('not-a-number', v);
    return fail('unsupported', v);
  } catch {
    return fail('unsupported', v);
  }
}

const PERCENT_FAST_RE = /^(-?\d+(?:\.\d+)?)\s*%$/;
const GROUPED_FAST_RE = /^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const SCALED_FAST_RE = /^([$¥€£])?(\d+(?:\.\d+)?)(万|亿|千|k|w|m)?$/i;
const PERCENT_INFO: NumberInfo = Object.freeze({ percent: true, currency: null, unit: null }) as NumberInfo;

const TRAILING_NOTE = /^([^()（）]+)[(（][^()（）]*[)）]$/;

/**
 * Thousands written with a dot ('50.000', '1.250.000', as Portuguese, Spanish, German and Turkish do): a dot followed
 * by exactly three digits, with no other decimal sign in the number. '0.125' and '1.5' stay decimals.
 */
const DOT_THOUSANDS = /^[1-9]\d{0,2}(?:\.\d{3})+$/;
/** The percent sign first ('%95', '%12,5', Turkish, which writes a decimal comma): the same as '95%', '12.5%'. */
const PERCENT_FIRST_RE = /^%\s?(\d+(?:[.,]\d+)?)$/;

function parseNumberText(raw: string): ParsedNumber {
  // Fast paths for what most cells hold: 42, 12.5%, 1,200, ¥3.5万, 3.5k.
  if (dotThousands(raw)) return sensible(Number(raw.replace(/\./g, '')), PLAIN, raw);
  if (PLAIN_NUMBER_RE.test(raw)) return sensible(Number(raw), PLAIN, raw);
  const pm = PERCENT_FAST_RE.exec(raw);
  if (pm) return sensible(Number(pm[1]) / 100, PERCENT_INFO, raw);
  if (GROUPED_FAST_RE.test(raw)) return sensible(Number(raw.replace(/,/g, '')), PLAIN, raw);
  const sm = SCALED_FAST_RE.exec(raw);
  if (sm) {
    const n = Number(sm[2]) * (sm[3] ? SCALES[sm[3].toLowerCase()] : 1);
    return sensible(n, sm[1] ? { percent: false, currency: sm[1], unit: null } : PLAIN, raw);
  }
  const s = normalizeText(raw);
  if (s === '') return BLANK;
  if (PLAIN_NUMBER_RE.test(s) && !dotThousands(s)) return sensible(Number(s), PLAIN, raw);
  const pf = PERCENT_FIRST_RE.exec(s);
  if (pf) return sensible(Number(pf[1].replace(',', '.')) / 100, PERCENT_INFO, raw);
  if (CELL_ERROR_RE.test(s)) return fail('cell-error', raw);
  const m = NUMBER_RE.exec(s);
  if (m) {
    const [, sign1, open, sign2, cur, sign3, digits, exp, scaleWord, pct, suffix, close] = m;
    const signs = (sign1 ? 1 : 0) + (sign2 ? 1 : 0) + (sign3 ? 1 : 0);
    if (signs > 1 || !!open !== !!close || (open && signs > 0)) return fail('not-a-number', raw);
    // A decimal comma only before a scale word ('2,5 milhões'): alone, '1,5' is neither 1.5 nor 15 for sure.
    if (!scaleWord && DECIMAL_COMMA.test(digits)) return fail('not-a-number', raw);
    let n = Number(localDigits(digits));
    if (exp) n *= Math.pow(10, Number(exp));
    if (scaleWord) n *= SCALES[scaleWord.toLowerCase()];
    const negative = sign1 === '-' || sign2 === '-' || sign3 === '-' || !!open;
    if (negative) n = -n;
    if (pct === '%') n /= 100;
    else if (pct === '‰') n /= 1000;
    if (!Number.isFinite(n) || Math.abs(n) > MAX_SENSIBLE) return fail('not-finite', raw);
    let currency: string | null = cur ?? null;
    let unit: string | null = null;
    if (suffix) {
      if (CURRENCY_SUFFIX.includes(suffix.toLowerCase())) currency = currency ?? suffix;
      else unit = suffix;
    }
    return numberOk(n === 0 ? 0 : n, { percent: !!pct, currency, unit });
  }
  const zh = parseChineseNumber(s);
  if (zh) return zh;
  if (PLACEHOLDER_RE.test(s)) return fail('placeholder', raw);
  const q = quantity(s);
  if (q) return q;
  // A number with a note after it in brackets ('2.1%(+0.3)', '$3.5（需优化）') is that number.
  const noted = TRAILING_NOTE.exec(s);
  if (noted && noted[1].trim()) {
    const n = parseNumberText(noted[1].trim());
    if (n.ok) return n;
  }
  return fail('not-a-number', raw);
}

const DOT_THOUSANDS_DECIMAL_COMMA = /^[1-9]\d{0,2}(?:\.\d{3})+,\d{1,2}$/;
/** A decimal comma ('2,5 milhões', '1,5 Mio.'): one or two digits after a single comma, no dot. */
const DECIMAL_COMMA = /^\d+,\d{1,2}$/;

/** The digits of a number in plain form: group separators dropped, a decimal comma made a point. */
function localDigits(digits: string): string {
  if (dotThousands(digits)) return digits.replace(/\./g, '');
  // '3.100.000,00', '1.250,5': thousands with a dot, then a decimal comma (Spanish, German, Portuguese, Turkish).
  if (DOT_THOUSANDS_DECIMAL_COMMA.test(digits)) return digits.replace(/\./g, '').replace(',', '.');
  if (DECIMAL_COMMA.test(digits)) return digits.replace(',', '.');
  return digits.replace(/[, ']/g, '');
}

function dotThousands(digits: string): boolean {
  return (
    digits.length >= 5 && digits.charCodeAt(digits.length - 4) === 46 && DOT_THOUSANDS.test(digits.replace(/^-/, ''))
  );
}

/**
 * Numbers written as words, counted like digits when they are the quantity ('Two dates per month'); zero in the
 * languages the reader reads ('Zero oversells', 'cero incidentes', 'zéro panne', 'sıfır hata'): a count to hold at 0.
 */
export const WORD_NUMBERS: Record<string, number> = {
  zero: 0,
  cero: 0,
  zéro: 0,
  sıfır: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  hundred: 100,
  'a hundred': 100,
  'one hundred': 100,
};
/**
 * In a number cell a leading word is the quantity ('Single region', 'dos regiones'), so a few more words count there
 * than in a KR's wording, where 'a single dashboard' or 'una plataforma' name no target.
 */
const CELL_WORD_NUMBERS: Record<string, number> = {
  ...WORD_NUMBERS,
  single: 1,
  uno: 1,
  una: 1,
  un: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
};

/**
 * One to ten in the other languages the reader reads (Spanish, Portuguese, French, German, Turkish). In a KR's
 * wording they count like English words ('Abrir tres tiendas', 'Zwei Märkte erschließen'), except those that are also
 * articles or other words (OTHER_WORDS_LED_ONLY), which count only after 'at least' ('en az bir', 'al menos una').
 */
export const OTHER_WORD_NUMBERS: Record<string, number> = {
  ...Object.fromEntries(Object.entries(CELL_WORD_NUMBERS).filter(([w]) => !(w in WORD_NUMBERS) && w !== 'single')),
  um: 1,
  uma: 1,
  dois: 2,
  duas: 2,
  três: 3,
  quatro: 4,
  sete: 7,
  oito: 8,
  nove: 9,
  dez: 10,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  ein: 1,
  eine: 1,
  einen: 1,
  zwei: 2,
  drei: 3,
  vier: 4,
  fünf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  neun: 9,
  zehn: 10,
  bir: 1,
  iki: 2,
  üç: 3,
  dört: 4,
  beş: 5,
  altı: 6,
  yedi: 7,
  sekiz: 8,
  dokuz: 9,
  on: 10,
};
/**
 * Of those, articles ('un', 'uma', 'ein', 'bir': "a") and words with another sense ('dos' "of the" in Portuguese, 'on',
 * 'neuf' "new", 'dez' "Dec.", 'altı' "under", 'acht' "heed", 'sept' "Sept."): a count only after 'at least'.
 */
export const OTHER_WORDS_LED_ONLY: ReadonlySet<string> = new Set(
  'uno una un um uma une ein eine einen bir dos on neuf dez altı acht sept'.split(' '),
);

/** Seconds in a unit of time as people write it after a number ('4hrs', '30 min', '3 semanas', '5 días', '2小时'). */
const TIME_UNITS: [RegExp, number][] = [
  [/^(?:ms|msecs?|milliseconds?|毫秒)$/i, 0.001],
  [/^(?:s|secs?|seconds?|segundos?|秒钟?)$/i, 1],
  [/^(?:m|mins?|minutes?|minutos?|分钟|分)$/i, 60],
  [/^(?:h|hrs?|hours?|horas?|小时|个小时)$/i, 3600],
  [/^(?:d|days?|d[ií]as?|天|日)$/i, 86400],
  [/^(?:wks?|weeks?|semanas?|周|星期|个星期)$/i, 604800],
];

/** Seconds in one `unit` of time, or null when it is no unit of time. */
/**
 * One quantity written with a bound, an approximation or the scale of a score (`<2s`, `≤ 15 分钟`, `约 30%`, `3.5/5`):
 * a measured value stated that way is that number. A from-to, several numbers or words around them are no such cell.
 */
const BOUNDED_QUANTITY =
  /^\s*(?:[<>≤≥~≈～]=?|约|大约|近|不到|超过|about|approx\.?|ca\.|under|over|below|above)?\s*[$¥€£]?\s*\d[\d,]*(?:\.\d+)?\s*(?:%|[A-Za-z]{1,5}|[\u4e00-\u9fff]{1,3})?\s*(?:\/\s*\d+(?:\.\d+)?\s*分?)?\s*$/i;
export const boundedQuantityShape = (text: string): boolean => BOUNDED_QUANTITY.test(text);

/** A sum written out ('2 (Y*gov) + 5 (K9Audit) = 7 total', '8家+4家=12家'): the part after the last '=' is its result. */
const SUM_RESULT = /[+＋][^=＝]*[=＝]\s*([^=＝]+)$/;

/** The result of a sum written out in a cell, or null when the text is no such sum or its result is no number. */
export function sumResult(text: string): number | null {
  const m = SUM_RESULT.exec(text);
  if (!m) return null;
  const n = parseNumber(m[1].trim());
  return n.ok ? n.value : null;
}

export function secondsIn(unit: string | null | undefined): number | null {
  if (!unit) return null;
  const u = unit.trim();
  for (const [re, s] of TIME_UNITS) if (re.test(u)) return s;
  return null;
}

/** Units people glue to a number ('550ms', '4hrs', '2GB'); other glued letters ('12abc') are not a quantity. */
export const GLUED_UNIT =
  /^(?:ms|s|secs?|mins?|h|hrs?|hours?|d|days?|wks?|kg|g|km|m|cm|mm|gb|mb|kb|tb|px|pts?|x\/\p{L}+)$/iu;
/** A number and the words naming what it counts: '8 deals/qtr', '2 regions live', '1x/week', '5/día', '5 días'. */
const QUANTITY_RE = new RegExp(
  // A scale word belongs to the number ('R$ 150 milhões/mês' is 150 million a month).
  String.raw`^(.*?\d(?:[kmbw万亿千](?=[\s/])|\s?(?:${SCALE_WORDS.split('|')
    .filter((w) => w.length >= 3)
    .join(
      '|',
    )})(?=[\s/]))?%?|[\p{L}]+(?: hundred)?)(\s*)(\/?\s*\p{L}[\p{L}.]{0,11}(?:\s*\/\s*\p{L}{1,12}|\s+\p{L}{1,12})?)$`,
  'iu',
);

/**
 * A quantity with its unit words: the number before them, the words as its unit. A lone 'x' / '×' is a multiplier
 * (a change relative to a base), not a unit.
 */
function quantity(s: string): ParsedNumber | null {
  const m = QUANTITY_RE.exec(s);
  if (!m) return null;
  const [, head, space, unit] = m;
  if (/^[x×]$/i.test(unit)) return null;
  const word = CELL_WORD_NUMBERS[head.toLowerCase()];
  if (word !== undefined) return space ? numberOk(word, { percent: false, currency: null, unit }) : null;
  if (!space && !/^[/\p{Script=Han}]/u.test(unit) && !GLUED_UNIT.test(unit)) return null;
  const n = parseNumberText(head);
  if (!n.ok || n.unit) return null;
  return numberOk(n.value, { percent: n.percent, currency: n.currency, unit: unit.replace(/^\/\s*/, '/') });
}

const ZH_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const ZH_SMALL: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Chinese integer numerals: 十五, 一百零五, 两万, 三千五百万, 一亿二千万. Null when not one. */
function chineseInt(s: string): number | null {
  if (s === '') return null;
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const ch of s) {
    const d = ZH_DIGITS[ch];
    if (d !== undefined) {
      digit = d;
      continue;
    }
    const small = ZH_SMALL[ch];
    if (small !== undefined) {
      section += (digit < 0 ? 1 : digit) * small;
      digit = -1;
      continue;
    }
    if (ch === '万') {
      total += (section + Math.max(digit, 0)) * 1e4;
    } else if (ch === '亿') {
      total = (total + section + Math.max(digit, 0)) * 1e8;
    } else return null;
    section = 0;
    digit = -1;
  }
  return total + section + Math.max(digit, 0);
}

function parseChineseNumber(s: string): ParsedNumber | null {
  let text = s;
  let percent = false;
  if (text.startsWith('百分之')) {
    percent = true;
    text = text.slice(3);
    const arabic = /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : null;
    if (arabic !== null) return numberOk(arabic / 100, { percent, currency: null, unit: null });
  }
  const m =
    /^(负)?([零〇一二三四五六七八九十百千两]*(?:[万亿][零〇一二三四五六七八九十百千两]*)*)(?:点([零〇一二三四五六七八九]+))?([万亿]*)$/u.exec(
      text,
    );
  if (!m || (m[2] === '' && !m[3])) return null;
  const intPart = m[2] === '' ? 0 : chineseInt(m[2]);
  if (intPart === null) return null;
  let n = intPart;
  if (m[3]) n += Number('0.' + Array.from(m[3], (c) => String(ZH_DIGITS[c])).join(''));
  for (const ch of m[4]) n *= ch === '万' ? 1e4 : 1e8;
  if (m[1]) n = -n;
  if (percent) n /= 100;
  return Number.isFinite(n) ? numberOk(n, { percent, currency: null, unit: null }) : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Done words

/** Done / not done: booleans, 1/0, and the words people type (TRUE, yes, done, 完成, 是, ✓ / FALSE, no, 否, 未完成). */
export function parseDone(v: unknown): Parsed<boolean> {
  try {
    if (typeof v === 'boolean') return { ok: true, blank: false, value: v };
    if (typeof v === 'number') {
      if (v === 1) return { ok: true, blank: false, value: true };
      if (v === 0) return { ok: true, blank: false, value: false };
      return fail('not-a-done-word', v);
    }
    if (v === null || v === undefined) return BLANK;
    if (typeof v !== 'string')
      return fail(
        typeof v === 'object' && !Array.isArray(v) && objectErrorCode(v as object) ? 'cell-error' : 'not-a-done-word',
        v,
      );
    const s = normalizeText(v).toLowerCase().replace(/\s+/g, ' ');
    if (s === '') return BLANK;
    const word = DONE.get(s);
    if (word === 'done' || s === '1') return { ok: true, blank: false, value: true };
    if (word === 'notDone' || s === '0') return { ok: true, blank: false, value: false };
    if (CELL_ERROR_RE.test(s)) return fail('cell-error', v);
    return fail('not-a-done-word', v);
  } catch {
    return fail('unsupported', v);
  }
}

/**
 * A current/target cell: a number (percent, currency, scale words...) or a done word.
 * Numbers win (so 1 and 0 stay numbers); then done words; otherwise the number's error.
 */
export function parseMeasure(v: unknown): Parsed<Measure> {
  if (typeof v === 'boolean') return { ok: true, blank: false, value: { type: 'done', done: v } };
  const n = parseNumber(v);
  if (n.ok)
    return {
      ok: true,
      blank: false,
      value: { type: 'number', value: n.value, percent: n.percent, currency: n.currency, unit: n.unit },
    };
  if (n.blank) return n;
  if (n.error.kind === 'not-a-number' || n.error.kind === 'placeholder') {
    const d = parseDone(v);
    if (d.ok) return { ok: true, blank: false, value: { type: 'done', done: d.value } };
  }
  return n;
}

// ---------------------------------------------------------------------------------------------------------------
// Dates

const MIN_SERIAL = 1;
const MAX_SERIAL = 2958465; // 9999-12-31
const DAY_MS = 86400000;
const EPOCH_1899_12_30 = Date.UTC(1899, 11, 30);
/** 1970-01-01 as a date serial. */
const UNIX_EPOCH_SERIAL = 25569;

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function validYmd(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= dim;
}

function ymdIso(y: number, m: number, d: number): string | null {
  return validYmd(y, m, d) ? `${pad(y, 4)}-${pad(m)}-${pad(d)}` : null;
}

/**
 * Excel date serial -> ISO date (time of day dropped). Serials from 61 on count from 1899-12-30, as in both hosts;
 * below 61 Excel keeps Lotus's phantom 1900-02-29, so those count from 1899-12-31 (serial 60 reads as 1900-03-01).
 */
export function serialToIso(serial: number): string | null {
  if (typeof serial !== 'number' || !Number.isFinite(serial)) return null;
  const whole = Math.floor(serial);
  if (whole < MIN_SERIAL || whole > MAX_SERIAL) return null;
  const ms = EPOCH_1899_12_30 + (whole < 61 ? whole + 1 : whole) * DAY_MS;
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** A Date's calendar day in the runtime's time zone, 'yyyy-mm-dd' (by default today: "today" on the user's machine). */
export function localIsoDate(d: Date = new Date()): string {
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * A Date -> date serial, the time of day as the fraction (days since 1899-12-30, as both hosts count). `local` reads
 * the Date's fields in the runtime's time zone (Apps Script builds a cell's Date there, so they are the cell's
 * wall-clock date and time); `utc` reads them in UTC, as ExcelJS builds them (and mirrors its own conversion,
 * 25569 + ms / day, so a serial read back is the one the file holds).
 */
export function dateToSerial(d: Date, fields: 'local' | 'utc' = 'local'): number {
  if (fields === 'utc') return UNIX_EPOCH_SERIAL + d.getTime() / DAY_MS;
  const ms = Date.UTC(
    d.getFullYear(),
    d.getMonth(),
    d.getDate(),
    d.getHours(),
    d.getMinutes(),
    d.getSeconds(),
    d.getMilliseconds(),
  );
  return (ms - EPOCH_1899_12_30) / DAY_MS;
}

/** ISO date (yyyy-mm-dd; a time part is ignored) -> Excel/Sheets serial, or null when not a valid date. */
export function isoToSerial(iso: string): number | null {
  if (typeof iso !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (!validYmd(y, mo, d)) return null;
  const days = Math.round((Date.UTC(y, mo - 1, d) - EPOCH_1899_12_30) / DAY_MS);
  return days < 61 ? days - 1 : days;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
};

function month(name: string): number {
  const k = name.toLowerCase();
  return Object.prototype.hasOwnProperty.call(MONTHS, k) ? MONTHS[k] : 0;
}

export interface DateOptions {
  /** Year for dates typed without one (`10月31日`, `Oct 31`); without it they are errors. */
  year?: number;
}

/**
 * A date -> ISO 'yyyy-mm-dd'. Accepts Excel serials, Date objects (as Apps Script gives them, read in the runtime's
 * time zone, which is the script's), `2026-10-31`, `2026/10/31`, `2026.10.31`, `20261031`, `2026年10月31日`,
 * `10/31/2026` (month first; day first when the first number is over 12), `Oct 31, 2026`, `31 Oct 2026`.
 */
export function parseDate(v: unknown, opts: DateOptions = {}): Parsed<string> {
  try {
    if (typeof v === 'number') {
      const iso = Number.isFinite(v) ? serialToIso(v) : null;
      return iso ? { ok: true, blank: false, value: iso } : fail('not-a-date', v);
    }
    if (v === null || v === undefined) return BLANK;
    if (isDateObject(v)) {
      const t = v.getTime();
      const iso = Number.isNaN(t) ? null : ymdIso(v.getFullYear(), v.getMonth() + 1, v.getDate());
      return iso ? { ok: true, blank: false, value: iso } : fail('not-a-date', v);
    }
    if (typeof v !== 'string')
      return fail(
        typeof v === 'object' && !Array.isArray(v) && objectErrorCode(v as object) ? 'cell-error' : 'not-a-date',
        v,
      );
    const s = normalizeText(v);
    if (s === '') return BLANK;
    const iso = dateText(s, opts.year);
    if (iso) return { ok: true, blank: false, value: iso };
    return fail(CELL_ERROR_RE.test(s) ? 'cell-error' : 'not-a-date', v);
  } catch {
    return fail('unsupported', v);
  }
}

const TIME_OF_DAY = /,?\s+(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,5}\)?)?$/i;

function dateText(text: string, defaultYear: number | undefined): string | null {
  let s = text;
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s].*)?$/.exec(s);
  if (m) return ymdIso(+m[1], +m[2], +m[3]);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return ymdIso(+m[1], +m[2], +m[3]);
  m = /^(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/.exec(s);
  if (m) {
    const y = m[1] ? +m[1] : defaultYear;
    return y === undefined ? null : ymdIso(y, +m[2], +m[3]);
  }
  m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(s);
  if (m) {
    const a = +m[1];
    const b = +m[3];
    // Dotted dates are day first wherever they are written (13.03.2026, 04.03.2026); slashes month first unless
    // the first number cannot be a month.
    return m[2] === '.' || a > 12 ? ymdIso(+m[4], b, a) : ymdIso(+m[4], a, b);
  }
  // A time of day after a written date ('September 14, 2022 9:39 AM', as Notion exports) is dropped.
  s = s.replace(TIME_OF_DAY, '');
  m = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$/i.exec(s);
  if (m && month(m[1])) {
    const y = m[3] ? +m[3] : defaultYear;
    return y === undefined ? null : ymdIso(y, month(m[1]), +m[2]);
  }
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?(?:\s+(\d{4}))?$/i.exec(s);
  if (m && month(m[2])) {
    const y = m[3] ? +m[3] : defaultYear;
    return y === undefined ? null : ymdIso(y, month(m[2]), +m[1]);
  }
  return null;
}
