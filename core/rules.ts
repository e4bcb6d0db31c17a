/**
 * Validation findings over an OkrModel: every rule of the table in docs/domain.md, each finding pointing at the most useful
 * cell and explaining itself in English and Chinese with the value it saw and the limit it broke.
 *
 * Readings chosen where OKR practice leaves room (also in docs/domain.md):
 * - Objectives per owner are counted per (owner, cycle). Objectives without an owner count together as one owner
 *   (a sheet without an Owner column is usually one person's or one team's sheet) and also get `owner-missing`.
 * - `committed-below-1` / `aspirational-at-1` judge a closed KR, so they fire only once the KR's deadline (its due
 *   date, else its cycle's end) is before `today`. During the cycle pace is the better signal (score.ts).
 * - `kr-stale` and `kr-never-updated` only fire while the cycle is running (today inside the cycle; without a cycle,
 *   up to the KR's due date) and never for a KR that already scores 1. Exactly `staleDays` days old is not stale.
 * - Bottom-up share: for each level below company, an objective with no "Aligned to" link was set by that level
 *   itself (bottom-up); one with a link was cascaded from above (top-down). An info fires when fewer than half of a
 *   level's objectives (at least 2 of them) are bottom-up.
 * - A KR that reads like a task (starts with a verb such as Launch/制定, has no number) is an info, never an error:
 *   a done/not-done milestone is a legitimate binary KR, so the message says how to tell the two apart.
 */
import type { CellRef, Cycle, Field, KeyResult, Level, Objective, OkrModel } from './model';
import { cellOf } from './model';
import type { Settings } from './settings';
import { msg, type Msg } from './i18n';
import { a1 } from './sheet-plan';
import { scoreOfKr, deadlineOf, cycleOfObjective } from './close';

export type RuleId =
  | 'objectives-per-owner'
  | 'too-many-krs'
  | 'too-few-krs'
  | 'kr-no-number'
  | 'kr-no-deadline'
  | 'start-equals-target'
  | 'direction-mismatch'
  | 'weight-negative'
  | 'weights-all-zero'
  | 'weights-incomplete'
  | 'weights-sum'
  | 'owner-missing'
  | 'copies-higher-kr'
  | 'kr-looks-like-task'
  | 'committed-below-1'
  | 'aspirational-at-1'
  | 'kr-stale'
  | 'kr-never-updated'
  | 'bottom-up-share'
  | 'value-problem'
  // From the check-in log (core/checkins.ts, LOG_RULE_IDS): Validate adds them when the workbook has a log.
  | 'confidence-falling'
  | 'no-checkin'
  | 'value-wrong-way';

export const RULE_IDS: RuleId[] = [
  'objectives-per-owner',
  'too-many-krs',
  'too-few-krs',
  'kr-no-number',
  'kr-no-deadline',
  'start-equals-target',
  'direction-mismatch',
  'weight-negative',
  'weights-all-zero',
  'weights-incomplete',
  'weights-sum',
  'owner-missing',
  'copies-higher-kr',
  'kr-looks-like-task',
  'committed-below-1',
  'aspirational-at-1',
  'kr-stale',
  'kr-never-updated',
  'bottom-up-share',
  'value-problem',
];

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  rule: RuleId;
  severity: Severity;
  sheet: string;
  /** 0-based sheet row and column of the cell to highlight / select. */
  row: number;
  col: number;
  message: Msg;
  /** Id of the objective or KR the finding is about. */
  itemId?: string;
}

export interface ValidateOptions {
  settings: Settings;
  /** ISO date. */
  today: string;
  /** Higher-level sheets (e.g. the company's and the department's OKRs): their KRs must not be copied as objectives. */
  parents?: OkrModel[];
}

export const LEVEL_RANK: Record<Level, number> = { company: 0, department: 1, team: 2, individual: 3 };
const LEVEL_NAME: Record<Level, Msg> = {
  company: msg('company', '公司'),
  department: msg('department', '部门'),
  team: msg('team', '团队'),
  individual: msg('individual', '个人'),
};

const FIELD_NAME: Record<Field, Msg> = {
  id: msg('ID', '编号'),
  cycle: msg('Cycle', '周期'),
  level: msg('Level', '层级'),
  owner: msg('Owner', '负责人'),
  objective: msg('Objective', '目标'),
  kr: msg('Key result', '关键结果'),
  initiative: msg('Initiative', '举措'),
  type: msg('Type', '类型'),
  kind: msg('Kind', '计分方式'),
  start: msg('Start', '起始值'),
  target: msg('Target', '目标值'),
  current: msg('Current', '当前值'),
  unit: msg('Unit', '单位'),
  weight: msg('Weight', '权重'),
  due: msg('Due', '截止日期'),
  confidence: msg('Confidence', '信心'),
  alignedTo: msg('Aligned to', '对齐目标'),
  notes: msg('Notes', '备注'),
  updated: msg('Updated', '更新时间'),
  score: msg('Score', '得分'),
  status: msg('Status', '状态'),
};

/** Words that say the number should go down / up, in English and Chinese. */
const DECREASE_WORDS =
  /\b(reduce[sd]?|reducing|lower(?:ing|s)?|decrease[sd]?|decreasing|cut|cutting|shrink|minimi[sz]e)\b|降低|减少|下降|降至|缩短|压缩|压降/i;
