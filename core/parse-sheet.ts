/**
 * Reading an ordinary sheet (a 2D array of cell values) into the OKR model, in one pass, never throwing.
 *
 * Two forms are understood:
 * - a table: a header row (or two: a merged-looking group row above) within the first rows, headers matched in
 *   English and Chinese; objectives on their own rows or repeated on each KR row (a blank objective cell under a
 *   filled one continues it);
 * - an outline: one item per row, `O: ...`, `KR1：...`, `E: ...`, `Objective 1 - ...`, `目标：...`, `关键结果2：...`.
 * Every item remembers the absolute 0-based cell it came from (snapshot.origin taken into account).
 */
import type {
  CellProblem,
  CellRef,
  ColumnInfo,
  LayoutReading,
  RowRole,
  UnplacedCell,
  Commitment,
  Confidence,
  Cycle,
  CycleKind,
  Field,
  Initiative,
  KeyResult,
  KrKind,
  Level,
  Objective,
  OkrModel,
} from './model';
import type { SheetSnapshot } from './sheet-plan';
import { a1, colLetter } from './sheet-plan';
import type { Settings } from './settings';
import type { Msg } from './i18n';
import { FIELD_LABELS, matchHeader, normalizeHeader } from './headers';
import {
  cycleEndDate,
  cycleOf,
  deadlineInWords,
  findCycleInText,
  namedYear,
  parseCycle,
  statedPeriod,
  yearOfTitle,
} from './cycle';
import { IdAllocator, idFromCell } from './ids';
import { findOwnedBlock } from './plan-grid';
import { fencedGlossary, glossaryLines, mayStartWithCode, packedItems, readLine, type LineReading } from './line-roles';
import { inferLayout, type KrGroup, type TableLayout } from './layout';
import { namedKr, taskHeader, TASK_CELL, TASK_KR_UNKNOWN, type TaskColumns } from './task-tables';
import { inferFromText, mentionsDirection, type TextInference } from './infer-target';
import {
  ANSWERS,
  COMMITMENTS,
  CONFIDENCES,
  KINDS,
  LEVELS,
  NOTE_SECTION_WORDS,
  KR_NOTE_LABELS,
  OTHER_LANGUAGE_MEASURE_LABELS,
  MEASURE_CRITERION_WORDS,
  ROW_TYPES,
  type KindWord,
} from './vocabulary';
import {
  cellText,
  describeValue,
  isBlank,
  parseDate,
  parseMeasure,
  parseNumber,
  secondsIn,
  sumResult,
  boundedQuantityShape,
  type Measure,
  type NumberInfo,
  type Parsed,
  type ParsedNumber,
  type ValueError,
} from './values';

export interface ReadOptions {
  settings: Settings;
  /** ISO date of today in the user's time zone (completes dates and cycles typed without a year). */
  today: string;
}

/** Fields whose value makes a row a key result even when its KR cell is blank. */
const KR_VALUE_FIELDS: Field[] = ['start', 'target', 'current', 'kind', 'unit', 'weight', 'due'];
/** Numbers that make an objective-text row a key result too (a weight or due date alone can be the objective's). */
const MEASURE_FIELDS: Field[] = ['start', 'target', 'current'];
const EMPTY_ROW: unknown[] = [];
const MEMO_LIMIT = 20000;

// ---------------------------------------------------------------------------------------------------------------
// Words in cells

/** A kind cell ('Increase', 'Stay above', '里程碑', 'auto'...) or null; the words are vocabulary.ts's. */
export function parseKind(v: unknown): KindWord | null {
  return KINDS.get(v);
}

export function parseLevel(v: unknown): Level | null {
  return LEVELS.get(v);
}

/**
 * A type cell. `yesMeans` is what a yes/no answer means: a 'Committed?' column says committed, an
 * 'Aspirational?' / 'Stretch?' column says aspirational.
 */
export function parseCommitment(v: unknown, yesMeans: Commitment = 'committed'): Commitment | null {
  if (typeof v === 'boolean') return v ? yesMeans : other(yesMeans);
  const w = COMMITMENTS.get(v);
  if (w) return w;
  const a = ANSWERS.get(v);
  return a === 'yes' ? yesMeans : a === 'no' ? other(yesMeans) : null;
}
const other = (c: Commitment): Commitment => (c === 'committed' ? 'aspirational' : 'committed');

/** Words, or a number on 0-1 (0.7), 0-10 (7) or a percentage: 0.7 and up high, 0.4 and up medium, else low. */
export function parseConfidence(v: unknown): Confidence | null {
  const w = CONFIDENCES.get(v);
  if (w) return w;
  const n = parseNumber(v);
  if (!n.ok || n.value < 0) return null;
  const x = n.percent || n.value <= 1 ? n.value : n.value <= 10 ? n.value / 10 : n.value <= 100 ? n.value / 100 : NaN;
  if (!(x >= 0 && x <= 1)) return null;
  return x >= 0.7 ? 'high' : x >= 0.4 ? 'medium' : 'low';
}

/** Titles compare without case, spaces and punctuation, so 'Grow revenue.' continues 'grow revenue'. */
const sameTitle = (a: string, b: string) => a === b || titleKey(a) === titleKey(b);

/**
 * `fn` remembering its last two texts: a table reads each row's objective cell beside its KR cell, and the objective
 * cell repeats down the rows of its KRs, so most calls repeat one of the two texts just seen (each a regex pass).
 */
function rememberLastTwo(fn: (text: string) => string): (text: string) => string {
  let t1: string | undefined;
  let k1 = '';
  let t2: string | undefined;
  let k2 = '';
  return (text) => {
    if (text === t1) return k1;
    const k = text === t2 ? k2 : fn(text);
    // Plain assignments: a destructuring swap here made an array per call (20,000 per 10,000-row sheet).
    t2 = t1;
    k2 = k1;
    t1 = text;
    k1 = k;
    return k;
  };
}

/** A title's compared form (remembered: at each new objective both titles compared are the last two seen). */
const titleKey = rememberLastTwo(normalizeHeader);

// ---------------------------------------------------------------------------------------------------------------
// The header: see layout.ts

// ---------------------------------------------------------------------------------------------------------------
// Reading context

/** A cell value the reader's memos may key on: text, or a number other than -0 (a Map takes -0 for 0). */
const memoKey = (v: unknown): v is string | number =>
  typeof v === 'string' || (typeof v === 'number' && !Object.is(v, -0));

class Reader {
  readonly problems: CellProblem[] = [];
  readonly ids: IdAllocator;
  readonly year: number | undefined;

  constructor(
    readonly sheet: string,
    readonly r0: number,
    readonly c0: number,
    readonly formulas: unknown[][] | undefined,
    readonly today: string,
  ) {
    this.ids = new IdAllocator(sheet);
    const y = /^(\d{4})-/.exec(today);
    this.year = y ? Number(y[1]) : undefined;
  }

  // Sheets repeat the same texts ('25%', dates, 'Increase') and numbers (targets, starts) down a column: parse each
  // distinct one once (a typed number too: its reading is 1-3 objects every KR would otherwise keep making).
  private numbers = new Map<string | number, ParsedNumber>();
  private dates = new Map<string | number, Parsed<string>>();
  private lastTitle: string | null = null;
  private lastWording: TextInference | null = null;

  number(v: unknown): ParsedNumber {
    if (!memoKey(v)) return parseNumber(v);
    let p = this.numbers.get(v);
    if (!p) {
      if (this.numbers.size > MEMO_LIMIT) this.numbers.clear();
      p = parseNumber(v);
      this.numbers.set(v, p);
    }
    return p;
  }

  date(v: unknown): Parsed<string> {
    if (typeof v !== 'string' && typeof v !== 'number') return parseDate(v, { year: this.year });
    let p = this.dates.get(v);
    if (!p) {
      if (this.dates.size > MEMO_LIMIT) this.dates.clear();
      p = parseDate(v, { year: this.year });
      // A deadline written as a cycle ('2024年Q2末', 'end of Q3', 'H1 2026') is that cycle's last day.
      const end = !p.ok && !p.blank && typeof v === 'string' ? cycleEndDate(v, { today: this.today }) : null;
      if (end) p = { ok: true, blank: false, value: end };
      this.dates.set(v, p);
    }
    return p;
  }

  private measures = new Map<string | number, Parsed<Measure>>();
  private cycles = new Map<unknown, Cycle | null>();

  cycle(v: unknown): Cycle | null {
    if (typeof v !== 'string' && typeof v !== 'number') return parseCycle(v, { today: this.today });
    let c = this.cycles.get(v);
    if (c === undefined) {
      if (this.cycles.size > MEMO_LIMIT) this.cycles.clear();
      c = parseCycle(v, { today: this.today });
      this.cycles.set(v, c);
    }
    return c;
  }

  measure(v: unknown): Parsed<Measure> {
    if (!memoKey(v)) return parseMeasure(v);
    let p = this.measures.get(v);
    if (!p) {
      if (this.measures.size > MEMO_LIMIT) this.measures.clear();
      p = parseMeasure(v);
      this.measures.set(v, p);
    }
    return p;
  }

  /** The table layout read (null for an outline). */
  layout: TableLayout | null = null;
  /** Every non-blank row's role and the cells nothing took (model.reading). */
  readonly rowRoles: { row: number; role: RowRole }[] = [];
  readonly unplaced: UnplacedCell[] = [];

  role(r: number, role: RowRole): void {
    this.rowRoles.push({ row: this.r0 + r, role });
  }

  unplace(r: number, c: number, text: string, reason: Msg): void {
    if (this.unplaced.length < 1000)
      this.unplaced.push({ cell: this.ref(r, c), text: text.length > 200 ? text.slice(0, 197) + '...' : text, reason });
  }

  /** Ids kept in the sheet, by relative row (filled by the table reader's pre-pass), and the column each came from. */
  typedIds: (string | null)[] = [];
  typedIdCols: number[] = [];

  /** What a KR's wording says (the last one is remembered: a row asks up to three times). */
  wording(title: string): TextInference {
    if (title !== this.lastTitle || !this.lastWording) {
      this.lastTitle = title;
      this.lastWording = inferFromText(title);
    }
    return this.lastWording;
  }

  /** Records where a KR field came from, and its formula if the cell holds one. */
  recordSource(kr: KeyResult, f: Field, r: number, c: number): void {
    kr.cols[f] = this.c0 + c;
    if (this.formulas) {
      const fx = this.formula(r, c);
      if (fx) (kr.formulas ??= {})[f] = fx;
    }
  }

  ref(r: number, c: number): CellRef {
    return { row: this.r0 + r, col: this.c0 + c };
  }

  formula(r: number, c: number): string | null {
    const row = this.formulas?.[r];
    const f = Array.isArray(row) ? row[c] : undefined;
    return typeof f === 'string' && f.startsWith('=') ? f : null;
  }

  problem(field: Field, r: number, c: number, err: ValueError): void {
    this.problemText(field, r, c, err.seen, err.message);
  }

  problemText(field: Field, r: number, c: number, seen: string, m: Msg): void {
    const cell = this.ref(r, c);
    const at = a1(cell.row, cell.col);
    const label = FIELD_LABELS[field];
    this.problems.push({
      field,
      cell,
      seen,
      message: { en: `${label.en} (${at}): ${m.en}`, zh: `${label.zh}（${at}）：${m.zh}` },
    });
  }
}

