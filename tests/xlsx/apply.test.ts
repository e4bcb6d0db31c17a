/**
 * Applying hand-written plans to a real workbook, saving it and reading the file back with ExcelJS: every part of a
 * SheetPlan must survive the round trip, and strings must never become formulas.
 */
import fs from 'fs';
import path from 'path';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { applyPlan, fillsDown, fillTemplate } from '../../xlsx/apply';
import { emptySheetPlan, OWNED_RULE_MARK, type SheetPlan, type WorkbookPlan } from '../../core/sheet-plan';
import { readWorkbookFile, tempDir, removeTempDirs } from './helpers';
import { runOnWorkbook } from '../../xlsx/adapter';
import { DEFAULT_SETTINGS } from '../../core/settings';
import { FIXTURE_TODAY } from '../../fixtures/sheets';
import { filledCell } from '../../core/row-templates';

let lastFile = '';
async function saveAndRead(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  lastFile = path.join(tempDir('okr-apply-'), 'out.xlsx');
  await wb.xlsx.writeFile(lastFile);
  return readWorkbookFile(lastFile);
}

function userBook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('OKRs');
  ws.getCell('A1').value = 'Key Result';
  ws.getCell('B1').value = 'Current';
  ws.getCell('A2').value = 'Raise repeat rate';
  ws.getCell('B2').value = 0.21;
  ws.getCell('A3').value = 'Cut refunds';
  ws.getCell('B3').value = 0.04;
  // a rule the user made themselves: must survive replaceOwnedRules
  ws.addConditionalFormatting({
    ref: 'B2:B3',
    rules: [
      {
        type: 'expression',
        priority: 1,
        formulae: ['$B2>0.5'],
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FF0000FF' } } },
      } as any,
    ],
  });
  wb.addWorksheet('Notes').getCell('A1').value = 'keep me';
  return wb;
}

function plan(p: Partial<SheetPlan> & { sheet: string }): SheetPlan {
  return { ...emptySheetPlan(p.sheet), ...p };
}

describe('cells', () => {
  let out: ExcelJS.Workbook;
  let cellsFile = '';
  beforeAll(async () => {
    const wb = userBook();
    applyPlan(wb, {
      sheets: [
        plan({
          sheet: 'OKRs',
          writes: [
            {
              row: 0,
              col: 2,
              cells: [
                ['Score', 'Label', 'Flag'],
                [{ f: '=MAX(0,MIN(1,B2/0.25))' }, "=cmd|' /C calc'!A0", true],
                [{ f: '=MAX(0,MIN(1,B3/0.03))' }, '+1', null],
              ],
            },
            { row: 3, col: 0, cells: [['@SUM(A1)', "'quoted", 46387]] },
          ],
          numberFormats: [
            { row: 1, col: 2, formats: [['0%'], ['0%']] },
            { row: 3, col: 2, formats: [['yyyy-mm-dd']] },
          ],
        }),
      ],
    });
    out = await saveAndRead(wb);
    cellsFile = lastFile;
  });

  test('formulas are formulas, without a stale cached result', () => {
    const c = out.getWorksheet('OKRs')!.getCell('C2');
    expect(c.type).toBe(ExcelJS.ValueType.Formula);
    expect(c.formula).toBe('MAX(0,MIN(1,B2/0.25))');
  });
  test('strings that look like formulas stay text', () => {
    const ws = out.getWorksheet('OKRs')!;
    for (const [addr, text] of [
      ['D2', "=cmd|' /C calc'!A0"],
      ['D3', '+1'],
      ['A4', '@SUM(A1)'],
      ['B4', "'quoted"],
    ]) {
      expect(ws.getCell(addr).type).toBe(ExcelJS.ValueType.String);
      expect(ws.getCell(addr).value).toBe(text);
    }
  });
  test('numbers, booleans and nulls', () => {
    const ws = out.getWorksheet('OKRs')!;
    expect(ws.getCell('E2').value).toBe(true);
    expect(ws.getCell('E3').value).toBeNull();
    expect(ws.getCell('C1').value).toBe('Score');
  });
  test('number formats, including a date format that makes a serial a date', () => {
    const ws = out.getWorksheet('OKRs')!;
    expect(ws.getCell('C2').numFmt).toBe('0%');
    expect(ws.getCell('C3').numFmt).toBe('0%');
    expect(ws.getCell('C4').numFmt).toBe('yyyy-mm-dd');
    const v = ws.getCell('C4').value as Date;
    expect(v instanceof Date ? v.toISOString().slice(0, 10) : v).toBe('2026-12-31');
  });
  test('the file asks spreadsheets to compute formulas on open', async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(cellsFile));
    const xml = await zip.file('xl/workbook.xml')!.async('string');
    expect(xml).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });
  test('cells the plan did not touch keep their values', () => {
    const ws = out.getWorksheet('OKRs')!;
    expect(ws.getCell('A2').value).toBe('Raise repeat rate');
    expect(ws.getCell('B3').value).toBe(0.04);
    expect(out.getWorksheet('Notes')!.getCell('A1').value).toBe('keep me');
  });
});