const INCREASE_WORDS =
  /\b(increase[sd]?|increasing|grow|grows|growing|raise[sd]?|boost|expand)\b|提升|增长|提高|增加|扩大/i;

/** Verbs that start a task rather than a result ("Launch the new store", "制定工作流程"). */
const TASK_VERBS_EN =
  /^(launch|build|create|develop|implement|write|design|hold|run|organi[sz]e|set up|setup|migrate|hire|publish|release|ship|complete|finish|deliver|execute|conduct|prepare|draft|make|start|introduce|deploy|roll out|establish|define|plan|hold|host|redesign|rebuild|refactor|update|set)\b/i;
const TASK_VERBS_ZH =
  /^(制定|执行|完成|建立|搭建|开展|组织|推出|上线|开发|设计|编写|撰写|举办|召开|实施|推进|落实|梳理|建设|打造|策划|发布|启动|准备|招聘|完善|形成|确定|编制)/;

/** Outline prefixes a title may still carry: 'KR1: ', 'O：', '关键结果2：', 'Objective 1 - '. */
const ITEM_PREFIX =
  /^(?:kr\s*\d*|o\s*\d*|objective\s*\d*|key\s*result\s*\d*|关键结果\s*\d*|目标\s*\d*)\s*[:：\-–—.、]\s*/i;

/** Text as compared for "copied verbatim": full-width folded, case, spaces, outline prefix and end punctuation ignored. */
export function comparableText(s: string): string {
  if (plainComparable(s)) return upperIn(s) ? s.toLowerCase() : s;
  // Plain ASCII needs no NFKC, and only titles starting like a prefix need the prefix regex.
  let t = /^[\x20-\x7e]*$/.test(s) ? s.trim() : s.normalize('NFKC').trim();
  if (/^[kKoO关目]/.test(t)) t = t.replace(ITEM_PREFIX, '');
  return t
    .toLowerCase()
    .replace(/[\s\u3000]+/g, ' ')
    .replace(/[\s.,;:!?。，；：！？、]+$/, '')
    .trim();
}

function upperIn(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) return true;
  }
  return false;
}

/**
 * True when comparableText(s) is just s lower-cased (so it has s's length), found in one scan without allocating:
 * printable ASCII with single inner spaces, no outline separator after a k/o start, no end punctuation.
 */
function plainComparable(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  let sep = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
    if (c === 0x20) {
      if (i === 0 || i === n - 1 || s.charCodeAt(i - 1) === 0x20) return false;
    } else if (c === 0x3a || c === 0x2d || c === 0x2e) sep = true;
  }
  const first = s.charCodeAt(0) | 0x20;
  const last = s.charCodeAt(n - 1);
  if (last === 0x2e || last === 0x2c || last === 0x3b || last === 0x3a || last === 0x21 || last === 0x3f) return false;
  return !(sep && (first === 0x6b || first === 0x6f));
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return String(Math.round(n * 10000) / 10000);
}

const quote = (s: string) => `"${s.length > 60 ? s.slice(0, 57) + '...' : s}"`;
const quoteZh = (s: string) => `“${s.length > 60 ? s.slice(0, 57) + '...' : s}”`;

/** Whole days from ISO date a to ISO date b (b - a), or null when either is not an ISO date. */
export function daysBetween(a: string, b: string): number | null {
  const day = (iso: string) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
    return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86400000 : null;
  };
  const x = day(a);
  const y = day(b);
  return x === null || y === null ? null : y - x;
}

/** ISO date plus `days` days, or null when not an ISO date. */
function shiftDays(iso: string, days: number): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m || !Number.isFinite(days)) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + Math.round(days)));
  return Number.isNaN(d.getTime()) ? null : d.toISOString().slice(0, 10);
}

/** What every rule reads: the model, its limits and today, and where a finding about a field points. */
interface Checks {
  model: OkrModel;
  limits: Settings['limits'];
  today: string;
  /** Updated before this ISO date is stale. */
  staleLine: string;
  add: AddFn;
  /** Where a finding about an item's field points: the cell it was read from, else its field's column on its row. */
  fieldCell(item: Objective | KeyResult, field: Field, fallback: CellRef): CellRef;
  objCell(o: Objective): CellRef;
  krCell(kr: KeyResult): CellRef;
  /** A KR's target cell (its title cell when the sheet has no target column). */
  targetCell(kr: KeyResult): CellRef;
  /** 'row:col' of the cells holding a value problem (kr-no-number stays quiet there). */
  problemCells: Set<string>;
  copies(): ReturnType<typeof copyIndex>;
}

/** What the per-objective and per-KR checks read besides the item itself (one per objective). */
interface ObjectiveView {
  index: number;
  oCycle: Cycle | null;
  /** The objective's title cell. */
  title: CellRef;
}

/** Increase and decrease KRs move from a start to a target. */
const isLinear = (kr: KeyResult) => kr.kind === 'increase' || kr.kind === 'decrease';

