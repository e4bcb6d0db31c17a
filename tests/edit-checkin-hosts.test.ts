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

/** A cell of the grid or the log as a host's undo puts it back, in both hosts (values as compared: serials). */
interface Put {
  sheet: string;
  row: number;
  col: number;
  value: unknown;
}

/**
 * The host's undo (Ctrl+Z) in both hosts: the cells put back as they were, then the change event each host fires for
 * them (Excel's onChanged with source Local, not from this add-in; Sheets' onEdit), one per sheet's rows.
 */
async function undo(h: Hosts, puts: Put[]): Promise<void> {
  for (const sheetName of [...new Set(puts.map((p) => p.sheet))]) {
    const mine = puts.filter((p) => p.sheet === sheetName);
    const rect = {
      row: Math.min(...mine.map((p) => p.row)),
      col: Math.min(...mine.map((p) => p.col)),
      rows: Math.max(...mine.map((p) => p.row)) - Math.min(...mine.map((p) => p.row)) + 1,
      cols: Math.max(...mine.map((p) => p.col)) - Math.min(...mine.map((p) => p.col)) + 1,
    };
    const sheet = h.wb.sheet(sheetName)!;
    for (const p of mine) h.wb.setInputs(sheet, p.row, p.col, [[p.value === '' ? null : (p.value as string)]]);
    h.wb.emit(sheet, rect, 'user');
    await settled(h.wb);
    const gs = h.gas.book.sheet(sheetName);
    for (const p of mine) {
      const cell = gs.cellAt(p.row, p.col, true)!;
      cell.formula = '';
      cell.value = p.value as never;
    }
    const range = gs.getRange(rect.row + 1, rect.col + 1, rect.rows, rect.cols);
    const value = mine.length === 1 ? mine[0].value : undefined;
    h.gas.call('onEdit', { range, source: h.gas.g.SpreadsheetApp.getActiveSpreadsheet(), value });
  }
}

/** The cells of `sheet` that differ between two reads of its values (the later one's extent), as they were. */
function putBack(sheet: string, was: unknown[][], now: unknown[][]): Put[] {
  const out: Put[] = [];
  now.forEach((line, row) =>
    line.forEach((v, col) => {
      const old = was[row]?.[col] ?? '';
      if ((v ?? '') !== old) out.push({ sheet, row, col, value: old });
    }),
  );
  return out;
}

const trimmed = (s: Seen) => norm({ ...s, log: s.log.filter((r) => r.some((v) => v !== '' && v !== null)) });

test('an undo of an edit leaves no check-in behind, and a 60-row paste checks every row in (built bundles)', async () => {
  const h = await prepared();
  const current = column(h, 'Current');
  const updated = column(h, 'Updated');
  setDay(h, '2026-10-19');
  // The host takes back the add-in's writes (the log's new row, the stamp), then the typed value: as before the edit.
  const before = compared(h);
  const typedBefore = h.wb.valuesOf(SHEET)[6][current];
  await edit(h, 6, current, [77]);
  const after = compared(h);
  expect(after.excel.log.length).toBe(before.excel.log.length + 1);
  expect(norm(after.excel)).toEqual(norm(after.sheets));
  const addIns = [
    ...putBack(LOG, before.excel.log, after.excel.log),
    { sheet: SHEET, row: 6, col: updated, value: before.excel.updated[6] },
  ];
  await undo(h, addIns);
  await undo(h, [{ sheet: SHEET, row: 6, col: current, value: typedBefore }]);
  const undone = compared(h);
  expect(trimmed(undone.excel)).toEqual(trimmed(before.excel));
  expect(trimmed(undone.sheets)).toEqual(trimmed(before.excel));

  // The host takes back the typed value only: today's row of the KR holds the value it brought back, in both hosts.
  const prior = h.wb.valuesOf(SHEET)[8][current];
  await edit(h, 8, current, [88]);
  await undo(h, [{ sheet: SHEET, row: 8, col: current, value: prior }]);
  const kr = h.wb.valuesOf(SHEET)[8][column(h, 'OKR ID')];
  const back = compared(h);
  expect(norm(back.excel)).toEqual(norm(back.sheets));
  const today = back.excel.log.filter((r) => r[1] === kr && r[2] === back.excel.log[back.excel.log.length - 1][2]);
  expect(today.map((r) => r[6])).toEqual([prior]);

  // A paste of 60 rows: every pasted KR checked in with its value (none skipped).
  setDay(h, '2026-10-26');
  await edit(
    h,
    20,
    current,
    Array.from({ length: 60 }, (_, i) => 500 + i),
  );
  const pasted = compared(h);
  expect(norm(pasted.excel)).toEqual(norm(pasted.sheets));
  const ids = h.wb
    .valuesOf(SHEET)
    .slice(20, 80)
    .map((r) => r[column(h, 'OKR ID')]);
  const day = pasted.excel.log[pasted.excel.log.length - 1][2];
  const rows = pasted.excel.log.filter((r) => r[2] === day && ids.includes(r[1] as string));
  expect(rows.map((r) => r[6])).toEqual(Array.from({ length: 60 }, (_, i) => 500 + i));
}, 300000);
