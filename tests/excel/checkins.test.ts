/**
 * Check-ins through the BUILT commands.js (the ribbon's Check in button) on the in-memory Excel: the log keyed by
 * (cycle, KR, date), the dashboard's native charts over the cells it wrote, syncs equal at 100 and 10,000 rows, and a
 * failure at any write put back (charts included). The edit path goes through the adapter's stamp (onChanged).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { createExcel, createOffice, SimWorkbook } from '../../playground/excel-sim';
import { stampEdit } from '../../excel-addin/adapter';
import { DEFAULT_SETTINGS } from '../../core/settings';
import { dateAt } from '../clock';
import { SYNC_BUDGET } from '../../excel-addin/payload';
import { englishTable, generatedSnapshot, generatedTable } from '../../fixtures/sheets';
import { checkinRows, logHeader, logRowCells } from '../../core/checkins';
import { closeCycle } from '../../core/close';
import { readModel } from '../../core/parse-sheet';
import { isoToSerial, serialToIso } from '../../core/values';
import { bookWith, DIST, dumpBook, requireBuild, typed } from './helpers';

beforeAll(requireBuild);

const EN = 'Q4 OKRs';
const LOG = 'OKR Check-ins';
const DASH = 'OKR Dashboard';
const SERIAL = (iso: string) => Math.round((Date.parse(iso) - Date.UTC(1899, 11, 30)) / 86400000);

interface Ribbon {
  wb: SimWorkbook;
  sandbox: Record<string, unknown>;
  click(fn: string, day: string): Promise<void>;
}

let script: vm.Script | null = null;

/** commands.js loaded over `wb` as Excel loads it; click(fn, day) presses a ribbon button on that day. */
function ribbon(wb: SimWorkbook, lang = 'en-US'): Ribbon {
  const office = createOffice(wb, lang);
  const sandbox: Record<string, unknown> = {
    Office: office,
    Excel: createExcel(wb),
    console,
    setTimeout,
    clearTimeout,
    Date,
  };
  sandbox.globalThis = sandbox;
  sandbox.self = sandbox;
  sandbox.window = sandbox;
  script ??= new vm.Script(fs.readFileSync(path.join(DIST, 'commands.js'), 'utf8'), { filename: 'commands.js' });
  script.runInNewContext(sandbox);
  return {
    wb,
    sandbox,
    async click(fn, day) {
      sandbox.Date = dateAt(day, 4);
      let done = 0;
      await office.associated.get(fn)!({ completed: () => done++, source: { id: fn } });
      expect(done).toBe(1);
    },
  };
}

function english(): Ribbon {
  const wb = new SimWorkbook([]);
  wb.sheets = [];
  wb.addSheet(EN, typed(englishTable));
  return ribbon(wb);
}

/** The book as a user sees it: a cell put back to empty in the General format is no cell; trailing empties dropped. */
function seen(wb: SimWorkbook): unknown {
  const d = dumpBook(wb) as {
    sheets: string[];
    each: { cells: ({ v: unknown; f: unknown; fill: unknown; nf: unknown } | null)[][] }[];
  };
  return {
    ...d,
    each: d.each.map((s) => {
      const cells = Array.from(s.cells, (row) => {
        const out = Array.from(row ?? [], (c) =>
          c && (c.v !== null || c.f !== null || c.fill !== null || (c.nf !== null && c.nf !== 'General')) ? c : null,
        );
        while (out.length && out[out.length - 1] === null) out.pop();
        return out;
      });
      while (cells.length && !cells[cells.length - 1].length) cells.pop();
      return { ...s, cells };
    }),
  };
}

const logRows = (wb: SimWorkbook) =>
  wb
    .valuesOf(LOG)
    .slice(1)
    .filter((r) => r.some((v) => v !== null && v !== ''));

