/**
 * Corrections to the reading on the command line: `--columns "Goal=target,Start Date=due"`, saved in the file written
 * (a very hidden "OKR Grid settings" sheet, xlsx/settings-store.ts) and honoured by every later run on that file.
 */
import path from 'path';
import ExcelJS from 'exceljs';
import { main, parseArgs, parseColumns, settingsFor } from '../../xlsx/cli';
import { SETTINGS_SHEET, saveReadingSettings, savedSettings } from '../../xlsx/settings-store';
import { UsageError } from '../../xlsx/messages';
import { readingText, unplacedText } from '../../xlsx/reading-text';
import type { LayoutReading } from '../../core/model';
import { englishTable, FIXTURE_TODAY } from '../../fixtures/sheets';
import {
  captureIo,
  excelSheet,
  readWorkbookFile,
  removeTempDirs,
  sha256,
  tempDir,
  writeExcelWorkbook,
} from './helpers';

jest.setTimeout(60000);

const dir = tempDir('okr-cli-columns-');
const english = path.join(dir, 'english.xlsx');

async function run(args: string[], env?: Record<string, string | undefined>) {
  const cap = captureIo(env);
  const code = await main([...args, '--today', FIXTURE_TODAY, '--quiet'], cap.io);
  return { code, out: cap.out(), err: cap.err() };
}

beforeAll(async () => {
  await writeExcelWorkbook(english, [excelSheet('Q4 OKRs', englishTable, { dateCols: [12, 15] })]);
});
afterAll(() => removeTempDirs());

describe('--columns', () => {
  test('pairs of header text and role; roles by code or by label in either language', () => {
    expect(parseColumns('Goal=target,Start Date=due')).toEqual({ Goal: 'target', 'Start Date': 'due' });
    expect(parseColumns(' Goal = Target , 备注=ignore, 开始日期=截止日期 ')).toEqual({
      Goal: 'target',
      备注: 'ignore',
      开始日期: 'due',
    });
    // The last '=' splits: a header may hold one.
    expect(parseColumns('a=b=kr')).toEqual({ 'a=b': 'kr' });
    expect(parseArgs(['convert', 'x.xlsx', '--columns', 'Goal=target', '--columns=Notes=ignore'], {}).columns).toEqual({
      Goal: 'target',
      Notes: 'ignore',
    });
  });

  test('a pair without a role, or with a role that is none, is bad usage naming the pair', () => {
    expect(() => parseColumns('Goal')).toThrow(UsageError);
    expect(() => parseColumns('Goal=objectif')).toThrow(/'Goal=objectif'.*roles: id, cycle/);
    expect(() => parseColumns('=target')).toThrow(UsageError);
    expect(() => parseColumns(' , ')).toThrow(UsageError);
  });

  test('bad --columns exits 2 with the message in the user’s language, and writes nothing', async () => {
    const r = await run(['convert', english, '--columns', 'Goal=objectif', '--lang', 'zh']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--columns 需要用逗号分隔的“表头=角色”，而不是“Goal=objectif”');
    const en = await run(['convert', english, '--columns', 'Goal'], { LANG: 'en_US.UTF-8' });
    expect(en.code).toBe(2);
    expect(en.err).toContain(`--columns takes "Header=role" pairs separated by commas, not 'Goal'`);
  });
});

describe('saved in the file', () => {
  test('settings sheet: written very hidden with the JSON as text, read back, other saved roles kept', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('OKRs').getCell('A1').value = 'Objective';
    saveReadingSettings(wb, { columnRoles: { Goal: 'target' }, headerRow: 2 });
    const file = path.join(dir, 'saved.xlsx');
    await wb.xlsx.writeFile(file);
    const back = await readWorkbookFile(file);
    const ws = back.getWorksheet(SETTINGS_SHEET)!;
    expect(ws.state).toBe('veryHidden');
    expect(typeof ws.getCell('A2').value).toBe('string');
    expect(savedSettings(back)).toEqual({ columnRoles: { Goal: 'target' }, headerRow: 2 });
    // A second save merges into what the file holds and does not add a second sheet.
    saveReadingSettings(back, { columnRoles: { Goal: 'target', Notes: 'ignore' }, headerRow: null });
    expect(back.worksheets.filter((w) => w.name === SETTINGS_SHEET)).toHaveLength(1);
    expect(savedSettings(back)).toEqual({ columnRoles: { Goal: 'target', Notes: 'ignore' }, headerRow: null });
  });

  test('a run honours the saved roles and header row; --columns wins over a saved role for the same header', () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('OKRs');
    saveReadingSettings(wb, { columnRoles: { Goal: 'target', 'Start Date': 'due' }, headerRow: 4 });
    const args = parseArgs(['validate', 'x.xlsx', '--columns', 'Goal=current'], {});
    const s = settingsFor(args, wb);
    expect(s.columnRoles).toEqual({ Goal: 'current', 'Start Date': 'due' });
    expect(s.headerRow).toBe(4);
    expect(s.formulaMode).toBe('portable');
    // Unreadable text in the settings sheet is no settings at all, never a crash.
    wb.getWorksheet(SETTINGS_SHEET)!.getCell('A2').value = '{not json';
    expect(settingsFor(parseArgs(['validate', 'x.xlsx'], {}), wb).columnRoles).toEqual({});
  });

  test('convert --columns saves the roles in the output, not in the input; the output is still a converted grid', async () => {
    const before = sha256(english);
    const out = path.join(dir, 'english.cols.xlsx');
    const r = await run(['convert', english, '-o', out, '--columns', 'Last updated=updated,Budget=ignore']);
    expect(r.code).toBe(1); // the fixture's 'about half' is an error finding
    expect(sha256(english)).toBe(before);
    const input = await readWorkbookFile(english);
    expect(input.getWorksheet(SETTINGS_SHEET)).toBeUndefined();
    const wb = await readWorkbookFile(out);
    expect(savedSettings(wb)).toEqual({
      columnRoles: { 'Last updated': 'updated', Budget: 'ignore' },
      headerRow: null,
    });
    expect(wb.getWorksheet('Q4 OKRs')!.getCell('E5').value).toBe('Raise repeat purchase rate from 18% to 25%');
    // The visible sheets are the user's; the settings sheet is not among them.
    expect(wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual(['Q4 OKRs']);
  });
});

