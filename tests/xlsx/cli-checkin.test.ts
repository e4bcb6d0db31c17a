/**
 * `okr-grid checkin file.xlsx`: appends today's rows to the check-in log of the file (one per KR, keyed by cycle, KR
 * and date), never duplicating a day; no charts (ExcelJS cannot write them), so no dashboard from the command line.
 */
import path from 'path';
import { main } from '../../xlsx/cli';
import { englishTable } from '../../fixtures/sheets';
import { captureIo, excelSheet, readWorkbookFile, tempDir, writeExcelWorkbook, removeTempDirs } from './helpers';

jest.setTimeout(60000);

const dir = tempDir('okr-cli-checkin-');
const file = path.join(dir, 'team.xlsx');

async function run(args: string[], today: string) {
  const cap = captureIo({});
  const code = await main([...args, '--today', today, '--quiet'], cap.io);
  return { code, out: cap.out(), err: cap.err() };
}

beforeAll(async () => {
  await writeExcelWorkbook(file, [excelSheet('Q4 OKRs', englishTable, { dateCols: [12, 15] })]);
});
afterAll(() => removeTempDirs());

async function logRows(): Promise<unknown[][]> {
  const wb = await readWorkbookFile(file);
  const ws = wb.getWorksheet('OKR Check-ins');
  expect(ws).toBeDefined();
  const out: unknown[][] = [];
  ws!.eachRow((row, n) => n > 1 && out.push((row.values as unknown[]).slice(1)));
  return out;
}

test('two days give two rows per KR, the same day again none more; the log names its OKR sheet', async () => {
  const a = await run(['checkin', file, '--in-place'], '2026-10-05');
  // 1: the sheet has error-severity findings (exit codes as for every command); 2 would be a failure.
  expect(a.code).toBe(1);
  expect(a.out).toMatch(/7 new rows, 0 updated/);
  expect(await logRows()).toHaveLength(7);
  expect((await run(['checkin', file, '--in-place'], '2026-10-12')).out).toMatch(/7 new rows, 0 updated/);
  const same = await run(['checkin', file, '--in-place'], '2026-10-12');
  expect(same.out).toMatch(/0 new rows, 7 updated/);
  const rows = await logRows();
  expect(rows).toHaveLength(14);
  expect(rows.filter((r) => r[1] === 'KR-101')).toHaveLength(2);
  expect(rows.every((r) => r[10] === 'Q4 OKRs')).toBe(true);
  const wb = await readWorkbookFile(file);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['Q4 OKRs', 'OKR Check-ins']);
});

test('--help lists checkin', async () => {
  const cap = captureIo({});
  await main(['--help'], cap.io);
  expect(cap.out()).toMatch(/okr-grid checkin/);
});
