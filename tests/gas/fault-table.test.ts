/**
 * Issue 11, point 6 in Sheets: a failure at EVERY write call of EVERY command (through the built bundle), on a
 * spreadsheet that already holds a converted, validated and scored OKR sheet (Score quarter runs a second time over
 * its own scorecard and history), at 100 and 10,000 rows: every sheet is put back exactly (values, formulas, notes,
 * fills, number formats, fonts, rules, dropdowns, banding, frozen rows, widths, charts, grid size, sheet list), the
 * dashboard Score quarter refreshes included. The table of outcomes is written to dist/fault-table-sheets.json.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as fx from '../../fixtures/sheets';
import { FakeEmbeddedChart } from '../fakes/sheets-charts';
import { FakeBanding, FakeConditionalRule, FakeRange, type FakeSpreadsheetBook } from '../fakes/spreadsheet-app';
import { loadProject, plain, type LoadedProject } from './harness';

const NAME = 'Team';
const COMMANDS = ['convert', 'validate', 'clear', 'score', 'rollForward'];
/** Calls that change the spreadsheet (reads and builders are not failed here: a read failing changes nothing). */
const WRITE = /^(Range|Sheet|Spreadsheet|Banding)\.(set|insert|update|delete|clear|apply|remove|hide|activate)/;

const run = (p: LoadedProject, cmd: string) =>
  plain(p.call('panelRun', cmd)) as { ok: boolean; summary: { en: string; zh: string } };
const everything = (p: LoadedProject) =>
  JSON.stringify({ names: p.book.sheets.map((s) => s.name), sheets: p.book.sheets.map((s) => s.state()) });
/** The prepared spreadsheet copied into a fresh project's fake (sheets, cells, rules, dropdowns, banding, sizes). */
function copyInto(src: FakeSpreadsheetBook, dst: FakeSpreadsheetBook): void {
  for (const s of src.sheets) {
    const c = dst.addSheet(s.name);
    c.grid = s.grid.map((row) => row.map((cell) => ({ ...cell })));
    c.frozenRows = s.frozenRows;
    c.frozenCols = s.frozenCols;
    c.hidden = s.hidden;
    c.widths = { ...s.widths };
    c.maxRows = s.maxRows;
    c.maxCols = s.maxCols;
    c.validations = new Map(s.validations);
    c.rules = s.rules.map(
      (r) =>
        new FakeConditionalRule(
          r.formula,
          r.background,
          r.fontColor,
          r.ranges.map((x) => new FakeRange(c, { ...x.rect })),
          dst.log,
        ),
    );
    c.bandings = s.bandings.map((b) => new FakeBanding(c, new FakeRange(c, { ...b.range.rect })));
  }
  // Charts last: they may read any sheet.
  for (const s of src.sheets)
    dst.sheet(s.name).chartsApi.charts = s.chartsApi.charts.map(
      (c) =>
        new FakeEmbeddedChart(
          c.id,
          c.state(),
          c.rangeObjs.map((r) => new FakeRange(dst.sheet(r.sheet.name), { ...r.rect })),
          dst.log,
        ),
    );
  dst.active = dst.sheet(src.active!.name);
}

function prepared(rows: number): FakeSpreadsheetBook {
  const grid = fx.generatedTable(rows);
  // One unreadable current value and a user note, so Validate marks cells and Clear has something to put back.
  grid[1][10] = 'about half';
  const notes = grid.map((r, i) => r.map((_, j) => (i === 1 && j === 10 ? 'my own note' : '')));
  const p = loadProject({ evaluate: undefined }, (b) => b.addSheet(NAME, grid, { notes }));
  for (const cmd of ['convert', 'validate', 'score']) {
    p.book.active = p.book.sheet(NAME);
    const r = run(p, cmd);
    expect(r.ok ? cmd : r.summary.en).toBe(cmd);
  }
  p.book.active = p.book.sheet(NAME);
  return p.book;
}

const table: {
  rows: number;
  command: string;
  write: number;
  of: number;
  call: string;
  restored: boolean;
}[] = [];

afterAll(() => {
  const out = path.resolve(__dirname, '../../dist/fault-table-sheets.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(table, null, 1));
});

describe.each([100, 10000])(
  'Sheets, %i rows: a failure at each write call of each command puts every sheet back exactly',
  (rows) => {
    let base: FakeSpreadsheetBook;
    beforeAll(() => {
      base = prepared(rows);
    }, 300000);

    test.each(COMMANDS)(
      '%s',
      (cmd) => {
        const probe = loadProject({ evaluate: undefined }, (b) => copyInto(base, b));
        probe.book.log.trace = [];
        expect(run(probe, cmd).ok).toBe(true);
        const trace = probe.book.log.trace;
        // Each write call as (method, nth call of that method).
        const writes: { method: string; nth: number }[] = [];
        const seen: Record<string, number> = {};
        for (const m of trace) {
          seen[m] = (seen[m] ?? 0) + 1;
          if (WRITE.test(m)) writes.push({ method: m, nth: seen[m] });
        }
        expect(writes.length).toBeGreaterThan(0);
        const failures: string[] = [];
        writes.forEach((w, i) => {
          const p = loadProject({ evaluate: undefined }, (b) => copyInto(base, b));
          const was = everything(p);
          p.book.log.failOn({ method: w.method, nth: w.nth });
          const res = run(p, cmd);
          const told = !res.ok && /put back/.test(res.summary.en);
          const restored = told && everything(p) === was;
          table.push({
            rows,
            command: cmd,
            write: i + 1,
            of: writes.length,
            call: `${w.method} #${w.nth}`,
            restored,
          });
          if (!restored)
            failures.push(
              `${cmd} failing at write ${i + 1} of ${writes.length} (${w.method} #${w.nth}): ${res.ok ? 'reported success' : res.summary.en}`,
            );
        });
        expect(failures).toEqual([]);
      },
      900000,
    );
  },
);