/**
 * The rules, keyed by rule id (a key that is not one names the group of rule ids its check decides together). Each
 * runs once for the sheet (`before` every objective, or `after` them), once per objective, or once per KR; in this
 * order, which is also the order of findings on one cell.
 */
const RULES: Record<
  string,
  {
    before?: (c: Checks) => void;
    objective?: (c: Checks, o: Objective, v: ObjectiveView) => void;
    kr?: (c: Checks, kr: KeyResult, v: ObjectiveView) => void;
    after?: (c: Checks) => void;
  }
> = {
  'value-problem': { before: checkValueProblems },
  'objectives-per-owner': { before: checkObjectivesPerOwner },
  'too-many-krs/too-few-krs': { objective: checkKrCount },
  'owner-missing': { objective: checkOwner },
  'copies-higher-kr': { objective: checkCopiesHigherKr },
  weights: { objective: (c, o) => checkObjectiveWeights(c, o) },
  'kr-no-number': { kr: checkNumber },
  'kr-no-deadline': { kr: checkDeadline },
  'start-equals-target': { kr: checkStartEqualsTarget },
  'direction-mismatch': { kr: checkDirection },
  'kr-looks-like-task': { kr: checkLooksLikeTask },
  'committed-below-1/aspirational-at-1': { kr: checkClosed },
  'kr-stale/kr-never-updated': { kr: checkStale, after: checkNoUpdatedColumn },
  'bottom-up-share': { after: checkBottomUpShare },
};

/** The rules' hooks by when they run, listed once (the per-KR loop runs 10,000s of times). */
const HOOKS = {
  before: Object.values(RULES).flatMap((r) => (r.before ? [r.before] : [])),
  objective: Object.values(RULES).flatMap((r) => (r.objective ? [r.objective] : [])),
  kr: Object.values(RULES).flatMap((r) => (r.kr ? [r.kr] : [])),
  after: Object.values(RULES).flatMap((r) => (r.after ? [r.after] : [])),
};

export function validate(model: OkrModel, opts: ValidateOptions): Finding[] {
  const c = checksFor(model, opts);
  for (const before of HOOKS.before) before(c);
  model.objectives.forEach((o, index) => {
    const oCycle = cycleOfObjective(o, model);
    const ov: ObjectiveView = { index, oCycle, title: c.objCell(o) };
    for (const check of HOOKS.objective) check(c, o, ov);
    // A KR's checks get its objective's view: the cells a finding points at are made when a check makes a finding
    // (most KRs get none), no object per KR.
    for (const kr of o.krs) for (const check of HOOKS.kr) check(c, kr, ov);
  });
  for (const after of HOOKS.after) after(c);
  return c.out.sort((a, b) => a.row - b.row || a.col - b.col);
}

function checksFor(model: OkrModel, opts: ValidateOptions): Checks & { out: Finding[] } {
  const { settings, today } = opts;
  const limits = settings.limits;
  const out: Finding[] = [];
  const sheet = model.sheet;
  const fieldCell = (item: Objective | KeyResult, field: Field, fallback: CellRef): CellRef => {
    const cell = 'cols' in item ? cellOf(item, field) : item.cells[field];
    if (cell) return cell;
    const col = model.fieldCols[field];
    return col === undefined ? fallback : { row: item.row, col };
  };
  const krCell = (kr: KeyResult): CellRef => cellOf(kr, 'kr') ?? { row: kr.row, col: model.fieldCols.kr ?? 0 };
  let copies: ReturnType<typeof copyIndex> | null = null;
  return {
    model,
    limits,
    today,
    staleLine: shiftDays(today, -limits.staleDays) ?? '',
    out,
    add: (rule, severity, cell, message, itemId) => {
      const f: Finding = { rule, severity, sheet, row: cell.row, col: cell.col, message: addCell(message, cell) };
      if (itemId !== undefined) f.itemId = itemId;
      out.push(f);
    },
    fieldCell,
    objCell: (o) => o.cells.objective ?? { row: o.row, col: model.fieldCols.objective ?? 0 },
    krCell,
    targetCell: (kr) => fieldCell(kr, 'target', krCell(kr)),
    problemCells: new Set(model.problems.map((p) => `${p.cell.row}:${p.cell.col}`)),
    copies: () => (copies ??= copyIndex(model, opts.parents ?? [])),
  };
}

/** value-problem: each cell the reader could not read, first: it explains many of the findings below. */
function checkValueProblems(c: Checks): void {
  const { model, add } = c;
  for (const p of model.problems) {
    // The reader's message usually names the column and cell already ('Current (J12): ...'); otherwise say them.
    const at = a1(p.cell.row, p.cell.col);
    const name = FIELD_NAME[p.field];
    const lead = (m: string, label: string) => (m.includes(at) ? m : `${label} (${at}): ${m}`);
    const seenEn = p.message.en.includes(p.seen) ? '' : ` (the cell holds ${quote(p.seen)})`;
    const seenZh = p.message.zh.includes(p.seen) ? '' : `（单元格内容为 ${quoteZh(p.seen)}）`;
    add(
      'value-problem',
      'error',
      p.cell,
      msg(lead(p.message.en, name.en) + seenEn, lead(p.message.zh, name.zh) + seenZh),
    );
  }
}

