/**
 * Check-ins: a log sheet the add-in owns ('OKR Check-ins', zh 'OKR 进展记录') with one row per KR per check-in day,
 * keyed by (cycle, KR id, date). Checking in again on the same day rewrites that day's rows in place; earlier days
 * are never written. Validate reads the log for three findings (confidence falling twice in a row, no check-in for
 * `staleDays` days, a value that moved the wrong way).
 */
import type { CellBlock, PartialRead, PlanCell, SheetPlan, SheetSnapshot } from './sheet-plan';
import { boundingRect, emptySheetPlan } from './sheet-plan';
import { cellOf, type Confidence, type KeyResult, type OkrModel } from './model';
import { msg, type Lang, type Msg } from './i18n';
import type { Settings } from './settings';
import { closeCycle, scoreOfKr, type CloseResult } from './close';
import { CONFIDENCE_LABELS, FILLS, ownedSheetName } from './plan-convert';
import { parseConfidence } from './parse-sheet';
import { planCellAt, usedExtent } from './plan-grid';
import { isoToSerial, parseDate, parseNumber, serialToIso } from './values';
import type { Finding } from './rules';
import { SOURCE_HEADER } from './plan-close';

export const CHECKIN_SHEET: Record<Lang, string> = { en: 'OKR Check-ins', zh: 'OKR 进展记录' };

export const LOG_FIELDS = [
  'cycle',
  'krId',
  'date',
  'objectiveId',
  'objective',
  'kr',
  'current',
  'score',
  'confidence',
  'note',
  'sheet',
] as const;
export type LogField = (typeof LOG_FIELDS)[number];

/** Headers of the log; 'sheet' (the OKR sheet checked in) is headed SOURCE_HEADER, as on the scorecard and history. */
const LOG_HEADERS: Record<Exclude<LogField, 'sheet'>, Msg> = {
  cycle: msg('Cycle', '周期'),
  krId: msg('KR ID', '关键结果编号'),
  date: msg('Date', '日期'),
  objectiveId: msg('Objective ID', '目标编号'),
  objective: msg('Objective', '目标'),
  kr: msg('Key result', '关键结果'),
  current: msg('Current', '当前值'),
  score: msg('Score', '得分'),
  confidence: msg('Confidence', '信心'),
  note: msg('Note / blocker', '备注 / 阻碍'),
};

export const LOG_COL: Record<LogField, number> = Object.fromEntries(LOG_FIELDS.map((f, i) => [f, i])) as Record<
  LogField,
  number
>;

export function logHeader(lang: Lang): string[] {
  return LOG_FIELDS.map((f) => (f === 'sheet' ? SOURCE_HEADER : LOG_HEADERS[f])[lang]);
}

export function isCheckinSheet(name: string): boolean {
  return name === CHECKIN_SHEET.en || name === CHECKIN_SHEET.zh;
}

const CONFIDENCE_RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

/** One row of the log. `date` is a date serial (days since 1899-12-30, as both hosts count). */
export interface CheckinRow {
  cycle: string;
  krId: string;
  date: number;
  objectiveId: string;
  objective: string;
  kr: string;
  current: number | null;
  score: number | null;
  confidence: Confidence | null;
  note: string;
  /** The OKR sheet the row was checked in from. */
  sheet: string;
}

export interface ParsedLog {
  rows: CheckinRow[];
  /** Absolute 0-based sheet row of each entry of `rows`. */
  sheetRows: number[];
  /** Absolute 0-based row of the header, -1 when none was found. */
  headerRow: number;
  /** Absolute column of the Cycle column (the log's first column). */
  col: number;
  lastRow: number;
}

/** The log sheet's name in this workbook: an existing one in either language, else the settings' language. */
export function checkinSheetName(sheetNames: readonly string[], lang: Lang): string {
  return ownedSheetName(CHECKIN_SHEET, sheetNames, lang);
}

const text = (v: unknown) =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
const isHeaderCell = (v: unknown, f: Exclude<LogField, 'sheet'>) => {
  const s = text(v).toLowerCase();
  return s === LOG_HEADERS[f].en.toLowerCase() || s === LOG_HEADERS[f].zh;
};

