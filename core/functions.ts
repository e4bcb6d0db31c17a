/**
 * The custom functions, defined once for both hosts: OKRSCORE, ROLLUP, OKRSTATUS, OKRPACE.
 *
 * Each takes its arguments exactly as a host hands them over:
 * - Excel: a range parameter arrives as a matrix (1x1 for one cell); an omitted optional is null.
 * - Sheets: one cell arrives as a scalar, a range as a 2D array, a blank as ''; an omitted optional is undefined.
 * Ranges broadcast against single cells and the result has the ranges' shape (ranges of different shapes are an
 * error). A row whose inputs are all blank gives '' (a blank). Bad input gives a per-cell CellError whose message
 * names the argument and quotes the value; one bad row never fails the rest.
 *
 * The hosts only wrap these: Excel maps CellError to CustomFunctions.Error (see EXCEL_ERROR_CODE); Sheets returns
 * toSheetsOutput(result). Their JSDoc repeats FUNCTION_DOCS.
 */
import { langFromLocale, msg, type Lang, type Msg } from './i18n';
import type { Commitment } from './model';
import { DEFAULT_SETTINGS } from './settings';
import {
  linearScore,
  PACE_LABELS,
  paceCode,
  paceOfSerials,
  rollup,
  scoreKr,
  status,
  START_EQUALS_TARGET,
  type RollupOutcome,
  type ScoreKind,
} from './score';
import { COMMITMENTS, KINDS } from './vocabulary';
import {
  describeValue,
  isBlank,
  isoToSerial,
  localIsoDate,
  parseDate,
  parseMeasure,
  parseNumber,
  type ValueError,
} from './values';

/**
 * The functions return only '#VALUE!' (bad input) and '#N/A' (a value not filled in yet): the two codes Excel shows a
 * custom message for. '#NUM!' and '#DIV/0!' are in the type for hosts that map other errors.
 */
export type ErrorCode = '#VALUE!' | '#NUM!' | '#N/A' | '#DIV/0!';

/** One cell's error: code, English message (names the argument and the value seen), Chinese message. */
export interface CellError {
  error: ErrorCode;
  message: string;
  zh: string;
}

/** One output cell: a number, a text ('' = blank), or an error. */
export type CellOut = number | string | CellError;
export type OutMatrix = CellOut[][];

/** CustomFunctions.ErrorCode names for each error code (for the Excel host). */
export const EXCEL_ERROR_CODE: Record<ErrorCode, 'invalidValue' | 'invalidNumber' | 'notAvailable' | 'divisionByZero'> =
  {
    '#VALUE!': 'invalidValue',
    '#NUM!': 'invalidNumber',
    '#N/A': 'notAvailable',
    '#DIV/0!': 'divisionByZero',
  };

/** What the host knows that the formula does not: the user's language and today's date (ISO). */
export interface FunctionContext {
  lang?: Lang;
  today?: string;
}

export function isCellError(v: unknown): v is CellError {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as CellError).error === 'string' &&
    typeof (v as CellError).message === 'string'
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Argument normalisation and broadcasting

/** A normalised argument: either one value (m === null) or a matrix. */
interface Arg {
  name: string;
  zh: string;
  rows: number;
  cols: number;
  m: unknown[][] | null;
  v: unknown;
}

function toArg(raw: unknown, name: string, zh: string): Arg {
  if (!Array.isArray(raw)) return { name, zh, rows: 1, cols: 1, m: null, v: raw };
  if (raw.length === 0) return { name, zh, rows: 1, cols: 1, m: null, v: null };
  let m: unknown[][];
  let cols = 0;
  let allRows = true;
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i];
    if (!Array.isArray(r)) {
      allRows = false;
      break;
    }
    if (r.length > cols) cols = r.length;
  }
  if (allRows) {
    m = raw as unknown[][];
  } else {
    // A flat list is read as a column; a list mixing rows and values, row by row.
    m = new Array(raw.length);
    cols = 1;
    for (let i = 0; i < raw.length; i++) {
      const r = raw[i];
      m[i] = Array.isArray(r) ? r : [r];
      if (m[i].length > cols) cols = m[i].length;
    }
  }
  if (cols === 0) return { name, zh, rows: 1, cols: 1, m: null, v: null };
  if (m.length === 1 && cols === 1) return { name, zh, rows: 1, cols: 1, m: null, v: m[0][0] };
  return { name, zh, rows: m.length, cols, m, v: undefined };
}

