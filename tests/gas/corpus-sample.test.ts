/**
 * The built Apps Script bundle converts a sample of the real-world corpus (tests/fixtures/real/host-sample.ts): the
 * summary names the objectives and KRs a person counts in the source, the grid holds every title, and every cell the
 * user typed is as it was. The expectations are the corpus's person-written ones, never a previous run.
 */
import {
  changedTypedCells,
  countsInSummary,
  expectedCounts,
  HOST_SAMPLE,
  missingTitles,
  uiLang,
} from '../fixtures/real/host-sample';
import { loadProject, plain } from './harness';

const NAME = 'OKRs';

describe.each(HOST_SAMPLE.map((s) => [s.id, s] as const))('Sheets converts %s', (_id, sheet) => {
  const lang = uiLang(sheet);
  const p = loadProject({ locale: lang === 'zh' ? 'zh_CN' : 'en_US' }, (b) => b.addSheet(NAME, sheet.values));
  const res = plain(p.call('panelRun', 'convert')) as { ok: boolean; summary: { en: string; zh: string } };
  const original = p.book.sheet(NAME);
  const created = p.book.sheets.filter((s) => s.name !== NAME);

  test('the summary names the objectives and key results a person counts', () => {
    expect(res.ok).toBe(true);
    expect(countsInSummary(res.summary.en)).toEqual(expectedCounts(sheet));
    expect(countsInSummary(res.summary.zh)).toEqual(expectedCounts(sheet));
  });

  test('every title is in the grid, copied exactly, as text', () => {
    expect(created.length).toBeLessThanOrEqual(1);
    const grid = created[0] ?? null;
    expect(missingTitles(sheet, grid ? grid.values() : null, original.values())).toEqual([]);
    if (grid) {
      const g = grid.values();
      const titles = new Set(sheet.expect.objectives.flatMap((o) => [o.title, ...o.krs.map((k) => k.title)]));
      g.forEach((row, r) =>
        row.forEach((v, c) => {
          if (typeof v === 'string' && titles.has(v.trim())) expect([r, c, grid.formulaAt(r, c)]).toEqual([r, c, '']);
        }),
      );
    }
  });

  test('every typed cell is as it was', () => {
    expect(changedTypedCells(sheet.values, (r, c) => original.cellAt(r, c, false)?.value ?? '')).toEqual([]);
  });
});
