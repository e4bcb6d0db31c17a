/**
 * Issue 13 item 6: the command line keeps the cells of sheets a plan makes whole (added, or owned and replaced) out of
 * ExcelJS and renders them straight to the sheet's XML at the save (xlsx/direct-sheet.ts). The file must hold exactly
 * what the same plan applied to ExcelJS cells gives: every cell's value, formula, type and style, read back.
 */
import fs from 'fs';
import path from 'path';
import ExcelJS from 'exceljs';
import { applyPlan } from '../../xlsx/apply';
import { runOnWorkbook, saveWorkbook } from '../../xlsx/adapter';
import { directCellsOf } from '../../xlsx/direct-sheet';
import { readSnapshot } from '../../xlsx/snapshot';
import { emptySheetPlan, OWNED_RULE_MARK, type SheetPlan, type WorkbookPlan } from '../../core/sheet-plan';
import { DEFAULT_SETTINGS } from '../../core/settings';
import { FIXTURE_TODAY, generatedTable } from '../../fixtures/sheets';
import { excelSheet, readWorkbookFile, removeTempDirs, tempDir, writeExcelWorkbook } from './helpers';

const dir = tempDir('okr-direct-');
afterAll(() => removeTempDirs());

const plan = (p: Partial<SheetPlan> & { sheet: string }): SheetPlan => ({ ...emptySheetPlan(p.sheet), ...p });

function userBook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('OKRs').getCell('A1').value = 'Key Result';
  const owned = wb.addWorksheet('Scorecard');
  owned.getCell('A1').value = 'old score';
  owned.getCell('Z40').value = 'old, far away';
  return wb;
}

/** Everything ExcelJS reads back of a cell. */
const cellText = (c: ExcelJS.Cell) => JSON.stringify({ v: c.value, f: c.formula, t: c.type, s: c.style });

/** Every cell and sheet property of the two files' sheets, side by side where they differ. */
async function differences(a: string, b: string): Promise<string[]> {
  const [A, B] = [await readWorkbookFile(a), await readWorkbookFile(b)];
  const out: string[] = [];
  expect(B.worksheets.map((w) => w.name)).toEqual(A.worksheets.map((w) => w.name));
  for (const wa of A.worksheets) {
    const wb = B.getWorksheet(wa.name)!;
    for (const k of ['views', 'autoFilter', 'state', 'conditionalFormattings'])
      if (JSON.stringify((wa as any)[k]) !== JSON.stringify((wb as any)[k])) out.push(`${wa.name} ${k}`);
    if (JSON.stringify((wa as any).dataValidations.model) !== JSON.stringify((wb as any).dataValidations.model))
      out.push(`${wa.name} validations`);
    if (JSON.stringify(wa.columns?.map((c) => c.width)) !== JSON.stringify(wb.columns?.map((c) => c.width)))
      out.push(`${wa.name} widths`);
    expect(wb.rowCount).toBe(wa.rowCount);
    for (let r = 1; r <= wa.rowCount; r++) {
      const n = Math.max(wa.getRow(r).cellCount, wb.getRow(r).cellCount);
      for (let c = 1; c <= n; c++) {
        const [x, y] = [cellText(wa.getCell(r, c)), cellText(wb.getCell(r, c))];
        if (x !== y) out.push(`${wa.name}!${wa.getCell(r, c).address}: ${x} / ${y}`);
      }
    }
  }
  return out;
}

/** A plan with every kind of cell and sheet part, on an added sheet and on an owned sheet replaced whole. */
function everyKind(): WorkbookPlan {
  const formulaRows = Array.from({ length: 6 }, (_, i) => [
    i === 2 ? null : { f: `=IF(B${i + 2}="","",B${i + 2}*2)` },
    i % 2 ? 'x' : 0.5 + i,
    { f: `=SUM($B$2:B${i + 2})` },
  ]);
  const cells = [
    ['Text <&> "quoted"', '目标：增长（全角）', "=cmd|' /C calc'!A0", '+1', true, false, null, 46387, -0.125],
    ...formulaRows,
  ];
  const sheet = (name: string): SheetPlan =>
    plan({
      sheet: name,
      create: { after: 'OKRs' },
      replaceAll: true,
      writes: [{ row: 0, col: 0, cells: cells as any }],
      numberFormats: [{ row: 0, col: 7, formats: [['yyyy-mm-dd', '0%']] }],
      backgrounds: [
        { row: 2, col: 1, value: '#ffeeaa' },
        { row: 3, col: 1, value: '' },
      ],
      header: { range: { row: 0, col: 0, rows: 1, cols: 3 }, bold: true, fill: '#1f4e78', fontColor: '#ffffff' },
      validations: [{ range: { row: 1, col: 1, rows: 6, cols: 1 }, list: ['x', 'y'], strict: true }],
      rules: [
        { ranges: [{ row: 1, col: 2, rows: 6, cols: 1 }], formula: `=AND($C2>1,${OWNED_RULE_MARK})`, fill: '#f00' },
      ],
      freezeRows: 1,
      table: { range: { row: 0, col: 0, rows: 7, cols: 3 } } as any,
      columnWidths: [{ col: 0, width: 180 }],
    });
  return { sheets: [sheet('Scorecard'), sheet('OKR History')] };
}