/** objectives-per-owner: counted per (owner, cycle); objectives without an owner count together. */
function checkObjectivesPerOwner(c: Checks): void {
  const { model, limits, add, objCell } = c;
  const byOwner = new Map<string, { owner: string | null; cycle: string | null; objs: Objective[] }>();
  // A sheet has a few owners over thousands of objectives: each distinct name is normalised once.
  const ownerKeys = new Map<string, string>();
  const ownerKey = (owner: string) => {
    let k = ownerKeys.get(owner);
    if (k === undefined) ownerKeys.set(owner, (k = owner.normalize('NFKC').trim().toLowerCase()));
    return k;
  };
  for (const o of model.objectives) {
    const owner = ownerOf(o);
    const cycle = cycleOfObjective(o, model)?.id ?? null;
    const key = `${owner === null ? '\u0000' : ownerKey(owner)}\u0001${cycle ?? ''}`;
    const g = byOwner.get(key) ?? { owner, cycle, objs: [] };
    g.objs.push(o);
    byOwner.set(key, g);
  }
  for (const g of byOwner.values()) {
    if (g.objs.length <= limits.objectivesPerOwner) continue;
    const first = g.objs[Math.min(g.objs.length - 1, Math.floor(limits.objectivesPerOwner))];
    const who = g.owner === null ? msg('(no owner)', '（无负责人）') : msg(quote(g.owner), quoteZh(g.owner));
    const inCycle = g.cycle ? msg(` in ${g.cycle}`, `在 ${g.cycle} 周期`) : msg('', '');
    add(
      'objectives-per-owner',
      'warning',
      objCell(first),
      msg(
        `${who.en} has ${g.objs.length} objectives${inCycle.en}; the limit is ${limits.objectivesPerOwner} (3-5 is ideal). Keep the few that matter most.`,
        `${who.zh}${inCycle.zh}有 ${g.objs.length} 个目标，上限为 ${limits.objectivesPerOwner} 个（3-5 个最佳）。只保留最重要的几个。`,
      ),
      first.id,
    );
  }
}

/** What copies-higher-kr compares with: higher KRs by comparable text (parents, higher levels, "Aligned to"). */
function copyIndex(model: OkrModel, parents: OkrModel[]) {
  const parentKrs = new Map<string, KeyResult>();
  for (const p of parents)
    for (const o of p.objectives) for (const kr of o.krs) parentKrs.set(comparableText(kr.title), kr);

  /** Each KR's comparable text, computed once. */
  const krText = new Map<KeyResult, string>();
  const textOf = (kr: KeyResult) => {
    let k = krText.get(kr);
    if (k === undefined) krText.set(kr, (k = comparableText(kr.title)));
    return k;
  };
  /** Each objective's comparable title, and the lengths of those a higher KR could be copied into. */
  const objText = model.objectives.map((o) => comparableText(o.title));
  const copyLengths = new Set<number>();
  model.objectives.forEach((o, i) => {
    if (o.level && o.level !== 'company' && objText[i]) copyLengths.add(objText[i].length);
  });
  /** Per KR text, the KR of the highest level (lowest rank) in this sheet that says it. */
  const highestKr = new Map<string, { rank: number; kr: KeyResult }>();
  for (const o of model.objectives) {
    if (!o.level || o.level === 'individual') continue; // nothing ranks below individual
    const rank = LEVEL_RANK[o.level];
    for (const kr of o.krs) {
      // Only texts an objective could copy matter: a plain title keeps its length, so others are skipped unread (the
      // length first: it rules out most titles without scanning them).
      if (!copyLengths.has(kr.title.length) && plainComparable(kr.title)) continue;
      const key = textOf(kr);
      const seen = highestKr.get(key);
      if (key && (!seen || rank < seen.rank)) highestKr.set(key, { rank, kr });
    }
  }
  // Targets of "Aligned to" (by id or text), built only when some objective has a link.
  let refs: { objectives: Map<string, Objective>; krs: Map<string, KeyResult> } | null = null;
  const alignRefs = () => {
    if (refs) return refs;
    refs = { objectives: new Map(), krs: new Map() };
    for (const o of model.objectives) {
      refs.objectives.set(refKey(o.id), o);
      const ot = comparableText(o.title);
      if (!refs.objectives.has(ot)) refs.objectives.set(ot, o);
      for (const kr of o.krs) {
        refs.krs.set(refKey(kr.id), kr);
        if (!refs.krs.has(textOf(kr))) refs.krs.set(textOf(kr), kr);
      }
    }
    return refs;
  };
  return { parentKrs, textOf, objText, highestKr, alignRefs };
}