describe('validation, rules, notes, fills, freeze, header', () => {
  let out: ExcelJS.Workbook;
  const owned = `AND(ISNUMBER($C2),$C2<0.4,${OWNED_RULE_MARK})`;
  beforeAll(async () => {
    const wb = userBook();
    // an owned rule from an earlier run, to be replaced
    wb.getWorksheet('OKRs')!.addConditionalFormatting({
      ref: 'C2:C3',
      rules: [
        {
          type: 'expression',
          priority: 2,
          formulae: [`AND($C2>2,${OWNED_RULE_MARK})`],
          style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FF00FF00' } } },
        } as any,
      ],
    });
    const ws = wb.getWorksheet('OKRs')!;
    ws.getCell('A3').note = 'old note';
    ws.getCell('A3').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
    applyPlan(wb, {
      sheets: [
        plan({
          sheet: 'OKRs',
          validations: [
            { range: { row: 1, col: 5, rows: 2, cols: 1 }, list: ['Increase', 'Decrease', 'Stay above'], strict: true },
            { range: { row: 1, col: 6, rows: 2, cols: 1 }, list: ['高', '中', '低'], strict: false },
          ],
          replaceOwnedRules: true,
          rules: [
            {
              ranges: [{ row: 1, col: 2, rows: 2, cols: 1 }],
              formula: '=' + owned,
              fill: '#f4cccc',
              fontColor: '#990000',
            },
          ],
          notes: [
            { row: 1, col: 0, value: 'Score = (current - start) / (target - start)' },
            { row: 2, col: 0, value: '' },
          ],
          backgrounds: [
            { row: 1, col: 1, value: '#fff2cc' },
            { row: 2, col: 0, value: '' },
          ],
          freezeRows: 1,
          header: { range: { row: 0, col: 0, rows: 1, cols: 3 }, bold: true, fill: '#1f4e78', fontColor: '#ffffff' },
          table: { name: 'OKRGrid', range: { row: 0, col: 0, rows: 3, cols: 3 } },
          columnWidths: [{ col: 0, width: 280 }],
        }),
      ],
    });
    out = await saveAndRead(wb);
  });

  test('list validations: strict stops, loose warns, one range each', () => {
    const ws = out.getWorksheet('OKRs')!;
    const f2 = (ws.getCell('F2') as any).dataValidation;
    const f3 = (ws.getCell('F3') as any).dataValidation;
    expect(f2.type).toBe('list');
    expect(f2.formulae[0]).toBe('"Increase,Decrease,Stay above"');
    expect(f2.errorStyle ?? 'stop').toBe('stop');
    expect(f3.formulae[0]).toBe('"Increase,Decrease,Stay above"');
    const g2 = (ws.getCell('G2') as any).dataValidation;
    expect(g2.formulae[0]).toBe('"高,中,低"');
    expect(g2.errorStyle).toBe('warning');
    expect((ws.getCell('F4') as any).dataValidation).toBeUndefined();
  });
  test("owned rules are replaced, the user's own rule is kept", () => {
    const cfs: any[] = (out.getWorksheet('OKRs') as any).conditionalFormattings;
    const formulas = cfs.flatMap((cf) => cf.rules.map((r: any) => `${cf.ref} ${r.formulae[0]}`));
    expect(formulas).toContain('B2:B3 $B2>0.5');
    expect(formulas).toContain(`C2:C3 ${owned}`);
    expect(formulas.some((f) => f.includes('$C2>2'))).toBe(false);
    const mine = cfs.find((cf) => cf.rules[0].formulae[0] === owned).rules[0];
    expect(mine.type).toBe('expression');
    expect(mine.style.fill.bgColor.argb).toBe('FFF4CCCC');
    expect(mine.style.font.color.argb).toBe('FF990000');
  });
  test('notes set and removed', () => {
    const ws = out.getWorksheet('OKRs')!;
    const n: any = ws.getCell('A2').note;
    expect(typeof n === 'string' ? n : n.texts.map((t: any) => t.text).join('')).toBe(
      'Score = (current - start) / (target - start)',
    );
    expect(ws.getCell('A3').note).toBeUndefined();
  });
  test('fills set and cleared', () => {
    const ws = out.getWorksheet('OKRs')!;
    expect((ws.getCell('B2').fill as any).fgColor.argb).toBe('FFFFF2CC');
    const cleared: any = ws.getCell('A3').fill;
    expect(!cleared || cleared.pattern === 'none' || cleared.type !== 'pattern').toBe(true);
    // B3 shared a style with B2 when the file was built: it must not have picked up B2's fill
    const b3: any = ws.getCell('B3').fill;
    expect(b3?.fgColor?.argb).not.toBe('FFFFF2CC');
  });
  test('frozen header row, header style, autofilter, column width', () => {
    const ws = out.getWorksheet('OKRs')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('B1').font.bold).toBe(true);
    expect((ws.getCell('B1').font.color as any).argb).toBe('FFFFFFFF');
    expect((ws.getCell('C1').fill as any).fgColor.argb).toBe('FF1F4E78');
    expect(ws.getCell('D1').font?.bold).toBeFalsy();
    expect(ws.autoFilter).toBe('A1:C3');
    expect(ws.getColumn(1).width).toBe(40);
  });
});

