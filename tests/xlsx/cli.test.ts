/**
 * The command line, run in-process on real .xlsx files built from the shared fixtures. Facts asserted come from the
 * fixtures' documentation (tests/fixtures/sheets.ts) and the domain rules, not from a previous run.
 */
import fs from 'fs';
import path from 'path';
import ExcelJS from 'exceljs';
import { main } from '../../xlsx/cli';
import { englishTable, messySheet, messyFormulas, chineseOutline, FIXTURE_TODAY } from '../../fixtures/sheets';
import {
  captureIo,
  excelSheet,
  readWorkbookFile,
  sha256,
  tempDir,
  writeExcelWorkbook,
  removeTempDirs,
} from './helpers';

jest.setTimeout(60000);

const dir = tempDir('okr-cli-');
const english = path.join(dir, 'english.xlsx');
const messy = path.join(dir, 'messy.xlsx');
const chinese = path.join(dir, 'chinese.xlsx');
const clean = path.join(dir, 'clean.xlsx');
const notOkr = path.join(dir, 'budget.xlsx');
const twoSheets = path.join(dir, 'two-sheets.xlsx');

async function run(args: string[], env?: Record<string, string | undefined>) {
  const cap = captureIo(env);
  const code = await main([...args, '--today', FIXTURE_TODAY, '--quiet'], cap.io);
  return { code, out: cap.out(), err: cap.err() };
}

function allFormulas(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((c) => c.type === ExcelJS.ValueType.Formula && out.push(c.formula)));
  return out;
}

beforeAll(async () => {
  await writeExcelWorkbook(english, [excelSheet('Q4 OKRs', englishTable, { dateCols: [12, 15] })]);
  await writeExcelWorkbook(messy, [excelSheet('运营部', messySheet, { formulas: messyFormulas })]);
  await writeExcelWorkbook(chinese, [excelSheet('10月OKR', chineseOutline)]);
  // One objective, one fully specified KR: nothing here breaks an error-severity rule.
  await writeExcelWorkbook(clean, [
    excelSheet(
      'OKRs',
      [
        [
          'Cycle',
          'Owner',
          'Objective',
          'Key Result',
          'Kind',
          'Start',
          'Target',
          'Current',
          'Weight',
          'Due',
          'Last updated',
        ],
        [
          '2026-Q4',
          'Alice Chen',
          'Grow repeat purchases',
          'Raise repeat purchase rate from 18% to 25%',
          'Increase',
          '18%',
          '25%',
          '21%',
          '100%',
          46387,
          46346,
        ],
      ],
      { dateCols: [9, 10] },
    ),
  ]);
  await writeExcelWorkbook(notOkr, [
    excelSheet('Budget', [
      ['Item', 'Cost'],
      ['Laptops', 1200],
      ['Chairs', 300],
    ]),
  ]);
  await writeExcelWorkbook(twoSheets, [
    excelSheet('Read me', [['This workbook holds our team OKRs on the next sheet.']]),
    excelSheet('Q4 OKRs', englishTable, { dateCols: [12, 15] }),
  ]);
});

