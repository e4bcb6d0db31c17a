/**
 * Quarter close: every KR and objective score with its status and flags, rollups by owner, level and along
 * "aligned to" links, a scorecard table, history rows that survive closing twice, and the roll-forward of
 * unfinished OKRs into the next cycle. Scoring itself is score.ts's (one implementation in the project).
 *
 * Readings chosen here:
 * - Objective score = score.ts `rollup` of its KR scores with the KR weights (the rule ROLLUP uses too): weights
 *   only count when every scored KR has one (rules.ts warns otherwise); until then all KRs count equally. A KR that cannot be scored (no target, not
 *   binary) is blank and skipped with its weight; an unmeasured KR (target set, current blank) scores 0.
 * - Rolled-up score (along "aligned to"): the plain mean of the objective's own score and the rolled-up scores of
 *   the objectives aligned to it (to it or to one of its KRs), each child counting once, blanks skipped, cycles in
 *   the links broken. Without aligned children it equals the own score.
 * - Close flags do not look at dates (closing is the end): committed below 1.0, aspirational at 1.0, and
 *   `low-score` below the red band (settings.bands.red, 0.4 by default: "rethink the KR").
 * - Scorecard rows (total, per level, per owner, per objective): Average = mean of the objective scores in the row
 *   (each objective once, blanks skipped); Red/Yellow/Green count the row's scored KRs by band.
 * - History rows are keyed by (cycle, id), and kind should an objective and a KR share a typed id. Re-closing
 *   with the same values adds nothing; with changed values the latest row is marked superseded (kept) and a new
 *   revision is appended. Rows of items no longer in the sheet are left as they are.
 */
import type { Commitment, Cycle, KeyResult, KrKind, Level, Objective, OkrModel } from './model';
import type { Settings } from './settings';
import { msg, type Lang, type Msg } from './i18n';
import {
  band as bandOf,
  expectedProgress,
  rollup,
  scoreKr,
  statusCode,
  statusFromText,
  STATUS_LABELS,
  type Band,
  type StatusCode,
} from './score';
import {
  historyKindFromText,
  HISTORY_KIND_LABELS,
  KIND_TOKENS,
  LEVEL_LABELS,
  levelFromText,
  TYPE_LABELS,
} from './labels';
import { cycleOf, nextCycle, parseCycle } from './cycle';
import { parseDate, parseNumber } from './values';

/** A cell value in a table core hands to a host (a PlanCell without formulas). */
export type PlainValue = string | number | boolean | null;

export type CloseFlag = 'committed-below-1' | 'aspirational-at-1' | 'low-score';

export interface BandCounts {
  red: number;
  yellow: number;
  green: number;
}

export interface KrClose {
  id: string;
  objectiveId: string;
  row: number;
  title: string;
  owner: string | null;
  level: Level | null;
  kind: KrKind;
  commitment: Commitment;
  start: number;
  target: number | null;
  current: number | null;
  weight: number | null;
  /** Clamped score, or null when the KR cannot be scored (see error). */
  score: number | null;
  band: Band | null;
  status: StatusCode;
  /** Shared and frozen (one array per combination of flags, not one per row). */
  flags: readonly CloseFlag[];
  error?: Msg;
}

export interface ObjectiveClose {
  id: string;
  row: number;
  title: string;
  owner: string | null;
  level: Level | null;
  commitment: Commitment;
  alignedTo: string | null;
  /** Weighted rollup of its own KRs. */
  score: number | null;
  /** Mean of its own score and the rolled-up scores of the objectives aligned to it. */
  rolledUp: number | null;
  /** Ids of the objectives aligned to this one (shared and frozen when none). */
  children: readonly string[];
  band: Band | null;
  status: StatusCode;
  flags: readonly CloseFlag[];
  krs: number;
  bands: BandCounts;
  error?: Msg;
  /**
   * When a KR cannot be scored (its objective's score is then an error): the rollup of the KRs that are scored, which
   * the averages count instead (blank scores are not zeros; the objective's own score stays an error).
   */
  scoredPart?: number | null;
  /** Its KRs that cannot be scored (an unreadable value), when some are. */
  unscored?: number;
}

export interface GroupRollup {
  /** Level code, owner name, or '' for "no level" / "no owner" / the total. */
  key: string;
  label: Msg;
  objectives: number;
  krs: number;
  /**
   * Mean of the objective scores (blanks skipped; an objective with a KR that cannot be scored counts with the rollup
   * of its scored KRs), null when none is scored.
   */
  average: number | null;
  /** KRs that cannot be scored (an unreadable value): left out of the average. */
  unscored: number;
  bands: BandCounts;
}