function newObjective(title: string, row: number, ownRow: boolean, id: string): Objective {
  return {
    id,
    row,
    ownRow,
    title,
    level: null,
    owner: null,
    cycle: null,
    commitment: 'aspirational',
    alignedTo: null,
    notes: null,
    krs: [],
    cells: {},
    extra: NO_EXTRA,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Table form

interface TableCols {
  fc: Partial<Record<Field, number>>;
  /** Unknown columns: relative col and the key its values are carried under. */
  unknown: { col: number; key: string }[];
  /** 'Aspirational?' columns answer yes for aspirational. */
  typeYes: Commitment;
  /** Header width: cells right of it are carried by column letter. */
  width: number;
  /** The add-in's own Updated column (stamped when a current value is edited), when it is not fc.updated. */
  stamped?: number;
  /** The block of columns a previous Convert appended (relative, inclusive), when the sheet was converted. */
  ownedSpan?: { first: number; last: number };
  /** Rows say their own type (a row-type column, or a parent column): a KR row's cells never fill its objective's. */
  typed: boolean;
  /** The row-type column, if any. */
  typeCol?: number;
  /** A column headed as the current value that holds words ('已签约5家', 'Signed 5 of 8'): the figure inside is it. */
  currentInWords?: number;
  /** Period columns (M1..M3, W1..W13): the latest one filled with a number is the current value. */
  periods?: number[];
  /** The year the sheet's title names: the year of a date typed without one (`3/31` in a target cell). */
  year?: number;
}

function readTable(values: unknown[][], header: TableLayout, rd: Reader, model: OkrModel, year?: number): void {
  const { fc, columns } = columnRoles(header, rd);
  const cols = tableCols(values, header, fc, rd);
  if (year !== undefined) cols.year = year;
  const headerRow = header.rows[header.rows.length - 1];
  model.headerRow = rd.r0 + headerRow;
  model.headerRows = header.rows.map((r) => rd.r0 + r);
  model.firstRow = rd.r0 + headerRow + 1;
  model.lastRow = model.firstRow - 1;
  model.columns = columns;
  for (const f of Object.keys(fc) as Field[]) model.fieldCols[f] = rd.c0 + (fc[f] as number);
  reserveTypedIds(values, headerRow, cols, rd);

  const tree =
    header.rowTypeCol === null && fc.kr === undefined && fc.alignedTo !== undefined && fc.objective !== undefined
      ? typesByParent(values, headerRow + 1, fc)
      : null;
  const st: TableState = {
    obj: null,
    kr: null,
    objectives: [],
    extraSeen: new Set(),
    columns,
    objByTitle: new Map(),
    krByTitle: new Map(),
    headerKeys: header.texts.map((t) => normalizeHeader(t)),
    labelledKrs: 0,
    values,
    year,
  };
  const plain = header.rowTypeCol === null && !tree && header.itemCol === null;
  linesAboveHeader(values, header.rows[0], st, rd, fc.objective === undefined);
  for (const r of header.rows) rd.role(r, 'header');
  for (let r = headerRow + 1; r < values.length; r++) {
    const row = Array.isArray(values[r]) ? values[r] : EMPTY_ROW;
    if (isBlankRow(row)) continue;
    model.lastRow = rd.r0 + r;
    if (row.length > header.width) carryWideColumns(row, header.width, rd, columns, st.extraSeen);
    const afterLine = st.afterLine;
    st.afterLine = onlyCell(row, cols.ownedSpan) >= 0;
    if (st.afterLine) sectionCycle(row, r, st, rd);
    if (repeatsHeader(row, st.headerKeys) || renamesHeader(row, header.fields, st.headerKeys, fc.kr ?? fc.objective)) {
      rd.role(r, 'header');
      st.foreign = null;
      st.tasks = undefined;
    } else if (tasksTake(row, r, st, rd, plain && (afterLine || isBlankRow(values[r - 1] ?? EMPTY_ROW)))) {
      continue;
    } else if (!st.afterLine && (st.foreign || (afterLine && (st.foreign = foreignHeader(row, r, header, st, rd))))) {
      unplacedRow(row, r, rd, st.foreign);
    } else if (header.rootCol != null && !isBlank(row[header.rootCol])) {
      // The root of level columns names the plan: a title row.
      rd.role(r, 'title');
      model.title ??= cellText(row[header.rootCol]);
    } else if (header.rowTypeCol !== null) typedRow(row, r, ROW_TYPES.get(row[header.rowTypeCol]), st, rd, cols);
    else if (tree) typedRow(row, r, tree.types[r] ?? null, st, rd, cols, tree.parentTitle[r]);
    else if (header.itemCol !== null) itemRow(row, r, header.itemCol, st, rd, cols);
    else if (header.krGroups) groupRow(row, r, header.krGroups, st, rd, cols);
    else plainRow(row, r, st, rd, cols);
  }
  model.objectives = st.objectives;
  if (st.sections) sectionCycles(st.objectives, st.sections);
}

/**
 * A heading between tables naming a cycle (`## Next Quarter Plan (Q2)`, a line `2026 Q3`): the cycle of the objectives
 * under it that name none, a quarter without a year in the year the title names.
 */
function sectionCycle(row: unknown[], r: number, st: TableState, rd: Reader): void {
  const text = row[onlyCell(row)];
  if (typeof text !== 'string' || text.length > 80) return;
  const line = readLine(text);
  if (line.role !== 'text' || !(line.heading || namesOnlyCycle(line.title, rd.today))) return;
  const cycle = findCycleInText(line.title, { today: rd.today, year: st.year });
  if (!cycle) return;
  (st.sections ??= []).push({ row: rd.r0 + r, cycle });
  st.year = yearOfTitle(line.title, cycle);
}

function sectionCycles(objectives: Objective[], sections: { row: number; cycle: Cycle }[]): void {
  for (const o of objectives) {
    if (o.cycle) continue;
    let under: Cycle | null = null;
    for (const s of sections) if (s.row < o.row) under = s.cycle;
    o.cycle = under;
  }
}

/**
 * The sheet's title over a table (its first line of text) and the cycle its lines name; a year named on one line
 * completes a quarter named without one on the next. The year is that of the cycle's, else of the last year named.
 */
function titleAbove(values: unknown[][], top: number, today: string) {
  let title: string | null = null;
  let year: number | undefined;
  let named: Cycle | null = null;
  for (let r = 0; r < top; r++) {
    const row = Array.isArray(values[r]) ? values[r] : EMPTY_ROW;
    for (const v of row) {
      if (typeof v !== 'string' || !v.trim()) continue;
      title ??= v.trim();
      // A stated period (`Period: March — May 2026`) outranks the quarter a title names.
      const period = statedPeriod(v, { today, year, sentences: true });
      if (period) return { title, cycle: period, year: year ?? Number(period.start.slice(0, 4)) };
      if (named) continue;
      named = findCycleInText(v, { today, year });
      year = yearOfTitle(v, named) ?? year;
    }
  }
  return { title, cycle: named, year };
}

/** A deadline label ('Completion date', 'Due date', 'Deadline', '截止日期', 'Fecha límite'), not a bare 'Date'. */
const DEADLINE_WORD = /due|deadline|completion|finish|截止|完成|期限|límite|limite|fällig/i;
/**
 * A deadline line above the table (`Completion date: 2026-03-31`, `截止日期：2026-06-30`): the due date of each KR
 * that states none of its own.
 */
function dueAbove(values: unknown[][], top: number, model: OkrModel): void {
  let due: string | null = null;
  for (let r = 0; r < top && !due; r++) {
    const m = /^\s*([^:：]{2,30}?)\s*[:：]\s*(\S.*)$/.exec(String((values[r] ?? EMPTY_ROW)[0] ?? ''));
    if (!m || !DEADLINE_WORD.test(m[1]) || matchHeader(m[1]) !== 'due') continue;
    const d = parseDate(m[2].trim());
    if (d.ok && !d.blank) due = d.value;
  }
  if (!due) return;
  for (const kr of model.objectives.flatMap((o) => o.krs))
    if (kr.due === null) {
      kr.due = due;
      markInferred(kr, 'due');
    }
}

/** Each field's column (the first column of a field wins; a later one is carried along) and the columns shown. */
function columnRoles(header: TableLayout, rd: Reader) {
  const fc: Partial<Record<Field, number>> = {};
  const columns: ColumnInfo[] = [];
  for (let c = 0; c < header.width; c++) {
    const f = header.fields[c];
    const useField = f && fc[f] === undefined ? f : null;
    if (useField) fc[useField] = c;
    columns.push({ col: rd.c0 + c, header: header.texts[c], field: useField });
  }
  return { fc, columns };
}

/** Columns no field took, keyed by their header text (a blank or repeated header: by the column letter instead). */
function unknownColumns(values: unknown[][], header: TableLayout, fc: TableCols['fc'], rd: Reader) {
  const taken = new Set(Object.values(fc));
  const keyCount = new Map<string, number>();
  for (let c = 0; c < header.width; c++) {
    const t = header.texts[c];
    if (!taken.has(c) && t) keyCount.set(t, (keyCount.get(t) ?? 0) + 1);
  }
  const unknown: { col: number; key: string }[] = [];
  for (let c = 0; c < header.width; c++) {
    if (taken.has(c)) continue;
    const t = header.texts[c];
    const key = t && keyCount.get(t) === 1 ? t : colLetter(rd.c0 + c);
    if (t || hasDataBelow(values, header.rows[header.rows.length - 1] + 1, c)) unknown.push({ col: c, key });
  }
  return unknown;
}

function tableCols(values: unknown[][], header: TableLayout, fc: TableCols['fc'], rd: Reader): TableCols {
  const typeHeader = fc.type !== undefined ? normalizeHeader(header.texts[fc.type]) : '';
  return {
    fc,
    unknown: unknownColumns(values, header, fc, rd),
    typeYes: /aspir|stretch|挑战/.test(typeHeader) ? 'aspirational' : 'committed',
    width: header.width,
    typed:
      header.rowTypeCol !== null || (fc.kr === undefined && fc.alignedTo !== undefined && fc.objective !== undefined),
    ...(header.rowTypeCol !== null ? { typeCol: header.rowTypeCol } : {}),
    ...(header.periodCols ? { periods: header.periodCols } : {}),
    ...(fc.current === undefined && fc.status !== undefined && matchHeader(header.texts[fc.status]) === 'current'
      ? { currentInWords: fc.status }
      : {}),
  };
}

/**
 * Typed ids first, so generated ids never take one of them. The user's ID cell wins; when it is blank (or there is
 * no ID column), the id the add-in keeps in its own 'OKR ID' column is the row's id, so editing a row's text after a
 * convert does not change its id. Also finds the add-in's own Updated column (cols.stamped).
 */
function reserveTypedIds(values: unknown[][], headerRow: number, cols: TableCols, rd: Reader): void {
  const { fc } = cols;
  const owned = findOwnedBlock({ name: rd.sheet, origin: { row: rd.r0, col: rd.c0 }, values }, rd.r0 + headerRow);
  if (owned) cols.ownedSpan = { first: owned.first - rd.c0, last: owned.last - rd.c0 };
  if (owned?.cols.updated !== undefined && owned.cols.updated - rd.c0 !== fc.updated)
    cols.stamped = owned.cols.updated - rd.c0;
  const ownedId = owned?.cols.id === undefined ? undefined : owned.cols.id - rd.c0;
  const ic = fc.id;
  const oic = ownedId !== ic ? ownedId : undefined;
  if (ic === undefined && oic === undefined) return;
  const typed: (string | null)[] = new Array(values.length).fill(null);
  const typedCols: number[] = new Array(values.length).fill(-1);
  for (let r = headerRow + 1; r < values.length; r++) {
    const row = values[r];
    if (!Array.isArray(row)) continue;
    let id = ic === undefined ? null : idFromCell(row[ic]);
    let col = ic ?? -1;
    if (!id && oic !== undefined) {
      id = idFromCell(row[oic]);
      col = oic;
    }
    if (id) {
      rd.ids.reserve(id);
      typed[r] = id;
      typedCols[r] = col;
    }
  }
  rd.typedIds = typed;
  rd.typedIdCols = typedCols;
}

/** What the table reader carries from row to row. */
interface TableState {
  obj: Objective | null;
  kr: KeyResult | null;
  objectives: Objective[];
  extraSeen: Set<number>;
  columns: ColumnInfo[];
  /** Objectives and KRs by title (normalised), for row-type exports that name each row's parent. */
  objByTitle: Map<string, Objective>;
  krByTitle: Map<string, KeyResult>;
  headerKeys: string[];
  /** KR cells seen with their own label ('KR 1.1: ...'): a sheet that labels its KRs labels all of them. */
  labelledKrs: number;
  /** The last row was a line of one cell (a caption): a header of other words may follow it. */
  afterLine?: boolean;
  /** Inside another table (its own header of other words under a caption): its rows are not OKR rows, for this reason. */
  foreign?: Msg | null;
  /** Objectives read from a row of their own, and from the row of their first KR (a merged or repeated cell). */
  ownRowObjectives?: number;
  sharedRowObjectives?: number;
  /** The list of lines the last row opened or continued (see listLine), and whether it was a line of such lists. */
  lineList?: 'initiatives' | 'notes';
  lineRun?: boolean;
  /** The sheet's rows (lookahead for lines standing alone in the table). */
  values?: unknown[][];
  /** Inside a task table (see task-tables.ts). */
  tasks?: TaskTable;
  /** The year the sheet's title names, and the headings between tables naming a cycle (see sectionCycle). */
  year?: number;
  sections?: { row: number; cycle: Cycle }[];
}

/** A row repeating the header's words (a table repeated under each objective, or a header printed on every page). */
function repeatsHeader(row: unknown[], keys: string[]): boolean {
  let same = 0;
  for (let c = 0; c < keys.length && c < row.length; c++) {
    const v = row[c];
    if (isBlank(v)) continue;
    // A score level (`1.0 | 0.7` of a score rubric's header) repeats as the same number.
    if (typeof v === 'number' && keys[c] && normalizeHeader(cellText(v)) === keys[c]) {
      same++;
      continue;
    }
    // Most rows differ from the header at their first cell; a cell much longer or shorter than its header is data.
    if (typeof v !== 'string' || !keys[c] || v.length > keys[c].length * 3 + 8 || v.length < keys[c].length)
      return false;
    const first = v.trimStart()[0]?.toLowerCase() ?? '';
    if (/[a-z0-9]/.test(first) && first !== keys[c][0]) return false;
    if (normalizeHeader(v) !== keys[c]) return false;
    same++;
  }
  return same >= 2 || (same === 1 && keys.filter((k) => k).length === 1);
}

/**
 * A row naming the same roles as the header in the same columns, in other words ('Baseline' under 'Baseline (Q4
 * 2024)', '关键结果' under 'KR'): the header again, for the next table. Its title cell names the title role and at
 * least one more cell names its column's role; its other cells are short words (a '#' or a blank).
 */
/**
 * A label with a colon ('KR 1: ...'), a template's bracketed placeholder ('[Target value]') or a sentence's end
 * ('完成3个月的目标和关键结果。': a KR that speaks of key results) is data, never a header.
 */
const DATA_SHAPE = /[:：]|^\s*[[【<{]|[。！？!?]\s*$/;

/** A word its column takes as a value ('Aspirational' under Type, 'binary' under Kind, '团队' under Level): data. */
function fieldValue(f: Field | null, v: unknown): boolean {
  if (f === 'type') return COMMITMENTS.get(v) !== null;
  if (f === 'kind') return KINDS.get(v) !== null;
  return f === 'level' && LEVELS.get(v) !== null;
}

function renamesHeader(
  row: unknown[],
  fields: (Field | null)[],
  keys: string[],
  titleCol: number | undefined,
): boolean {
  if (titleCol === undefined) return false;
  // Most data rows hold a number or a long text somewhere: that cheap test first, the pattern only on rows of words.
  // From the right: a table's numbers and dates (start, target, current, due) sit right of its titles.
  for (let c = row.length - 1; c >= 0; c--) {
    const v = row[c];
    if (!isBlank(v) && (typeof v !== 'string' || v.length > 40)) return false;
  }
  for (const v of row) if (typeof v === 'string' && DATA_SHAPE.test(v)) return false;
  // A cell names its column's role when it repeats the header's words ('Métrica') or names the same field.
  // A word naming no field ('Metric') under a column of no field is no header word.
  const names = (c: number) =>
    normalizeHeader(row[c]) === keys[c] || (fields[c] != null && matchHeader(row[c]) === fields[c]);
  if (isBlank(row[titleCol]) || !names(titleCol)) return false;
  let same = 0;
  for (let c = 0; c < row.length && c < fields.length; c++) {
    if (c === titleCol || isBlank(row[c])) continue;
    if (fieldValue(fields[c], row[c])) return false;
    if (names(c)) same++;
    else if (matchHeader(row[c])) return false;
  }
  return same >= 1;
}

/** A title as typed in a cell, without its structure ('1. ', 'KR1: ', '**...**') or a Notion link to its page. */
function cellTitle(v: unknown): string {
  return typeof v === 'string' ? cellTitleText(v) : titleOf(v);
}
const cellTitleText = rememberLastTwo(titleOf);

function titleOf(v: unknown): string {
  let text = cellText(v);
  if (text.includes('(http')) text = text.replace(NOTION_LINK, '').trim();
  const colon = text.indexOf(':') >= 0 || text.indexOf('：') >= 0;
  const plain = (!colon && plainStart(text)) || (!structured(text) && !(colon && ROLE_KR_HINT.test(text)));
  if (plain && !mayStartWithCode(text)) return text;
  let t = titleCache.get(text);
  if (t === undefined) {
    if (titleCache.size > MEMO_LIMIT) titleCache.clear();
    t = readLine(text).title || text;
    titleCache.set(text, t);
  }
  return t;
}
/** Objective titles repeat down their column: each distinct labelled cell is read once. */
const titleCache = new Map<string, string>();
/** A Notion relation cell's link after the name (`Name (https://www.notion.so/...)`); never a markdown link's target. */
const NOTION_LINK = /(?<!\])\s*\((?:https?:\/\/)[^\s)]+\)\s*$/;
/** Cheap test: could the text start with a label, bullet, list number or emphasis? */
const STRUCTURED =
  /^(?:[\s#>*+\-•·●○◦▪▫■□►▸➢✓✔☐☑–—[(（【`@①-⑳_]|p[0-9]\s*[-–—|:：]|(?:负责人|责任人|owner)\s*[:：]|[0-9０-９]{1,2}(?:\.[0-9]{1,2})*[.．)）、]|[一二三四五六七八九十]+、|(?:o|e|krs?|目标|关键结果|关键成果|执行|举措|行动|任务)\s*[0-9０-９一二三四五六七八九十.]*\s*(?:[:：、)）.\-–—]|\s|$)|(?:key\s*results?|objectives?|obj|okr|initiatives?|tasks?|actions?)\s*[0-9.]*\s*(?:[:：、)）\-–—]|$))/i;
/**
 * STRUCTURED.test with the last text's answer remembered: a table row's KR cell is tested for a label, then read as
 * a title (the same text, tested again there).
 */
function structured(text: string): boolean {
  if (text !== lastStructured.text) {
    lastStructured.text = text;
    lastStructured.is = STRUCTURED.test(text);
  }
  return lastStructured.is;
}
const lastStructured = { text: '', is: STRUCTURED.test('') };
/** Fast path: a title starting with a letter no label starts with (and no colon) has no structure. */
function plainStart(text: string): boolean {
  const ch = text.charCodeAt(0);
  return ((ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122)) && !LABEL_INITIALS.includes(text[0]);
}
const LABEL_INITIALS = 'oekiatOEKIAT';

/** `CTO KR: ...` somewhere in the first words. */
const ROLE_KR_HINT =
  /\s(?:KRs?|objectives?|key\s*results?|initiatives?)\s*[0-9]*\s*[:：]|^[\u4e00-\u9fff]{1,6}(?:目标|关键结果|关键成果|举措)\s*[0-9一二三四五六七八九十]*\s*[:：]/i;

/** The usual table: objective, KR and initiative columns (an objective on its own row or repeated on each KR row). */
/** The one filled cell of a row, or -1; cells in `skip` (columns a previous Convert wrote) do not count. */
function onlyCell(row: unknown[], skip?: { first: number; last: number }): number {
  let at = -1;
  for (let c = 0; c < row.length; c++) {
    if (isBlank(row[c]) || (skip && c >= skip.first && c <= skip.last)) continue;
    if (at >= 0) return -1;
    at = c;
  }
  return at;
}

/**
 * Lines between tables (or above the first one): an `Objective 2: ...` line starts that objective's table; label lines
 * ('Risks:') and the text under them are notes. Returns true when the row was such a line.
 */
function lineBetweenTables(row: unknown[], r: number, st: TableState, rd: Reader, cols: TableCols): boolean {
  const list = st.lineList;
  const afterLines = st.lineRun;
  st.lineList = undefined;
  st.lineRun = false;
  // The cells Convert filled on this row (its id, type, formulas) do not make a line a table row: read again, the
  // line reads as it did the first time.
  const c = onlyCell(row, cols.ownedSpan);
  if (c < 0 || typeof row[c] !== 'string') return false;
  const text = row[c] as string;
  const line = readLine(text);
  if (st.obj && listLine(line, list, afterLines, r, c, st, rd)) return true;
  const noObjectives = cols.fc.objective === undefined;
  const heading = noObjectives ? (numberedHeading(text) ?? captionOverRepeat(line, r, st)) : null;
  if ((line.role === 'objective' && line.title) || heading) {
    const title = heading ?? line.title;
    st.foreign = null;
    st.obj = newObjective(title, rd.r0 + r, true, rd.ids.generate('O', [title]));
    st.obj.cells.objective = rd.ref(r, c);
    st.objectives.push(st.obj);
    st.kr = null;
    rd.role(r, 'objective');
    return true;
  }
  // A labelled KR line alone in its row, outside the title column ('KR1.1: Uptime 99.5% → 99.95%' between two tables),
  // is a KR of the objective above, its numbers from its wording.
  if (line.role === 'kr' && line.title && st.obj && c !== cols.fc.kr) {
    st.kr = outlineKr(st.obj, line.title, { r, c, text, line }, rd);
    rd.role(r, 'kr');
    return true;
  }
  const unlabelledKr = c === cols.fc.kr && line.role === 'text' && st.labelledKrs > 0;
  if (line.role !== 'other-label' && !unlabelledKr) return false;
  unplacedRow(row, r, rd, NOTE_ROW);
  st.lineRun = true;
  // The lines under a label ('Blockers:' / 'Critical bug in payment service') are its notes, not rows of the table.
  if (line.role === 'other-label' && st.obj) st.lineList = 'notes';
  return true;
}

/** The caption right over the first of repeated KR tables (see captionOverRepeat). */
function firstCaption(line: LineReading, r: number, top: number, st: TableState): string | null {
  const values = st.values ?? [];
  if (!isCaption(line) || values.slice(r + 1, top).some((x) => Array.isArray(x) && !isBlankRow(x))) return null;
  for (let i = top + 1; i < values.length; i++)
    if (Array.isArray(values[i]) && repeatsHeader(values[i], st.headerKeys)) return line.title;
  return null;
}

/**
 * A caption over a KR table with no objective column, the same header repeating under each such caption (`生活` /
 * `条目 | 1.0 | 0.7` ... `能力` / `条目 | 1.0 | 0.7`): it names the area, the objective of the table under it. Its
 * title, or null. A short line of words only: no label, no colon, no sentence.
 */
function captionOverRepeat(line: LineReading, r: number, st: TableState): string | null {
  if (!isCaption(line) || !st.values) return null;
  const next = nextFilledRow(st.values, r + 1);
  return next && repeatsHeader(next, st.headerKeys) ? line.title : null;
}
const isCaption = (line: LineReading) =>
  line.role === 'text' &&
  !!line.title &&
  line.title.length <= 30 &&
  !line.term &&
  !/[:：]/.test(line.title) &&
  !isSentence(line);

/**
 * Lists of lines between tables: an `Initiatives:` / `Initiatives (What):` / `举措：` label opens the objective's
 * initiatives, the plain lines right under it; another label after such lines ('Dependencies:', '依赖：') opens a list of
 * notes. A list ends at an objective, a header or any row of several cells.
 */
function listLine(
  line: LineReading,
  list: TableState['lineList'],
  afterLines: boolean | undefined,
  r: number,
  c: number,
  st: TableState,
  rd: Reader,
): boolean {
  const open = (l: TableState['lineList']) => Object.assign(st, { lineList: l, lineRun: true });
  if (line.role === 'initiative-label') {
    rd.role(r, 'title');
    open('initiatives');
    return true;
  }
  if (line.role === 'other-label' && afterLines) {
    rd.role(r, 'note');
    rd.unplace(r, c, line.title, NOTE_ROW);
    open('notes');
    return true;
  }
  if (!list || line.role !== 'text' || !line.title || line.heading) return false;
  if (list === 'initiatives') {
    addInitiative(st.obj!, null, line.title, r, c, rd);
    rd.role(r, 'initiative');
  } else {
    rd.role(r, 'note');
    rd.unplace(r, c, line.title, NOTE_ROW);
  }
  open(list);
  return true;
}

/**
 * A numbered section heading ('WhyGO #1: Prove fit', 'Goal #2 - Retention', '重点 #3：提效'): in a table of key results
 * with no objective column, it names the objective of the table under it. Its title, or null.
 */
const NUMBERED_HEADING =
  /^\s*(?:[A-Za-z][A-Za-z0-9 ]{0,24}?|[\u4e00-\u9fff]{1,8})\s*#\s*\d{1,3}\s*[:：.\-–—]\s*(\S.{2,})$/;
function numberedHeading(text: string): string | null {
  if (!text.includes('#') || text.length > 200) return null;
  const m = NUMBERED_HEADING.exec(text);
  return m ? m[1].trim() : null;
}

/** Rows above the header: titles, then, from an objective line on, that objective and its notes. */
/**
 * Lines above the header: an objective line opens the first objective; before it, `Label: value` lines ('Status:
 * Active', '负责人：王芳'), sentences after the title and rows of several cells are notes listed as not placed, other
 * lines (the sheet's title, headings) are titles.
 */
function linesAboveHeader(values: unknown[][], top: number, st: TableState, rd: Reader, headings: boolean): void {
  // After the sheet's title, a sentence above the table is an instruction or a note, listed as not placed.
  let titled = false;
  // Under an 'Objective:' / '目标（Objective）' label line, the line below it is the objective.
  let labelled = false;
  for (let r = 0; r < top; r++) {
    const row = Array.isArray(values[r]) ? values[r] : EMPTY_ROW;
    if (isBlankRow(row)) continue;
    const c = onlyCell(row);
    const line = c >= 0 && typeof row[c] === 'string' ? readLine(row[c] as string) : null;
    const heading = headings && line ? (numberedHeading(row[c] as string) ?? firstCaption(line, r, top, st)) : null;
    const underLabel = labelled && !st.obj && line?.role === 'text' && !!line.title;
    labelled = line?.role === 'objective-label';
    if (labelled) rd.role(r, 'title');
    else if ((line?.role === 'objective' && line.title) || heading || underLabel) {
      const title = heading ?? line!.title;
      st.obj = newObjective(title, rd.r0 + r, true, rd.ids.generate('O', [title]));
      st.obj.cells.objective = rd.ref(r, c);
      st.objectives.push(st.obj);
      rd.role(r, 'objective');
    } else if (
      st.obj ||
      c < 0 ||
      (line && line.role === 'text' && PROPERTY.test(line.title)) ||
      // A summary sentence naming KRs ('KR1 留存提升 2.8pp，KR2 ...。') is a note like any sentence after the title.
      (line && titled && line.role !== 'objective' && isSentence(line))
    )
      // A row of several cells above the table (a table of contents, `Team | Name`) is no title: each cell is listed.
      unplacedRow(row, r, rd, NOTE_ROW);
    else {
      rd.role(r, 'title');
      titled = true;
    }
  }
}

/** A sentence ('Put each objective in its own row, add owners.', '请把每个目标写在单独一行。'): an instruction or a note, no title. */
function isSentence(line: LineReading): boolean {
  return !line.heading && !line.bold && sentence(line.title);
}
const sentence = (t: string) => /[.。!！]$/.test(t) && (t.split(/\s+/).length >= 6 || /[\u4e00-\u9fff]{12}/.test(t));

function plainRow(row: unknown[], r: number, st: TableState, rd: Reader, cols: TableCols): void {
  const { fc } = cols;
  if (lineBetweenTables(row, r, st, rd, cols)) return;
  const kv = fc.kr === undefined ? undefined : row[fc.kr];
  if (typeof kv === 'string' && structured(kv) && readLine(kv).role === 'kr') st.labelledKrs++;
  const objText = fc.objective === undefined ? '' : cellTitle(row[fc.objective]);
  const krText = fc.kr === undefined ? '' : cellTitle(row[fc.kr]);
  const initText = fc.initiative === undefined ? '' : cellTitle(row[fc.initiative]);
  const krValues = !krText && anyFilled(row, fc, objText ? MEASURE_FIELDS : KR_VALUE_FIELDS);
  if (krText && proseAfterTable(row, r, st, fc.kr as number)) return unplacedRow(row, r, rd, LINE_AFTER_TABLE);
  if (objText && !krText && !krValues) {
    if (loneLineInSharedTable(row, r, st, rd, cols)) return;
    st.obj = objectiveFromRow(row, r, objText, true, rd, cols);
    st.ownRowObjectives = (st.ownRowObjectives ?? 0) + 1;
    st.objectives.push(st.obj);
    st.kr = null;
    rd.role(r, 'objective');
    if (initText) addInitiative(st.obj, null, initText, r, fc.initiative as number, rd);
    return;
  }
  if (krText || krValues) {
    let role: RowRole = 'kr';
    let o = st.obj;
    if (!o || (objText && !sameTitle(o.title, objText))) {
      o = objectiveFromRow(row, r, objText, false, rd, cols);
      st.obj = o;
      st.objectives.push(o);
      if (objText) {
        role = 'objective+kr';
        st.sharedRowObjectives = (st.sharedRowObjectives ?? 0) + 1;
      }
    }
    for (const title of krLinesOf(row, krText, cols)) {
      st.kr = krFromRow(row, r, title, o, rd, cols);
      o.krs.push(st.kr);
    }
    rd.role(r, role);
    if (initText) addInitiative(o, st.kr, initText, r, fc.initiative as number, rd);
    return;
  }
  if (initText && st.obj) {
    addInitiative(st.obj, st.kr, initText, r, fc.initiative as number, rd);
    rd.role(r, 'initiative');
    return;
  }
  unplacedRow(row, r, rd, initText ? INITIATIVE_WITHOUT_OBJECTIVE : NOTE_ROW);
}

/** A list item's mark opening a line in a cell: `- `, `* `, `• `, `1. `, `2、`, `①`, `KR1:`. */
const ITEM_LINE = /^\s*(?:[-*•·]\s+|\d{1,2}[.、)）]\s*|[①-⑳]\s*|KR\s*\d{1,2}\s*[:：]\s*)\S/i;
/** Line breaks in a cell, a markdown table's `<br>` among them. */
const CELL_BREAK = /\n|<br\s*\/?>/i;

/**
 * The KR titles of a row: a KR cell listing several items, one per line (`- 完成5个核心页面开发<br>- 展示3个完整项目`),
 * holds that many KRs, when the row gives them no numbers of their own to share (a Target cell is one KR's). Else
 * the cell's one title.
 */
function krLinesOf(row: unknown[], krText: string, cols: TableCols): string[] {
  const c = cols.fc.kr;
  const v = c === undefined ? undefined : row[c];
  if (typeof v !== 'string' || !CELL_BREAK.test(v) || anyFilled(row, cols.fc, MEASURE_FIELDS)) return [krText];
  const lines = v.split(CELL_BREAK).filter((l) => l.trim());
  if (lines.length < 2 || !lines.every((l) => ITEM_LINE.test(l))) return [krText];
  return lines.map((l) => cellTitle(l.trim()));
}

/**
 * After a blank row, a sentence standing alone in the KR column below KRs with values ('Validates two strategic
 * hypotheses: ... not just registrations.', '本季度重点验证两个假设：……。'): the table's rationale, a note, no KR.
 */
function proseAfterTable(row: unknown[], r: number, st: TableState, krCol: number): boolean {
  if (onlyCell(row) !== krCol || !st.values || r === 0 || !isBlankRow(st.values[r - 1] ?? EMPTY_ROW)) return false;
  const text = cellText(row[krCol]);
  return sentence(text) && !!st.obj && st.obj.krs.some((k) => k.target !== null);
}

/**
 * In a table whose objectives sit on the row of their first KR (the objective cell merged down over its KR rows, or
 * repeated), a line standing alone in its row is no objective of its own: a group heading when a new objective follows
 * it, a note after the table when no KR row follows ('Remember', a link to a guideline). Returns true when it took the row.
 */
function loneLineInSharedTable(row: unknown[], r: number, st: TableState, rd: Reader, cols: TableCols): boolean {
  if (onlyCell(row) < 0 || !st.values) return false;
  const next = nextFilledRow(st.values, r + 1);
  const title = (c: number | undefined) => (c === undefined || !next ? '' : cellText(next[c]));
  const objectiveFollows = !!title(cols.fc.objective) && !!title(cols.fc.kr);
  const shared = (st.sharedRowObjectives ?? 0) > 0 && !st.ownRowObjectives;
  if (!objectiveFollows && !(shared && (!next || onlyCell(next) >= 0))) return false;
  if (objectiveFollows) rd.role(r, 'title');
  else unplacedRow(row, r, rd, LINE_AFTER_TABLE);
  return true;
}

function nextFilledRow(values: unknown[][], from: number): unknown[] | null {
  for (let r = from; r < values.length; r++) {
    const row = Array.isArray(values[r]) ? values[r] : EMPTY_ROW;
    if (!isBlankRow(row)) return row;
  }
  return null;
}

const LINE_AFTER_TABLE: Msg = {
  en: 'a line alone after the table, with no key result: a note, kept in the sheet, not in the grid',
  zh: '表格后单独的一行，没有关键结果：作为备注保留在原表中，未放入新表',
};

/**
 * A row holding several KRs, one group of columns each (KR1 / KR1 target / KR2 / ...): its objective, then a KR per
 * filled group, each read from its own group's columns and the row's shared ones (owner, due...).
 */
function groupRow(row: unknown[], r: number, groups: KrGroup[], st: TableState, rd: Reader, cols: TableCols): void {
  if (lineBetweenTables(row, r, st, rd, cols)) return;
  const { fc } = cols;
  const objText = fc.objective === undefined ? '' : cellTitle(row[fc.objective]);
  const filled = groups.filter((g) => !isBlank(row[g.kr]));
  if (!filled.length) return plainRow(row, r, st, rd, cols);
  let o = st.obj;
  if (!o || (objText && !sameTitle(o.title, objText))) {
    o = objectiveFromRow(row, r, objText, false, rd, cols);
    st.obj = o;
    st.objectives.push(o);
  }
  const grouped = new Set(groups.flatMap((g) => Object.keys(g.fields) as Field[]));
  for (const g of filled) {
    const gfc: TableCols['fc'] = { ...fc, kr: g.kr };
    for (const f of grouped) gfc[f] = g.fields[f];
    st.kr = krFromRow(row, r, cellTitle(row[g.kr]), o, rd, { ...cols, fc: gfc });
    o.krs.push(st.kr);
  }
  rd.role(r, objText ? 'objective+kr' : 'kr');
}

/**
 * Under a caption line, a row of two or more short words naming at most one of this table's roles in its columns
 * ('Element | Definition', 'Tier | Status | Criteria', 'Metric | Result'): the header of another table (definitions, a
 * protocol, metrics), whose rows are no OKR rows. Ends at this table's header again or an objective line.
 */
function otherHeader(row: unknown[], fields: (Field | null)[]): boolean {
  let cells = 0;
  let agree = 0;
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (isBlank(v)) continue;
    if (typeof v !== 'string' || !SHORT_HEADER.test(v.trim())) return false;
    const f = matchHeader(v);
    if (f && f === fields[c]) agree++;
    cells++;
  }
  // One word agreeing by chance ('Metric | Result' under a KR column) does not make this table's header again.
  return cells >= 2 && agree <= 1;
}
const SHORT_HEADER = /^(?:[A-Z][A-Za-z]{0,15}(?: [A-Za-z]{1,15})?|[\u4e00-\u9fff]{2,4})$/;
const OTHER_TABLE: Msg = {
  en: 'a row of another table (its own header under a caption line): kept in the sheet, not in the grid',
  zh: '另一个表格中的行（标题行下有其自己的表头）：保留在原表中，未放入新表',
};

/**
 * The header of another table under a caption line, and why its rows are no OKR rows: a header of other words
 * (otherHeader), or one sharing this table's value columns whose title column names something else than key results
 * ('KPI | Target | Current' after 'Key Result | Target | Current': a dashboard of other measures). Right under an
 * objective line a table is that objective's, whatever its title column says. Null when the row is no such header.
 */
function foreignHeader(row: unknown[], r: number, header: TableLayout, st: TableState, rd: Reader): Msg | null {
  if (otherHeader(row, header.fields)) return OTHER_TABLE;
  const tc = header.fields.indexOf('kr');
  const v = tc < 0 ? undefined : row[tc];
  if (typeof v !== 'string' || !SHORT_HEADER.test(v.trim()) || matchHeader(v) !== null) return null;
  const above = st.values ? lastFilledRow(st.values, r - 1) : -1;
  if (st.obj && st.obj.row === rd.r0 + above) return null;
  return otherHeader(
    row.map((x, c) => (c === tc ? '' : x)),
    [],
  )
    ? otherMeasures(v.trim())
    : null;
}
const otherMeasures = (word: string): Msg => ({
  en: `a row of a table of other measures (its first column is "${word}", not key results): kept in the sheet, not in the grid`,
  zh: `另一类指标表中的行（首列为“${word}”，不是关键结果）：保留在原表中，未放入新表`,
});

function lastFilledRow(values: unknown[][], from: number): number {
  for (let r = from; r >= 0; r--) if (Array.isArray(values[r]) && !isBlankRow(values[r])) return r;
  return -1;
}

/**
 * A row of the task table being read, or the header opening one (`opens`: under a caption line or a blank row, in a
 * table of plain rows; an export's rows say their own type). Returns true when it took the row.
 */
function tasksTake(row: unknown[], r: number, st: TableState, rd: Reader, opens: boolean): boolean {
  return (!!st.tasks && taskRow(row, r, st, rd)) || (opens && opensTaskTable(row, r, st, rd));
}

/**
 * A task table's header under a caption line or a blank row (`# | 任务 | 类型 | 状态`): its rows are work, no KRs. They
 * are the initiatives of the KR line right above the table (`KR1.1: ...` between tables), else of the objective: a
 * task table after a whole KR table is the plan of the objective, not of its last KR.
 */
function opensTaskTable(row: unknown[], r: number, st: TableState, rd: Reader): boolean {
  const tc = taskHeader(row);
  if (!tc) return false;
  rd.role(r, 'header');
  st.tasks = { cols: tc, obj: st.obj, kr: krLineAbove(r, st, rd) };
  st.foreign = null;
  return true;
}

/**
 * The KR whose labelled line (`KR2：...` alone in its row) stands right above a task table, with only captions and
 * notes between; null when the last KR is a row of the KR table (its cells beside it).
 */
function krLineAbove(r: number, st: TableState, rd: Reader): KeyResult | null {
  const kr = st.kr;
  const values = st.values ?? [];
  const at = kr ? kr.row - rd.r0 : -1;
  const krRow = at >= 0 ? values[at] : undefined;
  const c = Array.isArray(krRow) ? onlyCell(krRow) : -1;
  if (c < 0 || typeof krRow![c] !== 'string' || readLine(krRow![c] as string).role !== 'kr') return null;
  for (let i = r - 1; i > at; i--) {
    const row = Array.isArray(values[i]) ? values[i] : EMPTY_ROW;
    if (!isBlankRow(row) && onlyCell(row) < 0) return null;
  }
  return kr;
}

/**
 * A row of the task table: its task cell is an initiative (of the KR its KR column names, else of the table's KR or
 * objective); its other cells stay in the sheet beside it, listed. A line alone outside the task column, an item
 * line or another header ends the table (returns false: the row is read as any other).
 */
function taskRow(row: unknown[], r: number, st: TableState, rd: Reader): boolean {
  const t = st.tasks!;
  const c = onlyCell(row);
  const only = c >= 0 && typeof row[c] === 'string' ? readLine(row[c] as string) : null;
  // A line alone over another table's header is that table's caption ('Deliverables' over `Deliverables | Owner`).
  const next = c >= 0 ? nextFilledRow(st.values ?? [], r + 1) : null;
  const caption = !!next && onlyCell(next) < 0 && (!!taskHeader(next) || otherHeader(next, []));
  const wider = row.length > t.cols.last + 1 && row.slice(t.cols.last + 1).some((v) => !isBlank(v));
  if ((c >= 0 && c !== t.cols.task) || (only && only.role !== 'text') || caption || wider || taskHeader(row)) {
    st.tasks = undefined;
    return false;
  }
  taskItem(row, r, t, st.objectives, rd);
  return true;
}

/** A task table being read: its columns, and the objective or KR its rows are the work of. */
interface TaskTable {
  cols: TaskColumns;
  obj: Objective | null;
  kr: KeyResult | null;
  /** The last row read (in an outline a blank row ends the table). */
  last?: number;
}

/**
 * One task row: its task cell is an initiative of the KR its KR column names, else of the table's KR or objective;
 * its other cells stay in the sheet beside it, each listed (its number in a `#` column is structure).
 */
function taskItem(row: unknown[], r: number, t: TaskTable, objectives: Objective[], rd: Reader): void {
  const title = cellTitle(row[t.cols.task]);
  if (!title || !t.obj) return unplacedRow(row, r, rd, title ? INITIATIVE_WITHOUT_OBJECTIVE : NOTE_ROW);
  const ref = t.cols.kr === null ? '' : cellText(row[t.cols.kr]);
  const named = ref ? namedKr(ref, t.obj, objectives) : null;
  const owner = named ? (objectives.find((o) => o.id === named.objectiveId) ?? t.obj) : t.obj;
  addInitiative(owner, named ?? t.kr, title, r, t.cols.task, rd);
  rd.role(r, 'initiative');
  for (let k = 0; k < row.length; k++) {
    if (k === t.cols.task || isBlank(row[k]) || (k === t.cols.kr && named)) continue;
    if (k === t.cols.index && TASK_NUMBER.test(cellText(row[k]))) continue;
    rd.unplace(r, k, cellText(row[k]) || describeValue(row[k]), k === t.cols.kr ? TASK_KR_UNKNOWN : TASK_CELL);
  }
}
const TASK_NUMBER = /^#?\d{1,4}$/;

/** A row nothing took: each filled cell is listed (nothing is skipped silently). */
function unplacedRow(row: unknown[], r: number, rd: Reader, reason: Msg): void {
  rd.role(r, 'note');
  for (let c = 0; c < row.length; c++)
    if (!isBlank(row[c])) rd.unplace(r, c, cellText(row[c]) || describeValue(row[c]), reason);
}

const NOTE_ROW: Msg = {
  en: 'a row with no objective, key result or initiative: kept in the sheet, not in the grid',
  zh: '这一行没有目标、关键结果或举措：保留在原表中，未放入新表',
};

/** A row of an export whose type column says Objective / Key Result / Initiative, with its parent in Aligned To. */
function typedRow(
  row: unknown[],
  r: number,
  type: RowType | null,
  st: TableState,
  rd: Reader,
  cols: TableCols,
  parentTitle?: string | null,
): void {
  const { fc } = cols;
  const title = fc.objective === undefined ? '' : cellTitle(row[fc.objective]);
  if (!type || !title)
    return unplacedRow(
      row,
      r,
      rd,
      type || cols.typeCol === undefined ? NOTE_ROW : unknownRowType(describeValue(row[cols.typeCol])),
    );
  const parent = parentTitle
    ? normalizeHeader(parentTitle)
    : fc.alignedTo === undefined
      ? ''
      : parentKey(parentRef(row[fc.alignedTo]), st);
  if (type === 'objective') {
    st.obj = objectiveFromRow(row, r, title, true, rd, cols);
    // A parent named by its id ('1' in Parent Row IDs) is shown by its title.
    if (parentTitle) st.obj.alignedTo = parentTitle;
    st.objectives.push(st.obj);
    remember(st.objByTitle, st.obj, title, row, fc);
    st.kr = null;
  } else if (type === 'kr') {
    const o = st.objByTitle.get(parent) ?? st.obj ?? blankObjective(row, r, st, rd, cols);
    st.kr = krFromRow(row, r, title, o, rd, cols);
    o.krs.push(st.kr);
    remember(st.krByTitle, st.kr, title, row, fc);
  } else {
    const k = st.krByTitle.get(parent) ?? null;
    const o = k ? st.objectives.find((x) => x.id === k.objectiveId)! : (st.objByTitle.get(parent) ?? st.obj);
    if (!o) return unplacedRow(row, r, rd, INITIATIVE_WITHOUT_OBJECTIVE);
    addInitiative(o, k ?? (st.objByTitle.has(parent) ? null : st.kr), title, r, fc.objective as number, rd);
  }
  rd.role(r, type);
}

type RowType = 'objective' | 'kr' | 'initiative';

/** The key an item is found by under its id (beside its title) in the title maps: never a normalised title. */
const idKey = (id: string) => `\u0000id:${normalizeHeader(id)}`;

/** An item of a row-type export, found later by its title and by its row's id (when the export has an id column). */
function remember<T>(map: Map<string, T>, item: T, title: string, row: unknown[], fc: TableCols['fc']): void {
  map.set(normalizeHeader(title), item);
  if (fc.id !== undefined && !isBlank(row[fc.id])) map.set(idKey(cellText(row[fc.id])), item);
}

/** A parent's key: its id when an item read so far has that id (titles may repeat across periods), else its title. */
function parentKey(ref: { title: string; id: string | null }, st: TableState): string {
  const k = ref.id === null ? null : idKey(ref.id);
  return k !== null && (st.objByTitle.has(k) || st.krByTitle.has(k)) ? k : normalizeHeader(ref.title);
}

/** A goal list's tree: each row's type, and the title of its parent when the parent column holds ids. */
interface GoalTree {
  types: (RowType | null)[];
  parentTitle: (string | null)[];
}

/**
 * Rows of a goal list with only a title and a parent column (Asana's Name / Parent goal; Peoplebox's Goal Title /
 * Parent Row IDs, the parent named by its id): a goal without a parent in the sheet is an objective; a goal with
 * children and no values of its own is an objective too (aligned to its parent); the others are key results of an
 * objective parent, initiatives of a KR parent.
 */
function typesByParent(values: unknown[][], from: number, fc: TableCols['fc']): GoalTree {
  const rows = goalRows(values, from, fc);
  const types: (RowType | null)[] = [];
  const parentTitle: (string | null)[] = [];
  const typeOf = (r: number, depth: number): RowType => {
    if (types[r]) return types[r]!;
    const g = rows.get(r)!;
    const up = g.parent === undefined || depth > 8 ? null : typeOf(g.parent, depth + 1);
    let t: RowType = 'objective';
    if (up && !(g.children > 0 && !g.measured)) t = up === 'objective' ? 'kr' : 'initiative';
    return (types[r] = t);
  };
  for (const [r, g] of rows) {
    typeOf(r, 0);
    parentTitle[r] = g.parent === undefined || !g.byId ? null : rows.get(g.parent)!.title;
  }
  return { types, parentTitle };
}

interface GoalRow {
  title: string;
  parent?: number;
  /** The parent cell named an id, not a title. */
  byId: boolean;
  children: number;
  /** Start, target or current filled on the row. */
  measured: boolean;
}

/** The goal rows of a parent-linked list, each with its parent's row (by title, or by the id column's value). */
function goalRows(values: unknown[][], from: number, fc: TableCols['fc']): Map<number, GoalRow> {
  const rowOf = (r: number) => (Array.isArray(values[r]) ? values[r] : EMPTY_ROW);
  const byTitle = new Map<string, number>();
  const byId = new Map<string, number>();
  const out = new Map<number, GoalRow>();
  for (let r = from; r < values.length; r++) {
    const row = rowOf(r);
    const title = cellTitle(row[fc.objective!]);
    if (!title) continue;
    byTitle.set(normalizeHeader(title), r);
    if (fc.id !== undefined && !isBlank(row[fc.id])) byId.set(normalizeHeader(cellText(row[fc.id])), r);
    const measured = (['start', 'target', 'current'] as const).some(
      (f) => fc[f] !== undefined && !isBlank(row[fc[f]!]),
    );
    out.set(r, { title, byId: false, children: 0, measured });
  }
  for (const [r, g] of out) {
    const ref = parentRef(rowOf(r)[fc.alignedTo!]);
    const key = normalizeHeader(ref.title);
    const p = (ref.id === null ? undefined : byId.get(normalizeHeader(ref.id))) ?? byTitle.get(key) ?? byId.get(key);
    if (p === undefined || p === r) continue;
    g.parent = p;
    g.byId = !byTitle.has(key);
    out.get(p)!.children++;
  }
  return out;
}

/**
 * A parent as an export names it: its title, and the id the export appends in brackets (Viva Goals' `Parent
 * title(weight: 14.29%, Id: 2295776)`, `上级目标（权重：20%，ID：12）`). The bracket is a reference, not part of the title.
 */
function parentRef(v: unknown): { title: string; id: string | null } {
  const text = cellText(v);
  const m = PARENT_REF.exec(text);
  if (!m) return { title: text, id: null };
  const id = /(?:^|[\s,，;；(（])(?:id|编号)\s*[:：=]\s*([^\s,，;；)）]+)/i.exec(m[1]);
  return { title: text.slice(0, m.index).trim() || text, id: id ? id[1] : null };
}
/** A trailing bracket of `key: value` pairs naming an id or a weight. */
const PARENT_REF = /\s*[(（]((?:[^()（）]*[\s,，;；])?(?:id|weight|编号|权重)\s*[:：=][^()（）]*)[)）]\s*$/i;

const unknownRowType = (seen: string): Msg => ({
  en: `the type "${seen}" is not Objective, Key Result or Initiative: row not placed`,
  zh: `类型“${seen}”不是 目标、关键结果 或 举措：此行未放入`,
});

function blankObjective(row: unknown[], r: number, st: TableState, rd: Reader, cols: TableCols): Objective {
  const o = objectiveFromRow(row, r, '', false, rd, cols);
  st.objectives.push(o);
  st.obj = o;
  return o;
}

/** A table whose text column labels each line (`目标一：...`, `关键结果二：...`): each row is what its label says. */
function itemRow(row: unknown[], r: number, itemCol: number, st: TableState, rd: Reader, cols: TableCols): void {
  const text = cellText(row[itemCol]);
  const line = readLine(text);
  const packed = line.term ? packedItems(text) : null;
  if (packed) return packedRow(row, r, itemCol, packed, st, rd, cols);
  if (line.role === 'objective-label' || line.role === 'kr-label' || line.role === 'initiative-label')
    return rd.role(r, 'title');
  if (line.role === 'text' || line.role === 'other-label' || !line.title) return unplacedRow(row, r, rd, NOTE_ROW);
  if (line.role === 'objective') {
    st.obj = objectiveFromRow(row, r, line.title, true, rd, cols);
    st.obj.cells.objective = rd.ref(r, itemCol);
    st.objectives.push(st.obj);
    st.kr = null;
  } else if (line.role === 'kr') {
    const o = st.obj ?? blankObjective(row, r, st, rd, cols);
    st.kr = krFromRow(row, r, line.title, o, rd, cols);
    o.krs.push(st.kr);
  } else if (st.obj) addInitiative(st.obj, st.kr, line.title, r, itemCol, rd);
  else return unplacedRow(row, r, rd, INITIATIVE_WITHOUT_OBJECTIVE);
  rd.role(r, line.role);
}

/** A row whose item cell packs an objective and its KR (`Goal: ...; Target: ...`): both, the KR under the objective. */
function packedRow(
  row: unknown[],
  r: number,
  itemCol: number,
  packed: { objective: string; kr: string },
  st: TableState,
  rd: Reader,
  cols: TableCols,
): void {
  if (!st.obj || !sameTitle(st.obj.title, packed.objective)) {
    st.obj = objectiveFromRow(row, r, packed.objective, false, rd, cols);
    st.obj.cells.objective = rd.ref(r, itemCol);
    st.objectives.push(st.obj);
  }
  st.kr = krFromRow(row, r, packed.kr, st.obj, rd, cols);
  st.obj.krs.push(st.kr);
  rd.role(r, 'objective+kr');
}

function anyFilled(row: unknown[], fc: Partial<Record<Field, number>>, fields: Field[]): boolean {
  for (const f of fields) {
    const c = fc[f];
    if (c !== undefined && !isBlank(row[c])) return true;
  }
  return false;
}

function hasDataBelow(values: unknown[][], from: number, c: number): boolean {
  for (let r = from; r < values.length; r++) {
    const row = values[r];
    if (Array.isArray(row) && !isBlank(row[c])) return true;
  }
  return false;
}

function isBlankRow(row: unknown[]): boolean {
  for (let c = 0; c < row.length; c++) if (!isBlank(row[c])) return false;
  return true;
}

/** Cells right of the header: kept as unknown columns keyed by their column letter. */
function carryWideColumns(row: unknown[], width: number, rd: Reader, columns: ColumnInfo[], seen: Set<number>): void {
  for (let c = width; c < row.length; c++) {
    if (isBlank(row[c]) || seen.has(c)) continue;
    seen.add(c);
    columns.push({ col: rd.c0 + c, header: '', field: null });
  }
}

/** The row's values in unknown columns, added to `into` (NO_EXTRA, the shared empty one, when there are none). */
function extrasOf(
  row: unknown[],
  cols: TableCols,
  rd: Reader,
  into: Readonly<Record<string, unknown>> = NO_EXTRA,
): Readonly<Record<string, unknown>> {
  let extra = into;
  for (const u of cols.unknown) {
    const v = row[u.col];
    if (!isBlank(v)) extra = withExtra(extra, u.key, v);
  }
  for (let c = cols.width; c < row.length; c++)
    if (!isBlank(row[c])) extra = withExtra(extra, colLetter(rd.c0 + c), row[c]);
  return extra;
}

/**
 * Items without values in unknown columns (most of them) share one frozen empty `extra`, and KRs without initiatives
 * one frozen empty list: 10,000 KRs would otherwise keep 20,000 empty objects, each one more for the garbage collector
 * to copy. An item gets its own object with its first value.
 */
const NO_EXTRA: Readonly<Record<string, unknown>> = Object.freeze({});
const NO_INITIATIVES: readonly Initiative[] = Object.freeze([]);

/** `extra` with key set to value: the same object, or a new one in place of the shared empty one. */
function withExtra(extra: Readonly<Record<string, unknown>>, key: string, value: unknown): Record<string, unknown> {
  const own = (extra === NO_EXTRA ? {} : extra) as Record<string, unknown>;
  own[key] = value;
  return own;
}

function objectiveFromRow(
  row: unknown[],
  r: number,
  title: string,
  ownRow: boolean,
  rd: Reader,
  cols: TableCols,
): Objective {
  const { fc } = cols;
  let id: string | null = null;
  const idCol = rd.typedIdCols[r] ?? -1;
  if (ownRow) {
    const typed = rd.typedIds[r] ?? null;
    if (typed) {
      if (rd.ids.claim(typed)) id = typed;
      else rd.problemText('id', r, idCol, typed, duplicateId(typed));
    }
  }
  const o = newObjective(title, rd.r0 + r, ownRow, id ?? rd.ids.generate('O', [title]));
  if (fc.objective !== undefined) o.cells.objective = rd.ref(r, fc.objective);
  if (ownRow && id) o.cells.id = rd.ref(r, idCol);
  fillObjective(o, row, r, rd, cols, ownRow);
  if (ownRow) {
    o.extra = extrasOf(row, cols, rd);
    if (fc.notes !== undefined) {
      const n = cellText(row[fc.notes]);
      if (n) {
        o.notes = n;
        o.cells.notes = rd.ref(r, fc.notes);
      }
    }
    if (fc.owner !== undefined) {
      const w = cellText(row[fc.owner]);
      if (w) {
        o.owner = w;
        o.cells.owner = rd.ref(r, fc.owner);
      }
    }
  }
  return o;
}

const duplicateId = (id: string): Msg => ({
  en: `"${id}" is used by an earlier row too: this row gets a new id`,
  zh: `“${id}” 已被前面的行使用：本行将使用新的编号`,
});

/** Objective-level fields (level, cycle, type, aligned to) from a row, filling only what is still blank. */
function fillObjective(o: Objective, row: unknown[], r: number, rd: Reader, cols: TableCols, ownRow: boolean): void {
  const { fc } = cols;
  if (o.level === null && fc.level !== undefined && !isBlank(row[fc.level])) {
    const lv = parseLevel(row[fc.level]);
    if (lv) {
      o.level = lv;
      o.cells.level = rd.ref(r, fc.level);
    } else
      rd.problemText(
        'level',
        r,
        fc.level,
        describeValue(row[fc.level]),
        unknownWord(describeValue(row[fc.level]), 'company, department, team, individual', '公司、部门、团队、个人'),
      );
  }
  if (o.cycle === null && fc.cycle !== undefined && !isBlank(row[fc.cycle])) fillObjectiveCycle(o, row, r, rd, fc);
  if (o.cells.type === undefined && fc.type !== undefined && !isBlank(row[fc.type])) {
    const t = parseCommitment(row[fc.type], cols.typeYes);
    if (t) {
      o.commitment = t;
      o.cells.type = rd.ref(r, fc.type);
    } else if (ownRow)
      rd.problemText(
        'type',
        r,
        fc.type,
        describeValue(row[fc.type]),
        unknownWord(describeValue(row[fc.type]), 'committed or aspirational', '承诺型 或 挑战型'),
      );
  }
  if (o.alignedTo === null && fc.alignedTo !== undefined) {
    const a = parentRef(row[fc.alignedTo]).title;
    if (a) {
      o.alignedTo = a;
      o.cells.alignedTo = rd.ref(r, fc.alignedTo);
    }
  }
  if (!ownRow && o.owner === null && fc.owner !== undefined) {
    const w = cellText(row[fc.owner]);
    if (w) {
      o.owner = w;
      o.cells.owner = rd.ref(r, fc.owner);
    }
  }
}

/** A cadence word instead of a cycle ('Quarterly', '季度'): with the row's due date it names the cycle holding it. */
const CADENCE: [RegExp, CycleKind][] = [
  [/^(?:quarterly|每?季度|按季度?)$/i, 'quarter'],
  [/^(?:monthly|每?月度?|按月)$/i, 'month'],
  [/^(?:half[- ]?yearly|semi[- ]?annual(?:ly)?|bi-?annual|半年度?)$/i, 'half'],
  [/^(?:yearly|annual(?:ly)?|每?年度)$/i, 'year'],
];

function fillObjectiveCycle(o: Objective, row: unknown[], r: number, rd: Reader, fc: TableCols['fc']): void {
  const c = fc.cycle!;
  let cy = rd.cycle(row[c]);
  if (!cy && fc.due !== undefined) {
    const kind = CADENCE.find(([re]) => re.test(cellText(row[c])))?.[1];
    const due = kind ? rd.date(row[fc.due]) : null;
    if (kind && due?.ok) cy = cycleOf(due.value, kind);
  }
  if (cy) {
    o.cycle = cy;
    o.cells.cycle = rd.ref(r, c);
  } else {
    const seen = describeValue(row[c]);
    rd.problemText('cycle', r, c, seen, unknownWord(seen, '2026-Q4, 2026-10 or 2026', '2026-Q4、2026-10 或 2026'));
  }
}

const unknownWord = (seen: string, en: string, zh: string): Msg => ({
  en: `"${seen}" is not understood (use ${en})`,
  zh: `无法识别“${seen}”（请使用 ${zh}）`,
});

function addInitiative(o: Objective, kr: KeyResult | null, title: string, r: number, c: number, rd: Reader): void {
  const parent = kr ? kr.id : o.id;
  const item: Initiative = { id: rd.ids.generate('E', [parent, title]), title, cell: rd.ref(r, c) };
  // A KR's list is its own (so it may grow) once it has an item; the shared empty one is frozen.
  if (kr && kr.initiatives === NO_INITIATIVES) kr.initiatives = [item];
  else if (kr) (kr.initiatives as Initiative[]).push(item);
  else (o.initiatives ??= []).push(item);
}

/**
 * A KR's `inferred` set is shared with every KR whose fields were inferred alike (most have none, or the same one or
 * two): 10,000 KRs would otherwise keep 10,000 small objects alive for every collection to copy. The sets are frozen;
 * markInferred replaces a KR's set with the one holding one more field, each such step made once.
 */
type InferredSet = KeyResult['inferred'];
const NOT_INFERRED: InferredSet = Object.freeze({});
const withInferred = new WeakMap<InferredSet, Map<Field, InferredSet>>();

function markInferred(kr: KeyResult, f: Field): void {
  const from = kr.inferred;
  if (from[f]) return;
  let next = withInferred.get(from);
  if (!next) withInferred.set(from, (next = new Map()));
  let to = next.get(f);
  if (!to) next.set(f, (to = Object.freeze({ ...from, [f]: true as const })));
  kr.inferred = to;
}

/** The KR's inferred set without f (rare: a set made here is the KR's own, still frozen). */
function unmarkInferred(kr: KeyResult, f: Field): void {
  if (!kr.inferred[f]) return;
  const own: Partial<Record<Field, true>> = { ...kr.inferred };
  delete own[f];
  kr.inferred = Object.freeze(own);
}

function newKr(id: string, row: number, title: string, objectiveId: string): KeyResult {
  return {
    id,
    row,
    title,
    kind: 'increase',
    start: 0,
    startGiven: false,
    target: null,
    current: null,
    unit: null,
    weight: null,
    due: null,
    confidence: null,
    owner: null,
    updated: null,
    commitment: 'aspirational',
    objectiveId,
    initiatives: NO_INITIATIVES,
    cols: {},
    inferred: NOT_INFERRED,
    extra: NO_EXTRA,
  };
}

function krFromRow(row: unknown[], r: number, title: string, o: Objective, rd: Reader, cols: TableCols): KeyResult {
  const { fc } = cols;
  const id = typedKrId(r, rd);
  const kr = newKr(id ?? rd.ids.generate('KR', [o.title, title]), rd.r0 + r, title, o.id);
  if (id) kr.cols.id = rd.c0 + (rd.typedIdCols[r] ?? -1);
  if (fc.kr !== undefined) kr.cols.kr = rd.c0 + fc.kr;
  // The objective's fields on its first KR row were read when it was made from that row.
  if (o.row !== rd.r0 + r && !cols.typed) fillObjective(o, row, r, rd, cols, false);
  const targetInfo = readStartTarget(kr, row, r, rd, fc, cols.year);
  if (kr.target !== null && !kr.startGiven && FROM_TO_HINT.test(title)) startFromWording(kr, rd.wording(title));
  const kindTyped = readTypedKind(kr, row, r, rd, fc);
  if (
    kr.target === null &&
    !kr.placeholder &&
    !thresholdsNamed.has(kr) &&
    title &&
    !(kindTyped && kr.kind === 'binary')
  ) {
    const t = rd.wording(title);
    fillFromWording(kr, t);
    const why = wordingStatesNoTarget(kr, t);
    if (why) rd.problemText('target', r, fc.kr ?? 0, title, why);
  }
  readCurrent(kr, row, r, title, kindTyped, rd, fc);
  if (kr.current === null && fc.current !== undefined) countInTargetUnit(kr, row[fc.current], targetInfo);
  currentInTargetUnit(kr, row, fc.current, targetInfo, rd);
  if (kr.current === null && cols.currentInWords !== undefined) currentFromWords(kr, row, cols.currentInWords);
  if (kr.current === null && cols.periods) currentFromPeriods(kr, row, cols.periods, rd);
  readUnit(kr, row, r, title, targetInfo, rd, fc);
  readWeightAndDates(kr, row, r, rd, cols);
  readConfidence(kr, row, r, rd, fc);
  readKrOwnerAndType(kr, row, r, o, rd, cols);
  readKrTexts(kr, row, r, rd, fc);
  if (fc.kr !== undefined) titlePrefix(kr, row[fc.kr]);
  kr.extra = extrasOf(row, cols, rd, kr.extra);
  return kr;
}

/**
 * An owner or priority written before a title cell's text (`[P0] Ship`, `(@ana) Cut churn`): its title lost them
 * (cellTitle), the KR keeps them, its own Owner cell first.
 */
function titlePrefix(kr: KeyResult, v: unknown): void {
  if (typeof v !== 'string' || !PREFIX_HINT.test(v)) return;
  const line = readLine(v);
  if (line.owner && kr.owner === null) {
    kr.owner = line.owner;
    markInferred(kr, 'owner');
  }
  if (line.priority && (kr.extra.Priority === undefined || kr.extra.Priority === null))
    kr.extra = withExtra(kr.extra, 'Priority', line.priority);
}
const PREFIX_HINT =
  /^\s*(?:[-*•]\s*)?(?:[`[【(（@]|p[0-9]|负责人|责任人|owner|[^()（）:：]{1,24}[(（]\s*p[0-9]\s*[)）]\s*[:：])/i;

/** The row's typed id when it is still free (a duplicate is a problem, and the KR gets a generated id). */
function typedKrId(r: number, rd: Reader): string | null {
  const typed = rd.typedIds[r] ?? null;
  if (!typed) return null;
  if (rd.ids.claim(typed)) return typed;
  rd.problemText('id', r, rd.typedIdCols[r] ?? -1, typed, duplicateId(typed));
  return null;
}

/** A number cell of a KR field: the parsed number, or null when blank or unreadable (then a problem is recorded). */
function numberCell(kr: KeyResult, f: Field, row: unknown[], r: number, c: number | undefined, rd: Reader) {
  if (c === undefined || isBlank(row[c])) return null;
  const p = rd.number(row[c]);
  if (p.ok && f === 'target' && p.unit && changeInCell(row[c])) {
    // '25% reduction': a change from an unstated start, no target of 25% (the message says what to type).
    rd.problemText(f, r, c, describeValue(row[c]), relativeWithoutStart(changeInCell(row[c])!));
    return null;
  }
  if (p.ok) {
    rd.recordSource(kr, f, r, c);
    return p;
  }
  if (!p.blank) {
    if (f === 'target' && p.error.kind === 'placeholder') kr.placeholder = true;
    if (f === 'target' && p.error.kind === 'not-a-number' && targetFromWords(kr, cellText(row[c]), r, c, rd))
      return null;
    if (f === 'target' && p.error.kind === 'not-a-number' && thresholdsNamed.has(kr)) return null;
    rd.problem(f, r, c, p.error);
  }
  return null;
}

/** The change relative to an unstated start a cell of a number with words states ('25% reduction'), or null. */
const changeInCell = (v: unknown) => (typeof v === 'string' ? inferFromText(v).relative : null);

/** A target cell opening with a quantity ('$83k/mo to $93k/mo', '8% 到 15%'): its words run from that quantity. */
const OPENS_WITH_NUMBER = /^[$¥€£]?\s?\d/;

/**
 * A target cell in words is read like a KR's wording: '$83k/mo to $93k/mo' -> from 83000 to 93000, '50%+ of all
 * orders' -> 0.5; a relative change, several measures or no number state none. The cell still gets a problem: the
 * sheet's formulas need the number alone.
 */
function targetFromWords(kr: KeyResult, text: string, r: number, c: number, rd: Reader): boolean {
  if (listsMeasures(text, rd.wording(kr.title).measures > 1)) {
    thresholdsNamed.add(kr);
    rd.problemText('target', r, c, describeValue(text), severalThresholds(describeValue(text)));
    return false;
  }
  const t = inferFromText(OPENS_WITH_NUMBER.test(text) ? `from ${text}` : text);
  if (t.placeholder) kr.placeholder = true;
  if (t.target === null) return false;
  kr.target = t.target;
  markInferred(kr, 'target');
  if (t.start !== null && !kr.startGiven) {
    kr.start = t.start;
    kr.startGiven = true;
    markInferred(kr, 'start');
  }
  const read = t.start !== null ? `from ${t.start} to ${t.target}` : String(t.target);
  const zh = t.start !== null ? `从 ${t.start} 到 ${t.target}` : String(t.target);
  rd.problemText('target', r, c, describeValue(text), {
    en: `"${describeValue(text)}" is words, read as ${read}: type the number alone so the sheet's formulas can use it`,
    zh: `“${describeValue(text)}”是文字，按 ${zh} 读取：请只填写数字，表中的公式才能使用`,
  });
  return true;
}

/** A quantity opening a part: a figure (after a sign such as ≤), or a number word ('ZERO critical harm', '零事故'). */
const QUANTITY_START = String.raw`[≤≥<>~≈+\-−]?\s*[$¥€£]?\s*(?:\d|(?:zero|one|two|three|four|five|six|seven|eight|nine|ten)\b|零(?!售)|两)`;
const QUANTITY = new RegExp(`^${QUANTITY_START}`, 'i');
/**
 * Where a list of measures breaks: ';', '•', '|', a Chinese comma or '、', or a comma (not inside a figure) before a
 * quantity: after 'avg score >50' the comma's words qualify the first measure ('10 articles, avg score >50').
 */
const MEASURE_BREAK = new RegExp(String.raw`\s*[;；•|｜，、]\s*|(?<!\d)\s*,\s*(?=${QUANTITY_START})`, 'i');
/** A figure of a pair, with a comparator or a threshold's name before it ('≥85', 'stretch: 95', 'min 80%'). */
const PAIR_FIGURE = String.raw`(?:(?:target|goal|stretch|min(?:imum)?|max(?:imum)?|floor|base)\s*:?\s*)?[≥≤<>]?=?\s*\d[\d,.]*\s?%?(?:\s*(?:stretch|target))?`;
/**
 * Two bare figures side by side ('85 / 95', '≥85 / 95', '25% / 90%', '100 / 30%', '85 / 95 (stretch)'): the thresholds
 * of two measures, or a target and a stretch, not a rate. Glued ('85/95') only where the KR's words name two measures,
 * as '4/4' alone is four of four.
 */
const FIGURE_PAIR = new RegExp(String.raw`^\s*${PAIR_FIGURE}\s+\/\s+${PAIR_FIGURE}\s*$`, 'i');
const GLUED_PAIR = new RegExp(String.raw`^\s*${PAIR_FIGURE}\s*\/\s*${PAIR_FIGURE}\s*$`, 'i');
const BRACKETED_NOTE = /[(（[【][^)）\]】]*[)）\]】]/g;