describe('Check in from the ribbon (built commands.js)', () => {
  test('two check-ins on different days give two rows per KR; two on the same day give one', async () => {
    const r = english();
    await r.click('okrConvert', '2026-10-05');
    r.wb.activate(EN);
    await r.click('okrCheckin', '2026-10-05');
    expect(logRows(r.wb)).toHaveLength(7);
    r.wb.activate(EN);
    r.wb.sheet(EN)!.ensure(4, 9).v = 0.22;
    await r.click('okrCheckin', '2026-10-12');
    r.wb.activate(EN);
    await r.click('okrCheckin', '2026-10-12');
    const rows = logRows(r.wb);
    expect(rows).toHaveLength(14);
    const kr101 = rows.filter((x) => x[1] === 'KR-101');
    expect(kr101.map((x) => x[2])).toEqual([SERIAL('2026-10-05'), SERIAL('2026-10-12')]);
    expect(kr101.map((x) => x[6])).toEqual([0.21, 0.22]);
    expect(r.wb.sheet(LOG)!.get(1, 2)!.nf).toBe('yyyy-mm-dd');
  });

  test('the dashboard has three native charts over the cells it wrote, named, coloured and placed', async () => {
    const r = english();
    await r.click('okrCheckin', '2026-10-05');
    r.wb.activate(EN);
    await r.click('okrCheckin', '2026-10-12');
    const charts = r.wb.sheet(DASH)!.charts;
    expect(charts.map((c) => [c.name, c.type])).toEqual([
      ['OKR objective scores', 'BarStacked'],
      ['OKR key results by pace', 'ColumnClustered'],
      ['OKR progress', 'Line'],
    ]);
    // A19:D21 (header + 2 objectives, band columns), G19:H25 (header + 6 statuses), J19:N21 (header + 2 days).
    expect(charts.map((c) => c.source)).toEqual([
      { row: 18, col: 0, rows: 3, cols: 4 },
      { row: 18, col: 6, rows: 7, cols: 2 },
      { row: 18, col: 9, rows: 3, cols: 5 },
    ]);
    expect(charts[0].colors).toEqual(['#d93025', '#f9ab00', '#188038']);
    expect(charts[2].colors).toHaveLength(4);
    expect(charts.map((c) => c.anchor)).toEqual([
      { row: 2, col: 0 },
      { row: 2, col: 6 },
      { row: 2, col: 9 },
    ]);
    expect(charts[0].axis).toEqual({ min: 0, max: 1 });
    expect(charts[0].title).toBe('Objective scores');
    // The cells the first chart reads: the objective, then its score in its band's column only.
    const v = r.wb.valuesOf(DASH);
    expect(v[18].slice(0, 5)).toEqual(['Objective', 'Red', 'Yellow', 'Green', 'Score']);
    expect(v[19][0]).toBe('Grow repeat purchases in our Taobao store');
    // Excel has no sparkline API: no Trend column there.
    expect(v[18].slice(19, 24)).toEqual(['KR ID', 'Objective', 'Key result', 'Score', 'Pace']);
    expect(v[18][24] ?? null).toBeNull();
  });

  test('Chinese: OKR 进展记录 and OKR 仪表板, chart titles in Chinese', async () => {
    const wb = new SimWorkbook([]);
    wb.sheets = [];
    wb.addSheet(EN, typed(englishTable));
    const r = ribbon(wb, 'zh-CN');
    await r.click('okrCheckin', '2026-10-05');
    expect(wb.sheets.map((s) => s.name)).toEqual([EN, 'OKR 进展记录', 'OKR 仪表板']);
    expect(wb.sheet('OKR 仪表板')!.charts.map((c) => c.title)).toEqual([
      '目标得分',
      '关键结果进度状态',
      '进度与预期对比',
    ]);
  });
});

