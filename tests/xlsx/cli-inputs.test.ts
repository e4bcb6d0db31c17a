/**
 * The command line checks its inputs: an impossible --today is refused (exit 2, a message naming the value), and
 * rollup reads a workbook named twice (or through a link) once. Facts from the fixtures and the calendar.
 */
import fs from 'fs';
import path from 'path';
import { main } from '../../xlsx/cli';
import { FIXTURE_TODAY } from '../fixtures/sheets';
import { captureIo, excelSheet, tempDir, writeExcelWorkbook, removeTempDirs } from './helpers';

jest.setTimeout(60000);

const dir = tempDir('okr-cli-inputs-');
const team = path.join(dir, 'team.xlsx');
const HEAD = ['ID', 'Cycle', 'Owner', 'Objective', 'Key Result', 'Kind', 'Start', 'Target', 'Current', 'Due'];

async function run(args: string[]) {
  const cap = captureIo();
  const code = await main(args, cap.io);
  return { code, out: cap.out(), err: cap.err() };
}

beforeAll(async () => {
  // One objective with one KR: 0 -> 100 at 40 scores 0.4.
  await writeExcelWorkbook(team, [excelSheet('Team', [HEAD, ['K-1', '2026-Q4', 'Alice', 'Grow', 'Raise signups from 0 to 100', 'Increase', 0, 100, 40, 46387]], { dateCols: [9] })]);
});
afterAll(removeTempDirs);

describe('--today', () => {
  test.each(['2026-02-30', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10'])('%s is not a day of the calendar: exit 2, the value named', async (day) => {
    const r = await run(['validate', team, '--today', day]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(day);
    expect(r.err).toMatch(/--today/);
  });

  test('a real date (2028-02-29, a leap day) is accepted', async () => {
    const r = await run(['validate', team, '--today', '2028-02-29', '--quiet']);
    expect(r.code).toBe(0);
  });
});

describe('rollup reads each real file once', () => {
  test('the same file named twice counts once, and the repeat is reported', async () => {
    const out = path.join(dir, 'company.xlsx');
    const r = await run(['rollup', team, team, '-o', out, '--json', '--today', FIXTURE_TODAY, '--quiet']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.files).toHaveLength(1);
    expect(doc.objectives).toHaveLength(1);
    expect(doc.duplicates).toHaveLength(1);
    expect(r.err).toContain('same file');
  });

  test('a symbolic link and a path with .. to the same file are the same file', async () => {
    const link = path.join(dir, 'link.xlsx');
    fs.symlinkSync(team, link);
    const other = path.join(dir, '..', path.basename(dir), 'team.xlsx');
    const out = path.join(dir, 'company2.xlsx');
    const r = await run(['rollup', team, link, other, '-o', out, '--json', '--today', FIXTURE_TODAY, '--quiet']);
    const doc = JSON.parse(r.out);
    expect(doc.files.map((f: any) => f.file)).toEqual([team]);
    expect(doc.objectives).toHaveLength(1);
  });

  test('-o naming an input through a link is refused (exit 2), the input unchanged', async () => {
    const link = path.join(dir, 'link-out.xlsx');
    fs.symlinkSync(team, link);
    const before = fs.readFileSync(team);
    const r = await run(['rollup', team, '-o', link, '--today', FIXTURE_TODAY, '--quiet']);
    expect(r.code).toBe(2);
    expect(fs.readFileSync(team).equals(before)).toBe(true);
  });
});