describe('sheets', () => {
  test('a new sheet is created after the named one; replaceAll clears an owned sheet; activate', async () => {
    const wb = userBook();
    const sc = wb.addWorksheet('OKR Scorecard');
    sc.getCell('A1').value = 'old';
    sc.getCell('Z50').value = 'old far away';
    const p: WorkbookPlan = {
      sheets: [
        plan({
          sheet: 'OKR History',
          create: { after: 'OKRs' },
          writes: [
            {
              row: 0,
              col: 0,
              cells: [
                ['Cycle', 'Score'],
                ['2026-Q4', 0.5],
              ],
            },
          ],
        }),
        plan({ sheet: 'OKR Scorecard', replaceAll: true, writes: [{ row: 0, col: 0, cells: [['Scope']] }] }),
      ],
      activate: 'OKR Scorecard',
    };
    applyPlan(wb, p);
    const out = await saveAndRead(wb);
    expect(out.worksheets.map((s) => s.name)).toEqual(['OKRs', 'OKR History', 'Notes', 'OKR Scorecard']);
    expect(out.getWorksheet('OKR History')!.getCell('B2').value).toBe(0.5);
    const scOut = out.getWorksheet('OKR Scorecard')!;
    expect(scOut.getCell('A1').value).toBe('Scope');
    expect(scOut.getCell('Z50').value).toBeNull();
    expect((out.views[0] as any).activeTab).toBe(3);
  });

  test('overwriting the master of a shared formula keeps its clones working', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('A1').value = 1;
    ws.getCell('A2').value = 2;
    ws.getCell('A3').value = 3;
    ws.getCell('B1').value = { formula: 'A1*2', result: 2 } as any;
    ws.getCell('B2').value = { sharedFormula: 'B1', result: 4 } as any;
    ws.getCell('B3').value = { sharedFormula: 'B1', result: 6 } as any;
    applyPlan(wb, { sheets: [plan({ sheet: 'S', writes: [{ row: 0, col: 1, cells: [['Score']] }] })] });
    const out = await saveAndRead(wb);
    const o = out.getWorksheet('S')!;
    expect(o.getCell('B1').value).toBe('Score');
    expect(o.getCell('B2').formula).toBe('A2*2');
    expect(o.getCell('B3').formula).toBe('A3*2');
  });

  test('a list too long for an .xlsx inline dropdown is left out with a warning, not a broken file', async () => {
    const wb = userBook();
    const list = Array.from({ length: 60 }, (_, i) => `Owner number ${i}`);
    const r = applyPlan(wb, {
      sheets: [
        plan({ sheet: 'OKRs', validations: [{ range: { row: 1, col: 3, rows: 2, cols: 1 }, list, strict: false }] }),
      ],
    });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0].zh).toContain('D2:D3');
    const out = await saveAndRead(wb);
    expect((out.getWorksheet('OKRs')!.getCell('D2') as any).dataValidation).toBeUndefined();
  });
});

