/**
 * Excel host calls per command: context.sync() round trips and queued operations, on the in-memory Excel (which
 * refuses a sync above Excel on the web's ~5 MB payload), at 100, 10,000 and 50,000 rows. At most 3 syncs and equal
 * at 100 and 10,000 rows (below the budget); at 50,000 rows the syncs grow with the bytes moved / SYNC_BUDGET only.
 */
import * as path from 'path';
import { runExcelCommand, stampEdit, type ExcelLike } from '../excel-addin/adapter';
import type { CommandName } from '../core/commands';
import { DEFAULT_SETTINGS } from '../core/settings';
import { SYNC_BUDGET } from '../excel-addin/payload';
import { createExcel, SimWorkbook } from '../playground/excel-sim';
import { FIXTURE_TODAY, generatedTable } from '../fixtures/sheets';
import { BASELINE_COMMIT, baselineTree } from './baseline';
import type { BenchRow } from './util';

type Run = typeof runExcelCommand;
type Edit = typeof stampEdit;

/** What each run is called, and its command: Convert twice (the first on the plain table, then on the grid). */
const RUNS: [string, CommandName][] = [
  ['convert', 'convert'],
  ['validate', 'validate'],
  ['clear', 'clear'],
  ['score', 'score'],
  ['summary', 'summary'],
  ['checkin', 'checkin'],
  ['rollForward', 'rollForward'],
  ['convert again', 'convert'],
];
/**
 * Then edits of the first KR's Current (K3): the Updated stamp and today's check-in (onChanged); the first reads the
 * sheet's header too, the next ones know it.
 */
const EDITS = ['first edit of Current (stamp + check-in)', 'next edit of Current'];
const ORDER = [...RUNS.map(([label]) => label), ...EDITS];

interface Measure {
  syncs: number;
  ops: number;
  writes: number;
  bytes: number;
  refused: number;
  ms: number;
  ok: boolean;
}

async function measureAll(
  rows: number,
  run: Run = runExcelCommand,
  edit: Edit = stampEdit,
): Promise<Record<string, Measure>> {
  const wb = new SimWorkbook([]);
  wb.sheets = [];
  wb.addSheet('Team', generatedTable(rows) as (string | number)[][]);
  const excel = createExcel(wb) as unknown as ExcelLike;
  const out: Record<string, Measure> = {};
  const steps: [string, () => Promise<boolean>][] = [
    ...RUNS.map(([label, cmd]): [string, () => Promise<boolean>] => [
      label,
      async () => (await run(excel, cmd, DEFAULT_SETTINGS, FIXTURE_TODAY)).ok,
    ]),
    ...EDITS.map((label): [string, () => Promise<boolean>] => [
      label,
      () => edit(excel, wb.sheet('Team')!.id, 'K3', FIXTURE_TODAY, DEFAULT_SETTINGS),
    ]),
  ];
  for (const [label, step] of steps) {
    wb.activate('Team');
    const [s0, o0, w0, b0, r0] = [wb.syncCount, wb.opCount, wb.writeCount, wb.totalBytes, wb.refusedSyncs];
    const t0 = process.hrtime.bigint();
    const ok = await step();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    out[label] = {
      syncs: wb.syncCount - s0,
      ops: wb.opCount - o0,
      writes: wb.writeCount - w0,
      bytes: wb.totalBytes - b0,
      refused: wb.refusedSyncs - r0,
      ms,
      ok,
    };
  }
  return out;
}

export async function rows(): Promise<BenchRow[]> {
  const small = await measureAll(100);
  const large = await measureAll(10000);
  const huge = await measureAll(50000);
  // The baseline adapter (bench/baseline.ts) on the same in-memory Excel, payload limit included.
  const tree = baselineTree();
  const old =
    'dir' in tree
      ? (require(path.join(tree.dir, 'excel-addin/adapter.ts')) as { runExcelCommand: Run; stampEdit: Edit })
      : null;
  const base = old
    ? {
        100: await measureAll(100, old.runExcelCommand, old.stampEdit),
        10000: await measureAll(10000, old.runExcelCommand, old.stampEdit),
        50000: await measureAll(50000, old.runExcelCommand, old.stampEdit),
      }
    : null;
  const out: BenchRow[] = [];
  const mb = (b: number) => (b / 1e6).toFixed(1);
  for (const cmd of ORDER) {
    for (const [n, m] of [
      [100, small[cmd]],
      [10000, large[cmd]],
      [50000, huge[cmd]],
    ] as const) {
      const b = base?.[n][cmd];
      const baseline = b
        ? `; baseline ${BASELINE_COMMIT.slice(0, 7)}: ${b.ok ? `${b.syncs} syncs` : b.refused ? `FAILED after ${b.syncs} syncs (${b.refused} refused for size)` : 'no such command then'}`
        : 'error' in tree
          ? `; ${tree.error}`
          : '';
      out.push({
        name: `excel ${cmd} (in-memory Excel, 5 MB payload limit)`,
        rows: n,
        medianMs: m.ms,
        note:
          `${m.syncs} syncs (${mb(m.bytes)} MB moved / ${mb(SYNC_BUDGET)} MB budget = ${Math.ceil(m.bytes / SYNC_BUDGET)}; ${m.refused} refused for size), ` +
          `${m.ops} queued ops (${m.writes} writes)${m.ok ? '' : ', FAILED'}${baseline}`,
      });
    }
  }
  const equal = ORDER.every((c) => small[c].syncs === large[c].syncs);
  out.push({
    name: 'excel syncs 100 vs 10,000 rows',
    rows: 10000,
    medianMs: NaN,
    note: equal
      ? `equal for every command (${ORDER.map((c) => `${c} ${small[c].syncs}`).join(', ')})`
      : 'equal where under the budget, more where over it (100/10,000): ' +
        ORDER.map(
          (c) =>
            `${c} ${small[c].syncs}/${large[c].syncs}${large[c].refused ? ` (${(large[c].bytes / 1e6).toFixed(1)} MB)` : ''}`,
        ).join(', '),
  });
  return out;
}

if (require.main === module) rows().then((r) => console.table(r));