export interface HistoryRow {
  cycle: string;
  id: string;
  kind: 'objective' | 'kr';
  title: string;
  owner: string | null;
  level: Level | null;
  score: number | null;
  status: StatusCode;
  start: number | null;
  target: number | null;
  current: number | null;
  /** ISO date of the close. */
  closedOn: string;
  /** 1 for the first close of (cycle, id), then 2, 3... */
  revision: number;
  superseded: boolean;
  /** The OKR sheet the row was closed from ('' when an earlier version did not record it). */
  sheet: string;
}

export interface HistoryUpdate {
  /** New rows to append at the end of the history sheet, in this order. */
  append: HistoryRow[];
  /** Indexes into opts.history of rows to mark superseded (only their Superseded cell changes). */
  supersede: number[];
  /** Items whose latest history row already holds the same values. */
  unchanged: number;
}

export interface CloseOptions {
  settings: Settings;
  /** ISO date of the close. */
  today: string;
  /** The cycle to close ('2026-Q4', 'Q4 2026'...); default: settings.cycle, the sheet's cycle, or today's quarter. */
  cycle?: string;
  /** Rows already in the history sheet (rowsFromHistory). */
  history?: HistoryRow[];
}

export interface CloseResult {
  cycle: string;
  closedOn: string;
  krs: KrClose[];
  objectives: ObjectiveClose[];
  total: GroupRollup;
  byLevel: GroupRollup[];
  byOwner: GroupRollup[];
  /** Header + rows in settings.lang (scorecardTable gives the other language). */
  scorecard: PlainValue[][];
  history: HistoryUpdate;
}

// ---------------------------------------------------------------------------------------------------------------
// Shared with rules.ts

/** A KR's clamped score through score.ts, or null when blank or not scoreable. */
export function scoreOfKr(kr: KeyResult): number | null {
  // The KR itself is the input (it has the four fields): no copy of them per KR.
  const out = scoreKr(kr);
  return out.ok ? out.score : null;
}

/** The cycle an objective belongs to: its own, else the sheet's. */
export function cycleOfObjective(o: Objective, model: OkrModel): Cycle | null {
  return o.cycle ?? model.cycle;
}

/** A KR's deadline: its due date, else its cycle's end. */
export function deadlineOf(kr: KeyResult, cycle: Cycle | null): string | null {
  return kr.due ?? (cycle ? cycle.end : null);
}

/**
 * The dates a row's pace runs between: the start of its objective's cycle (else the cycle being worked on) and the
 * KR's deadline (an objective's: its cycle's end). Null when no cycle can be found or the deadline is before the start.
 */
export function paceWindow(
  kr: KeyResult | null,
  o: Objective,
  model: OkrModel,
  settings: Settings,
  today: string,
): { start: string; due: string } | null {
  const cycle = cycleOfObjective(o, model) ?? parseCycle(resolveCycleId(model, settings, today), { today });
  if (!cycle) return null;
  const due = kr ? deadlineOf(kr, cycle) : cycle.end;
  if (!due || due < cycle.start) return null;
  return { start: cycle.start, due };
}

/** A row's expected progress today (0-1), as the sheet's Pace column shows it; null without a pace window. */
export function expectedOfRow(
  kr: KeyResult | null,
  o: Objective,
  model: OkrModel,
  settings: Settings,
  today: string,
): number | null {
  const w = paceWindow(kr, o, model, settings, today);
  return w ? expectedProgress(w.start, w.due, today) : null;
}

// ---------------------------------------------------------------------------------------------------------------

const LEVELS: Level[] = ['company', 'department', 'team', 'individual'];
const LEVEL_LABEL = (lv: Level): Msg => msg(LEVEL_LABELS.en[lv], LEVEL_LABELS.zh[lv]);

/** The cycle id to work on. */
export function resolveCycleId(model: OkrModel, settings: Settings, today: string, cycle?: string): string {
  const explicit = cycle ?? settings.cycle;
  if (explicit) {
    const c = parseCycle(explicit, { today });
    return c ? c.id : explicit.trim();
  }
  // The sheet's cycle (a title's `H2 2026`), unless every objective names a cycle of its own and none is that one:
  // then the cycle most of them name, so that Score on a sheet of one quarter closes that quarter, not nothing.
  const own = model.objectives.map((o) => o.cycle);
  if (model.cycle && own.some((c) => !c || c.id === model.cycle!.id)) return model.cycle.id;
  const common = mostCommon(own.filter((c): c is Cycle => !!c).map((c) => c.id));
  if (common) return common;
  if (model.cycle) return model.cycle.id;
  return cycleOf(today, 'quarter')?.id ?? today.slice(0, 4);
}

/** The id named most often (the first of those tied), or null for none. */
function mostCommon(ids: string[]): string | null {
  const counts = new Map<string, number>();
  let best: string | null = null;
  for (const id of ids) {
    const n = (counts.get(id) ?? 0) + 1;
    counts.set(id, n);
    if (best === null || n > counts.get(best)!) best = id;
  }
  return best;
}