/**
 * Whether a target cell lists several measures ('≤8h/vehicle install; ≤14 days site cutover', '2× lidar, 2× camera
 * stacks', '≤0.5 / 1k km, ZERO critical harm', '签约10家；复购率≥30%', '85 / 95'): no one of them is the KR's target.
 * Notes in brackets ('3 sites (1× Mining, 1× Logistics)') are no measures of their own.
 */
function listsMeasures(text: string, wordsNameSeveral: boolean): boolean {
  const bare = text.replace(BRACKETED_NOTE, ' ');
  if (FIGURE_PAIR.test(bare) || (wordsNameSeveral && GLUED_PAIR.test(bare))) return true;
  const parts = bare.split(MEASURE_BREAK);
  return parts.filter((p) => /\d/.test(p) || QUANTITY.test(p.trim())).length >= 2;
}

/**
 * KRs whose Target cell names several thresholds: no single target, and their words are not read for one either (the
 * cell said what the target is).
 */
const thresholdsNamed = new WeakSet<KeyResult>();
const severalThresholds = (seen: string): Msg => ({
  en: `"${seen}" names several thresholds (several measures, or a target and a stretch): no single target read; type the one number the score is measured against`,
  zh: `“${seen}”写了多个阈值（多个指标，或目标与挑战值）：未读取单一目标；请填写计分所依据的那一个数字`,
});

