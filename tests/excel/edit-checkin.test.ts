/**
 * Issue 13: an edit's check-in in Excel (the onChanged path) reads in the edit's measure, as the Sheets onEdit does:
 * the header and the edited rows, and of the log its head, the edited KRs' newest rows (Range.find) and its last row.
 * At most 3 syncs and the same cells read at 100 and 10,000 KR rows, for one cell and for a 50-row paste; only the
 * edited KRs are logged; an edit of anything but a Current or Confidence cell writes nothing; a failing write leaves
 * the workbook as it was. The in-memory Excel refuses a property read before load + sync and counts syncs and cells.
 */
import { createExcel, SimWorkbook } from '../../playground/excel-sim';
import { runExcelCommand, stampEdit } from '../../excel-addin/adapter';
import { DEFAULT_SETTINGS } from '../../core/settings';
import { isoToSerial } from '../../core/values';
import { generatedTable } from '../../fixtures/sheets';
import { dumpBook, requireBuild, typed, type Book } from './helpers';

beforeAll(requireBuild);

const SHEET = 'Team';
const LOG = 'OKR Check-ins';
const DAY1 = '2026-10-05';
const DAY2 = '2026-10-12';

/** A converted sheet of `rows` KRs checked in on two days (the log then holds two rows per KR). */
async function prepared(rows: number): Promise<Book> {
  const wb = new SimWorkbook([]);
  wb.sheets = [];
  wb.addSheet(SHEET, typed(generatedTable(rows)));
  const excel = createExcel(wb) as unknown as Book['excel'];
  for (const [day, cmd] of [
    [DAY1, 'convert'],
    [DAY1, 'checkin'],
    [DAY2, 'checkin'],
  ] as const) {
    wb.activate(SHEET);
    expect((await runExcelCommand(excel, cmd, DEFAULT_SETTINGS, day)).ok).toBe(true);
  }
  return { wb, excel };
}

const col = (b: Book, header: string) => b.wb.valuesOf(SHEET)[0].indexOf(header);
const A1 = (row: number, c: number) => String.fromCharCode(65 + c) + (row + 1);

/** Types `values` down the Current column from sheet row `row` (0-based) and fires the edit; what it cost. */
async function edit(b: Book, row: number, values: unknown[], day: string) {
  const c = col(b, 'Current');
  values.forEach((v, i) => (b.wb.sheet(SHEET)!.ensure(row + i, c).v = v as number));
  const address = values.length === 1 ? A1(row, c) : `${A1(row, c)}:${A1(row + values.length - 1, c)}`;
  const [s0, c0] = [b.wb.syncCount, b.wb.cellsRead];
  const stamped = await stampEdit(b.excel, b.wb.sheet(SHEET)!.id, address, day, DEFAULT_SETTINGS);
  return { stamped, syncs: b.wb.syncCount - s0, cells: b.wb.cellsRead - c0 };
}

/** Everything a user sees of the workbook (an empty cell in the General format is no different from no cell). */
function seen(wb: SimWorkbook): string {
  const empty = (c: unknown) => {
    const x = c as { v: unknown; f: unknown; fill: unknown; nf: unknown } | null;
    return !x || (x.v === null && x.f === null && x.fill === null && (x.nf === null || x.nf === 'General'));
  };
  const book = dumpBook(wb) as { each: { cells: unknown[][] }[] };
  for (const s of book.each) {
    s.cells = s.cells.map((row) => (row ?? []).map((c) => (empty(c) ? null : c)));
    while (s.cells.length && s.cells[s.cells.length - 1].every((c) => c === null)) s.cells.pop();
  }
  return JSON.stringify(book);
}

/** The host says which ExcelApi sets it supports (Office.context.requirements), as excelSupport() asks it. */
async function withApi<T>(api: number, run: () => Promise<T>): Promise<T> {
  const g = globalThis as { Office?: unknown };
  g.Office = {
    context: { requirements: { isSetSupported: (_: string, v = '1.1') => Number(v.split('.')[1]) <= api } },
  };
  try {
    return await run();
  } finally {
    delete g.Office;
  }
}

const logOn = (b: Book, day: string) => b.wb.valuesOf(LOG).filter((r) => r[2] === isoToSerial(day));
const idOf = (b: Book, row: number) => b.wb.valuesOf(SHEET)[row][col(b, 'OKR ID')];