describe('the reading printed for a terminal', () => {
  const reading: LayoutReading = {
    form: 'table',
    headerRow: 2,
    headerReason: { en: 'row 3 names 3 of 3 columns', zh: '第 3 行含 3 个列名' },
    candidates: [],
    columns: [
      { col: 0, header: 'Objective', field: 'objective', reason: { en: 'header "Objective"', zh: '表头“Objective”' } },
      { col: 1, header: '目标值', field: 'target', reason: { en: 'header "目标值"', zh: '表头“目标值”' } },
      {
        col: 2,
        header: 'Where\nwe are',
        field: 'current',
        reason: { en: 'you chose: Current', zh: '你的选择：当前值' },
        chosen: true,
      },
    ],
    rows: [
      { row: 3, role: 'objective+kr' },
      { row: 4, role: 'kr' },
      { row: 6, role: 'note' },
    ],
    unplaced: [
      {
        cell: { row: 6, col: 7 },
        text: '预算已批准（11月2日）',
        reason: { en: 'a row with no objective', zh: '这一行没有目标' },
      },
    ],
    cycles: [],
  };
  const details = { reading, readingSheet: 'Sales' };

  // The note row holding the unplaced remark counts once, as not placed (core/reading-summary.ts roleCounts).
  test('header row, one aligned line per column (wide characters count twice, control characters shown as spaces), counts, unplaced cells', () => {
    expect(readingText(details, 'en').split('\n')).toEqual([
      "How I read 'Sales': header row 3 (row 3 names 3 of 3 columns)",
      '  A  Objective     -> Objective  header "Objective"',
      '  B  目标值        -> Target     header "目标值"',
      '  C  Where we are  -> Current    you chose: Current',
      'Found: 1 objective · 2 key results · 0 initiatives · 0 titles and notes · 1 not placed',
      'Not placed in the grid (1):',
      '  H7  “预算已批准（11月2日）”  a row with no objective',
    ]);
    expect(readingText(details, 'zh').split('\n')[0]).toBe('我如何读取“Sales”：表头在第 3 行（第 3 行含 3 个列名）');
    expect(readingText(details, 'zh')).toContain('找到：1 个目标，2 个关键结果，0 个举措，0 个标题和备注，1 个未放置');
  });

  test('only the unplaced cells for the other commands; nothing without a reading', () => {
    expect(unplacedText(details, 'zh')).toBe('未能放入表格（1）：\n  H7  “预算已批准（11月2日）”  这一行没有目标');
    expect(unplacedText({ reading: { ...reading, unplaced: [] } }, 'en')).toBe('');
    expect(readingText({}, 'en')).toBe('');
    expect(unplacedText(undefined, 'en')).toBe('');
  });
});
