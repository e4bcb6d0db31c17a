/**
 * Spreadsheet service calls per command on the BUILT bundle (issue 13, item 1), shared by the test
 * (tests/gas/call-budget.test.ts) and the bench (bench/gas-calls.ts): one spreadsheet goes through every command in
 * the order a quarter takes, each command's calls counted apart, the same at every size.
 *
 * Two counts per command: "calls", what reaches the spreadsheet (the budget, at most CALL_BUDGET), and
 * "builder", calls on value objects the script holds (SpreadsheetApp.newDataValidation(), rule and chart builders,
 * the rules, conditions and charts a read returned). Builder calls run inside Apps Script without a request to the
 * Sheets backend, so they are outside the budget, but they are calls too: both numbers are printed.
 */
import * as fx from '../../fixtures/sheets';
import { dateAt } from '../clock';
import { loadProject, type LoadedProject } from './harness';

export const CALL_BUDGET = 25;

/** The steps, in order; `again` runs a command a second time once everything it touches exists. */
export const STEPS = [
  'convert',
  'validate',
  'clear',
  'score',
  'checkin',
  'score again',
  'checkin again',
  'onEdit stamp',
  'rollForward',
] as const;
export type Step = (typeof STEPS)[number];

export interface StepCalls {
  ok: boolean;
  summary: string;
  calls: number;
  builder: number;
  /** Document calls by method, most first. */
  byMethod: [string, number][];
  /** Builder calls by method, most first. */
  builderByMethod: [string, number][];
  /** Cells carried by matrix reads and writes. */
  cells: number;
  ms: number;
}

const SHEET = 'Team';

function runStep(p: LoadedProject, step: Step): { ok: boolean; summary: string } {
  p.book.active = p.book.sheet(SHEET);
  if (step === 'onEdit stamp') {
    // A hand edit of the first KR's current value: the Updated stamp and today's check-in (the log only).
    const sheet = p.book.sheet(SHEET);
    const current = sheet.values()[0].findIndex((h) => h === 'Current');
    const range = sheet.getRange(2, current + 1);
    const source = p.g.SpreadsheetApp.getActiveSpreadsheet();
    p.book.log.reset();
    p.call('onEdit', { range, source, value: 0.3 });
    return { ok: p.fake.logs.every((l) => !/OKR Grid onEdit/.test(l)), summary: p.fake.logs.join(' | ') };
  }
  const res = p.call('panelRun', step.replace(' again', '')) as { ok: boolean; summary: { en: string } };
  return { ok: !!res && res.ok, summary: res?.summary?.en ?? '' };
}

/** Every step on a generated sheet of `rows` KRs; `dist` loads another build (the bench's baseline). */
export function measureSteps(rows: number, dist?: string): Record<Step, StepCalls> {
  const grid = fx.generatedTable(rows);
  // One unreadable current value, so Validate has a highlight to write (and Clear one to put back) at every size.
  grid[1][10] = 'about half';
  const p = loadProject({ evaluate: undefined }, (b) => b.addSheet(SHEET, grid), dist);
  p.g.Date = dateAt('2026-10-05');
  const out = {} as Record<Step, StepCalls>;
  for (const step of STEPS) {
    if (step === 'checkin again') p.g.Date = dateAt('2026-10-12');
    p.book.log.reset();
    const t0 = process.hrtime.bigint();
    const res = runStep(p, step);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const log = p.book.log;
    out[step] = {
      ...res,
      calls: log.documentCalls(),
      builder: log.builderCalls(),
      byMethod: log.dominant(100),
      builderByMethod: log.dominantBuilders(100),
      cells: log.cells,
      ms,
    };
  }
  return out;
}