/** The objectives of a cycle (objectives without any cycle belong to every cycle). */
function objectivesOf(model: OkrModel, cycleId: string): Objective[] {
  return model.objectives.filter((o) => {
    const c = cycleOfObjective(o, model);
    return !c || c.id === cycleId;
  });
}

const norm = (s: string) =>
  (/^[\x20-\x7e]*$/.test(s) ? s : s.normalize('NFKC')).trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * The flag lists a row can have, each made once and frozen: a close of 50,000 rows keeps one array per combination
 * instead of one per row (every row's array would live as long as the result and be copied by each collection).
 */
const FLAG_SETS = {
  none: Object.freeze([] as CloseFlag[]),
  low: Object.freeze(['low-score'] as CloseFlag[]),
  committed: Object.freeze(['committed-below-1'] as CloseFlag[]),
  committedLow: Object.freeze(['committed-below-1', 'low-score'] as CloseFlag[]),
  aspirational: Object.freeze(['aspirational-at-1'] as CloseFlag[]),
  aspirationalLow: Object.freeze(['aspirational-at-1', 'low-score'] as CloseFlag[]),
};

const NO_CHILDREN: readonly string[] = Object.freeze([]);

function closeFlags(score: number | null, commitment: Commitment, settings: Settings): readonly CloseFlag[] {
  if (score === null) return FLAG_SETS.none;
  const low = score < settings.bands.red;
  if (commitment === 'committed' && score < 1) return low ? FLAG_SETS.committedLow : FLAG_SETS.committed;
  if (commitment === 'aspirational' && score >= 1) return low ? FLAG_SETS.aspirationalLow : FLAG_SETS.aspirational;
  return low ? FLAG_SETS.low : FLAG_SETS.none;
}

function countKrBands(rows: KrClose[], settings: Settings): BandCounts {
  const c: BandCounts = { red: 0, yellow: 0, green: 0 };
  for (const k of rows) if (k.score !== null) c[bandOf(k.score, settings.bands)]++;
  return c;
}

function mean(values: (number | null)[]): number | null {
  const r = rollup(values);
  return r.ok ? r.value : null;
}

/** KR rows whose current, target or start value could not be read, with the reader's message. */
function unreadableValues(model: OkrModel): Map<number, Msg> {
  const out = new Map<number, Msg>();
  for (const p of model.problems)
    if ((p.field === 'current' || p.field === 'target' || p.field === 'start') && !out.has(p.cell.row))
      out.set(p.cell.row, p.message);
  return out;
}

/** A KR's close: its score (none when a value could not be read), band, status and flags. */
function krClose(kr: KeyResult, o: Objective, unread: Msg | undefined, settings: Settings): KrClose {
  // A value the reader could not understand ('about half') is not a 0: the KR is not scored and says why, as
  // its cell in the sheet does (#VALUE! with the message).
  const out: ReturnType<typeof scoreKr> = unread
    ? { ok: false, blank: false, error: { code: 'not-finite', message: unread } }
    : scoreKr(kr);
  const score = out.ok ? out.score : null;
  const row: KrClose = {
    id: kr.id,
    objectiveId: o.id,
    row: kr.row,
    title: kr.title,
    owner: kr.owner ?? o.owner,
    level: o.level,
    kind: kr.kind,
    commitment: kr.commitment,
    start: kr.start,
    target: kr.target,
    current: kr.current,
    weight: kr.weight,
    score,
    band: score === null ? null : bandOf(score, settings.bands),
    status: statusCode(score, kr.commitment, settings.bands),
    flags: closeFlags(score, kr.commitment, settings),
  };
  if (!out.ok && !out.blank) row.error = out.error.message;
  return row;
}

/** An objective's weighted rollup of its KRs' scores; a KR the sheet shows as an error makes it an error (#N/A). */
function objectiveRollup(o: Objective, krRows: KrClose[]): ReturnType<typeof rollup> {
  const failed = krRows.find((k) => k.error);
  if (!failed)
    return rollup(
      krRows.map((k) => k.score),
      o.krs.map((k) => k.weight),
    );
  const message = msg(
    `key result "${failed.title}" cannot be scored: ${failed.error!.en}`,
    `关键结果“${failed.title}”无法评分：${failed.error!.zh}`,
  );
  return { ok: false, blank: false, error: { code: 'not-finite', message } };
}

function objectiveClose(o: Objective, krRows: KrClose[], settings: Settings): ObjectiveClose {
  const r = objectiveRollup(o, krRows);
  const score = r.ok ? r.value : null;
  const oc: ObjectiveClose = {
    id: o.id,
    row: o.row,
    title: o.title,
    owner: o.owner ?? krRows.find((k) => k.owner)?.owner ?? null,
    level: o.level,
    commitment: o.commitment,
    alignedTo: o.alignedTo,
    score,
    rolledUp: null,
    children: NO_CHILDREN,
    band: score === null ? null : bandOf(score, settings.bands),
    status: statusCode(score, o.commitment, settings.bands),
    flags: closeFlags(score, o.commitment, settings),
    krs: krRows.length,
    bands: countKrBands(krRows, settings),
  };
  if (!r.ok && !r.blank) {
    oc.error = r.error.message;
    const scored = krRows.filter((k) => !k.error);
    const part = rollup(
      scored.map((k) => k.score),
      o.krs.filter((_, i) => !krRows[i].error).map((k) => k.weight),
    );
    oc.scoredPart = part.ok ? part.value : null;
    oc.unscored = krRows.length - scored.length;
  }
  return oc;
}

/** A group's counts and average score. */
function group(key: string, label: Msg, members: ObjectiveClose[]): GroupRollup {
  const bands: BandCounts = { red: 0, yellow: 0, green: 0 };
  let krCount = 0;
  let unscored = 0;
  for (const m of members) {
    krCount += m.krs;
    unscored += m.unscored ?? 0;
    bands.red += m.bands.red;
    bands.yellow += m.bands.yellow;
    bands.green += m.bands.green;
  }
  const average = mean(members.map((m) => m.score ?? m.scoredPart ?? null));
  return { key, label, objectives: members.length, krs: krCount, average, unscored, bands };
}

/** One group per level in LEVELS order, and one for objectives without a level when some have one. */
function groupsByLevel(objectives: ObjectiveClose[]): GroupRollup[] {
  const byLevel: GroupRollup[] = [];
  for (const lv of LEVELS) {
    const members = objectives.filter((o) => o.level === lv);
    if (members.length) byLevel.push(group(lv, LEVEL_LABEL(lv), members));
  }
  const noLevel = objectives.filter((o) => o.level === null);
  if (noLevel.length && noLevel.length < objectives.length)
    byLevel.push(group('', msg('(no level)', '（无层级）'), noLevel));
  return byLevel;
}

/** One group per owner (names compared normalised), sorted by name, objectives without an owner last. */
function groupsByOwner(objectives: ObjectiveClose[]): GroupRollup[] {
  const owners = new Map<string, { name: string; members: ObjectiveClose[] }>();
  // A sheet has a few owners over thousands of rows: each distinct name is normalised once.
  const ownerKeys = new Map<string, string>();
  for (const o of objectives) {
    let key = '';
    if (o.owner) {
      const k = ownerKeys.get(o.owner);
      if (k === undefined) ownerKeys.set(o.owner, (key = norm(o.owner)));
      else key = k;
    }
    const g = owners.get(key) ?? { name: o.owner ?? '', members: [] };
    g.members.push(o);
    owners.set(key, g);
  }
  return [...owners.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([key, g]) => group(g.name, key ? msg(g.name, g.name) : msg('(no owner)', '（无负责人）'), g.members));
}

export function closeCycle(model: OkrModel, opts: CloseOptions): CloseResult {
  const { settings, today } = opts;
  const cycle = resolveCycleId(model, settings, today, opts.cycle);
  const objs = objectivesOf(model, cycle);
  const unreadable = unreadableValues(model);
  const krs: KrClose[] = [];
  const objectives: ObjectiveClose[] = [];
  for (const o of objs) {
    const krRows = o.krs.map((kr) => krClose(kr, o, unreadable.get(kr.row), settings));
    krs.push(...krRows);
    objectives.push(objectiveClose(o, krRows, settings));
  }
  linkAligned(objs, objectives);
  const partial: Omit<CloseResult, 'scorecard' | 'history'> = {
    cycle,
    closedOn: today,
    krs,
    objectives,
    total: group('', msg('All', '全部'), objectives),
    byLevel: groupsByLevel(objectives),
    byOwner: groupsByOwner(objectives),
  };
  return {
    ...partial,
    scorecard: scorecardTable(partial, settings.lang),
    history: historyUpdate(historyRowsOf(partial, model.sheet), opts.history ?? []),
  };
}

/** Fills `children` and `rolledUp` along the "aligned to" links (to an objective's id or title, or one of its KRs). */
function linkAligned(objs: Objective[], closes: ObjectiveClose[]): void {
  if (!objs.some((o) => o.alignedTo)) {
    closes.forEach((c) => (c.rolledUp = c.score));
    return;
  }
  const byRef = new Map<string, number>();
  objs.forEach((o, i) => {
    for (const ref of [o.id, o.title, ...o.krs.map((k) => k.id), ...o.krs.map((k) => k.title)]) {
      const key = norm(ref);
      if (key && !byRef.has(key)) byRef.set(key, i);
    }
  });
  const children: number[][] = objs.map(() => []);
  objs.forEach((o, i) => {
    if (!o.alignedTo) return;
    const p = byRef.get(norm(o.alignedTo));
    if (p !== undefined && p !== i) children[p].push(i);
  });
  // Memoised only when no link was cut for being on the current path (a loop makes the value path-dependent).
  const memo = new Map<number, number | null>();
  const onPath = new Set<number>();
  const rolled = (i: number): { v: number | null; pure: boolean } => {
    if (memo.has(i)) return { v: memo.get(i)!, pure: true };
    onPath.add(i);
    const parts: (number | null)[] = [closes[i].score];
    let pure = true;
    for (const c of children[i]) {
      if (onPath.has(c)) {
        pure = false;
        continue;
      }
      const sub = rolled(c);
      pure = pure && sub.pure;
      parts.push(sub.v);
    }
    onPath.delete(i);
    const v = mean(parts);
    if (pure) memo.set(i, v);
    return { v, pure };
  };
  closes.forEach((c, i) => {
    if (children[i].length) c.children = children[i].map((j) => closes[j].id);
    c.rolledUp = rolled(i).v;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Scorecard

const SCORECARD_HEADER: Record<Lang, string[]> = {
  en: [
    'Scope',
    'Name',
    'Owner',
    'Level',
    'Objectives',
    'Key results',
    'Average score',
    'With aligned',
    'Red',
    'Yellow',
    'Green',
  ],
  zh: ['范围', '名称', '负责人', '层级', '目标数', '关键结果数', '平均得分', '含对齐汇总', '红', '黄', '绿'],
};
const SCOPE: Record<'total' | 'level' | 'owner' | 'objective', Msg> = {
  total: msg('Total', '合计'),
  level: msg('Level', '层级'),
  owner: msg('Owner', '负责人'),
  objective: msg('Objective', '目标'),
};

export function scorecardHeader(lang: Lang): string[] {
  return [...SCORECARD_HEADER[lang]];
}

/** The scorecard as a header row plus plain-value rows: total, each level, each owner, each objective. */
export function scorecardTable(
  r: Pick<CloseResult, 'objectives' | 'total' | 'byLevel' | 'byOwner'>,
  lang: Lang,
): PlainValue[][] {
  const rows: PlainValue[][] = [scorecardHeader(lang)];
  const groupRow = (scope: Msg, g: GroupRollup): PlainValue[] => [
    scope[lang],
    g.label[lang],
    null,
    null,
    g.objectives,
    g.krs,
    g.average,
    null,
    g.bands.red,
    g.bands.yellow,
    g.bands.green,
  ];
  rows.push(groupRow(SCOPE.total, r.total));
  for (const g of r.byLevel) rows.push(groupRow(SCOPE.level, g));
  for (const g of r.byOwner) rows.push(groupRow(SCOPE.owner, g));
  for (const o of r.objectives) {
    rows.push([
      SCOPE.objective[lang],
      o.title,
      o.owner,
      o.level ? LEVEL_LABELS[lang][o.level] : null,
      1,
      o.krs,
      o.score,
      o.rolledUp,
      o.bands.red,
      o.bands.yellow,
      o.bands.green,
    ]);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------------------
// History

/** Column order of the history sheet. */
export const HISTORY_FIELDS: (keyof HistoryRow)[] = [
  'cycle',
  'id',
  'kind',
  'title',
  'owner',
  'level',
  'score',
  'status',
  'start',
  'target',
  'current',
  'closedOn',
  'revision',
  'superseded',
  'sheet',
];

const HISTORY_HEADER: Record<Lang, string[]> = {
  en: [
    'Cycle',
    'ID',
    'Kind',
    'Title',
    'Owner',
    'Level',
    'Score',
    'Status',
    'Start',
    'Target',
    'Current',
    'Closed on',
    'Revision',
    'Superseded',
    'OKR sheet',
  ],
  zh: [
    '周期',
    '编号',
    '类别',
    '标题',
    '负责人',
    '层级',
    '得分',
    '状态',
    '起始值',
    '目标值',
    '当前值',
    '关闭日期',
    '版本',
    '已被取代',
    'OKR 工作表',
  ],
};

export function historyHeader(lang: Lang): string[] {
  return [...HISTORY_HEADER[lang]];
}

/** Number formats per history column: text for ids, cycles and dates (so no host turns '2026-10' into a date). */
export function historyFormats(): string[] {
  const numeric: (keyof HistoryRow)[] = ['start', 'target', 'current', 'revision', 'superseded'];
  return HISTORY_FIELDS.map((f) => (f === 'score' ? '0.00' : numeric.includes(f) ? 'General' : '@'));
}

/** Column index of the Superseded flag (where a host writes TRUE for HistoryUpdate.supersede). */
export const HISTORY_SUPERSEDED_COL = HISTORY_FIELDS.indexOf('superseded');

/** History rows as sheet rows (no header), in HISTORY_FIELDS order, with kind, level and status in words of `lang`. */
export function historyToRows(rows: HistoryRow[], lang: Lang = 'en'): PlainValue[][] {
  const shown = (r: HistoryRow, f: keyof HistoryRow): PlainValue => {
    if (f === 'kind') return HISTORY_KIND_LABELS[r.kind][lang];
    if (f === 'level') return r.level ? LEVEL_LABELS[lang][r.level] : null;
    if (f === 'status') return STATUS_LABELS[r.status][lang];
    return r[f] as PlainValue;
  };
  return rows.map((r) => HISTORY_FIELDS.map((f) => shown(r, f)));
}

export interface ParsedHistory {
  rows: HistoryRow[];
  /** rowIndex[i]: index in the given values of rows[i] (to address its Superseded cell). */
  rowIndex: number[];
  /** Index of the header row in values, or -1 when none was found (columns then follow HISTORY_FIELDS). */
  headerRow: number;
}

const HEADER_KEYS = new Map<string, keyof HistoryRow>();
for (const lang of ['en', 'zh'] as Lang[])
  HISTORY_HEADER[lang].forEach((h, i) => HEADER_KEYS.set(norm(h), HISTORY_FIELDS[i]));

/** Reads a history sheet's values back (header in either language, or none); rows without cycle and id are skipped. */
export function rowsFromHistory(values: unknown[][]): ParsedHistory {
  let headerRow = -1;
  let cols: Partial<Record<keyof HistoryRow, number>> = {};
  for (let r = 0; r < Math.min(values.length, 5); r++) {
    const found: Partial<Record<keyof HistoryRow, number>> = {};
    (values[r] ?? []).forEach((v, c) => {
      const f = typeof v === 'string' ? HEADER_KEYS.get(norm(v)) : undefined;
      if (f && found[f] === undefined) found[f] = c;
    });
    if (found.cycle !== undefined && found.id !== undefined && Object.keys(found).length >= 3) {
      headerRow = r;
      cols = found;
      break;
    }
  }
  if (headerRow < 0) HISTORY_FIELDS.forEach((f, i) => (cols[f] = i));

  const rows: HistoryRow[] = [];
  const rowIndex: number[] = [];
  for (let r = headerRow + 1; r < values.length; r++) {
    const line = values[r] ?? [];
    const get = (f: keyof HistoryRow): unknown => (cols[f] === undefined ? null : line[cols[f]!]);
    const cycle = cycleText(get('cycle'));
    const id = text(get('id'));
    if (!cycle || !id) continue;
    // Words in either language, or the codes earlier versions wrote.
    const kind = historyKindFromText(get('kind'));
    const level = levelFromText(get('level'));
    const st = statusFromText(get('status'));
    rows.push({
      cycle,
      id,
      kind: kind ?? 'kr',
      title: text(get('title')) ?? '',
      owner: text(get('owner')),
      level,
      score: num(get('score')),
      status: st ?? 'not-scored',
      start: num(get('start')),
      target: num(get('target')),
      current: num(get('current')),
      closedOn: dateText(get('closedOn')) ?? '',
      revision: num(get('revision')) ?? 1,
      superseded: truthy(get('superseded')),
      sheet: text(get('sheet')) ?? '',
    });
    rowIndex.push(r);
  }
  return { rows, rowIndex, headerRow };
}

function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (typeof v !== 'string') return null;
  const s = v.trim();
  return s ? s : null;
}

function num(v: unknown): number | null {
  const p = parseNumber(v);
  return p.ok ? p.value : null;
}

function dateText(v: unknown): string | null {
  const p = parseDate(v);
  return p.ok ? p.value : text(v);
}

/** A cycle cell read back; a host may have turned '2026-10' into a date, which is read as that month. */
function cycleText(v: unknown): string | null {
  if (v instanceof Date || (typeof v === 'number' && v > 3000)) {
    const iso = parseDate(v);
    return iso.ok ? (cycleOf(iso.value, 'month')?.id ?? null) : null;
  }
  const s = text(v);
  if (!s) return null;
  return parseCycle(s)?.id ?? s;
}

function truthy(v: unknown): boolean {
  if (v === true || v === 1) return true;
  if (typeof v !== 'string') return false;
  return /^(true|yes|y|1|是|x|✓)$/i.test(v.trim());
}

/** One history row per objective and KR of a close (objectives first, each followed by its KRs). */
function historyRowsOf(r: Pick<CloseResult, 'cycle' | 'closedOn' | 'objectives' | 'krs'>, sheet: string): HistoryRow[] {
  const out: HistoryRow[] = [];
  const { cycle, closedOn } = r;
  // r.krs lists each objective's KRs in objective order, o.krs of them per objective.
  let next = 0;
  for (const o of r.objectives) {
    out.push({
      cycle,
      id: o.id,
      kind: 'objective',
      title: o.title,
      owner: o.owner,
      level: o.level,
      score: o.score,
      status: o.status,
      start: null,
      target: null,
      current: null,
      closedOn,
      revision: 1,
      superseded: false,
      sheet,
    });
    const end = next + o.krs;
    for (; next < end; next++) {
      const k = r.krs[next];
      out.push({
        cycle,
        id: k.id,
        kind: 'kr',
        title: k.title,
        owner: k.owner,
        level: k.level,
        score: k.score,
        status: k.status,
        start: k.start,
        target: k.target,
        current: k.current,
        closedOn,
        revision: 1,
        superseded: false,
        sheet,
      });
    }
  }
  return out;
}

const sameNum = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9);
const sameText = (a: string | null, b: string | null) => (a ?? '').trim() === (b ?? '').trim();

function sameValues(a: HistoryRow, b: HistoryRow): boolean {
  return (
    a.kind === b.kind &&
    sameText(a.title, b.title) &&
    sameText(a.owner, b.owner) &&
    sameText(a.level, b.level) &&
    sameText(a.status, b.status) &&
    sameNum(a.score, b.score) &&
    sameNum(a.start, b.start) &&
    sameNum(a.target, b.target) &&
    sameNum(a.current, b.current)
  );
}

/**
 * Rows by (cycle, kind, id): one map per cycle and kind (a few), keyed by the id string itself, so no key string is
 * built per row; an item closed once holds its index, one closed again a list of them.
 */
class HistoryIndex {
  private readonly byKey = new Map<string, Map<string, number | number[]>>();
  private lastCycle: string | null = null;
  private lastKind: string | null = null;
  private lastIds: Map<string, number | number[]> | undefined;

  constructor(existing: HistoryRow[]) {
    existing.forEach((h, i) => {
      const ids = this.idsOf(h.cycle, h.kind, true)!;
      const id = String(h.id);
      const at = ids.get(id);
      if (at === undefined) ids.set(id, i);
      else if (typeof at === 'number') ids.set(id, [at, i]);
      else at.push(i);
    });
  }

  /** The earlier rows of the row's item: one index, a list, or undefined when it was never closed. */
  get(row: HistoryRow): number | number[] | undefined {
    return this.idsOf(row.cycle, row.kind, false)?.get(String(row.id));
  }

  private idsOf(cycle: string, kind: string, create: boolean): Map<string, number | number[]> | undefined {
    if (cycle !== this.lastCycle || kind !== this.lastKind) {
      this.lastCycle = cycle;
      this.lastKind = kind;
      const group = `${cycle}\u0001${kind}`;
      this.lastIds = this.byKey.get(group);
      if (!this.lastIds && create) this.byKey.set(group, (this.lastIds = new Map()));
    }
    return this.lastIds;
  }
}

/** The latest live row (highest revision, then last in the sheet): the one in force. */
function latestLive(existing: HistoryRow[], live: number[]): number | null {
  return live.reduce<number | null>(
    (best, i) =>
      best === null ||
      existing[i].revision > existing[best].revision ||
      (existing[i].revision === existing[best].revision && i > best)
        ? i
        : best,
    null,
  );
}

/** What closing adds to the history: new rows and the earlier rows they supersede. */
export function historyUpdate(fresh: HistoryRow[], existing: HistoryRow[]): HistoryUpdate {
  // First close of a sheet: every row is new, revision 1 (fresh rows already in that shape are used as they are).
  if (existing.length === 0) {
    const append = fresh.map((row) =>
      row.revision === 1 && !row.superseded ? row : { ...row, revision: 1, superseded: false },
    );
    return { append, supersede: [], unchanged: 0 };
  }
  const index = new HistoryIndex(existing);
  const append: HistoryRow[] = [];
  const supersede: number[] = [];
  let unchanged = 0;
  for (const row of fresh) {
    const at = index.get(row);
    if (typeof at === 'number') {
      // Closed once before (the usual case): the same steps as below, without the lists.
      const h = existing[at];
      if (!h.superseded) {
        if (sameValues(h, row)) {
          unchanged++;
          continue;
        }
        supersede.push(at);
      }
      append.push({ ...row, revision: Math.max(0, h.revision) + 1, superseded: false });
      continue;
    }
    const earlier = at === undefined ? [] : at;
    const live = earlier.filter((i) => !existing[i].superseded);
    const latest = latestLive(existing, live);
    if (latest !== null && sameValues(existing[latest], row)) {
      unchanged++;
      continue;
    }
    supersede.push(...live);
    const maxRevision = earlier.reduce((m, i) => Math.max(m, existing[i].revision), 0);
    append.push({ ...row, revision: maxRevision + 1, superseded: false });
  }
  return { append, supersede: [...new Set(supersede)].sort((a, b) => a - b), unchanged };
}

// ---------------------------------------------------------------------------------------------------------------
// Roll forward

export interface RollForwardOptions {
  settings: Settings;
  today: string;
  /** The cycle being left; default as in closeCycle. */
  cycle?: string;
}

export interface RollForward {
  from: string;
  to: string;
  /** Name of the new grid sheet, e.g. 'OKR 2027-Q1'. */
  sheetName: string;
  /** Header + rows in settings.lang: an objective row (Key result blank) followed by its carried KR rows. */
  rows: PlainValue[][];
  objectives: number;
  krs: number;
  /** Old id -> new id of every carried item. */
  ids: { from: string; to: string }[];
}

export const GRID_FIELDS = [
  'id',
  'cycle',
  'level',
  'owner',
  'objective',
  'kr',
  'type',
  'kind',
  'start',
  'target',
  'current',
  'unit',
  'weight',
  'due',
  'alignedTo',
  'notes',
  'updated',
] as const;

const GRID_HEADER: Record<Lang, string[]> = {
  en: [
    'ID',
    'Cycle',
    'Level',
    'Owner',
    'Objective',
    'Key Result',
    'Type',
    'Kind',
    'Start',
    'Target',
    'Current',
    'Unit',
    'Weight',
    'Due',
    'Aligned to',
    'Notes',
    'Updated',
  ],
  zh: [
    '编号',
    '周期',
    '层级',
    '负责人',
    '目标',
    '关键结果',
    '类型',
    '计分方式',
    '起始值',
    '目标值',
    '当前值',
    '单位',
    '权重',
    '截止日期',
    '对齐目标',
    '备注',
    '更新时间',
  ],
};

export function rollForwardHeader(lang: Lang): string[] {
  return [...GRID_HEADER[lang]];
}

/** '<old id without an earlier cycle suffix>.<cycle>': 'KR-7f3a2c' -> 'KR-7f3a2c.2027-Q1' -> 'KR-7f3a2c.2027-Q2'. */
export function carriedId(oldId: string, toCycle: string): string {
  const base = oldId.replace(/\.\d{4}(?:-Q[1-4]|-\d{2})?$/, '');
  return `${base}.${toCycle}`;
}

/**
 * Unfinished KRs (score below 1, or not scoreable) go into the next cycle with start = their last current value
 * (the old start when never measured), current, due and updated blank; an objective is carried when it has at
 * least one unfinished KR. Initiatives stay with the closed cycle.
 */
export function rollForward(model: OkrModel, opts: RollForwardOptions): RollForward {
  const { settings, today } = opts;
  const lang = settings.lang;
  const from = resolveCycleId(model, settings, today, opts.cycle);
  const fromCycle = parseCycle(from, { today });
  const to = fromCycle ? nextCycle(fromCycle).id : from;
  const rows: PlainValue[][] = [rollForwardHeader(lang)];
  const ids: { from: string; to: string }[] = [];
  let objectives = 0;
  let krs = 0;
  for (const o of objectivesOf(model, from)) {
    const open = o.krs.filter((kr) => {
      const s = scoreOfKr(kr);
      return s === null || s < 1;
    });
    if (!open.length) continue;
    objectives++;
    const oid = carriedId(o.id, to);
    ids.push({ from: o.id, to: oid });
    const level = o.level ? LEVEL_LABELS[lang][o.level] : null;
    const line = (values: Partial<Record<(typeof GRID_FIELDS)[number], PlainValue>>): PlainValue[] =>
      GRID_FIELDS.map((f) => (values[f] === undefined ? null : values[f]!));
    rows.push(
      line({
        id: oid,
        cycle: to,
        level,
        owner: o.owner,
        objective: o.title,
        type: TYPE_LABELS[lang][o.commitment],
        alignedTo: o.alignedTo,
        notes: o.notes,
      }),
    );
    for (const kr of open) {
      krs++;
      const nid = carriedId(kr.id, to);
      ids.push({ from: kr.id, to: nid });
      const binary = kr.kind === 'binary';
      rows.push(
        line({
          id: nid,
          cycle: to,
          owner: kr.owner,
          kr: kr.title,
          type: TYPE_LABELS[lang][kr.commitment],
          kind: KIND_TOKENS[lang][kr.kind],
          start: binary ? null : (kr.current ?? (kr.startGiven ? kr.start : null)),
          target: kr.target,
          unit: kr.unit,
          weight: kr.weight,
        }),
      );
    }
  }
  return { from, to, sheetName: `OKR ${to}`, rows, objectives, krs, ids };
}