function dateSerial(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.floor(v);
  const d = parseDate(v);
  return d.ok ? isoToSerial(d.value) : null;
}

function numberOrNull(v: unknown): number | null {
  const n = parseNumber(v);
  return n.ok ? n.value : null;
}

/** The log's header is looked for in its first rows only. */
export const LOG_HEAD_ROWS = 10;

/** The header's row and column in `values` (relative), or null: in either language, in the first LOG_HEAD_ROWS. */
function findLogHeader(values: unknown[][]): { hr: number; hc: number } | null {
  for (let r = 0; r < Math.min(values.length, LOG_HEAD_ROWS); r++) {
    const line = values[r] ?? [];
    for (let c = 0; c + 2 < line.length; c++)
      if (isHeaderCell(line[c], 'cycle') && isHeaderCell(line[c + 1], 'krId') && isHeaderCell(line[c + 2], 'date'))
        return { hr: r, hc: c };
  }
  return null;
}

/**
 * What a command needs of the log, as a part read (ReadRequest.partial): the key columns and `fields`, counted from
 * the used range's first column (where the add-in writes the log), and the head rows (the header) whole.
 */
export function logPartialRead(fields: LogField[]): Record<string, PartialRead> {
  const columns = [...new Set<LogField>(['cycle', 'krId', 'date', ...fields])].map((f) => LOG_COL[f]);
  return Object.fromEntries(Object.values(CHECKIN_SHEET).map((name) => [name, { columns, headRows: LOG_HEAD_ROWS }]));
}

/**
 * A log read in part that was not enough: its header is not at the used range's first column (someone typed left
 * of it, so the columns read are not the log's), or not in the head rows at all while the sheet holds rows.
 */
export function logNeedsWholeRead(snap: SheetSnapshot | undefined): boolean {
  if (!snap?.partial || !Array.isArray(snap.values)) return false;
  const h = findLogHeader(snap.values);
  return h ? h.hc !== 0 : snap.values.length > 0;
}

/** Reads the log (header in either language, anywhere in the first rows); rows without a key are skipped. */
export function readLog(snap: SheetSnapshot | undefined): ParsedLog {
  const empty: ParsedLog = { rows: [], sheetRows: [], headerRow: -1, col: 0, lastRow: -1 };
  if (!snap || !Array.isArray(snap.values)) return empty;
  const { origin, values } = snap;
  const header = findLogHeader(values);
  const hr = header ? header.hr : -1;
  const hc = header ? header.hc : 0;
  const out: ParsedLog = {
    ...empty,
    headerRow: hr < 0 ? -1 : origin.row + hr,
    col: origin.col + hc,
    lastRow: usedExtent(snap).lastRow,
  };
  if (hr < 0) return out;
  for (let r = hr + 1; r < values.length; r++) {
    const line = values[r] ?? [];
    const at = (f: LogField) => line[hc + LOG_COL[f]];
    const cycle = text(at('cycle'));
    const krId = text(at('krId'));
    const date = dateSerial(at('date'));
    if (!cycle || !krId || date === null) continue;
    out.rows.push({
      cycle,
      krId,
      date,
      objectiveId: text(at('objectiveId')),
      objective: text(at('objective')),
      kr: text(at('kr')),
      current: numberOrNull(at('current')),
      score: numberOrNull(at('score')),
      confidence: text(at('confidence')) ? parseConfidence(at('confidence')) : null,
      note: text(at('note')),
      sheet: text(at('sheet')),
    });
    out.sheetRows.push(origin.row + r);
  }
  return out;
}