describe('Check in: syncs and failures', () => {
  interface Count {
    syncs: number;
    refused: number;
    bytes: number;
  }
  async function syncs(n: number): Promise<Count[]> {
    const wb = new SimWorkbook([]);
    wb.sheets = [];
    wb.addSheet('Team', generatedTable(n) as (string | number)[][]);
    const r = ribbon(wb);
    const out: Count[] = [];
    for (const day of ['2026-10-05', '2026-10-12', '2026-10-12']) {
      wb.activate('Team');
      const [s0, r0, b0] = [wb.syncCount, wb.refusedSyncs, wb.totalBytes];
      await r.click('okrCheckin', day);
      expect(wb.sheet(DASH)).toBeDefined();
      out.push({ syncs: wb.syncCount - s0, refused: wb.refusedSyncs - r0, bytes: wb.totalBytes - b0 });
    }
    return out;
  }

  test('syncs per check-in: the same at 100 and 10,000 KR rows while under the payload budget, else one per budget of bytes', async () => {
    const small = await syncs(100);
    // read + lookup (the dashboard's charts, once it exists) + apply.
    expect(small.map((c) => [c.syncs, c.refused])).toEqual([
      [2, 0],
      [3, 0],
      [3, 0],
    ]);
    const large = await syncs(10000);
    // The first check-in at 10,000 rows stays under the budget: exactly the small workbook's syncs.
    expect(large[0]).toMatchObject({ syncs: 2, refused: 0 });
    // Later ones read the sheet, a 10,000-row log and dashboard (several MB): a refused read, then each of the three
    // sheets in bands of at most a budget of bytes (excel-addin/read.ts), as every command does past the budget.
    large.forEach((m, i) => {
      if (m.refused === 0) expect([i, m.syncs]).toEqual([i, small[i].syncs]);
      else expect([i, m.syncs <= small[i].syncs + 2 + Math.ceil(m.bytes / SYNC_BUDGET) + 3]).toEqual([i, true]);
    });
  }, 120000);

  async function writesOfSecondDay(): Promise<number> {
    const r = english();
    await r.click('okrCheckin', '2026-10-05');
    r.wb.activate(EN);
    const w0 = r.wb.writeCount;
    await r.click('okrCheckin', '2026-10-12');
    return r.wb.writeCount - w0;
  }

  test('a second-day check-in failing at any write leaves every sheet (and every chart) as it was', async () => {
    const n = await writesOfSecondDay();
    expect(n).toBeGreaterThan(20);
    for (let k = 1; k <= n; k++) {
      const r = english();
      await r.click('okrCheckin', '2026-10-05');
      r.wb.activate(EN);
      r.wb.sheet(EN)!.ensure(4, 9).v = 0.22;
      const before = seen(r.wb);
      r.wb.injectFault(k, 'Simulated: the workbook is busy');
      await r.click('okrCheckin', '2026-10-12');
      expect([k, seen(r.wb)]).toEqual([k, before]);
    }
  }, 120000);

  test("checking in again the same day, failing at any write: today's rewritten rows come back exactly", async () => {
    // The log is read in part (keys and scores): the rows Check in rewrites are read just before it writes them.
    const prepared = async () => {
      const r = english();
      await r.click('okrCheckin', '2026-10-05');
      r.wb.activate(EN);
      await r.click('okrCheckin', '2026-10-12');
      r.wb.activate(EN);
      r.wb.sheet(EN)!.ensure(4, 9).v = 0.22;
      return r;
    };
    const probe = await prepared();
    const w0 = probe.wb.writeCount;
    await probe.click('okrCheckin', '2026-10-12');
    const n = probe.wb.writeCount - w0;
    expect(
      logRows(probe.wb)
        .filter((x) => x[1] === 'KR-101')
        .map((x) => x[6]),
    ).toEqual([0.21, 0.22]);
    for (let k = 1; k <= n; k++) {
      const r = await prepared();
      const before = seen(r.wb);
      r.wb.injectFault(k, 'Simulated: the workbook is busy');
      await r.click('okrCheckin', '2026-10-12');
      expect([k, seen(r.wb)]).toEqual([k, before]);
    }
  }, 120000);

  test('a first check-in failing at any write removes the log and the dashboard it created', async () => {
    const probe = english();
    const w0 = probe.wb.writeCount;
    await probe.click('okrCheckin', '2026-10-05');
    const n = probe.wb.writeCount - w0;
    for (let k = 1; k <= n; k += 3) {
      const r = english();
      const before = seen(r.wb);
      r.wb.injectFault(k);
      await r.click('okrCheckin', '2026-10-05');
      expect([k, seen(r.wb)]).toEqual([k, before]);
    }
  }, 120000);
});

