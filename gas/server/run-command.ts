/**
 * One command, start to end: lock, read once, let core compute everything, then write. Nothing is written before
 * core has returned, and a write that fails halfway is undone with core's restore plan.
 */
import {
  COMMANDS,
  readsFor,
  runCommand,
  withSettingsSheet,
  type CommandName,
  type CommandOptions,
} from '../../core/commands';
import { errorText, t, type Msg } from '../../core/i18n';
import { rereadFor, type CommandResult, type ReadRequest, type WorkbookSnapshot } from '../../core/sheet-plan';
import { applyPlan, restoreAfter, runUndo, type UndoJournal } from './apply';
import { BUSY, UNKNOWN_COMMAND, failedAndRestored, failedNotRestored, readFailed } from '../../core/host-messages';
import { PANEL_TITLE } from './messages';
import { loadSettings, uiLang } from './settings-store';
import type { Settings } from '../../core/settings';
import { HostContext } from './host';
import { readWorkbook, withFormulasBack } from './snapshot';

export interface HostResult {
  ok: boolean;
  summary: Msg;
  details?: unknown;
}

const LOCK_WAIT_MS = 200;

/** google.script.run only carries plain data: drop anything JSON cannot say. */
const plain = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

/**
 * opts.dashboard false: a check-in from an edit writes the log only (the dashboard waits for Check in / Score).
 * `view`: the caller's HostContext when it has one (onEdit), so what it asked for is not asked again.
 */
export function runInHost(name: unknown, opts: CommandOptions = {}, view?: HostContext): HostResult {
  if (typeof name !== 'string' || (COMMANDS as string[]).indexOf(name) < 0)
    return { ok: false, summary: UNKNOWN_COMMAND };
  const command = name as CommandName;
  return withDocumentLock(() => {
    // One view of the spreadsheet for the whole command: each sheet, name and setting asked for once.
    const host = view ?? new HostContext();
    const settings = loadSettings(host.ss);
    let run: Planned;
    try {
      run = readAndPlan(host, command, settings, opts);
    } catch (e) {
      return { ok: false, summary: readFailed(errorText(e)) };
    }
    return applyResult(host, run.result, withFormulasBack(run.snap));
  });
}

interface Planned {
  req: ReadRequest;
  snap: WorkbookSnapshot;
  result: CommandResult;
}

/**
 * Reads what core asks for and runs it; core may ask for more (the OKR sheet behind a scorecard, sheets its plan
 * changes): read again, at most twice. Sheets asked for by name only (HostContext.byNameOnly) give core the names
 * found; a plan that names another sheet has it asked for by name too, and one to create (its place and name depend
 * on every sheet), a result that is not a plan, or one that changes nothing (nothing found where core looked) runs
 * core again knowing every sheet.
 */
function readAndPlan(host: HostContext, command: CommandName, settings: Settings, opts: CommandOptions): Planned {
  // The command line's settings sheet (its reading corrections), when there is one, in the same batch.
  const req = withSettingsSheet(readsFor(command, settings, opts));
  let run = rereadAndRun(host, command, settings, opts, { req, snap: readWorkbook(host, req) });
  for (let pass = 0; pass < 2 && !host.everyName; pass++) {
    const { req, snap, result } = run;
    const plan = result.plan;
    const named = [...plan.sheets.map((sp) => sp.sheet), plan.select?.sheet, plan.activate];
    const others = [...new Set(named)].filter((n): n is string => !!n && !snap.sheetNames.includes(n));
    const settled = result.ok && !result.readAgain && plan.sheets.length > 0 && !plan.deleteSheets?.length;
    if (settled && !others.length) break;
    let next = req;
    if (settled && others.every((n) => host.sheet(n))) next = { ...req, others: [...req.others, ...others] };
    else host.sheetNames();
    run = rereadAndRun(host, command, settings, opts, { req: next, snap: readWorkbook(host, next, snap) });
  }
  return run;
}

/** Core's result on `at`, read again while core asks for more (at most twice). */
function rereadAndRun(
  host: HostContext,
  command: CommandName,
  settings: Settings,
  opts: CommandOptions,
  at: { req: ReadRequest; snap: WorkbookSnapshot },
): Planned {
  let { req, snap } = at;
  let result = runCommand(command, snap, settings, opts);
  for (let i = 0, more = rereadFor(req, result); i < 2 && more; i++, more = rereadFor(req, result)) {
    req = more;
    snap = readWorkbook(host, req, snap);
    result = runCommand(command, snap, settings, opts);
  }
  return { req, snap, result };
}

/** Runs `fn` holding the document lock (a second run meanwhile gets "still running"). */
export function withDocumentLock(fn: () => HostResult): HostResult {
  const lock = LockService.getDocumentLock();
  if (!lock || !lock.tryLock(LOCK_WAIT_MS)) return { ok: false, summary: BUSY };
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}

/**
 * Applies core's result; a write that fails is undone (docs/host-contract.md, section 4): the restore plan's cells,
 * fills, notes and sheet deletions, then the journal newest first (formats, dropdowns, rules, charts as they were).
 */
export function applyResult(host: HostContext, result: CommandResult, snap: WorkbookSnapshot): HostResult {
  if (!result.ok) return { ok: false, summary: result.summary, details: plain(result.details) };
  const journal: UndoJournal = [];
  try {
    applyPlan(host, result.plan, snap, journal);
  } catch (e) {
    const what = errorText(e);
    try {
      applyPlan(host, restoreAfter(result.plan, snap), snap);
      runUndo(journal);
      return { ok: false, summary: failedAndRestored(what) };
    } catch (e2) {
      return { ok: false, summary: failedNotRestored(what, errorText(e2)) };
    }
  }
  return { ok: true, summary: result.summary, details: plain(result.details) };
}

/** Menu and macro runs: success in a toast, failure in an alert the user has to read. */
export function runFromMenu(name: CommandName): void {
  const res = runInHost(name);
  const lang = safeLang();
  const text = t(res.summary, lang);
  if (res.ok) SpreadsheetApp.getActiveSpreadsheet().toast(text, t(PANEL_TITLE, lang), 8);
  else SpreadsheetApp.getUi().alert(t(PANEL_TITLE, lang), text, SpreadsheetApp.getUi().ButtonSet.OK);
}

function safeLang() {
  try {
    return uiLang();
  } catch {
    return 'en' as const;
  }
}
