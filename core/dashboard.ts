/**
 * The dashboard: a sheet the add-in owns ('OKR Dashboard', zh 'OKR 仪表板') with ordinary cells and native charts
 * reading them: objective scores as bars coloured by band, key results per pace status, and progress over the
 * check-ins against the expected pace. Also the panel's progress view, from the same numbers.
 *
 * Layout (0-based): title in row 0, a line of counts in row 1, the charts over rows 2-17, and from DATA_ROW the tables
 * side by side, each with a header row: objectives (A-E), status counts (G-H), progress by check-in date (J-R),
 * key results (T-Y, with a SPARKLINE trend in Sheets). Positions are fixed so the charts of an earlier dashboard can
 * be rebuilt from its cells (restorePlan).
 */
import type { ChartSpec, PlanCell, SheetPlan, SheetSnapshot } from './sheet-plan';
import { emptySheetPlan, OWNED_CHART_PREFIX } from './sheet-plan';
import type { Cycle, OkrModel } from './model';
import { msg, type Lang, type Msg } from './i18n';
import type { Settings } from './settings';
import type { CloseResult } from './close';
import { deadlineOf } from './close';
import { band as bandOf, pace, PACE_LABELS, rollup, type Band, type PaceCode } from './score';
import { parseCycle } from './cycle';
import { FILLS, ownedSheetName } from './plan-convert';
import { historyByKr, LOG_COL, type CheckinRow } from './checkins';
import { isoToSerial, serialToIso } from './values';
import { SOURCE_HEADER } from './plan-close';
import { a1, colLetter } from './sheet-plan';
import type { HostKind } from './sheet-plan';

export const DASHBOARD_SHEET: Record<Lang, string> = { en: 'OKR Dashboard', zh: 'OKR 仪表板' };

export const DATA_ROW = 18;
export const SECTION_COL = { objectives: 0, status: 6, progress: 9, krs: 19 } as const;
/** Objectives drawn as their own line in the progress chart (all of them are in the table; the average covers all). */
export const MAX_PROGRESS_LINES = 6;

export const BAND_COLORS: Record<Band, string> = { red: '#d93025', yellow: '#f9ab00', green: '#188038' };
const STATUS_ORDER: PaceCode[] = ['on-track', 'behind', 'at-risk', 'not-started', 'done', 'overdue'];
const LINE_COLORS = ['#1a73e8', '#e8710a', '#9334e6', '#12b5cb', '#e52592', '#7cb342'];
const EXPECTED_COLOR = '#9aa0a6';
const AVERAGE_COLOR = '#202124';

const T = {
  title: msg('OKR Dashboard', 'OKR 仪表板'),
  objective: msg('Objective', '目标'),
  score: msg('Score', '得分'),
  red: msg('Red', '红'),
  yellow: msg('Yellow', '黄'),
  green: msg('Green', '绿'),
  status: msg('Status', '状态'),
  krs: msg('Key results', '关键结果数'),
  date: msg('Check-in', '记录日期'),
  expected: msg('Expected pace', '预期进度'),
  average: msg('All objectives', '全部目标'),
  krId: msg('KR ID', '关键结果编号'),
  kr: msg('Key result', '关键结果'),
  pace: msg('Pace', '进度'),
  trend: msg('Trend', '趋势'),
  chartScores: msg('Objective scores', '目标得分'),
  chartStatus: msg('Key results by pace', '关键结果进度状态'),
  chartProgress: msg('Progress against the expected pace', '进度与预期对比'),
};

export const CHART_NAMES = {
  scores: `${OWNED_CHART_PREFIX}objective scores`,
  status: `${OWNED_CHART_PREFIX}key results by pace`,
  progress: `${OWNED_CHART_PREFIX}progress`,
};

export function dashboardSheetName(sheetNames: readonly string[], lang: Lang): string {
  return ownedSheetName(DASHBOARD_SHEET, sheetNames, lang);
}

// ---------------------------------------------------------------------------------------------------------------
// Numbers

export interface ProgressKr {
  id: string;
  objectiveId: string;
  objective: string;
  title: string;
  score: number | null;
  pace: PaceCode | null;
  /** Check-ins of the cycle, oldest first: date serial and score. */
  points: { date: number; score: number | null }[];
  /** Serial of the KR's deadline (the pace line reaches 1 there). */
  due: number;
}

