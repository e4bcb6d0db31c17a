/**
 * Scoring key results, rolling them up, and reading a score (band, committed/aspirational status, pace).
 * Plain numbers in, typed outcomes out: parsing what people typed is values.ts's job.
 */
import { msg, type Msg } from './i18n';
import type { Commitment, KrKind } from './model';
import { DEFAULT_SETTINGS, type Bands } from './settings';
import { isoToSerial, serialToIso } from './values';

export type ScoreKind = KrKind | 'auto';

export type ScoreErrorCode =
  | 'start-equals-target'
  | 'no-target'
  | 'not-finite'
  | 'negative-weight'
  | 'zero-weights'
  | 'length-mismatch'
  /** No longer produced: a blank weight beside a score means equal weights (kept for code that names it). */
  | 'missing-weight'
  | 'bad-dates';

export interface ScoreError {
  code: ScoreErrorCode;
  message: Msg;
}

export type ScoreOutcome =
  | {
      ok: true;
      blank: false;
      /** Clamped to [0, 1]. */
      score: number;
      /** Unclamped: above 1 is over-achievement, below 0 moved the wrong way. */
      raw: number;
      /** The kind used ('auto' resolved to increase/decrease). */
      kind: KrKind;
    }
  | { ok: false; blank: true }
  | { ok: false; blank: false; error: ScoreError };

export interface KrInput {
  kind?: ScoreKind | null;
  /** Defaults to 0. */
  start?: number | null;
  target: number | null;
  /** For binary KRs: true/false, or 1/0. Null = not measured yet. */
  current: number | boolean | null;
}

const BLANK_OUTCOME = { ok: false, blank: true } as const;

function scoreError(code: ScoreErrorCode, message: Msg): { ok: false; blank: false; error: ScoreError } {
  return { ok: false, blank: false, error: { code, message } };
}

/**
 * Spreadsheets compare at about 15 significant digits: (0.042-0.05)/(0.03-0.05) is 0.4 there, not 0.39999…, so a
 * linear score exactly on a band edge must land in the same band here as in the sheet's own formulas.
 */
export function linearScore(current: number, start: number, target: number): number {
  const exact = (current - start) / (target - start);
  return Math.abs(exact) < 1e3 ? Math.round(exact * 1e12) / 1e12 : exact;
}

function ok(raw: number, kind: KrKind): ScoreOutcome {
  const score = raw < 0 ? 0 : raw > 1 ? 1 : raw;
  return { ok: true, blank: false, score, raw, kind };
}