describe('convert', () => {
  test('writes <name>.okr.xlsx beside the input with portable formulas, leaves the input byte for byte', async () => {
    const before = sha256(english);
    const r = await run(['convert', english]);
    expect(sha256(english)).toBe(before);
    const out = path.join(dir, 'english.okr.xlsx');
    expect(fs.existsSync(out)).toBe(true);
    expect(r.out).toContain(`Wrote ${out}`);
    const wb = await readWorkbookFile(out);
    const ws = wb.getWorksheet('Q4 OKRs')!;
    const formulas = allFormulas(ws);
    // 7 KR scores + 7 KR statuses + 2 objective rollups + 2 objective statuses (objectives have their own rows).
    expect(formulas.length).toBeGreaterThanOrEqual(7 * 2 + 2);
    for (const f of formulas) expect(f).not.toMatch(/OKR\.|OKRSCORE|ROLLUP\(|OKRSTATUS/);
    // the user's cells are still there
    expect(ws.getCell('E5').value).toBe('Raise repeat purchase rate from 18% to 25%');
    expect(ws.getCell('J12').value).toBe('about half');
  });

  test('exit 1 and the finding printed when the sheet has an error-severity finding (the text "about half" in a Current cell)', async () => {
    const r = await run(['convert', english, '-o', path.join(dir, 'e1.xlsx')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/error\s+Q4 OKRs!J12\s+value-problem/);
    expect(r.out).toContain('about half');
  });

  test('exit 0 for a sheet without error findings', async () => {
    const r = await run(['convert', clean, '-o', path.join(dir, 'clean-out.xlsx')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  test('--json prints one JSON document whose findings decide the exit code', async () => {
    const r = await run(['convert', english, '-o', path.join(dir, 'e2.xlsx'), '--json']);
    const doc = JSON.parse(r.out);
    expect(doc.ok).toBe(true);
    expect(doc.sheet).toBe('Q4 OKRs');
    expect(doc.output).toBe(path.join(dir, 'e2.xlsx'));
    const problem = doc.findings.find((f: any) => f.rule === 'value-problem');
    expect(problem).toMatchObject({ severity: 'error', row: 11, col: 9 });
    expect(doc.exitCode).toBe(1);
    expect(r.code).toBe(1);
  });

  test('converting the converted file again changes no columns and keeps one formula per computed cell', async () => {
    const once = path.join(dir, 'once.xlsx');
    const twice = path.join(dir, 'twice.xlsx');
    await run(['convert', english, '-o', once]);
    await run(['convert', once, '-o', twice]);
    const a = (await readWorkbookFile(once)).getWorksheet('Q4 OKRs')!;
    const b = (await readWorkbookFile(twice)).getWorksheet('Q4 OKRs')!;
    expect(b.columnCount).toBe(a.columnCount);
    expect(allFormulas(b)).toEqual(allFormulas(a));
    expect((b.getRow(3).values as unknown[]).slice(1)).toEqual((a.getRow(3).values as unknown[]).slice(1));
  });

  test('Chinese messages with --lang zh', async () => {
    const r = await run(['convert', english, '-o', path.join(dir, 'e3.xlsx'), '--lang', 'zh']);
    expect(r.out).toContain('错误');
    expect(r.out).toContain('已写入');
  });

  test('an outline gets a new grid sheet; the outline itself is untouched', async () => {
    const out = path.join(dir, 'chinese-out.xlsx');
    const r = await run(['convert', chinese, '-o', out, '--lang', 'zh']);
    expect([0, 1]).toContain(r.code);
    const wb = await readWorkbookFile(out);
    expect(wb.worksheets.length).toBe(2);
    expect(wb.worksheets[0].name).toBe('10月OKR');
    expect(wb.worksheets[0].getCell('A5').value).toBe('O:打造一个成功的客户拓展团队');
    expect(allFormulas(wb.worksheets[1]).length).toBeGreaterThanOrEqual(3);
  });

  test('the messy sheet: its formula and the "=cmd|" text survive, the text stays text', async () => {
    const out = path.join(dir, 'messy-out.xlsx');
    await run(['convert', messy, '-o', out]);
    const ws = (await readWorkbookFile(out)).getWorksheet('运营部')!;
    expect(ws.getCell('F4').formula).toBe('0.2+0.01');
    expect(ws.getCell('H4').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('H4').value).toBe("=cmd|' /C calc'!A0");
    expect(ws.getCell('C7').value).toBe('<img src=x onerror=alert(1)>');
  });

  test('when the active sheet is not an OKR sheet, the next sheet that is gets used, and it says so', async () => {
    const r = await run(['convert', twoSheets, '-o', path.join(dir, 'two-out.xlsx'), '--json']);
    expect(JSON.parse(r.out).sheet).toBe('Q4 OKRs');
    const plain = await run(['validate', twoSheets]);
    expect(plain.out).toContain("Using sheet 'Q4 OKRs'.");
    const wb = await readWorkbookFile(path.join(dir, 'two-out.xlsx'));
    expect(wb.getWorksheet('Read me')!.getCell('A1').value).toBe(
      'This workbook holds our team OKRs on the next sheet.',
    );
    expect(allFormulas(wb.getWorksheet('Q4 OKRs')!).length).toBeGreaterThan(0);
  });

  test('--sheet picks a sheet; an unknown one is bad usage', async () => {
    const ok = await run(['validate', twoSheets, '--sheet', 'Q4 OKRs', '--json']);
    expect(JSON.parse(ok.out).sheet).toBe('Q4 OKRs');
    const bad = await run(['validate', twoSheets, '--sheet', 'Nope']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("No sheet named 'Nope'");
  });
});

describe('never overwrites its input unless --in-place', () => {
  test('-o pointing at the input is refused', async () => {
    const copy = path.join(dir, 'copy.xlsx');
    fs.copyFileSync(english, copy);
    const before = sha256(copy);
    const r = await run(['convert', copy, '-o', copy]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--in-place');
    expect(sha256(copy)).toBe(before);
  });
  test('--in-place rewrites the input (and nothing else)', async () => {
    const sub = tempDir('okr-inplace-');
    const copy = path.join(sub, 'team.xlsx');
    fs.copyFileSync(english, copy);
    const before = sha256(copy);
    await run(['convert', copy, '--in-place']);
    expect(sha256(copy)).not.toBe(before);
    expect(fs.readdirSync(sub)).toEqual(['team.xlsx']);
    expect(allFormulas((await readWorkbookFile(copy)).getWorksheet('Q4 OKRs')!).length).toBeGreaterThan(0);
  });
  test('validate writes nothing unless asked', async () => {
    const sub = tempDir('okr-validate-');
    const copy = path.join(sub, 'team.xlsx');
    fs.copyFileSync(english, copy);
    const r = await run(['validate', copy]);
    expect(r.code).toBe(1);
    expect(fs.readdirSync(sub)).toEqual(['team.xlsx']);
    expect(r.out).toContain('Nothing was written.');
  });
});

describe('score / close', () => {
  test('close is score: the quarter close adds scorecard and history sheets', async () => {
    const a = path.join(dir, 'closed-a.xlsx');
    const b = path.join(dir, 'closed-b.xlsx');
    await run(['score', english, '-o', a]);
    await run(['close', english, '-o', b]);
    const wa = await readWorkbookFile(a);
    const wbB = await readWorkbookFile(b);
    expect(wa.worksheets.length).toBeGreaterThan(1);
    expect(wa.worksheets.map((s) => s.name)).toEqual(wbB.worksheets.map((s) => s.name));
  });
});

test('--cycle reaches core: the quarter close is for the cycle asked', async () => {
  const out = path.join(dir, 'closed-q4.xlsx');
  await run(['close', english, '-o', out, '--cycle', 'Q4 2026']);
  const names = (await readWorkbookFile(out)).worksheets.map((s) => s.name);
  expect(names.some((n) => n.includes('2026-Q4'))).toBe(true);
  // A cycle the sheet does not hold: nothing is written, and the message names the cycle the sheet does hold.
  const out3 = path.join(dir, 'closed-q3.xlsx');
  const r3 = await run(['close', english, '-o', out3, '--cycle', '2026-Q3']);
  expect(r3.code).not.toBe(0);
  expect(r3.out + r3.err).toMatch(/2026-Q3/);
  expect(r3.out + r3.err).toMatch(/2026-Q4/);
  if (fs.existsSync(out3)) {
    const names3 = (await readWorkbookFile(out3)).worksheets.map((s) => s.name);
    expect(names3.some((n) => n.includes('2026-Q3'))).toBe(false);
  }
});

describe('unusable input: exit 2 and a clear message in the user’s language', () => {
  const cases: [string, (f: string) => void, RegExp, RegExp][] = [
    ['missing', () => undefined, /File not found/, /找不到文件/],
    ['empty', (f) => fs.writeFileSync(f, ''), /empty \(0 bytes\)/, /空文件/],
    [
      'password-protected',
      // An encrypted OOXML package: an OLE compound file (D0 CF 11 E0 ...) holding an 'EncryptionInfo' stream.
      (f) =>
        fs.writeFileSync(
          f,
          Buffer.concat([
            Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
            Buffer.alloc(504),
            Buffer.from('EncryptionInfo', 'utf16le'),
            Buffer.alloc(64),
          ]),
        ),
      /password-protected/,
      /密码/,
    ],
    [
      'legacy .xls',
      (f) =>
        fs.writeFileSync(
          f,
          Buffer.concat([
            Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
            Buffer.alloc(504),
            Buffer.from('Workbook', 'utf16le'),
          ]),
        ),
      /old-format \.xls/,
      /旧版 \.xls/,
    ],
    [
      'CSV text',
      (f) => fs.writeFileSync(f, 'Objective,Key Result\nGrow,Raise\n'),
      /not an \.xlsx workbook/,
      /不是 \.xlsx 工作簿/,
    ],
    [
      'corrupt zip',
      (f) => fs.writeFileSync(f, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(300, 7)])),
      /looks damaged/,
      /已损坏/,
    ],
  ];
  test.each(cases)('%s', async (name, make, en, zh) => {
    const f = path.join(dir, `bad-${name.replace(/\W+/g, '-')}.xlsx`);
    make(f);
    const r1 = await run(['convert', f]);
    expect(r1.code).toBe(2);
    expect(r1.err).toMatch(en);
    const r2 = await run(['convert', f, '--lang', 'zh']);
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(zh);
    expect(fs.existsSync(path.join(dir, `bad-${name.replace(/\W+/g, '-')}.okr.xlsx`))).toBe(false);
  });

  test('a workbook with no OKRs says so and writes nothing', async () => {
    const r = await run(['convert', notOkr]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no OKR sheet found');
    expect(r.err).toContain('Objective');
    expect(fs.existsSync(path.join(dir, 'budget.okr.xlsx'))).toBe(false);
    const zh = await run(['convert', notOkr, '--lang', 'zh']);
    expect(zh.err).toContain('没有找到 OKR');
  });
});

describe('usage', () => {
  test('--help exits 0 with the usage in the asked language', async () => {
    const en = await run(['--help']);
    expect(en.code).toBe(0);
    expect(en.out).toContain('okr-grid convert');
    expect(en.out).toContain('--in-place');
    const zh = await run(['--help', '--lang', 'zh']);
    expect(zh.out).toContain('用法');
  });
  test('the language follows LANG when --lang is not given', async () => {
    const r = await run(['frobnicate', english], { LANG: 'zh_CN.UTF-8' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('未知命令');
  });
  test.each([
    [['frobnicate', 'x.xlsx'], /unknown command 'frobnicate'/],
    [['convert'], /a workbook file is needed/],
    [['convert', 'a.xlsx', 'b.xlsx'], /exactly one workbook/],
    [['convert', 'a.xlsx', '--lang', 'fr'], /--lang must be en or zh/],
    [['convert', 'a.xlsx', '--bogus'], /unknown option '--bogus'/],
    [['convert', 'a.xlsx', '-o'], /-o needs a value/],
    [['convert', 'a.xlsx', '-o', 'b.xlsx', '--in-place'], /either -o or --in-place/],
    [['rollup', 'a.xlsx', 'b.xlsx'], /rollup needs -o/],
  ])('%j is bad usage', async (args, re) => {
    const r = await run(args as string[]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(re);
  });
});

afterAll(() => removeTempDirs());
