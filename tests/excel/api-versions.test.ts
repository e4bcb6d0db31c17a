/**
 * Excel API versions: manifest.xml requires ExcelApi 1.MIN_API and nothing newer; the in-memory Excel can be capped at
 * any version (a member above it fails at sync with ApiNotFound, as Office does), and every command works with each
 * optional set switched off: notes (1.18), Table.resize (1.13), per-cell properties / RangeAreas / special cells (1.9).
 * The versions the fake gives those members are the ones @types/office-js documents.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runExcelCommand } from '../../excel-addin/adapter';
import { API, excelSupport, MIN_API } from '../../excel-addin/support';
import type { CommandName } from '../../core/commands';
import { DEFAULT_SETTINGS } from '../../core/settings';
import { OWNED_RULE_MARK } from '../../core/sheet-plan';
import { createOffice } from '../../playground/excel-sim';
import { englishTable, FIXTURE_TODAY, messySheet, messyFormulas } from '../../fixtures/sheets';
import { bookWith, dumpSheet, ROOT } from './helpers';

const S = DEFAULT_SETTINGS;
const EN = 'Q4 OKRs';

/** A sheet as a user sees it: an empty cell in the General format is no cell; trailing empties dropped. */
function seen(dump: unknown): unknown {
  const d = dump as { cells: ({ v: unknown; f: unknown; fill: unknown; nf: unknown } | null)[][] };
  const cells = d.cells.map((row) => {
    const out = row.map((c) =>
      c && (c.v !== null || c.f !== null || c.fill !== null || (c.nf !== null && c.nf !== 'General')) ? c : null,
    );
    while (out.length && out[out.length - 1] === null) out.pop();
    return out;
  });
  return { ...d, cells };
}

function capped(api: number, sheets = [{ name: EN, grid: englishTable }]) {
  const book = bookWith(sheets, false);
  book.wb.apiVersion = api;
  return { ...book, support: excelSupport(createOffice(book.wb)) };
}