function at(a: Arg, i: number, j: number): unknown {
  return a.m === null ? a.v : a.m[i][j];
}

function isArgBlank(a: Arg): boolean {
  return a.m === null && isBlank(a.v);
}

/**
 * `parse(at(a, i, j))` with one parse per distinct value: once for a single cell, and for a range once per distinct
 * number, text or date (a column repeats a few dates, types and words; parsing each row again is what made OKRPACE
 * and OKRSTATUS slower than OKRSCORE per row).
 */
function parsedArg<T>(a: Arg, parse: (v: unknown) => T): (i: number, j: number) => T {
  if (a.m === null) {
    const once = parse(a.v);
    return () => once;
  }
  const m = a.m;
  const byValue = new Map<unknown, T>();
  const byTime = new Map<number, T>();
  return (i, j) => {
    const v = m[i][j];
    const isDate = v instanceof Date;
    if (!isDate && typeof v === 'object' && v !== null) return parse(v);
    const key = isDate ? (v as Date).getTime() : v;
    const cache = (isDate ? byTime : byValue) as Map<unknown, T>;
    let out = cache.get(key);
    if (out === undefined) {
      out = parse(v);
      if (cache.size < 4096) cache.set(key, out);
    }
    return out;
  };
}

function cellError(error: ErrorCode, en: string, zh: string): CellError {
  return { error, message: en, zh };
}

function argError(a: Arg, e: ValueError, code?: ErrorCode): CellError {
  const c: ErrorCode = code ?? (e.kind === 'placeholder' || e.kind === 'cell-error' ? '#N/A' : '#VALUE!');
  return cellError(c, `${a.name}: ${e.message.en}`, `${a.zh}：${e.message.zh}`);
}

/** The common shape of the arguments' ranges, or an error when two ranges differ. */
function broadcastShape(args: Arg[]): { rows: number; cols: number } | CellError {
  let shape: Arg | null = null;
  for (const a of args) {
    if (a.m === null) continue;
    if (shape === null) shape = a;
    else if (a.rows !== shape.rows || a.cols !== shape.cols) {
      return cellError(
        '#VALUE!',
        `${shape.name} is ${shape.rows}x${shape.cols} but ${a.name} is ${a.rows}x${a.cols}: ranges must have the same size (or be a single cell)`,
        `${shape.zh}是 ${shape.rows}x${shape.cols}，${a.zh}却是 ${a.rows}x${a.cols}：各区域大小必须相同（或为单个单元格）`,
      );
    }
  }
  return shape ? { rows: shape.rows, cols: shape.cols } : { rows: 1, cols: 1 };
}

function langArg(v: unknown, ctx: FunctionContext | undefined): Lang {
  if (typeof v === 'string' && v.trim() !== '') return langFromLocale(v.trim().replace(/^中文?$|^chinese$/i, 'zh'));
  return ctx?.lang ?? 'en';
}

function todayIso(ctx: FunctionContext | undefined): string {
  return ctx?.today || localIsoDate();
}