export interface ProgressObjective {
  id: string;
  title: string;
  score: number | null;
  band: Band | null;
}

export interface DashboardData {
  cycle: string;
  /** Serials of the cycle's first and last day, and of today. */
  start: number;
  end: number;
  today: number;
  /** Expected progress today for a KR due at the cycle's end (score.ts' pace). */
  expectedToday: number;
  objectives: ProgressObjective[];
  status: { code: PaceCode; count: number }[];
  dates: number[];
  expected: number[];
  /** Progress of all objectives (mean of their rollups) and of each objective, per check-in date. */
  average: (number | null)[];
  byObjective: (number | null)[][];
  krs: ProgressKr[];
}

function cycleOfClose(close: CloseResult, today: string): Cycle {
  return parseCycle(close.cycle, { today }) ?? { id: close.cycle, kind: 'quarter', start: today, end: today };
}

const mean = (xs: (number | null)[]) => {
  const r = rollup(xs);
  return r.ok ? r.value : null;
};

/** Each KR today: its pace code and its check-ins of the cycle (the objective's title is filled in by the caller). */
function progressKrs(
  model: OkrModel,
  close: CloseResult,
  byKr: ReturnType<typeof historyByKr>,
  cycle: Cycle,
  settings: Settings,
  today: string,
): ProgressKr[] {
  const krModel = new Map(model.objectives.flatMap((o) => o.krs.map((k) => [k.id, k] as const)));
  const end = isoToSerial(cycle.end) ?? isoToSerial(cycle.start) ?? 0;
  const titles = new Map(close.objectives.map((o) => [o.id, o.title]));
  return close.krs.map((k) => {
    const m = krModel.get(k.id);
    const dueIso = (m && deadlineOf(m, cycle)) || cycle.end;
    const atRiskPoints = settings.limits.atRiskPoints;
    const p = pace({ progress: k.score, cycleStart: cycle.start, due: dueIso, today, atRiskPoints });
    return {
      id: k.id,
      objectiveId: k.objectiveId,
      objective: titles.get(k.objectiveId) ?? '',
      title: k.title,
      score: k.score,
      pace: p.ok ? p.code : null,
      points: (byKr.get(k.id) ?? []).map((r) => ({ date: r.date, score: r.score })),
      due: isoToSerial(dueIso) ?? end,
    };
  });
}

/** How many KRs have each pace code, in STATUS_ORDER. */
function paceCounts(krs: ProgressKr[]): { code: PaceCode; count: number }[] {
  const counts = new Map<PaceCode, number>(STATUS_ORDER.map((c) => [c, 0]));
  for (const k of krs) if (k.pace) counts.set(k.pace, (counts.get(k.pace) ?? 0) + 1);
  return STATUS_ORDER.map((code) => ({ code, count: counts.get(code) ?? 0 }));
}

/** Each KR's score on each date: the last check-in on or before it. */
function scoresOnDates(krs: ProgressKr[], dates: number[]): (number | null)[][] {
  return krs.map((k) => {
    const out: (number | null)[] = [];
    let i = 0;
    let last: number | null = null;
    for (const d of dates) {
      while (i < k.points.length && k.points[i].date <= d) last = k.points[i++].score;
      out.push(last);
    }
    return out;
  });
}

/** Each objective's rollup on each date, from its KRs' scores on that date. */
function objectivesOnDates(close: CloseResult, krs: ProgressKr[], dates: number[]): (number | null)[][] {
  const at = scoresOnDates(krs, dates);
  const krIndex = new Map(krs.map((k, i) => [k.id, i]));
  // KRs grouped by objective once (a filter per objective is quadratic: 40 s at 50,000 rows).
  const membersOf = new Map<string, typeof close.krs>();
  for (const k of close.krs) {
    const list = membersOf.get(k.objectiveId);
    if (list) list.push(k);
    else membersOf.set(k.objectiveId, [k]);
  }
  return close.objectives.map((o) => {
    const members = membersOf.get(o.id) ?? [];
    return dates.map((_, d) => {
      const r = rollup(
        members.map((k) => at[krIndex.get(k.id)!][d]),
        members.map((k) => k.weight),
      );
      return r.ok ? r.value : null;
    });
  });
}

