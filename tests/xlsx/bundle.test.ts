/**
 * The built command line (dist/cli/okr-grid.js through bin/okr-grid.js), as `npx okr-grid` runs it: a separate node
 * process, real exit codes, stdout/stderr. Built here with xlsx/webpack.config.js when `npm run build` has not built it.
 */
import fs from 'fs';
import path from 'path';
import { execFileSync, spawnSync } from 'child_process';
import { englishTable, generatedTable, FIXTURE_TODAY } from '../../fixtures/sheets';
import { excelSheet, readWorkbookFile, sha256, tempDir, writeExcelWorkbook, removeTempDirs } from './helpers';

jest.setTimeout(240000);

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'okr-grid.js');
const BUNDLE = path.join(ROOT, 'dist', 'cli', 'okr-grid.js');
const dir = tempDir('okr-bundle-');
const english = path.join(dir, 'team.xlsx');

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'en_US.UTF-8', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  if (!fs.existsSync(BUNDLE)) {
    execFileSync(
      process.execPath,
      [
        require.resolve('webpack-cli/bin/cli.js'),
        '--config',
        path.join(ROOT, 'xlsx', 'webpack.config.js'),
        '--mode',
        'production',
      ],
      {
        cwd: ROOT,
        stdio: 'pipe',
      },
    );
  }
  await writeExcelWorkbook(english, [excelSheet('Q4 OKRs', englishTable, { dateCols: [12, 15] })]);
});

test('the bundle is one self-contained node file (core and ExcelJS inside, no TypeScript at run time)', () => {
  const src = fs.readFileSync(BUNDLE, 'utf8');
  expect(src).not.toMatch(/require\(["'](ts-node|typescript|exceljs)["']\)/);
  expect(fs.readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
});

test("ExcelJS's streaming and CSV modules, never used here, are left out of the bundle (less to parse at each start)", () => {
  const src = fs.readFileSync(BUNDLE, 'utf8');
  // archiver (ExcelJS's streaming writer), unzipper (its streaming reader), fast-csv (its CSV module)
  for (const name of ['ArchiverError', 'PullStream', 'CsvFormatterStream'])
    expect({ name, in: src.includes(name) }).toEqual({ name, in: false });
});

test('convert: exit 1 on the fixture’s error finding, output beside the input, input unchanged', () => {
  const before = sha256(english);
  const r = cli(['convert', english, '--today', FIXTURE_TODAY]);
  expect(r.code).toBe(1);
  expect(r.out).toContain('value-problem');
  expect(r.out).toContain(`Wrote ${path.join(dir, 'team.okr.xlsx')}`);
  expect(sha256(english)).toBe(before);
  expect(fs.existsSync(path.join(dir, 'team.okr.xlsx'))).toBe(true);
});

test('--json on stdout is machine-readable; --lang zh; bad usage exits 2', () => {
  const j = cli(['validate', english, '--json', '--today', FIXTURE_TODAY]);
  expect(JSON.parse(j.out).counts.error).toBeGreaterThanOrEqual(1);
  const zh = cli(['validate', english, '--lang', 'zh', '--today', FIXTURE_TODAY]);
  expect(zh.out).toContain('未写入任何文件');
  const bad = cli(['convert']);
  expect(bad.code).toBe(2);
  expect(bad.err).toContain('okr-grid --help');
});

test('progress on stderr for a large workbook (5,000 KRs), none with --quiet', async () => {
  const big = path.join(dir, 'big.xlsx');
  await writeExcelWorkbook(big, [excelSheet('OKRs', generatedTable(5000), { dateCols: [12, 13] })]);
  expect(fs.statSync(big).size).toBeGreaterThan(256 * 1024);
  const r = cli(['convert', big, '-o', path.join(dir, 'big-out.xlsx'), '--today', FIXTURE_TODAY]);
  expect(r.err).toMatch(/Reading .*big\.xlsx/);
  expect(r.err).toMatch(/Read 5001 rows in \d+ ms/);
  expect(r.err).toMatch(/Writing .*big-out\.xlsx/);
  expect(r.err).toMatch(/Done in \d+ ms/);
  const wb = await readWorkbookFile(path.join(dir, 'big-out.xlsx'));
  let formulas = 0;
  wb.worksheets[0].eachRow((row) => row.eachCell((c) => (c.formula ? formulas++ : 0)));
  // score, status and pace per KR, and each objective's own score (Rollup) on its first KR's row: 4 KRs per objective
  expect(formulas).toBe(3 * 5000 + 5000 / 4);
  const q = cli(['validate', big, '--quiet', '--today', FIXTURE_TODAY]);
  expect(q.err).toBe('');
});

afterAll(() => removeTempDirs());
