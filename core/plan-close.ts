/**
 * Score (the one-click quarter close) and roll forward, as plans. The numbers come from close.ts; this file only
 * decides where they go: a 'Scorecard <cycle>' sheet the add-in owns (rewritten whole), and an 'OKR History' sheet
 * that only ever grows (new rows appended as one block; superseded rows marked in the one 'Superseded' column).
 */
import type { CellBlock, PlanCell, SheetPlan, SheetSnapshot, WorkbookPlan } from './sheet-plan';
import { a1, boundingRect, emptySheetPlan } from './sheet-plan';
import type { OkrModel } from './model';
import { msg, type Lang, type Msg } from './i18n';
import {
  closeCycle,
  historyFormats,
  historyHeader,
  historyToRows,
  rollForward,
  rowsFromHistory,
  GRID_FIELDS,
  HISTORY_FIELDS,
  HISTORY_SUPERSEDED_COL,
  type CloseResult,
} from './close';
import { FILLS, ownedSheetName, planConvert, planNewGrid, safeSheetName, type PlanContext } from './plan-convert';
import { overFormulas, plural, readWithoutFormulas, isEmptyValue, planCellAt, usedExtent } from './plan-grid';
import { isCheckinSheet } from './checkins';
import { isDashboardSheet } from './dashboard';
import { MARKS_SHEET } from './plan-validate';

/** The history sheet, named in the workbook's language (an existing one in either language is kept). */
export const HISTORY_SHEET: Record<Lang, string> = { en: 'OKR History', zh: 'OKR 历史' };
const SCORECARD_PREFIX: Record<Lang, string> = { en: 'Scorecard ', zh: '计分卡 ' };

export function historySheetName(sheetNames: readonly string[], lang: Lang): string {
  return ownedSheetName(HISTORY_SHEET, sheetNames, lang);
}

/** The scorecard of a cycle: an existing one in either language, else 'Scorecard 2026-Q4' / '计分卡 2026-Q4'. */
export function scorecardSheetName(cycle: string, sheetNames: readonly string[], lang: Lang): string {
  return ownedSheetName(scorecardNames(cycle), sheetNames, lang);
}

/** Both languages' names of a cycle's scorecard (a command reads whichever exists). */
export function scorecardNames(cycle: string): Record<Lang, string> {
  return {
    en: safeSheetName(SCORECARD_PREFIX.en + cycle, ''),
    zh: safeSheetName(SCORECARD_PREFIX.zh + cycle, ''),
  };
}

const isHistorySheet = (name: string) => name === HISTORY_SHEET.en || name === HISTORY_SHEET.zh;

export interface ScoreDetails {
  cycle: string;
  objectives: number;
  krs: number;
  averageScore: number | null;
  /** KRs that cannot be scored (an unreadable value): the average is over the others. */
  unscored: number;
  bands: { red: number; yellow: number; green: number };
}

export function detailsOf(close: CloseResult): ScoreDetails {
  return {
    cycle: close.cycle,
    objectives: close.total.objectives,
    krs: close.total.krs,
    averageScore: close.total.average,
    unscored: close.total.unscored,
    bands: { ...close.total.bands },
  };
}

const fmt2 = (n: number | null) => (n === null ? '-' : n.toFixed(2));

/** The average and, when some KRs cannot be scored, over how many it is taken (blank scores are not zeros). */
function averageText(d: ScoreDetails): Msg {
  const avg = fmt2(d.averageScore);
  if (!d.unscored) return msg(`average score ${avg}`, `平均得分 ${avg}`);
  const scored = d.krs - d.unscored;
  return msg(
    `average score ${avg} over the ${plural(scored, 'key result')} scored (${d.unscored} could not be scored)`,
    `平均得分 ${avg}（按已评分的 ${scored} 个关键结果计；${d.unscored} 个无法评分）`,
  );
}

