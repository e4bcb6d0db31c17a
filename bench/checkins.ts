/**
 * Check in over a log of 50 check-ins x 1,000 KRs (50,000 log rows, one per KR per day from 2026-10-01): core's time
 * for the 51st check-in (log rows, findings-free plan, dashboard with its charts), the Validate findings from the
 * log, and the host calls of that check-in in the built Apps Script bundle and the in-memory Excel (next to the same
 * check-in over a 1-check-in log, which must cost the same Spreadsheet calls).
 */
import { runCommand } from '../core/commands';
import { checkinRows, logHeader, logRowCells } from '../core/checkins';
import { closeCycle } from '../core/close';
import { readModel } from '../core/parse-sheet';
import { DEFAULT_SETTINGS } from '../core/settings';
import type { WorkbookSnapshot } from '../core/sheet-plan';
import { isoToSerial, serialToIso } from '../core/values';
import { runExcelCommand, type ExcelLike } from '../excel-addin/adapter';
import { createExcel, SimWorkbook } from '../playground/excel-sim';
import { dateAt } from '../tests/clock';
import { generatedSnapshot, generatedTable } from '../fixtures/sheets';
import { loadProject } from '../tests/gas/harness';
import { row, timeMedian, type BenchRow } from './util';

const KRS = 1_000;
const DAYS = 50;
const FIRST = '2026-10-01';
const S = DEFAULT_SETTINGS;
const SHEET = `Generated ${KRS}`;

/** The log's cells after `days` daily check-ins (current values drifting a little each day). */
function logGrid(days: number): unknown[][] {
  const snap = generatedSnapshot(KRS);
  const model = readModel(snap, { settings: S, today: FIRST });
  const close = closeCycle(model, { settings: S, today: FIRST });
  const base = checkinRows(model, close, isoToSerial(FIRST)!, SHEET);
  const out: unknown[][] = [logHeader('en')];
  for (let d = 0; d < days; d++) {
    for (const r of base)
      out.push(logRowCells({ ...r, date: r.date + d, current: r.current === null ? null : r.current + d / 10 }, 'en'));
  }
  return out;
}

const day = (d: number) => serialToIso(isoToSerial(FIRST)! + d)!;

function gasCalls(days: number): { calls: number; cells: number; ms: number; ok: boolean } {
  const log = logGrid(days);
  const p = loadProject({ evaluate: undefined }, (b) => {
    b.addSheet(SHEET, generatedTable(KRS));
    b.addSheet('OKR Check-ins', log);
  });
  p.g.Date = dateAt(day(days));
  p.book.active = p.book.sheet(SHEET);
  p.book.log.reset();
  const t0 = process.hrtime.bigint();
  const res = p.call('panelRun', 'checkin') as { ok: boolean };
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { calls: p.book.log.spreadsheetCalls(), cells: p.book.log.cells, ms, ok: !!res?.ok };
}

async function excelSyncs(days: number): Promise<{ syncs: number; ms: number; ok: boolean }> {
  const wb = new SimWorkbook([]);
  wb.sheets = [];
  wb.addSheet(SHEET, generatedTable(KRS) as (string | number)[][]);
  wb.addSheet('OKR Check-ins', logGrid(days) as (string | number)[][]);
  wb.activate(SHEET);
  const excel = createExcel(wb) as unknown as ExcelLike;
  const s0 = wb.syncCount;
  const t0 = process.hrtime.bigint();
  const res = await runExcelCommand(excel, 'checkin', S, day(days));
  return { syncs: wb.syncCount - s0, ms: Number(process.hrtime.bigint() - t0) / 1e6, ok: res.ok };
}

export async function rows(): Promise<BenchRow[]> {
  const out: BenchRow[] = [];
  const log = logGrid(DAYS);
  const snap: WorkbookSnapshot = {
    host: 'sheets',
    active: generatedSnapshot(KRS),
    sheetNames: [generatedSnapshot(KRS).name, 'OKR Check-ins'],
    others: { 'OKR Check-ins': { name: 'OKR Check-ins', origin: { row: 0, col: 0 }, values: log } },
    today: day(DAYS),
  };
  snap.active.name = SHEET;
  snap.sheetNames[0] = SHEET;
  const res = runCommand('checkin', snap, S);
  const ms = timeMedian(() => runCommand('checkin', snap, S), 5, 1);
  out.push(
    row(
      `core check in over ${DAYS} check-ins x ${KRS.toLocaleString('en-US')} KRs`,
      (DAYS + 1) * KRS,
      ms,
      `${res.ok ? 'ok' : 'FAILED'}; log rows read ${(DAYS * KRS).toLocaleString('en-US')}, dashboard with ${res.plan.sheets[1]?.charts?.length ?? 0} charts`,
    ),
  );
  const vres = runCommand('validate', snap, S);
  const vms = timeMedian(() => runCommand('validate', snap, S), 5, 1);
  const fromLog = ((vres.details as { findings: { rule: string }[] }).findings ?? []).filter((f) =>
    ['confidence-falling', 'no-checkin', 'value-wrong-way'].includes(f.rule),
  ).length;
  out.push(
    row(
      `core validate with the log (${DAYS} x ${KRS.toLocaleString('en-US')})`,
      DAYS * KRS,
      vms,
      `${fromLog} findings from the log`,
    ),
  );

  const one = gasCalls(1);
  const fifty = gasCalls(DAYS);
  out.push(
    row(
      `gas check in, log of ${DAYS} x ${KRS.toLocaleString('en-US')} (built bundle)`,
      DAYS * KRS,
      fifty.ms,
      `${fifty.calls} Spreadsheet calls (log of 1 check-in: ${one.calls}${one.calls === fifty.calls ? ', equal' : ', NOT EQUAL'}), ${fifty.cells.toLocaleString('en-US')} cells moved${fifty.ok ? '' : ', FAILED'}`,
    ),
  );
  const e1 = await excelSyncs(1);
  const e50 = await excelSyncs(DAYS);
  out.push(
    row(
      `excel check in, log of ${DAYS} x ${KRS.toLocaleString('en-US')} (in-memory Excel)`,
      DAYS * KRS,
      e50.ms,
      `${e50.syncs} syncs (log of 1 check-in: ${e1.syncs}; reads past the payload budget go in bands)${e50.ok ? '' : ', FAILED'}`,
    ),
  );
  return out;
}

if (require.main === module) rows().then((r) => console.table(r));
