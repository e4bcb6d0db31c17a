/**
 * The command API the hosts call: what to read, then one pure call that returns the plan to apply.
 * Every command is pure and never throws; its plan has a number of blocks and rules that does not depend on the
 * number of rows (findings give per-cell patches, which hosts write as one rectangle).
 */
import type {
  CellBlock,
  CommandResult,
  PlanCell,
  ReadRequest,
  SheetPlan,
  SheetSnapshot,
  WorkbookPlan,
  WorkbookSnapshot,
  FormatBlock,
} from './sheet-plan';
import { emptySheetPlan } from './sheet-plan';
import type { Rect } from './model';
import { readingCorrections, resolveSettings, SETTINGS_SHEET, settingsSheetValue, type Settings } from './settings';
import { errorText, msg, type Msg } from './i18n';
import { readModel } from './parse-sheet';
import { editKeepsLog, editRowsSelfContained } from './edit-checkin';
import { validate, type Finding } from './rules';
import { closeCycle } from './close';
import { matchHeader } from './headers';
import { countItems, NOT_OKR, planConvert, type PlanContext } from './plan-convert';
import { clearPlan, MARKS_SHEET, sheetsWithMarks, planValidate } from './plan-validate';
import {
  detailsOf,
  HISTORY_SHEET,
  isGeneratedSheet,
  planRollForward,
  planScore,
  scoreSummaryText,
  scorecardNames,
  sourceSheetOf,
} from './plan-close';
import { parseCycle } from './cycle';
import { localIsoDate, isoToSerial } from './values';
import {
  backgroundAt,
  plural,
  findOwnedBlock,
  noteAt,
  overFormulas,
  planCellAt,
  readWithoutFormulas,
} from './plan-grid';
import {
  CHECKIN_SHEET,
  checkinSheetName,
  logFindings,
  logNeedsWholeRead,
  logPartialRead,
  planCheckin,
  readLog,
  type CheckinRow,
} from './checkins';
import {
  DASHBOARD_SHEET,
  dashboardChartsFrom,
  dashboardData,
  dashboardSheetName,
  planDashboard,
  progressView,
} from './dashboard';
import type { OkrModel } from './model';
import { resolveCycleId, type CloseResult } from './close';
import { readingDetails, withUnplaced } from './reading-summary';

export type CommandName = 'convert' | 'validate' | 'clear' | 'score' | 'rollForward' | 'summary' | 'checkin';
export const COMMANDS: CommandName[] = ['convert', 'validate', 'clear', 'score', 'rollForward', 'summary', 'checkin'];

/** The check-in log and the dashboard, in either language (only those that exist are read). */
const LOG_AND_DASHBOARD = [CHECKIN_SHEET.en, CHECKIN_SHEET.zh, DASHBOARD_SHEET.en, DASHBOARD_SHEET.zh];

/**
 * A read request with the settings sheet added: a host whose document settings may lack the reading corrections the
 * command line saved in the file reads it in the same batch, and runCommand applies it (withSheetReading).
 */
export function withSettingsSheet(req: ReadRequest): ReadRequest {
  return req.others.includes(SETTINGS_SHEET) ? req : { ...req, others: [...req.others, SETTINGS_SHEET] };
}

/**
 * What the dashboard (and Check in, which writes only today's rows) needs of the log: the keys and each check-in's
 * score. A long log is then read in part (ReadRequest.partial), its other columns left in the sheet.
 */
const DASHBOARD_LOG_READ = logPartialRead(['score']);
const EDIT_LOG_READ = logPartialRead(['score', 'current', 'confidence']);

/**
 * What the host must read before running `name`. `opts.dashboard` false (a check-in from an edit, which writes the
 * log only): the dashboard is not read.
 */