export function scoreSummaryText(d: ScoreDetails): Msg {
  const avg = averageText(d);
  return msg(
    `${d.cycle}: ${plural(d.objectives, 'objective')}, ${plural(d.krs, 'key result')}, ${avg.en} (red ${d.bands.red}, yellow ${d.bands.yellow}, green ${d.bands.green}).`,
    `${d.cycle}：${d.objectives} 个目标，${d.krs} 个关键结果，${avg.zh}（红 ${d.bands.red}，黄 ${d.bands.yellow}，绿 ${d.bands.green}）。`,
  );
}

/** Header of the cell that names the OKR sheet a scorecard (and each history row) was made from. */
export const SOURCE_HEADER = msg('OKR sheet', 'OKR 工作表');

const isSourceHeader = (v: unknown) => typeof v === 'string' && [SOURCE_HEADER.en, SOURCE_HEADER.zh].includes(v.trim());

/** Sheets the add-in writes for itself; a command run on one of them works on the OKR sheet it came from. */
export function isGeneratedSheet(name: string): boolean {
  return (
    isHistorySheet(name) ||
    name === MARKS_SHEET ||
    name.startsWith(SCORECARD_PREFIX.en) ||
    name.startsWith(SCORECARD_PREFIX.zh) ||
    isCheckinSheet(name) ||
    isDashboardSheet(name)
  );
}

/**
 * The OKR sheet a sheet the add-in wrote came from, when it still exists: a scorecard names it beside its header
 * (SOURCE_HEADER, the name below it); the history in its 'OKR sheet' column (the last row naming an existing sheet).
 */
export function sourceSheetOf(snap: SheetSnapshot, sheetNames: string[]): string | null {
  const exists = (v: unknown): string | null =>
    typeof v === 'string' && v.trim() && sheetNames.includes(v.trim()) && v.trim() !== snap.name ? v.trim() : null;
  const values = snap.values;
  for (let r = 0; r < Math.min(values.length, 5); r++) {
    const line = values[r] ?? [];
    for (let c = 0; c < line.length; c++) {
      if (!isSourceHeader(line[c])) continue;
      if (isHistorySheet(snap.name) || isCheckinSheet(snap.name)) {
        for (let k = values.length - 1; k > r; k--) {
          const name = exists(values[k]?.[c]);
          if (name) return name;
        }
        return null;
      }
      return exists(values[r + 1]?.[c]);
    }
  }
  return null;
}

/**
 * The scorecard sheet. A new one is written whole; over an existing one (read before, see readAgain) the plan writes
 * one block that holds the new table and blanks every other cell the old one used, so nothing is cleared that a
 * failure could not put back (the old cells come back from the snapshot, formats and styles from the host's journal).
 */
function scorecardPlan(
  close: CloseResult,
  after: string,
  lang: Lang,
  name: string,
  existing?: SheetSnapshot,
): SheetPlan {
  const plan: SheetPlan = { ...emptySheetPlan(name), create: { after } };
  const rows = close.scorecard as PlanCell[][];
  const width = rows[0]?.length ?? 0;
  // Which OKR sheet this scorecard scores, one column right of the table (commands run here work on that sheet).
  const sourceCol = width + 1;
  const old = existing ? usedExtent(existing) : { lastRow: -1, lastCol: -1 };
  const height = Math.max(rows.length, 2, old.lastRow + 1);
  const across = Math.max(sourceCol + 1, old.lastCol + 1);
  const cells: PlanCell[][] = [];
  for (let r = 0; r < height; r++) {
    const line: PlanCell[] = new Array(across).fill(null);
    const src = rows[r];
    if (src) for (let c = 0; c < src.length; c++) line[c] = src[c];
    cells.push(line);
  }
  cells[0][sourceCol] = SOURCE_HEADER[lang];
  cells[1][sourceCol] = after;
  plan.writes.push({ row: 0, col: 0, cells });
  if (rows.length > 1) {
    // Average score and With aligned (columns 7 and 8 of the scorecard) as scores.
    plan.numberFormats.push({
      row: 1,
      col: 6,
      formats: Array.from({ length: rows.length - 1 }, () => ['0.00', '0.00']),
    });
  }
  // The look is set when the scorecard is new; an existing one keeps it (and what the user made of it), at no cost.
  if (!existing) {
    plan.header = {
      range: { row: 0, col: 0, rows: 1, cols: width },
      bold: true,
      fill: FILLS.header,
      fontColor: FILLS.headerFont,
    };
    plan.freezeRows = 1;
    plan.columnWidths = [{ col: 1, width: 260 }];
  }
  return plan;
}