/** too-many-krs / too-few-krs: the KRs of one objective against the limits. */
function checkKrCount(c: Checks, o: Objective, v: ObjectiveView): void {
  const { limits, add, krCell } = c;
  const { title } = v;
  const n = o.krs.length;
  if (n > limits.krsPerObjective) {
    const extra = o.krs[Math.min(n - 1, Math.floor(limits.krsPerObjective))];
    add(
      'too-many-krs',
      'warning',
      krCell(extra),
      msg(
        `Objective ${quote(o.title)} has ${n} key results; the limit is ${limits.krsPerObjective} per objective.`,
        `目标 ${quoteZh(o.title)} 有 ${n} 个关键结果，每个目标最多 ${limits.krsPerObjective} 个。`,
      ),
      o.id,
    );
  } else if (n < limits.minKrsPerObjective) {
    add(
      'too-few-krs',
      n === 0 ? 'error' : 'warning',
      title,
      msg(
        `Objective ${quote(o.title)} has ${n} key result${n === 1 ? '' : 's'}; it needs at least ${limits.minKrsPerObjective} to be measured.`,
        `目标 ${quoteZh(o.title)} 有 ${n} 个关键结果，至少需要 ${limits.minKrsPerObjective} 个才能衡量。`,
      ),
      o.id,
    );
  }
}

/** owner-missing. */
function checkOwner(c: Checks, o: Objective, v: ObjectiveView): void {
  const { add, fieldCell } = c;
  const { title } = v;
  if (ownerOf(o) === null) {
    add(
      'owner-missing',
      'warning',
      fieldCell(o, 'owner', title),
      msg(`Objective ${quote(o.title)} has no owner.`, `目标 ${quoteZh(o.title)} 没有负责人。`),
      o.id,
    );
  }
}

/** copies-higher-kr: an objective that is a higher KR word for word. */
function checkCopiesHigherKr(c: Checks, o: Objective, v: ObjectiveView): void {
  const { add } = c;
  const { title } = v;
  const { parentKrs, textOf, objText, highestKr, alignRefs } = c.copies();
  const mine = objText[v.index];
  if (mine) {
    let copied: KeyResult | undefined = parentKrs.get(mine);
    if (!copied && o.level) {
      const top = highestKr.get(mine);
      if (top && top.rank < LEVEL_RANK[o.level]) copied = top.kr;
    }
    if (!copied && o.alignedTo) {
      const ref = o.alignedTo;
      const { objectives: objectiveByRef, krs: krByRef } = alignRefs();
      const kr = krByRef.get(refKey(ref)) ?? krByRef.get(comparableText(ref));
      const parent = objectiveByRef.get(refKey(ref)) ?? objectiveByRef.get(comparableText(ref));
      if (kr && kr.objectiveId !== o.id && textOf(kr) === mine) copied = kr;
      else if (parent && parent !== o) copied = parent.krs.find((k) => textOf(k) === mine);
    }
    if (copied) {
      add(
        'copies-higher-kr',
        'warning',
        title,
        msg(
          `Objective ${quote(o.title)} copies the higher-level key result ${quote(copied.title)} word for word; a higher KR should not become a lower objective. Say what your team wants to achieve so that KR happens.`,
          `目标 ${quoteZh(o.title)} 与上级关键结果 ${quoteZh(copied.title)} 完全相同；上级的 KR 不能直接作为下级的 O。请写出本团队为达成该 KR 想实现的目标。`,
        ),
        o.id,
      );
    }
  }
}

/** weight-negative, weights-all-zero, weights-incomplete, weights-sum (checkWeights: each decides whether the next applies). */
function checkObjectiveWeights(c: Checks, o: Objective): void {
  const { add, fieldCell, krCell } = c;
  checkWeights(o, add, (kr) => fieldCell(kr, 'weight', krCell(kr)));
}

/** kr-no-number: a target, or a binary (done / not done) KR. */
function checkNumber(c: Checks, kr: KeyResult): void {
  const { add, problemCells } = c;
  if (kr.kind === 'binary' || kr.target !== null) return;
  const targetCell = c.targetCell(kr);
  if (!problemCells.has(`${targetCell.row}:${targetCell.col}`)) {
    add(
      'kr-no-number',
      'error',
      targetCell,
      kr.placeholder
        ? msg(
            `Key result ${quote(kr.title)} has a placeholder (like "XX") instead of a number. Fill in the target number.`,
            `关键结果 ${quoteZh(kr.title)} 用占位符（如“XX”）代替了数字，请填写具体的目标值。`,
          )
        : msg(
            `Key result ${quote(kr.title)} has no target number. A KR needs a number (e.g. "from 2% to 3.5%"), or kind "binary" for a done/not-done milestone.`,
            `关键结果 ${quoteZh(kr.title)} 没有目标值。KR 必须量化（例如“从 2% 提升到 3.5%”），里程碑式的 KR 请把计分方式设为“binary（完成/未完成）”。`,
          ),
      kr.id,
    );
  }
}

/** kr-no-deadline: its own due date or the cycle's end. */
function checkDeadline(c: Checks, kr: KeyResult, v: ObjectiveView): void {
  const { add, fieldCell } = c;
  const { oCycle } = v;
  if (!kr.due && !oCycle) {
    add(
      'kr-no-deadline',
      'warning',
      fieldCell(kr, 'due', c.krCell(kr)),
      msg(
        `Key result ${quote(kr.title)} has no deadline: no due date and no cycle. Add a due date or set the cycle (e.g. 2026-Q4).`,
        `关键结果 ${quoteZh(kr.title)} 没有截止时间：既无截止日期也无周期。请填写截止日期或设置周期（如 2026-Q4）。`,
      ),
      kr.id,
    );
  }
}