export function readsFor(name: CommandName, settings: Settings, opts: { dashboard?: boolean } = {}): ReadRequest {
  const req = readsOf(name, settings, opts);
  const lang = settings?.lang === 'zh' ? 'zh' : 'en';
  const other = lang === 'en' ? 'zh' : 'en';
  const cycle = settings?.cycle ? parseCycle(settings.cycle)?.id : null;
  const pairs = [CHECKIN_SHEET, HISTORY_SHEET, DASHBOARD_SHEET, ...(cycle ? [scorecardNames(cycle)] : [])];
  const sameSheet = pairs.filter((p) => req.others.includes(p[lang])).map((p) => [p[lang], p[other]]);
  return sameSheet.length ? { ...req, sameSheet } : req;
}

function readsOf(name: CommandName, settings: Settings, opts: { dashboard?: boolean }): ReadRequest {
  switch (name) {
    case 'validate':
      return {
        formulas: true,
        activeFormulas: false,
        notes: true,
        backgrounds: true,
        others: [CHECKIN_SHEET.en, CHECKIN_SHEET.zh, MARKS_SHEET],
        partial: logPartialRead(['current', 'confidence']),
      };
    case 'clear':
      return { formulas: true, activeFormulas: false, notes: true, backgrounds: true, others: [MARKS_SHEET] };
    case 'score': {
      // The scorecard of the configured cycle is read too, so a failed apply can put the old one back. The grid's
      // formulas only when its convert step has work to do (planScore asks for them then).
      const cycle = settings?.cycle ? parseCycle(settings.cycle)?.id : null;
      return {
        formulas: true,
        activeFormulas: false,
        notes: false,
        backgrounds: false,
        others: [
          HISTORY_SHEET.en,
          HISTORY_SHEET.zh,
          ...(cycle ? Object.values(scorecardNames(cycle)) : []),
          ...LOG_AND_DASHBOARD,
        ],
        partial: DASHBOARD_LOG_READ,
      };
    }
    case 'checkin':
      return {
        formulas: true,
        activeFormulas: false,
        notes: false,
        backgrounds: false,
        others: opts.dashboard === false ? [CHECKIN_SHEET.en, CHECKIN_SHEET.zh] : LOG_AND_DASHBOARD,
        // From an edit, the values an undo brings back are compared with the log's (editKeepsLog).
        partial: opts.dashboard === false ? EDIT_LOG_READ : DASHBOARD_LOG_READ,
      };
    case 'summary':
      return {
        formulas: true,
        activeFormulas: false,
        notes: false,
        backgrounds: false,
        others: [CHECKIN_SHEET.en, CHECKIN_SHEET.zh],
        partial: DASHBOARD_LOG_READ,
      };
    case 'rollForward':
      // The new sheet is built from the reading alone.
      return { formulas: true, activeFormulas: false, notes: false, backgrounds: false, others: [] };
    default:
      // Convert: the grid's formulas only when it would keep one (runConvert asks for them then).
      return { formulas: true, activeFormulas: false, notes: false, backgrounds: false, others: [] };
  }
}

const EMPTY_PLAN: WorkbookPlan = { sheets: [] };

function fail(summary: Msg, details?: unknown): CommandResult {
  return { ok: false, plan: { sheets: [] }, summary, ...(details === undefined ? {} : { details }) };
}

function describeError(e: unknown): string {
  const m = errorText(e);
  return m.length > 200 ? m.slice(0, 200) + '…' : m;
}

function checkSnapshot(snap: WorkbookSnapshot): Msg | null {
  if (!snap || typeof snap !== 'object' || !snap.active || !Array.isArray(snap.active.values)) {
    return msg(
      'Could not read the sheet: the host sent no cell values.',
      '无法读取工作表：宿主程序没有提供单元格数据。',
    );
  }
  return null;
}

/** The log rows of the workbook (either language), or [] when there is no log. */
function logRowsOf(sheetNames: string[], others: Record<string, SheetSnapshot>, settings: Settings): CheckinRow[] {
  const name = checkinSheetName(sheetNames, settings.lang);
  return sheetNames.includes(name) ? readLog(others[name]).rows : [];
}