/** Column of the Superseded flag in an existing history sheet (its header in either language, else the default). */
function supersededCol(hist: SheetSnapshot, headerRow: number): number {
  if (headerRow >= 0) {
    const want = new Set(
      [historyHeader('en'), historyHeader('zh')].map((h) => h[HISTORY_SUPERSEDED_COL].trim().toLowerCase()),
    );
    const line = hist.values[headerRow] ?? [];
    for (let c = 0; c < line.length; c++) {
      const v = line[c];
      if (typeof v === 'string' && want.has(v.trim().toLowerCase())) return hist.origin.col + c;
    }
  }
  return hist.origin.col + HISTORY_SUPERSEDED_COL;
}

function historyPlan(
  close: CloseResult,
  name: string,
  hist: SheetSnapshot | undefined,
  headerRowRel: number,
  rowIndex: number[],
  ctx: PlanContext,
  after: string,
): SheetPlan | null {
  const { append, supersede } = close.history;
  const lang = ctx.settings.lang;
  const fresh = historyToRows(append, lang) as PlanCell[][];
  const formats = historyFormats();
  if (!hist) {
    const plan: SheetPlan = { ...emptySheetPlan(name), create: { after } };
    const header = historyHeader(lang);
    plan.writes.push({ row: 0, col: 0, cells: [header, ...fresh] });
    if (fresh.length) plan.numberFormats.push({ row: 1, col: 0, formats: fresh.map(() => formats.slice()) });
    plan.header = {
      range: { row: 0, col: 0, rows: 1, cols: header.length },
      bold: true,
      fill: FILLS.header,
      fontColor: FILLS.headerFont,
    };
    plan.freezeRows = 1;
    return plan;
  }
  if (!fresh.length && !supersede.length) return null;
  const plan = emptySheetPlan(name);
  // A history written before rows named their OKR sheet: its header gets that column's name too.
  const headerLine = headerRowRel >= 0 ? (hist.values[headerRowRel] ?? []) : null;
  const sheetCol = HISTORY_FIELDS.indexOf('sheet');
  if (fresh.length && headerLine && !headerLine.some(isSourceHeader) && isEmptyValue(headerLine[sheetCol])) {
    plan.writes.push({
      row: hist.origin.row + headerRowRel,
      col: hist.origin.col + sheetCol,
      cells: [[historyHeader(lang)[sheetCol]]],
    });
  }
  if (supersede.length) {
    const col = supersededCol(hist, headerRowRel);
    const rows = supersede.map((i) => hist.origin.row + rowIndex[i]);
    const span = boundingRect(rows.map((row) => ({ row, col })));
    const top = span.row;
    const bottom = span.row + span.rows - 1;
    const marked = new Set(rows);
    const cells: PlanCell[][] = [];
    for (let r = top; r <= bottom; r++) cells.push([marked.has(r) ? true : planCellAt(hist, r, col)]);
    plan.writes.push({ row: top, col, cells });
  }
  if (fresh.length) {
    const { lastRow } = usedExtent(hist);
    const row = Math.max(lastRow + 1, hist.origin.row + Math.max(headerRowRel + 1, 0));
    const block: CellBlock = { row, col: hist.origin.col, cells: fresh };
    plan.writes.push(block);
    plan.numberFormats.push({ row, col: hist.origin.col, formats: fresh.map(() => formats.slice()) });
  }
  return plan;
}

