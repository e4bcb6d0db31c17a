/**
 * Which row is a table's header and what each column is, decided from the header words AND the cells below them.
 *
 * Header: every row near the top is a candidate, scored by the columns its words name, less what makes it look like
 * data (numbers, long sentences, cells like the ones below it). Columns: the header word proposes a role and the
 * contents confirm or overrule it: a `Start Date` column of dates is not a start value, a `Goal` column of numbers is
 * the target, `Object Type` / `Goal Type` columns saying Objective / Key Result are row types, a `Current status` column
 * of words is not a current value, a column of `目标：... / 关键结果：...` lines carries each row's role. The user's
 * corrections (Settings.columnRoles, Settings.headerRow) override all of it. Every decision keeps a short reason.
 */
import { taskHeader } from './task-tables';
import { findOwnedBlock } from './plan-grid';
import type { ColumnReading, Field, HeaderCandidate } from './model';
import type { Msg } from './i18n';
import type { Settings } from './settings';
import { FIELD_LABELS, matchHeader, normalizeHeader } from './headers';
import { packedItems, readLine } from './line-roles';
import { COMMITMENTS, LEVELS, MEASURE_CRITERION_WORDS, ROW_TYPES } from './vocabulary';
import { boundedQuantityShape, cellText, isBlank, parseDate, parseNumber, sumResult } from './values';

export interface TableLayout {
  /** Relative rows of the header, top first (two rows when a group row sits above). */
  rows: number[];
  /** Role of each column (null: carried along as an unknown column). */
  fields: (Field | null)[];
  /** Header text of each column, as shown. */
  texts: string[];
  width: number;
  /** A column saying what each row is (Objective / Key Result / Initiative), or null. */
  rowTypeCol: number | null;
  /** A column whose cells carry their own labels (`目标一：...`, `KR1: ...`), or null. */
  itemCol: number | null;
  /** Level columns: the root column (Goalscape's `Main`, one cell naming the plan), or null. */
  rootCol?: number | null;
  /** Period columns (M1..M3, W1..W13, 1月..3月), left to right: the latest filled one on a row is its current value. */
  periodCols?: number[];
  /** Several KRs per row, one group of columns each (KR1 / KR1 target / KR2 / ...), in column order. */
  krGroups?: KrGroup[];
  columns: ColumnReading[];
  candidates: HeaderCandidate[];
  reason: Msg;
}

const HEADER_SCAN_ROWS = 12;
/** Cells looked at per column to judge its contents. */
const SAMPLE = 60;
const EMPTY: unknown[] = [];
const NUMERIC: ReadonlySet<Field> = new Set<Field>(['start', 'target', 'current', 'weight', 'score']);
/** Headers whose column may hold committed / aspirational words: a type header, or a title word inside one. */
const TYPE_HEADERS: ReadonlySet<Field | null> = new Set<Field | null>(['type', 'objective', 'kr']);
/** Header words naming a title column (an export's `Name` / `Title`), which no field names by itself. */
const TITLE_WORDS = new Set([
  'title',
  'name',
  'summary',
  'item',
  'goalname',
  'okr',
  'okrs',
  '名称',
  '标题',
  '名字',
  '内容',
  'okr内容',
]);

const rowAt = (values: unknown[][], r: number): unknown[] => (Array.isArray(values[r]) ? values[r] : EMPTY);
const labelOf = (f: Field) => FIELD_LABELS[f];

/** What a column holds below the header (up to SAMPLE filled cells). */
interface Profile {
  filled: number;
  numbers: number;
  dates: number;
  words: number;
  rowTypes: number;
  types: Set<string>;
  levels: number;
  commitments: number;
  items: number;
  /** Labelled lines: objectives and KRs among them. */
  itemKinds: Set<string>;
  /** Cells that look like a person ('Ana Souza', 'mia@example.com', '张三'). */
  people: number;
  /** Whole numbers a date cell holds in Excel (its serial: 25569 = 1970-01-01 .. 73050 = 2099-12-31). */
  serials: number;
  /** Words that are one quantity with a bound or a score's scale (`<2s`, `3.5/5`): a value written that way. */
  bounded: number;
}

const DATE_SHAPE = /\d{1,4}\s*[-/.年月]\s*\d|[a-z]{3,9}\.?\s+\d{1,2}\b|\b\d{1,2}\s+[a-z]{3,9}/i;

function profile(values: unknown[][], from: number, c: number, header = '', until = values.length): Profile {
  const p: Profile = {
    filled: 0,
    numbers: 0,
    dates: 0,
    words: 0,
    rowTypes: 0,
    types: new Set(),
    levels: 0,
    commitments: 0,
    items: 0,
    itemKinds: new Set(),
    people: 0,
    serials: 0,
    bounded: 0,
  };
  // A column repeats its words ('Committed', '2026-Q4', '25%'): each distinct text is read once per column.
  const texts = new Map<string, TextReading>();
  for (let r = from; r < until && p.filled < SAMPLE; r++) {
    const v = rowAt(values, r)[c];
    if (isBlank(v) || (header && v === header)) continue; // blank, or the header repeated
    p.filled++;
    if (typeof v === 'number') {
      p.numbers++;
      if (Number.isInteger(v) && v >= 25569 && v <= 73050) p.serials++;
    } else if (typeof v !== 'string') p.dates += Object.prototype.toString.call(v) === '[object Date]' ? 1 : 0;
    else {
      let t = texts.get(v);
      if (!t) texts.set(v, (t = readText(v)));
      countText(p, t);
    }
  }
  return p;
}

/** A template's placeholder ('[Target value]', 'TBD', 'XX'): says nothing about the column. */
const TEMPLATE = /^\s*[[【<{].*[\]】>}]\s*$/;

/** What one text cell says about its column (counted into a Profile by countText). */
interface TextReading {
  /** A template's placeholder: not counted as filled. */
  placeholder: boolean;
  shape: 'numbers' | 'dates' | 'words';
  /** Words that are one quantity with a bound or a score's scale (`<2s`, `3.5/5`). */
  bounded: boolean;
  rowType: 'objective' | 'kr' | 'initiative' | null;
  level: boolean;
  person: boolean;
  commitment: boolean;
  /** The items a labelled line names (both for a line packing an objective and its KR). */
  items: readonly ('objective' | 'kr')[];
}

const PLACEHOLDER_TEXT: TextReading = {
  placeholder: true,
  shape: 'words',
  bounded: false,
  rowType: null,
  level: false,
  person: false,
  commitment: false,
  items: [],
};

function readText(v: string): TextReading {
  const n = parseNumber(v);
  if (TEMPLATE.test(v) || (!n.ok && !n.blank && n.error.kind === 'placeholder')) return PLACEHOLDER_TEXT;
  const level = LEVELS.get(v) !== null;
  const line = readLine(v);
  // A sum written out ('3 + 4 = 7 total') is a number in words.
  const shape =
    n.ok || sumResult(v) !== null
      ? 'numbers'
      : DATE_SHAPE.test(v) && parseDate(v, { year: 2000 }).ok
        ? 'dates'
        : 'words';
  return {
    placeholder: false,
    shape,
    bounded: shape === 'words' && boundedQuantityShape(v),
    rowType: ROW_TYPES.get(v),
    level,
    person: !level && PERSON.test(v.trim()),
    // One letter ('A', 'C') is a commitment only under a Type header: in a title column it is a title.
    commitment: v.trim().length > 1 && !!COMMITMENTS.get(v),
    items:
      (line.role === 'objective' || line.role === 'kr') && line.title
        ? [line.role]
        : line.term && packedItems(v)
          ? ['objective', 'kr']
          : [],
  };
}

function countText(p: Profile, t: TextReading): void {
  if (t.placeholder) {
    p.filled--;
    return;
  }
  p[t.shape]++;
  if (t.bounded) p.bounded++;
  if (t.rowType) {
    p.rowTypes++;
    p.types.add(t.rowType);
  }
  if (t.level) p.levels++;
  else if (t.person) p.people++;
  if (t.commitment) p.commitments++;
  if (t.items.length) {
    p.items++;
    for (const k of t.items) p.itemKinds.add(k);
  }
}

