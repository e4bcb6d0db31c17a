/**
 * Issue 11, point 6: a failure at EVERY write of EVERY command, on a workbook that already holds a converted,
 * validated and scored OKR sheet (so Score quarter runs a second time over its own scorecard and history), at 100
 * and 10,000 rows: every sheet is put back exactly (values, formulas, number formats, fills, fonts, notes, rules,
 * dropdowns, tables, frozen rows, column widths, sheet list). The table of outcomes is written to
 * dist/fault-table-excel.json for the report.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runExcelCommand } from '../../excel-addin/adapter';
import { type CommandName } from '../../core/commands';
import { DEFAULT_SETTINGS } from '../../core/settings';
import { createExcel, SimSheet, SimWorkbook } from '../../playground/excel-sim';
import type { ExcelLike } from '../../excel-addin/adapter';
import { FIXTURE_TODAY, generatedTable } from '../../fixtures/sheets';
import { bookWith, ROOT } from './helpers';

const S = DEFAULT_SETTINGS;
const NAME = 'Team';
const COMMANDS: CommandName[] = ['convert', 'validate', 'clear', 'score', 'rollForward'];

/** Everything a user could see or lose, per sheet in tab order. */
function fullDump(wb: SimWorkbook): string {
  return JSON.stringify(
    wb.sheets.map((s) => ({
      name: s.name,
      visible: s.visible,
      // Array.from: holes (rows never touched) and empty rows read the same.
      cells: Array.from(s.cells, (row) =>
        (row ?? []).map((c) =>
          c && (c.v !== undefined || c.f || c.fill || c.bold || c.fontColor || (c.nf && c.nf !== 'General'))
            ? [
                c.v ?? null,
                c.f ?? null,
                c.quote ?? false,
                c.nf && c.nf !== 'General' ? c.nf : null,
                c.fill ?? null,
                c.bold ?? false,
                c.fontColor ?? null,
              ]
            : null,
        ),
      )
        .map((row) => {
          const r = [...row];
          while (r.length && r[r.length - 1] === null) r.pop();
          return r;
        })
        .reduceRight((acc: unknown[][], row) => (acc.length === 0 && row.length === 0 ? acc : [row, ...acc]), []),
      notes: [...s.notes.entries()].sort(),
      rules: s.conditionalFormats.map((c) => [c.ranges, c.formula, c.fill, c.fontColor ?? null]),
      validations: s.validations.map((v) => [v.rect, v.list, v.style]),
      tables: s.tables.map((t) => [t.name, t.rect]),
      freezeRows: s.freezeRows,
      freezeCols: s.freezeCols,
      widths: s.columnWidths,
    })),
  );
}

/** A deep copy of a workbook (sheets and their contents), so each fault starts from the same prepared state. */
function cloneBook(src: SimWorkbook): { wb: SimWorkbook; excel: ExcelLike } {
  const wb = new SimWorkbook([]);
  wb.sheets = src.sheets.map((s) => {
    const c = new SimSheet(s.name);
    c.cells = structuredClone(s.cells);
    c.notes = new Map(s.notes);
    c.conditionalFormats = structuredClone(s.conditionalFormats);
    c.validations = structuredClone(s.validations);
    c.tables = structuredClone(s.tables);
    c.freezeRows = s.freezeRows;
    c.freezeCols = s.freezeCols;
    c.merges = structuredClone(s.merges);
    c.columnWidths = { ...s.columnWidths };
    c.visible = s.visible;
    return c;
  });
  wb.activeIndex = src.activeIndex;
  (wb as unknown as { cfSeq: number }).cfSeq = (src as unknown as { cfSeq: number }).cfSeq;
  (wb as unknown as { tableSeq: number }).tableSeq = (src as unknown as { tableSeq: number }).tableSeq;
  return { wb, excel: createExcel(wb) as unknown as ExcelLike };
}

async function prepared(rows: number): Promise<SimWorkbook> {
  const grid = generatedTable(rows);
  // One unreadable current value and one user note, so Validate marks cells and Clear has something to put back.
  grid[1][10] = 'about half';
  const { wb, excel } = bookWith([{ name: NAME, grid }], false);
  wb.sheet(NAME)!.notes.set('1,10', 'my own note');
  // The user's own dressing: a number format, a fill, a frozen title row.
  wb.sheet(NAME)!.ensure(1, 7).nf = '#,##0.00';
  wb.sheet(NAME)!.ensure(1, 3).fill = '#FFEE00';
  for (const cmd of ['convert', 'validate', 'score'] as CommandName[]) {
    wb.activate(NAME);
    const r = await runExcelCommand(excel, cmd, S, FIXTURE_TODAY);
    expect(r.ok ? cmd : r.summary.en).toBe(cmd);
  }
  wb.activate(NAME);
  return wb;
}

const table: { rows: number; command: string; write: number; of: number; restored: boolean }[] = [];

afterAll(() => {
  const out = path.join(ROOT, 'dist', 'fault-table-excel.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(table, null, 1));
});

describe.each([100, 10000])(
  'Excel, %i rows: a failure at each write of each command puts every sheet back exactly',
  (rows) => {
    let base: SimWorkbook;
    /** The prepared workbook as a user sees it: every clone starts equal to it, so it is dumped once, not per fault. */
    let was: string;
    beforeAll(async () => {
      base = await prepared(rows);
      was = fullDump(base);
    }, 120000);

    test.each(COMMANDS)(
      '%s',
      async (cmd) => {
        const probe = cloneBook(base);
        expect(fullDump(probe.wb)).toBe(was);
        const before = probe.wb.writeCount;
        expect((await runExcelCommand(probe.excel, cmd, S, FIXTURE_TODAY)).ok).toBe(true);
        const n = probe.wb.writeCount - before;
        expect(n).toBeGreaterThan(0);
        const failures: string[] = [];
        for (let at = 1; at <= n; at++) {
          const { wb, excel } = cloneBook(base);
          wb.injectFault(at);
          const res = await runExcelCommand(excel, cmd, S, FIXTURE_TODAY);
          const restored = !res.ok && /put back/.test(res.summary.en) && fullDump(wb) === was;
          table.push({ rows, command: cmd, write: at, of: n, restored });
          if (!restored)
            failures.push(`${cmd} failing at write ${at} of ${n}: ${res.ok ? 'reported success' : res.summary.en}`);
        }
        expect(failures).toEqual([]);
      },
      600000,
    );
  },
);
