/**
 * Faults and speed on the in-memory Excel: a failure halfway through applying a plan leaves the user's cells as
 * they were and says what failed (both languages); the number of syncs per command is the same at 100 and 10,000 rows.
 */
import { runExcelCommand } from '../../excel-addin/adapter';
import { COMMANDS, type CommandName } from '../../core/commands';
import { failedAndRestored, failedNotRestored } from '../../core/host-messages';
import { DEFAULT_SETTINGS } from '../../core/settings';
import { OWNED_RULE_MARK } from '../../core/sheet-plan';
import { chineseOutline, englishTable, FIXTURE_TODAY, generatedTable } from '../../fixtures/sheets';
import { bookWith, dumpSheet, userCells } from './helpers';

const S = DEFAULT_SETTINGS;
const EN = 'Q4 OKRs';

/** Writes one successful run of `cmd` makes (on a fresh copy of the same book). */
async function writesOf(
  make: () => ReturnType<typeof bookWith>,
  prepare: CommandName[],
  cmd: CommandName,
): Promise<number> {
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
    // The wording is core's, the same in every host.
    expect(res.summary).toEqual(failedAndRestored('Simulated: the workbook is busy'));
    expect(userCells(wb, EN, 20, 30)).toEqual(before);
    for (const cf of wb.sheet(EN)!.conditionalFormats) expect(cf.formula).not.toContain(OWNED_RULE_MARK);
    // And the command still works afterwards.
    expect((await runExcelCommand(excel, 'convert', S, FIXTURE_TODAY)).ok).toBe(true);
  });

  /** Cells as a user sees them: an empty cell in the General format is no cell; trailing empties dropped. */
  function seen(cells: unknown): unknown {
    return (cells as ({ v: unknown; f: unknown; fill: unknown; nf: unknown } | null)[][]).map((row) => {
      const out = row.map((c) =>
        c && (c.v !== null || c.f !== null || c.fill !== null || (c.nf !== null && c.nf !== 'General')) ? c : null,
      );
      while (out.length && out[out.length - 1] === null) out.pop();
      return out;
    });
  }

  /** The English sheet as a user might keep it: own formats, dropdown, rules, a rule left by an earlier run, frozen title. */
  function dressedEnglish() {
    const book = english();
    const sh = book.wb.sheet(EN)!;
    // Cells convert formats (S4:V13), validates (B4:B13) and heads (S3:V3), set up differently by the user.
    for (let r = 3; r < 13; r++) sh.ensure(r, 18).nf = '#,##0';
    sh.ensure(2, 18).fill = '#FF0000';
    sh.validations.push({ rect: { row: 3, col: 1, rows: 10, cols: 1 }, list: ['Company', 'Team'], style: 'Stop' });
    const mine = book.wb.addConditionalFormat(sh, [{ row: 3, col: 9, rows: 10, cols: 1 }]);
    mine.formula = '=$J4>100';
    mine.fill = '#00FF00';
    const old = book.wb.addConditionalFormat(sh, [{ row: 3, col: 19, rows: 10, cols: 1 }]);
    old.formula = `=AND(${JSON.stringify(OWNED_RULE_MARK)}<>"",$T4<0.3)`;
    old.fill = '#F4CCCC';
    sh.freezeRows = 1;
    return book;
  }

  test("a failure whose restore fails too: core's message, with both errors and where to recover", async () => {
    const n = await writesOf(english, [], 'convert');
    const { wb, excel } = english();
    wb.injectFault(Math.floor(n / 2), 'Simulated: the workbook is busy');
    // The restore runs in a second Excel.run: that one cannot even start.
    let runs = 0;
    const flaky: typeof excel = {
      run: (batch) => (++runs > 1 ? Promise.reject(new Error('Simulated: connection lost')) : excel.run(batch)),
    };
    const res = await runExcelCommand(flaky, 'convert', S, FIXTURE_TODAY);
    expect(res).toEqual({
      ok: false,
      summary: failedNotRestored('Simulated: the workbook is busy', 'Simulated: connection lost'),
    });
    expect(res.summary.en).toMatch(/Version history/);
    expect(res.summary.zh).toMatch(/版本记录/);
  });

  test.each([
    ['after everything but the last write', 0],
    ['after the dropdowns and the table', 1],
    ['halfway', 2],
  ])('convert failing %s: formats, dropdowns, rules, table and frozen rows are as before', async (_label, where) => {
    const n = await writesOf(dressedEnglish, [], 'convert');
    const { wb, excel } = dressedEnglish();
    const before = dumpSheet(wb, EN) as Record<string, unknown>;
    expect(before.freezeRows).toBe(1);
    const at = where === 0 ? n : where === 1 ? n - 2 : Math.floor(n / 2);
    wb.injectFault(at, 'Simulated: the workbook is busy');
    const res = await runExcelCommand(excel, 'convert', S, FIXTURE_TODAY);
    expect(res.ok).toBe(false);
    expect(res.summary.en).toMatch(/put back/);
    const after = dumpSheet(wb, EN) as Record<string, unknown>;
    expect(after.tables).toEqual([]);
    expect(after.freezeRows).toBe(1);
    expect(after.validations).toEqual([{ rect: { row: 3, col: 1, rows: 10, cols: 1 }, list: ['Company', 'Team'] }]);
    expect(wb.sheet(EN)!.validations[0].style).toBe('Stop');
    // The user's rule untouched, the earlier run's rule back, nothing else.
    expect(after.rules).toEqual(before.rules);
    expect(seen(after.cells)).toEqual(seen(before.cells));
    expect((after.cells as { nf: string | null }[][])[5][18].nf).toBe('#,##0');
    expect((after.cells as { fill: string | null }[][])[2][18].fill).toBe('#FF0000');
  });

  test("a second convert failing at its last write: the first run's table, rules, formats and dropdowns are as they were", async () => {
    const n = await writesOf(english, ['convert'], 'convert');
    const { wb, excel } = english();
    expect((await runExcelCommand(excel, 'convert', S, FIXTURE_TODAY)).ok).toBe(true);
    const before = JSON.parse(JSON.stringify(dumpSheet(wb, EN))) as Record<string, unknown>;
    expect((before.tables as unknown[]).length).toBe(1);
    expect((before.validations as unknown[]).length).toBeGreaterThan(0);
    expect((before.rules as unknown[]).length).toBeGreaterThan(0);
    wb.injectFault(n);
    expect((await runExcelCommand(excel, 'convert', S, FIXTURE_TODAY)).ok).toBe(false);
    expect(JSON.parse(JSON.stringify(dumpSheet(wb, EN)))).toEqual(before);
  });

  test.each([
    ['convert', ['convert']],
    ['validate', ['convert']],
    ['clear', ['convert', 'validate']],
    ['score', ['convert']],
    ['rollForward', ['convert']],
  ] as [CommandName, CommandName[]][])(
    '%s on a dressed sheet, failing at each of its writes: the sheet is exactly as before',
    async (cmd, prepare) => {
      const n = await writesOf(dressedEnglish, prepare, cmd);
      expect(n).toBeGreaterThan(0);
      for (let at = 1; at <= n; at++) {
        const { wb, excel } = dressedEnglish();
        for (const p of prepare) expect((await runExcelCommand(excel, p, S, FIXTURE_TODAY)).ok).toBe(true);
        const before = dumpSheet(wb, EN) as Record<string, unknown>;
        const names = wb.sheets.map((x) => [x.name, x.visible]);
        const styles = wb.sheet(EN)!.validations.map((v) => v.style);
        wb.injectFault(at);
        const res = await runExcelCommand(excel, cmd, S, FIXTURE_TODAY);
        expect(res.ok ? `${cmd} at ${at}: ok` : res.summary.en).toMatch(/put back/);
        const after = dumpSheet(wb, EN) as Record<string, unknown>;
        const label = `${cmd} failing at write ${at} of ${n}`;
        expect({ label, ...after, cells: seen(after.cells) }).toEqual({ label, ...before, cells: seen(before.cells) });
        expect(wb.sheet(EN)!.validations.map((v) => v.style)).toEqual(styles);
        // The same sheets (the hidden marks sheet Validate made, when it did), nothing left by the failed run.
        expect(wb.sheets.map((x) => [x.name, x.visible])).toEqual(names);
      }
    },
    60000,
  );

  test.each([1, 2, 3])(
    'convert of the outline failing at write %i of its new sheet: the new sheet is gone, the outline untouched',
    async (at) => {
      const { wb, excel } = bookWith([{ name: '10月OKR', grid: chineseOutline }], false);
      const before = JSON.stringify(dumpSheet(wb, '10月OKR'));
      wb.injectFault(at + 1); // write 1 creates the sheet
      const res = await runExcelCommand(excel, 'convert', S, FIXTURE_TODAY);
      expect(res.ok).toBe(false);
      expect(wb.sheets.map((s) => s.name)).toEqual(['10月OKR']);
      expect(JSON.stringify(dumpSheet(wb, '10月OKR'))).toBe(before);
    },
  );

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
    const { wb, excel } = bookWith(
      [
        {
          name: 'Budget',
          grid: [
            ['Item', 'Cost'],
            ['Rent', 1200],
          ],
        },
      ],
      false,
    );
    const before = JSON.stringify(dumpSheet(wb, 'Budget'));
    const res = await runExcelCommand(excel, 'convert', S, FIXTURE_TODAY);
    expect(res.ok).toBe(false);
    expect(res.summary.en.length).toBeGreaterThan(10);
    expect(res.summary.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(JSON.stringify(dumpSheet(wb, 'Budget'))).toBe(before);
  });
});

