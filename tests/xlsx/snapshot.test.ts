/** Reading .xlsx cells the way Excel's API hands them over. Expected values are worked out from the cells written. */
import path from 'path';
import ExcelJS from 'exceljs';
import { readSheetSnapshot, readSnapshot, activeSheet, plainValue, fillColor } from '../../xlsx/snapshot';
import { readWorkbookFile, tempDir, removeTempDirs } from './helpers';

const ALL = { formulas: true, notes: true, backgrounds: true };

async function roundTrip(
  build: (wb: ExcelJS.Workbook) => void,
  props?: Partial<ExcelJS.WorkbookProperties>,
): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  if (props) Object.assign(wb.properties as any, props);
  build(wb);
  const file = path.join(tempDir('okr-snap-'), 'book.xlsx');
  await wb.xlsx.writeFile(file);
  return readWorkbookFile(file);
}

describe('dates become Excel serials', () => {
  test('2026-12-31 is serial 46387 and 2026-11-20 is 46346 (the fixtures’ documented serials)', () => {
    expect(plainValue(new Date(Date.UTC(2026, 11, 31)), false)).toBe(46387);
    expect(plainValue(new Date(Date.UTC(2026, 10, 20)), false)).toBe(46346);
  });
  test('a time of day keeps its fraction: noon is .5', () => {
    expect(plainValue(new Date(Date.UTC(2026, 11, 31, 12)), false)).toBe(46387.5);
  });
  test('the 1904 date system is 1462 days behind', () => {
    expect(plainValue(new Date(Date.UTC(2026, 11, 31)), true)).toBe(46387 - 1462);
  });
});

describe('plain values', () => {
  test('rich text, hyperlinks, errors, formula results, blanks', () => {
    expect(plainValue({ richText: [{ text: 'Grow ' }, { font: { bold: true }, text: 'GMV' }] }, false)).toBe(
      'Grow GMV',
    );
    expect(plainValue({ text: 'site', hyperlink: 'https://example.com' }, false)).toBe('site');
    expect(plainValue({ error: '#DIV/0!' }, false)).toBe('#DIV/0!');
    expect(plainValue({ formula: 'A1*2', result: 6 }, false)).toBe(6);
    expect(plainValue({ formula: 'A1*2', result: { error: '#N/A' } }, false)).toBe('#N/A');
    expect(plainValue({ formula: 'A1*2' }, false)).toBe('');
    expect(plainValue(null, false)).toBe('');
    expect(plainValue(Number.NaN, false)).toBe('');
    expect(plainValue(true, false)).toBe(true);
  });
  test('fills: argb, theme colours, no fill', () => {
    expect(fillColor({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } })).toBe('#ffc7ce');
    expect(fillColor({ type: 'pattern', pattern: 'solid', fgColor: { theme: 4 } })).toBe('#4472c4');
    expect(fillColor({ type: 'pattern', pattern: 'none' })).toBe('');
    expect(fillColor(undefined)).toBe('');
  });
});

describe('readSheetSnapshot on a real file', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = await roundTrip((b) => {
      const ws = b.addWorksheet('OKRs');
      ws.getCell('A1').value = 'Objective';
      ws.getCell('B1').value = 'Due';
      ws.getCell('C1').value = 'Score';
      ws.getCell('A2').value = { richText: [{ text: 'Grow ' }, { font: { italic: true }, text: 'repeat' }] };
      ws.getCell('B2').value = new Date(Date.UTC(2026, 11, 31));
      ws.getCell('B2').numFmt = 'yyyy-mm-dd';
      ws.getCell('C2').value = { formula: 'D2/E2', result: 0.5 } as ExcelJS.CellFormulaValue;
      ws.getCell('D2').value = 5;
      ws.getCell('E2').value = 10;
      ws.getCell('A3').value = 'merged title';
      ws.mergeCells('A3:C3');
      ws.getCell('D3').value = '=cmd|x';
      ws.getCell('E3').value = 7;
      ws.getCell('E3').note = 'a note';
      ws.getCell('A2').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF00FF00' } };
      ws.getCell('C4').value = { formula: 'D2/0', result: { error: '#DIV/0!' } } as any;
      // styled but empty cells far away must not widen the used range
      ws.getCell('Z100').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF0000' } };
      b.addWorksheet('Second').getCell('A1').value = 1;
    });
  });

  test('used range ignores styled empty cells; values as Excel gives them', () => {
    const s = readSheetSnapshot(wb.getWorksheet('OKRs')!, ALL, false);
    expect(s.values.length).toBe(4);
    expect(s.values[0].length).toBe(5);
    expect(s.values[1]).toEqual(['Grow repeat', 46387, 0.5, 5, 10]);
    expect(s.values[2]).toEqual(['merged title', '', '', '=cmd|x', 7]);
    expect(s.values[3][2]).toBe('#DIV/0!');
  });
  test('formulas only where there is one; text that looks like a formula is not one', () => {
    const s = readSheetSnapshot(wb.getWorksheet('OKRs')!, ALL, false);
    expect(s.formulas![1][2]).toBe('=D2/E2');
    expect(s.formulas![2][3]).toBe('');
    expect(s.formulas![1][0]).toBe('');
  });
  test('notes and fills', () => {
    const s = readSheetSnapshot(wb.getWorksheet('OKRs')!, ALL, false);
    expect(s.notes![2][4]).toBe('a note');
    expect(s.notes![1][1]).toBe('');
    expect(s.backgrounds![1][0]).toBe('#00ff00');
    expect(s.backgrounds![1][1]).toBe('');
  });
  test('matrices are absent when not asked for', () => {
    const s = readSheetSnapshot(wb.getWorksheet('OKRs')!, { formulas: false, notes: false, backgrounds: false }, false);
    expect(s.formulas).toBeUndefined();
    expect(s.notes).toBeUndefined();
    expect(s.backgrounds).toBeUndefined();
  });
  test('workbook snapshot: sheet names in tab order, only requested others that exist', () => {
    const snap = readSnapshot(
      wb,
      activeSheet(wb)!,
      { formulas: false, notes: false, backgrounds: false, others: ['Second', 'Nope'] },
      '2026-11-23',
    );
    expect(snap.active.name).toBe('OKRs');
    expect(snap.sheetNames).toEqual(['OKRs', 'Second']);
    expect(Object.keys(snap.others)).toEqual(['Second']);
    expect(snap.others.Second.values).toEqual([[1]]);
    expect(snap.today).toBe('2026-11-23');
  });
});

test('the active tab decides the active sheet', async () => {
  const wb = await roundTrip((b) => {
    b.addWorksheet('Notes').getCell('A1').value = 'x';
    b.addWorksheet('OKRs').getCell('A1').value = 'y';
    b.views = [{ x: 0, y: 0, width: 10000, height: 20000, firstSheet: 0, activeTab: 1, visibility: 'visible' }];
  });
  expect(activeSheet(wb)!.name).toBe('OKRs');
});

test('a 1904-system workbook still reads 2026-12-31 as the same day', async () => {
  const wb = await roundTrip(
    (b) => {
      const ws = b.addWorksheet('S');
      ws.getCell('A1').value = new Date(Date.UTC(2026, 11, 31));
      ws.getCell('A1').numFmt = 'yyyy-mm-dd';
    },
    { date1904: true } as any,
  );
  const s = readSheetSnapshot(wb.getWorksheet('S')!, ALL, !!(wb.properties as any).date1904);
  expect((wb.properties as any).date1904).toBe(true);
  expect(s.values[0][0]).toBe(46387 - 1462);
});

afterAll(() => removeTempDirs());