/** Runs `cell` over the broadcast shape. A module-level loop, not a closure per cell. */
function elementwise(args: Arg[], cell: (i: number, j: number) => CellOut): OutMatrix {
  const shape = broadcastShape(args);
  if ('error' in shape) return [[shape]];
  const out: OutMatrix = new Array(shape.rows);
  for (let i = 0; i < shape.rows; i++) {
    const row: CellOut[] = new Array(shape.cols);
    for (let j = 0; j < shape.cols; j++) {
      let v: CellOut;
      try {
        v = cell(i, j);
      } catch (e) {
        v = cellError(
          '#VALUE!',
          `unexpected error: ${describeValue((e as Error)?.message ?? e)}`,
          `意外错误：${describeValue((e as Error)?.message ?? e)}`,
        );
      }
      row[j] = v;
    }
    out[i] = row;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// OKRSCORE

const KIND_LIST = 'auto, increase, decrease, above, below, binary';

function kindArg(v: unknown): ScoreKind | CellError {
  if (isBlank(v)) return 'auto';
  const k = typeof v === 'string' ? KINDS.get(v) : null;
  if (k) return k;
  const seen = describeValue(v);
  return cellError('#VALUE!', `kind: "${seen}" is not one of ${KIND_LIST}`, `类型：“${seen}” 不是 ${KIND_LIST} 之一`);
}

const ARG_CURRENT = ['current', '当前值'] as const;
const ARG_TARGET = ['target', '目标值'] as const;
const ARG_START = ['start', '起始值'] as const;
const ARG_KIND = ['kind', '类型'] as const;

function kindMismatch(a: Arg, seen: unknown, kind: ScoreKind): CellError {
  const s = describeValue(seen);
  return cellError(
    '#VALUE!',
    `${a.name}: "${s}" is a done / not done value, but kind is ${kind}: use kind binary or a number`,
    `${a.zh}：“${s}” 是完成状态，但类型是 ${kind}：请用类型 binary 或填写数字`,
  );
}

/** The fast path: plain numbers on a linear KR; undefined when the row needs the full reading. */
function linearFast(c: unknown, t: unknown, s: unknown, k0: ScoreKind | CellError): CellOut | undefined {
  if (typeof c !== 'number' || typeof t !== 'number') return undefined;
  if (!(s === null || s === undefined || s === '' || typeof s === 'number')) return undefined;
  if (!(k0 === 'auto' || k0 === 'increase' || k0 === 'decrease') || !Number.isFinite(c) || !Number.isFinite(t))
    return undefined;
  const s0 = typeof s === 'number' ? s : 0;
  if (!Number.isFinite(s0)) return undefined;
  if (t === s0) return cellError('#VALUE!', START_EQUALS_TARGET.en, START_EQUALS_TARGET.zh);
  const raw = linearScore(c, s0, t);
  return raw < 0 ? 0 : raw > 1 ? 1 : raw;
}

type Measured = ReturnType<typeof parseMeasure>;

/** e.g. target "X" (a placeholder that also reads as a tick) beside a measured number: an error under kind auto. */
function doneTargetBesideNumber(tgt: Arg, c: unknown, t: unknown, cm: Measured, tm: Measured): CellError | null {
  if (!(tm.ok && tm.value.type === 'done' && cm.ok && cm.value.type === 'number')) return null;
  if (cm.value.value === 0 || cm.value.value === 1) return null;
  const ts = describeValue(t);
  const cs = describeValue(c);
  return cellError(
    '#VALUE!',
    `${tgt.name}: "${ts}" reads as done / not done, but current "${cs}" is a number: give a numeric target`,
    `${tgt.zh}：“${ts}” 被读作完成状态，但当前值“${cs}”是数字：请填写数字目标值`,
  );
}

/** A binary KR: 1 when done, 0 when not (or not measured yet). */
function binaryScore(cur: Arg, c: unknown, cm: Measured): CellOut {
  if (!cm.ok) return 0; // not measured yet
  if (cm.value.type === 'done') return cm.value.done ? 1 : 0;
  if (cm.value.value === 1 || cm.value.value === 0) return cm.value.value;
  return cellError(
    '#VALUE!',
    `${cur.name}: "${describeValue(c)}" is not done / not done (use TRUE, yes, done, 完成, 1 or FALSE, no, 未完成, 0)`,
    `${cur.zh}：“${describeValue(c)}” 不是完成状态（请用 完成/是/TRUE/1 或 未完成/否/FALSE/0）`,
  );
}

/** A numeric KR of a known kind, scored by scoreKr (blank without target and current). */
function numericScore(tgt: Arg, st: Arg, s: unknown, kind: ScoreKind, cm: Measured, tm: Measured): CellOut {
  const sp = parseNumber(s);
  if (!sp.ok && !sp.blank) return argError(st, sp.error);
  const current = cm.ok && cm.value.type === 'number' ? cm.value.value : null;
  const target = tm.ok && tm.value.type === 'number' ? tm.value.value : null;
  if (target === null) {
    if (current === null) return '';
    return cellError(
      '#N/A',
      `${tgt.name}: blank; a key result needs a target to be scored`,
      `${tgt.zh}：为空；关键结果需要目标值才能评分`,
    );
  }
  const r = scoreKr({ kind, start: sp.ok ? sp.value : 0, target, current });
  if (r.ok) return r.score;
  if (r.blank) return '';
  return cellError('#VALUE!', r.error.message.en, r.error.message.zh);
}

/** One OKRSCORE cell from raw values; kindFixed is the kind parsed once when it is a single cell. */
function scoreCell(
  cur: Arg,
  tgt: Arg,
  st: Arg,
  kd: Arg,
  kindFixed: ScoreKind | CellError | null,
  i: number,
  j: number,
): CellOut {
  const c = at(cur, i, j);
  const t = at(tgt, i, j);
  const s = at(st, i, j);
  const kindP = kindFixed ?? kindArg(at(kd, i, j));
  const fast = linearFast(c, t, s, kindP);
  if (fast !== undefined) return fast;
  // A blank row is blank, except a milestone whose kind says binary: unmeasured, it scores 0 (as scoreKr does).
  if (isBlank(c) && isBlank(t) && isBlank(s)) return kindP === 'binary' ? 0 : '';
  if (typeof kindP !== 'string') return kindP;
  let kind: ScoreKind = kindP;
  const cm = parseMeasure(c);
  if (!cm.ok && !cm.blank) return argError(cur, cm.error);
  const tm = parseMeasure(t);
  if (!tm.ok && !tm.blank && kind !== 'binary') return argError(tgt, tm.error);
  if (kind === 'auto') {
    const bad = doneTargetBesideNumber(tgt, c, t, cm, tm);
    if (bad) return bad;
    if ((cm.ok && cm.value.type === 'done') || (tm.ok && tm.value.type === 'done')) kind = 'binary';
  }
  if (kind === 'binary') return binaryScore(cur, c, cm);
  if (cm.ok && cm.value.type === 'done') return kindMismatch(cur, c, kind);
  if (tm.ok && tm.value.type === 'done') return kindMismatch(tgt, t, kind);
  return numericScore(tgt, st, s, kind, cm, tm);
}

/**
 * OKRSCORE(current, target, [start], [kind]) -> score in [0, 1] per row.
 * kind: auto (default: direction from start and target; a done word makes it binary), increase, decrease, above,
 * below, binary (case-insensitive; Chinese names accepted).
 */
export function fnOkrScore(current: unknown, target: unknown, start?: unknown, kind?: unknown): OutMatrix {
  const cur = toArg(current, ARG_CURRENT[0], ARG_CURRENT[1]);
  const tgt = toArg(target, ARG_TARGET[0], ARG_TARGET[1]);
  const st = toArg(start, ARG_START[0], ARG_START[1]);
  const kd = toArg(kind, ARG_KIND[0], ARG_KIND[1]);
  const kindFixed = kd.m === null ? kindArg(kd.v) : null;
  return elementwiseScore(cur, tgt, st, kd, kindFixed);
}

function elementwiseScore(cur: Arg, tgt: Arg, st: Arg, kd: Arg, kindFixed: ScoreKind | CellError | null): OutMatrix {
  const shape = broadcastShape([cur, tgt, st, kd]);
  if ('error' in shape) return [[shape]];
  const out: OutMatrix = [];
  for (let i = 0; i < shape.rows; i++) {
    if (shape.cols === 1) {
      out.push([scoreCell(cur, tgt, st, kd, kindFixed, i, 0)]);
      continue;
    }
    const row: CellOut[] = [];
    for (let j = 0; j < shape.cols; j++) row.push(scoreCell(cur, tgt, st, kd, kindFixed, i, j));
    out.push(row);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// ROLLUP

function position(a: Arg, i: number, j: number): { en: string; zh: string } {
  if (a.m === null) return { en: a.name, zh: a.zh };
  if (a.cols === 1) return { en: `${a.name}, row ${i + 1}`, zh: `${a.zh}第 ${i + 1} 行` };
  if (a.rows === 1) return { en: `${a.name}, column ${j + 1}`, zh: `${a.zh}第 ${j + 1} 列` };
  return { en: `${a.name}, row ${i + 1} column ${j + 1}`, zh: `${a.zh}第 ${i + 1} 行第 ${j + 1} 列` };
}

/** An argument's cells as numbers, row by row (blank -> null), or the error naming the first cell that is not one. */
function cellNumbers(a: Arg): (number | null)[] | CellError {
  const out: (number | null)[] = new Array(a.rows * a.cols);
  let k = 0;
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++, k++) {
      const v = at(a, i, j);
      const p = typeof v === 'number' && Number.isFinite(v) ? v : parseNumber(v);
      if (typeof p === 'number') out[k] = p;
      else if (p.ok) out[k] = p.value;
      else if (p.blank) out[k] = null;
      else {
        const where = position(a, i, j);
        return argError({ ...a, name: where.en, zh: where.zh }, p.error);
      }
    }
  }
  return out;
}

/** ROLLUP's error cell: a negative weight named by its position, or the rollup's own message. */
function rollupError(r: Extract<RollupOutcome, { ok: false; blank: false }>, sa: Arg, wa: Arg): CellError {
  if (r.index === undefined) return cellError('#VALUE!', r.error.message.en, r.error.message.zh);
  const i = Math.floor(r.index / sa.cols);
  const j = r.index % sa.cols;
  const p = position(wa, i, j);
  const seen = describeValue(at(wa, i, j));
  return cellError(
    '#VALUE!',
    `${p.en}: "${seen}" is negative; weights must be 0 or more`,
    `${p.zh}：“${seen}” 为负数；权重必须不小于 0`,
  );
}

/**
 * ROLLUP(scores, [weights]) -> weighted mean of the scores. Blank scores are skipped with their weights; weights may
 * be fractions or percentages (normalised); weight 0 excludes; a blank weight beside a score means equal weights for
 * all (as in the quarter close); all blank -> ''. weights must have the scores' shape.
 */
export function fnRollup(scores: unknown, weights?: unknown): CellOut {
  try {
    const sa = toArg(scores, 'scores', '分数');
    const wa = toArg(weights, 'weights', '权重');
    const weighted = !isArgBlank(wa);
    if (weighted && (wa.rows !== sa.rows || wa.cols !== sa.cols)) {
      return cellError(
        '#VALUE!',
        `scores is ${sa.rows}x${sa.cols} but weights is ${wa.rows}x${wa.cols}: give one weight per score`,
        `分数是 ${sa.rows}x${sa.cols}，权重却是 ${wa.rows}x${wa.cols}：每个分数需要一个权重`,
      );
    }
    const s = cellNumbers(sa);
    if (!Array.isArray(s)) return s;
    const w = weighted ? cellNumbers(wa) : null;
    if (w && !Array.isArray(w)) return w;
    const anyWeight = !!w && w.some((x) => x !== null);
    // One rule with the quarter close (score.ts rollup): a blank weight beside a score means equal weights.
    const r = rollup(s, anyWeight ? w : null);
    if (r.ok) return r.value;
    if (r.blank) return '';
    return rollupError(r, sa, wa);
  } catch (e) {
    return cellError(
      '#VALUE!',
      `unexpected error: ${describeValue((e as Error)?.message ?? e)}`,
      `意外错误：${describeValue((e as Error)?.message ?? e)}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// OKRSTATUS

function commitmentArg(a: Arg, v: unknown): Commitment | null | CellError {
  if (isBlank(v)) return null;
  const c = typeof v === 'string' ? COMMITMENTS.get(v) : null;
  if (c) return c;
  const seen = describeValue(v);
  return cellError(
    '#VALUE!',
    `${a.name}: "${seen}" is not committed or aspirational`,
    `${a.zh}：“${seen}” 不是 承诺型 或 挑战型`,
  );
}

function bandArg(a: Arg, v: unknown, dflt: number): number | CellError {
  const p = parseNumber(v);
  if (p.blank) return dflt;
  if (!p.ok) return argError(a, p.error);
  if (p.value < 0) return cellError('#VALUE!', `${a.name}: ${p.value} is negative`, `${a.zh}：${p.value} 为负数`);
  return p.value;
}

/** atRiskPoints as typed: 25, or 25% (read as 25 points); blank -> the default. */
function atRiskArg(a: Arg, v: unknown): number | CellError {
  const p = parseNumber(v);
  if (p.blank) return DEFAULT_SETTINGS.limits.atRiskPoints;
  if (!p.ok) return argError(a, p.error);
  const points = p.percent ? p.value * 100 : p.value;
  if (points < 0) return cellError('#VALUE!', `${a.name}: ${points} is negative`, `${a.zh}：${points} 为负数`);
  return points;
}

/**
 * OKRSTATUS(score, [type], [red], [yellow], [lang], [expected], [atRiskPoints]) -> a status label per row.
 * type committed: 1.0 achieved, below needs review; aspirational: 1.0 "set too low", green band on target;
 * either: below red means rethink. red / yellow default to the bands 0.4 / 0.7. lang: en (default) or zh.
 * expected (the row's Pace cell: progress expected today, 0-1): below 1, a score below 1 reads as Not started,
 * On track, Behind or At risk (atRiskPoints, default 25, points behind); blank or 1 (due date reached) -> the bands.
 */
export function fnOkrStatus(
  score: unknown,
  type?: unknown,
  red?: unknown,
  yellow?: unknown,
  lang?: unknown,
  expected?: unknown,
  atRiskPoints?: unknown,
  ctx?: FunctionContext,
): OutMatrix {
  const sc = toArg(score, 'score', '分数');
  const ty = toArg(type, 'type', '类型');
  const rd = toArg(red, 'red', '红色阈值');
  const ye = toArg(yellow, 'yellow', '黄色阈值');
  const lg = toArg(lang, 'lang', '语言');
  const ex = toArg(expected, 'expected', '应有进度');
  const ar = toArg(atRiskPoints, 'atRiskPoints', '风险阈值');
  // Everything but the score is parsed once per distinct value (single cells once).
  const langAt = parsedArg(lg, (v) => langArg(v, ctx));
  const typeAt = parsedArg(ty, (v) => commitmentArg(ty, v));
  const redAt = parsedArg(rd, (v) => bandArg(rd, v, DEFAULT_SETTINGS.bands.red));
  const expectedAt = parsedArg(ex, parseNumber);
  const pointsAt = parsedArg(ar, (v) => atRiskArg(ar, v));
  return elementwise([sc, ty, rd, ye, lg, ex, ar], (i, j) => {
    const sv = at(sc, i, j);
    let score: number;
    if (typeof sv === 'number' && Number.isFinite(sv)) score = sv;
    else {
      const sp = parseNumber(sv);
      if (sp.blank) return '';
      if (!sp.ok) return argError(sc, sp.error);
      score = sp.value;
    }
    if (score < 0)
      return cellError(
        '#VALUE!',
        `score: ${score} is negative; scores run from 0 to 1`,
        `分数：${score} 为负数；分数范围是 0 到 1`,
      );
    const c = typeAt(i, j);
    if (isCellError(c)) return c;
    const r = redAt(i, j);
    if (typeof r !== 'number') return r;
    const y = bandArg(ye, at(ye, i, j), Math.max(r, DEFAULT_SETTINGS.bands.yellow));
    if (typeof y !== 'number') return y;
    if (r > y) return cellError('#VALUE!', `red (${r}) is above yellow (${y})`, `红色阈值（${r}）高于黄色阈值（${y}）`);
    const ep = expectedAt(i, j);
    if (!ep.ok && !ep.blank) return argError(ex, ep.error);
    const points = pointsAt(i, j);
    if (typeof points !== 'number') return points;
    const during = ep.ok ? { expected: ep.value, atRiskPoints: points } : null;
    return status(score, c, { red: r, yellow: y }, during).label[langAt(i, j)];
  });
}

// ---------------------------------------------------------------------------------------------------------------
// OKRPACE

/**
 * OKRPACE(score, cycleStart, due, [today], [atRiskPoints], [lang]) -> pace label per row: Done, Not started,
 * On track, Behind (up to atRiskPoints, default 25, points behind the linear expected progress), At risk, Overdue.
 * Takes the score (e.g. an OKRSCORE cell) so direction and kind are decided in one place. today defaults to the
 * host's date; pass TODAY() to make it recalculate every day.
 */
export function fnOkrPace(
  score: unknown,
  cycleStart: unknown,
  due: unknown,
  today?: unknown,
  atRiskPoints?: unknown,
  lang?: unknown,
  ctx?: FunctionContext,
): OutMatrix {
  const sc = toArg(score, 'score', '分数');
  const cs = toArg(cycleStart, 'cycleStart', '周期开始');
  const du = toArg(due, 'due', '截止日期');
  const td = toArg(today, 'today', '今天');
  const ar = toArg(atRiskPoints, 'atRiskPoints', '风险阈值');
  const lg = toArg(lang, 'lang', '语言');
  const dfltToday = isoToSerial(todayIso(ctx));
  // Dates, thresholds and languages repeat down a column: each distinct value is parsed (and made a serial) once.
  const serialOf = (v: unknown) => {
    const p = parseDate(v);
    return { p, serial: p.ok ? isoToSerial(p.value) : null };
  };
  const startAt = parsedArg(cs, serialOf);
  const dueAt = parsedArg(du, serialOf);
  const todayAt = parsedArg(td, (v) => (isBlank(v) ? null : serialOf(v)));
  const pointsAt = parsedArg(ar, (v) => atRiskArg(ar, v));
  const langAt = parsedArg(lg, (v) => langArg(v, ctx));
  return elementwise([sc, cs, du, td, ar, lg], (i, j) => {
    const sv = at(sc, i, j);
    const num = typeof sv === 'number' && Number.isFinite(sv);
    if (!num && isBlank(sv) && isBlank(at(cs, i, j)) && isBlank(at(du, i, j))) return '';
    const sp = num ? null : parseNumber(sv);
    if (sp && !sp.ok && !sp.blank) return argError(sc, sp.error);
    const start = startAt(i, j);
    if (!start.p.ok)
      return start.p.blank
        ? cellError('#N/A', `${cs.name}: blank; give the date the cycle starts`, `${cs.zh}：为空；请填写周期开始日期`)
        : argError(cs, start.p.error);
    const due = dueAt(i, j);
    if (!due.p.ok)
      return due.p.blank
        ? cellError('#N/A', `${du.name}: blank; give the due date`, `${du.zh}：为空；请填写截止日期`)
        : argError(du, due.p.error);
    const today = todayAt(i, j);
    if (today && !today.p.ok) return argError(td, (today.p as { error: ValueError }).error);
    const points = pointsAt(i, j);
    if (typeof points !== 'number') return points;
    const progress = sp === null ? (sv as number) : sp.ok ? sp.value : null;
    const day = today ? today.serial : dfltToday;
    if (start.serial === null || due.serial === null || day === null || due.serial < start.serial) {
      const r = paceOfSerials(progress, start.serial, due.serial, day, points);
      if (!r.ok) return cellError('#VALUE!', r.error.message.en, r.error.message.zh);
    }
    return PACE_LABELS[paceCode(progress, start.serial!, due.serial!, day!, points)][langAt(i, j)];
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Sheets output

/**
 * What a Sheets custom function returns: one cell -> a scalar (an error is thrown, so Sheets shows its message as
 * the tooltip); a range -> a 2D array where each error becomes the text "#VALUE! message".
 */
export function toSheetsOutput(result: CellOut | OutMatrix): string | number | (string | number)[][] {
  if (!Array.isArray(result)) {
    if (isCellError(result)) throw new Error(result.message);
    return result;
  }
  if (result.length === 1 && result[0].length === 1) return toSheetsOutput(result[0][0]) as string | number;
  const out: (string | number)[][] = new Array(result.length);
  for (let i = 0; i < result.length; i++) {
    const row = result[i];
    const o: (string | number)[] = new Array(row.length);
    for (let j = 0; j < row.length; j++) {
      const v = row[j];
      o[j] = isCellError(v) ? `${v.error} ${v.message}` : v;
    }
    out[i] = o;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Documentation (the hosts' JSDoc says the same)

export interface ParamDoc {
  name: string;
  optional: boolean;
  help: Msg;
}

export interface FunctionDoc {
  name: 'OKRSCORE' | 'ROLLUP' | 'OKRSTATUS' | 'OKRPACE';
  description: Msg;
  params: ParamDoc[];
  returns: Msg;
  example: string;
}

export const FUNCTION_DOCS: FunctionDoc[] = [
  {
    name: 'OKRSCORE',
    description: msg(
      'Scores key results from 0 to 1: (current - start) / (target - start) for increasing and decreasing KRs, 1 or 0 for stay-above, stay-below and done/not-done KRs. Ranges give one score per row.',
      '为关键结果评分（0 到 1）：递增和递减型按 (当前值 - 起始值) / (目标值 - 起始值) 计算，保持不低于、保持不高于和完成型记 1 或 0。传入区域时逐行评分。',
    ),
    params: [
      {
        name: 'current',
        optional: false,
        help: msg(
          'Current value: a number, percentage (50%), 1,200, ¥3.5万, or a done word (done, 完成, TRUE).',
          '当前值：数字、百分比（50%）、1,200、¥3.5万，或完成状态（完成、是、TRUE）。',
        ),
      },
      { name: 'target', optional: false, help: msg('Target value.', '目标值。') },
      { name: 'start', optional: true, help: msg('Start value (baseline). Default 0.', '起始值（基线）。默认为 0。') },
      {
        name: 'kind',
        optional: true,
        help: msg(
          'auto (default), increase, decrease, above, below or binary.',
          'auto（默认）、increase（递增）、decrease（递减）、above（保持不低于）、below（保持不高于）或 binary（完成与否）。',
        ),
      },
    ],
    returns: msg('Score from 0 to 1 (blank when the row is blank).', '0 到 1 的分数（整行为空时返回空白）。'),
    example: '=OKRSCORE(D2:D20, C2:C20, B2:B20)',
  },
  {
    name: 'ROLLUP',
    description: msg(
      'Weighted mean of scores. Blank scores are skipped with their weights; weights may be fractions or percentages; weight 0 leaves a score out.',
      '分数的加权平均。空白分数及其权重不计入；权重可以是小数或百分比；权重为 0 表示不计入。',
    ),
    params: [
      { name: 'scores', optional: false, help: msg('Scores from 0 to 1.', '0 到 1 的分数。') },
      {
        name: 'weights',
        optional: true,
        help: msg(
          'One weight per score (e.g. 40%, 0.4 or 40). Default: equal weights.',
          '每个分数的权重（如 40%、0.4 或 40）。默认等权。',
        ),
      },
    ],
    returns: msg('Weighted mean (blank when every score is blank).', '加权平均（所有分数为空时返回空白）。'),
    example: '=ROLLUP(E2:E5, F2:F5)',
  },
  {
    name: 'OKRSTATUS',
    description: msg(
      'Reads a score as a status: committed KRs are expected to reach 1.0, aspirational ones about 0.7 (1.0 means the goal may be too low); below red means rethink.',
      '把分数解读为状态：承诺型应达到 1.0，挑战型约 0.7 即可（1.0 说明目标可能定得太低）；低于红色阈值需重新思考。',
    ),
    params: [
      { name: 'score', optional: false, help: msg('Score from 0 to 1.', '0 到 1 的分数。') },
      {
        name: 'type',
        optional: true,
        help: msg(
          'committed or aspirational (承诺型 / 挑战型). Default: plain bands.',
          'committed（承诺型）或 aspirational（挑战型）。默认按颜色区间。',
        ),
      },
      { name: 'red', optional: true, help: msg('Below this is red. Default 0.4.', '低于此值为红色。默认 0.4。') },
      { name: 'yellow', optional: true, help: msg('Below this is yellow. Default 0.7.', '低于此值为黄色。默认 0.7。') },
      {
        name: 'lang',
        optional: true,
        help: msg('Label language: en or zh. Default en.', '标签语言：en 或 zh。默认 en。'),
      },
      {
        name: 'expected',
        optional: true,
        help: msg(
          'Progress expected today (the Pace cell, 0-1). Below 1: Not started, On track, Behind or At risk. Default: the bands.',
          '今天应有的进度（进度节奏单元格，0-1）。小于 1 时：未开始、进度正常、进度落后或有风险。默认按颜色区间。',
        ),
      },
      {
        name: 'atRiskPoints',
        optional: true,
        help: msg('Points behind expected before "At risk". Default 25.', '落后预期多少个百分点算“有风险”。默认 25。'),
      },
    ],
    returns: msg('Status label.', '状态标签。'),
    example: '=OKRSTATUS(E2:E20, "committed")',
  },
  {
    name: 'OKRPACE',
    description: msg(
      'Compares a score with the progress expected by today (growing linearly from cycle start to due date): On track, Behind, At risk, Done, Not started or Overdue.',
      '将分数与今天应有的进度（从周期开始到截止日期线性增长）比较：进度正常、进度落后、有风险、已完成、未开始或已逾期。',
    ),
    params: [
      { name: 'score', optional: false, help: msg('Score or progress from 0 to 1.', '0 到 1 的分数或进度。') },
      { name: 'cycleStart', optional: false, help: msg('Date the cycle starts.', '周期开始日期。') },
      { name: 'due', optional: false, help: msg('Due date.', '截止日期。') },
      {
        name: 'today',
        optional: true,
        help: msg(
          "Today's date. Default: today (pass TODAY() to recalculate daily).",
          '今天的日期。默认为今天（传入 TODAY() 可每天重新计算）。',
        ),
      },
      {
        name: 'atRiskPoints',
        optional: true,
        help: msg('Points behind expected before "At risk". Default 25.', '落后预期多少个百分点算“有风险”。默认 25。'),
      },
      {
        name: 'lang',
        optional: true,
        help: msg('Label language: en or zh. Default en.', '标签语言：en 或 zh。默认 en。'),
      },
    ],
    returns: msg('Pace label.', '进度标签。'),
    example: '=OKRPACE(E2:E20, "2026-10-01", G2:G20, TODAY())',
  },
];