/** A date cell of a KR field: the ISO date, or null when blank or unreadable (then a problem is recorded). */
function dateCell(f: Field, row: unknown[], r: number, c: number | undefined, rd: Reader): string | null {
  if (c === undefined || isBlank(row[c])) return null;
  const p = rd.date(row[c]);
  if (p.ok) return p.value;
  if (!p.blank) rd.problem(f, r, c, p.error);
  return null;
}

/** A from-to in a KR's words: an arrow or a from-word ('18%→24%', 'from 5 to 8', '从35%提升到42%'). */
const FROM_TO_HINT = /→|->|⟶|\bfrom\b|\bde\b|从|由/i;

/**
 * A KR whose words run from-to ('商家搜索点击率 18%→24%') beside a typed target of the same number: the words state
 * its start. A typed target the words do not name leaves the start unstated (the words may be out of date).
 */
function startFromWording(kr: KeyResult, t: TextInference): void {
  if (t.start === null || t.target === null || Math.abs(t.target - kr.target!) > 1e-9 * Math.abs(kr.target!)) return;
  kr.start = t.start;
  kr.startGiven = true;
  markInferred(kr, 'start');
}

/** Start and target cells (current waits for the kind); returns the target's number info for the unit. */
function readStartTarget(kr: KeyResult, row: unknown[], r: number, rd: Reader, fc: TableCols['fc'], year?: number) {
  const start = numberCell(kr, 'start', row, r, fc.start, rd);
  if (start) {
    kr.start = start.value;
    kr.startGiven = true;
  }
  if (fc.target !== undefined && dueInTargetCell(kr, row, r, fc.target, year ?? rd.year, rd)) return null;
  const target = numberCell(kr, 'target', row, r, fc.target, rd);
  if (target) kr.target = target.value;
  return mixedTimes(kr, start, target);
}

