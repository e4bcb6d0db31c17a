/**
 * The sample workbooks offered by the playground, taken from the shared test fixtures so the page shows exactly
 * what the tests check: the English team sheet (table form), the Chinese customer-development OKR from the seed
 * (outline form), and an empty sheet.
 */
import { englishTable, chineseOutline } from '../../fixtures/sheets';
import { SimWorkbook, type Scalar } from '../excel-sim/workbook';
import { CHECKIN_SHEET, checkinRows, logHeader, logRowCells, type CheckinRow } from '../../core/checkins';
import { closeCycle } from '../../core/close';
import { readModel } from '../../core/parse-sheet';
import { resolveSettings } from '../../core/settings';
import type { Confidence } from '../../core/model';
import { isoToSerial, localIsoDate } from '../../core/values';
import type { Lang } from '../../core/i18n';

export type SampleId = 'english' | 'chinese' | 'empty';

export interface Sample {
  id: SampleId;
  label: { en: string; zh: string };
  sheet: string;
  values: Scalar[][];
}

export const SAMPLES: Sample[] = [
  {
    id: 'english',
    label: { en: 'English team sheet (table)', zh: '英文团队表（表格）' },
    sheet: 'Q4 OKRs',
    values: englishTable,
  },
  {
    id: 'chinese',
    label: { en: 'Chinese customer-development OKR (outline)', zh: '客户拓展团队 OKR（大纲）' },
    sheet: '10月OKR',
    values: chineseOutline,
  },
  { id: 'empty', label: { en: 'Empty sheet', zh: '空白工作表' }, sheet: 'Sheet1', values: [] },
];

const DATE_HEADER = /due|date|updated|deadline|截止|日期|更新/i;

/**
 * A workbook holding the sample's cells as stored values (the way a saved workbook holds them: a string stays a
 * string, never re-interpreted as a formula), with a date format on date columns the way the user's file had it.
 */
/** `lang`: the page's language, which the English sample's check-in log is written in (the Chinese one's is Chinese). */
export function loadSample(id: SampleId, lang: Lang = 'en'): SimWorkbook {
  const s = SAMPLES.find((x) => x.id === id) ?? SAMPLES[0];
  const wb = new SimWorkbook([s.sheet]);
  const sheet = wb.sheets[0];
  const headerRow = s.values.findIndex((row) => row.filter((v) => typeof v === 'string' && v.trim()).length >= 3);
  s.values.forEach((line, r) =>
    line.forEach((v, c) => {
      if (v === '' || v === null || v === undefined) return;
      const cell = sheet.ensure(r, c);
      cell.v = v;
      const head = headerRow >= 0 ? s.values[headerRow][c] : '';
      if (
        typeof v === 'number' &&
        r > headerRow &&
        typeof head === 'string' &&
        DATE_HEADER.test(head) &&
        v > 30000 &&
        v < 80000
      )
        cell.nf = 'yyyy-mm-dd';
    }),
  );
  if (s.values.length) addCheckins(wb, s, s.id === 'chinese' ? 'zh' : lang);
  return wb;
}

const WEEK = 7;
const CONFIDENCE: Confidence[] = ['high', 'high', 'medium', 'medium', 'low'];

/**
 * A quarter of weekly check-ins for the sample, so the playground opens on a quarter in motion: one row per KR per
 * Monday from the cycle's first week up to today (at most 13), each value moving from the KR's start towards
 * today's value (a little ahead or behind the line), the confidence drifting for some KRs. Press Check in to add
 * today's and draw the dashboard.
 */
function addCheckins(wb: SimWorkbook, s: Sample, lang: Lang, today = localIsoDate()): void {
  const settings = resolveSettings({ lang });
  const snap = { name: s.sheet, origin: { row: 0, col: 0 }, values: s.values as unknown[][] };
  const model = readModel(snap, { settings, today });
  const close = closeCycle(model, { settings, today });
  const start = isoToSerial(model.cycle?.start ?? today);
  const end = Math.min(isoToSerial(today) ?? 0, isoToSerial(model.cycle?.end ?? today) ?? 0);
  if (start === null || !close.krs.length) return;
  const base = checkinRows(model, close, start, s.sheet);
  const byId = new Map(model.objectives.flatMap((o) => o.krs.map((k) => [k.id, k] as const)));
  const lines: unknown[][] = [logHeader(lang)];
  const weeks = Math.max(1, Math.min(13, Math.floor((end - start) / WEEK)));
  for (let w = 0; w < weeks; w++) {
    const t = (w + 1) / (weeks + 1);
    base.forEach((r, i) => {
      const kr = byId.get(r.krId);
      const wobble = ((i * 7 + w * 3) % 5) / 50 - 0.04;
      let current = r.current;
      let score = r.score;
      if (kr && r.current !== null && (kr.kind === 'increase' || kr.kind === 'decrease')) {
        current = Math.round((kr.start + (r.current - kr.start) * Math.min(1, t + wobble)) * 1000) / 1000;
        score =
          r.score === null
            ? null
            : Math.max(0, Math.min(1, Math.round(r.score * Math.min(1, t + wobble) * 1000) / 1000));
      } else if (r.score !== null) score = w >= weeks / 2 ? r.score : 0;
      const confidence = r.confidence ?? CONFIDENCE[(i + w) % CONFIDENCE.length];
      const row: CheckinRow = { ...r, date: start + WEEK * w + 4, current, score, confidence };
      lines.push(logRowCells(row, lang));
    });
  }
  const sheet = wb.addSheet(CHECKIN_SHEET[lang], []);
  lines.forEach((line, r) =>
    line.forEach((v, c) => {
      if (v === null || v === undefined || v === '') return;
      const cell = sheet.ensure(r, c);
      cell.v = v as Scalar;
      if (r > 0 && c === 2) cell.nf = 'yyyy-mm-dd';
      if (r === 0) cell.bold = true;
    }),
  );
  sheet.freezeRows = 1;
  wb.activeIndex = 0;
}
