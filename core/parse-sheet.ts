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
  CellProblem, CellRef, ColumnInfo, Commitment, Confidence, Cycle, Field, Initiative, KeyResult, KrKind, Level, Objective, OkrModel,
} from './model';
import type { SheetSnapshot } from './sheet-plan';
import { a1, colLetter } from './sheet-plan';
import type { Settings } from './settings';
import type { Msg } from './i18n';
import { FIELD_LABELS, matchHeader, normalizeHeader } from './headers';
import { cycleEndDate, findCycleInText, parseCycle } from './cycle';
import { IdAllocator, idFromCell } from './ids';
import { findOwnedBlock } from './plan-grid';
import { inferFromText, mentionsDirection, type TextInference } from './infer-target';
import { ANSWERS, COMMITMENTS, CONFIDENCES, KINDS, LEVELS, type KindWord } from './vocabulary';
import { describeValue, isBlank, parseDate, parseMeasure, parseNumber, type Measure, type Parsed, type ParsedNumber, type ValueError } from './values';

export interface ReadOptions {
  settings: Settings;
  /** ISO date of today in the user's time zone (completes dates and cycles typed without a year). */
  today: string;
}

/** How many rows from the top may hold the header. */
const HEADER_SCAN_ROWS = 12;
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

/** Titles compare without case, spaces and punctuation, so 'Grow revenue.' continues 'grow revenue'. */
const sameTitle = (a: string, b: string) => a === b || normalizeHeader(a) === normalizeHeader(b);

// ---------------------------------------------------------------------------------------------------------------
// The header

interface HeaderFind {
  /** Relative rows of the header, top first. */
  rows: number[];
  fields: (Field | null)[];
  texts: string[];
  width: number;
}

function rowFields(row: unknown[]): (Field | null)[] {
  const out: (Field | null)[] = new Array(row.length);
  for (let c = 0; c < row.length; c++) out[c] = typeof row[c] === 'string' ? matchHeader(row[c]) : null;
  return out;
}

function distinct(fields: (Field | null)[]): Set<Field> {
  const s = new Set<Field>();
  for (const f of fields) if (f) s.add(f);
  return s;
}

/**
 * Two rows form one header when every filled lower cell is either a recognised header or sits under an
 * unrecognised group label; a data row under a header row fails (its KR text sits under 'Key Result').
 */
function mergePair(upper: unknown[], uf: (Field | null)[], lower: unknown[], lf: (Field | null)[]): (Field | null)[] | null {
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
      if (!l && typeof lv !== 'string') return null;
    }
    out[c] = l ?? (isBlank(lv) ? u : null);
  }
  return lowerFilled > 0 ? out : null;
}