export interface ScoreOutcome {
  plan: WorkbookPlan;
  close: CloseResult;
  details: ScoreDetails;
  summary: Msg;
  /** True when the cycle asked for is not in the sheet: nothing is written, the summary names the cycles it holds. */
  absent?: boolean;
  /** The sheet's formulas were not read and the convert step has work to do: read them and score again. */
  needsFormulas?: boolean;
}

/** 'This sheet holds no OKRs of 2026-Q1; it holds 2025-Q3, 2025-Q4': closing it would write an empty scorecard. */
function absentCycleText(cycle: string, model: OkrModel): Msg {
  const held = model.reading?.cycles ?? [];
  const list = held.slice(0, 8).join(', ') + (held.length > 8 ? ', …' : '');
  return held.length
    ? msg(
        `This sheet holds no OKRs of ${cycle}; it holds ${list}. Choose one of those cycles: nothing was written.`,
        `此工作表没有 ${cycle} 的 OKR；它包含的周期是 ${list}。请选择其中一个周期：未写入任何内容。`,
      )
    : msg(
        `This sheet holds no OKRs of ${cycle}, and names no cycle: set the cycle in the settings. Nothing was written.`,
        `此工作表没有 ${cycle} 的 OKR，也未注明周期：请在设置中选择周期。未写入任何内容。`,
      );
}

/**
 * What Score says: the counts, the scorecard sheet and the history rows, and the cells whose values could not be read
 * (a value the reader could not understand, 'about half': its KR is not scored, an error in the sheet, a blank on the
 * scorecard, and neither is its objective).
 */
function scoreSummary(close: CloseResult, details: ScoreDetails, scorecardSheet: string, model: OkrModel): Msg {
  const added = close.history.append.length;
  const base = scoreSummaryText(details);
  const unreadable = model.problems.filter((p) => p.field === 'current' || p.field === 'target' || p.field === 'start');
  const cells =
    unreadable
      .slice(0, 5)
      .map((p) => a1(p.cell.row, p.cell.col))
      .join(', ') + (unreadable.length > 5 ? ', …' : '');
  return msg(
    `Scored ${base.en} Scorecard on "${scorecardSheet}"; ${plural(added, 'new history row')}${close.history.supersede.length ? `, ${close.history.supersede.length} superseded` : ''}.` +
      (unreadable.length
        ? ` ${plural(unreadable.length, 'value')} could not be read (${cells}): ${unreadable.length === 1 ? 'its key result is' : 'their key results are'} not scored, nor their objectives; run Validate to see why.`
        : ''),
    `已评分 ${base.zh} 记分卡见“${scorecardSheet}”；历史新增 ${added} 行${close.history.supersede.length ? `，${close.history.supersede.length} 行被取代` : ''}。` +
      (unreadable.length
        ? `有 ${unreadable.length} 个值无法识别（${cells}）：相关关键结果及其目标未评分；运行“检查”查看原因。`
        : ''),
  );
}

/**
 * Score's grid sheets: the convert plan (a no-op on a converted sheet), or 'unknown' when the grid was read without its
 * formulas (a converted 10,000-row grid's formulas pass Excel on the web's payload limit) and convert would keep some:
 * it is read again with them. A grid that holds what convert would write is left alone.
 */
function gridSheets(
  active: SheetSnapshot,
  sheetNames: string[],
  model: OkrModel,
  ctx: PlanContext,
): SheetPlan[] | 'unknown' {
  const convert = planConvert(active, sheetNames, ctx, model);
  const sheets: SheetPlan[] = convert.ok ? [...convert.plan.sheets] : [];
  const own = readWithoutFormulas(active) ? sheets.find((s) => s.sheet === active.name) : undefined;
  if (!own) return sheets;
  const held = overFormulas(own, active);
  if (held === 'unknown') return 'unknown';
  return held === 'same' ? sheets.filter((s) => s !== own) : sheets;
}