describe('a long log: 50 check-ins x 1,000 KRs', () => {
  const KRS = 1000;
  const FIRST = '2026-10-01';
  const day = (d: number) => serialToIso(isoToSerial(FIRST)! + d)!;

  /** The log after `days` daily check-ins of the generated sheet (values drifting a little each day). */
  function longLog(days: number): unknown[][] {
    const snap = generatedSnapshot(KRS);
    const model = readModel(snap, { settings: DEFAULT_SETTINGS, today: FIRST });
    const close = closeCycle(model, { settings: DEFAULT_SETTINGS, today: FIRST });
    const base = checkinRows(model, close, isoToSerial(FIRST)!, 'Team');
    const out: unknown[][] = [logHeader('en')];
    for (let d = 0; d < days; d++)
      for (const r of base)
        out.push(
          logRowCells({ ...r, date: r.date + d, current: r.current === null ? null : r.current + d / 10 }, 'en'),
        );
    return out;
  }

  /** Cells as the sheet holds them: an empty string written is no value. */
  const asSheet = (rows: unknown[][]) => rows.map((row) => row.map((v) => (v === '' ? null : v)));

  function book(log: unknown[][]): Ribbon {
    const wb = new SimWorkbook([]);
    wb.sheets = [];
    wb.addSheet('Team', generatedTable(KRS) as (string | number)[][]);
    wb.addSheet(LOG, log as (string | number)[][]);
    return ribbon(wb);
  }

  async function checkIn(r: Ribbon, d: string): Promise<{ syncs: number; refused: number }> {
    r.wb.activate('Team');
    const [s0, r0] = [r.wb.syncCount, r.wb.refusedSyncs];
    await r.click('okrCheckin', d);
    return { syncs: r.wb.syncCount - s0, refused: r.wb.refusedSyncs - r0 };
  }

  test('the 51st check-in takes 3 syncs (the log read in part), adds 1,000 rows, rewrites no earlier day', async () => {
    const log = longLog(50);
    const r = book(log);
    expect(await checkIn(r, day(50))).toEqual({ syncs: 3, refused: 0 });
    const after = r.wb.valuesOf(LOG);
    expect(after).toHaveLength(51 * KRS + 1);
    // Earlier days exactly as they were (every column, not only the ones read; compared as JSON: 50,000 rows).
    expect(JSON.stringify(after.slice(0, log.length)) === JSON.stringify(asSheet(log))).toBe(true);
    const today = after.slice(log.length);
    expect(today.every((row) => row[2] === isoToSerial(day(50)))).toBe(true);
    expect(new Set(today.map((row) => row[1])).size).toBe(KRS);
    // Again the same day (a value changed): today's 1,000 rows rewritten in place, still 3 syncs, nothing added.
    r.wb.sheet('Team')!.ensure(1, 10).v = 42;
    expect(await checkIn(r, day(50))).toEqual({ syncs: 3, refused: 0 });
    const again = r.wb.valuesOf(LOG);
    expect(again).toHaveLength(51 * KRS + 1);
    expect(JSON.stringify(again.slice(0, log.length)) === JSON.stringify(asSheet(log))).toBe(true);
    const changed = again.slice(log.length).filter((row, i) => JSON.stringify(row) !== JSON.stringify(today[i]));
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((row) => row[2] === isoToSerial(day(50)))).toBe(true);
  }, 120000);

  test('a log moved right of a column the user filled is read whole (one more read), with the same result', async () => {
    const shifted = [
      ['Comments', ...longLog(2)[0]],
      ...longLog(2)
        .slice(1)
        .map((row, i) => [i === 3 ? 'mine' : null, ...row]),
    ];
    const r = book(shifted);
    const { syncs } = await checkIn(r, day(2));
    expect(syncs).toBe(4);
    const after = r.wb.valuesOf(LOG);
    expect(after.slice(0, shifted.length)).toEqual(asSheet(shifted));
    expect(after.slice(shifted.length)).toHaveLength(KRS);
    expect(after.slice(shifted.length).every((row) => row[0] === null && row[3] === isoToSerial(day(2)))).toBe(true);
  }, 120000);
});

describe('an edit records a check-in (onChanged stamp path)', () => {
  test("editing a current value adds today's rows to the log; the title does not", async () => {
    const { wb, excel } = bookWith([{ name: EN, grid: englishTable }], false);
    const r = ribbon(wb);
    await r.click('okrConvert', '2026-10-05');
    wb.activate(EN);
    await r.click('okrCheckin', '2026-10-05');
    wb.activate(EN);
    wb.sheet(EN)!.ensure(5, 9).v = 0.035;
    expect(await stampEdit(excel, wb.sheet(EN)!.id, 'J6', '2026-10-13', DEFAULT_SETTINGS)).toBe(true);
    const today = logRows(wb).filter((x) => x[2] === SERIAL('2026-10-13'));
    // Objectives on rows of their own above their KRs: the edited row alone does not say which, so the whole
    // check-in runs (a row for every KR), KR-102 under O-100 (excel-addin/edit-checkin.ts).
    expect(today).toHaveLength(7);
    expect(today.find((x) => x[1] === 'KR-102')![3]).toBe('O-100');
    expect(today.find((x) => x[1] === 'KR-102')![6]).toBe(0.035);
    await stampEdit(excel, wb.sheet(EN)!.id, 'E6', '2026-10-14', DEFAULT_SETTINGS);
    expect(logRows(wb).filter((x) => x[2] === SERIAL('2026-10-14'))).toHaveLength(0);
  });
});