describe('syncs per command do not depend on the number of rows', () => {
  interface Count {
    syncs: number;
    refused: number;
    bytes: number;
  }
  async function syncs(rows: number): Promise<Record<string, Count>> {
    const { wb, excel } = bookWith([{ name: 'Team', grid: generatedTable(rows) }], false);
    const out: Record<string, Count> = {};
    const order: CommandName[] = ['convert', 'validate', 'clear', 'score', 'summary', 'checkin', 'rollForward'];
    expect([...order].sort()).toEqual([...COMMANDS].sort());
    for (const cmd of order) {
      wb.activate('Team');
      const [s0, r0, b0] = [wb.syncCount, wb.refusedSyncs, wb.totalBytes];
      const res = await runExcelCommand(excel, cmd, S, FIXTURE_TODAY);
      expect(res.ok ? cmd : `${cmd}: ${res.summary.en}`).toBe(cmd);
      out[cmd] = { syncs: wb.syncCount - s0, refused: wb.refusedSyncs - r0, bytes: wb.totalBytes - b0 };
    }
    return out;
  }

  test('100 and 10,000 rows: at most 3 syncs, the same at both sizes, none refused for size', async () => {
    const small = await syncs(100);
    const large = await syncs(10000);
    const only = (m: Record<string, Count>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.syncs]));
    // read (+ note cells and the fills under them for validate/clear) + lookup (when the read has not fetched
    // everything: the formulas a convert overwrites, the check-in log's rows it rewrites) + apply; score on a converted
    // grid writes none of its cells (no lookup); summary only reads.
    expect(only(small)).toEqual({
      convert: 3,
      validate: 3,
      clear: 3,
      score: 2,
      summary: 1,
      checkin: 3,
      rollForward: 3,
    });
    // A converted 10,000-row grid is read without its formulas' text (~3 MB of it): every read fits one sync.
    expect(only(large)).toEqual(only(small));
    for (const [cmd, m] of Object.entries(large)) expect([cmd, m.refused]).toEqual([cmd, 0]);
  }, 120000);
});