describe('filled-down formulas are stored the way Excel stores them (shared)', () => {
  test('fillsDown: only the same formula moved down; quoted text, absolute rows and column letters stay', () => {
    const down = (a: string, b: string, d = 1) => {
      const t = fillTemplate(a);
      return t !== null && fillsDown(t, b, d);
    };
    expect(down('IF(A2="",0,B2/$C$1)', 'IF(A3="",0,B3/$C$1)')).toBe(true);
    expect(down('IF(A2="",0,B2/$C$1)', 'IF(A5="",0,B5/$C$1)', 3)).toBe(true);
    expect(down('IF(A2="",0,B2/$C$1)', 'IF(A3="",0,B4/$C$1)')).toBe(false);
    expect(down('IF(A2="",0,B2/$C$1)', 'IF(A3="",0,B3/$C$2)')).toBe(false);
    expect(down('IF(A2="",0,B2/$C$1)', 'IF(A3="",0,C3/$C$1)')).toBe(false);
    // text that looks like a reference is not one
    expect(down('IF(A2="A2",0,B2)', 'IF(A3="A3",0,B3)')).toBe(false);
    expect(down('IF(A2="A2",0,B2)', 'IF(A3="A2",0,B3)')).toBe(true);
    // a number crossing a power of ten, a reference at the very end, names and functions with digits
    expect(down('SUM(T9:T99)', 'SUM(T10:T100)')).toBe(true);
    expect(down('LOG10(A9)+ATAN2(B9,C9)', 'LOG10(A10)+ATAN2(B10,C10)')).toBe(true);
    expect(down('A9', 'A10')).toBe(true);
    expect(down('A9', 'A100')).toBe(false);
    expect(down('A9', 'A10+1')).toBe(false);
    expect(down('A9*2', 'A10*3')).toBe(false);
    expect(fillTemplate('SUM(3:3)')).toBeNull();
  });

  test('a column of row-wise formulas becomes one shared formula; each cell reads back with its own row', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('S');
    const n = 50;
    const cells = Array.from({ length: n }, (_, i) => [
      i + 1,
      i === 20 ? { f: '=A21*3' } : { f: `=IF(A${i + 1}="","",A${i + 1}*2)` },
    ]);
    applyPlan(wb, { sheets: [plan({ sheet: 'S', writes: [{ row: 0, col: 0, cells: cells as any }] })] });
    const out = await saveAndRead(wb);
    const zip = await JSZip.loadAsync(fs.readFileSync(lastFile));
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    // rows 1-20 share, row 21 is its own formula, rows 22-50 share again
    expect((xml.match(/t="shared" ref="/g) ?? []).length).toBe(2);
    expect(xml).toContain('ref="B1:B20"');
    expect(xml).toContain('ref="B22:B50"');
    const ws = out.getWorksheet('S')!;
    expect(ws.getCell('B1').formula).toBe('IF(A1="","",A1*2)');
    expect(ws.getCell('B17').formula).toBe('IF(A17="","",A17*2)');
    expect(ws.getCell('B21').formula).toBe('A21*3');
    expect(ws.getCell('B50').formula).toBe('IF(A50="","",A50*2)');
  });

  test('a column made from one template is shared without reading the text of the rows below the first', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('S');
    let reads = 0;
    /** filledCell's cell, its getter counted (the same object: core's record of its template stays). */
    const counted = (parts: string[], rowText: string) => {
      const cell = filledCell(parts, rowText);
      const get = Object.getOwnPropertyDescriptor(cell, 'f')!.get!;
      Object.defineProperty(cell, 'f', { enumerable: true, get: () => (reads++, get.call(cell)) });
      return cell;
    };
    const score = ['=IF(A', '="",0,A', '*$C$1)'];
    // a literal relative reference beside the mark: rows of this template are not that formula filled down
    const fixed = ['=A', '+B2'];
    const n = 40;
    const cells = Array.from({ length: n }, (_, i) => [
      i + 1,
      counted(score, String(i + 1)),
      counted(fixed, String(i + 1)),
    ]);
    applyPlan(wb, { sheets: [plan({ sheet: 'S', writes: [{ row: 0, col: 0, cells: cells as any }] })] });
    // column B: its first cell once; column C: each cell once, to be written as its own formula
    expect(reads).toBe(1 + n);
    const out = await saveAndRead(wb);
    const zip = await JSZip.loadAsync(fs.readFileSync(lastFile));
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).toContain('ref="B1:B40"');
    expect(xml).not.toContain('ref="C1');
    const ws = out.getWorksheet('S')!;
    expect(ws.getCell('B1').formula).toBe('IF(A1="",0,A1*$C$1)');
    expect(ws.getCell('B37').formula).toBe('IF(A37="",0,A37*$C$1)');
    expect(ws.getCell('C37').formula).toBe('A37+B2');
  });

  test('a formula on every third row (an objective rollup) shares across the empty cells; a value ends the run', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('S');
    const n = 30;
    // rows 1, 4, 7, ..., 19: AVERAGE of its three rows; row 20 holds a value; rows 22, 25, 28 the same shape again
    const cells = Array.from({ length: n }, (_, i) => [
      i + 1,
      i % 3 === 0 ? { f: `=AVERAGE(A${i + 1}:A${i + 3})` } : i === 19 ? 'note' : null,
    ]);
    applyPlan(wb, { sheets: [plan({ sheet: 'S', writes: [{ row: 0, col: 0, cells: cells as any }] })] });
    const out = await saveAndRead(wb);
    const zip = await JSZip.loadAsync(fs.readFileSync(lastFile));
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect((xml.match(/t="shared" ref="/g) ?? []).length).toBe(2);
    expect(xml).toContain('ref="B1:B19"');
    expect(xml).toContain('ref="B22:B28"');
    // one formula text per run: the clones carry none
    expect((xml.match(/AVERAGE/g) ?? []).length).toBe(2);
    const ws = out.getWorksheet('S')!;
    expect(ws.getCell('B1').formula).toBe('AVERAGE(A1:A3)');
    expect(ws.getCell('B13').formula).toBe('AVERAGE(A13:A15)');
    expect(ws.getCell('B14').formula).toBeUndefined();
    expect(ws.getCell('B14').value).toBeNull();
    expect(ws.getCell('B20').value).toBe('note');
    expect(ws.getCell('B28').formula).toBe('AVERAGE(A28:A30)');
  });
});

describe('styles: cells given the same style share one style object (ExcelJS renders each object once)', () => {
  test('a formatted column shares one object per distinct style; the file holds each format where it was put', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('A3').style = { font: { bold: true } }; // a user's own style, under the new format
    const n = 40;
    const formats = Array.from({ length: n }, (_, i) => [i < 30 ? '0%' : 'yyyy-mm-dd']);
    applyPlan(wb, { sheets: [plan({ sheet: 'S', numberFormats: [{ row: 0, col: 0, formats }] })] });
    const objects = new Set(Array.from({ length: n }, (_, i) => ws.getCell(i + 1, 1).style));
    // '0%', '0%' over the bold cell, and the date
    expect(objects.size).toBe(3);
    expect(ws.getCell('A3').style).toEqual({ font: { bold: true }, numFmt: '0%' });
    const out = (await saveAndRead(wb)).getWorksheet('S')!;
    expect(out.getCell('A1').numFmt).toBe('0%');
    expect(out.getCell('A3').font?.bold).toBe(true);
    expect(out.getCell('A4').font?.bold).toBeFalsy();
    expect(out.getCell('A31').numFmt).toBe('yyyy-mm-dd');
  });
});

afterAll(() => removeTempDirs());

describe("the user's own dropdowns stay (issue 11)", () => {
  test('a strict list with help text on the Kind column survives convert; a column without one gets the add-in list', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('OKRs');
    const rows = [
      ['Objective', 'Key Result', 'Kind', 'Type', 'Target', 'Current'],
      ['Grow', 'Raise repeat rate to 25%', 'increase', 'Committed', 0.25, 0.21],
      ['', 'Keep rating at least 4.8', 'above', 'Committed', 4.8, 4.9],
    ];
    rows.forEach((r, i) =>
      r.forEach((v, j) => (ws.getCell(i + 1, j + 1).value = v === '' ? null : (v as ExcelJS.CellValue))),
    );
    const mine = {
      type: 'list',
      allowBlank: false,
      formulae: ['"increase,above"'],
      showErrorMessage: true,
      errorStyle: 'stop',
      showInputMessage: true,
      promptTitle: 'Kind',
      prompt: 'Pick how this KR is scored',
    };
    (ws as any).dataValidations.add('C2:C3', mine);
    const run = runOnWorkbook(wb, 'convert', DEFAULT_SETTINGS, { today: FIXTURE_TODAY, apply: true });
    expect(run.result.ok).toBe(true);
    const back = (await saveAndRead(wb)).getWorksheet('OKRs')!;
    const kind = back.getCell('C2').dataValidation as any;
    expect(kind).toMatchObject({
      type: 'list',
      formulae: ['"increase,above"'],
      errorStyle: 'stop',
      prompt: 'Pick how this KR is scored',
      promptTitle: 'Kind',
    });
    // The Type column had none: it gets the add-in's list.
    expect((back.getCell('D2').dataValidation as any)?.type).toBe('list');
  });
});