/** The dashboard sheet plan, refreshed from `close` and the log as it will be after this command. */
function dashboardPlan(
  model: OkrModel,
  close: CloseResult,
  log: CheckinRow[],
  sheetNames: string[],
  ctx: PlanContext,
  after: string,
  source: string,
): SheetPlan {
  const name = dashboardSheetName(sheetNames, ctx.settings.lang);
  const logName = checkinSheetName(sheetNames, ctx.settings.lang);
  return planDashboard(name, dashboardData(model, close, log, ctx.settings, ctx.today), {
    lang: ctx.settings.lang,
    host: ctx.host,
    logSheet: logName,
    after,
    source,
  });
}

/** Check in: today's rows into the log; the dashboard too unless `dashboard` is false (the edit path). */
function checkin(
  active: SheetSnapshot,
  sheetNames: string[],
  others: Record<string, SheetSnapshot>,
  model: OkrModel,
  ctx: PlanContext,
  dashboard: boolean,
): CommandResult {
  const out = planCheckin(model, sheetNames, others, ctx.settings, ctx.today, active.name);
  const sheets: SheetPlan[] = [out.log.plan];
  if (dashboard) sheets.push(dashboardPlan(model, out.close, out.log.rows, sheetNames, ctx, out.sheet, active.name));
  const view = progressView(dashboardData(model, out.close, out.log.rows, ctx.settings, ctx.today));
  return {
    ok: true,
    plan: { sheets, activate: dashboard ? sheets[1].sheet : undefined },
    summary: out.summary,
    details: { ...detailsOf(out.close), added: out.log.added, updated: out.log.updated, progress: view },
  };
}

/** One command's inputs, checked: the active sheet, the workbook's sheet names and the other sheets read. */
interface Run {
  wb: WorkbookSnapshot;
  settings: Settings;
  today: string;
  ctx: PlanContext;
  active: SheetSnapshot;
  sheetNames: string[];
  others: Record<string, SheetSnapshot>;
}

function runOf(wb: WorkbookSnapshot, settings: Settings): Run {
  const today =
    typeof wb.today === 'string' && /^\d{4}-\d{2}-\d{2}/.test(wb.today) ? wb.today.slice(0, 10) : localIsoDate();
  const ctx: PlanContext = { settings, host: wb.host === 'sheets' ? 'sheets' : 'excel', today };
  const active: SheetSnapshot = {
    ...wb.active,
    origin: wb.active.origin ?? { row: 0, col: 0 },
    name: String(wb.active.name ?? ''),
  };
  const sheetNames = Array.isArray(wb.sheetNames) ? wb.sheetNames.map(String) : [active.name];
  const others = wb.others && typeof wb.others === 'object' ? wb.others : {};
  return { wb, settings, today, ctx, active, sheetNames, others };
}

/** Ask the host to read `subject` and run the command there. */
function readAgainOn(subject: string): CommandResult {
  return {
    ok: true,
    plan: EMPTY_PLAN,
    summary: msg(`Reading "${subject}"…`, `正在读取“${subject}”…`),
    readAgain: { subject },
  };
}

/** A sheet the add-in wrote: the command works on the OKR sheet it came from (read next, see readAgain). */
function onGeneratedSheet(c: Run): CommandResult {
  const source = sourceSheetOf(c.active, c.sheetNames);
  if (source) return readAgainOn(source);
  const name = c.active.name;
  return fail(
    msg(
      `"${name}" is written by OKR Grid and does not say which OKR sheet it came from. Select your OKR sheet and run the command again.`,
      `“${name}”由 OKR Grid 生成，且未记录来源的 OKR 工作表。请选中您的 OKR 工作表后再运行此命令。`,
    ),
  );
}