/** start-equals-target: a linear KR that cannot be scored. */
function checkStartEqualsTarget(c: Checks, kr: KeyResult): void {
  const { add } = c;
  if (isLinear(kr) && kr.target !== null && kr.start === kr.target) {
    add(
      'start-equals-target',
      'error',
      c.targetCell(kr),
      msg(
        `Key result ${quote(kr.title)}: start and target are both ${fmt(kr.target)}, so progress cannot be measured. If the aim is to hold the level, use kind "above" (stay at or above) or "below" (stay at or below).`,
        `关键结果 ${quoteZh(kr.title)}：起始值与目标值都是 ${fmt(kr.target)}，无法计算进度。如果目标是保持水平，请将计分方式设为“above（不低于）”或“below（不高于）”。`,
      ),
      kr.id,
    );
  }
}

/** direction-mismatch: the wording (and a typed kind) against the direction of the numbers. */
function checkDirection(c: Checks, kr: KeyResult): void {
  const { add } = c;
  if (isLinear(kr) && kr.target !== null && kr.start !== kr.target) {
    const goesUp = kr.target > kr.start;
    const saysDown = DECREASE_WORDS.test(kr.title);
    const saysUp = INCREASE_WORDS.test(kr.title);
    const target = kr.target;
    const nums = () => `start ${fmt(kr.start)}, target ${fmt(target)}`;
    const numsZh = () => `起始值 ${fmt(kr.start)}，目标值 ${fmt(target)}`;
    if (saysDown && !saysUp && goesUp) {
      add(
        'direction-mismatch',
        'warning',
        c.targetCell(kr),
        msg(
          `Key result ${quote(kr.title)} says to reduce, but the target is above the start (${nums()}). Check the numbers.`,
          `关键结果 ${quoteZh(kr.title)} 要求降低，但目标值高于起始值（${numsZh()}）。请检查数值。`,
        ),
        kr.id,
      );
    } else if (saysUp && !saysDown && !goesUp) {
      add(
        'direction-mismatch',
        'warning',
        c.targetCell(kr),
        msg(
          `Key result ${quote(kr.title)} says to increase, but the target is below the start (${nums()}). Check the numbers.`,
          `关键结果 ${quoteZh(kr.title)} 要求提升，但目标值低于起始值（${numsZh()}）。请检查数值。`,
        ),
        kr.id,
      );
    } else if (kr.cols.kind !== undefined && !kr.inferred.kind && (kr.kind === 'decrease') === goesUp) {
      add(
        'direction-mismatch',
        'warning',
        cellOf(kr, 'kind')!,
        msg(
          `Key result ${quote(kr.title)} is marked "${kr.kind}", but the numbers go ${goesUp ? 'up' : 'down'} (${nums()}).`,
          `关键结果 ${quoteZh(kr.title)} 标为“${kr.kind === 'decrease' ? '降低' : '提升'}”，但数值是${goesUp ? '上升' : '下降'}的（${numsZh()}）。`,
        ),
        kr.id,
      );
    }
  }
}

/** kr-looks-like-task. */
function checkLooksLikeTask(c: Checks, kr: KeyResult): void {
  const { add } = c;
  const text =
    kr.kind === 'binary' || kr.target === null ? kr.title.normalize('NFKC').trim().replace(ITEM_PREFIX, '') : '';
  if (text && !kr.placeholder && !/\d/.test(text) && (TASK_VERBS_EN.test(text) || TASK_VERBS_ZH.test(text))) {
    add(
      'kr-looks-like-task',
      'info',
      c.krCell(kr),
      kr.kind === 'binary'
        ? msg(
            `Key result ${quote(kr.title)} reads like a task. As a done/not-done milestone it is a valid KR; if it is an activity toward a result, move it under a KR as an initiative (E:) and measure the result instead.`,
            `关键结果 ${quoteZh(kr.title)} 读起来像一项任务。作为“完成/未完成”的里程碑它是合格的 KR；如果它只是达成结果的行动，请把它移到某个 KR 下作为执行（E:），改为衡量结果。`,
          )
        : msg(
            `Key result ${quote(kr.title)} starts with a verb and has no number: it is probably an initiative (a task). Move it under a KR as an initiative (E:), give it a measurable target, or set kind "binary" if it is a done/not-done milestone.`,
            `关键结果 ${quoteZh(kr.title)} 以动词开头且没有数字，可能是执行动作（任务）。请把它移到某个 KR 下作为执行（E:），或给它一个可衡量的目标值；若是“完成/未完成”的里程碑，请将计分方式设为 binary。`,
          ),
      kr.id,
    );
  }
}