function findHeader(values: unknown[][]): HeaderFind | null {
  const scan = Math.min(values.length, HEADER_SCAN_ROWS);
  const fieldsOf: (Field | null)[][] = [];
  let best = -1;
  let bestScore = 0;
  for (let r = 0; r < scan; r++) {
    const row = Array.isArray(values[r]) ? values[r] : EMPTY_ROW;
    fieldsOf[r] = rowFields(row);
    const score = distinct(fieldsOf[r]).size;
    if (score > bestScore) {
      bestScore = score;
      best = r;
    }
  }
  if (best < 0) return null;
  const rowOf = (r: number) => (Array.isArray(values[r]) ? values[r] : EMPTY_ROW);
  let rows = [best];
  let fields = fieldsOf[best];
  let score = bestScore;
  for (const [u, l] of [[best - 1, best], [best, best + 1]]) {
    if (u < 0 || l >= values.length) continue;
    const lf = fieldsOf[l] ?? rowFields(rowOf(l));
    const merged = mergePair(rowOf(u), fieldsOf[u], rowOf(l), lf);
    if (!merged) continue;
    const s = distinct(merged).size;
    if (s > score) {
      rows = [u, l];
      fields = merged;
      score = s;
    }
  }
  const set = distinct(fields);
  if (score < 2 || !(set.has('kr') || set.has('objective'))) return null;
  // A group row directly above (labels over several columns, none recognised) belongs to the header too.
  if (rows.length === 1 && best > 0) {
    const up = rowOf(best - 1);
    let labels = 0;
    let ok = true;
    for (let c = 0; c < up.length; c++) {
      if (isBlank(up[c])) continue;
      if (typeof up[c] !== 'string' || fieldsOf[best - 1][c]) ok = false;
      labels++;
    }
    if (ok && labels >= 2) rows = [best - 1, best];
  }
  const width = Math.max(...rows.map((r) => rowOf(r).length), fields.length);
  const texts: string[] = [];
  for (let c = 0; c < width; c++) {
    let t = '';
    for (const r of rows) {
      const s = cellText(rowOf(r)[c]);
      if (s) t = s;
    }
    // Under a merged-looking group label, an empty lower cell takes the label.
    texts.push(t);
  }
  const fieldsFull: (Field | null)[] = [];
  for (let c = 0; c < width; c++) fieldsFull.push(fields[c] ?? null);
  return { rows, fields: fieldsFull, texts, width };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading context

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

  // Sheets repeat the same texts ('25%', dates, 'Increase') down a column: parse each distinct one once.
  private numbers = new Map<string, ParsedNumber>();
  private dates = new Map<string | number, Parsed<string>>();
  private lastTitle: string | null = null;
  private lastWording: TextInference | null = null;

  number(v: unknown): ParsedNumber {
    if (typeof v !== 'string') return parseNumber(v);
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

  private measures = new Map<string, Parsed<Measure>>();
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
    if (typeof v !== 'string') return parseMeasure(v);
    let p = this.measures.get(v);
    if (!p) {
      if (this.measures.size > MEMO_LIMIT) this.measures.clear();
      p = parseMeasure(v);
      this.measures.set(v, p);
    }
    return p;
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
  note(kr: KeyResult, f: Field, r: number, c: number): void {
    kr.cells[f] = this.ref(r, c);
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
    extra: {},
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
}

function readTable(values: unknown[][], header: HeaderFind, rd: Reader, opts: ReadOptions, model: OkrModel): void {
  const fc: Partial<Record<Field, number>> = {};
  const columns: ColumnInfo[] = [];
  const unknownCols: { col: number; key: string }[] = [];
  const keyCount = new Map<string, number>();
  for (let c = 0; c < header.width; c++) {
    const f = header.fields[c];
    const useField = f && fc[f] === undefined ? f : null;
    if (useField) fc[useField] = c;
    columns.push({ col: rd.c0 + c, header: header.texts[c], field: useField });
    if (!useField && header.texts[c]) keyCount.set(header.texts[c], (keyCount.get(header.texts[c]) ?? 0) + 1);
  }
  for (let c = 0; c < header.width; c++) {
    if (columns[c].field) continue;
    const t = header.texts[c];
    // Keys are the header text; a blank or repeated header is keyed by its column letter instead.
    const key = t && keyCount.get(t) === 1 ? t : colLetter(rd.c0 + c);
    if (t || hasDataBelow(values, header.rows[header.rows.length - 1] + 1, c)) unknownCols.push({ col: c, key });
  }
  const typeHeader = fc.type !== undefined ? normalizeHeader(header.texts[fc.type]) : '';
  const cols: TableCols = {
    fc,
    unknown: unknownCols,
    typeYes: /aspir|stretch|挑战/.test(typeHeader) ? 'aspirational' : 'committed',
    width: header.width,
  };

  const headerRow = header.rows[header.rows.length - 1];
  model.headerRow = rd.r0 + headerRow;
  model.headerRows = header.rows.map((r) => rd.r0 + r);
  model.firstRow = rd.r0 + headerRow + 1;
  model.lastRow = model.firstRow - 1;
  model.columns = columns;
  for (const f of Object.keys(fc) as Field[]) model.fieldCols[f] = rd.c0 + (fc[f] as number);

  // Typed ids first, so generated ids never take one of them. The user's ID cell wins; when it is blank (or there
  // is no ID column), the id the add-in keeps in its own 'OKR ID' column is the row's id, so editing a row's text
  // after a convert does not change its id.
  const owned = findOwnedBlock({ name: rd.sheet, origin: { row: rd.r0, col: rd.c0 }, values }, rd.r0 + headerRow);
  if (owned?.cols.updated !== undefined && owned.cols.updated - rd.c0 !== fc.updated) cols.stamped = owned.cols.updated - rd.c0;
  const ownedId = owned?.cols.id === undefined ? undefined : owned.cols.id - rd.c0;
  const ic = fc.id;
  const oic = ownedId !== ic ? ownedId : undefined;
  if (ic !== undefined || oic !== undefined) {
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

  const extraSeen = new Set<number>();
  let obj: Objective | null = null;
  let kr: KeyResult | null = null;
  const objectives: Objective[] = [];
  const oc = fc.objective;
  const kc = fc.kr;
  const ec = fc.initiative;

  for (let r = headerRow + 1; r < values.length; r++) {
    const row = Array.isArray(values[r]) ? values[r] : EMPTY_ROW;
    if (isBlankRow(row)) continue;
    model.lastRow = rd.r0 + r;
    const objText = oc === undefined ? '' : cellText(row[oc]);
    const krText = kc === undefined ? '' : cellText(row[kc]);
    const initText = ec === undefined ? '' : cellText(row[ec]);
    const krValues = !krText && anyFilled(row, fc, objText ? MEASURE_FIELDS : KR_VALUE_FIELDS);

    if (row.length > header.width) carryWideColumns(row, header.width, rd, columns, extraSeen);

    if (objText && !krText && !krValues) {
      obj = objectiveFromRow(row, r, objText, true, rd, cols, opts);
      objectives.push(obj);
      kr = null;
      if (initText) addInitiative(obj, null, initText, r, ec as number, rd);
      continue;
    }
    if (krText || krValues) {
      if (objText) {
        if (!obj || !sameTitle(obj.title, objText)) {
          obj = objectiveFromRow(row, r, objText, false, rd, cols, opts);
          objectives.push(obj);
        }
      } else if (!obj) {
        obj = objectiveFromRow(row, r, '', false, rd, cols, opts);
        objectives.push(obj);
      }
      kr = krFromRow(row, r, krText, obj, rd, cols, opts);
      obj.krs.push(kr);
      if (initText) addInitiative(obj, kr, initText, r, ec as number, rd);
      continue;
    }
    if (initText && obj) addInitiative(obj, kr, initText, r, ec as number, rd);
  }
  model.objectives = objectives;
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

function extrasOf(row: unknown[], cols: TableCols, rd: Reader, into?: Record<string, unknown>): Record<string, unknown> {
  const extra: Record<string, unknown> = into ?? {};
  for (const u of cols.unknown) {
    const v = row[u.col];
    if (!isBlank(v)) extra[u.key] = v;
  }
  for (let c = cols.width; c < row.length; c++) if (!isBlank(row[c])) extra[colLetter(rd.c0 + c)] = row[c];
  return extra;
}

function objectiveFromRow(row: unknown[], r: number, title: string, ownRow: boolean, rd: Reader, cols: TableCols, opts: ReadOptions): Objective {
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
  fillObjective(o, row, r, rd, cols, opts, ownRow);
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
function fillObjective(o: Objective, row: unknown[], r: number, rd: Reader, cols: TableCols, opts: ReadOptions, ownRow: boolean): void {
  const { fc } = cols;
  if (o.level === null && fc.level !== undefined && !isBlank(row[fc.level])) {
    const lv = parseLevel(row[fc.level]);
    if (lv) {
      o.level = lv;
      o.cells.level = rd.ref(r, fc.level);
    } else rd.problemText('level', r, fc.level, describeValue(row[fc.level]), unknownWord(describeValue(row[fc.level]), 'company, department, team, individual', '公司、部门、团队、个人'));
  }
  if (o.cycle === null && fc.cycle !== undefined && !isBlank(row[fc.cycle])) {
    const cy = rd.cycle(row[fc.cycle]);
    if (cy) {
      o.cycle = cy;
      o.cells.cycle = rd.ref(r, fc.cycle);
    } else rd.problemText('cycle', r, fc.cycle, describeValue(row[fc.cycle]), unknownWord(describeValue(row[fc.cycle]), '2026-Q4, 2026-10 or 2026', '2026-Q4、2026-10 或 2026'));
  }
  if (o.cells.type === undefined && fc.type !== undefined && !isBlank(row[fc.type])) {
    const t = parseCommitment(row[fc.type], cols.typeYes);
    if (t) {
      o.commitment = t;
      o.cells.type = rd.ref(r, fc.type);
    } else if (ownRow) rd.problemText('type', r, fc.type, describeValue(row[fc.type]), unknownWord(describeValue(row[fc.type]), 'committed or aspirational', '承诺型 或 挑战型'));
  }
  if (o.alignedTo === null && fc.alignedTo !== undefined) {
    const a = cellText(row[fc.alignedTo]);
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

const unknownWord = (seen: string, en: string, zh: string): Msg => ({
  en: `"${seen}" is not understood (use ${en})`,
  zh: `无法识别“${seen}”（请使用 ${zh}）`,
});

function addInitiative(o: Objective, kr: KeyResult | null, title: string, r: number, c: number, rd: Reader): void {
  const parent = kr ? kr.id : o.id;
  const item: Initiative = { id: rd.ids.generate('E', [parent, title]), title, cell: rd.ref(r, c) };
  if (kr) kr.initiatives.push(item);
  else (o.initiatives ??= []).push(item);
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
    initiatives: [],
    cells: {},
    inferred: {},
    extra: {},
  };
}

function krFromRow(row: unknown[], r: number, title: string, o: Objective, rd: Reader, cols: TableCols, opts: ReadOptions): KeyResult {
  const { fc } = cols;
  let id: string | null = null;
  const idCol = rd.typedIdCols[r] ?? -1;
  const typed = rd.typedIds[r] ?? null;
  if (typed) {
    if (rd.ids.claim(typed)) id = typed;
    else rd.problemText('id', r, idCol, typed, duplicateId(typed));
  }
  const kr = newKr(id ?? rd.ids.generate('KR', [o.title, title]), rd.r0 + r, title, o.id);
  if (id) kr.cells.id = rd.ref(r, idCol);
  if (fc.kr !== undefined) kr.cells.kr = rd.ref(r, fc.kr);
  // The objective's fields on its first KR row were read when it was made from that row.
  if (o.row !== rd.r0 + r) fillObjective(o, row, r, rd, cols, opts, false);


  // Numbers: start, target (current waits for the kind).
  let targetInfo: { percent: boolean; currency: string | null; unit: string | null } | null = null;
  if (fc.start !== undefined && !isBlank(row[fc.start])) {
    const p = rd.number(row[fc.start]);
    if (p.ok) {
      kr.start = p.value;
      kr.startGiven = true;
      rd.note(kr, 'start', r, fc.start);
    } else if (!p.blank) rd.problem('start', r, fc.start, p.error);
  }
  if (fc.target !== undefined && !isBlank(row[fc.target])) {
    const p = rd.number(row[fc.target]);
    if (p.ok) {
      kr.target = p.value;
      targetInfo = p;
      rd.note(kr, 'target', r, fc.target);
    } else if (!p.blank) {
      if (p.error.kind === 'placeholder') kr.placeholder = true;
      rd.problem('target', r, fc.target, p.error);
    }
  }

  // Kind: typed, or inferred from the wording and the numbers.
  let kindTyped = false;
  if (fc.kind !== undefined && !isBlank(row[fc.kind])) {
    const k = parseKind(row[fc.kind]);
    if (k === 'auto') {
      // 'auto': the numbers and wording decide, as OKRSCORE's kind argument does.
    } else if (k) {
      kr.kind = k;
      kindTyped = true;
      rd.note(kr, 'kind', r, fc.kind);
    } else
      rd.problemText('kind', r, fc.kind, describeValue(row[fc.kind]), unknownWord(describeValue(row[fc.kind]), 'increase, decrease, stay above, stay below or milestone', '增加、降低、不低于、不高于 或 里程碑'));
  }
  if (kr.target === null && !kr.placeholder && title && !(kindTyped && kr.kind === 'binary')) {
    fillFromWording(kr, rd.wording(title));
    if (kr.relative && kr.target === null) rd.problemText('target', r, fc.kr ?? 0, title, relativeWithoutStart(kr.relative));
  }

  // Current: a number, or done / not done for a milestone.
  let currentDone: boolean | null = null;
  let currentCol = -1;
  if (fc.current !== undefined && !isBlank(row[fc.current])) {
    currentCol = fc.current;
    const p = rd.measure(row[fc.current]);
    if (p.ok) {
      if (p.value.type === 'number') kr.current = p.value.value;
      else currentDone = p.value.done;
      rd.note(kr, 'current', r, fc.current);
    } else if (!p.blank) rd.problem('current', r, fc.current, p.error);
  }

  if (!kindTyped) {
    const words = title && (kr.target === null || kr.inferred.target || mentionsDirection(title)) ? rd.wording(title) : null;
    kr.kind = inferKind(kr, currentDone, words);
    kr.inferred.kind = true;
  }
  if (currentDone !== null) {
    if (kr.kind === 'binary') kr.current = currentDone ? 1 : 0;
    else {
      delete kr.cells.current;
      const seen = describeValue(row[currentCol]);
      rd.problemText('current', r, currentCol, seen, {
        en: `"${seen}" says done / not done, but this key result is measured by a number: type the value reached`,
        zh: `“${seen}”表示完成与否，但这个关键结果按数值计分：请填写实际达到的数值`,
      });
    }
  }

  // Unit: typed, or what the target cell or the wording shows.
  if (fc.unit !== undefined && !isBlank(row[fc.unit])) {
    kr.unit = cellText(row[fc.unit]);
    rd.note(kr, 'unit', r, fc.unit);
  } else {
    const u = targetInfo ? (targetInfo.percent ? '%' : targetInfo.unit ?? targetInfo.currency) : kr.inferred.target ? rd.wording(title).unit : null;
    if (u) {
      kr.unit = u;
      kr.inferred.unit = true;
    }
  }

  if (fc.weight !== undefined && !isBlank(row[fc.weight])) {
    const p = rd.number(row[fc.weight]);
    if (p.ok) {
      kr.weight = p.value;
      rd.note(kr, 'weight', r, fc.weight);
    } else if (!p.blank) rd.problem('weight', r, fc.weight, p.error);
  }
  if (fc.due !== undefined && !isBlank(row[fc.due])) {
    const p = rd.date(row[fc.due]);
    if (p.ok) {
      kr.due = p.value;
      rd.note(kr, 'due', r, fc.due);
    } else if (!p.blank) rd.problem('due', r, fc.due, p.error);
  }
  if (fc.updated !== undefined && !isBlank(row[fc.updated])) {
    const p = rd.date(row[fc.updated]);
    if (p.ok) {
      kr.updated = p.value;
      rd.note(kr, 'updated', r, fc.updated);
    } else if (!p.blank) rd.problem('updated', r, fc.updated, p.error);
  }
  // The stamp the add-in writes when the current value is edited counts as an update too: the later date wins.
  const st = cols.stamped;
  if (st !== undefined && !isBlank(row[st])) {
    const p = rd.date(row[st]);
    if (p.ok && (!kr.updated || p.value > kr.updated)) {
      kr.updated = p.value;
      rd.note(kr, 'updated', r, st);
    }
  }
  if (fc.confidence !== undefined && !isBlank(row[fc.confidence])) {
    const c = parseConfidence(row[fc.confidence]);
    if (c) {
      kr.confidence = c;
      rd.note(kr, 'confidence', r, fc.confidence);
    } else rd.problemText('confidence', r, fc.confidence, describeValue(row[fc.confidence]), unknownWord(describeValue(row[fc.confidence]), 'high, medium, low or 0-10', '高、中、低 或 0-10'));
  }
  if (fc.owner !== undefined && !isBlank(row[fc.owner])) {
    kr.owner = cellText(row[fc.owner]);
    rd.note(kr, 'owner', r, fc.owner);
  } else if (o.owner) {
    kr.owner = o.owner;
    kr.inferred.owner = true;
  }
  if (fc.type !== undefined && !isBlank(row[fc.type])) {
    const t = parseCommitment(row[fc.type], cols.typeYes);
    if (t) {
      kr.commitment = t;
      rd.note(kr, 'type', r, fc.type);
    } else {
      kr.commitment = o.commitment;
      kr.inferred.type = true;
      rd.problemText('type', r, fc.type, describeValue(row[fc.type]), unknownWord(describeValue(row[fc.type]), 'committed or aspirational', '承诺型 或 挑战型'));
    }
  } else {
    kr.commitment = o.commitment;
    kr.inferred.type = true;
  }
  if (fc.notes !== undefined && !isBlank(row[fc.notes])) {
    kr.notes = cellText(row[fc.notes]);
    rd.note(kr, 'notes', r, fc.notes);
  }
  if (fc.score !== undefined && !isBlank(row[fc.score])) {
    // The add-in's own column: a stale or #NAME? value is not the user's mistake, so it is not a problem.
    const p = parseNumber(row[fc.score]);
    kr.score = p.ok ? p.value : null;
    rd.note(kr, 'score', r, fc.score);
  }
  if (fc.status !== undefined && !isBlank(row[fc.status])) {
    kr.status = cellText(row[fc.status]);
    rd.note(kr, 'status', r, fc.status);
  }
  if (fc.alignedTo !== undefined && !isBlank(row[fc.alignedTo])) kr.cells.alignedTo = rd.ref(r, fc.alignedTo);
  kr.extra = extrasOf(row, cols, rd, kr.extra);
  return kr;
}

/**
 * The numbers a KR's wording gives where its cells gave none: a target ("to 300"), a start ("from 125"), the value
 * reached ("(current is 125k)"), or a change relative to the start ("by 3%": the target is computed from a known start,
 * never read as an absolute 3%).
 */
function fillFromWording(kr: KeyResult, t: TextInference): void {
  if (t.target !== null) {
    kr.target = t.target;
    kr.inferred.target = true;
  }
  if (!kr.startGiven && t.start !== null && (t.target !== null || t.relative)) {
    kr.start = t.start;
    kr.startGiven = true;
    kr.inferred.start = true;
  }
  if (t.relative && kr.target === null) {
    kr.relative = t.relative;
    if (kr.startGiven) {
      const sign = t.relative.down ? -1 : 1;
      kr.target = t.relative.percent ? kr.start * (1 + sign * t.relative.by) : kr.start + sign * t.relative.by;
      kr.inferred.target = true;
    }
  }
  if (t.current !== null && kr.current === null) {
    kr.current = t.current;
    kr.inferred.current = true;
  }
  if (t.placeholder) kr.placeholder = true;
}

const relativeWithoutStart = (rel: NonNullable<KeyResult['relative']>): Msg => {
  const by = rel.percent ? `${+(rel.by * 100).toFixed(6)}%` : String(rel.by);
  const dir = rel.down ? { en: 'lower', zh: '降低' } : { en: 'higher', zh: '提高' };
  return {
    en: `says ${by} ${dir.en} than the start, not a target of ${by}: give the start value (or the target itself)`,
    zh: `写的是比起始值${dir.zh}${by}，不是目标值 ${by}：请填写起始值（或直接填写目标值）`,
  };
};

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
    if (kr.startGiven && kr.target !== null && !kr.inferred.target && (t.kind === 'increase' || t.kind === 'decrease')) {
      return kr.start > kr.target ? 'decrease' : 'increase';
    }
    return t.kind;
  }
  if (kr.startGiven && kr.target !== null && kr.start > kr.target) return 'decrease';
  return 'increase';
}

// ---------------------------------------------------------------------------------------------------------------
// Outline form

const BULLET = /^[\s•·●○◦▪▫■□\-*–—>]+/;
const ITEM_WORD =
  /^(objectives?|obj|目标|key\s*results?|krs?|关键结果|关键成果|initiatives?|tasks?|actions?|执行|举措|行动|任务)\s*(\d+(?:\.\d+)*|[一二三四五六七八九十]+)?\s*(?:[:、)]|\s[-–—]\s|[-–—.](?=\s)|(?<=[\d一二三四五六七八九十])\s)\s*(\S.*)$/i;
const ITEM_LETTER = /^(O|E)\s*(\d+(?:\.\d+)*)?\s*(?:[:、)]|\s[-–—]\s|\.(?=\s))\s*(\S.*)$/i;

const BARE_LABEL = /^(?:o|e|objectives?|key\s*results?|krs?|目标|关键结果|关键成果|执行|举措|initiatives?|tasks?)\s*(?:\d+(?:\.\d+)*|[一二三四五六七八九十]+)?\s*[:：]?$/i;

type ItemKind = 'objective' | 'kr' | 'initiative';

/** An outline line's item, or null for a title or any other line. */
export function outlineItem(line: string): { kind: ItemKind; title: string } | null {
  const s = line.normalize('NFKC').replace(BULLET, '').trim();
  if (!s) return null;
  let m = ITEM_WORD.exec(s);
  if (m) {
    const w = m[1].toLowerCase().replace(/\s+/g, '');
    const kind: ItemKind = /^(obj|目标)/.test(w) ? 'objective' : /^(key|kr|关键)/.test(w) ? 'kr' : 'initiative';
    return { kind, title: m[3].trim() };
  }
  m = ITEM_LETTER.exec(s);
  if (m) return { kind: m[1].toUpperCase() === 'O' ? 'objective' : 'initiative', title: m[3].trim() };
  return null;
}

function readOutline(values: unknown[][], rd: Reader, model: OkrModel): boolean {
  const objectives: Objective[] = [];
  let obj: Objective | null = null;
  let kr: KeyResult | null = null;
  const others: string[] = [];
  const dated: string[] = [];
  let first = -1;
  let last = -1;
  for (let r = 0; r < values.length; r++) {
    const row = Array.isArray(values[r]) ? values[r] : EMPTY_ROW;
    let c = 0;
    while (c < row.length && isBlank(row[c])) c++;
    if (c >= row.length || typeof row[c] !== 'string') continue;
    const line = (row[c] as string).trim();
    let item = outlineItem(line);
    // A label in its own cell, the text in the next one: | KR1 | 完成... |
    if (!item && BARE_LABEL.test(line.normalize('NFKC')) && typeof row[c + 1] === 'string' && (row[c + 1] as string).trim()) {
      item = outlineItem(`${line}: ${(row[c + 1] as string).trim()}`);
      if (item) c++;
    }
    if (!item) {
      if (others.length < 50) others.push(line);
      continue;
    }
    if (first < 0) first = r;
    last = r;
    if (item.kind === 'objective') {
      obj = newObjective(item.title, rd.r0 + r, true, rd.ids.generate('O', [item.title]));
      obj.cells.objective = rd.ref(r, c);
      objectives.push(obj);
      kr = null;
      if (dated.length < 50) dated.push(item.title);
    } else if (item.kind === 'kr') {
      if (!obj) {
        obj = newObjective('', rd.r0 + r, false, rd.ids.generate('O', ['']));
        objectives.push(obj);
      }
      kr = newKr(rd.ids.generate('KR', [obj.title, item.title]), rd.r0 + r, item.title, obj.id);
      kr.cells.kr = rd.ref(r, c);
      kr.commitment = obj.commitment;
      kr.inferred.type = true;
      const t = inferFromText(item.title);
      fillFromWording(kr, t);
      if (t.unit && (kr.target !== null || kr.relative)) {
        kr.unit = t.unit;
        kr.inferred.unit = true;
      }
      if (kr.relative && kr.target === null) rd.problemText('target', r, c, item.title, relativeWithoutStart(kr.relative));
      kr.kind = inferKind(kr, null, t);
      kr.inferred.kind = true;
      obj.krs.push(kr);
      if (dated.length < 50) dated.push(item.title);
    } else {
      if (!obj) continue;
      addInitiative(obj, kr, item.title, r, c, rd);
      if (dated.length < 50) dated.push(item.title);
    }
  }
  if (!objectives.length) return false;
  model.form = 'outline';
  model.objectives = objectives;
  model.firstRow = rd.r0 + first;
  model.lastRow = rd.r0 + last;
  model.title = others[0] ?? null;
  model.cycle = outlineCycle(others, dated, rd.today);
  return true;
}

/** A title line naming a cycle wins; otherwise the items' own dates when they all name the same one ('10月'). */
function outlineCycle(titles: string[], items: string[], today: string): Cycle | null {
  for (const t of titles) {
    const c = findCycleInText(t, { today });
    if (c) return c;
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
export function readSheet(snapshot: SheetSnapshot, opts: ReadOptions): OkrModel {
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

  const header = findHeader(values);
  if (header) {
    readTable(values, header, rd, opts, model);
    const top = header.rows[0];
    let titleCycle: Cycle | null = null;
    for (let r = 0; r < top && !titleCycle; r++) {
      const row = Array.isArray(values[r]) ? values[r] : EMPTY_ROW;
      for (const v of row) {
        if (typeof v !== 'string' || !v.trim()) continue;
        model.title ??= v.trim();
        titleCycle = findCycleInText(v, { today });
        if (titleCycle) break;
      }
    }
    model.cycle = commonCycle(model.objectives) ?? titleCycle ?? settingsCycle;
    if (model.cycle) for (const o of model.objectives) o.cycle ??= model.cycle;
  } else if (!readOutline(values, rd, model)) {
    model.cycle = settingsCycle;
  } else {
    model.cycle ??= settingsCycle;
    if (model.cycle) for (const o of model.objectives) o.cycle ??= model.cycle;
  }
  model.problems = rd.problems;
  return model;
}

/** The cycle most objectives name in their cycle cells, or null when none does. */
function commonCycle(objectives: Objective[]): Cycle | null {
  const counts = new Map<string, { c: Cycle; n: number }>();
  let best: { c: Cycle; n: number } | null = null;
  for (const o of objectives) {
    if (!o.cycle) continue;
    const e = counts.get(o.cycle.id) ?? { c: o.cycle, n: 0 };
    e.n++;
    counts.set(o.cycle.id, e);
    if (!best || e.n > best.n) best = e;
  }
  return best ? best.c : null;
}