/** Today's check-in rows, one per KR of the cycle being worked on, in sheet order. */
export function checkinRows(model: OkrModel, close: CloseResult, today: number, sheet: string): CheckinRow[] {
  const byId = new Map<string, KeyResult>();
  for (const o of model.objectives) for (const k of o.krs) byId.set(k.id, k);
  const titles = new Map(close.objectives.map((o) => [o.id, o.title]));
  return close.krs.map((k) => {
    const kr = byId.get(k.id);
    return {
      cycle: close.cycle,
      krId: k.id,
      date: today,
      objectiveId: k.objectiveId,
      objective: titles.get(k.objectiveId) ?? '',
      kr: k.title,
      current: k.current,
      score: k.score,
      confidence: kr?.confidence ?? null,
      note: kr?.notes ? String(kr.notes) : '',
      sheet,
    };
  });
}

/** A log row as the cells of its sheet row. */
export function logRowCells(r: CheckinRow, lang: Lang): PlanCell[] {
  return [
    r.cycle,
    r.krId,
    r.date,
    r.objectiveId,
    r.objective,
    r.kr,
    r.current,
    r.score,
    r.confidence ? CONFIDENCE_LABELS[lang][r.confidence] : null,
    r.note,
    r.sheet,
  ];
}

function logFormats(): string[] {
  const f = LOG_FIELDS.map(() => 'General');
  f[LOG_COL.cycle] = '@';
  f[LOG_COL.krId] = '@';
  f[LOG_COL.date] = 'yyyy-mm-dd';
  f[LOG_COL.score] = '0.00';
  return f;
}

export interface LogOutcome {
  plan: SheetPlan;
  /** The log after this check-in (existing rows with today's replaced, then the new ones). */
  rows: CheckinRow[];
  added: number;
  updated: number;
}

/**
 * Today's rows already in the log, rewritten where they are: one block over their span, the rows between written back
 * as they were; over a log read in part (the rows between are unknown) one block per run of adjacent rows instead.
 */
function replaceBlocks(log: SheetSnapshot, replace: Map<number, CheckinRow>, col: number, lang: Lang): CellBlock[] {
  if (!replace.size) return [];
  const rows = [...replace.keys()].sort((a, b) => a - b);
  const spans: { row: number; rows: number }[] = [];
  if (log.partial) {
    for (const r of rows) {
      const last = spans[spans.length - 1];
      if (last && last.row + last.rows === r) last.rows++;
      else spans.push({ row: r, rows: 1 });
    }
  } else spans.push(boundingRect(rows.map((row) => ({ row, col }))));
  return spans.map((span) => {
    const cells: PlanCell[][] = [];
    for (let r = span.row; r < span.row + span.rows; r++) {
      const f = replace.get(r);
      cells.push(f ? logRowCells(f, lang) : LOG_FIELDS.map((_, c) => planCellAt(log, r, col + c)));
    }
    return { row: span.row, col, cells };
  });
}

/**
 * The plan that records `fresh` (today's rows) into the log: rows already logged for the same (cycle, KR, date) are
 * rewritten where they are (replaceBlocks), the rest appended as one block. A missing log sheet is created with its
 * header.
 */
