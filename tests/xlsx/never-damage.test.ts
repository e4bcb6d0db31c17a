/**
 * The command line never damages a file: ExcelJS cannot carry macros or charts over, so overwriting the input would
 * silently lose them (and .xlsx content saved under an .xlsm name does not open in Excel). Fixtures: an OKR workbook
 * written by ExcelJS, with a VBA project or a chart part added to its package as Excel stores them.
 */
import fs from 'fs';
import path from 'path';
import JSZip from 'jszip';
import { main } from '../../xlsx/cli';
import { partsOf } from '../../xlsx/package-parts';
import { englishTable, FIXTURE_TODAY } from '../../fixtures/sheets';
import { captureIo, excelSheet, sha256, tempDir, writeExcelWorkbook, removeTempDirs } from './helpers';

jest.setTimeout(60000);

const dir = tempDir('okr-never-damage-');

async function run(args: string[]) {
  const cap = captureIo();
  const code = await main([...args, '--today', FIXTURE_TODAY, '--quiet'], cap.io);
  return { code, out: cap.out(), err: cap.err() };
}

/** The OKR fixture as a file, with extra package parts (name -> content) added. */
async function workbookWith(name: string, parts: Record<string, string>): Promise<string> {
  const file = path.join(dir, name);
  await writeExcelWorkbook(file, [excelSheet('Q4 OKRs', englishTable, { dateCols: [12, 15] })]);
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  for (const [p, content] of Object.entries(parts)) zip.file(p, content);
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
  return file;
}

const VBA = { 'xl/vbaProject.bin': 'VBA project bytes' };
const CHART = {
  'xl/charts/chart1.xml': '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>',
};

afterAll(removeTempDirs);

test('--in-place on a workbook with macros is refused (exit 2), the file byte for byte as it was', async () => {
  const file = await workbookWith('macros.xlsx', VBA);
  const before = sha256(file);
  const r = await run(['convert', file, '--in-place']);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/macros/);
  expect(r.err).toMatch(/-o/);
  expect(sha256(file)).toBe(before);
  expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
});

test('--in-place on a workbook with a chart is refused; the same with -o writes a new file and says the chart is not in it', async () => {
  const file = await workbookWith('chart.xlsx', CHART);
  const before = sha256(file);
  expect((await run(['convert', file, '--in-place'])).code).toBe(2);
  expect(sha256(file)).toBe(before);
  const out = path.join(dir, 'chart-out.xlsx');
  const r = await run(['convert', file, '-o', out, '--json']);
  const doc = JSON.parse(r.out);
  expect(doc.output).toBe(out);
  expect(doc.warnings.map((w: { en: string }) => w.en).join(' ')).toMatch(/charts/);
  expect((await partsOf(fs.readFileSync(out))).charts).toBe(0);
  expect(sha256(file)).toBe(before);
});

test('an .xlsm is never overwritten with .xlsx content, and no output is named .xlsm', async () => {
  const xlsm = await workbookWith('team.xlsm', VBA);
  const before = sha256(xlsm);
  const inPlace = await run(['convert', xlsm, '--in-place']);
  expect(inPlace.code).toBe(2);
  expect(inPlace.err).toMatch(/\.xlsx/);
  expect(sha256(xlsm)).toBe(before);
  const named = await run(['convert', xlsm, '-o', path.join(dir, 'out.xlsm')]);
  expect(named.code).toBe(2);
  expect(fs.existsSync(path.join(dir, 'out.xlsm'))).toBe(false);
  // the default output is team.okr.xlsx, without the macros, and says so
  const r = await run(['convert', xlsm]);
  expect([0, 1]).toContain(r.code);
  expect(fs.existsSync(path.join(dir, 'team.okr.xlsx'))).toBe(true);
  expect(r.out).toMatch(/macros/);
});

test('a plain workbook is still converted in place (nothing to lose)', async () => {
  const file = await workbookWith('plain.xlsx', {});
  const before = sha256(file);
  const r = await run(['convert', file, '--in-place']);
  expect([0, 1]).toContain(r.code);
  expect(sha256(file)).not.toBe(before);
});