describe("an edit's check-in in Excel, in the edit's measure", () => {
  test('one cell and a 50-row paste: at most 3 syncs, the same syncs and cells at 100 and 10,000 rows', async () => {
    const out: Record<string, unknown>[] = [];
    for (const rows of [100, 10000]) {
      const b = await prepared(rows);
      const one = await edit(b, 1, [7], DAY2);
      const paste = await edit(
        b,
        2,
        Array.from({ length: 50 }, (_, i) => i + 1),
        DAY2,
      );
      expect([one.stamped, paste.stamped]).toEqual([true, true]);
      out.push({ one, paste });
    }
    expect(out[1]).toEqual(out[0]);
    const { one, paste } = out[0] as Record<string, { syncs: number; cells: number }>;
    expect(one.syncs).toBeLessThanOrEqual(3);
    expect(paste.syncs).toBe(one.syncs);
    // The header, the edited rows, the log's head, the KRs' rows and its last row: never a sheet (10,000 x 20).
    expect(one.cells).toBeLessThan(1000);
    expect(paste.cells).toBeLessThan(5000);
  }, 600000);

  test("the same day: only the edited KR's row is rewritten, as Check in would rewrite it", async () => {
    const viaEdit = await prepared(100);
    const viaCommand = await prepared(100);
    const before = viaEdit.wb.valuesOf(LOG);
    await edit(viaEdit, 1, [7], DAY2);
    viaCommand.wb.sheet(SHEET)!.ensure(1, col(viaCommand, 'Current')).v = 7;
    viaCommand.wb.activate(SHEET);
    await runExcelCommand(viaCommand.excel, 'checkin', DEFAULT_SETTINGS, DAY2, undefined, { dashboard: false });
    const after = viaEdit.wb.valuesOf(LOG);
    expect(after).toEqual(viaCommand.wb.valuesOf(LOG));
    const changed = after.filter((r, i) => JSON.stringify(r) !== JSON.stringify(before[i]));
    expect(changed).toHaveLength(1);
    expect([changed[0][1], changed[0][2], changed[0][6]]).toEqual([idOf(viaEdit, 1), isoToSerial(DAY2), 7]);
  }, 60000);

  test("a log sorted newest first: the edited KR's row of today is rewritten, not added again (as in Sheets)", async () => {
    const b = await prepared(100);
    const log = b.wb.sheet(LOG)!;
    const [header, ...data] = b.wb.valuesOf(LOG);
    b.wb.setInputs(log, 0, 0, [header, ...data.slice().reverse()] as never);
    const before = b.wb.valuesOf(LOG).length;
    await edit(b, 1, [7], DAY2);
    expect(b.wb.valuesOf(LOG).length).toBe(before);
    expect(
      logOn(b, DAY2)
        .filter((r) => r[1] === idOf(b, 1))
        .map((r) => r[6]),
    ).toEqual([7]);
  });

  test('a new day: one row for the edited KR, appended after the last row, and its Updated stamp', async () => {
    const b = await prepared(100);
    const before = b.wb.valuesOf(LOG).length;
    const day = '2026-10-19';
    expect((await edit(b, 3, [9], day)).stamped).toBe(true);
    const rows = b.wb.valuesOf(LOG);
    expect(rows).toHaveLength(before + 1);
    expect([rows[before][1], rows[before][6]]).toEqual([idOf(b, 3), 9]);
    expect(logOn(b, day)).toHaveLength(1);
    expect(b.wb.valuesOf(SHEET)[3][col(b, 'Updated')]).toBe(isoToSerial(day));
  }, 60000);

  test('an edit of anything but a KR value writes nothing: title, notes, outside the grid, several areas', async () => {
    const b = await prepared(100);
    const day = '2026-10-19';
    const before = seen(b.wb);
    const id = b.wb.sheet(SHEET)!.id;
    const current = A1(3, col(b, 'Current'));
    for (const address of [
      A1(3, col(b, 'Key Result')),
      A1(3, col(b, 'Notes') >= 0 ? col(b, 'Notes') : 4),
      A1(0, col(b, 'Current')),
      'Z900',
      `${current},${A1(5, col(b, 'Current'))}`,
      `${String.fromCharCode(65 + col(b, 'Current'))}:${String.fromCharCode(65 + col(b, 'Current'))}`,
    ]) {
      const s0 = b.wb.syncCount;
      expect([address, await stampEdit(b.excel, id, address, day, DEFAULT_SETTINGS)]).toEqual([address, false]);
      expect([address, b.wb.syncCount - s0 <= 1]).toEqual([address, true]);
    }
    expect(seen(b.wb)).toBe(before);
  }, 60000);

  test('a write failing at any point leaves the workbook as it was (but for the edit itself)', async () => {
    for (let at = 1; at <= 4; at++) {
      const b = await prepared(100);
      const c = col(b, 'Current');
      b.wb.sheet(SHEET)!.ensure(3, c).v = 9;
      const before = seen(b.wb);
      b.wb.injectFault(at);
      expect(await stampEdit(b.excel, b.wb.sheet(SHEET)!.id, A1(3, c), '2026-10-19', DEFAULT_SETTINGS)).toBe(false);
      expect([at, seen(b.wb) === before]).toEqual([at, true]);
    }
  }, 120000);

  test('without Range.find (ExcelApi 1.8) the whole check-in runs, with the same log', async () => {
    const old = await prepared(100);
    const now = await prepared(100);
    old.wb.apiVersion = 8;
    await withApi(8, () => edit(old, 3, [9], '2026-10-19'));
    await edit(now, 3, [9], '2026-10-19');
    expect(logOn(old, '2026-10-19')).toHaveLength(100);
    expect(logOn(old, '2026-10-19').find((r) => r[1] === idOf(old, 3))).toEqual(logOn(now, '2026-10-19')[0]);
  }, 60000);
});