export function planLog(
  name: string,
  log: SheetSnapshot | undefined,
  fresh: CheckinRow[],
  lang: Lang,
  after: string,
): LogOutcome {
  const formats = logFormats();
  if (!log) {
    const plan: SheetPlan = { ...emptySheetPlan(name), create: { after } };
    const header = logHeader(lang);
    plan.writes.push({ row: 0, col: 0, cells: [header, ...fresh.map((r) => logRowCells(r, lang))] });
    if (fresh.length) plan.numberFormats.push({ row: 1, col: 0, formats: fresh.map(() => formats.slice()) });
    plan.header = {
      range: { row: 0, col: 0, rows: 1, cols: header.length },
      bold: true,
      fill: FILLS.header,
      fontColor: FILLS.headerFont,
    };
    plan.freezeRows = 1;
    plan.columnWidths = [
      { col: LOG_COL.objective, width: 220 },
      { col: LOG_COL.kr, width: 260 },
    ];
    return { plan, rows: fresh, added: fresh.length, updated: 0 };
  }
  const parsed = readLog(log);
  const plan = emptySheetPlan(name);
  const col = parsed.headerRow >= 0 ? parsed.col : log.origin.col;
  const key = (r: CheckinRow) => `${r.cycle}\u0000${r.krId}\u0000${r.date}`;
  const at = new Map<string, number>();
  parsed.rows.forEach((r, i) => at.set(key(r), i));
  const rows = parsed.rows.slice();
  const replace = new Map<number, CheckinRow>();
  const append: CheckinRow[] = [];
  for (const f of fresh) {
    const i = at.get(key(f));
    if (i === undefined) append.push(f);
    else {
      replace.set(parsed.sheetRows[i], f);
      rows[i] = f;
    }
  }
  plan.writes.push(...replaceBlocks(log, replace, col, lang));
  if (append.length) {
    const row = Math.max(parsed.lastRow + 1, parsed.headerRow + 1, log.origin.row + 1);
    plan.writes.push({ row, col, cells: append.map((r) => logRowCells(r, lang)) });
    plan.numberFormats.push({ row, col, formats: append.map(() => formats.slice()) });
  }
  if (parsed.headerRow < 0 && !parsed.rows.length) {
    // An empty sheet of that name: give it the header too.
    plan.writes.unshift({ row: log.origin.row, col, cells: [logHeader(lang)] });
  }
  return { plan, rows: rows.concat(append), added: append.length, updated: replace.size };
}

export interface CheckinOutcome {
  close: CloseResult;
  log: LogOutcome;
  sheet: string;
  summary: Msg;
}

/** Today's check-in as a plan for the log sheet. */
export function planCheckin(
  model: OkrModel,
  sheetNames: string[],
  others: Record<string, SheetSnapshot>,
  settings: Settings,
  today: string,
  after: string,
): CheckinOutcome {
  const close = closeCycle(model, { settings, today });
  const serial = isoToSerial(today) ?? 0;
  const sheet = checkinSheetName(sheetNames, settings.lang);
  const exists = sheetNames.some((n) => n === sheet);
  const log = planLog(
    sheet,
    exists ? (others[sheet] ?? { name: sheet, origin: { row: 0, col: 0 }, values: [] }) : undefined,
    checkinRows(model, close, serial, after),
    settings.lang,
    after,
  );
  const summary = msg(
    `Checked in ${close.cycle} on ${today}: ${log.added} new row${log.added === 1 ? '' : 's'}, ${log.updated} updated in "${sheet}".`,
    `已记录 ${close.cycle} 在 ${today} 的进展：“${sheet}”新增 ${log.added} 行，更新 ${log.updated} 行。`,
  );
  return { close, log, sheet, summary };
}

// ---------------------------------------------------------------------------------------------------------------
// Findings from the log

export type LogRuleId = 'confidence-falling' | 'no-checkin' | 'value-wrong-way';
export const LOG_RULE_IDS: LogRuleId[] = ['confidence-falling', 'no-checkin', 'value-wrong-way'];

/** Each KR's log rows of `cycle`, oldest first. */
export function historyByKr(rows: readonly CheckinRow[], cycle: string): Map<string, CheckinRow[]> {
  const out = new Map<string, CheckinRow[]>();
  for (const r of rows) {
    if (r.cycle !== cycle) continue;
    const list = out.get(r.krId);
    if (list) list.push(r);
    else out.set(r.krId, [r]);
  }
  for (const list of out.values()) list.sort((a, b) => a.date - b.date);
  return out;
}

const iso = (serial: number) => serialToIso(serial) ?? String(serial);

/** A log finding on one of the KR's cells (its KR title cell when it has no such column). */
function logFinding(
  model: OkrModel,
  kr: KeyResult,
  f: 'current' | 'confidence' | 'kr',
  rule: LogRuleId,
  message: Msg,
): Finding {
  const cell = cellOf(kr, f) ?? cellOf(kr, 'kr') ?? { row: kr.row, col: 0 };
  return { rule, severity: 'warning', sheet: model.sheet, row: cell.row, col: cell.col, message, itemId: kr.id };
}

