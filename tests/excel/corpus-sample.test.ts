/**
 * The built task pane (dist/excel/taskpane.js in jsdom, the in-memory Office and Excel in place of office.js) converts
 * a sample of the real-world corpus (tests/fixtures/real/host-sample.ts), as a manager would: one click on Convert in
 * the pane's language. The message names the objectives and KRs a person counts in the source, the grid holds every
 * title copied exactly as text, and every cell the user typed is as it was. Expectations: the corpus's own.
 */
import * as fs from 'fs';
import * as path from 'path';
import { JSDOM } from 'jsdom';
import { createExcel, createOffice, SimWorkbook } from '../../playground/excel-sim';
import {
  changedTypedCells,
  countsInSummary,
  expectedCounts,
  HOST_SAMPLE,
  missingTitles,
  uiLang,
} from '../fixtures/real/host-sample';
import { DIST, requireBuild, typed } from './helpers';

beforeAll(requireBuild);

const NAME = 'OKRs';

async function until(cond: () => boolean, ms = 10000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Opens the built pane on a workbook holding the sheet, clicks Convert, and returns the message it shows. */
async function convertInPane(wb: SimWorkbook, lang: 'en' | 'zh'): Promise<string> {
  const html = fs.readFileSync(path.join(DIST, 'taskpane.html'), 'utf8').replace(/<script[^>]*><\/script>/g, '');
  const dom = new JSDOM(html, { runScripts: 'outside-only' });
  const win = dom.window as unknown as Record<string, unknown> & { eval(code: string): unknown; document: Document };
  win.Office = createOffice(wb, lang === 'zh' ? 'zh-CN' : 'en-US');
  win.Excel = createExcel(wb);
  win.eval(fs.readFileSync(path.join(DIST, 'taskpane.js'), 'utf8'));
  const root = win.document.getElementById('app')!;
  await until(() => root.dataset.state === 'ready');
  root.querySelector<HTMLButtonElement>('[data-command="convert"]')!.click();
  await until(() => root.dataset.state === 'ready' && !!root.querySelector('.okr-msg'));
  const text = root.querySelector('.okr-msg')!.textContent ?? '';
  dom.window.close();
  return text;
}

describe.each(HOST_SAMPLE.map((s) => [s.id, s] as const))('Excel converts %s', (_id, sheet) => {
  const wb = new SimWorkbook([]);
  wb.sheets = [];
  wb.addSheet(NAME, typed(sheet.values));
  // As Excel does with what is typed, the in-memory workbook holds an ISO date as its serial number: "as it was" is
  // what the workbook held before Convert.
  const before = wb.valuesOf(NAME).map((row) => [...row]);
  const lang = uiLang(sheet);
  let message = '';
  beforeAll(async () => {
    message = await convertInPane(wb, lang);
  });

  test('the pane names the objectives and key results a person counts', () => {
    expect(countsInSummary(message)).toEqual(expectedCounts(sheet));
  });

  test('every title is in the grid, copied exactly, as text', () => {
    const created = wb.sheets.filter((s) => s.name !== NAME);
    expect(created.length).toBeLessThanOrEqual(1);
    const grid = created[0] ?? null;
    expect(missingTitles(sheet, grid ? wb.valuesOf(grid.name) : null, wb.valuesOf(NAME))).toEqual([]);
    if (grid) {
      const titles = new Set(sheet.expect.objectives.flatMap((o) => [o.title, ...o.krs.map((k) => k.title)]));
      wb.valuesOf(grid.name).forEach((row, r) =>
        row.forEach((v, c) => {
          if (typeof v === 'string' && titles.has(v.trim()))
            expect([r, c, grid.get(r, c)?.f]).toEqual([r, c, undefined]);
        }),
      );
    }
  });

  test('every typed cell is as it was', () => {
    const now = wb.valuesOf(NAME);
    expect(changedTypedCells(before, (r, c) => now[r]?.[c] ?? '')).toEqual([]);
  });
});