/**
 * A month and day in a target cell, before-words after it ('3/31', '5/31 前完成', 'by 4/15'): when the KR is due. A
 * day up to 12 needs the before-word ('3/5' alone may be a score of 3 out of 5).
 */
const DAY_TARGET = /^\s*(?:(by|before|due)\s+)?(\d{1,2})\/(\d{1,2})\s*((?:之?前|以前|截止)[\u4e00-\u9fff]{0,3})?\s*$/i;
/** A full date in a target cell ('2026-03-31', '3月31日前'): with the before-word taken off. */
const DATE_TARGET =
  /^\s*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*[日号]?|\d{1,2}\s*月\s*\d{1,2}\s*[日号])\s*(?:之?前|以前|截止)?[\u4e00-\u9fff]{0,3}\s*$/;

/**
 * A target cell holding a date ('3/31', '5/31 前完成' for a launch): the KR's due date, in the year the sheet names,
 * and no target. Returns whether it was one (the due column, read later, still wins).
 */
function dueInTargetCell(kr: KeyResult, row: unknown[], r: number, c: number, year: number | undefined, rd: Reader) {
  const v = row[c];
  if (typeof v !== 'string' || (!v.includes('/') && !/\d\s*[-年月]/.test(v))) return false;
  const d = DAY_TARGET.exec(v);
  let iso: string | null = null;
  if (d && year !== undefined) {
    const [month, day] = [Number(d[2]), Number(d[3])];
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31 && (day > 12 || d[1] || d[4]))
      iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  } else {
    const full = DATE_TARGET.exec(v);
    const p = full ? parseDate(full[1], { year }) : null;
    if (p?.ok) iso = p.value;
  }
  if (!iso) return false;
  kr.due = iso;
  markInferred(kr, 'due');
  rd.problemText('target', r, c, v, {
    en: `"${v}" is a date: read as the due date ${iso}, no target; type the date in a due column`,
    zh: `“${v}”是日期：按截止日期 ${iso} 读取，没有目标值；请把日期填在截止日期列`,
  });
  return true;
}

/**
 * A current cell in words opening with a count in the target's unit ('2 人到岗 + 1 人 offer 已发' for a target of
 * '3 人'): the count reached; the words after it qualify it.
 */
function countInTargetUnit(kr: KeyResult, v: unknown, target: NumberInfo | null): void {
  if (typeof v !== 'string' || !target?.unit) return;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([^\s\d+，,;；(（]+)/.exec(v);
  if (!m || !m[2].startsWith(target.unit)) return;
  kr.current = Number(m[1]);
  markInferred(kr, 'current');
}

const SECONDS: NumberInfo = Object.freeze({ percent: false, currency: null, unit: 's' });

/** Start and target in different units of time ('3 semanas' -> '5 días', '4 hrs' -> '30 min'): both in seconds. */
function mixedTimes(kr: KeyResult, start: NumberInfo | null, target: NumberInfo | null): NumberInfo | null {
  const ss = start && secondsIn(start.unit);
  const ts = target && secondsIn(target.unit);
  if (!ss || !ts || ss === ts) return target;
  kr.start *= ss;
  kr.target! *= ts;
  return SECONDS;
}

/** A current cell in another unit of time than the target ('2 semanas' for a target in days): in the target's unit. */
function currentInTargetUnit(
  kr: KeyResult,
  row: unknown[],
  c: number | undefined,
  target: NumberInfo | null,
  rd: Reader,
) {
  const ts = target && secondsIn(target.unit);
  if (!ts || c === undefined || kr.current === null || typeof row[c] !== 'string') return;
  const p = rd.number(row[c]);
  const cs = p.ok ? secondsIn(p.unit) : null;
  if (cs && cs !== ts) kr.current = (kr.current * cs) / ts;
}

/** The kind typed in its cell ('auto' leaves it to the numbers and wording, as OKRSCORE's kind argument does). */
function readTypedKind(kr: KeyResult, row: unknown[], r: number, rd: Reader, fc: TableCols['fc']): boolean {
  if (fc.kind === undefined || isBlank(row[fc.kind])) return false;
  const k = parseKind(row[fc.kind]);
  if (k === 'auto') return false;
  if (k) {
    kr.kind = k;
    rd.recordSource(kr, 'kind', r, fc.kind);
    return true;
  }
  const seen = describeValue(row[fc.kind]);
  rd.problemText(
    'kind',
    r,
    fc.kind,
    seen,
    unknownWord(
      seen,
      'increase, decrease, stay above, stay below or milestone',
      '增加、降低、不低于、不高于 或 里程碑',
    ),
  );
  return false;
}

/** Current: a number, or done / not done for a milestone; then the kind when it was not typed. */
function readCurrent(
  kr: KeyResult,
  row: unknown[],
  r: number,
  title: string,
  kindTyped: boolean,
  rd: Reader,
  fc: TableCols['fc'],
): void {
  let currentDone: boolean | null = null;
  const c = fc.current;
  if (c !== undefined && !isBlank(row[c])) {
    const p = rd.measure(row[c]);
    if (p.ok) {
      if (p.value.type === 'number') kr.current = p.value.value;
      else currentDone = p.value.done;
      rd.recordSource(kr, 'current', r, c);
    } else if (!p.blank && !currentInCellWords(kr, row[c])) rd.problem('current', r, c, p.error);
  }
  if (!kindTyped) {
    // A target of 0 is read with the wording too: 'Zero oversells' over a Target cell of 0 (Convert writes the target
    // it read from the words there) stays a count held at 0, whether the 0 came from the words or the cell.
    const consult = kr.target === null || kr.target === 0 || kr.inferred.target || mentionsDirection(title);
    const words = title && consult ? rd.wording(title) : null;
    kr.kind = inferKind(kr, currentDone, words);
    markInferred(kr, 'kind');
  }
  if (currentDone === null || c === undefined) return;
  if (kr.kind === 'binary') {
    kr.current = currentDone ? 1 : 0;
    return;
  }
  delete kr.cols.current;
  const seen = describeValue(row[c]);
  rd.problemText('current', r, c, seen, {
    en: `"${seen}" says done / not done, but this key result is measured by a number: type the value reached`,
    zh: `“${seen}”表示完成与否，但这个关键结果按数值计分：请填写实际达到的数值`,
  });
}

/**
 * A current cell in words that state the value: a sum's result ('... = 7 total') or a current named as such
 * ('当前3.8%'). Other words ('No page exists') state none. Like currentFromWords, no cell is recorded.
 */
function currentInCellWords(kr: KeyResult, v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const value = sumResult(v) ?? inferFromText(v).current ?? boundedQuantity(v);
  if (value === null) return false;
  kr.current = value;
  markInferred(kr, 'current');
  return true;
}

/** A measured value written with a bound or a score's scale (`<2s`, `3.5/5`, values.ts boundedQuantityShape): that number. */
function boundedQuantity(v: string): number | null {
  if (!boundedQuantityShape(v)) return null;
  const t = inferFromText(v);
  return t.start === null && !t.relative && t.measures <= 1 ? t.target : null;
}

/**
 * The current value inside the words of a progress column ('已签约5家' -> 5, '当前留存率25%' -> 0.25, 'Signed 5 deals'
 * -> 5), read like a KR's wording: a change from an unstated base ('同比增长12%', 'up 12%') states none.
 */
function currentFromWords(kr: KeyResult, row: unknown[], c: number): void {
  const v = row[c];
  if (typeof v !== 'string' || isBlank(v)) return;
  const t = inferFromText(v);
  const value = t.current ?? (t.relative || t.measures > 1 ? null : t.target);
  if (value === null) return;
  // No cell is recorded: the words stay the user's, nothing writes a number over them.
  kr.current = value;
  markInferred(kr, 'current');
}

/**
 * The latest period column (M3, then M2, M1) holding a number is the current value. A tally to fill ('/30') or a word
 * is no value and no problem: the periods are the user's log. No cell is recorded (the column changes row by row).
 */
function currentFromPeriods(kr: KeyResult, row: unknown[], periods: number[], rd: Reader): void {
  for (let i = periods.length - 1; i >= 0; i--) {
    const v = row[periods[i]];
    if (isBlank(v)) continue;
    const p = rd.number(v);
    if (!p.ok) continue;
    kr.current = p.value;
    markInferred(kr, 'current');
    return;
  }
}

/** Unit: typed, or what the target cell or the wording shows. */
function readUnit(
  kr: KeyResult,
  row: unknown[],
  r: number,
  title: string,
  targetInfo: NumberInfo | null,
  rd: Reader,
  fc: TableCols['fc'],
): void {
  if (fc.unit !== undefined && !isBlank(row[fc.unit])) {
    kr.unit = cellText(row[fc.unit]);
    rd.recordSource(kr, 'unit', r, fc.unit);
    return;
  }
  const u = targetInfo
    ? targetInfo.percent
      ? '%'
      : (targetInfo.unit ?? targetInfo.currency)
    : kr.inferred.target
      ? rd.wording(title).unit
      : null;
  if (u) {
    kr.unit = u;
    markInferred(kr, 'unit');
  }
}

/** Weight, due and updated; the stamp the add-in writes when the current value is edited counts as an update too. */
function readWeightAndDates(kr: KeyResult, row: unknown[], r: number, rd: Reader, cols: TableCols): void {
  const { fc } = cols;
  const weight = numberCell(kr, 'weight', row, r, fc.weight, rd);
  if (weight) kr.weight = weight.value;
  const due = dateCell('due', row, r, fc.due, rd);
  if (due !== null) {
    kr.due = due;
    rd.recordSource(kr, 'due', r, fc.due as number);
  }
  const updated = dateCell('updated', row, r, fc.updated, rd);
  if (updated !== null) {
    kr.updated = updated;
    rd.recordSource(kr, 'updated', r, fc.updated as number);
  }
  // The later date wins; an unreadable stamp is the add-in's own cell, not the user's problem.
  const st = cols.stamped;
  if (st !== undefined && !isBlank(row[st])) {
    const p = rd.date(row[st]);
    if (p.ok && (!kr.updated || p.value > kr.updated)) {
      kr.updated = p.value;
      rd.recordSource(kr, 'updated', r, st);
    }
  }
}

function readConfidence(kr: KeyResult, row: unknown[], r: number, rd: Reader, fc: TableCols['fc']): void {
  if (fc.confidence === undefined || isBlank(row[fc.confidence])) return;
  const c = parseConfidence(row[fc.confidence]);
  if (c) {
    kr.confidence = c;
    rd.recordSource(kr, 'confidence', r, fc.confidence);
    return;
  }
  const seen = describeValue(row[fc.confidence]);
  rd.problemText(
    'confidence',
    r,
    fc.confidence,
    seen,
    unknownWord(seen, 'high, medium, low or 0-10', '高、中、低 或 0-10'),
  );
}

/** Owner and committed / aspirational: the KR's own cells, else its objective's. */
function readKrOwnerAndType(kr: KeyResult, row: unknown[], r: number, o: Objective, rd: Reader, cols: TableCols): void {
  const { fc } = cols;
  if (fc.owner !== undefined && !isBlank(row[fc.owner])) {
    kr.owner = cellText(row[fc.owner]);
    rd.recordSource(kr, 'owner', r, fc.owner);
  } else if (o.owner) {
    kr.owner = o.owner;
    markInferred(kr, 'owner');
  }
  const t = fc.type !== undefined && !isBlank(row[fc.type]) ? parseCommitment(row[fc.type], cols.typeYes) : null;
  if (t) {
    kr.commitment = t;
    rd.recordSource(kr, 'type', r, fc.type as number);
    return;
  }
  kr.commitment = o.commitment;
  markInferred(kr, 'type');
  if (fc.type === undefined || isBlank(row[fc.type])) return;
  const seen = describeValue(row[fc.type]);
  rd.problemText('type', r, fc.type, seen, unknownWord(seen, 'committed or aspirational', '承诺型 或 挑战型'));
}

/** Notes, the add-in's score, status, and where the aligned-to cell is. */
function readKrTexts(kr: KeyResult, row: unknown[], r: number, rd: Reader, fc: TableCols['fc']): void {
  if (fc.notes !== undefined && !isBlank(row[fc.notes])) {
    kr.notes = cellText(row[fc.notes]);
    rd.recordSource(kr, 'notes', r, fc.notes);
  }
  if (fc.score !== undefined && !isBlank(row[fc.score])) {
    // The add-in's own column: a stale or #NAME? value is not the user's mistake, so it is not a problem.
    const p = parseNumber(row[fc.score]);
    kr.score = p.ok ? p.value : null;
    rd.recordSource(kr, 'score', r, fc.score);
  }
  if (fc.status !== undefined && !isBlank(row[fc.status])) {
    kr.status = cellText(row[fc.status]);
    rd.recordSource(kr, 'status', r, fc.status);
  }
  if (fc.alignedTo !== undefined && !isBlank(row[fc.alignedTo])) kr.cols.alignedTo = rd.c0 + fc.alignedTo;
}

/**
 * The numbers a KR's wording gives where its cells gave none: a target ("to 300"), a start ("from 125"), the value
 * reached ("(current is 125k)"), or a change relative to the start ("by 3%": the target is computed from a known start,
 * never read as an absolute 3%).
 */
function fillFromWording(kr: KeyResult, t: TextInference): void {
  if (t.target !== null) {
    kr.target = t.target;
    markInferred(kr, 'target');
  }
  if (!kr.startGiven && t.start !== null && (t.target !== null || t.relative)) {
    kr.start = t.start;
    kr.startGiven = true;
    markInferred(kr, 'start');
  }
  if (t.relative && kr.target === null) {
    kr.relative = t.relative;
    if (kr.startGiven) {
      const { by, percent, down, times } = t.relative;
      const sign = down ? -1 : 1;
      const target = times ? kr.start * by : percent ? kr.start * (1 + sign * by) : kr.start + sign * by;
      if (Number.isFinite(target)) {
        kr.target = target;
        markInferred(kr, 'target');
      }
    }
  }
  if (t.current !== null && kr.current === null) {
    kr.current = t.current;
    markInferred(kr, 'current');
  }
  if (t.placeholder) kr.placeholder = true;
}

const relativeWithoutStart = (rel: NonNullable<KeyResult['relative']>): Msg => {
  if (rel.times)
    return {
      en: `says ${rel.by} times the start, not a target of ${rel.by}: give the start value (or the target itself)`,
      zh: `写的是起始值的 ${rel.by} 倍，不是目标值 ${rel.by}：请填写起始值（或直接填写目标值）`,
    };
  const by = rel.percent ? `${+(rel.by * 100).toFixed(6)}%` : String(rel.by);
  const dir = rel.down ? { en: 'lower', zh: '降低' } : { en: 'higher', zh: '提高' };
  return {
    en: `says ${by} ${dir.en} than the start, not a target of ${by}: give the start value (or the target itself)`,
    zh: `写的是比起始值${dir.zh}${by}，不是目标值 ${by}：请填写起始值（或直接填写目标值）`,
  };
};

/**
 * Why a KR whose wording names numbers still has no target: a change from an unstated start, several measures, or a
 * number that names a version or product ('React 18').
 */
function wordingStatesNoTarget(kr: KeyResult, t: TextInference): Msg | null {
  if (kr.target !== null) return null;
  if (kr.relative) return relativeWithoutStart(kr.relative);
  if (t.measures > 1)
    return {
      en: `names ${t.measures} measures in separate clauses, so no single target was taken: type the one to score as the target`,
      zh: `分句中写了 ${t.measures} 个衡量指标，无法确定唯一目标值：请把要评分的那个填为目标值`,
    };
  if (t.named)
    return {
      en: `the number in "${t.named}" names a version, product, standard or code, not a quantity to reach: read as done or not done; type a target if the KR has one`,
      zh: `“${t.named}”中的数字是版本、产品、标准或代码的名称，不是要达到的数量：按完成/未完成读取；如有目标值请填写`,
    };
  return null;
}

/**
 * The kind a KR's numbers and words imply: no number at all -> a milestone (binary); "from 5% to 3%", "reduce",
 * "at least", "at most" -> their kind; start above target -> decrease; otherwise increase.
 */
function inferKind(kr: KeyResult, currentDone: boolean | null, t: TextInference | null): KrKind {
  if (kr.target === null) {
    if (currentDone !== null && kr.current === null) return 'binary';
    if (!kr.placeholder && (!t || t.kind === 'binary')) return 'binary';
  }
  if (t && t.kind && t.kind !== 'binary') {
    // The wording's direction must agree with typed numbers; typed numbers win.
    if (
      kr.startGiven &&
      kr.target !== null &&
      !kr.inferred.target &&
      (t.kind === 'increase' || t.kind === 'decrease')
    ) {
      return kr.start > kr.target ? 'decrease' : 'increase';
    }
    return t.kind;
  }
  if (kr.startGiven && kr.target !== null && kr.start > kr.target) return 'decrease';
  return 'increase';
}

// ---------------------------------------------------------------------------------------------------------------
// Outline form

type ItemKind = 'objective' | 'kr' | 'initiative';

const PLACEHOLDER_LINE: Msg = {
  en: 'only a priority or owner label with no text: a placeholder for an item not written yet, not read as one',
  zh: '只有优先级或负责人标签而没有内容：尚未填写的占位项，未作为条目读取',
};

/** An outline line's item, or null for a title or any other line (see line-roles.ts). */
export function outlineItem(line: string): { kind: ItemKind; title: string } | null {
  const r = readLine(line);
  return r.role === 'objective' || r.role === 'kr' || r.role === 'initiative'
    ? r.title
      ? { kind: r.role, title: r.title }
      : null
    : null;
}

/** A label alone in its cell ('O', 'KR1', 'E', '目标'), its text in the next cell. */
const BARE_LABEL =
  /^(?:o|e|kr[0-9]*|objectives?|key\s*results?|目标|关键结果|关键成果|执行|举措|initiatives?|tasks?)\s*(?:[0-9]+(?:\.[0-9]+)*|[一二三四五六七八九十]+)?\s*[:：]?$/i;

/** One non-blank line of an outline: its sheet row, the cell it is in, and what it says it is. */
interface OutlineLine {
  r: number;
  c: number;
  text: string;
  line: LineReading;
  /** The sheet row, and how many of its cells are filled (a row of several cells is a table's row, not a line). */
  row?: unknown[];
  cells?: number;
  /**
   * Not an item whatever it says: a glossary line (a note, with this reason), or markup (a heading's underline, a code
   * fence): structure, no content.
   */
  skip?: Msg | 'markup';
  /** A line of its own naming only a cycle (namesOnlyCycle): a title giving the cycle, never an item. */
  cycleOnly?: boolean;
  /** A KR's label heading over the heading stating it (see markKrCaptions), and that statement. */
  krCaption?: boolean;
  krStatement?: boolean;
  /** A row of a table of three or more columns, under its header, whose first cell is a label (`KR1`): a table row. */
  inTable?: boolean;
}

/** Filled cells of a row, counting up to `max`. */
function filledCount(row: unknown[], max: number): number {
  let n = 0;
  for (let c = 0; c < row.length && n < max; c++) if (!isBlank(row[c])) n++;
  return n;
}

/**
 * A row of a table standing inside an outline ('Date | KR #1 | KR #2', a relation table 团队 | OKR | 关联指标): three
 * filled cells or more, its first a line with no label (a line with a value beside it, `Grow revenue | 50%`, stays a
 * line).
 */
function isTableRow(l: OutlineLine | undefined): boolean {
  return !!l && (l.cells ?? 1) >= 3 && (l.line.role === 'text' || !!l.inTable);
}

/** A row of three or more cells beside another such row (a table's header or body). */
function inTableBody(values: unknown[][], r: number): boolean {
  if (filledCount(values[r] as unknown[], 3) < 3) return false;
  const near = (i: number) => (Array.isArray(values[i]) ? filledCount(values[i], 3) >= 3 : false);
  return near(r - 1) || near(r + 1);
}

/** The outline's lines: the first filled text cell of each row; a label alone in its cell joins the next cell. */
function outlineLines(values: unknown[][]): OutlineLine[] {
  const out: OutlineLine[] = [];
  for (let r = 0; r < values.length; r++) {
    const row = Array.isArray(values[r]) ? values[r] : EMPTY_ROW;
    let c = 0;
    while (c < row.length && isBlank(row[c])) c++;
    if (c >= row.length || typeof row[c] !== 'string') continue;
    const text = row[c] as string;
    const line = readLine(text);
    // A label in its own cell, the text in the next one: | KR1 | 完成... |; not in a table's body under its header
    // (`KR | Loại | Vì sao chọn` over `KR1 | Leading | ...`: a table explaining the KRs, see inTable) or its header.
    const next = row[c + 1];
    const label = line.role !== 'text' ? !line.title : BARE_LABEL.test(text.trim());
    if (label && inTableBody(values, r)) {
      out.push({ r, c, text, line, row, cells: 3, inTable: true });
      continue;
    }
    if (label && typeof next === 'string' && next.trim()) {
      const joined = readLine(`${text.trim()}: ${next.trim()}`);
      if (joined.title) {
        out.push({ r, c: c + 1, text: next, line: joined });
        continue;
      }
    }
    out.push({ r, c, text, line, row, cells: filledCount(row, 3) });
  }
  return out;
}

/**
 * Lines no item comes from whatever they say: a glossary's (`4. 目标：近期聚焦达成的事项` beside `1. 使命：...`), and the
 * underlines (and overlines) of reStructuredText or setext headings (`人造上帝` over `========`), whose text line is a
 * heading.
 */
function markOutline(lines: OutlineLine[]): void {
  for (const i of glossaryLines(lines, (term) => matchHeader(term) !== null)) lines[i].skip = GLOSSARY_LINE;
  for (const l of lines) if (CODE_FENCE.test(l.text)) l.skip = 'markup';
  fencedGlossaries(lines);
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i];
    const above = lines[i - 1];
    if (l.skip) continue;
    if (!UNDERLINE.test(l.text) || above.r !== l.r - 1 || above.skip || UNDERLINE.test(above.text)) continue;
    if (above.line.role !== 'text' || above.line.bullet || above.line.numbered || above.line.heading) continue;
    l.skip = 'markup';
    above.line.heading = 1;
    const over = lines[i - 2];
    if (over && over.r === l.r - 2 && over.text.trim() === l.text.trim()) over.skip = 'markup';
  }
}
/** The lines of a fenced block that define the OKR words (fencedGlossary) are a glossary's: notes. */
function fencedGlossaries(lines: OutlineLine[]): void {
  let open = -1;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].skip !== 'markup' || !CODE_FENCE.test(lines[i].text)) continue;
    if (open < 0) {
      open = i;
      continue;
    }
    const block = lines.slice(open + 1, i);
    if (
      block.length <= 12 &&
      fencedGlossary(
        block.map((l) => l.line),
        (term) => matchHeader(term) !== null,
      )
    )
      for (const l of block) l.skip = GLOSSARY_LINE;
    open = -1;
  }
}