/** No check-in for more than staleDays days (counted from `first` when the KR was never checked in). */
function noCheckin(
  model: OkrModel,
  kr: KeyResult,
  list: CheckinRow[],
  first: number,
  now: number | null,
  staleDays: number,
): Finding | null {
  const last = list.length ? list[list.length - 1].date : first;
  if (now === null || now - last <= staleDays || scoreOfKr(kr) === 1) return null;
  return logFinding(
    model,
    kr,
    'kr',
    'no-checkin',
    msg(
      `No check-in for ${now - last} days (last ${iso(last)}; more than ${staleDays} days). Run Check in after updating the value.`,
      `已有 ${now - last} 天没有记录进展（上次 ${iso(last)}；超过 ${staleDays} 天）。更新数值后请运行“记录进展”。`,
    ),
  );
}

/** Confidence fell at each of the last two check-ins. */
function confidenceFalling(model: OkrModel, kr: KeyResult, list: CheckinRow[]): Finding | null {
  const last3 = list.filter((r) => r.confidence !== null).slice(-3);
  if (last3.length < 3) return null;
  const [a, b, c] = last3.map((r) => CONFIDENCE_RANK[r.confidence!]);
  if (!(b < a && c < b)) return null;
  const names = last3.map((r) => `${CONFIDENCE_LABELS.en[r.confidence!]} (${iso(r.date)})`).join(' → ');
  const namesZh = last3.map((r) => `${CONFIDENCE_LABELS.zh[r.confidence!]}（${iso(r.date)}）`).join(' → ');
  return logFinding(
    model,
    kr,
    'confidence',
    'confidence-falling',
    msg(
      `Confidence fell at two check-ins in a row: ${names}. Talk about what blocks this key result.`,
      `信心连续两次记录下降：${namesZh}。请讨论这个关键结果遇到的阻碍。`,
    ),
  );
}

/** The last check-in moved the value away from the target (an increasing KR went down, a decreasing one up). */
function valueWrongWay(model: OkrModel, kr: KeyResult, list: CheckinRow[]): Finding | null {
  if (kr.kind !== 'increase' && kr.kind !== 'decrease') return null;
  const values = list.filter((r) => r.current !== null);
  if (values.length < 2) return null;
  const p = values[values.length - 2];
  const q = values[values.length - 1];
  const wrong = kr.kind === 'increase' ? q.current! < p.current! : q.current! > p.current!;
  if (!wrong) return null;
  return logFinding(
    model,
    kr,
    'current',
    'value-wrong-way',
    msg(
      `The value moved the wrong way: ${p.current} on ${iso(p.date)}, ${q.current} on ${iso(q.date)}, while the target ${kr.target ?? ''} asks it to ${kr.kind === 'increase' ? 'rise' : 'fall'}.`,
      `数值朝反方向变化：${iso(p.date)} 为 ${p.current}，${iso(q.date)} 为 ${q.current}，而目标值 ${kr.target ?? ''} 要求它${kr.kind === 'increase' ? '上升' : '下降'}。`,
    ),
  );
}

/**
 * Findings from the log for the KRs of `model`: confidence fell at each of the last two check-ins; no check-in for
 * more than `staleDays` days (a KR never checked in counts from the log's first check-in of the cycle); the last
 * check-in moved the value away from the target (an increasing KR went down, a decreasing one up).
 */
export function logFindings(
  model: OkrModel,
  log: ParsedLog,
  settings: Settings,
  today: string,
  cycle: string,
): Finding[] {
  if (!log.rows.length) return [];
  const byKr = historyByKr(log.rows, cycle);
  if (!byKr.size) return [];
  let first = Infinity;
  for (const list of byKr.values()) first = Math.min(first, list[0].date);
  const now = isoToSerial(today);
  const out: Finding[] = [];
  for (const o of model.objectives) {
    for (const kr of o.krs) {
      const list = byKr.get(kr.id) ?? [];
      for (const f of [
        noCheckin(model, kr, list, first, now, settings.limits.staleDays),
        confidenceFalling(model, kr, list),
        valueWrongWay(model, kr, list),
      ])
        if (f) out.push(f);
    }
  }
  return out;
}