test('the manifest requires exactly the ExcelApi the add-in needs without optional sets', () => {
  const manifest = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
  const sets = [...manifest.matchAll(/<Set Name="([^"]+)" MinVersion="([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);
  expect(sets).toContain(`ExcelApi 1.${MIN_API}`);
  expect(sets.filter((s) => s.startsWith('ExcelApi '))).toHaveLength(1);
});

test('support follows Office.context.requirements, newest known set first', () => {
  for (const [api, want] of [
    [18, 18],
    [17, 13],
    [12, 9],
    [8, 8],
  ]) {
    const { support } = capped(api);
    expect([api, support.api]).toEqual([api, want]);
  }
});

describe.each([
  ['notes off (ExcelApi 1.17)', 17],
  ['Table.resize off (ExcelApi 1.12)', 12],
  ['1.9 off: the manifest minimum (ExcelApi 1.8)', MIN_API],
])('every command with %s', (_label, api) => {
  test('convert, validate, clear, score, start next quarter succeed and do their work', async () => {
    const { wb, excel, support } = capped(api);
    const run = (cmd: CommandName) => runExcelCommand(excel, cmd, S, FIXTURE_TODAY, support);
    const conv = await run('convert');
    expect(conv.summary.en).toMatch(/Converted/);
    expect(conv.ok).toBe(true);
    const sheet = wb.sheet(EN)!;
    expect(sheet.tables).toHaveLength(1);
    expect(sheet.conditionalFormats.some((c) => c.formula.includes(OWNED_RULE_MARK))).toBe(true);
    expect(sheet.validations.length).toBeGreaterThan(0);
    // Converting again (a resize of the table where the host has Table.resize) changes nothing.
    const once = JSON.stringify(dumpSheet(wb, EN));
    expect((await run('convert')).ok).toBe(true);
    expect(JSON.stringify(dumpSheet(wb, EN))).toBe(once);

    const val = await run('validate');
    expect(val.ok).toBe(true);
    const findings = (val.details as { findings: unknown[] }).findings;
    expect(findings.length).toBeGreaterThan(0);
    if (api < API.notes) {
      // No notes: no highlight either (its note is what lets Clear undo it); the findings are in the panel.
      expect(val.summary.en).toMatch(/no notes \(ExcelApi 1\.18\)/);
      expect(val.summary.zh).toMatch(/ExcelApi 1\.18/);
      expect(sheet.notes.size).toBe(0);
    } else expect(sheet.notes.size).toBeGreaterThan(0);
    expect((await run('clear')).ok).toBe(true);
    expect(sheet.notes.size).toBe(0);
    expect((await run('score')).ok).toBe(true);
    expect(wb.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(['OKR History']));
    wb.activate(EN);
    expect((await run('rollForward')).ok).toBe(true);
    expect(wb.sheets.some((s) => /2027-Q1/.test(s.name))).toBe(true);
  });

  test('a failure halfway through convert still puts everything back', async () => {
    const probe = capped(api, [{ name: 'M', grid: messySheet, formulas: messyFormulas } as never]);
    const w0 = probe.wb.writeCount;
    expect((await runExcelCommand(probe.excel, 'convert', S, FIXTURE_TODAY, probe.support)).ok).toBe(true);
    const writes = probe.wb.writeCount - w0;
    for (const at of [1, Math.ceil(writes / 2), writes]) {
      const { wb, excel, support } = capped(api, [{ name: 'M', grid: messySheet, formulas: messyFormulas } as never]);
      const before = seen(dumpSheet(wb, 'M'));
      wb.injectFault(at);
      const res = await runExcelCommand(excel, 'convert', S, FIXTURE_TODAY, support);
      expect(res.summary.en).toMatch(/put back/);
      expect(seen(dumpSheet(wb, 'M'))).toEqual(before);
    }
  });
});

test('below the manifest minimum the add-in would fail: the minimum is not lower than it needs', async () => {
  const { excel, support } = capped(MIN_API - 1);
  const res = await runExcelCommand(excel, 'convert', S, FIXTURE_TODAY, support);
  expect(res.ok).toBe(false);
  expect(res.summary.en).toMatch(/ApiNotFound|could not be found/i);
});

/** The requirement set @types/office-js documents for `member` of Excel class `cls`. */
function documentedSet(dts: string, cls: string, member: string): number | null {
  const excel = dts.indexOf('declare namespace Excel {');
  const start = dts.indexOf(`\n    class ${cls} extends OfficeExtension.ClientObject {`, excel);
  if (excel < 0 || start < 0) return null;
  const end = dts.indexOf('\n    }\n', start);
  const body = dts.slice(start, end);
  const at = body.search(new RegExp(`\\n\\s+(readonly )?${member}[(:<]`));
  if (at < 0) return null;
  const doc = body.slice(0, at);
  const m = /\[Api set: ExcelApi 1\.(\d+)/g;
  let last: RegExpExecArray | null = null;
  for (let x = m.exec(doc); x; x = m.exec(doc)) last = x;
  return last ? Number(last[1]) : null;
}

test('the versions the in-memory Excel enforces are the documented ones', () => {
  const dts = fs.readFileSync(path.join(ROOT, 'node_modules/@types/office-js/index.d.ts'), 'utf8');
  const enforced: [string, string, number][] = [
    ['Range', 'getCellProperties', API.cellProperties],
    ['Range', 'setCellProperties', API.cellProperties],
    ['Range', 'getSpecialCellsOrNullObject', API.specialCells],
    ['Worksheet', 'getRanges', API.rangeAreas],
    ['ConditionalFormat', 'getRanges', API.rangeAreas],
    ['WorksheetCollection', 'onChanged', API.workbookChanged],
    ['Table', 'resize', API.tableResize],
    ['Worksheet', 'notes', API.notes],
    ['Range', 'dataValidation', MIN_API],
    ['ConditionalFormat', 'getRangeOrNullObject', 6],
    ['Worksheet', 'freezePanes', 7],
    ['WorksheetCollection', 'getItemOrNullObject', 4],
  ];
  for (const [cls, member, v] of enforced)
    expect([cls, member, documentedSet(dts, cls, member)]).toEqual([cls, member, v]);
});
