/**
 * Issue 13: the same edits give the same log in both hosts, through the BUILT bundles: Excel's task pane
 * (dist/excel/taskpane.js in jsdom over the in-memory Excel: its onChanged watcher) and the Apps Script project
 * (dist/gas: its simple onEdit trigger over the fake Spreadsheet service). One sheet converted and checked in on two
 * days in each host (the ribbon's commands.js, the sidebar's panelRun), then: a Current cell on the day of the last
 * check-in (its row rewritten), a 50-row paste on a new day (50 rows appended), a Confidence cell, a title and a cell
 * outside the grid (nothing); after each, both logs and both Updated columns are the same.
 */
import * as fs from 'fs';
import * as path from 'path';
import { JSDOM } from 'jsdom';
import { createExcel, createOffice, SimWorkbook } from '../playground/excel-sim';
import { generatedTable } from '../fixtures/sheets';
import { dateAt } from './clock';
import { DIST as EXCEL_DIST, requireBuild, typed } from './excel/helpers';
import { loadProject, type LoadedProject } from './gas/harness';

beforeAll(requireBuild);

const SHEET = 'Team';
const LOG = 'OKR Check-ins';
const KRS = 100;

interface Hosts {
  wb: SimWorkbook;
  win: Record<string, unknown>;
  gas: LoadedProject;
}

/** Waits until the workbook has been quiet (no sync) for a while: the onChanged handler has finished. */
async function settled(wb: SimWorkbook): Promise<void> {
  let last = -1;
  for (let quiet = 0; quiet < 5;) {
    await new Promise((r) => setTimeout(r, 20));
    quiet = wb.syncCount === last ? quiet + 1 : 0;
    last = wb.syncCount;
  }
}

function setDay(h: Hosts, day: string): void {
  h.win.Date = dateAt(day);
  h.gas.g.Date = dateAt(day);
}

async function prepared(): Promise<Hosts> {
  const wb = new SimWorkbook([]);
  wb.sheets = [];
  wb.addSheet(SHEET, typed(generatedTable(KRS)));
  const dom = new JSDOM('<div id="app"></div>', { runScripts: 'outside-only' });
  const win = dom.window as unknown as Record<string, unknown> & { eval(code: string): unknown };
  const office = createOffice(wb, 'en-US');
  win.Office = office;
  win.Excel = createExcel(wb);
  const gas = loadProject({ evaluate: undefined }, (b) => b.addSheet(SHEET, generatedTable(KRS)));
  const h = { wb, win, gas };
  setDay(h, '2026-10-05');
  for (const f of ['commands.js', 'taskpane.js']) win.eval(fs.readFileSync(path.join(EXCEL_DIST, f), 'utf8'));
  await settled(wb);
  for (const [day, cmd, fn] of [
    ['2026-10-05', 'convert', 'okrConvert'],
    ['2026-10-05', 'checkin', 'okrCheckin'],
    ['2026-10-12', 'checkin', 'okrCheckin'],
  ]) {
    setDay(h, day);
    wb.activate(SHEET);
    await office.associated.get(fn)!({ completed: () => undefined, source: { id: fn } });
    await settled(wb);
    gas.book.active = gas.book.sheet(SHEET);
    expect(gas.call('panelRun', cmd).ok).toBe(true);
  }
  return h;
}

const column = (h: Hosts, header: string) => h.wb.valuesOf(SHEET)[0].indexOf(header);

/** The same values typed (one cell) or pasted (a column of cells) from `row` (0-based) down `col`, in both hosts. */
async function edit(h: Hosts, row: number, col: number, values: (string | number)[]): Promise<void> {
  const sheet = h.wb.sheet(SHEET)!;
  h.wb.setInputs(
    sheet,
    row,
    col,
    values.map((v) => [v]),
  );
  h.wb.emit(sheet, { row, col, rows: values.length, cols: 1 }, 'user');
  await settled(h.wb);
  const range = h.gas.book.sheet(SHEET).getRange(row + 1, col + 1, values.length, 1);
  range.setValues(values.map((v) => [v]));
  const value = values.length === 1 ? values[0] : undefined;
  h.gas.call('onEdit', { range, source: h.gas.g.SpreadsheetApp.getActiveSpreadsheet(), value });
}

/** Both hosts' log and Updated column, as values (dates as serial numbers in both). */
interface Seen {
  log: unknown[][];
  updated: unknown[];
}

function compared(h: Hosts): { excel: Seen; sheets: Seen } {
  const updated = column(h, 'Updated');
  const excelGrid = h.wb.valuesOf(SHEET);
  const sheetsGrid = h.gas.book.sheet(SHEET).values();
  return {
    excel: { log: h.wb.valuesOf(LOG), updated: excelGrid.map((r) => r[updated] ?? '') },
    sheets: { log: h.gas.book.sheet(LOG).values(), updated: sheetsGrid.map((r) => r[updated] ?? '') },
  };
}

const norm = (v: unknown) => JSON.parse(JSON.stringify(v, (_, x) => (x === null ? '' : x)));

test('the same edits give the same log and stamps in Excel and in Sheets (built bundles)', async () => {
  const h = await prepared();
  const current = column(h, 'Current');
  const start = compared(h);
  expect(norm(start.excel)).toEqual(norm(start.sheets));
  const rows = start.excel.log.length;
  const steps: [string, number, number, (string | number)[], number][] = [
    // [day, row, column, values, log rows added]
    ['2026-10-12', 2, current, [7], 0],
    ['2026-10-19', 4, current, Array.from({ length: 50 }, (_, i) => i + 1), 50],
    ['2026-10-19', 60, column(h, 'Confidence'), ['Low'], 1],
    ['2026-10-19', 70, column(h, 'Key Result'), ['A new title'], 0],
    ['2026-10-19', 300, current, [5], 0],
  ];
  let expected = rows;
  for (const [day, row, col, values, added] of steps) {
    setDay(h, day);
    const before = JSON.stringify(compared(h).excel);
    await edit(h, row, col, values);
    const now = compared(h);
    expected += added;
    expect([day, row, now.excel.log.length]).toEqual([day, row, expected]);
    expect(norm(now.excel)).toEqual(norm(now.sheets));
    if (row === 2) expect(JSON.stringify(now.excel)).not.toBe(before);
  }
}, 300000);