describe('sheets made whole, written direct', () => {
  test('hold exactly what the same plan gives through ExcelJS cells', async () => {
    const [viaCells, direct] = [path.join(dir, 'cells.xlsx'), path.join(dir, 'direct.xlsx')];
    const a = userBook();
    applyPlan(a, everyKind());
    await saveWorkbook(a, viaCells);
    const b = userBook();
    applyPlan(b, everyKind(), { direct: true });
    // written direct: no ExcelJS cells, and nothing reads them back by mistake
    const ws = b.getWorksheet('OKR History')!;
    expect(directCellsOf(ws)).toBeDefined();
    expect(ws.rowCount).toBe(0);
    const req = { formulas: true, notes: false, backgrounds: false, others: [] };
    expect(() => readSnapshot(b, ws, req, FIXTURE_TODAY)).toThrow(/cannot be read back/);
    await saveWorkbook(b, direct);
    expect(await differences(viaCells, direct)).toEqual([]);
    const back = (await readWorkbookFile(direct)).getWorksheet('Scorecard')!;
    // the old content of the replaced sheet is gone, the new content there
    expect(back.getCell('Z40').value).toBeNull();
    expect(back.getCell('B1').value).toBe('目标：增长（全角）');
    expect(back.getCell('C1').type).toBe(ExcelJS.ValueType.String);
    expect(back.getCell('A7').formula).toBe('IF(B7="","",B7*2)');
  });

  test('a sheet with notes, and a sheet the plan only changes, keep ExcelJS cells', () => {
    const wb = userBook();
    applyPlan(
      wb,
      {
        sheets: [
          plan({
            sheet: 'Noted',
            writes: [{ row: 0, col: 0, cells: [['a']] }],
            notes: [{ row: 0, col: 0, value: 'n' }],
          }),
          plan({ sheet: 'OKRs', writes: [{ row: 1, col: 0, cells: [['b']] }] }),
        ],
      },
      { direct: true },
    );
    expect(directCellsOf(wb.getWorksheet('Noted')!)).toBeUndefined();
    expect(wb.getWorksheet('Noted')!.getCell('A1').value).toBe('a');
    expect(directCellsOf(wb.getWorksheet('OKRs')!)).toBeUndefined();
    expect(wb.getWorksheet('OKRs')!.getCell('A2').value).toBe('b');
  });

  test('a later part of the plan on a sheet written direct writes there too; ExcelJS cells added to it refuse the save', async () => {
    const wb = userBook();
    const sheets = [
      plan({ sheet: 'New', writes: [{ row: 0, col: 0, cells: [['first']] }] }),
      plan({ sheet: 'New', writes: [{ row: 1, col: 1, cells: [['second']] }] }),
    ];
    applyPlan(wb, { sheets }, { direct: true });
    const file = path.join(dir, 'two-parts.xlsx');
    await saveWorkbook(wb, file);
    const back = (await readWorkbookFile(file)).getWorksheet('New')!;
    expect([back.getCell('A1').value, back.getCell('B2').value]).toEqual(['first', 'second']);
    wb.getWorksheet('New')!.getCell('C3').note = 'lost?';
    const refused = path.join(dir, 'refused.xlsx');
    await expect(saveWorkbook(wb, refused)).rejects.toThrow(/both written direct and in ExcelJS/);
    expect(fs.existsSync(refused)).toBe(false);
  });

  test.each(['score', 'checkin'] as const)('%s writes the same file direct as through ExcelJS cells', async (cmd) => {
    const input = path.join(dir, `in-${cmd}.xlsx`);
    await writeExcelWorkbook(input, [excelSheet('OKRs', generatedTable(120), { dateCols: [12, 13] })]);
    const files: string[] = [];
    for (const direct of [false, true]) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(input);
      const run = runOnWorkbook(wb, cmd, DEFAULT_SETTINGS, { today: FIXTURE_TODAY, apply: true, direct });
      expect(run.applied).toBe(true);
      const direct1 = wb.worksheets.filter((ws) => directCellsOf(ws)).map((ws) => ws.name);
      expect(direct1.length > 0).toBe(direct);
      files.push(path.join(dir, `${cmd}-${direct}.xlsx`));
      await saveWorkbook(wb, files[files.length - 1]);
    }
    expect(await differences(files[0], files[1])).toEqual([]);
  });
});