function runClear(c: Run): CommandResult {
  const { plan, cleared } = clearPlan(c.active, c.others[MARKS_SHEET]);
  // Nothing marked here (e.g. the next quarter's new sheet): the highlights are on another sheet; clear those.
  const elsewhere = cleared || c.wb.shown ? [] : sheetsWithMarks(c.others[MARKS_SHEET], c.sheetNames, c.active.name);
  if (elsewhere.length) return readAgainOn(elsewhere[0]);
  return {
    ok: true,
    plan: cleared ? plan : EMPTY_PLAN,
    summary: cleared
      ? msg(
          `Cleared ${plural(cleared, 'highlighted cell')}; their fills and notes are as before.`,
          `已清除 ${cleared} 个高亮单元格，填充色和批注已恢复原样。`,
        )
      : msg('No highlights to clear.', '没有需要清除的高亮。'),
  };
}

/** A sheet without objectives or KRs. */
function notOkr(name: CommandName, c: Run, model: OkrModel): CommandResult {
  // Validate on a non-OKR sheet still removes its own earlier marks.
  if (name === 'validate') {
    const plan = planValidate(c.active, [], c.settings.lang, c.others[MARKS_SHEET]);
    return { ok: false, plan, summary: NOT_OKR, details: { findings: [], ...readingDetails(model) } };
  }
  // How the sheet was read is most useful here: the user can correct a column's role or the header row.
  return fail(NOT_OKR, readingDetails(model));
}

function runConvert(c: Run, model: OkrModel): CommandResult {
  const out = planConvert(c.active, c.sheetNames, c.ctx, model);
  // Read without its formulas: fine unless a formula convert keeps would be written back as its value.
  const own = readWithoutFormulas(c.active) ? out.plan.sheets.find((s) => s.sheet === c.active.name) : undefined;
  if (own && overFormulas(own, c.active) === 'unknown')
    return { ok: true, plan: EMPTY_PLAN, summary: msg('Reading…', '正在读取…'), readAgain: { formulas: true } };
  return {
    ok: out.ok,
    plan: out.plan,
    summary: withUnplaced(out.summary, model.reading),
    details: readingDetails(model),
  };
}

function validateSummary(findings: Finding[], n: { objectives: number; krs: number }): Msg {
  if (!findings.length)
    return msg(
      `No problems found in ${plural(n.objectives, 'objective')} and ${plural(n.krs, 'key result')}.`,
      `${n.objectives} 个目标、${n.krs} 个关键结果中未发现问题。`,
    );
  const bySeverity = (s: string) => findings.filter((f) => f.severity === s).length;
  const [errors, warnings, notes] = [bySeverity('error'), bySeverity('warning'), bySeverity('info')];
  return msg(
    `${plural(findings.length, 'finding')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(notes, 'note')}. The cells are highlighted with the reason in their note.`,
    `发现 ${findings.length} 个问题：${errors} 个错误、${warnings} 个警告、${notes} 个提示。相关单元格已高亮，原因写在批注中。`,
  );
}

/** The rules' findings and the check-in log's, over the model. */
function sheetFindings(c: Run, model: OkrModel): Finding[] {
  const { settings, today } = c;
  const log = readLog(c.others[checkinSheetName(c.sheetNames, settings.lang)]);
  const fromLog = logFindings(model, log, settings, today, resolveCycleId(model, settings, today));
  return [...validate(model, { settings, today }), ...fromLog];
}

function runValidate(c: Run, model: OkrModel): CommandResult {
  const findings = sheetFindings(c, model);
  const plan = planValidate(c.active, findings, c.settings.lang, c.others[MARKS_SHEET]);
  const summary = validateSummary(findings, countItems(model));
  return { ok: true, plan, summary, details: { findings, ...readingDetails(model) } };
}

function runScore(c: Run, model: OkrModel): CommandResult {
  const out = planScore(c.active, c.sheetNames, c.others, model, c.ctx);
  if (out.needsFormulas) return { ok: true, plan: EMPTY_PLAN, summary: out.summary, readAgain: { formulas: true } };
  const details = { ...out.details, ...readingDetails(model) };
  if (out.absent) return { ok: false, plan: EMPTY_PLAN, summary: out.summary, details };
  const log = logRowsOf(c.sheetNames, c.others, c.settings);
  const after = out.plan.sheets[out.plan.sheets.length - 1]?.sheet ?? c.active.name;
  const dash = dashboardPlan(model, out.close, log, c.sheetNames, c.ctx, after, c.active.name);
  return { ok: true, plan: { ...out.plan, sheets: [...out.plan.sheets, dash] }, summary: out.summary, details };
}