/**
 * A KR's label heading with a caption at most (`## KR1`, `## KR1 — Leading Metric`) right over a deeper heading of plain
 * text (`### ≥ 65% users rewrite ...`): the deeper heading states the KR, the label heading only names it.
 */
function markKrCaptions(lines: OutlineLine[]): void {
  for (let i = 0; i + 1 < lines.length; i++) {
    const { line } = lines[i];
    const next = lines[i + 1].line;
    if (!line.heading || (line.role !== 'kr' && line.role !== 'kr-label')) continue;
    // A KR label names one KR by its number (`## KR1`); `### Key Results` over `#### Acquisition` heads a group of KRs.
    if (line.role === 'kr-label' && !/[0-9０-９一二三四五六七八九十]/.test(lines[i].text)) continue;
    if (next.heading <= line.heading || next.role !== 'text' || !next.title) continue;
    lines[i].krCaption = true;
    lines[i + 1].krStatement = true;
  }
}

/** A heading's underline: one punctuation mark repeated (`=====`, `-----`, `~~~~`). */
const UNDERLINE = /^\s*([=\-~^"'#*+:.])\1{2,}\s*$/;
/** A markdown code fence (```` ``` ````, ```` ```yaml ````): it opens or closes a block, never underlines the line above. */
const CODE_FENCE = /^\s*`{3,}[\w+-]*\s*$/;
const GLOSSARY_LINE: Msg = {
  en: 'a line of a list defining words (mission, objective, key result...): a glossary, not an OKR: kept in the sheet',
  zh: '这一行属于解释名词的列表（使命、目标、关键结果……），是名词解释而不是 OKR：保留在原表中',
};

/**
 * How an outline states its structure: whether any line has an explicit objective / KR label, and, when none has,
 * whether a plain line opens a bullet list (plain lines are then the objectives: see plainObjective).
 */
function outlineStyle(lines: OutlineLine[]): OutlineStyle {
  let objectives = false;
  let krs = false;
  let plain = false;
  lines.forEach((l, i) => {
    if (l.skip) return;
    // An 'Objective:' label line marks objectives as explicitly as 'O1:' does: headings then are no objectives.
    if (l.line.role === 'objective' || l.line.role === 'objective-label') objectives = true;
    if (l.line.role === 'kr' || l.line.role === 'kr-label') krs = true;
    if (!plain && plainLine(l) && opensBullets(l, lines[i + 1])) plain = true;
  });
  return { objectives, krs, plain: plain && !objectives && !krs };
}
type OutlineStyle = { objectives: boolean; krs: boolean; plain?: boolean };

/** A line with no mark of any kind: no heading, list mark, emphasis, quote, `Term:` or link; no sentence. */
function plainLine(l: OutlineLine): boolean {
  const { line } = l;
  if (line.role !== 'text' || !line.title || line.term || line.heading || line.bold || line.quote) return false;
  return !isListed(line) && !LINK_ONLY.test(line.title) && !/\]\(/.test(line.title) && !isSentence(line);
}

/** The next line is a bullet on the row right below, as deep or deeper. */
function opensBullets(l: OutlineLine, next: OutlineLine | undefined): boolean {
  const n = next?.line;
  return !!n && next!.r === l.r + 1 && n.role === 'text' && n.bullet && !n.bold && n.depth >= l.line.depth;
}

/**
 * In an outline with no labels at all, a plain line is an objective when bullets follow it ('Make the stream good!' /
 * '- 12 streams': its KRs), or, where the outline has such objectives, when it stands alone (a blank row or the end
 * after it) under a heading naming a cycle ('### Q2 2020' / 'Hold a Squad Game Jam': an objective with no KR yet).
 */
function plainObjective(l: OutlineLine, ctx: Context): boolean {
  if (!ctx.style.plain || ctx.mode !== 'none' || !plainLine(l)) return false;
  const next = ctx.next;
  if (next && next.r === l.r + 1) return opensBullets(l, next);
  return !!ctx.cycle;
}

/**
 * A heading naming only a cycle ('### FY24Q3', '## Q3 2024 OKRs', '2024年第一季度', '# 2026 Goals'): the cycle of what
 * follows, never an objective.
 */
const CYCLE_WORDS =
  /\b(?:okrs?|goals?|objectives?(?:\s*(?:&|and)\s*key\s*results?)?|plan)\b|目标|规划|計画|[-–—:：()（）]/gi;
function namesOnlyCycle(title: string, today: string): boolean {
  const rest = title.replace(CYCLE_WORDS, ' ').trim();
  return !!rest && rest.length <= 20 && parseCycle(rest, { today }) !== null;
}

/** The role an unlabelled line takes from where it stands. */
type Context = {
  style: OutlineStyle;
  mode: 'none' | 'krs' | 'initiatives' | 'objective';
  obj: boolean;
  /** The outline level (outlineLevel) of the KR being read: lines below it in the outline are its parts. */
  krLevel: number | null;
  next: OutlineLine | undefined;
  /** The line after the next one (see introducesNext). */
  afterNext?: OutlineLine;
  /** The row of the `Key Results:` label or of the bare KR line under it: a plain line right below is a KR too. */
  bareAfter?: number | null;
  /** The cycle the last heading or title named ('## 2019 Q1', '# 2022OKR'): the cycle of the objectives under it. */
  cycle?: Cycle | null;
  /** A line stated the period (periodLine): the cycle titles above the objectives no longer set. */
  periodStated?: boolean;
  /** The year the titles above name ('2025 年人生 OKR 计划'): the year of a quarter under them named without one. */
  year?: number;
  /** The label line that set the mode ('- **Key Results**:', '关键成果：'). */
  label?: LineReading;
  /** Heading levels naming objectives whose bullets are KRs (krHeadingLevels), and the current objective's heading. */
  krLevels?: Set<number>;
  /** Rows of bold lines naming a group of the KRs listed under them (krGroupLines). */
  krGroups?: Set<number>;
  /** Rows of sub-headings holding a value of the objective heading above them (valueSubHeadings). */
  valueHeads?: Set<number>;
  objHeading?: number;
  /**
   * The last KR's line while a list of its work may follow (see partOfKr), up to the next heading, label or objective.
   */
  krOwn?: LineReading;
  /** The KR being read is a statement under its label heading (markKrCaptions): the list under it explains it. */
  krNotes?: boolean;
  /** The outline level of a notes heading (`## 问题和挑战`, `**Risks**`): the lines below it are notes. */
  notesLevel?: number | null;
};

const NOTE_WORD = [...NOTE_SECTION_WORDS]
  .sort((a, b) => b.length - a.length)
  .map((w) => w.replace(/\s+/g, String.raw`\s+`))
  .join('|');
/** A heading made of note words (NOTE_SECTION_WORDS), joined by 和 / 与 / & / and / 、 / '/'. */
const NOTES_HEADING = new RegExp(
  String.raw`^(?:${NOTE_WORD})(?:\s*(?:和|与|及|、|&|\band\b|,|/)\s*(?:${NOTE_WORD}))*\s*[:：]?$`,
  'i',
);

/**
 * Whether a line stands in a notes section: under a heading or bold line of note words, up to the next line as high
 * (a heading of the same level or above) or an objective's line. The notes heading itself is 'heading': a title that
 * names no objective, whatever list follows it.
 */
function inNotesSection(ctx: Context, line: LineReading, text: string): boolean | 'heading' {
  const level = outlineLevel(line);
  const n = ctx.notesLevel;
  if (n != null && (level <= n || line.role === 'objective' || line.role === 'objective-label')) ctx.notesLevel = null;
  if (ctx.notesLevel != null) return true;
  // A label word alone may head notes too ('## Next Actions' reads as a work label): its words, marks stripped.
  const title =
    line.title || line.term || (line.role.endsWith('-label') ? text.replace(/^[#*_\s]+|[*_:：\s]+$/g, '') : '');
  if (!(line.heading || (line.bold && !isListed(line))) || title.length > 30 || !NOTES_HEADING.test(title))
    return false;
  ctx.notesLevel = level;
  return 'heading';
}

/** A category naming a group of KRs: a few words, no number, no sentence ('Features', 'Runtime Support', '销售体系'). */
const GROUP_NAME = /^(?:[A-Za-z][A-Za-z/&+-]*(?: [A-Za-z/&+-]+){0,2}|[\u4e00-\u9fff]{2,8})$/;

/** Under a Key Results label, a listed category with KRs listed under it ('- Features' / '  - [ ] Peerpad is private'). */
function groupsKrs(l: OutlineLine, next: LineReading | undefined): boolean {
  return !!next && next.depth > l.line.depth && next.role === 'text' && GROUP_NAME.test(l.line.title);
}

/**
 * A bold line of its own naming a group of KRs (`**Movement and routine**`, `**Salud financiera**`, `**用户增长**`): a few
 * words, no number, no sentence mark, no link.
 */
const KR_GROUP_NAME = /^(?:[\p{L}][\p{L}'’&/-]*(?: (?:[\p{L}][\p{L}'’&/-]*|&)){0,5}|[\u3400-\u9fff]{2,10})$/u;

/**
 * Rows of bold lines that head a group of KRs rather than being a KR: under a Key Results label such a line is a KR
 * and the list under it its parts, unless those items carry KR fields at their own depth (`- Bike to work 3x a week` /
 * `- Measure: commutes per week`): then the items are the KRs and the bold line only groups them.
 */
function krGroupLines(lines: OutlineLine[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const { line } = lines[i];
    if (!line.bold || line.heading || isListed(line) || line.role !== 'text') continue;
    if (KR_GROUP_NAME.test(line.title) && itemsCarryFields(lines, i + 1)) out.add(lines[i].r);
  }
  return out;
}

/**
 * Rows of sub-headings holding a value of the objective heading above them (`## Assessments revenue target` / `### Team`
 * / `Assessments` / `### Key Results`, `#### Owner` / a name / `#### Due` / a date / `#### Key Results`): a heading over
 * one to three plain lines whose section ends at the KR label, or at a sibling heading that is the KR label or another
 * such sub-heading. It names a property of the objective, not an objective of its own.
 */
function valueSubHeadings(lines: OutlineLine[]): Set<number> {
  const out = new Set<number>();
  for (let i = lines.length - 1; i >= 0; i--) {
    const h = lines[i].line.heading;
    if (!h) continue;
    let j = i + 1;
    while (j < lines.length && j - i <= 4 && !lines[j].line.heading && lines[j].line.role !== 'kr-label') j++;
    const end = lines[j];
    if (j - i < 2 || j - i > 4 || !end || (end.line.heading && end.line.heading !== h)) continue;
    if (!lines.slice(i + 1, j).every((l) => valueLine(l.line))) continue;
    if (end.line.role === 'kr-label' || out.has(end.r)) out.add(lines[i].r);
  }
  return out;
}

/** A plain line stating a value (`Assessments`, `张伟`, `2027-06-30`): no list mark, label, emphasis or sentence. */
const valueLine = (line: LineReading): boolean =>
  line.role === 'text' && !isListed(line) && !line.bold && !line.quote && !!line.title && line.title.length <= 40;

/** Whether the list from lines[from] has, after its first item, a KR field line (krFieldLabel) at that item's depth. */
function itemsCarryFields(lines: OutlineLine[], from: number): boolean {
  const first = lines[from]?.line;
  if (!first || !isListed(first) || first.role !== 'text' || krFieldLabel(first.title)) return false;
  for (let j = from + 1; j < lines.length && j < from + 40 && isListed(lines[j].line); j++) {
    const l = lines[j].line;
    if (l.depth === first.depth && krFieldLabel(l.title)) return true;
  }
  return false;
}

/** `Measure: ...`, `Target: ...`, `目标值：...`: the label of a line holding a KR's field, or null. */
function krFieldLabel(title: string): string | null {
  const label = PROPERTY.exec(title)?.[1].trim();
  // A field's name is a word or two ('Target', 'Tracking support', '目标值'), not a clause ending in a colon.
  if (!label || label.split(/\s+/).length > 3 || /[\u3400-\u9fff]{7}|[(（[]/.test(label)) return null;
  const named = matchHeader(label);
  const field = named === 'objective' ? 'target' : named;
  return MEASURE_LABEL.test(label) || (field && PROPERTY_FIELDS.has(field)) ? label : null;
}

/**
 * Where a line stands in the outline, lower numbers higher: headings by their level, then a bold line of its own (a
 * level people use between headings and lists: `**Ship the companion**` over its bullets), then plain lines and list
 * items by their indentation. Bullets under a KR heading or a bold KR line are that KR's parts.
 */
function outlineLevel(line: LineReading): number {
  if (line.heading) return line.heading;
  if (line.bold && !isListed(line)) return 7;
  return 8 + line.depth;
}

/** The first item of a numbered list ('1、', '1.', '(1)', '①'). */
const FIRST_ITEM = /^\s*(?:[(（]\s*1\s*[)）]|1\s*[.．)）、](?!\d)|①)/;

/**
 * In an outline with no labels, a line that is no item of a numbered list (a plain line, or a bullet) followed by
 * that list's first item ('提高团队交付效率' / '1、...' / '2、...') is the objective those items are the KRs of.
 */
function opensNumberedList(l: OutlineLine, next: OutlineLine | undefined): boolean {
  const { line } = l;
  if (line.heading || line.quote || line.numbered || !line.title || /[:：]$/.test(line.title)) return false;
  const n = next?.line;
  return !!n && n.numbered && !n.bullet && n.role === 'text' && n.depth >= line.depth && FIRST_ITEM.test(next!.text);
}

/**
 * Heading levels under which some section holds a flat list of plain bullets (none with sub-bullets): headings of that
 * level name objectives and their bullets are KRs, so under any of them a bullet with sub-bullets is a KR with its
 * parts, not an objective ('### Build team' / '- hiring 2 developers' / '    - 1 full stack ...').
 */
function krHeadingLevels(lines: OutlineLine[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const h = lines[i].line.heading;
    if (!h || out.has(h)) continue;
    let listed = 0;
    let top = Infinity;
    let nested = false;
    for (let j = i + 1; j < lines.length && !lines[j].line.heading; j++) {
      const l = lines[j].line;
      if (!(l.bullet || l.numbered) || l.role !== 'text') continue;
      if (listed && l.depth > top) nested = true;
      top = Math.min(top, l.depth);
      listed++;
    }
    if (listed > 0 && !nested) out.add(h);
  }
  return out;
}

/**
 * A sentence defining an OKR word ('Objectives are qualitative, ambitious...', 'Key Results are a set of metrics...',
 * '关键结果是指衡量目标的指标'): an explanation, no item, even under an `Objectives` / `Key Results` label.
 */
const DEFINES_WORD =
  /^(?:(?:the\s+)?(?:objectives|key\s*results|krs|okrs|initiatives)\s+(?:are|mean|refer\s+to)|an?\s+(?:objective|key\s*result|kr|okr|initiative)\s+(?:is|means|refers\s+to))\s+(?!to\s)|^(?:目标|关键结果|关键成果|OKR)\s*(?:[(（][^)）]*[)）])?\s*(?:是指|指的是|是一种|是一组|即|就是)/i;

/**
 * A line that is only a link (`[Q4 OKRs](https://...)`, `https://...`), perhaps with a bracketed note after it
 * (`[Q1 共建计划](https://...)（仅限共建者查看）`): a reference to read elsewhere, no item.
 */
const LINK_ONLY = /^(?:\[[^\]\n]*\]\([^)\s]+\)|<?https?:\/\/\S+>?)(?:\s*[(（][^()（）\n]{1,30}[)）])?[.;,，。]?$/;
/** A note numbered by the items it comments on ('3. & 4.: ...', '3. - 5. ...', '1、2：...'): a note, not a list item. */
const ITEM_REFERENCE = /^\s*\d{1,2}\s*[.．)）]?\s*(?:[&,，、]|and|和|与|及|[-–~～]|to|至)\s*\d{1,2}\s*[.．:：)）]/i;

function placeText(l: OutlineLine, ctx: Context): ItemKind | 'heading' | 'note' {
  const { line } = l;
  const listed = line.bullet || line.numbered;
  if (line.quote || (line.numbered && ITEM_REFERENCE.test(l.text)) || DEFINES_WORD.test(line.title)) return 'note';
  if (l.cycleOnly) return 'heading';
  // Under an 'Objective:' label line its text is the objective, a list item ('- Build ...') or a plain line alike.
  if (ctx.mode === 'objective' && !line.heading) return 'objective';
  const next = ctx.next?.line;
  // A heading or bold line opens a list of KRs when plain list lines follow it (bold list lines are objectives themselves).
  const opensList =
    !!next &&
    next.role === 'text' &&
    !LINK_ONLY.test(next.title) &&
    (next.bullet || next.numbered) &&
    !next.bold &&
    !next.heading &&
    (next.depth > line.depth || !listed);
  const krWithParts = ctx.obj && !!ctx.objHeading && !!ctx.krLevels?.has(ctx.objHeading);
  // A list item with items under it, below the KR being read, is one of its parts, not an objective.
  const underKr = ctx.krLevel !== null && outlineLevel(line) > ctx.krLevel;
  if (underKr && ctx.krNotes) return 'note';
  const parent = listed && !!next && next.depth > line.depth && !krWithParts && !underKr;
  // Under a Key Results label a bold line of its own is a KR, the list under it its parts (bold lines are a level).
  if (ctx.mode === 'krs' && ctx.obj && line.bold && !listed && !line.heading)
    return ctx.krGroups?.has(l.r) ? 'heading' : 'kr';
  if (krGroupHeading(ctx, line)) return 'heading';
  if (!ctx.style.objectives && (line.heading || line.bold || parent) && opensList) return 'objective';
  if (!ctx.style.objectives && !ctx.style.krs && opensNumberedList(l, ctx.next)) return 'objective';
  if (plainObjective(l, ctx)) return 'objective';
  if (ctx.mode === 'krs' && listed && groupsKrs(l, next)) return 'heading';
  // A bold sentence ('**WORK IN PROGRESS. This document will change.**') is a note, not a heading.
  if (line.heading || (line.bold && !listed && !sentence(line.title))) return 'heading';
  // Plain lines right under a `Key Results:` label (a rendered page drops the list marks) are its KRs, up to a blank
  // row or a table's caption.
  // The same under an `Iniciativas:` label; a `Q2: name` line is no bare item.
  if (!listed && ctx.obj && ctx.bareAfter === l.r - 1 && !line.term && !isTableRow(ctx.next)) {
    if (introducesNext(ctx)) return 'note';
    if (ctx.mode === 'krs') return 'kr';
    if (ctx.mode === 'initiatives') return 'initiative';
  }
  if (!listed || LINK_ONLY.test(line.title)) return 'note';
  if (ctx.mode === 'initiatives' && ctx.obj) return 'initiative';
  // Under a KR's heading, bold line or a list item deeper than it, or right under a KR line that is no item of its
  // list (see partOfKr), the list is its work; a `Label: value` line ('Confidence: High', '현재: 0%') is about the KR.
  const underKrLine = ctx.krLevel !== null && outlineLevel(line) > ctx.krLevel;
  if (underKrLine || (ctx.obj && partOfKr(ctx.krOwn, line))) return line.term || ctx.krNotes ? 'note' : 'initiative';
  if (ctx.mode === 'krs' && ctx.obj) return 'kr';
  if (ctx.obj && !ctx.style.krs) return 'kr';
  return 'note';
}