/** Expected progress on `iso` for a KR due at the cycle's end (0 when the pace cannot say). */
function expectedOn(cycle: Cycle, iso: string): number {
  const p = pace({ progress: null, cycleStart: cycle.start, due: cycle.end, today: iso });
  return p.ok ? p.expected : 0;
}

/** The dashboard's numbers from the close (today's scores) and the log (the check-ins of the close's cycle). */
export function dashboardData(
  model: OkrModel,
  close: CloseResult,
  log: readonly CheckinRow[],
  settings: Settings,
  today: string,
): DashboardData {
  const cycle = cycleOfClose(close, today);
  const start = isoToSerial(cycle.start) ?? 0;
  const end = isoToSerial(cycle.end) ?? start;
  const byKr = historyByKr(log, close.cycle);
  const dateSet = new Set<number>();
  for (const list of byKr.values()) for (const r of list) dateSet.add(r.date);
  const dates = [...dateSet].sort((a, b) => a - b);
  const krs = progressKrs(model, close, byKr, cycle, settings, today);
  const byObjective = objectivesOnDates(close, krs, dates);
  return {
    cycle: close.cycle,
    start,
    end,
    today: isoToSerial(today) ?? end,
    expectedToday: expectedOn(cycle, today),
    objectives: close.objectives.map((o) => ({
      id: o.id,
      title: o.title,
      score: o.score,
      band: o.score === null ? null : bandOf(o.score, settings.bands),
    })),
    status: paceCounts(krs),
    dates,
    expected: dates.map((d) => expectedOn(cycle, serialToIso(d) ?? today)),
    average: dates.map((_, d) => mean(byObjective.map((o) => o[d]))),
    byObjective,
    krs,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Charts

export interface DashboardLayout {
  objectives: number;
  dates: number;
  /** Objective lines in the progress chart (0..MAX_PROGRESS_LINES). */
  lines: number;
}

/** The three charts over a dashboard of this shape (the same function rebuilds an earlier dashboard's charts). */
export function dashboardCharts(l: DashboardLayout, lang: Lang): ChartSpec[] {
  const rows = (n: number) => Math.max(n, 1) + 1;
  return [
    {
      name: CHART_NAMES.scores,
      type: 'barStacked',
      title: T.chartScores[lang],
      source: { row: DATA_ROW, col: SECTION_COL.objectives, rows: rows(l.objectives), cols: 4 },
      colors: [BAND_COLORS.red, BAND_COLORS.yellow, BAND_COLORS.green],
      anchor: { row: 2, col: SECTION_COL.objectives, width: 480, height: 320 },
      max: 1,
    },
    {
      name: CHART_NAMES.status,
      type: 'column',
      title: T.chartStatus[lang],
      source: { row: DATA_ROW, col: SECTION_COL.status, rows: STATUS_ORDER.length + 1, cols: 2 },
      colors: ['#1a73e8'],
      anchor: { row: 2, col: SECTION_COL.status, width: 250, height: 320 },
    },
    {
      name: CHART_NAMES.progress,
      type: 'line',
      title: T.chartProgress[lang],
      source: { row: DATA_ROW, col: SECTION_COL.progress, rows: rows(l.dates), cols: 3 + l.lines },
      colors: [EXPECTED_COLOR, AVERAGE_COLOR, ...LINE_COLORS.slice(0, l.lines)],
      anchor: { row: 2, col: SECTION_COL.progress, width: 620, height: 320 },
      max: 1,
    },
  ];
}

const filled = (v: unknown) => v !== null && v !== undefined && v !== '';

/** The charts of an earlier dashboard, rebuilt from its cells (for restorePlan); [] when the sheet is not one. */
export function dashboardChartsFrom(snap: SheetSnapshot): ChartSpec[] {
  const at = (r: number, c: number) => snap.values[r - snap.origin.row]?.[c - snap.origin.col];
  const head = at(DATA_ROW, SECTION_COL.objectives);
  const lang: Lang | null = head === T.objective.en ? 'en' : head === T.objective.zh ? 'zh' : null;
  if (!lang) return [];
  const run = (col: number) => {
    let n = 0;
    while (filled(at(DATA_ROW + 1 + n, col))) n++;
    return n;
  };
  let lines = 0;
  while (lines < MAX_PROGRESS_LINES && filled(at(DATA_ROW, SECTION_COL.progress + 3 + lines))) lines++;
  return dashboardCharts({ objectives: run(SECTION_COL.objectives), dates: run(SECTION_COL.progress), lines }, lang);
}

// ---------------------------------------------------------------------------------------------------------------
// The sheet

const fixed = (n: number | null) => (n === null ? null : Math.round(n * 10000) / 10000);

function objectiveBlock(d: DashboardData, lang: Lang): PlanCell[][] {
  const head = [T.objective[lang], T.red[lang], T.yellow[lang], T.green[lang], T.score[lang]];
  const rows = d.objectives.map((o): PlanCell[] => [
    o.title || o.id,
    o.band === 'red' ? fixed(o.score) : null,
    o.band === 'yellow' ? fixed(o.score) : null,
    o.band === 'green' ? fixed(o.score) : null,
    fixed(o.score),
  ]);
  return [head, ...rows];
}

function progressBlock(d: DashboardData, lang: Lang, lines: number): PlanCell[][] {
  const head: PlanCell[] = [
    T.date[lang],
    T.expected[lang],
    T.average[lang],
    ...d.objectives.slice(0, lines).map((o) => o.title || o.id),
  ];
  const rows = d.dates.map((date, i): PlanCell[] => [
    date,
    fixed(d.expected[i]),
    fixed(d.average[i]),
    ...d.byObjective.slice(0, lines).map((o) => fixed(o[i])),
  ]);
  return [head, ...rows];
}

/** SPARKLINE over the KR's scores in the log (Sheets only; Excel has no sparkline API). */
function trendFormula(logSheet: string, cycle: string, idCell: string): { f: string } {
  const q = `'${logSheet.replace(/'/g, "''")}'`;
  const col = (f: keyof typeof LOG_COL) => `${q}!$${colLetter(LOG_COL[f])}$2:$${colLetter(LOG_COL[f])}`;
  const cyc = cycle.replace(/"/g, '""');
  return {
    f: `=IFERROR(SPARKLINE(FILTER(${col('score')},${col('krId')}=${idCell},${col('cycle')}="${cyc}"),{"charttype","line";"ymin",0;"ymax",1}),"")`,
  };
}

function krBlock(d: DashboardData, lang: Lang, host: HostKind, logSheet: string): PlanCell[][] {
  const sheets = host === 'sheets';
  const head: PlanCell[] = [
    T.krId[lang],
    T.objective[lang],
    T.kr[lang],
    T.score[lang],
    T.pace[lang],
    ...(sheets ? [T.trend[lang]] : []),
  ];
  const rows = d.krs.map((k, i): PlanCell[] => {
    const base: PlanCell[] = [k.id, k.objective, k.title, fixed(k.score), k.pace ? PACE_LABELS[k.pace][lang] : null];
    if (sheets) base.push(trendFormula(logSheet, d.cycle, a1(DATA_ROW + 1 + i, SECTION_COL.krs)));
    return base;
  });
  return [head, ...rows];
}

function subtitle(d: DashboardData, lang: Lang, lines: number): string {
  const date = serialToIso(d.today) ?? '';
  const shown =
    d.objectives.length > lines
      ? msg(
          ` The progress chart draws all objectives together and the first ${lines} of ${d.objectives.length} on their own; every objective is in the table below.`,
          `进度图显示全部目标的平均值，并单独显示 ${d.objectives.length} 个目标中的前 ${lines} 个；所有目标见下表。`,
        )[lang]
      : '';
  return (
    msg(
      `${d.cycle} · updated ${date} · ${d.objectives.length} objectives · ${d.krs.length} key results · ${d.dates.length} check-in days.`,
      `${d.cycle} · 更新于 ${date} · ${d.objectives.length} 个目标 · ${d.krs.length} 个关键结果 · ${d.dates.length} 个记录日。`,
    )[lang] + shown
  );
}

export interface DashboardPlace {
  lang: Lang;
  host: HostKind;
  /** The check-in log the Trend formulas read. */
  logSheet: string;
  /** Sheet the dashboard is created after, and the OKR sheet it describes (named on it, as a scorecard does). */
  after: string;
  source: string;
}

export function isDashboardSheet(name: string): boolean {
  return name === DASHBOARD_SHEET.en || name === DASHBOARD_SHEET.zh;
}

/** The dashboard sheet: rewritten whole (the add-in owns it), charts included. */
export function planDashboard(name: string, d: DashboardData, place: DashboardPlace): SheetPlan {
  const { lang, host, logSheet, after } = place;
  const lines = Math.min(MAX_PROGRESS_LINES, d.objectives.length);
  const plan: SheetPlan = { ...emptySheetPlan(name), create: { after }, replaceAll: true };
  const objectives = objectiveBlock(d, lang);
  const status: PlanCell[][] = [
    [T.status[lang], T.krs[lang]],
    ...d.status.map((s) => [PACE_LABELS[s.code][lang], s.count] as PlanCell[]),
  ];
  const progress = progressBlock(d, lang, lines);
  const krs = krBlock(d, lang, host, logSheet);
  plan.writes.push(
    { row: 0, col: 0, cells: [[`${T.title[lang]} · ${d.cycle}`], [subtitle(d, lang, lines)]] },
    // Which OKR sheet this dashboard describes (commands run here work on that sheet; see sourceSheetOf).
    { row: 0, col: SECTION_COL.krs, cells: [[SOURCE_HEADER[lang]], [place.source]] },
    { row: DATA_ROW, col: SECTION_COL.objectives, cells: objectives },
    { row: DATA_ROW, col: SECTION_COL.status, cells: status },
    { row: DATA_ROW, col: SECTION_COL.progress, cells: progress },
    { row: DATA_ROW, col: SECTION_COL.krs, cells: krs },
  );
  const n = (m: unknown[][]) => m.length - 1;
  const formats = (rows: number, cols: string[]) => Array.from({ length: rows }, () => cols.slice());
  if (n(objectives))
    plan.numberFormats.push({
      row: DATA_ROW + 1,
      col: SECTION_COL.objectives + 1,
      formats: formats(n(objectives), ['0.00', '0.00', '0.00', '0.00']),
    });
  if (n(progress))
    plan.numberFormats.push({
      row: DATA_ROW + 1,
      col: SECTION_COL.progress,
      formats: formats(n(progress), ['yyyy-mm-dd', ...progress[0].slice(1).map(() => '0%')]),
    });
  if (n(krs))
    plan.numberFormats.push({ row: DATA_ROW + 1, col: SECTION_COL.krs + 3, formats: formats(n(krs), ['0.00']) });
  const width = SECTION_COL.krs + krs[0].length;
  plan.header = {
    range: { row: DATA_ROW, col: 0, rows: 1, cols: width },
    bold: true,
    fill: FILLS.header,
    fontColor: FILLS.headerFont,
  };
  plan.columnWidths = [
    { col: SECTION_COL.objectives, width: 240 },
    { col: SECTION_COL.status, width: 130 },
    { col: SECTION_COL.progress, width: 100 },
    { col: SECTION_COL.krs + 1, width: 200 },
    { col: SECTION_COL.krs + 2, width: 240 },
  ];
  plan.charts = dashboardCharts({ objectives: d.objectives.length, dates: d.dates.length, lines }, lang);
  return plan;
}

// ---------------------------------------------------------------------------------------------------------------
// The panel's progress view (plain JSON)

/** At most this many objectives and KRs travel to the panel (the rest are counted). */
export const PANEL_MAX_OBJECTIVES = 30;
export const PANEL_MAX_KRS = 60;

export interface ProgressView {
  cycle: string;
  start: number;
  end: number;
  today: number;
  /** Expected progress today for a KR due at the cycle's end. */
  expected: number;
  objectives: ProgressObjective[];
  krs: Omit<ProgressKr, 'objectiveId'>[];
  more: { objectives: number; krs: number };
  labels: Record<'objectives' | 'krs' | 'expected', Msg>;
}

export function progressView(d: DashboardData): ProgressView {
  return {
    cycle: d.cycle,
    start: d.start,
    end: d.end,
    today: d.today,
    expected: d.expectedToday,
    objectives: d.objectives.slice(0, PANEL_MAX_OBJECTIVES),
    krs: d.krs.slice(0, PANEL_MAX_KRS).map(({ objectiveId: _o, ...k }) => k),
    more: {
      objectives: Math.max(0, d.objectives.length - PANEL_MAX_OBJECTIVES),
      krs: Math.max(0, d.krs.length - PANEL_MAX_KRS),
    },
    labels: {
      objectives: T.chartScores,
      krs: msg('Key results against the pace', '关键结果与预期进度'),
      expected: T.expected,
    },
  };
}