const PERSON = /^(?:[A-Z][a-z]+(?:[ .'-]+[A-Z][a-z]*)+|[^\s@]+@[^\s@]+\.[a-z]{2,}|[\u4e00-\u9fff]{2,4})$/;

const most = (n: number, p: Profile) => p.filled > 0 && n >= Math.max(1, 0.6 * p.filled);

// ---------------------------------------------------------------------------------------------------------------
// Header candidates

interface Candidate {
  row: number;
  score: number;
  fields: (Field | null)[];
  named: number;
}

/** What scoreRow reads in a text cell: the field it names, a title word, or a data shape (a number, a long text). */
interface HeaderWord {
  field: Field | null;
  titleWord: boolean;
  dataShaped: boolean;
}

/** A text cell's HeaderWord; `words` keeps those read (the rows scored repeat their columns' words). */
function headerWord(v: string, words: Map<string, HeaderWord>): HeaderWord {
  let w = words.get(v);
  if (!w) {
    const field = matchHeader(v);
    w = {
      field,
      titleWord: !field && TITLE_WORDS.has(normalizeHeader(v)),
      dataShaped: v.length > 40 || /\n/.test(v) || parseNumber(v).ok,
    };
    words.set(v, w);
  }
  return w;
}

/** How much a row looks like a header: columns it names, less numbers, sentences and cells shaped like the data below. */
function scoreRow(values: unknown[][], r: number, words: Map<string, HeaderWord>): Candidate {
  const row = rowAt(values, r);
  const fields: (Field | null)[] = new Array(row.length).fill(null);
  const seen = new Set<Field>();
  let named = 0;
  let penalty = 0;
  const levels = scoreLevels(row);
  if (levels) {
    fields[levels.title] = 'kr';
    fields[levels.full] = 'target';
    named = 2;
  }
  for (let c = levels ? levels.end : 0; c < row.length; c++) {
    const v = row[c];
    if (isBlank(v)) continue;
    if (typeof v !== 'string') {
      penalty += 1;
      continue;
    }
    const w = headerWord(v, words);
    const f = w.field;
    fields[c] = f;
    if (f && !seen.has(f)) seen.add(f);
    else if (w.titleWord) named += 0.5;
    if (w.dataShaped) penalty += 1;
  }
  named += seen.size;
  if (levels) return { row: r, score: named - penalty, fields, named };
  return { row: r, score: named - penalty - dataLike(values, r, fields), fields, named };
}

/** Named numeric columns whose cell in this row is itself a number: the row is data under another header. */
function dataLike(values: unknown[][], r: number, fields: (Field | null)[]): number {
  let n = 0;
  const row = rowAt(values, r);
  for (let c = 0; c < fields.length; c++) if (fields[c] && NUMERIC.has(fields[c]!) && parseNumber(row[c]).ok) n++;
  return n;
}

/** Text lines (one filled cell) above a table may be many (a document's title, headings, paragraphs). */
const TEXT_LINES_SKIPPED = 200;

/**
 * Header candidates: the first HEADER_SCAN_ROWS rows of several cells (lines of one cell above them do not count,
 * up to TEXT_LINES_SKIPPED of them: a document whose table comes after its headings and paragraphs).
 */
function candidates(values: unknown[][]): Candidate[] {
  const out: Candidate[] = [];
  let rows = 0;
  let lines = 0;
  const words = new Map<string, HeaderWord>();
  for (let r = 0; r < values.length && rows < HEADER_SCAN_ROWS; r++) {
    if (filledCells(rowAt(values, r), 2) < 2) {
      if (++lines > TEXT_LINES_SKIPPED) break;
      if (r >= HEADER_SCAN_ROWS) continue;
    } else rows++;
    const c = scoreRow(values, r, words);
    if (c.named > 0) out.push(c);
  }
  return out.sort((a, b) => b.score - a.score || a.row - b.row);
}

/**
 * A task table's header (`KR | Action | Owner`, see task-tables.ts) naming more columns than the KR table's header above
 * it is still that KR table's task table: the KR table's header comes first. One naming no KR column is no candidate.
 */
function krTableFirst(all: Candidate[], values: unknown[][]): Candidate[] {
  // A task table's header naming no KR or objective column heads no OKR table: the sheet's OKRs are elsewhere (lines).
  const list = all.filter((c) => !taskOnly(values, c.row) && !inTaskTable(values, c.row));
  const top = list[0];
  if (!top || !taskHeader(rowAt(values, top.row))) return list;
  const kr = list.find(
    (c) =>
      c.row < top.row &&
      c.named >= 2 &&
      (c.fields.includes('kr') || c.fields.includes('objective')) &&
      !taskHeader(rowAt(values, c.row)),
  );
  return kr ? [kr, ...list.filter((c) => c !== kr)] : list;
}

/** A task table's header whose words name no KR column (`Task | Owner | Status`): it heads no OKR table. */
function taskOnly(values: unknown[][], r: number): boolean {
  const row = rowAt(values, r);
  return !!taskHeader(row) && !rowFields(row).includes('kr');
}

/** A row of a task table: under such a header, in the rows of several cells that follow it. */
function inTaskTable(values: unknown[][], r: number): boolean {
  for (let up = r - 1; up >= 0 && filledCells(rowAt(values, up), 2) >= 2; up--) if (taskOnly(values, up)) return true;
  return false;
}

/** Filled cells of a row, counting up to `max`. */
function filledCells(row: unknown[], max: number, skip?: Span | null): number {
  let n = 0;
  for (let c = 0; c < row.length && n < max; c++)
    if (!isBlank(row[c]) && !(skip && c >= skip.first && c <= skip.last)) n++;
  return n;
}

/** Columns (first..last, inclusive) a previous Convert wrote: their cells do not make a line a table row. */
type Span = { first: number; last: number };

// ---------------------------------------------------------------------------------------------------------------
// One or two header rows

function rowFields(row: unknown[]): (Field | null)[] {
  const out: (Field | null)[] = new Array(row.length);
  for (let c = 0; c < row.length; c++) out[c] = typeof row[c] === 'string' ? matchHeader(row[c]) : null;
  const levels = scoreLevels(row);
  if (levels) Object.assign(out, { [levels.title]: 'kr', [levels.full]: 'target' });
  return out;
}

/**
 * A score rubric's header (`条目 | 1.0 | 0.7 | 0.5 | 0.3`, `Item | 100% | 70% | 30%`): a word, then three or more
 * distinct score levels between 0 and 1, one of them full marks. Each row says what reaching each level means: the
 * full-marks column is the target, the others grading steps. The title column and full marks' column, or null.
 */
export function scoreLevels(
  row: unknown[],
): { title: number; full: number; levels: number[]; /** First column after the rubric. */ end: number } | null {
  let title = -1;
  let full = -1;
  const levels: number[] = [];
  const seen = new Set<number>();
  const rubric = () => levels.length >= 3 && full >= 0;
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (isBlank(v)) continue;
    if (title < 0) {
      if (typeof v !== 'string' || parseNumber(v).ok) return null;
      title = c;
      continue;
    }
    const n = typeof v === 'number' ? v : typeof v === 'string' && SCORE_LEVEL.test(v) ? parseNumber(v) : null;
    const x = typeof n === 'number' ? n : n?.ok ? n.value : NaN;
    // Words after a whole rubric are other columns' headers (an Owner column, the columns Convert added).
    if (!(x >= 0 && x <= 1) || seen.has(x)) return rubric() ? { title, full, levels, end: c } : null;
    seen.add(x);
    levels.push(c);
    if (x === 1) full = c;
  }
  return rubric() ? { title, full, levels, end: row.length } : null;
}
const SCORE_LEVEL = /^\s*(?:[01](?:\.\d{1,2})?|\d{1,3}\s*%)\s*$/;

function distinct(fields: (Field | null)[]): number {
  const s = new Set<Field>();
  for (const f of fields) if (f) s.add(f);
  return s.size;
}

/**
 * Two rows form one header when every filled lower cell is either a recognised header or sits under an
 * unrecognised group label; a data row under a header row fails (its KR text sits under 'Key Result').
 */
function mergePair(
  upper: unknown[],
  uf: (Field | null)[],
  lower: unknown[],
  lf: (Field | null)[],
): (Field | null)[] | null {
  const width = Math.max(upper.length, lower.length);
  const out: (Field | null)[] = new Array(width).fill(null);
  let lowerFilled = 0;
  for (let c = 0; c < width; c++) {
    const lv = lower[c];
    const l = lf[c] ?? null;
    const u = uf[c] ?? null;
    if (!isBlank(lv)) {
      lowerFilled++;
      if (!l && u) return null;
      if (!l && (typeof lv !== 'string' || lv.length > 40 || lv.includes('\n'))) return null;
    }
    out[c] = l ?? (isBlank(lv) ? u : null);
  }
  return lowerFilled > 0 ? out : null;
}

/** The header rows around `best`: a second header row below or above it, or a group-label row above. */
function headerRows(values: unknown[][], best: number): { rows: number[]; fields: (Field | null)[] } {
  const fieldsAt = (r: number) => rowFields(rowAt(values, r));
  let rows = [best];
  let fields = fieldsAt(best);
  let score = distinct(fields);
  for (const [u, l] of [
    [best - 1, best],
    [best, best + 1],
  ]) {
    if (u < 0 || l >= values.length) continue;
    const merged = mergePair(rowAt(values, u), fieldsAt(u), rowAt(values, l), fieldsAt(l));
    if (merged && distinct(merged) > score) {
      rows = [u, l];
      fields = merged;
      score = distinct(merged);
    }
  }
  if (rows.length === 1 && best > 0 && isGroupRow(rowAt(values, best - 1))) rows = [best - 1, best];
  return { rows, fields };
}

/** Labels over several columns, none of them a header word: the group row of a two-row header. */
function isGroupRow(up: unknown[]): boolean {
  let labels = 0;
  for (let c = 0; c < up.length; c++) {
    if (isBlank(up[c])) continue;
    if (typeof up[c] !== 'string' || matchHeader(up[c]) || (up[c] as string).length > 40) return false;
    labels++;
  }
  return labels >= 2;
}

function headerTexts(values: unknown[][], rows: number[], width: number): string[] {
  const texts: string[] = [];
  for (let c = 0; c < width; c++) {
    let t = '';
    for (const r of rows) {
      const s = cellText(rowAt(values, r)[c]);
      if (s) t = s;
    }
    texts.push(t);
  }
  return texts;
}

// ---------------------------------------------------------------------------------------------------------------
// Column roles: header words and contents together

/** A column's role: a field, a row-type column, a column of labelled items, a title column, or nothing. */
type Role = Field | 'rowType' | 'items' | 'title' | null;

interface Decided {
  role: Role;
  reason: Msg;
  chosen?: boolean;
  /** A title header ('Goal') whose numbers made it the target: only beside another title column. */
  fromTitle?: boolean;
  /** The role the header alone gives. */
  header?: Field | null;
  /** How well the contents fit the role (people in an owner column): the better of two claimants keeps the role. */
  fit?: number;
  /** Cells filled below the header (up to SAMPLE). */
  filled?: number;
  /** The cells are codes numbering the rows (`KR1`, `1.2`) beside the title column: the table's id column. */
  codes?: boolean;
}

const q = (t: string) => ({ en: `"${t}"`, zh: `“${t}”` });
const of = (n: number, p: Profile) => ({ en: `${n} of ${p.filled}`, zh: `${p.filled} 个中有 ${n} 个` });

/** Columns of type words: kinds of KR (not row types) under a KR-type header; committed / aspirational words. */
function typeWords(f: Field | null, text: string, p: Profile): Decided | null {
  const h = q(text);
  if (f === 'kind' && p.filled >= 2 && most(p.rowTypes, p) && !p.types.has('objective')) {
    // 'KR_Type' over Milestone / Deliverable: kinds of key result, every row a KR (not a row-type column).
    return {
      role: null,
      reason: {
        en: `${h.en} says what kind of key result each row is (milestone, deliverable): carried along`,
        zh: `${h.zh}说明每个关键结果的种类（里程碑、交付物）：原样保留`,
      },
    };
  }
  if (TYPE_HEADERS.has(f) && p.filled >= 2 && most(p.commitments, p)) {
    // 'Goal Type' over 'Aspirational Goal': the header's title word names no title column; the cells say the type.
    const n = of(p.commitments, p);
    return {
      role: 'type',
      reason: {
        en: `${h.en} holds committed / aspirational (${n.en}): the OKR type`,
        zh: `${h.zh}是承诺型 / 挑战型（${n.zh}）：OKR 类型`,
      },
    };
  }
  return null;
}

/** One rule of the contents: the role it gives a column whose header proposes `f`, or null to let the next decide. */
type ContentRule = (f: Field | null, text: string, p: Profile) => Decided | null;

/** A column of Objective / Key Result / Initiative cells says what each row is. */
const rowTypeColumn: ContentRule = (_f, text, p) => {
  if (!(p.filled >= 2 && most(p.rowTypes, p))) return null;
  const h = q(text);
  const n = of(p.rowTypes, p);
  return {
    role: 'rowType',
    reason: {
      en: `${h.en} says what each row is (${n.en} cells are Objective / Key Result / Initiative)`,
      zh: `${h.zh}说明每行是什么（${n.zh}为 目标/关键结果/举措）`,
    },
  };
};

/** Labelled lines make a column of items when its header names no column, or when objectives and KRs share it. */
const labelledItems: ContentRule = (f, text, p) => {
  if (!(p.filled >= 2 && p.items >= Math.max(2, 0.4 * p.filled) && (f === null || p.itemKinds.size > 1))) return null;
  const h = q(text);
  return {
    role: 'items',
    reason: {
      en: `${h.en} holds labelled lines (目标 / Objective, 关键结果 / KR): each row is what its label says`,
      zh: `${h.zh}中的行带有标签（目标、关键结果）：每行按标签读取`,
    },
  };
};

const datesAsNumbers: ContentRule = (f, text, p) =>
  f && NUMERIC.has(f) && most(p.dates, p) ? datesInNumberColumn(f, text, p, p.dates) : null;

/**
 * A header naming a date ('Start Date', 'start_date', 'Start on', '开始日期', 'Fecha de inicio'): its whole numbers are
 * Excel's date serials.
 */
const DATE_HEADER =
  /(?:^|[\s_.-])dates?\b|日期|日付|날짜|\bfecha\b|\bdatum\b|\btarih\b|\bngày\b|\b(?:start(?:s|ed)?|begins?|due|ends?)[\s_]+(?:on|at)\b/i;

/** In Excel a date cell arrives as its serial number: a `Start Date` column of serials is dates, not start values. */
const serialDates: ContentRule = (f, text, p) =>
  f && NUMERIC.has(f) && DATE_HEADER.test(text) && most(p.serials, p)
    ? datesInNumberColumn(f, text, p, p.serials)
    : null;

/** 'Level 1 goal' over goal titles: a level column of the tree (see levelColumns), not the level field. */
const titlesUnderLevel: ContentRule = (f, text, p) => {
  if (!(f === 'level' && p.filled >= 2 && p.levels === 0 && most(p.words, p))) return null;
  const h = q(text);
  return {
    role: null,
    reason: {
      en: `${h.en} holds titles, not levels (company, team...)`,
      zh: `${h.zh}是标题，不是层级（公司、团队……）`,
    },
  };
};

const wordsUnderUpdated: ContentRule = (f, text, p) => {
  if (!(f === 'updated' && p.filled >= 2 && most(p.words, p) && p.dates === 0)) return null;
  const h = q(text);
  const n = of(p.words, p);
  return {
    role: null,
    reason: {
      en: `${h.en} holds words (${n.en}), not dates: not the last update; carried along`,
      zh: `${h.zh}是文字（${n.zh}），不是日期：不是更新时间；原样保留`,
    },
  };
};

/** 'Current status' over words: a status column when its header says so, else carried along. */
const wordsUnderCurrent: ContentRule = (f, text, p) => {
  if (!(f === 'current' && most(p.words - p.bounded, p) && p.numbers <= 0.2 * p.filled)) return null;
  const h = q(text);
  const n = of(p.words, p);
  return {
    role: /status|state|状态|进度|进展|progress/i.test(text) ? 'status' : null,
    reason: {
      en: `${h.en} holds words (${n.en}), not numbers: not a current value`,
      zh: `${h.zh}是文字（${n.zh}），不是数值：不是当前值`,
    },
  };
};

/** 'Rating' over 🟡 / 🟢 / 'Good': marks saying how it went, not a score on a scale: the status. */
const wordsUnderScore: ContentRule = (f, text, p) => {
  if (!(f === 'score' && p.filled >= 2 && most(p.words, p) && p.numbers <= 0.2 * p.filled)) return null;
  const h = q(text);
  const n = of(p.words, p);
  return {
    role: 'status',
    reason: {
      en: `${h.en} holds marks or words (${n.en}), not numbers: the status, not a score`,
      zh: `${h.zh}是标记或文字（${n.zh}），不是数值：状态，不是得分`,
    },
  };
};

const levelsColumn: ContentRule = (f, text, p) => {
  const titleLike = f === 'objective' || f === 'kr' || f === 'type' || f === null;
  if (!(titleLike && p.filled >= 2 && most(p.levels, p) && !most(p.words - p.levels, p))) return null;
  const h = q(text);
  return {
    role: 'level',
    reason: { en: `${h.en} holds levels (company, team...)`, zh: `${h.zh}是层级（公司、团队……）` },
  };
};

/** A numeric 'Goal' beside an Objective column: the target, not a title. */
const numbersUnderTitle: ContentRule = (f, text, p) => {
  if (!((f === 'objective' || f === 'kr') && most(p.numbers, p))) return null;
  const h = q(text);
  const n = of(p.numbers, p);
  return {
    role: 'target',
    fromTitle: true,
    reason: { en: `${h.en} holds numbers (${n.en}): the target`, zh: `${h.zh}是数字（${n.zh}）：目标值` },
  };
};

/** The content rules in the order they are asked; the first that decides wins. */
const CONTENT_RULES: ContentRule[] = [
  typeWords,
  rowTypeColumn,
  labelledItems,
  datesAsNumbers,
  serialDates,
  titlesUnderLevel,
  wordsUnderUpdated,
  wordsUnderCurrent,
  wordsUnderScore,
  levelsColumn,
  numbersUnderTitle,
];

/** The role the contents give a column whose header proposes `f` (or names nothing). */
function byContent(f: Field | null, text: string, p: Profile): Decided | null {
  for (const rule of CONTENT_RULES) {
    const d = rule(f, text, p);
    if (d) return d;
  }
  return null;
}

function datesInNumberColumn(f: Field, text: string, p: Profile, dates: number): Decided {
  const h = q(text);
  const n = of(dates, p);
  const due = /end|due|deadline|finish|截止|结束|完成/i.test(text);
  const label = labelOf(f);
  return {
    role: due ? 'due' : null,
    reason: due
      ? { en: `${h.en} holds dates (${n.en}): the due date`, zh: `${h.zh}是日期（${n.zh}）：截止日期` }
      : {
          en: `${h.en} holds dates (${n.en}), not a ${label.en.toLowerCase()} value: carried along`,
          zh: `${h.zh}是日期（${n.zh}），不是${label.zh}：原样保留`,
        },
  };
}

function byHeader(f: Field | null, text: string): Decided {
  const h = q(text);
  if (f)
    return {
      role: f,
      reason: { en: `header ${h.en} names the ${labelOf(f).en.toLowerCase()}`, zh: `表头${h.zh}即${labelOf(f).zh}` },
    };
  if (TITLE_WORDS.has(normalizeHeader(text)))
    return { role: 'title', reason: { en: `header ${h.en} names the titles`, zh: `表头${h.zh}是标题` } };
  return {
    role: null,
    reason: text
      ? { en: `header ${h.en} is not an OKR field: carried along`, zh: `表头${h.zh}不是 OKR 字段：原样保留` }
      : { en: 'no header: carried along', zh: '无表头：原样保留' },
  };
}

/** The user's correction for a column, by its header text. */
function byUser(text: string, settings: Settings | undefined): Decided | null {
  const roles = settings?.columnRoles;
  // Own keys only: a header such as 'valueOf' or 'constructor' is not a saved choice.
  const role = roles && Object.prototype.hasOwnProperty.call(roles, text.trim()) ? roles[text.trim()] : undefined;
  if (!role) return null;
  if (role === 'ignore')
    return { role: null, chosen: true, reason: { en: 'you chose: not an OKR column', zh: '你的选择：不是 OKR 列' } };
  return { role, chosen: true, reason: { en: `you chose: ${labelOf(role).en}`, zh: `你的选择：${labelOf(role).zh}` } };
}

function decideColumn(
  values: unknown[][],
  body: number,
  c: number,
  f: Field | null,
  text: string,
  settings: Settings | undefined,
  until?: number,
): Decided {
  const user = byUser(text, settings);
  if (user) return user;
  const p = profile(values, body, c, text, until);
  const d = byContent(f, text, p) ?? byHeader(f, text);
  d.header = f;
  d.filled = p.filled;
  if (d.role === 'owner') d.fit = p.filled ? p.people / p.filled : 0;
  return d;
}

/**
 * Where the header repeats over the next table with a column named otherwise (`目标 | 关键结果 | 目标值 | 实际值`, then
 * `目标 | 关键结果 | 目标值 | 承接自`): that column holds something else from there, so its role is decided on the rows
 * above. By column, the row of the first such repeat (undefined where none). Rows are gated on the first header cell.
 */
function renamedAt(values: unknown[][], body: number, header: string[], owned: Span | null): (number | undefined)[] {
  const out: (number | undefined)[] = [];
  // The columns a previous Convert added are not repeated over the next table.
  const texts = owned ? header.map((t, c) => (c >= owned.first && c <= owned.last ? '' : t)) : header;
  const k = texts.findIndex((t) => t.trim() !== '');
  if (k < 0) return out;
  const first = texts[k].trim();
  for (let r = body; r < values.length && r < body + 4 * SAMPLE; r++) {
    const row = rowAt(values, r);
    const v = row[k];
    if (typeof v !== 'string' || v.trim() !== first) continue;
    const same = texts.filter((t, c) => t.trim() && typeof row[c] === 'string' && row[c].trim() === t.trim()).length;
    if (same < Math.max(2, texts.filter((t) => t.trim()).length / 2)) continue;
    texts.forEach((t, c) => {
      const w = row[c];
      if (out[c] === undefined && !isBlank(w) && String(w).trim() !== t.trim()) out[c] = r;
    });
  }
  return out;
}

/** A numeric 'Goal' column is the target beside an Objective column; alone, it stays the objective (its header says so). */
function keepLoneTitle(decided: Decided[], texts: string[]): void {
  const titles = decided.filter(
    (d) =>
      d.role === 'objective' || d.role === 'kr' || d.role === 'title' || d.role === 'items' || d.role === 'rowType',
  ).length;
  // A column named Target by its header is the target; then a numeric title column stays what its header says.
  const namedTarget = decided.some((d) => d.header === 'target' && d.role === 'target');
  decided.forEach((d, c) => {
    if (d.fromTitle && (titles === 0 || namedTarget))
      Object.assign(d, byHeader(d.header ?? null, texts[c]), { fromTitle: false });
  });
}

/**
 * A code numbering a row: '1.1', '1.4a', 'KR2.3', 'O1', 'KR 3', '#2', '1-2' (a number up to two levels deep), bold or
 * not ('**KR1**').
 */
const ROW_CODE = /^\s*([*_]{0,2})#?(?:[A-Za-z]{1,3}\s?)?\d{1,2}(?:[.-]\d{1,2}){0,2}[a-z]?\1\s*$/;

/** Whether a column's cells are codes numbering its rows (1.1, 1.2 as numbers; KR1.1, 1.4a as text). */
function holdsCodes(values: unknown[][], body: number, c: number, header: string): boolean {
  let filled = 0;
  let codes = 0;
  for (let r = body; r < values.length && filled < SAMPLE; r++) {
    const row = rowAt(values, r);
    const v = row[c];
    // A line between tables (only its first cell filled: 'Objective 2: ...') is not a cell of this column.
    if (isBlank(v) || v === header || row.every((x, i) => i === c || isBlank(x))) continue;
    filled++;
    if (
      typeof v === 'number'
        ? v > 0 && v < 100 && Math.abs(v * 10 - Math.round(v * 10)) < 1e-9
        : ROW_CODE.test(String(v))
    )
      codes++;
  }
  return filled >= 2 && codes >= 0.8 * filled;
}

/**
 * The rows of the table under this header and of its repeats (up to SAMPLE): after a line of one cell ('How KRs
 * connect to work', 'Objective 2: ...') the rows belong to another table until this header repeats.
 */
function ownRows(values: unknown[][], body: number, texts: string[], owned: Span | null): unknown[][] {
  const out: unknown[][] = [];
  const keys = texts.map((t, c) => (owned && c >= owned.first && c <= owned.last ? '' : normalizeHeader(t)));
  const named = keys.filter((k) => k).length;
  // The header again, perhaps with another last column ('Sprint Breakdown' for 'Status'): most of its cells.
  const repeats = (row: unknown[]) =>
    keys.filter((k, c) => k && normalizeHeader(row[c]) === k).length >= Math.max(2, named / 2);
  let outside = false;
  for (let r = body; r < values.length && out.length < SAMPLE; r++) {
    const row = rowAt(values, r);
    const filled = filledCells(row, 2, owned);
    if (filled === 1) outside = true;
    else if (filled > 1 && repeats(row)) outside = false;
    else if (filled > 1 && !outside) out.push(row);
  }
  return out;
}

/** Whether a column's cells are mostly words (titles), not numbers or dates. */
function holdsWords(values: unknown[][], body: number, c: number, header: string): boolean {
  const p = profile(values, body, c, header);
  return p.filled >= 2 && most(p.words, p);
}

/** Mean length of a column's texts (statements are long; kinds such as `Leading (...)` short). */
function meanLength(rows: unknown[][], c: number): number {
  let n = 0;
  let len = 0;
  for (const row of rows)
    if (typeof row[c] === 'string' && row[c]) {
      n++;
      len += (row[c] as string).length;
    }
  return n ? len / n : 0;
}

/**
 * The column holding the statements right of a code column: the next one, or a longer column of words after it that
 * names no field (`Key Result | Loại chỉ số | Nội dung`: the kind of metric is carried along, the content is the KR).
 */
function statementColumn(decided: Decided[], texts: string[], own: unknown[][], c: number): number {
  let best = c + 1;
  for (let i = c + 2; i < decided.length && !decided[i].header && !decided[i].chosen && texts[i]; i++)
    if (holdsWords(own, 0, i, texts[i]) && meanLength(own, i) > 2 * meanLength(own, best)) best = i;
  return best;
}

/**
 * A column headed KR / Objective whose cells are codes numbering the rows (KR | Measure | Target with 1.1, 1.2 ...)
 * is not the titles: the column of words right of it holds them, whose header names no field ('Measure', 'Métrica',
 * '指标') or names a number its cells are not (`Target` over `200 GitHub stars`, `First enterprise deal signed`: the
 * statements, their target inside the wording). The codes are carried along.
 */
function codesBeforeTitles(
  decided: Decided[],
  texts: string[],
  values: unknown[][],
  body: number,
  owned: Span | null,
): void {
  let own: unknown[][] | undefined;
  decided.forEach((d, c) => {
    const title = d.header === 'kr' || d.header === 'objective' ? d.header : null;
    const next = decided[c + 1];
    if (!title || d.chosen || !next || next.chosen || !texts[c + 1]) return;
    const numberHeader = next.header ? NUMERIC.has(next.header) && next.role === next.header : false;
    if (next.header ? !numberHeader : next.role !== null && next.role !== 'title') return;
    if (decided.some((o, i) => i !== c && o.role === title)) return;
    own ??= ownRows(values, body, texts, owned);
    if (!holdsCodes(own, 0, c, texts[c]) || !holdsWords(own, 0, c + 1, texts[c + 1])) return;
    const at = statementColumn(decided, texts, own, c);
    const [h, t] = [q(texts[c]), q(texts[at])];
    Object.assign(d, {
      role: null,
      fromTitle: false,
      codes: true,
      reason: {
        en: `${h.en} holds codes numbering the rows (1.1, KR2): carried along`,
        zh: `${h.zh}是行编号（1.1、KR2）：原样保留`,
      },
    });
    const label = labelOf(title);
    Object.assign(decided[at], {
      role: title,
      reason:
        numberHeader && at === c + 1
          ? {
              en: `${t.en} holds statements in words, not numbers, beside the code column ${h.en}: the ${label.en.toLowerCase()}`,
              zh: `${t.zh}是文字陈述而非数值，位于编号列${h.zh}旁：${label.zh}`,
            }
          : {
              en: `${t.en} holds the titles beside the code column ${h.en}: the ${label.en.toLowerCase()}`,
              zh: `${t.zh}是编号列${h.zh}旁的标题：${label.zh}`,
            },
    });
  });
}

const QUARTER_HEADER = /^\s*(?:Q\s*[1-4]|[一二三四1-4]\s*季度|第\s*[一二三四1-4]\s*季度)\s*(?:target|goal|目标)?\s*$/i;
const ANNUAL_HEADER = /^\s*(?:annual|yearly|year|full[- ]year|fy|全年|年度)\s*(?:target|goal|目标值?)?\s*$/i;

/**
 * Quarter columns (Annual | Q1 | Q2 | Q3 | Q4, 全年 | 一季度 ...): the annual column is the target, the quarter columns
 * pace it quarter by quarter and are carried along (they state no start, target or current of the KR).
 */
function quarterColumns(decided: Decided[], texts: string[]): void {
  const quarters = texts.filter((t) => QUARTER_HEADER.test(t)).length;
  if (quarters < 2 || decided.some((d) => d.role === 'target')) return;
  decided.forEach((d, c) => {
    // Several quarter headers are the quarters of one year, not a cycle column each.
    if (d.chosen || (d.role !== null && !(d.role === 'cycle' && QUARTER_HEADER.test(texts[c])))) return;
    const h = q(texts[c]);
    if (ANNUAL_HEADER.test(texts[c]))
      Object.assign(d, {
        role: 'target',
        reason: { en: `${h.en} beside quarter columns: the year's target`, zh: `${h.zh}与各季度列并列：全年目标值` },
      });
    else if (QUARTER_HEADER.test(texts[c]))
      Object.assign(d, {
        role: null,
        reason: {
          en: `${h.en}: a quarter's milestone, pacing the target; carried along`,
          zh: `${h.zh}：季度里程碑，用于分解目标；原样保留`,
        },
      });
  });
}

/** A header naming how the KR is measured (`衡量指标`, `Success metric`, `Indicador`), bracketed hints aside. */
const MEASURE_HEADER = new RegExp(`^(?:${MEASURE_CRITERION_WORDS.join('|')})$`, 'i');

/**
 * A measure column (`目标 | 关键结果 | 衡量指标` over `DAU: 300 → 900`, `1000+ 篇/月`, `15%+`) in a table with no target
 * column: its cells state the KR's numbers, so it is read as the target (a from-to gives the start too). A measure
 * column of words (`median first reply time`) names the measure and states none: carried along.
 */
function measureColumn(decided: Decided[], texts: string[], values: unknown[][], body: number): void {
  if (decided.some((d) => d.role === 'target')) return;
  const c = decided.findIndex(
    (d, i) => !d.chosen && d.role === null && !d.header && MEASURE_HEADER.test(headerWords(texts[i])),
  );
  if (c < 0) return;
  let filled = 0;
  let quantities = 0;
  // The table's rows: up to the first blank row (a table further down holds other columns).
  for (let r = body; r < values.length && filled < SAMPLE; r++) {
    if (filled && rowAt(values, r).every(isBlank)) break;
    const v = rowAt(values, r)[c];
    if (isBlank(v) || v === texts[c]) continue;
    filled++;
    if (typeof v === 'number' || /\d/.test(cellText(v))) quantities++;
  }
  if (!most(quantities, { filled } as Profile)) return;
  const h = q(texts[c]);
  Object.assign(decided[c], {
    role: 'target',
    reason: {
      en: `${h.en} says how each key result is measured, with its numbers (${quantities}/${filled} cells): the target (a from-to gives the start too)`,
      zh: `${h.zh}说明每个关键结果的衡量方式并给出数值（${quantities}/${filled} 格）：目标值（“从…到…”同时给出起始值）`,
    },
  });
}

/** A header's words without bracketed hints and outer marks (`**Metric (how)**` -> `Metric`). */
const headerWords = (t: string): string =>
  t
    .replace(/[(（[【][^)）\]】]*[)）\]】]/g, '')
    .replace(/[*_#:：\s]+$|^[*_#\s]+/g, '')
    .trim();

/**
 * A period header: `M0`..`M3`, `Month 2`, `W1`..`W13`, `Week 4`, `Sprint 3`, `Q1`..`Q4`, `Mes 2`, `Semana 4`, `1月`,
 * `第3周`, `二季度`. Its family (m, w, s, q) and index, or null.
 */
const PERIOD_HEADER =
  /^\s*(?:(m|months?|mes|mês|w|wk|weeks?|semana|s|sprint|q|quarter|trimestre)\s*-?\s*(\d{1,2})|第?\s*(\d{1,2}|[一二三四])\s*(月份?|周|季度?))\s*$/i;
const PERIOD_FAMILY: [RegExp, string][] = [
  [/^(?:m|months?|mes|mês|月份?)$/i, 'm'],
  [/^(?:w|wk|weeks?|semana|周)$/i, 'w'],
  [/^(?:s|sprint)$/i, 's'],
  [/^(?:q|quarter|trimestre|季度?)$/i, 'q'],
];
const ZH_SMALL_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4 };

function periodOf(text: string): { family: string; index: number } | null {
  const m = PERIOD_HEADER.exec(text);
  if (!m) return null;
  const word = m[1] ?? m[4];
  const n = m[2] ?? m[3];
  const family = PERIOD_FAMILY.find(([re]) => re.test(word))?.[1];
  const index = ZH_SMALL_DIGITS[n] ?? Number(n);
  return family ? { family, index } : null;
}

/** The longest run of one family's period columns, indexes rising left to right (columns no other role took). */
function periodSeries(decided: Decided[], texts: string[]): { col: number; index: number }[] {
  const byFamily = new Map<string, { col: number; index: number }[]>();
  decided.forEach((d, c) => {
    const p = !d.chosen && (d.role === null || d.role === 'cycle') ? periodOf(texts[c]) : null;
    if (!p) return;
    const list = byFamily.get(p.family) ?? [];
    if (!list.length || list[list.length - 1].index < p.index) list.push({ col: c, index: p.index });
    byFamily.set(p.family, list);
  });
  let best: { col: number; index: number }[] = [];
  for (const list of byFamily.values()) if (list.length > best.length) best = list;
  return best.length >= 2 ? best : [];
}

/**
 * Period columns (M0 | M1 | M2 | M3, W1..W13, 1月..3月, Q1..Q4 without an annual target): snapshots of the KR's value.
 * Period 0 (M0) is the start; the latest filled period on a row is its current value (the reader takes it, TableLayout
 * periodCols). Two periods far apart (M0 | M3) are the plan's ends: the start and the target.
 */
function periodColumns(decided: Decided[], texts: string[]): number[] {
  if (decided.some((d, c) => d.role === 'target' && ANNUAL_HEADER.test(texts[c]))) return [];
  const series = periodSeries(decided, texts);
  if (!series.length) return [];
  const has = (f: Field) => decided.some((d) => d.role === f);
  const set = (c: number, role: Field | null, en: string, zh: string) =>
    Object.assign(decided[c], { role, reason: { en: `${q(texts[c]).en}: ${en}`, zh: `${q(texts[c]).zh}：${zh}` } });
  let rest = series;
  if (series[0].index === 0 && !has('start')) {
    set(series[0].col, 'start', 'period 0, before the first: the start value', '第 0 期（开始之前）：起始值');
    rest = series.slice(1);
  }
  const ends = series.length === 2 && series[1].index - series[0].index > 1;
  if (ends && rest.length === 1 && !has('target')) {
    set(
      rest[0].col,
      'target',
      'the last period, far from the first: the value planned, the target',
      '最后一期，与第一期相隔较远：计划达到的值，即目标值',
    );
    return [];
  }
  const current = !has('current');
  for (const p of rest)
    set(
      p.col,
      null,
      current
        ? "a period's value: the latest filled one on a row is its current value"
        : "a period's value beside the current column: carried along",
      current ? '某一期的数值：每行最近填写的一期即当前值' : '当前值列旁的某一期数值：原样保留',
    );
  return current ? rest.map((p) => p.col) : [];
}

/** A title column with nothing below it ('Action' in an import template) is no title while other columns hold data. */
function dropEmptyTitles(decided: Decided[], texts: string[]): void {
  if (!decided.some((d) => (d.filled ?? 0) > 0)) return; // an empty template keeps its columns
  decided.forEach((d, c) => {
    if (d.chosen || d.filled !== 0 || !(d.role === 'objective' || d.role === 'kr' || d.role === 'initiative')) return;
    d.role = null;
    d.reason = { en: `${q(texts[c]).en} is empty: carried along`, zh: `${q(texts[c]).zh}为空：原样保留` };
  });
}

/** One field per column: a later column naming a field already taken is carried along. */
function dedupe(decided: Decided[], texts: string[]): void {
  const taken = new Map<Role, number>();
  decided.forEach((d, c) => {
    if (d.role === null || d.role === 'title') return;
    const first = taken.get(d.role);
    if (first !== undefined && !decided[first].chosen && (d.fit ?? 0) > (decided[first].fit ?? 0) + 0.3) {
      // This column fits the role clearly better (people in the second of two owner columns): it takes the role.
      decided[first] = { ...decided[first], role: null, reason: takenBy(texts[first], texts[c]) };
      taken.set(d.role, c);
      return;
    }
    if (first !== undefined && !d.chosen) {
      const label =
        typeof d.role === 'string' && d.role in FIELD_LABELS ? labelOf(d.role as Field) : { en: d.role, zh: d.role };
      d.reason = {
        en: `${q(texts[c]).en}: an earlier column is already the ${String(label.en).toLowerCase()}; carried along`,
        zh: `${q(texts[c]).zh}：前面已有${label.zh}列；原样保留`,
      };
      d.role = null;
    } else taken.set(d.role, c);
  });
}

const takenBy = (mine: string, other: string): Msg => ({
  en: `${q(mine).en}: ${q(other).en} fits the role better (names of people); carried along`,
  zh: `${q(mine).zh}：${q(other).zh}更符合（人名）；原样保留`,
});

const TITLE_REASON = {
  typed: (t: string): Msg => ({
    en: `${q(t).en} holds the titles of objectives, key results and initiatives (the row-type column says which)`,
    zh: `${q(t).zh}是目标、关键结果和举措的标题（由类型列区分）`,
  }),
  kr: (t: string): Msg => ({
    en: `${q(t).en} holds the titles beside an Objective column: the key results`,
    zh: `${q(t).zh}是目标列旁的标题：关键结果`,
  }),
};

/** A title column becomes the objective (row-type tables: every title) or the key result (beside an Objective column). */
function resolveTitles(decided: Decided[], texts: string[]): void {
  const has = (r: Role) => decided.some((d) => d.role === r);
  const typed = has('rowType');
  let title = decided.findIndex((d) => d.role === 'title');
  if (typed && title < 0) title = decided.findIndex((d) => d.role === 'objective' || d.role === 'kr');
  decided.forEach((d, c) => {
    if (d.role !== 'title' && c !== title) return;
    if (c !== title) d.role = null;
    else if (typed) Object.assign(d, { role: 'objective', reason: TITLE_REASON.typed(texts[c]) });
    else if (has('objective') && !has('kr')) Object.assign(d, { role: 'kr', reason: TITLE_REASON.kr(texts[c]) });
    else if (!has('objective') && !has('kr')) d.role = 'objective';
    else d.role = null;
  });
  // In a row-type table the title column is the only title: other objective / KR columns are carried along.
  if (typed)
    decided.forEach((d, c) => {
      if (c !== title && (d.role === 'objective' || d.role === 'kr') && !d.chosen) d.role = null;
    });
}

/** A header of a KR column group: `key_result_1_title`, `KR1 target`, `KR 2`, `关键结果1目标值`, `KR2 Current`. */
const KR_GROUP_HEADER =
  /^\s*(?:key[\s_-]*results?|krs?|关键结果|关键成果)\s*[_#\s-]*(\d{1,2})(?![\d.])\s*[_\s:：-]*(.*)$/i;
const KR_GROUP_TITLE = /^(?:|title|name|text|description|desc|描述|名称|内容|标题)$/i;
/** Progress of the KR (0-1, a share done): neither its current value nor its target. */
const KR_GROUP_PROGRESS = /^(?:completion|complete|progress|percent\s*complete|done|完成度|完成率|进度|完成情况)$/i;

export interface KrGroup {
  /** The column of the KR's title. */
  kr: number;
  /** The KR's own columns for its other fields (target, current...). */
  fields: Partial<Record<Field, number>>;
}

/** The groups of KR columns a header repeats (`KR1 / KR1 target / KR2 / KR2 target`), by KR number. */
/** A column of titles: words, even when only one row fills it (the third KR of one goal). */
function titlesIn(values: unknown[][], body: number, c: number, header: string): boolean {
  const p = profile(values, body, c, header);
  return p.filled >= 1 && most(p.words, p);
}

type GroupCols = { kr?: number; fields: Partial<Record<Field, number>>; progress: number[] };

function groupsOf(values: unknown[][], body: number, texts: string[], decided: Decided[]): Map<number, GroupCols> {
  const groups = new Map<number, GroupCols>();
  texts.forEach((t, c) => {
    const m = decided[c].chosen ? null : KR_GROUP_HEADER.exec(t);
    if (!m) return;
    const g: GroupCols = groups.get(Number(m[1])) ?? { fields: {}, progress: [] };
    const rest = m[2].trim();
    const f = KR_GROUP_TITLE.test(rest) ? 'kr' : matchHeader(rest);
    // A KR's title column holds words (a tracking table's `KR #1` column of scores is no title).
    if (KR_GROUP_PROGRESS.test(rest)) g.progress.push(c);
    else if (f === 'kr' && g.kr === undefined && titlesIn(values, body, c, t)) g.kr = c;
    else if (f && f !== 'kr' && f !== 'objective' && g.fields[f] === undefined) g.fields[f] = c;
    groups.set(Number(m[1]), g);
  });
  return groups;
}

/**
 * KR column groups (Culture Amp's `key_result_1_title | key_result_1_completion | key_result_2_title ...`, `KR1 | KR1
 * target | KR2 | KR2 target`, `关键结果1 | 关键结果1目标值 | 关键结果2`): several KRs on one row, one group of columns each.
 * A title column left of them (`name`) is the objective the row's KRs belong to.
 */
function krColumnGroups(values: unknown[][], body: number, decided: Decided[], texts: string[]): KrGroup[] {
  const found = [...groupsOf(values, body, texts, decided).entries()].filter(([, g]) => g.kr !== undefined);
  if (found.length < 2) return [];
  const set = (c: number, role: Field | null, n: number, en: string, zh: string) =>
    Object.assign(decided[c], {
      role,
      reason: { en: `${q(texts[c]).en}: KR ${n}'s ${en}`, zh: `${q(texts[c]).zh}：第 ${n} 个关键结果的${zh}` },
    });
  const groups: KrGroup[] = [];
  for (const [n, g] of found) {
    set(
      g.kr!,
      'kr',
      n,
      'title (several key results per row, a group of columns each)',
      '标题（每行多个关键结果，每个一组列）',
    );
    for (const [f, c] of Object.entries(g.fields))
      set(c, f as Field, n, labelOf(f as Field).en.toLowerCase(), labelOf(f as Field).zh);
    for (const c of g.progress)
      set(
        c,
        null,
        n,
        'progress (a share done), not its current value or target: carried along',
        '进度（完成比例），不是当前值或目标值：原样保留',
      );
    groups.push({ kr: g.kr!, fields: g.fields });
  }
  const first = Math.min(...groups.map((g) => g.kr));
  if (!decided.some((d) => d.role === 'objective')) {
    const t = texts.findIndex(
      (x, c) => c < first && !decided[c].chosen && decided[c].role === null && TITLE_WORDS.has(normalizeHeader(x)),
    );
    if (t >= 0)
      Object.assign(decided[t], { role: 'objective' }).reason = {
        en: `${q(texts[t]).en} names the titles left of the KR groups: the objective`,
        zh: `${q(texts[t]).zh}是关键结果列组左侧的标题：目标`,
      };
  }
  return groups;
}

const LEVEL_ROLES: Field[] = ['objective', 'kr', 'initiative'];
const LEVEL_SCAN = 400;
/** Header words of a root column (one cell naming the whole plan): Goalscape's `Main`. */
const ROOT_WORDS = /^\s*(?:main|root|plan|vision|mission|总目标|主目标|愿景|使命|总体目标)\s*$/i;

/**
 * Level columns (Goalscape's Main / L1 / L2, 一级 / 二级 / 三级): adjacent columns no field names where each row's text
 * sits in one of them, each deeper column starting lower. The row's level is the column its text is in. A first
 * column with a single cell above the others is the root naming the plan, when its header says so (`Main`, `Root`,
 * `总目标`) or 4 or more levels follow from it.
 */
function levelColumns(
  values: unknown[][],
  body: number,
  decided: Decided[],
  texts: string[],
): { root: number | null; cols: number[] } {
  const w = decided.length;
  const open = decided.map((d) => !d.chosen && (d.role === null || d.role === 'title'));
  const first = new Array<number>(w).fill(-1);
  const count = new Array<number>(w).fill(0);
  // A row filling open columns a and b: no run holds both. minEnd[a] is the nearest such b.
  const minEnd = new Array<number>(w).fill(w);
  for (let r = body; r < values.length && r < body + LEVEL_SCAN; r++) {
    const row = rowAt(values, r);
    let prev = -1;
    for (let c = 0; c < w; c++) {
      const v = row[c];
      if (!open[c] || isBlank(v)) continue;
      // Numbers and dates: not a level column.
      if (typeof v !== 'string' || parseNumber(v).ok || (DATE_SHAPE.test(v) && parseDate(v, { year: 2000 }).ok))
        open[c] = false;
      if (first[c] < 0) first[c] = r;
      count[c]++;
      if (prev >= 0) minEnd[prev] = Math.min(minEnd[prev], c);
      prev = c;
    }
  }
  const usable = (c: number) => c < w && open[c] && count[c] > 0;
  for (let s = 0; s < w; s++) {
    if (!usable(s)) continue;
    const run = [s];
    let limit = minEnd[s];
    for (let c = s + 1; c < limit && usable(c) && first[c] > first[c - 1]; c++) {
      run.push(c);
      limit = Math.min(limit, minEnd[c]);
    }
    if (run.length < 2) continue;
    const root =
      count[run[0]] === 1 && (run.length >= 4 || (run.length === 3 && ROOT_WORDS.test(texts[run[0]]))) ? run[0] : null;
    return { root, cols: (root === null ? run : run.slice(1)).slice(0, LEVEL_ROLES.length) };
  }
  return { root: null, cols: [] };
}

const LEVEL_REASON = (t: string, f: Field): Msg => ({
  en: `${q(t).en}: a level column (a row's level is the column its text sits in): the ${labelOf(f).en.toLowerCase()}`,
  zh: `${q(t).zh}：层级列（每行的层级由文字所在的列决定）：${labelOf(f).zh}`,
});

/** With no objective or key result column, level columns give them (and the root column the plan's name). */
function applyLevelColumns(values: unknown[][], body: number, decided: Decided[], texts: string[]): number | null {
  if (decided.some((d) => d.role === 'objective' || d.role === 'kr')) return null;
  const { root, cols } = levelColumns(values, body, decided, texts);
  cols.forEach((c, i) =>
    Object.assign(decided[c], { role: LEVEL_ROLES[i], reason: LEVEL_REASON(texts[c], LEVEL_ROLES[i]) }),
  );
  if (root !== null)
    decided[root].reason = {
      en: `${q(texts[root]).en}: the root of the level columns, naming the plan`,
      zh: `${q(texts[root]).zh}：层级列的根，即计划名称`,
    };
  return cols.length ? root : null;
}

function layoutAt(values: unknown[][], best: number, settings: Settings | undefined, c0: number): TableLayout | null {
  const { rows, fields } = headerRows(values, best);
  const width = Math.max(fields.length, ...rows.map((r) => rowAt(values, r).length));
  const texts = headerTexts(values, rows, width);
  const body = rows[rows.length - 1] + 1;
  const owned = findOwnedBlock({ name: '', origin: { row: 0, col: 0 }, values }, rows[rows.length - 1]);
  const renamed = renamedAt(values, body, texts, owned);
  const decided = texts.map((t, c) => decideColumn(values, body, c, fields[c] ?? null, t, settings, renamed[c]));
  codesBeforeTitles(decided, texts, values, body, owned);
  keepLoneTitle(decided, texts);
  quarterColumns(decided, texts);
  measureColumn(decided, texts, values, body);
  const periodCols = periodColumns(decided, texts);
  dropEmptyTitles(decided, texts);
  dedupe(decided, texts);
  resolveTitles(decided, texts);
  scoreLevelReasons(decided, texts, rowAt(values, rows[rows.length - 1]));
  const krGroups = krColumnGroups(values, body, decided, texts);
  const rootCol = applyLevelColumns(values, body, decided, texts);
  const rowTypeCol = decided.findIndex((d) => d.role === 'rowType');
  const itemCol = decided.findIndex((d) => d.role === 'items');
  const out: (Field | null)[] = decided.map((d) =>
    d.role === 'rowType' || d.role === 'items' || d.role === 'title' ? null : d.role,
  );
  if (itemCol >= 0 && !out.includes('kr') && !out.includes('objective')) out[itemCol] = 'kr';
  let named = out.filter((f) => f).length + (rowTypeCol >= 0 ? 1 : 0);
  if (named === 1) named += codeColumn(decided, texts, values, body) ? 1 : 0;
  if (!(out.includes('objective') || out.includes('kr')) || named < 2) return null;
  if (explainsKrsAbove(decided, texts, values, body, rows[0])) return null;
  const columns: ColumnReading[] = decided.map((d, c) => ({
    col: c0 + c,
    header: texts[c],
    field: out[c],
    reason: d.reason,
    ...(d.chosen ? { chosen: true } : {}),
  }));
  return {
    rows,
    fields: out,
    texts,
    width,
    rowTypeCol: rowTypeCol >= 0 ? rowTypeCol : null,
    itemCol: itemCol >= 0 ? itemCol : null,
    rootCol,
    ...(periodCols.length ? { periodCols } : {}),
    ...(krGroups.length ? { krGroups } : {}),
    columns,
    candidates: [],
    reason: { en: '', zh: '' },
  };
}

/**
 * A column numbering the rows with codes (`# | Loại | Key Result` over `KR1`, `KR2`) beside the one title column: with
 * it the header names a table (its codes are carried along), though it names no other column.
 */
function codeColumn(decided: Decided[], texts: string[], values: unknown[][], body: number): boolean {
  if (decided.some((d) => d.codes)) return true;
  return decided.some((d, c) => !d.header && d.role === null && !!texts[c] && holdsCodes(values, body, c, texts[c]));
}

/**
 * A table of KR codes (`KR | Loại | Vì sao chọn` over `KR1 | Leading | ...`) under labelled KR lines (`## KR1 — Leading
 * Metric`, `- KR2: ...`): the KRs are those lines; the table explains them and is no KR table.
 */
function explainsKrsAbove(
  decided: Decided[],
  texts: string[],
  values: unknown[][],
  body: number,
  top: number,
): boolean {
  if (!krLinesAbove(values, top)) return false;
  const title = decided.findIndex((d) => d.role === 'kr' || d.role === 'objective');
  return holdsCodes(values, body, title, texts[title]) || codeColumn(decided, texts, values, body);
}

function krLinesAbove(values: unknown[][], top: number): boolean {
  for (let r = 0; r < top; r++) {
    const v = rowAt(values, r)[0];
    if (typeof v === 'string' && /kr|关键/i.test(v) && readLine(v).role === 'kr') return true;
  }
  return false;
}

/** Under a score rubric's header, the full-marks column is the target and the other levels are grading steps. */
function scoreLevelReasons(decided: Decided[], texts: string[], header: unknown[]): void {
  const levels = scoreLevels(header);
  if (!levels) return;
  for (const c of levels.levels) {
    if (decided[c].chosen) continue;
    const h = q(texts[c]);
    decided[c].role = c === levels.full ? 'target' : null;
    decided[c].reason =
      c === levels.full
        ? {
            en: `score level ${h.en} (full marks): what the KR must reach, the target`,
            zh: `评分档${h.zh}（满分）：关键结果要达到的，即目标值`,
          }
        : {
            en: `score level ${h.en}: a grading step, not a start or current value`,
            zh: `评分档${h.zh}：评分的一档，不是起始值或当前值`,
          };
  }
}

function headerReason(row: number, layout: TableLayout, chosen: boolean, r0: number): Msg {
  const n = layout.fields.filter((f) => f).length;
  const at = r0 + row + 1;
  if (chosen) return { en: `row ${at}: you chose it as the header`, zh: `第 ${at} 行：你选择的表头` };
  return {
    en: `row ${at}: its words name ${n} of ${layout.width} columns and the rows below fit them`,
    zh: `第 ${at} 行：其中 ${n}/${layout.width} 个单元格是列名，下面各行与之相符`,
  };
}

const candidateReason = (c: Candidate, r0: number): Msg => ({
  en: `row ${r0 + c.row + 1}: names ${c.named} column${c.named === 1 ? '' : 's'}`,
  zh: `第 ${r0 + c.row + 1} 行：含 ${c.named} 个列名`,
});

/**
 * The table layout of a sheet, or null when no row reads as a table header (then the sheet is an outline).
 * `r0` / `c0` are the sheet row and column of values[0][0] (for the reasons and the column numbers).
 */
export function inferLayout(values: unknown[][], settings: Settings | undefined, r0 = 0, c0 = 0): TableLayout | null {
  const chosen = settings?.headerRow;
  const list = krTableFirst(candidates(values), values);
  const tries: { row: number; chosen: boolean }[] =
    chosen !== null && chosen !== undefined && chosen - r0 >= 0 && chosen - r0 < values.length
      ? [{ row: chosen - r0, chosen: true }]
      : [];
  for (const c of list.slice(0, 4)) tries.push({ row: c.row, chosen: false });
  for (const t of tries) {
    const layout = layoutAt(values, t.row, settings, c0);
    if (!layout || (!t.chosen && taskOnly(values, layout.rows[layout.rows.length - 1]))) continue;
    const headerRow = layout.rows[layout.rows.length - 1];
    layout.reason = headerReason(headerRow, layout, t.chosen, r0);
    layout.candidates = list
      .filter((c) => c.row !== headerRow)
      .slice(0, 5)
      .map((c) => ({ row: r0 + c.row, score: c.score, reason: candidateReason(c, r0) }));
    return layout;
  }
  return null;
}