/** committed-below-1 / aspirational-at-1, once the KR's deadline has passed. */
function checkClosed(c: Checks, kr: KeyResult, v: ObjectiveView): void {
  const { today, add, fieldCell } = c;
  const deadline = deadlineOf(kr, v.oCycle);
  // The score only once the deadline has passed.
  const score = deadline && deadline < today ? scoreOfKr(kr) : null;
  if (deadline && score !== null) {
    const scoreCell = fieldCell(kr, 'score', fieldCell(kr, 'current', c.targetCell(kr)));
    if (kr.commitment === 'committed' && score < 1) {
      add(
        'committed-below-1',
        'warning',
        scoreCell,
        msg(
          `Committed key result ${quote(kr.title)} closed at ${fmt(score)} (deadline ${deadline}); committed KRs are expected to reach 1.0. Review what got in the way.`,
          `承诺型关键结果 ${quoteZh(kr.title)} 截止（${deadline}）时得分 ${fmt(score)}；承诺型 KR 应达到 1.0，请复盘原因。`,
        ),
        kr.id,
      );
    } else if (kr.commitment === 'aspirational' && score >= 1) {
      add(
        'aspirational-at-1',
        'info',
        scoreCell,
        msg(
          `Aspirational key result ${quote(kr.title)} closed at ${fmt(score)} (deadline ${deadline}); aspirational KRs average about 0.6-0.7, so 1.0 suggests the target was set too low.`,
          `挑战型关键结果 ${quoteZh(kr.title)} 截止（${deadline}）时得分 ${fmt(score)}；挑战型 KR 一般在 0.6-0.7 左右，得 1.0 说明目标可能定得太低。`,
        ),
        kr.id,
      );
    }
  }
}

/** A KR scored 1.0 (one that reached its target needs no update). */
function reachedTarget(kr: KeyResult): boolean {
  const score = scoreOfKr(kr);
  return score !== null && score >= 1;
}

/** kr-stale / kr-never-updated, while the cycle runs. */
function checkStale(c: Checks, kr: KeyResult, v: ObjectiveView): void {
  const { model, limits, today, staleLine, add, fieldCell } = c;
  const { oCycle } = v;
  if (isRunning(today, oCycle ? oCycle.end : null, oCycle ? oCycle.start : null, kr.due) && !reachedTarget(kr)) {
    if (kr.updated) {
      // ISO dates compare as text: only a date before the stale line needs the day count.
      const age = kr.updated < staleLine ? daysBetween(kr.updated, today) : null;
      if (age !== null && age > limits.staleDays) {
        add(
          'kr-stale',
          'warning',
          fieldCell(kr, 'updated', c.krCell(kr)),
          msg(
            `Key result ${quote(kr.title)} was last updated on ${kr.updated}, ${age} days ago (limit ${limits.staleDays} days). Update its current value.`,
            `关键结果 ${quoteZh(kr.title)} 最后更新于 ${kr.updated}，已 ${age} 天未更新（上限 ${limits.staleDays} 天）。请更新当前值。`,
          ),
          kr.id,
        );
      }
    } else if (model.fieldCols.updated !== undefined) {
      add(
        'kr-never-updated',
        'info',
        fieldCell(kr, 'updated', c.krCell(kr)),
        msg(
          `Key result ${quote(kr.title)} has no "Updated" date, so staleness (over ${limits.staleDays} days) cannot be checked.`,
          `关键结果 ${quoteZh(kr.title)} 没有“更新时间”，无法检查是否超过 ${limits.staleDays} 天未更新。`,
        ),
        kr.id,
      );
    }
  }
}

/** kr-never-updated, once for the sheet: no Updated column at all while something runs. */
function checkNoUpdatedColumn(c: Checks): void {
  const { model, limits, today, add } = c;
  if (model.fieldCols.updated === undefined) {
    const running = model.objectives.some((o) => {
      const c = cycleOfObjective(o, model);
      return o.krs.some((kr) => isRunning(today, c ? c.end : null, c ? c.start : null, kr.due));
    });
    if (running) {
      add(
        'kr-never-updated',
        'info',
        { row: model.headerRow ?? Math.max(0, model.firstRow), col: 0 },
        msg(
          `The sheet has no "Updated" column, so key results not updated for over ${limits.staleDays} days cannot be found. Convert adds the column.`,
          `表格没有“更新时间”列，无法找出超过 ${limits.staleDays} 天未更新的关键结果。“转换”会添加该列。`,
        ),
      );
    }
  }
}

/** bottom-up-share per level below company. */
function checkBottomUpShare(c: Checks): void {
  const { model, add, fieldCell, objCell } = c;
  const byLevel = new Map<Level | null, Objective[]>();
  for (const o of model.objectives) {
    if (o.level === 'company') continue;
    const list = byLevel.get(o.level) ?? [];
    list.push(o);
    byLevel.set(o.level, list);
  }
  for (const [level, objs] of byLevel) {
    if (objs.length < 2) continue;
    const bottomUp = objs.filter((o) => !o.alignedTo).length;
    if (bottomUp * 2 >= objs.length) continue;
    const first = objs.find((o) => o.alignedTo)!;
    const lv = level ? LEVEL_NAME[level] : msg('this sheet', '本表');
    const pct = Math.round((bottomUp / objs.length) * 100);
    add(
      'bottom-up-share',
      'info',
      fieldCell(first, 'alignedTo', objCell(first)),
      msg(
        `Only ${bottomUp} of ${objs.length} ${level ? lv.en + '-level ' : ''}objectives (${pct}%) are set bottom-up (no "Aligned to" link); about half or more should come from the ${level ? 'level' : 'team'} itself.`,
        `${level ? lv.zh + '层级' : ''}的 ${objs.length} 个目标中只有 ${bottomUp} 个（${pct}%）是自下而上制定的（未对齐上级）；建议约一半或更多由本层级自己提出。`,
      ),
      first.id,
    );
  }
}

