/**
 * Excel host calls per command: context.sync() round trips and queued operations, on the in-memory Excel, at 100
 * and 10,000 rows. Syncs must be equal at both sizes (the adapter reads once and applies the plan in a constant
 * number of syncs); queued operations may grow only with the plan's blocks and rules, not with rows.
 */
import { runExcelCommand, type ExcelLike } from '../excel-addin/adapter';
import type { CommandName } from '../core/commands';
import { DEFAULT_SETTINGS } from '../core/settings';
import { createExcel, SimWorkbook } from '../playground/excel-sim';
import { FIXTURE_TODAY, generatedTable } from '../tests/fixtures/sheets';
import type { BenchRow } from './util';

const ORDER: CommandName[] = ['convert', 'validate', 'clear', 'score', 'summary', 'rollForward'];

interface Measure {
  syncs: number;
  ops: number;
  writes: number;
  ms: number;
  ok: boolean;
}

async function measureAll(rows: number): Promise<Record<string, Measure>> {
  const wb = new SimWorkbook([]);
  wb.sheets = [];
  wb.addSheet('Team', generatedTable(rows) as (string | number)[][]);
  const excel = createExcel(wb) as unknown as ExcelLike;
  const out: Record<string, Measure> = {};
  for (const cmd of ORDER) {
    wb.activate('Team');
    const [s0, o0, w0] = [wb.syncCount, wb.opCount, wb.writeCount];
    const t0 = process.hrtime.bigint();
    const res = await runExcelCommand(excel, cmd, DEFAULT_SETTINGS, FIXTURE_TODAY);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    out[cmd] = { syncs: wb.syncCount - s0, ops: wb.opCount - o0, writes: wb.writeCount - w0, ms, ok: res.ok };
  }
  return out;
}

export async function rows(): Promise<BenchRow[]> {
  const small = await measureAll(100);
  const large = await measureAll(10000);
  const out: BenchRow[] = [];
  for (const cmd of ORDER) {
    for (const [n, m] of [[100, small[cmd]], [10000, large[cmd]]] as const) {
      out.push({
        name: `excel ${cmd} (in-memory Excel)`,
        rows: n,
        medianMs: m.ms,
        note: `${m.syncs} syncs, ${m.ops} queued ops (${m.writes} writes)${m.ok ? '' : ', FAILED'}`,
      });
    }
  }
  const equal = ORDER.every((c) => small[c].syncs === large[c].syncs);
  out.push({
    name: 'excel syncs 100 vs 10,000 rows',
    rows: 10000,
    medianMs: NaN,
    note: equal ? `equal for every command (${ORDER.map((c) => `${c} ${small[c].syncs}`).join(', ')})` : 'NOT EQUAL: ' + ORDER.map((c) => `${c} ${small[c].syncs}/${large[c].syncs}`).join(', '),
  });
  return out;
}

if (require.main === module) rows().then((r) => console.table(r));