/**
 * A plain line right before a label line that opens the next objective's block (`Son metas enfocadas ...` then
 * `Ejemplo:` then `Objetivo: ...`): it introduces that block, no KR of the one above.
 */
function introducesNext(ctx: Context): boolean {
  const label = ctx.next?.line;
  const after = ctx.afterNext?.line;
  return label?.role === 'other-label' && !label.heading && after?.role === 'objective' && !!after.title;
}

/** What reading an outline has gathered so far, line by line (readOutline's state). */
interface OutlineWalk {
  ctx: Context;
  objectives: Objective[];
  obj: Objective | null;
  kr: KeyResult | null;
  /** The KR line whose property lines may follow (reset by any other line). */
  krLine: LineReading | null;
  /** The KR's property line just read (lines nested under it are notes on it: a scale legend). */
  propLine?: LineReading | null;
  lastKr: LineReading | null;
  titles: string[];
  notes: string[];
  dated: string[];
  first: number;
  last: number;
  /** The last heading since the last objective: the objective of KRs that come with none of their own. */
  heading?: OutlineLine | null;
  /** The first period a line states (`**Period:** Nov 4, 2025 - Jan 24, 2026`): the sheet's cycle. */
  period?: Cycle;
  /** The sheet's rows (a task table's cells), and the task table being read. */
  rows: unknown[][];
  tasks?: TaskTable;
}

function readOutline(values: unknown[][], rd: Reader, model: OkrModel): boolean {
  const lines = outlineLines(values);
  markOutline(lines);
  markKrCaptions(lines);
  for (const l of lines)
    if (l.line.role === 'text' && !isListed(l.line) && l.line.title.length <= 30)
      l.cycleOnly = namesOnlyCycle(l.line.title, rd.today);
  const walk: OutlineWalk = {
    ctx: {
      style: outlineStyle(lines),
      mode: 'none',
      obj: false,
      krLevel: null,
      next: undefined,
      krLevels: krHeadingLevels(lines),
      krGroups: krGroupLines(lines),
      valueHeads: valueSubHeadings(lines),
    },
    objectives: [],
    obj: null,
    kr: null,
    krLine: null,
    lastKr: null,
    titles: [],
    notes: [],
    dated: [],
    first: -1,
    last: -1,
    rows: values,
  };
  lines.forEach((l, i) => {
    walk.ctx.next = lines[i + 1];
    walk.ctx.afterNext = lines[i + 2];
    // A blank row or a line that is no list item ends the list of a KR's work (a KR heading's runs to the next heading).
    const prev = lines[i - 1];
    const ends = (prev && l.r > prev.r + 1) || !(l.line.bullet || l.line.numbered);
    if (ends && !walk.ctx.krOwn?.heading) walk.ctx.krOwn = undefined;
    readOutlineLine(walk, l, rd);
  });
  if (!walk.objectives.length) return false;
  model.form = 'outline';
  model.objectives = walk.objectives;
  model.firstRow = rd.r0 + walk.first;
  model.lastRow = rd.r0 + walk.last;
  model.title = walk.titles[0] ?? null;
  model.cycle = walk.period ?? outlineCycle([...walk.titles, ...walk.notes], walk.dated, rd.today);
  return true;
}

/**
 * A line stating the period of the OKRs under it (a `Period:` line anywhere; before the first objective also a sentence
 * giving the start and end dates): the cycle of the objectives that follow, over the quarter a title named.
 */
function periodLine(walk: OutlineWalk, l: OutlineLine, rd: Reader): void {
  const { line } = l;
  if (isListed(line) || (line.role !== 'text' && line.role !== 'other-label')) return;
  const period = statedPeriod(l.text, { today: rd.today, year: walk.ctx.year, sentences: !walk.objectives.length });
  if (!period) return;
  walk.ctx.cycle = period;
  walk.ctx.periodStated = true;
  walk.period ??= period;
}

/** One outline line: a KR's property, a label, a title, a note, or an objective / KR / initiative. */
function readOutlineLine(walk: OutlineWalk, l: OutlineLine, rd: Reader): void {
  const { ctx } = walk;
  const role = l.line.role;
  if (l.skip) return skippedLine(l, rd);
  if (l.line.placeholder) {
    rd.role(l.r, 'note');
    return rd.unplace(l.r, l.c, l.text, PLACEHOLDER_LINE);
  }
  periodLine(walk, l, rd);
  if (pipeOkrLine(walk, l, rd)) return;
  // Property lines follow their KR line directly (or other property lines): anything else ends them.
  const propsOf = walk.krLine;
  const after = walk.propLine ?? null;
  walk.krLine = null;
  walk.propLine = null;
  const notes = inNotesSection(ctx, l.line, l.text);
  if (notes === 'heading') return rd.role(l.r, 'title');
  if (notes) return outlineNote(walk, l, rd);
  if (walk.kr && propsOf && (role === 'text' || role === 'other-label') && krProperty(l, propsOf, walk.kr, rd, after)) {
    walk.krLine = propsOf;
    walk.propLine = after && l.line.depth > after.depth ? after : l.line;
    return;
  }
  const bareAfter = ctx.bareAfter;
  ctx.bareAfter = null;
  closeOnOutdent(ctx, l);
  if (taskTableInOutline(walk, l, rd)) return;
  if (isTableRow(l)) return tableRowInOutline(walk, l, rd);
  if (role === 'other-label') return otherLabelLine(ctx, l, rd);
  if (l.krCaption) return krCaption(ctx, l, rd);
  if (role === 'objective-label' || role === 'kr-label' || role === 'initiative-label') {
    if (role === 'initiative-label' && objectiveWork(ctx, l.line)) walk.kr = null;
    ctx.krOwn = undefined;
    ctx.mode = role === 'objective-label' ? 'objective' : role === 'kr-label' ? 'krs' : 'initiatives';
    // A label opens a new list: the KRs under it set their own level.
    if (role === 'kr-label') ctx.krLevel = null;
    ctx.label = l.line;
    if (role === 'kr-label' || role === 'initiative-label') ctx.bareAfter = l.r;
    rd.role(l.r, 'title');
    return;
  }
  let kind = l.krStatement ? 'kr' : role === 'text' ? placeText(l, { ...ctx, bareAfter }) : role;
  if ((kind === 'kr' || kind === 'initiative') && role === 'text' && !isListed(l.line)) ctx.bareAfter = l.r;
  // A KR listed under a listed KR ('* KR: 3 guides' / '  * KR: guide on X') is a part of it: work under that KR.
  const lastKr = walk.lastKr;
  if (kind === 'kr' && walk.kr && lastKr && isListed(l.line) && isListed(lastKr) && l.line.depth > lastKr.depth)
    kind = 'initiative';
  // The first line above everything names the sheet, unless it is a sentence (an introduction is a note).
  if (
    kind === 'heading' ||
    (kind === 'note' && walk.first < 0 && !walk.titles.length && !l.line.quote && !isSentence(l.line))
  )
    return titleLine(walk, l, kind, rd);
  if (kind === 'note') return outlineNote(walk, l, rd);
  // The KR's property lines may follow its parts too (`- [ ] task` ... `- **衡量标准：** ... > 50%`).
  if (kind === 'initiative' && walk.kr) walk.krLine = propsOf;
  if (kind === 'initiative' && !walk.obj) {
    rd.role(l.r, 'note');
    rd.unplace(l.r, l.c, l.text, INITIATIVE_WITHOUT_OBJECTIVE);
    return;
  }
  itemLine(walk, l, kind as 'objective' | 'kr' | 'initiative', rd);
}

/**
 * The parts of a line joining an OKR with ` | ` and no table around it (`User acquisition | Acquire at least 2000 new
 * users | 1690 new users | 84 %`): objective, a KR stating its target, the result reached, a share (progress). Null
 * for other lines (`Prepared by: HR | Period: ...`, a markdown table row).
 */
function pipeParts(l: OutlineLine): { objective: string; kr: string; current: number } | null {
  const { line } = l;
  if (line.role !== 'text' || isListed(line) || line.heading || line.quote || !l.text.includes(' | ')) return null;
  const parts = l.text.trim().split(/\s+\|\s+/);
  if (parts.length < 3 || parts.length > 4 || parts.some((p) => !p || p.startsWith('|') || p.endsWith('|')))
    return null;
  if (/\d/.test(parts[0]) || inferFromText(parts[1]).target === null) return null;
  const result = inferFromText(parts[2]);
  if (result.target === null || parts[2].length > 30) return null;
  return { objective: parts[0], kr: parts[1], current: result.target };
}

/** A `|`-joined OKR line (pipeParts): its objective and KR; the list under it is the work on that KR. */
function pipeOkrLine(walk: OutlineWalk, l: OutlineLine, rd: Reader): boolean {
  const parts = pipeParts(l);
  if (!parts) return false;
  const { ctx } = walk;
  if (walk.first < 0) walk.first = l.r;
  walk.last = l.r;
  rd.role(l.r, 'objective');
  const obj = outlineObjective(parts.objective, l, rd);
  obj.cycle = governingCycle(parts.objective, obj.cycle, ctx.cycle ?? null);
  walk.objectives.push(obj);
  const kr = outlineKr(obj, parts.kr, l, rd);
  kr.current = parts.current;
  markInferred(kr, 'current');
  Object.assign(walk, { obj, kr, lastKr: null, heading: null });
  Object.assign(ctx, {
    obj: true,
    mode: 'initiatives',
    krLevel: null,
    krOwn: undefined,
    label: l.line,
    krNotes: false,
  });
  return true;
}

/** A KR's label heading over its statement (markKrCaptions): a title opening the KRs; the list under the KR is notes. */
function krCaption(ctx: Context, l: OutlineLine, rd: Reader): void {
  Object.assign(ctx, { mode: 'krs', krOwn: undefined, krLevel: null, label: l.line });
  rd.role(l.r, 'title');
}

function outlineNote(walk: OutlineWalk, l: OutlineLine, rd: Reader): void {
  rd.role(l.r, 'note');
  rd.unplace(l.r, l.c, l.text, NOTE_LINE);
  if (walk.notes.length < 50) walk.notes.push(l.line.title);
  // Where plain lines are the objectives, another plain line (a sentence) ends the list of the one above.
  if (walk.ctx.style.plain && !isListed(l.line)) {
    Object.assign(walk, { obj: null, kr: null, lastKr: null });
    walk.ctx.obj = false;
  }
}

/**
 * A label listed beside a `Key Results:` label and followed by a list (`* **销售体系**：` / `1. ...`, `- Sales:` /
 * `  - ...`) names a group of those KRs: the list goes on under it.
 */
function groupHeading(ctx: Context, l: OutlineLine): boolean {
  const label = ctx.label;
  const next = ctx.next?.line;
  return (
    ctx.mode === 'krs' &&
    ctx.obj &&
    !!label &&
    isListed(label) &&
    isListed(l.line) &&
    l.line.depth >= label.depth &&
    !!next &&
    next.role === 'text' &&
    isListed(next) &&
    next.depth >= l.line.depth
  );
}

/**
 * Under an initiatives label, a bold label over a list of work or over the next such label (`**생산성 향상을 위한
 * 작업:**` / `- [ ] ...`, one per KR) names a group of that work: the list goes on under it.
 */
function workGroup(ctx: Context, l: OutlineLine): boolean {
  const next = ctx.next?.line;
  if (ctx.mode !== 'initiatives' || !ctx.obj || !l.line.bold || l.line.heading || !next) return false;
  return (isListed(next) && next.role === 'text') || (next.bold && next.role === 'other-label');
}

/** A glossary line is a note; a heading's underline is part of the heading. */
function skippedLine(l: OutlineLine, rd: Reader): void {
  if (l.skip === 'markup') return rd.role(l.r, 'title');
  rd.role(l.r, 'note');
  rd.unplace(l.r, l.c, l.text, l.skip!);
}

/**
 * A row of a table inside an outline (a weekly tracking table, a relation table linking KRs to metrics): its cells are
 * notes, each listed (a cell repeating a KR above says so); the table ends the list a label line opened.
 */
function tableRowInOutline(walk: OutlineWalk, l: OutlineLine, rd: Reader): void {
  if (walk.ctx.mode !== 'objective') walk.ctx.mode = 'none';
  walk.ctx.krLevel = null;
  rd.role(l.r, 'note');
  const row = l.row ?? EMPTY_ROW;
  for (let c = 0; c < row.length; c++) {
    if (isBlank(row[c])) continue;
    const text = cellText(row[c]) || describeValue(row[c]);
    const kr = typeof row[c] === 'string' ? repeatedKr(walk.objectives, text) : null;
    rd.unplace(l.r, c, text, kr ? repeatsKr(kr.title) : TABLE_IN_OUTLINE);
  }
}

/**
 * A task table inside an outline (`ID | Iniciativa | Owner | Status` under an objective's KRs): its header, then its
 * rows, each an initiative of the KR whose list of work it continues (a KR heading's section), else of the objective.
 * A blank row, a line alone outside the task column, an item line or heading, or another header ends it. Returns true
 * when it took the line.
 */
function taskTableInOutline(walk: OutlineWalk, l: OutlineLine, rd: Reader): boolean {
  const row = walk.rows[l.r] ?? EMPTY_ROW;
  const t = walk.tasks;
  if (t) {
    const c = onlyCell(row);
    const line = c >= 0 && (c !== t.cols.task || l.line.role !== 'text' || !!l.line.heading);
    if (l.r === t.last! + 1 && !line && !taskHeader(row)) {
      t.last = l.r;
      walk.last = l.r;
      taskItem(row, l.r, t, walk.objectives, rd);
      return true;
    }
    walk.tasks = undefined;
  }
  const tc = walk.obj && onlyCell(row) < 0 ? taskHeader(row) : null;
  // A label in its own cell with its text beside it (`| 任务 | 每周复盘 |`, joined by outlineLines) is a line; a header
  // names a field in each of its other cells (`| 任务 | 负责人 | 状态 |`).
  const named = (v: unknown, c: number) => c === tc?.task || isBlank(v) || matchHeader(v) !== null;
  if (!tc || (!l.row && !row.every(named))) return false;
  rd.role(l.r, 'header');
  walk.tasks = { cols: tc, obj: walk.obj, kr: walk.ctx.krOwn ? walk.kr : null, last: l.r };
  return true;
}

/** The KR read above whose title this cell repeats, or null. */
function repeatedKr(objectives: Objective[], text: string): KeyResult | null {
  const key = normalizeHeader(cellTitle(text));
  if (!key) return null;
  for (const o of objectives) for (const k of o.krs) if (normalizeHeader(k.title) === key) return k;
  return null;
}

const TABLE_IN_OUTLINE: Msg = {
  en: 'a cell of a table inside the outline (tracking, links between teams): kept in the sheet, not in the grid',
  zh: '提纲中表格的单元格（跟踪记录、团队间关联）：保留在原表中，未放入新表',
};
const repeatsKr = (title: string): Msg => ({
  en: `repeats the key result "${title}" above: not a new key result; kept in the sheet`,
  zh: `重复了上面的关键结果“${title}”：不是新的关键结果；保留在原表中`,
});

/** 'Dependencies:', '示例:': a line of its own; a bold one ('**Validation Checks**:') ends the list above it. */
function otherLabelLine(ctx: Context, l: OutlineLine, rd: Reader): void {
  if (groupHeading(ctx, l) || workGroup(ctx, l)) return rd.role(l.r, 'title');
  // A label naming only a cycle ('23年Q1：', 'Q3 2026:') heads the objectives under it, like a heading.
  const cycle = l.line.title.length <= 20 ? findCycleInText(l.line.title, { today: rd.today, year: ctx.year }) : null;
  if (cycle) {
    ctx.cycle = cycle;
    ctx.year = yearOfTitle(l.line.title, cycle);
    return rd.role(l.r, 'title');
  }
  if ((l.line.bold || l.line.heading) && ctx.mode !== 'objective') ctx.mode = 'none';
  if (l.line.bold || l.line.heading) ctx.krOwn = undefined;
  if (ctx.mode !== 'objective') ctx.krLevel = null;
  rd.role(l.r, 'note');
  rd.unplace(l.r, l.c, l.text, NOTE_LINE);
}

/**
 * Headings, and the first line above everything, are titles (a title naming a cycle gives the cycle of what follows).
 * A heading that is no label ends the list a label line opened ('Key Results:' ... '# Why OKRs' ... '1. reason' is no KR).
 */
function titleLine(walk: OutlineWalk, l: OutlineLine, kind: string, rd: Reader): void {
  const sub = kind === 'heading' && subHeading(walk, l);
  if (kind === 'heading' && l.line.heading && walk.ctx.mode === 'krs' && !sub) walk.ctx.mode = 'none';
  if (kind === 'heading') walk.ctx.krOwn = undefined;
  // A heading as high as the KR being read ends its parts ('### KR1' ... '## Notes' / '- reviewed weekly').
  const { ctx } = walk;
  if (kind === 'heading' && ctx.krLevel !== null && outlineLevel(l.line) <= ctx.krLevel) ctx.krLevel = null;
  rd.role(l.r, 'title');
  walk.titles.push(l.line.title);
  const cycle = findCycleInText(l.line.title, { today: rd.today, year: ctx.year });
  // A title above the objectives names no cycle over a period stated before it.
  if (!(ctx.periodStated && !walk.objectives.length)) ctx.cycle = cycle ?? ctx.cycle;
  ctx.year = yearOfTitle(l.line.title, cycle) ?? ctx.year;
  // The KRs that follow have an objective to go to: this heading (see headingObjective).
  if (kind === 'heading' && l.line.heading && !walk.ctx.style.objectives && !l.cycleOnly && !sub)
    Object.assign(walk, { heading: l });
  if (walk.heading) walk.ctx.obj = true;
}

/**
 * A sub-heading inside the objective read from the heading above it: one grouping the KRs under the KR label
 * (krGroupHeading), or one holding a value of that objective (valueSubHeadings) under its still pending heading.
 */
function subHeading(walk: OutlineWalk, l: OutlineLine): boolean {
  if (krGroupHeading(walk.ctx, l.line)) return true;
  const above = walk.heading?.line.heading;
  return !!above && l.line.heading > above && !!walk.ctx.valueHeads?.has(l.r);
}

/** A heading deeper than the KR label heading being read (`### Key Results` / `#### Acquisition` / KRs): a group. */
function krGroupHeading(ctx: Context, line: LineReading): boolean {
  const label = ctx.label?.heading;
  return ctx.mode === 'krs' && ctx.obj && !!label && line.heading > label;
}

/**
 * In an outline without objective lines, KRs under a heading of their own (a reStructuredText section title over a
 * `:krs:` field, `## Ship v2` over `KR1:` lines) have that heading as their objective.
 */
function headingObjective(walk: OutlineWalk, rd: Reader): Objective | null {
  const h = walk.heading;
  if (!h) return null;
  walk.heading = null;
  const obj = outlineObjective(h.line.title, h, rd);
  obj.cycle ??= walk.ctx.cycle ?? null;
  const at = rd.rowRoles.findIndex((x) => x.row === rd.r0 + h.r);
  if (at >= 0) rd.rowRoles[at].role = 'objective';
  if (walk.titles[walk.titles.length - 1] === h.line.title) walk.titles.pop();
  walk.objectives.push(obj);
  if (walk.first < 0 || h.r < walk.first) walk.first = h.r;
  return obj;
}

/** An objective, a KR (under the objective above, or a new untitled one) or an initiative of the KR above. */
function itemLine(walk: OutlineWalk, l: OutlineLine, kind: 'objective' | 'kr' | 'initiative', rd: Reader): void {
  const { ctx } = walk;
  const title = l.line.title;
  if (walk.first < 0) walk.first = l.r;
  walk.last = l.r;
  if (walk.dated.length < 50) walk.dated.push(title);
  rd.role(l.r, kind);
  if (kind === 'objective') {
    namedByHeading(walk, l, rd);
    const obj = outlineObjective(title, l, rd);
    obj.cycle = governingCycle(title, obj.cycle, ctx.cycle ?? null);
    walk.objectives.push(obj);
    Object.assign(walk, { obj, kr: null, lastKr: null, heading: null });
    Object.assign(ctx, {
      obj: true,
      mode: 'none',
      krLevel: null,
      objHeading: l.line.heading,
      krOwn: undefined,
      krNotes: false,
    });
  } else if (kind === 'kr') {
    const fromHeading = headingObjective(walk, rd);
    if (fromHeading) Object.assign(walk, { obj: fromHeading, kr: null, lastKr: null });
    if (!walk.obj) {
      walk.obj = newObjective('', rd.r0 + l.r, false, rd.ids.generate('O', ['']));
      walk.objectives.push(walk.obj);
    }
    ctx.obj = true;
    ctx.krNotes = !!l.krStatement;
    walk.kr = outlineKr(walk.obj, title, l, rd);
    walk.krLine = l.line;
    walk.lastKr = l.line;
    ctx.krOwn = l.line;
    if (ctx.mode !== 'krs' || ctx.krLevel === null) ctx.krLevel = outlineLevel(l.line);
    if (!isListed(l.line) && PLURAL_KR_LABEL.test(l.line.term))
      Object.assign(ctx, { mode: 'krs', label: l.line, bareAfter: l.r });
  } else {
    addInitiative(walk.obj!, walk.kr, title, l.r, l.c, rd);
    // Under a KR heading, its measure line may follow its work items (`- [ ] ...` then `- **衡量标准：** > 50%`).
    if (ctx.krOwn && walk.kr) walk.krLine = walk.lastKr;
  }
}

