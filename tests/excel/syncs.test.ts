/**
 * context.sync() calls per command through the BUILT commands.js (the ribbon's buttons) on the in-memory Excel,
 * which refuses a request or a response above Excel on the web's ~5 MB: at most 3 per command, the same at 100 and
 * at 10,000 rows, none refused. A converted 10,000-row grid's formulas alone are ~3 MB: the grid is read without
 * their text (where they are instead), and the formulas a convert overwrites are read in its lookup.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { createExcel, createOffice, SimWorkbook } from '../../playground/excel-sim';
import { runExcelCommand, stampEdit } from '../../excel-addin/adapter';
import { DEFAULT_SETTINGS } from '../../core/settings';
import { FIXTURE_TODAY, generatedTable } from '../../fixtures/sheets';
import { dateAt } from '../clock';
import { DIST, requireBuild, typed } from './helpers';

beforeAll(requireBuild);

const SHEET = 'Team';
/** Ribbon button -> what is counted under that name; okrConvert twice: the first Convert, then Convert again. */
const BUTTONS: [string, string][] = [
  ['okrConvert', 'convert'],
  ['okrValidate', 'validate'],
  ['okrClear', 'clear'],
  ['okrScore', 'score'],
  ['okrCheckin', 'checkin'],
  ['okrRollForward', 'rollForward'],
  ['okrConvert', 'convert again'],
];

interface Count {
  syncs: number;
  refused: number;
}

/** Every ribbon button pressed in turn on a `rows`-row sheet, each on the OKR sheet; the syncs each one took. */
async function pressAll(rows: number): Promise<Record<string, Count>> {
  const wb = new SimWorkbook([]);
  wb.sheets = [];
  wb.addSheet(SHEET, typed(generatedTable(rows)));
  const office = createOffice(wb, 'en-US');
  const sandbox: Record<string, unknown> = {
    Office: office,
    Excel: createExcel(wb),
    console,
    setTimeout,
    clearTimeout,
  };
  sandbox.Date = dateAt(FIXTURE_TODAY, 4);
  sandbox.globalThis = sandbox;
  sandbox.self = sandbox;
  sandbox.window = sandbox;
  vm.runInNewContext(fs.readFileSync(path.join(DIST, 'commands.js'), 'utf8'), sandbox, { filename: 'commands.js' });
  const out: Record<string, Count> = {};
  for (const [fn, name] of BUTTONS) {
    wb.activate(SHEET);
    const [s0, r0] = [wb.syncCount, wb.refusedSyncs];
    let done = 0;
    await office.associated.get(fn)!({ completed: () => done++, source: { id: fn } });
    expect([name, done]).toEqual([name, 1]);
    out[name] = { syncs: wb.syncCount - s0, refused: wb.refusedSyncs - r0 };
  }
  // Every command did its work: scored to the last row, a next-quarter sheet, a log.
  expect(wb.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(['OKR History', 'OKR Check-ins', 'OKR 2027-Q1']));
  return out;
}

test('the ribbon at 100 and 10,000 rows: at most 3 syncs each, the same at both sizes, none refused', async () => {
  const small = await pressAll(100);
  const large = await pressAll(10000);
  const syncs = (m: Record<string, Count>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.syncs]));
  for (const [name, n] of Object.entries(syncs(small))) expect([name, n <= 3]).toEqual([name, true]);
  expect(syncs(large)).toEqual(syncs(small));
  for (const [name, m] of Object.entries(large)) expect([name, m.refused]).toEqual([name, 0]);
}, 180000);

/**
 * The panel's summary, and edits of a Current cell (the adapter's onChanged path, which the task pane bundles): the
 * check-in with the Updated stamp in its plan, after the header's read for the first edit of a sheet.
 */
async function readOnlyAndEdits(rows: number): Promise<{ summary: number; edits: number[]; refused: number }> {
  const wb = new SimWorkbook([]);
  wb.sheets = [];
  wb.addSheet(SHEET, typed(generatedTable(rows)));
  const excel = createExcel(wb) as unknown as Parameters<typeof runExcelCommand>[0];
  expect((await runExcelCommand(excel, 'convert', DEFAULT_SETTINGS, FIXTURE_TODAY)).ok).toBe(true);
  const [s0, r0] = [wb.syncCount, wb.refusedSyncs];
  expect((await runExcelCommand(excel, 'summary', DEFAULT_SETTINGS, FIXTURE_TODAY)).ok).toBe(true);
  const summary = wb.syncCount - s0;
  const edits: number[] = [];
  // K3: the Current of the first KR, typed anew each day (an unchanged value the log already holds records nothing).
  for (const [i, day] of [FIXTURE_TODAY, '2026-11-24'].entries()) {
    wb.sheet(SHEET)!.ensure(2, 10).v = 1000 + i;
    const s1 = wb.syncCount;
    expect(await stampEdit(excel, wb.sheet(SHEET)!.id, 'K3', day, DEFAULT_SETTINGS)).toBe(true);
    edits.push(wb.syncCount - s1);
  }
  expect(wb.sheet('OKR Check-ins')).toBeDefined();
  return { summary, edits, refused: wb.refusedSyncs - r0 };
}

test('summary and the edit path: the same syncs at 100 and 10,000 rows, none refused', async () => {
  const small = await readOnlyAndEdits(100);
  const large = await readOnlyAndEdits(10000);
  expect(small.summary).toBe(1);
  // The first edit reads the header, then the check-in (read, apply: a new log); the next, on the next day, knows
  // the header: read, lookup (the formats under the log rows it appends), apply.
  expect(small.edits).toEqual([3, 3]);
  expect(large).toEqual(small);
  expect(large.refused).toBe(0);
}, 120000);
