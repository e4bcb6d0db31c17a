/**
 * `okr-grid rollup`: a company workbook and a team workbook whose objective aligns to the company objective.
 * Hand-computed: company KR 0 -> 100 at 50 scores 0.5; team KR 0 -> 10 at 10 scores 1.0; the company objective
 * rolled up with the objective aligned to it is the mean of 0.5 and 1.0 = 0.75.
 */
import fs from 'fs';
import path from 'path';
import { main } from '../../xlsx/cli';
import { FIXTURE_TODAY } from '../../fixtures/sheets';
import {
  cached,
  captureIo,
  excelSheet,
  readWorkbookFile,
  sha256,
  tempDir,
  writeExcelWorkbook,
  removeTempDirs,
} from './helpers';

jest.setTimeout(60000);

const dir = tempDir('okr-rollup-');
const company = path.join(dir, 'company.xlsx');
const team = path.join(dir, 'team-growth.xlsx');
const out = path.join(dir, 'all.xlsx');
const HEAD = [
  'ID',
  'Cycle',
  'Level',
  'Owner',
  'Objective',
  'Key Result',
  'Kind',
  'Start',
  'Target',
  'Current',
  'Due',
  'Aligned to',
];

async function run(args: string[]) {
  const cap = captureIo();
  const code = await main([...args, '--today', FIXTURE_TODAY], cap.io);
  return { code, out: cap.out(), err: cap.err() };
}

beforeAll(async () => {
  await writeExcelWorkbook(company, [
    excelSheet(
      'Company',
      [
        HEAD,
        [
          'CK-1',
          '2026-Q4',
          'Company',
          'CEO',
          'Win repeat customers',
          'Raise company repeat rate from 0 to 100',
          'Increase',
          0,
          100,
          50,
          46387,
          '',
        ],
      ],
      { dateCols: [10] },
    ),
  ]);
  await writeExcelWorkbook(team, [
    excelSheet(
      'Growth',
      [
        HEAD,
        [
          'TK-1',
          '2026-Q4',
          'Team',
          'Alice',
          'Grow store repeat purchases',
          'Raise store repeat rate from 0 to 10',
          'Increase',
          0,
          10,
          10,
          46387,
          'Win repeat customers',
        ],
        [
          'TK-2',
          '2026-Q4',
          'Team',
          'Alice',
          'Ship the loyalty app',
          'Launch the loyalty app',
          'Milestone',
          '',
          '',
          'Done',
          46387,
          'CO-99',
        ],
      ],
      { dateCols: [10] },
    ),
  ]);
});

test('one company scorecard along the aligned-to links, inputs untouched', async () => {
  const before = [sha256(company), sha256(team)];
  const r = await run(['rollup', company, team, '-o', out, '--json']);
  expect([sha256(company), sha256(team)]).toEqual(before);
  expect(r.err).toContain('[1/2]');
  expect(r.err).toContain('[2/2]');
  const doc = JSON.parse(r.out);
  expect(doc.files.map((f: any) => f.objectives)).toEqual([1, 2]);
  const byTitle = Object.fromEntries(doc.objectives.map((o: any) => [o.title, o]));
  expect(byTitle['Win repeat customers'].score).toBeCloseTo(0.5, 12);
  expect(byTitle['Grow store repeat purchases'].score).toBeCloseTo(1, 12);
  expect(byTitle['Win repeat customers'].rolledUp).toBeCloseTo(0.75, 12);
  expect(byTitle['Win repeat customers'].children).toEqual([byTitle['Grow store repeat purchases'].id]);
  // 'CO-99' is in none of the workbooks: reported, not silently dropped
  expect(doc.unresolved).toHaveLength(1);
  expect(doc.unresolved[0].en).toContain('CO-99');

  const wb = await readWorkbookFile(out);
  expect(wb.worksheets.map((s) => s.name)).toEqual(['Company scorecard', 'Objectives']);
  const ob = wb.getWorksheet('Objectives')!;
  const header = (ob.getRow(1).values as unknown[]).slice(1);
  const col = (name: string) => header.indexOf(name) + 1;
  const rowOf = (title: string) => {
    for (let r = 2; r <= ob.rowCount; r++) if (ob.getCell(r, col('Objective')).value === title) return r;
    return -1;
  };
  const cr = rowOf('Win repeat customers');
  expect(cr).toBeGreaterThan(1);
  expect(ob.getCell(cr, col('Workbook')).value).toBe('company.xlsx');
  expect(cached(ob.getCell(cr, col('With aligned')))).toBeCloseTo(0.75, 12);
  expect(ob.getCell(cr, col('With aligned')).numFmt).toBe('0%');
  expect(ob.getCell(rowOf('Grow store repeat purchases'), col('Workbook')).value).toBe('team-growth.xlsx');
  const sc = wb.getWorksheet('Company scorecard')!;
  expect(sc.getCell('A1').value).toBe('Scope');
  // Total row: 3 objectives, mean of 0.5, 1.0 and 1.0 (the loyalty app is done)
  expect(sc.getCell('E2').value).toBe(3);
  expect(Number(sc.getCell('G2').value)).toBeCloseTo((0.5 + 1 + 1) / 3, 12);
});

test('a workbook without OKRs stops the rollup with exit 2 and writes nothing', async () => {
  const junk = path.join(dir, 'junk.xlsx');
  await writeExcelWorkbook(junk, [
    excelSheet('Budget', [
      ['Item', 'Cost'],
      ['Laptops', 1200],
    ]),
  ]);
  const o = path.join(dir, 'never.xlsx');
  const r = await run(['rollup', company, junk, '-o', o]);
  expect(r.code).toBe(2);
  expect(r.err).toContain('junk.xlsx');
  expect(fs.existsSync(o)).toBe(false);
});

test('Chinese sheet names and text with --lang zh', async () => {
  const o = path.join(dir, 'zh.xlsx');
  const r = await run(['rollup', company, team, '-o', o, '--lang', 'zh']);
  expect(r.out).toContain('已汇总 2 个工作簿');
  const wb = await readWorkbookFile(o);
  expect(wb.worksheets.map((s) => s.name)).toEqual(['公司记分卡', '目标']);
});

test('objectives of another cycle are left out of the scorecard and the user is told', async () => {
  const old = path.join(dir, 'team-q3.xlsx');
  await writeExcelWorkbook(old, [
    excelSheet(
      'Q3',
      [
        HEAD,
        [
          'TQ-1',
          '2026-Q3',
          'Team',
          'Bob',
          'Last quarter goal',
          'Raise rate from 0 to 10',
          'Increase',
          0,
          10,
          5,
          46295,
          '',
        ],
      ],
      { dateCols: [10] },
    ),
  ]);
  const r = await run([
    'rollup',
    company,
    team,
    old,
    '-o',
    path.join(dir, 'with-q3.xlsx'),
    '--cycle',
    '2026-Q4',
    '--quiet',
  ]);
  expect(r.out).toContain('1 objective(s) belong to other cycles than 2026-Q4');
  expect(r.out).toContain('3 objectives');
});

afterAll(() => removeTempDirs());