function finite(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

export const START_EQUALS_TARGET: Msg = msg(
  'start equals target, so progress cannot be measured: use kind "above" (stay at or above) or "below" (stay at or below)',
  '起始值等于目标值，无法计算进度：请改用类型 “above”（保持不低于）或 “below”（保持不高于）',
);

/**
 * Score one KR:
 * - increase / decrease: (current - start) / (target - start), the same formula both ways; start defaults to 0.
 * - above: 1 if current >= target else 0; below: 1 if current <= target else 0 (inclusive).
 * - binary: 1 if done else 0.
 * - auto: increase when target > start, decrease when target < start.
 * Clamped to [0, 1] (raw keeps the unclamped value); blank current with a target scores 0; nothing at all is blank.
 */
export function scoreKr(kr: KrInput): ScoreOutcome {
  const start = kr.start ?? 0;
  const { target, current } = kr;
  let kind = kr.kind ?? 'auto';
  if (kind === 'binary') {
    if (current === null || current === undefined) return ok(0, 'binary');
    return ok(current === true || current === 1 ? 1 : 0, 'binary');
  }
  if (typeof current === 'boolean') {
    // A done word on a KR of another kind: only 'auto' may read it as binary.
    if (kind === 'auto') return ok(current ? 1 : 0, 'binary');
  }
  if (target === null || target === undefined) {
    if (current === null || current === undefined) return BLANK_OUTCOME;
    return scoreError('no-target', msg('the key result has no target', '该关键结果没有目标值'));
  }
  if (!finite(start) || !finite(target) || (current !== null && current !== undefined && !finite(current))) {
    return scoreError(
      'not-finite',
      msg('start, target and current must be finite numbers', '起始值、目标值和当前值必须是有限的数字'),
    );
  }
  if (kind === 'auto') {
    if (target === start) return scoreError('start-equals-target', START_EQUALS_TARGET);
    kind = target > start ? 'increase' : 'decrease';
  }
  if (current === null || current === undefined) return ok(0, kind);
  const c = current as number;
  switch (kind) {
    case 'above':
      return ok(c >= target ? 1 : 0, kind);
    case 'below':
      return ok(c <= target ? 1 : 0, kind);
    default: {
      if (target === start) return scoreError('start-equals-target', START_EQUALS_TARGET);
      return ok(linearScore(c, start, target), kind);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Rollup

export type RollupOutcome =
  | { ok: true; blank: false; value: number; /** How many scores counted (weight > 0). */ used: number }
  | { ok: false; blank: true }
  | {
      ok: false;
      blank: false;
      error: ScoreError;
      /** 0-based index of the item at fault, when one is. */ index?: number;
    };

/**
 * Whether the weights count (each counted, non-blank score has one) and the largest of them: weights are scaled by
 * it so that huge weights cannot overflow the sums.
 */
function weightScale(
  scores: readonly (number | null)[],
  weights: readonly (number | null)[] | null | undefined,
): { weighted: boolean; scale: number } {
  if (!weights) return { weighted: false, scale: 1 };
  let wmax = 0;
  let weighted = true;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (scores[i] === null || scores[i] === undefined) continue;
    if (w === null || w === undefined) weighted = false;
    else if (finite(w) && w > wmax) wmax = w;
  }
  return { weighted, scale: weighted && wmax > 0 ? wmax : 1 };
}

/** Item i's error, if any: a weight not finite or negative (even beside a blank score), a score not finite. */
function itemError(s: number | null | undefined, given: number | null | undefined, i: number): RollupOutcome | null {
  if (given !== null && given !== undefined) {
    if (!finite(given))
      return {
        ...scoreError('not-finite', msg(`weight ${i + 1} is not a finite number`, `第 ${i + 1} 个权重不是有限的数字`)),
        index: i,
      };
    if (given < 0)
      return {
        ...scoreError(
          'negative-weight',
          msg(`weight ${i + 1} is negative (${given})`, `第 ${i + 1} 个权重为负数（${given}）`),
        ),
        index: i,
      };
  }
  if (s === null || s === undefined || finite(s)) return null;
  return {
    ...scoreError('not-finite', msg(`score ${i + 1} is not a finite number`, `第 ${i + 1} 个分数不是有限的数字`)),
    index: i,
  };
}

/**
 * Weighted mean of scores. Blank scores (null) are skipped with their weights. Weights may be fractions or
 * percentages (they are normalised by their sum); weight 0 excludes a score. Without weights, or when any counted
 * (non-blank) score has a blank weight, all scores count equally: the one rule of ROLLUP and the quarter close
 * (validation warns 'weights-incomplete'). A negative weight or weights that are all zero are errors. All blank -> blank.
 */
export function rollup(scores: readonly (number | null)[], weights?: readonly (number | null)[] | null): RollupOutcome {
  if (weights && weights.length !== scores.length) {
    return scoreError(
      'length-mismatch',
      msg(
        `${scores.length} scores but ${weights.length} weights`,
        `有 ${scores.length} 个分数，却有 ${weights.length} 个权重`,
      ),
    );
  }
  const { weighted, scale } = weightScale(scores, weights);
  let sum = 0;
  let wsum = 0;
  let used = 0;
  let seen = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    const given = weights ? weights[i] : null;
    const error = itemError(s, given, i);
    if (error) return error;
    if (s === null || s === undefined) continue;
    const w = weighted ? (given as number) : 1;
    seen++;
    if (w === 0) continue;
    const ws = w / scale;
    sum += s * ws;
    wsum += ws;
    used++;
  }
  if (seen === 0) return BLANK_OUTCOME;
  if (wsum === 0)
    return scoreError('zero-weights', msg('every weight is 0: nothing to roll up', '所有权重都是 0：没有可汇总的分数'));
  const value = sum / wsum;
  if (!finite(value))
    return scoreError('not-finite', msg('the scores are too large to average', '分数过大，无法求平均'));
  return { ok: true, blank: false, value, used };
}

// ---------------------------------------------------------------------------------------------------------------
// Bands and status

export type Band = 'red' | 'yellow' | 'green';

/** Below bands.red is red, below bands.yellow is yellow, otherwise green. */
export function band(score: number, bands: Bands = DEFAULT_SETTINGS.bands): Band {
  if (score < bands.red) return 'red';
  if (score < bands.yellow) return 'yellow';
  return 'green';
}

export type StatusCode =
  | 'not-scored'
  | 'rethink' // below the red band, whatever the commitment
  | 'progressing' // yellow band (aspirational or unspecified)
  | 'on-target' // green band below 1.0 (aspirational or unspecified)
  | 'achieved' // 1.0 on a committed or unspecified KR
  | 'needs-review' // committed, between red and 1.0
  | 'set-too-low' // aspirational at 1.0
  // During the cycle (before the due date) a score is read against the expected progress instead of the bands:
  | 'not-started' // nothing yet, and not yet a risk
  | 'on-track' // at or above the expected progress
  | 'behind' // up to atRiskPoints behind
  | 'at-risk'; // further behind

export interface Status {
  code: StatusCode;
  /** The colour to show for this reading (a committed 0.8 is not green; an aspirational 1.0 is a warning). */
  band: Band | null;
  label: Msg;
}

/** Short words, so the Status column stays narrow beside the KR (the reasons are in the domain note and the docs). */
export const STATUS_LABELS: Record<StatusCode, Msg> = {
  'not-scored': msg('Not scored', '未评分'),
  rethink: msg('Rethink', '需重新思考'),
  progressing: msg('Progressing', '有进展'),
  'on-target': msg('On target', '达到预期'),
  achieved: msg('Achieved', '已达成'),
  'needs-review': msg('Below commitment', '未达承诺'),
  'set-too-low': msg('Set too low?', '目标偏低？'),
  'not-started': msg('Not started', '未开始'),
  'on-track': msg('On track', '进度正常'),
  behind: msg('Behind', '进度落后'),
  'at-risk': msg('At risk', '有风险'),
};

/** Labels earlier versions wrote (still read back from history sheets). */
export const LEGACY_STATUS_LABELS: Partial<Record<StatusCode, Msg>> = {
  rethink: msg('Rethink the KR or the approach', '需重新思考KR或做法'),
  'needs-review': msg('Below commitment: review', '未达承诺，需复盘'),
  'set-too-low': msg('Scored 1.0: goal may be set too low', '满分：目标可能定得太低'),
};

const STATUS_FOLD = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
const STATUS_BY_TEXT = new Map<string, StatusCode>();
for (const [code, m] of [...Object.entries(STATUS_LABELS), ...Object.entries(LEGACY_STATUS_LABELS)] as [
  StatusCode,
  Msg,
][]) {
  STATUS_BY_TEXT.set(STATUS_FOLD(m.en), code);
  STATUS_BY_TEXT.set(STATUS_FOLD(m.zh), code);
  STATUS_BY_TEXT.set(code, code);
}

/** A status as a sheet shows it (a label in either language, an earlier label, or a code) -> its code; null if none. */
export function statusFromText(v: unknown): StatusCode | null {
  return typeof v === 'string' ? (STATUS_BY_TEXT.get(STATUS_FOLD(v)) ?? null) : null;
}

const STATUS_BAND: Record<StatusCode, Band | null> = {
  'not-scored': null,
  rethink: 'red',
  progressing: 'yellow',
  'on-target': 'green',
  achieved: 'green',
  'needs-review': 'yellow',
  'set-too-low': 'yellow',
  'not-started': null,
  'on-track': 'green',
  behind: 'yellow',
  'at-risk': 'red',
};

/**
 * Read a score for its commitment. Committed KRs are expected to reach 1.0 (below needs a review); aspirational ones
 * to land around 0.6-0.7 (1.0 suggests the goal was set too low); below the red band means rethink, either way.
 * commitment null reads the plain bands.
 */
export function status(
  score: number | null,
  commitment: Commitment | null,
  bands: Bands = DEFAULT_SETTINGS.bands,
  during?: DuringCycle | null,
): Status {
  const code = during ? liveStatusCode(score, commitment, bands, during) : statusCode(score, commitment, bands);
  return { code, band: STATUS_BAND[code], label: STATUS_LABELS[code] };
}

/** Where the cycle stands for a row: its expected progress today (0-1) and the at-risk threshold in points. */
export interface DuringCycle {
  expected: number | null;
  atRiskPoints: number;
}

/**
 * The status the sheet shows live. Before the due date (expected progress below 1) a score below 1 is read against
 * the expected progress: not started (nothing yet, not yet a risk), on track (at or above expected), behind (up to
 * atRiskPoints points behind), at risk (further). From the due date on (expected 1, or no dates) the bands grade it,
 * committed vs aspirational (statusCode), as the close does. The comparisons are the portable formula's, term for term.
 */
export function liveStatusCode(
  score: number | null,
  commitment: Commitment | null,
  bands: Bands,
  during: DuringCycle,
): StatusCode {
  const e = during.expected;
  if (score === null || !finite(score) || e === null || !finite(e) || e >= 1 || score >= 1)
    return statusCode(score, commitment, bands);
  const limit = during.atRiskPoints / 100;
  if (score <= 0) return e - score > limit ? 'at-risk' : 'not-started';
  if (score >= e) return 'on-track';
  return e - score <= limit ? 'behind' : 'at-risk';
}

/** status(...).code without building the Status (the quarter close reads thousands of them). */
export function statusCode(
  score: number | null,
  commitment: Commitment | null,
  bands: Bands = DEFAULT_SETTINGS.bands,
): StatusCode {
  if (score === null || !finite(score)) return 'not-scored';
  if (score < bands.red) return 'rethink';
  if (score >= 1) return commitment === 'aspirational' ? 'set-too-low' : 'achieved';
  if (commitment === 'committed') return 'needs-review';
  return score < bands.yellow ? 'progressing' : 'on-target';
}

// ---------------------------------------------------------------------------------------------------------------
// Pace

export type PaceCode = 'not-started' | 'on-track' | 'behind' | 'at-risk' | 'done' | 'overdue';

export const PACE_LABELS: Record<PaceCode, Msg> = {
  'not-started': msg('Not started', '未开始'),
  'on-track': msg('On track', '进度正常'),
  behind: msg('Behind', '进度落后'),
  'at-risk': msg('At risk', '有风险'),
  done: msg('Done', '已完成'),
  overdue: msg('Overdue', '已逾期'),
};

export interface PaceInput {
  /** Score or progress in [0, 1]; null = not measured. */
  progress: number | null;
  /** ISO dates. */
  cycleStart: string;
  due: string;
  today: string;
  /** Points (0-100) behind the expected progress before "behind" becomes "at risk". Default 25. */
  atRiskPoints?: number;
}

export type PaceOutcome =
  | {
      ok: true;
      code: PaceCode;
      label: Msg;
      /** Linear expected progress today, in [0, 1]. */
      expected: number;
      /** Points (0-100) behind the expected progress; negative = ahead. */
      gap: number;
    }
  | { ok: false; error: ScoreError };

/**
 * Where a KR stands against the calendar. Expected progress grows linearly from cycleStart (0) to due (1).
 * done: progress >= 1. not-started: the cycle has not begun, or nothing is measured. overdue: past due, not done.
 * Otherwise on track when progress >= expected, behind when up to atRiskPoints behind, at risk beyond.
 */
export function pace(input: PaceInput): PaceOutcome {
  return paceOfSerials(
    input.progress,
    isoToSerial(input.cycleStart),
    isoToSerial(input.due),
    isoToSerial(input.today),
    input.atRiskPoints ?? DEFAULT_SETTINGS.limits.atRiskPoints,
  );
}

/** pace() on serial days (the custom function converts each distinct date once, not once per row). */
export function paceOfSerials(
  p: number | null,
  start: number | null,
  due: number | null,
  today: number | null,
  atRisk: number,
): PaceOutcome {
  if (start === null || due === null || today === null) {
    return {
      ok: false,
      error: {
        code: 'bad-dates',
        message: msg('cycle start, due date and today must be dates', '周期开始、截止日期和今天必须是日期'),
      },
    };
  }
  if (due < start) {
    const [d, c] = [serialToIso(due), serialToIso(start)];
    return {
      ok: false,
      error: {
        code: 'bad-dates',
        message: msg(`due date ${d} is before the cycle start ${c}`, `截止日期 ${d} 早于周期开始 ${c}`),
      },
    };
  }
  const expected = expectedAt(start, due, today);
  const gap = p === null || !finite(p) ? expected * 100 : (expected - p) * 100;
  const code = paceCode(p, start, due, today, atRisk);
  return { ok: true, code, label: PACE_LABELS[code], expected, gap };
}

/** The pace code on valid serial days (due not before start), without building the outcome (a column of them). */
export function paceCode(p: number | null, start: number, due: number, today: number, atRisk: number): PaceCode {
  if (p !== null && finite(p) && p >= 1) return 'done';
  if (today < start || p === null || !finite(p)) return 'not-started';
  if (today > due) return 'overdue';
  const gap = (expectedAt(start, due, today) - p) * 100;
  if (gap <= 1e-9) return 'on-track';
  return gap <= atRisk + 1e-9 ? 'behind' : 'at-risk';
}

/**
 * Linear expected progress on serial day `today` between serial days `start` (0) and `due` (1): 1 from the due date
 * on, 0 until the start (the sheet's Pace formula computes exactly this, in this order).
 */
function expectedAt(start: number, due: number, today: number): number {
  if (today >= due) return 1;
  if (today <= start) return 0;
  return (today - start) / (due - start);
}

/**
 * Expected progress (0-1) on `today` for a KR running from `cycleStart` to `due` (ISO dates): the linear pace line
 * of the domain note. Null when a date is unusable or due is before the start. The sheet's Pace column computes the
 * same with MAX(0, MIN(1, (TODAY() - start) / (due - start))); a due date on or before the start is 1 from the start.
 */
export function expectedProgress(cycleStart: string, due: string, today: string): number | null {
  const start = isoToSerial(cycleStart);
  const end = isoToSerial(due);
  const now = isoToSerial(today);
  if (start === null || end === null || now === null || end < start) return null;
  return expectedAt(start, end, now);
}