function runSummary(c: Run, model: OkrModel): CommandResult {
  const { settings, today } = c;
  const close = closeCycle(model, { settings, today });
  const details = detailsOf(close);
  const findings = validate(model, { settings, today });
  const log = logRowsOf(c.sheetNames, c.others, settings);
  const progress = progressView(dashboardData(model, close, log, settings, today));
  return {
    ok: true,
    plan: EMPTY_PLAN,
    summary: scoreSummaryText(details),
    details: { ...details, findings, progress, ...readingDetails(model) },
  };
}

/**
 * dashboard false: a check-in writes the log only. edited: the check-in follows an edit of that rectangle of the
 * active sheet (the host's onChanged / onEdit), see checkinOnEdit.
 */
export interface CommandOptions {
  dashboard?: boolean;
  edited?: Rect;
  /**
   * The active snapshot holds only an edit's rows (core/edit-checkin.ts editSnapshot) and these are the KR ids in
   * them: the check-in records those KRs, when their rows say everything it needs; else core asks for the whole read.
   */
  editIds?: string[];
  /** Also what Validate would report, from the same reading: CommandResult.validation. */
  findings?: boolean;
}

const NOTHING_TO_RECORD: CommandResult = {
  ok: true,
  plan: EMPTY_PLAN,
  summary: msg('Nothing to record.', '无需记录。'),
};

/**
 * The check-in of an edit's rows read alone (editIds, see CommandOptions): nothing when they hold no KR (blank rows,
 * below the grid), the whole read when they do not say everything the check-in needs, else as checkinOnEdit.
 */
function checkinOfEditRows(c: Run, model: OkrModel, opts: CommandOptions, ids: string[]): CommandResult {
  if (!ids.length && !countItems(model).krs) return NOTHING_TO_RECORD;
  if (!editRowsSelfContained(model, ids))
    return { ok: true, plan: EMPTY_PLAN, summary: msg('Reading…', '正在读取…'), readAgain: { whole: [c.active.name] } };
  // The model holds the edited rows alone (not at their places): every KR of it is one the edit touched.
  if (opts.edited) return checkinOnEdit(c, model, opts.edited, true);
  return checkin(c.active, c.sheetNames, c.others, model, c.ctx, false);
}

/**
 * A check-in from an edit: when the edit touches a KR's Current or Confidence (editChecksIn), today's rows of the log
 * and, for Current, the Updated stamp of the edited rows (updatedStamp), in one plan, so the host applies both at
 * once; any other edit records nothing.
 */
function checkinOnEdit(c: Run, model: OkrModel, edited: Rect, editRows = false): CommandResult {
  if (!editChecksIn(c.active, edited)) return NOTHING_TO_RECORD;
  // An undo, or a value typed again: the log's newest rows already say it (editKeepsLog).
  const log = c.others[checkinSheetName(c.sheetNames, c.settings.lang)];
  const touched = editRows ? null : edited;
  if (editKeepsLog(model, touched, log, c.ctx.settings, c.today, c.active.name)) return NOTHING_TO_RECORD;
  const result = checkin(c.active, c.sheetNames, c.others, model, c.ctx, false);
  const stamp = updatedStamp(c.active, edited, c.today);
  if (!result.ok || !stamp) return result;
  const sp = emptySheetPlan(c.active.name);
  sp.writes.push(stamp);
  if (readWithoutFormulas(c.active) && overFormulas(sp, c.active) === 'unknown')
    return { ok: true, plan: EMPTY_PLAN, summary: msg('Reading…', '正在读取…'), readAgain: { formulas: true } };
  // The stamp after the log: a host that grows the log's sheet for its new rows has journaled that before a failing
  // stamp, so the restore finds the sheet as it will put it back.
  return { ...result, plan: { ...result.plan, sheets: [...result.plan.sheets, sp] } };
}