/** Appends the cell address, so a message read outside the sheet still says where (unless it already does). */
function addCell(m: Msg, cell: CellRef): Msg {
  const at = a1(cell.row, cell.col);
  const tag = (s: string) => (namesCell(s, at) ? s : `${s} [${at}]`);
  return msg(tag(m.en), tag(m.zh));
}

/**
 * True when `s` names the cell `at` ('K5') on its own: no letter, digit or '_' either side, as /\bK5\b/ tests (without
 * compiling a regex for every finding).
 */
function namesCell(s: string, at: string): boolean {
  const word = (i: number) => {
    const c = s.charCodeAt(i);
    return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  };
  for (let i = s.indexOf(at); i >= 0; i = s.indexOf(at, i + 1)) if (!word(i - 1) && !word(i + at.length)) return true;
  return false;
}

function refKey(s: string): string {
  return s.normalize('NFKC').trim().toLowerCase();
}

/** The objective's owner, or the one owner all its KRs share. */
function ownerOf(o: Objective): string | null {
  if (o.owner && o.owner.trim()) return o.owner.trim();
  const owners = new Set(o.krs.map((k) => (k.owner ?? '').trim()).filter(Boolean));
  return owners.size >= 1 ? [...owners][0] : null;
}

function isRunning(today: string, cycleEnd: string | null, cycleStart: string | null, due: string | null): boolean {
  if (cycleEnd && cycleStart) return today >= cycleStart && today <= cycleEnd;
  return due ? today <= due : true;
}

type AddFn = (rule: RuleId, severity: Severity, cell: CellRef, m: Msg, itemId?: string) => void;

/** Each negative weight is an error; true when there is one (sums mean nothing then). */
function checkNegativeWeights(krs: KeyResult[], add: AddFn, weightCell: (kr: KeyResult) => CellRef): boolean {
  let negative = false;
  for (const kr of krs) {
    if (kr.weight !== null && kr.weight < 0) {
      negative = true;
      add(
        'weight-negative',
        'error',
        weightCell(kr),
        msg(
          `Key result ${quote(kr.title)} has a negative weight (${fmt(kr.weight)}); weights must be 0 or more.`,
          `关键结果 ${quoteZh(kr.title)} 的权重为负数（${fmt(kr.weight)}），权重必须大于或等于 0。`,
        ),
        kr.id,
      );
    }
  }
  return negative;
}

function checkWeights(o: Objective, add: AddFn, weightCell: (kr: KeyResult) => CellRef): void {
  const krs = o.krs;
  if (checkNegativeWeights(krs, add, weightCell) || krs.length === 0) return;
  let given = 0;
  for (const k of krs) if (k.weight !== null) given++;
  if (given === 0) return;
  if (given < krs.length) {
    const blank = krs.find((k) => k.weight === null)!;
    add(
      'weights-incomplete',
      'warning',
      weightCell(blank),
      msg(
        `Objective ${quote(o.title)}: ${given} of ${krs.length} key results have a weight and ${quote(blank.title)} has none. Give every KR a weight (or none at all); until then all KRs count equally.`,
        `目标 ${quoteZh(o.title)}：${krs.length} 个关键结果中只有 ${given} 个填了权重，${quoteZh(blank.title)} 没有。请为每个 KR 填写权重（或全部不填）；在此之前所有 KR 按等权计算。`,
      ),
      o.id,
    );
    return;
  }
  checkWeightSum(o, add, weightCell);
}

/** Every KR has a weight: all zero is an error; a sum other than 1 (fractions) or 100 (whole numbers) is a note. */
function checkWeightSum(o: Objective, add: AddFn, weightCell: (kr: KeyResult) => CellRef): void {
  const krs = o.krs;
  const sum = krs.reduce((s, k) => s + (k.weight as number), 0);
  if (sum === 0) {
    add(
      'weights-all-zero',
      'error',
      weightCell(krs[0]),
      msg(
        `Objective ${quote(o.title)}: all ${krs.length} key-result weights are 0, so it cannot be scored.`,
        `目标 ${quoteZh(o.title)}：${krs.length} 个关键结果的权重都是 0，无法计算得分。`,
      ),
      o.id,
    );
    return;
  }
  // Fractions (0.5, 0.3, 0.2 or 50% read as 0.5) should add to 1; whole numbers (50, 30, 20) to 100.
  const fractions = krs.every((k) => (k.weight as number) <= 1);
  const total = fractions ? sum : sum / 100;
  if (Math.abs(total - 1) > 0.005) {
    const shown = fractions ? `${fmt(sum * 100)}%` : fmt(sum);
    const limit = fractions ? '100%' : '100';
    add(
      'weights-sum',
      'info',
      weightCell(krs[0]),
      msg(
        `Objective ${quote(o.title)}: the key-result weights add up to ${shown}, not ${limit}. Scores still use each weight's share of the total.`,
        `目标 ${quoteZh(o.title)}：关键结果权重合计为 ${shown}，不是 ${limit}。得分仍按各权重占合计的比例计算。`,
      ),
      o.id,
    );
  }
}