/** The quarter close: the convert plan (a no-op on a converted sheet), the scorecard and the history rows. */
export function planScore(
  active: SheetSnapshot,
  sheetNames: string[],
  others: Record<string, SheetSnapshot>,
  model: OkrModel,
  ctx: PlanContext,
): ScoreOutcome {
  const lang = ctx.settings.lang;
  const historyName = historySheetName(sheetNames, lang);
  const hist = sheetNames.includes(historyName) ? others[historyName] : undefined;
  const parsed = hist ? rowsFromHistory(hist.values) : { rows: [], rowIndex: [], headerRow: -1 };
  const close = closeCycle(model, { settings: ctx.settings, today: ctx.today, history: parsed.rows });
  if (close.total.objectives === 0 && model.objectives.length > 0) {
    return {
      plan: { sheets: [] },
      close,
      details: detailsOf(close),
      summary: absentCycleText(close.cycle, model),
      absent: true,
    };
  }
  const sheets = gridSheets(active, sheetNames, model, ctx);
  if (sheets === 'unknown') {
    const summary = msg('Reading…', '正在读取…');
    return { plan: { sheets: [] }, close, details: detailsOf(close), summary, needsFormulas: true };
  }
  const scorecardName = scorecardSheetName(close.cycle, sheetNames, lang);
  const scorecard = scorecardPlan(
    close,
    active.name,
    lang,
    scorecardName,
    sheetNames.includes(scorecardName) ? others[scorecardName] : undefined,
  );
  sheets.push(scorecard);
  const history = historyPlan(close, historyName, hist, parsed.headerRow, parsed.rowIndex, ctx, scorecard.sheet);
  if (history) sheets.push(history);
  const details = detailsOf(close);
  const summary = scoreSummary(close, details, scorecard.sheet, model);
  return {
    plan: { sheets, activate: scorecard.sheet, select: { sheet: scorecard.sheet, row: 0, col: 0 } },
    close,
    details,
    summary,
  };
}

export interface RollForwardOutcome {
  ok: boolean;
  plan: WorkbookPlan;
  summary: Msg;
}

/** Unfinished OKRs into a new converted grid sheet 'OKR <next cycle>'; never over an existing sheet. */
export function planRollForward(
  active: SheetSnapshot,
  sheetNames: string[],
  model: OkrModel,
  ctx: PlanContext,
): RollForwardOutcome {
  const rf = rollForward(model, { settings: ctx.settings, today: ctx.today });
  const name = safeSheetName(rf.sheetName, '');
  if (sheetNames.some((n) => n.trim().toLowerCase() === name.trim().toLowerCase())) {
    return {
      ok: false,
      plan: { sheets: [] },
      summary: msg(
        `Sheet "${name}" already exists, so nothing was created. Rename or delete it to roll ${rf.from} forward again.`,
        `工作表“${name}”已存在，未创建任何内容。如需再次结转 ${rf.from}，请先重命名或删除它。`,
      ),
    };
  }
  if (rf.krs === 0) {
    return {
      ok: true,
      plan: { sheets: [] },
      summary: msg(
        `Every key result of ${rf.from} is done: nothing to roll forward.`,
        `${rf.from} 的关键结果均已完成：无需结转。`,
      ),
    };
  }
  // The owned 'Updated' column is added by the grid itself; C's blank 'updated' column would duplicate it.
  const drop = GRID_FIELDS.indexOf('updated');
  const rows = (rf.rows as PlanCell[][]).map((r) => r.filter((_, i) => i !== drop));
  const dueCol = GRID_FIELDS.filter((f) => f !== 'updated').indexOf('due');
  const grid = planNewGrid(name, rows, [dueCol], ctx, active.name);
  return {
    ok: true,
    plan: { sheets: [grid.sheet], activate: name, select: { sheet: name, row: 0, col: 0 } },
    summary: msg(
      `Created "${name}": ${plural(rf.objectives, 'objective')} and ${plural(rf.krs, 'unfinished key result')} carried from ${rf.from} (start = last current value).`,
      `已创建“${name}”：从 ${rf.from} 结转 ${rf.objectives} 个目标、${rf.krs} 个未完成的关键结果（起始值 = 上期当前值）。`,
    ),
  };
}