function run(name: CommandName, wb: WorkbookSnapshot, settings: Settings, opts: CommandOptions = {}): CommandResult {
  const bad = checkSnapshot(wb);
  if (bad) return fail(bad);
  const c = runOf(wb, settings);
  if (isGeneratedSheet(c.active.name) && !wb.shown) return onGeneratedSheet(c);
  if (name === 'clear') return runClear(c);
  const model = readModel(c.active, { settings, today: c.today });
  const n = countItems(model);
  if (n.objectives === 0 && n.krs === 0) return opts.editIds ? NOTHING_TO_RECORD : notOkr(name, c, model);
  const result = runOn(name, c, model, opts);
  if (!opts.findings || name === 'validate' || result.readAgain) return result;
  return { ...result, validation: { findings: sheetFindings(c, model), ...readingDetails(model) } };
}

/** The command on the model read from the active sheet. */
function runOn(name: CommandName, c: Run, model: OkrModel, opts: CommandOptions): CommandResult {
  switch (name) {
    case 'convert':
      return runConvert(c, model);
    case 'validate':
      return runValidate(c, model);
    case 'score':
      return runScore(c, model);
    case 'rollForward': {
      const out = planRollForward(c.active, c.sheetNames, model, c.ctx);
      return { ok: out.ok, plan: out.plan, summary: out.summary };
    }
    case 'summary':
      return runSummary(c, model);
    case 'checkin':
      if (opts.editIds) return checkinOfEditRows(c, model, opts, opts.editIds);
      if (opts.edited) return checkinOnEdit(c, model, opts.edited);
      return checkin(c.active, c.sheetNames, c.others, model, c.ctx, opts.dashboard !== false);
    default:
      return fail(msg(`Unknown command "${String(name)}".`, `未知命令“${String(name)}”。`));
  }
}

/** The settings with the settings sheet's reading corrections where the host's (document) settings have none. */
function withSheetReading(s: Settings, snap: WorkbookSnapshot): Settings {
  const sheet = snap?.others?.[SETTINGS_SHEET];
  return sheet ? { ...s, ...readingCorrections(s, settingsSheetValue(sheet.values)) } : s;
}

/** Sheets the plan changes that exist but were not read: a failure could not put them back. */
function unread(plan: WorkbookPlan, snap: WorkbookSnapshot): string[] {
  const names = Array.isArray(snap.sheetNames) ? snap.sheetNames : [];
  const out: string[] = [];
  for (const p of plan.sheets)
    if (names.includes(p.sheet) && !snapshotOf(snap, p.sheet) && !out.includes(p.sheet)) out.push(p.sheet);
  return out;
}

/** The summary of a command that worked on another sheet than the one shown says which sheet it used. */
function onSheet(result: CommandResult, used: string, shown: string): CommandResult {
  const summary = msg(
    `On the OKR sheet "${used}" (you are on "${shown}"): ${result.summary.en}`,
    `已在 OKR 工作表“${used}”上执行（当前在“${shown}”）：${result.summary.zh}`,
  );
  const details =
    result.details && typeof result.details === 'object'
      ? { ...(result.details as object), sheet: used, shown }
      : result.details;
  return { ...result, summary, ...(details === undefined ? {} : { details }) };
}

/**
 * Pure: never throws for any input; a sheet it cannot use gives ok:false with a clear summary in both languages.
 * A result may ask the host to read more first (readAgain): another sheet to work on, or sheets the plan changes.
 */
