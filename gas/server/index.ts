/**
 * The Apps Script entry: every function Sheets, the menu, macros and the sidebar call, exposed as a top-level
 * function by gas-webpack-plugin (`global.NAME = ...`; the JSDoc above each assignment is copied to the generated
 * top-level declaration, which is where Sheets reads the @customfunction help). No OKR logic here.
 */
import { okrPace, okrScore, okrStatus, rollupFn } from './custom-functions';
import { buildMenu, menuCheckin, menuClear, menuConvert, menuRollForward, menuScore, menuValidate, showPanel } from './menu';
import { stampUpdated } from './on-edit';
import { panelGetSettingsImpl, panelLocaleImpl, panelRunImpl, panelSaveSettingsImpl, panelSelectImpl } from './panel-server';

declare const global: Record<string, unknown>;

/**
 * Scores key results from 0 to 1: (current - start) / (target - start) for increasing and decreasing KRs, 1 or 0 for stay-above, stay-below and done/not-done KRs. Ranges give one score per row.
 *
 * @param {any} current Current value: a number, percentage (50%), 1,200, ¥3.5万, or a done word (done, 完成, TRUE).
 * @param {any} target Target value.
 * @param {any} [start] Start value (baseline). Default 0.
 * @param {any} [kind] auto (default), increase, decrease, above, below or binary.
 * @return Score from 0 to 1 (blank when the row is blank).
 * @customfunction
 */
global.OKRSCORE = okrScore;

/**
 * Weighted mean of scores. Blank scores are skipped with their weights; weights may be fractions or percentages; weight 0 leaves a score out.
 *
 * @param {any} scores Scores from 0 to 1.
 * @param {any} [weights] One weight per score (e.g. 40%, 0.4 or 40). Default: equal weights.
 * @return Weighted mean (blank when every score is blank).
 * @customfunction
 */
global.ROLLUP = rollupFn;

/**
 * Reads a score as a status: committed KRs are expected to reach 1.0, aspirational ones about 0.7 (1.0 means the goal may be too low); below red means rethink.
 *
 * @param {any} score Score from 0 to 1.
 * @param {any} [type] committed or aspirational (承诺型 / 挑战型). Default: plain bands.
 * @param {any} [red] Below this is red. Default 0.4.
 * @param {any} [yellow] Below this is yellow. Default 0.7.
 * @param {any} [lang] Label language: en or zh. Default en.
 * @param {any} [expected] Progress expected today (the Pace cell, 0-1). Below 1: Not started, On track, Behind or At risk. Default: the bands.
 * @param {any} [atRiskPoints] Points behind expected before "At risk". Default 25.
 * @return Status label.
 * @customfunction
 */
global.OKRSTATUS = okrStatus;

/**
 * Compares a score with the progress expected by today (growing linearly from cycle start to due date): On track, Behind, At risk, Done, Not started or Overdue.
 *
 * @param {any} score Score or progress from 0 to 1.
 * @param {any} cycleStart Date the cycle starts.
 * @param {any} due Due date.
 * @param {any} [today] Today's date. Default: today (pass TODAY() to recalculate daily).
 * @param {any} [atRiskPoints] Points behind expected before "At risk". Default 25.
 * @param {any} [lang] Label language: en or zh. Default en.
 * @return Pace label.
 * @customfunction
 */
global.OKRPACE = okrPace;

/** Builds the OKR menu when the spreadsheet opens. */
global.onOpen = (_e?: GoogleAppsScript.Events.SheetsOnOpen) => buildMenu();

/** Builds the OKR menu right after the add-on is installed. */
global.onInstall = (_e?: GoogleAppsScript.Events.AddonOnInstall) => buildMenu();

/** Stamps the Updated cell of a KR whose current value was edited by hand, and records the edit in the check-in log. */
global.onEdit = (e: GoogleAppsScript.Events.SheetsOnEdit) => stampUpdated(e);

/** OKR > Convert sheet to OKR grid. */
global.menuConvert = menuConvert;

/** OKR > Validate (also a macro). */
global.menuValidate = menuValidate;

/** OKR > Clear highlights. */
global.menuClear = menuClear;

/** OKR > Score quarter (also a macro). */
global.menuScore = menuScore;

/** OKR > Check in (also a macro): today's values into the check-in log, and the dashboard. */
global.menuCheckin = menuCheckin;

/** OKR > Start next quarter. */
global.menuRollForward = menuRollForward;

/** OKR > Open panel. */
global.openPanel = showPanel;

/** OKR > Settings: the settings are part of the panel. */
global.openSettings = showPanel;

/** Sidebar: runs a command and returns { ok, summary: { en, zh }, details }. */
global.panelRun = panelRunImpl;

/** Sidebar: selects a finding's cell. */
global.panelSelect = panelSelectImpl;

/** Sidebar: the stored settings; followLocale is true when no language is stored (it follows the spreadsheet locale). */
global.panelGetSettings = panelGetSettingsImpl;

/** Sidebar: saves settings (object or JSON text), without the language when followLocale is true; returns the settings now in force. */
global.panelSaveSettings = panelSaveSettingsImpl;

/** Sidebar: the spreadsheet's locale, e.g. 'zh-CN'. */
global.panelLocale = panelLocaleImpl;
