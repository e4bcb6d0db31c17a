/**
 * Faults and speed on the in-memory Excel: a failure halfway through applying a plan leaves the user's cells as
 * they were and says what failed (both languages); the number of syncs per command is the same at 100 and 10,000 rows.
 */
import { runExcelCommand } from '../../excel-addin/adapter';
import { COMMANDS, type CommandName } from '../../core/commands';
import { DEFAULT_SETTINGS } from '../../core/settings';
import { OWNED_RULE_MARK } from '../../core/sheet-plan';
import { chineseOutline, englishTable, FIXTURE_TODAY, generatedTable } from '../fixtures/sheets';
import { bookWith, dumpSheet, userCells } from './helpers';

const S = DEFAULT_SETTINGS;
const EN = 'Q4 OKRs';

/** Writes one successful run of `cmd` makes (on a fresh copy of the same book). */
async function writesOf(make: () => ReturnType<typeof bookWith>, prepare: CommandName[], cmd: CommandName): Promise<number> {
  const { wb, excel } = make();
  for (const p of prepare) await runExcelCommand(excel, p, S, FIXTURE_TODAY);
  const before = wb.writeCount;
  const res = await runExcelCommand(excel, cmd, S, FIXTURE_TODAY);
  expect(res.ok).toBe(true);
  return wb.writeCount - before;
}

describe('a failure halfway', () => {
  const english = () => bookWith([{ name: EN, grid: englishTable }], false);

  test('convert: every cell is as it was, no owned rule is left, the user is told in both languages', async () => {
    const n = await writesOf(english, [], 'convert');
    expect(n).toBeGreaterThan(6);
    const { wb, excel } = english();
    const before = userCells(wb, EN, 20, 30);
    wb.injectFault(Math.floor(n / 2), 'Simulated: the workbook is busy');
    const res = await runExcelCommand(excel, 'convert', S, FIXTURE_TODAY);
    expect(res.ok).toBe(false);
    expect(res.summary.en).toMatch(/Simulated: the workbook is busy/);
    expect(res.summary.en).toMatch(/put back/);
    expect(res.summary.zh).toMatch(/已恢复原样/);
    expect(userCells(wb, EN, 20, 30)).toEqual(before);
    for (const cf of wb.sheet(EN)!.conditionalFormats) expect(cf.formula).not.toContain(OWNED_RULE_MARK);
    // And the command still works afterwards.
    expect((await runExcelCommand(excel, 'convert', S, FIXTURE_TODAY)).ok).toBe(true);
  });

  test.each([1, 2, 3])('convert of the outline failing at write %i of its new sheet: the new sheet is gone, the outline untouched', async (at) => {
    const { wb, excel } = bookWith([{ name: '10月OKR', grid: chineseOutline }], false);
    const before = JSON.stringify(dumpSheet(wb, '10月OKR'));
    wb.injectFault(at + 1); // write 1 creates the sheet
    const res = await runExcelCommand(excel, 'convert', S, FIXTURE_TODAY);
    expect(res.ok).toBe(false);
    expect(wb.sheets.map((s) => s.name)).toEqual(['10月OKR']);
    expect(JSON.stringify(dumpSheet(wb, '10月OKR'))).toBe(before);
  });

  test('score failing halfway: no scorecard or history sheet is left, the grid is as it was', async () => {
    const n = await writesOf(english, ['convert'], 'score');
    const { wb, excel } = english();
    await runExcelCommand(excel, 'convert', S, FIXTURE_TODAY);
    const grid = userCells(wb, EN, 20, 30);
    wb.injectFault(Math.floor(n / 2));
    const res = await runExcelCommand(excel, 'score', S, FIXTURE_TODAY);
    expect(res.ok).toBe(false);
    expect(wb.sheets.map((s) => s.name)).toEqual([EN]);
    expect(userCells(wb, EN, 20, 30)).toEqual(grid);
  });

  test('validate failing halfway: fills and notes are as before', async () => {
    const n = await writesOf(english, ['convert'], 'validate');
    const { wb, excel } = english();
    await runExcelCommand(excel, 'convert', S, FIXTURE_TODAY);
    const before = JSON.stringify(dumpSheet(wb, EN));
    wb.injectFault(Math.max(1, Math.floor(n / 2)));
    expect((await runExcelCommand(excel, 'validate', S, FIXTURE_TODAY)).ok).toBe(false);
    const after = dumpSheet(wb, EN) as { cells: unknown; notes: unknown };
    const was = JSON.parse(before) as { cells: unknown; notes: unknown };
    expect(JSON.parse(JSON.stringify(after.cells))).toEqual(was.cells);
    expect(after.notes).toEqual(was.notes);
  });

  test('a sheet that is not an OKR sheet: nothing changes and the message says why', async () => {
    const { wb, excel } = bookWith([{ name: 'Budget', grid: [['Item', 'Cost'], ['Rent', 1200]] }], false);
    const before = JSON.stringify(dumpSheet(wb, 'Budget'));
    const res = await runExcelCommand(excel, 'convert', S, FIXTURE_TODAY);
    expect(res.ok).toBe(false);
    expect(res.summary.en.length).toBeGreaterThan(10);
    expect(res.summary.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(JSON.stringify(dumpSheet(wb, 'Budget'))).toBe(before);
  });
});

describe('syncs per command do not depend on the number of rows', () => {
  async function syncs(rows: number): Promise<Record<string, number>> {
    const { wb, excel } = bookWith([{ name: 'Team', grid: generatedTable(rows) }], false);
    const out: Record<string, number> = {};
    const order: CommandName[] = ['convert', 'validate', 'clear', 'score', 'summary', 'rollForward'];
    expect([...order].sort()).toEqual([...COMMANDS].sort());
    for (const cmd of order) {
      wb.activate('Team');
      const before = wb.syncCount;
      const res = await runExcelCommand(excel, cmd, S, FIXTURE_TODAY);
      expect(res.ok ? cmd : `${cmd}: ${res.summary.en}`).toBe(cmd);
      out[cmd] = wb.syncCount - before;
    }
    return out;
  }

  test('100 and 10,000 rows: the same syncs, at most 5 per command', async () => {
    const small = await syncs(100);
    const large = await syncs(10000);
    expect(large).toEqual(small);
    // read (+ note cells for validate/clear, the history sheet for score) + lookup + rule formulas + apply; summary only reads.
    expect(small).toEqual({ convert: 4, validate: 5, clear: 5, score: 5, summary: 1, rollForward: 4 });
  }, 120000);
});