export function runCommand(
  name: CommandName,
  snap: WorkbookSnapshot,
  settings: Settings,
  opts: CommandOptions = {},
): CommandResult {
  try {
    if (!COMMANDS.includes(name)) return fail(msg(`Unknown command "${String(name)}".`, `未知命令“${String(name)}”。`));
    // A log read in part whose columns are not where the part read assumed: read it whole first.
    const whole = Object.values(CHECKIN_SHEET).filter((n) => logNeedsWholeRead(snap?.others?.[n]));
    if (whole.length)
      return { ok: true, plan: EMPTY_PLAN, summary: msg('Reading…', '正在读取…'), readAgain: { whole } };
    const result = run(name, snap, withSheetReading(resolveSettings(settings), snap), opts);
    if (result.readAgain) return result;
    const missing = result.ok ? unread(result.plan, snap) : [];
    if (missing.length) return { ...result, plan: EMPTY_PLAN, readAgain: { others: missing } };
    const shown = typeof snap.shown === 'string' ? snap.shown : '';
    return shown && shown !== snap.active?.name ? onSheet(result, String(snap.active.name), shown) : result;
  } catch (e) {
    const d = describeError(e);
    return fail(msg(`Internal error: ${d}. Nothing was changed.`, `内部错误：${d}。未做任何更改。`));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Restore

function snapshotOf(snap: WorkbookSnapshot, name: string): SheetSnapshot | null {
  if (snap.active?.name === name) return snap.active;
  return snap.others?.[name] ?? null;
}

function blockSize(cells: unknown[][]): { rows: number; cols: number } {
  return { rows: cells.length, cols: cells.reduce((m, r) => Math.max(m, r.length), 0) };
}

/**
 * The plan that puts back everything `plan` would change, from the snapshot: sheets the plan creates are deleted;
 * on existing sheets every written cell gets its original value or formula back, formatted cells go back to
 * General (core only formats cells it owns), owned conditional rules are removed, and patched fills and notes
 * get their original values. Validations cannot be removed through the plan contract and are left.
 */
export function restorePlan(plan: WorkbookPlan, snap: WorkbookSnapshot): WorkbookPlan {
  try {
    return buildRestore(plan, snap);
  } catch {
    // Never throw on the host's error path: at least remove the sheets the plan created.
    const names = new Set(Array.isArray(snap?.sheetNames) ? snap.sheetNames : []);
    const created = (Array.isArray(plan?.sheets) ? plan.sheets : [])
      .map((p) => p?.sheet)
      .filter((n) => typeof n === 'string' && !names.has(n));
    return created.length ? { sheets: [], deleteSheets: created } : { sheets: [] };
  }
}

function buildRestore(plan: WorkbookPlan, snap: WorkbookSnapshot): WorkbookPlan {
  const names = new Set(Array.isArray(snap?.sheetNames) ? snap.sheetNames : []);
  const deleteSheets: string[] = [];
  const sheets: SheetPlan[] = [];
  for (const p of plan?.sheets ?? []) {
    if (!names.has(p.sheet)) {
      if (!deleteSheets.includes(p.sheet)) deleteSheets.push(p.sheet);
      continue;
    }
    const orig = snapshotOf(snap, p.sheet);
    const out = emptySheetPlan(p.sheet);
    // A sheet rewritten whole: the cells the plan wrote (blank where there was nothing), then everything it cleared.
    const writes =
      p.replaceAll && orig
        ? [...p.writes, { row: orig.origin.row, col: orig.origin.col, cells: orig.values }]
        : p.writes;
    for (const b of writes) {
      const { rows, cols } = blockSize(b.cells as unknown[][]);
      const cells: PlanCell[][] = [];
      for (let r = 0; r < rows; r++) {
        const line: PlanCell[] = [];
        for (let c = 0; c < cols; c++) line.push(orig ? planCellAt(orig, b.row + r, b.col + c) : null);
        cells.push(line);
      }
      const block: CellBlock = { row: b.row, col: b.col, cells };
      out.writes.push(block);
    }
    for (const f of p.numberFormats) {
      const formats: FormatBlock = { row: f.row, col: f.col, formats: f.formats.map((r) => r.map(() => 'General')) };
      out.numberFormats.push(formats);
    }
    if (p.replaceOwnedRules || p.rules.length) out.replaceOwnedRules = true;
    for (const b of p.backgrounds)
      out.backgrounds.push({ row: b.row, col: b.col, value: orig ? backgroundAt(orig, b.row, b.col) : '' });
    for (const nt of p.notes)
      out.notes.push({ row: nt.row, col: nt.col, value: orig ? noteAt(orig, nt.row, nt.col) : '' });
    // The charts the sheet had: the add-in's charts are drawn from its own cells, so they are rebuilt from those.
    if (p.charts) out.charts = orig ? dashboardChartsFrom(orig) : [];
    sheets.push(out);
  }
  const result: WorkbookPlan = { sheets };
  if (deleteSheets.length) result.deleteSheets = deleteSheets;
  if (snap?.active?.name) result.activate = snap.active.name;
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Updated stamp

/** The grid's header row in `snap` (the first rows of a sheet), its owned block and its Current / Confidence columns. */
function editColumns(
  snap: SheetSnapshot,
): { headerRow: number; updated?: number; current?: number; confidence?: number } | null {
  const origin = snap.origin;
  for (let r = 0; r < snap.values.length; r++) {
    const headerRow = origin.row + r;
    const block = findOwnedBlock(snap, headerRow);
    if (!block || block.cols.updated === undefined) continue;
    // The user's own columns (left of the owned block) first, else the owned ones.
    const found: { current?: number; confidence?: number } = {};
    const line = snap.values[r] ?? [];
    for (let c = 0; c < line.length; c++) {
      const col = origin.col + c;
      if (col >= block.first && col <= block.last) continue;
      const f = matchHeader(line[c]);
      if ((f === 'current' || f === 'confidence') && found[f] === undefined) found[f] = col;
    }
    return {
      headerRow,
      updated: block.cols.updated,
      current: found.current ?? block.cols.current,
      confidence: found.confidence ?? block.cols.confidence,
    };
  }
  return null;
}

const within = (col: number | undefined, edited: Rect) =>
  col !== undefined && col >= edited.col && col <= edited.col + edited.cols - 1;

function headerSnapshot(header: SheetSnapshot): SheetSnapshot | null {
  if (!header || !Array.isArray(header.values)) return null;
  return { ...header, origin: header.origin ?? { row: 0, col: 0 } };
}

/**
 * For the onEdit / onChanged stamp: `header` holds the sheet's first rows (as read), `edited` the changed rectangle.
 * When the edit touches the Current column below the header of a converted grid, the block that writes today's
 * date (a date serial; the owned column carries the date format) into the owned Updated column of those rows.
 */
export function updatedStamp(header: SheetSnapshot, edited: Rect, today: string): CellBlock | null {
  try {
    const snap = headerSnapshot(header);
    if (!snap || !edited) return null;
    const serial = isoToSerial(String(today ?? ''));
    if (serial === null) return null;
    const cols = editColumns(snap);
    if (!cols || cols.updated === undefined || !within(cols.current, edited)) return null;
    const top = Math.max(edited.row, cols.headerRow + 1);
    const bottom = edited.row + edited.rows - 1;
    if (bottom < top) return null;
    const cells: PlanCell[][] = [];
    for (let i = top; i <= bottom; i++) cells.push([serial]);
    return { row: top, col: cols.updated, cells };
  } catch {
    return null;
  }
}

/**
 * Whether an edit records a check-in (the same path as the stamp): it touches a KR's Current or Confidence column
 * below the header of a converted grid. The host then runs the check-in without the dashboard
 * (runCommand('checkin', ..., { dashboard: false })).
 */
export function editChecksIn(header: SheetSnapshot, edited: Rect): boolean {
  try {
    const snap = headerSnapshot(header);
    if (!snap || !edited) return false;
    const cols = editColumns(snap);
    if (!cols || (!within(cols.current, edited) && !within(cols.confidence, edited))) return false;
    return edited.row + edited.rows - 1 > cols.headerRow;
  } catch {
    return false;
  }
}
