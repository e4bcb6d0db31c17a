/**
 * Excel custom functions (namespace OKR, see manifest.xml). Each is a one-line call into core/functions.ts; the JSDoc
 * is what custom-functions-metadata-plugin turns into dist/excel/functions.json (and it appends the
 * CustomFunctions.associate calls), so these stay `function` declarations. Ranges arrive as matrices, an omitted
 * optional argument as null; results spill, and a bad row becomes a CustomFunctions.Error in its own cell.
 */
import { EXCEL_ERROR_CODE, fnOkrPace, fnOkrScore, fnOkrStatus, fnRollup, isCellError, type CellOut, type FunctionContext } from '../../core/functions';
import { langFromLocale } from '../../core/i18n';
import { localIsoDate } from '../../core/values';

/**
 * Scores key results from 0 to 1: (current - start) / (target - start) for increasing and decreasing KRs, 1 or 0 for stay-above, stay-below and done/not-done KRs. Ranges give one score per row.
 * @customfunction OKRSCORE
 * @param current Current value: a number, percentage (50%), 1,200, ¥3.5万, or a done word (done, 完成, TRUE).
 * @param target Target value.
 * @param [start] Start value (baseline). Default 0.
 * @param [kind] auto (default), increase, decrease, above, below or binary.
 * @returns Score from 0 to 1 (blank when the row is blank).
 */
function OKRSCORE(current: any[][], target: any[][], start?: any[][], kind?: any[][]): any[][] {
  return toExcel(fnOkrScore(current, target, start, kind));
}

/**
 * Weighted mean of scores. Blank scores are skipped with their weights; weights may be fractions or percentages; weight 0 leaves a score out.
 * @customfunction ROLLUP
 * @param scores Scores from 0 to 1.
 * @param [weights] One weight per score (e.g. 40%, 0.4 or 40). Default: equal weights.
 * @returns Weighted mean (blank when every score is blank).
 */
function ROLLUP(scores: any[][], weights?: any[][]): any {
  return toExcelCell(fnRollup(scores, weights));
}

/**
 * Reads a score as a status: committed KRs are expected to reach 1.0, aspirational ones about 0.7 (1.0 means the goal may be too low); below red means rethink.
 * @customfunction OKRSTATUS
 * @param score Score from 0 to 1.
 * @param [type] committed or aspirational (承诺型 / 挑战型). Default: plain bands.
 * @param [red] Below this is red. Default 0.4.
 * @param [yellow] Below this is yellow. Default 0.7.
 * @param [lang] Label language: en or zh. Default: Excel's display language.
 * @param [expected] Progress expected today (the Pace cell, 0-1). Below 1: Not started, On track, Behind or At risk. Default: the bands.
 * @param [atRiskPoints] Points behind expected before "At risk". Default 25.
 * @returns Status label.
 */
function OKRSTATUS(score: any[][], type?: any[][], red?: any[][], yellow?: any[][], lang?: any[][], expected?: any[][], atRiskPoints?: any[][]): any[][] {
  return toExcel(fnOkrStatus(score, type, red, yellow, lang, expected, atRiskPoints, hostContext()));
}

/**
 * Compares a score with the progress expected by today (growing linearly from cycle start to due date): On track, Behind, At risk, Done, Not started or Overdue.
 * @customfunction OKRPACE
 * @param score Score or progress from 0 to 1.
 * @param cycleStart Date the cycle starts.
 * @param due Due date.
 * @param [today] Today's date. Default: today (pass TODAY() to recalculate daily).
 * @param [atRiskPoints] Points behind expected before "At risk". Default 25.
 * @param [lang] Label language: en or zh. Default: Excel's display language.
 * @returns Pace label.
 */
function OKRPACE(score: any[][], cycleStart: any[][], due: any[][], today?: any[][], atRiskPoints?: any[][], lang?: any[][]): any[][] {
  return toExcel(fnOkrPace(score, cycleStart, due, today, atRiskPoints, lang, hostContext()));
}

/** Excel shows a message only on #VALUE! and #N/A; the other codes are kept without one. */
function toExcelCell(v: CellOut): any {
  if (!isCellError(v)) return v;
  const code = EXCEL_ERROR_CODE[v.error];
  const lang = hostContext().lang;
  const text = lang === 'zh' ? v.zh || v.message : v.message;
  return code === 'invalidValue' || code === 'notAvailable'
    ? new CustomFunctions.Error(CustomFunctions.ErrorCode[code], text)
    : new CustomFunctions.Error(CustomFunctions.ErrorCode[code]);
}

function toExcel(m: CellOut[][]): any[][] {
  return m.map((row) => row.map(toExcelCell));
}

function hostContext(): FunctionContext {
  const office = (globalThis as { Office?: { context?: { displayLanguage?: string } } }).Office;
  return { lang: langFromLocale(office?.context?.displayLanguage), today: localIsoDate() };
}