/**
 * An initiatives label heading a section of its own (`# アクション項目`, `## Actions` after the KRs, not deeper than the
 * KR heading above): the work of the objective as a whole, not of its last KR. A label line that is no heading
 * (`举措：` after `KR1: ...`, `Iniciativas:` after the KR lines) lists the work of the KR above it.
 */
function objectiveWork(ctx: Context, line: LineReading): boolean {
  const kr = ctx.krOwn?.heading;
  return !!line.heading && !(kr && line.heading > kr);
}

/**
 * A list line right under a KR's line that is no item of the same list is a part of that KR, its work: the list under
 * a KR heading (`### KR1.1：...` / `- [ ] ...`), bullets under a plain `KR1: ...` line, `·` lines under a numbered
 * `1. KR1: ...`. A bullet under a bullet KR at its depth is the next item of that list, not a part.
 */
function partOfKr(kr: LineReading | undefined, line: LineReading): boolean {
  if (!kr || line.depth < kr.depth) return false;
  if (kr.heading || line.depth > kr.depth) return true;
  return !(kr.bullet && line.bullet) && !(kr.numbered && line.numbered);
}

/**
 * `### OKR 1: name` over a listed `- **Hedef (Objective):** statement`, no KR between: the heading names the objective
 * the labelled line states. The heading's objective gives way (its row is a title).
 */
function namedByHeading(walk: OutlineWalk, l: OutlineLine, rd: Reader): void {
  const o = walk.obj;
  if (!o || !walk.ctx.objHeading || !isListed(l.line) || l.line.role !== 'objective' || o.krs.length) return;
  if (o.initiatives?.length || walk.objectives[walk.objectives.length - 1] !== o) return;
  walk.objectives.pop();
  const at = rd.rowRoles.findIndex((x) => x.row === o.row);
  if (at >= 0) rd.rowRoles[at].role = 'title';
  walk.titles.push(o.title);
}

const isListed = (line: LineReading) => line.bullet || line.numbered;
/** `KRs: first` / `:krs: first` with the next ones on the lines under it: the label of a list, its first item alongside. */
const PLURAL_KR_LABEL = /^(?:krs|key\s*results|resultados\s+claves?)$/i;

/** A line less indented than the label of the list being read (`07-15` after an indented `:krs:` field) ends the list. */
function closeOnOutdent(ctx: Context, l: OutlineLine): void {
  if ((ctx.mode === 'krs' || ctx.mode === 'initiatives') && ctx.label && l.line.depth < ctx.label.depth)
    ctx.mode = 'none';
}

/** `Target: 5 members`, `_Current Status:_ 5%`, `**Owner**: Ana`, `当前值：2.5 秒`: a label and its value (no URL scheme). */
const PROPERTY = /^[_*]*([^:：\n_*[`]{1,30}?)[_*]*\s*[:：](?!\/)\s*[_*]*\s*(\S[\s\S]*)$/;
/**
 * Property labels that say how a KR is measured or how far it got: kept as notes (a measure's threshold may also give
 * the KR its target, see CRITERION_LABEL).
 */
/** A group label with a note in brackets and nothing after its colon: `Değerler (Veri Kaynağı Sayısı - X):`. */
const GROUP_WITH_NOTE = /^([^:：()（）\n]{1,30}?\s*[(（][^()（）\n]*[)）])\s*[:：]\s*$/;
const BRACKET_NOTE = /\s*[(（][^()（）\n]*[)）]\s*$/;
const MEASURE_LABEL = new RegExp(
  String.raw`^(?:progress|进度|进展|progreso|avance|進捗|${MEASURE_CRITERION_WORDS.join('|')}|${OTHER_LANGUAGE_MEASURE_LABELS.join('|')}|${KR_NOTE_LABELS.join('|')})$`,
  'i',
);
/**
 * Of those, the labels of a done-criterion or a measure (what counts as reached), whose threshold is the target of a
 * KR that states none otherwise (`- **衡量标准：** 占比 > 50%`, `- Metric: NPS ≥ 40`, `- 指標：継続率 80% 以上`).
 */
const CRITERION_LABEL = new RegExp(`^(?:${MEASURE_CRITERION_WORDS.join('|')})$`, 'i');
/** KRs with a `Target:` property line (a number in it or not), and KRs given their target by a measure line. */
const targetInWords = new WeakSet<KeyResult>();
const measured = new WeakSet<KeyResult>();
/** Fields a property line under a KR may fill; other header words (Objective, Initiative...) are not properties. */
const PROPERTY_FIELDS: ReadonlySet<Field> = new Set<Field>(['target', 'current', 'start', 'owner', 'due', 'status']);
const MEASURE_NOTE: Msg = {
  en: 'a line saying how the key result above it is measured or how far it got: kept in the sheet as a note',
  zh: '这一行说明上面关键结果的衡量方式或进度：作为备注保留在原表中',
};

/**
 * A listed `Label: value` line under a KR (deeper than it, or under a KR line that is no list item) whose label names
 * a KR field is that KR's own field, not an initiative or another KR: `- Target: 5 members`, `  - 当前值：2.5 秒`,
 * `* _Current Status:_ [e.g., 5%]`. Its value is read like a KR's wording (so `by 15%` states no target).
 */
function krProperty(
  l: OutlineLine,
  krLine: LineReading,
  kr: KeyResult,
  rd: Reader,
  after: LineReading | null,
): boolean {
  const listed = l.line.bullet || l.line.numbered;
  const krListed = krLine.bullet || krLine.numbered;
  // A list nested under a property line (a scale legend under `- Measure: rating 1-5`) is a note on it.
  const detail = listed && after && isListed(after) && l.line.depth > after.depth;
  if (detail && l.line.role === 'text' && !PROPERTY.test(l.line.title)) return noteLine(l, PROPERTY_DETAIL, rd);
  if (listed && krListed && l.line.depth === krLine.depth) return sameDepthProperty(l, kr, rd, after);
  // Under a KR line that is no list item, the property lines may be plain lines too (`KR1.1: ...` / `Baseline: 5`).
  if (listed ? l.line.depth < krLine.depth && krListed : krListed) return false;
  return fieldLine(l, kr, rd);
}

/** A `Label: value` line under a KR: its field (true), a note on it (true), or no field line (false). */
function fieldLine(l: OutlineLine, kr: KeyResult, rd: Reader): boolean {
  // A label alone over a nested group of fields (`**İzleme:**`, `Tracking:`): a note; the fields under it follow.
  const group = l.line.role === 'other-label' ? l.line.title : GROUP_WITH_NOTE.exec(l.line.title)?.[1];
  if (group !== undefined)
    return MEASURE_LABEL.test(group.replace(BRACKET_NOTE, '').trim()) && noteLine(l, MEASURE_NOTE, rd);
  const m = PROPERTY.exec(l.line.title);
  if (!m) return false;
  const label = m[1].trim();
  if (MEASURE_LABEL.test(label)) {
    // A measure stating the threshold to reach (`衡量标准： 占比 > 50%`) gives the KR its target, like `Target:`.
    // A KR whose `Target:` line says its target in words ('All IRS requirements met') is measured by this line, no more.
    const open = kr.target === null && !targetInWords.has(kr);
    const stated = open && CRITERION_LABEL.test(label) ? inferFromText(m[2]) : null;
    if (stated && stated.target !== null && !stated.relative) {
      setProperty(kr, 'target', String(stated.target), rd);
      measured.add(kr);
    }
    return noteLine(l, MEASURE_NOTE, rd);
  }
  // Under a KR, 'Goal:' / '目标：' names what the KR aims at: its target.
  const named = matchHeader(label);
  const field = named === 'objective' ? 'target' : named;
  if (!field) return false;
  // A field an outline does not fill (`- **Confidence:** High`) is the KR's too: a note, not a part of the KR.
  if (!PROPERTY_FIELDS.has(field)) return noteLine(l, propertyNote(label), rd);
  if (field === 'target') {
    // The KR's own Target line wins over a measure line read before it.
    if (measured.has(kr)) kr.target = null;
    targetInWords.add(kr);
  }
  rd.role(l.r, 'kr');
  setProperty(kr, field, m[2].trim(), rd);
  return true;
}

/**
 * A field line listed beside its KR, at the KR's depth (`- Bike to work 3x a week` / `- Measure: commutes per week` /
 * `- Target: Average ≥ 3`): the KR's field when its label names one; after such a line, any other `Label: value` line
 * (`- Tracking support: ...`) is a note on the KR. Anything else is the next item of the list.
 */
function sameDepthProperty(l: OutlineLine, kr: KeyResult, rd: Reader, after: LineReading | null): boolean {
  if (krFieldLabel(l.line.title)) return fieldLine(l, kr, rd);
  const label = after ? PROPERTY.exec(l.line.title)?.[1].trim() : undefined;
  return !!label && noteLine(l, propertyNote(label), rd);
}
const PROPERTY_DETAIL: Msg = {
  en: 'a detail of the key result field above it (a scale, an example): kept in the sheet as a note',
  zh: '上面关键结果字段的补充说明（刻度、示例）：作为备注保留在原表中',
};

function noteLine(l: OutlineLine, reason: Msg, rd: Reader): true {
  rd.role(l.r, 'note');
  rd.unplace(l.r, l.c, l.text, reason);
  return true;
}
const propertyNote = (label: string): Msg => ({
  en: `"${label}" of the key result above: the grid takes no such field from an outline; kept in the sheet as a note`,
  zh: `上面关键结果的“${label}”：新表不从提纲读取这一项；作为备注保留在原表中`,
});

function setProperty(kr: KeyResult, field: Field, value: string, rd: Reader): void {
  if (/^[[【<{].*[\]】>}]$/.test(value) && !/\d/.test(value)) return; // a template's '[Name/Role]'
  if (field === 'owner' || field === 'status') {
    kr[field] = value;
    return;
  }
  if (field === 'due') {
    const d = rd.date(value);
    if (d.ok) kr.due = d.value;
    return;
  }
  const n = rd.number(value);
  if (field === 'target' && !n.ok && !n.blank && n.error.kind === 'placeholder') return placeholderTarget(kr);
  // '30% azalma' parses as 30% with a unit word, but says a change by 30%: read as words (propertyNumber).
  const v = n.ok && !(n.unit && inferFromText(value).relative) ? n.value : propertyNumber(value);
  if (v === null || (field !== 'target' && otherMeasure(kr, value, rd))) return;
  if (field === 'current') kr.current = v;
  else if (field === 'start') {
    kr.start = v;
    kr.startGiven = true;
  } else kr.target = v;
  markInferred(kr, field);
  if (kr.inferred.kind) kr.kind = inferKind(kr, null, rd.wording(kr.title));
}

/**
 * A `Target: X` line (a placeholder, `TBD`): the KR's target is not written yet, whatever number its wording holds
 * (`X adet ... %100 doğrulukla`: the 100% qualifies the X to reach).
 */
function placeholderTarget(kr: KeyResult): void {
  kr.target = null;
  kr.placeholder = true;
  unmarkInferred(kr, 'target');
}

/** An amount in brackets: `(R$ 32k/mês)`. */
const BRACKETED_AMOUNT = /[(（]\s*([^()（）]*\d[^()（）]*?)\s*[)）]/;

/**
 * The number a property's words state. A change relative to the start (`Redução de 60%`) states none, unless the
 * value also gives the amount it comes to in brackets (`Redução de 60% (R$ 32k/mês)` -> 32000).
 */
function propertyNumber(value: string): number | null {
  const said = inferFromText(value);
  if (!said.relative) return said.target;
  const m = BRACKETED_AMOUNT.exec(value);
  const n = m ? parseNumber(m[1]) : null;
  return n && n.ok && n.currency ? n.value : null;
}

const isMoney = (unit: string | null) => unit !== null && /^(?:[$¥€£₩₺]|R\$|US\$)$/.test(unit);

/**
 * A baseline or current value in another measure than the KR's (money for a percentage KR, `Baseline: Investimento
 * inicial R$ 400k` under `ROI ≥ 75%`, or the other way round) is no start or current of it.
 */
function otherMeasure(kr: KeyResult, value: string, rd: Reader): boolean {
  if (!/[%$¥€£₩₺]/.test(value)) return false;
  // A KR cutting a cost by 60% measures the cost: its baseline in money is its start.
  const words = rd.wording(kr.title);
  if (words.relative) return false;
  const own = kr.unit ?? words.unit;
  const said = inferFromText(value).unit;
  return (own === '%' && isMoney(said)) || (isMoney(own) && said === '%');
}

const NOTE_LINE: Msg = {
  en: 'a line that is neither an objective, a key result nor an initiative: kept in the sheet, not in the grid',
  zh: '这一行既不是目标、关键结果，也不是举措：保留在原表中，未放入新表',
};
const INITIATIVE_WITHOUT_OBJECTIVE: Msg = {
  en: 'an initiative before any objective: it has nothing to belong to',
  zh: '这个举措出现在任何目标之前：无处归属',
};

function outlineObjective(title: string, l: OutlineLine, rd: Reader): Objective {
  const o = newObjective(title, rd.r0 + l.r, true, rd.ids.generate('O', [title]));
  o.cells.objective = rd.ref(l.r, l.c);
  // An objective naming its own cycle ('提升品牌影响力(Q4 2024)') is of that cycle.
  o.cycle = findCycleInText(title, { today: rd.today });
  o.owner = l.line.owner ?? null;
  if (l.line.priority) o.extra = withExtra(o.extra, 'Priority', l.line.priority);
  return o;
}

/**
 * The cycle of an objective under a cycle heading (`## 2018 Q4`): its title's own when the title names it in full
 * (`(Q2 2026)`); a quarter without a year (`... priorities from Q3`) speaks of another period, the heading governs.
 */
function governingCycle(title: string, own: Cycle | null, heading: Cycle | null): Cycle | null {
  if (!own || !heading) return own ?? heading;
  return findCycleInText(title) ? own : heading;
}

/** An owner or priority written before a KR's text (`` `P1` - @alice - ``): the KR's owner (else its objective's). */
function ownerAndPriority(kr: KeyResult, obj: Objective, line: LineReading): void {
  const owner = line.owner ?? obj.owner;
  if (owner) {
    kr.owner = owner;
    markInferred(kr, 'owner');
  }
  if (line.priority) kr.extra = withExtra(kr.extra, 'Priority', line.priority);
}

function outlineKr(obj: Objective, title: string, l: OutlineLine, rd: Reader): KeyResult {
  const kr = newKr(rd.ids.generate('KR', [obj.title, title]), rd.r0 + l.r, title, obj.id);
  kr.cols.kr = rd.c0 + l.c;
  kr.commitment = obj.commitment;
  markInferred(kr, 'type');
  ownerAndPriority(kr, obj, l.line);
  const t = inferFromText(title);
  fillFromWording(kr, t);
  if (t.unit && (kr.target !== null || kr.relative)) {
    kr.unit = t.unit;
    markInferred(kr, 'unit');
  }
  const why = wordingStatesNoTarget(kr, t);
  if (why) rd.problemText('target', l.r, l.c, title, why);
  kr.kind = inferKind(kr, null, t);
  markInferred(kr, 'kind');
  obj.krs.push(kr);
  return kr;
}

/** A title line naming a cycle wins; otherwise the items' own dates when they all name the same one ('10月'). */
function outlineCycle(titles: string[], items: string[], today: string): Cycle | null {
  let year: number | undefined;
  for (const t of titles) {
    const c = findCycleInText(t, { today, year });
    if (c) return c;
    year = yearOfTitle(t, null) ?? year;
  }
  let found: Cycle | null = null;
  for (const t of items) {
    const c = findCycleInText(t, { today });
    if (!c) continue;
    if (found && found.id !== c.id) return null;
    found = c;
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------------

function emptyModel(sheet: string, r0: number): OkrModel {
  return {
    form: 'table',
    sheet,
    headerRow: null,
    firstRow: r0,
    lastRow: r0 - 1,
    columns: [],
    fieldCols: {},
    objectives: [],
    problems: [],
    cycle: null,
    headerRows: [],
    title: null,
  };
}

function safeInt(v: unknown): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0;
}

/**
 * The OKR model of one sheet. Never throws, whatever the values; text in number cells becomes a CellProblem
 * (quoting what it saw, in English and Chinese), never NaN.
 */
export function readModel(snapshot: SheetSnapshot, opts: ReadOptions): OkrModel {
  const snap = (snapshot ?? {}) as Partial<SheetSnapshot>;
  const sheet = typeof snap.name === 'string' ? snap.name : '';
  const values = Array.isArray(snap.values) ? snap.values : [];
  const r0 = safeInt(snap.origin?.row);
  const c0 = safeInt(snap.origin?.col);
  const formulas = Array.isArray(snap.formulas) ? (snap.formulas as unknown[][]) : undefined;
  const today = typeof opts?.today === 'string' ? opts.today : '';
  const rd = new Reader(sheet, r0, c0, formulas, today);
  const model = emptyModel(sheet, r0);
  const settingsCycle = parseCycle(opts?.settings?.cycle ?? null, { today });

  const header = inferLayout(values, opts?.settings, r0, c0);
  rd.layout = header;
  if (header) {
    const above = titleAbove(values, header.rows[0], today);
    readTable(values, header, rd, model, above.year);
    dueAbove(values, header.rows[0], model);
    model.title ??= above.title;
    model.cycle = commonCycle(model.objectives) ?? above.cycle ?? settingsCycle;
    if (model.cycle) for (const o of model.objectives) o.cycle ??= model.cycle;
  } else if (!readOutline(values, rd, model)) {
    model.cycle = settingsCycle;
  } else {
    model.cycle ??= settingsCycle;
    if (model.cycle) for (const o of model.objectives) o.cycle ??= model.cycle;
  }
  deadlinesInWords(model, today);
  model.problems = rd.problems;
  model.reading = finishReading(model, rd, header ? rd.layout : null, settingsCycle);
  return model;
}

/** A KR without a due date whose words state one ('by end 2025', 'by quarter end'): that date. */
function deadlinesInWords(model: OkrModel, today: string): void {
  for (const o of model.objectives)
    for (const kr of o.krs) {
      if (kr.due !== null) continue;
      // A quarter without a year ('by End of Q1') is of the year the sheet names ('Q[X] 2026'), else nearest today.
      const cycle = o.cycle ?? model.cycle;
      const year = cycle ? Number(cycle.start.slice(0, 4)) : namedYear(model.title ?? '');
      const due = deadlineInWords(kr.title, cycle, { today, year });
      if (!due) continue;
      kr.due = due;
      markInferred(kr, 'due');
    }
}

/** The cycles the sheet itself names (not the settings' cycle), in sheet order. */
function sheetCycles(model: OkrModel, settingsCycle: Cycle | null): string[] {
  const ids: string[] = [];
  for (const o of model.objectives) {
    const id = o.cycle?.id;
    if (
      id &&
      !ids.includes(id) &&
      !(settingsCycle && id === settingsCycle.id && !o.cells.cycle && model.cycle === settingsCycle)
    )
      ids.push(id);
  }
  return ids;
}

function finishReading(
  model: OkrModel,
  rd: Reader,
  layout: TableLayout | null,
  settingsCycle: Cycle | null,
): LayoutReading {
  const rows = rd.rowRoles;
  // Tables and outlines record rows in order; anything else is sorted.
  for (let i = 1; i < rows.length; i++)
    if (rows[i].row < rows[i - 1].row) {
      rows.sort((a, b) => a.row - b.row);
      break;
    }
  const cycles = sheetCycles(model, settingsCycle);
  if (layout) {
    return {
      form: 'table',
      headerRow: model.headerRow,
      headerReason: layout.reason,
      candidates: layout.candidates,
      columns: layout.columns,
      rows,
      unplaced: rd.unplaced,
      cycles,
    };
  }
  const outline = model.objectives.length > 0;
  return {
    form: outline ? 'outline' : 'none',
    headerRow: null,
    headerReason: outline ? OUTLINE_REASON : NOTHING_REASON,
    candidates: [],
    columns: [],
    rows,
    unplaced: rd.unplaced,
    cycles,
  };
}

const OUTLINE_REASON: Msg = {
  en: 'no row reads as a table header: read as an outline, one item per line (labels, bullets, indentation)',
  zh: '没有哪一行像表头：按提纲读取，每行一项（按标签、项目符号和缩进）',
};
const NOTHING_REASON: Msg = {
  en: 'no table header and no objective or key result line found',
  zh: '没有找到表头，也没有找到目标或关键结果所在的行',
};

/** The cycle most objectives name in their cycle cells, or null when none does. */
function commonCycle(objectives: Objective[]): Cycle | null {
  const counts = new Map<string, { c: Cycle; n: number }>();
  let best: { c: Cycle; n: number } | null = null;
  for (const o of objectives) {
    if (!o.cycle || !o.cells.cycle) continue;
    const e = counts.get(o.cycle.id) ?? { c: o.cycle, n: 0 };
    e.n++;
    counts.set(o.cycle.id, e);
    if (!best || e.n > best.n) best = e;
  }
  return best ? best.c : null;
}
export { cellText } from './values';
