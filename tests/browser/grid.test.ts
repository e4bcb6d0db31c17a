/**
 * The playground's grid behaves like a spreadsheet where people notice it does not (issue 11, item 10):
 * - a click on a cell that text from its left neighbour spills over selects that cell, and typing goes there;
 * - frozen rows stay under the column letters while the sheet scrolls;
 * - an .xlsx with merged cells opens with them merged (one title, not four copies) and saves them merged again;
 * - a custom function's error shows its message on hover (as Excel shows a CustomFunctions.Error's message).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { cell, cellText, command, describeBrowser, ensurePlaygroundBuild, eventually, launch, openPlayground, serve, tabNames, typeInto, watch, type Served, type Watch } from './harness';

jest.setTimeout(120_000);

type ExcelJSModule = typeof import('exceljs');
async function excelJs(): Promise<ExcelJSModule> {
  const mod = (await import('exceljs')) as unknown as { default?: ExcelJSModule } & ExcelJSModule;
  return mod.default ?? mod;
}

/** What the page's workbook holds in one cell (not what the grid draws). */
function storedValue(page: Page, sheet: string, row: number, col: number): Promise<unknown> {
  return page.evaluate(
    ([s, r, c]) => {
      const wb = (window as unknown as { okrPlayground: { workbook: { sheet(n: string): { get(r: number, c: number): { v?: unknown } | undefined } } } }).okrPlayground.workbook;
      return wb.sheet(s as string)?.get(r as number, c as number)?.v ?? null;
    },
    [sheet, row, col] as const,
  );
}

describeBrowser('the playground grid', () => {
  let served: Served;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let seen: Watch;

  beforeAll(async () => {
    ensurePlaygroundBuild();
    served = await serve();
    browser = await launch();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  async function open(viewport: { width: number; height: number }): Promise<void> {
    context = await browser.newContext({ viewport, acceptDownloads: true });
    page = await context.newPage();
    seen = watch(page, served.url);
  }

  afterEach(async () => {
    expect(seen.external).toEqual([]);
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  test('a click where the objective spills over the empty cell beside it selects that cell; typing fills it', async () => {
    await open({ width: 1400, height: 860 });
    await openPlayground(page, served.url, '?sample=english&lang=en');
    const objective = 'Grow repeat purchases in our Taobao store';
    expect(await cellText(page, 'D4')).toBe(objective);
    expect(await cellText(page, 'E4')).toBe('');
    // The precondition: D4's text is painted over E4's left part.
    const textRight = await cell(page, 'D4').locator('.cv').evaluate((e) => e.getBoundingClientRect().right);
    const e4 = (await cell(page, 'E4').boundingBox())!;
    expect(textRight).toBeGreaterThan(e4.x + 12);

    // Click on the spilled text inside E4.
    await page.mouse.click(e4.x + 6, e4.y + e4.height / 2);
    expect(await page.inputValue('#name-box')).toBe('E4');
    await page.keyboard.type('Owner: Alice');
    await page.keyboard.press('Enter');

    await eventually(() => cellText(page, 'E4'), (v) => expect(v).toBe('Owner: Alice'));
    expect(await cellText(page, 'D4')).toBe(objective);
    expect(await storedValue(page, 'Q4 OKRs', 3, 3)).toBe(objective);
    expect(await storedValue(page, 'Q4 OKRs', 3, 4)).toBe('Owner: Alice');

    // A click on D4's own part still selects D4.
    const d4 = (await cell(page, 'D4').boundingBox())!;
    await page.mouse.click(d4.x + 10, d4.y + d4.height / 2);
    expect(await page.inputValue('#name-box')).toBe('D4');
  });

  test('the frozen header row stays in view while the sheet scrolls', async () => {
    // A short window, so the converted sheet scrolls.
    await open({ width: 1400, height: 480 });
    await openPlayground(page, served.url, '?sample=english&lang=en');
    expect((await command(page, 'convert')).kind).toBe('ok');
    const frozen = await page.evaluate(() => (window as unknown as { okrPlayground: { workbook: { active: { freezeRows: number } } } }).okrPlayground.workbook.active.freezeRows);
    // Convert freezes the sheet through its header row (row 3).
    expect(frozen).toBeGreaterThanOrEqual(3);

    const grid = page.locator('#grid');
    const scrollable = await grid.evaluate((g) => g.scrollHeight - g.clientHeight);
    expect(scrollable).toBeGreaterThan(150);
    // Convert selected its new ID header far right; look at the sheet's first columns.
    await grid.evaluate((g) => (g.scrollLeft = 0));
    const letters = (await page.locator('#grid thead th.colhead').first().boundingBox())!;
    const before = (await cell(page, 'E3').boundingBox())!;
    await grid.evaluate((g) => (g.scrollTop = 150));
    await eventually(() => grid.evaluate((g) => g.scrollTop), (v) => expect(v).toBe(150));

    // Row 3 (the header) has not moved and is still the cell a person sees (and clicks) there; row 4 has gone under it.
    const after = (await cell(page, 'E3').boundingBox())!;
    expect(Math.abs(after.y - before.y)).toBeLessThan(1);
    expect(after.y).toBeGreaterThanOrEqual(letters.y + letters.height - 1);
    const seenThere = await page.evaluate(([x, y]) => (document.elementFromPoint(x, y)?.closest('td') as HTMLElement | null)?.dataset.addr ?? null, [after.x + after.width / 2, after.y + after.height / 2]);
    expect(seenThere).toBe('E3');
    expect(await cellText(page, 'E3')).toBe('Key Result');
    const row1 = (await cell(page, 'A1').boundingBox())!;
    expect(row1.y).toBeGreaterThanOrEqual(letters.y + letters.height - 1);
    // Unfrozen rows do scroll: row 20 moved up by the scroll.
    const r20 = (await cell(page, 'A20').boundingBox())!;
    await grid.evaluate((g) => (g.scrollTop = 0));
    await eventually(async () => (await cell(page, 'A20').boundingBox())!.y - r20.y, (v) => expect(Math.abs(v - 150)).toBeLessThan(1));
  });

  test("a custom function's error says why on hover", async () => {
    await open({ width: 1400, height: 860 });
    await openPlayground(page, served.url, '?sample=empty&lang=en');
    await typeInto(page, 'A1', '=OKR.OKRSCORE("about half",100)');
    expect(await cellText(page, 'A1')).toBe('#VALUE!');
    const why = await cell(page, 'A1').getAttribute('title');
    // The add-in's message names the value it could not read.
    expect(why).toContain('about half');
    await typeInto(page, 'A1', '=OKR.OKRSCORE(50,100)');
    expect(await cellText(page, 'A1')).toBe('0.5');
    expect(await cell(page, 'A1').getAttribute('title')).toBeNull();
  });

  test('frozen columns stay beside the row numbers while the sheet scrolls sideways, and are saved frozen', async () => {
    await open({ width: 900, height: 600 });
    const ExcelJS = await excelJs();
    const book = new ExcelJS.Workbook();
    // Frozen through column B and row 1, as Convert freezes a grid through its Key Result column.
    const ws = book.addWorksheet('Wide', { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
    ws.getRow(1).values = ['Objective', 'Key Result', ...Array.from({ length: 20 }, (_, i) => `Column ${i + 3}`)];
    ws.getRow(2).values = ['Grow', 'Sign 40 distributors', ...Array.from({ length: 20 }, (_, i) => i)];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okr-frozen-'));
    const file = path.join(dir, 'wide.xlsx');
    await book.xlsx.writeFile(file);
    await openPlayground(page, served.url, '?sample=empty&lang=en');
    await page.setInputFiles('#open-file', file);
    await eventually(() => tabNames(page), (v) => expect(v).toEqual(['Wide']));

    const grid = page.locator('#grid');
    const before = { b2: (await cell(page, 'B2').boundingBox())!, e2: (await cell(page, 'E2').boundingBox())! };
    await grid.evaluate((g) => (g.scrollLeft = 300));
    await eventually(() => grid.evaluate((g) => g.scrollLeft), (v) => expect(v).toBe(300));
    const b2 = (await cell(page, 'B2').boundingBox())!;
    const e2 = (await cell(page, 'E2').boundingBox())!;
    expect(Math.abs(b2.x - before.b2.x)).toBeLessThan(1);
    expect(Math.abs(before.e2.x - e2.x - 300)).toBeLessThan(1);
    // The key result is what a person sees (and clicks) there, not the column scrolled under it.
    const there = await page.evaluate(([x, y]) => (document.elementFromPoint(x, y)?.closest('td') as HTMLElement | null)?.dataset.addr ?? null, [b2.x + b2.width / 2, b2.y + b2.height / 2]);
    expect(there).toBe('B2');
    expect(await cellText(page, 'B2')).toBe('Sign 40 distributors');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    const back = path.join(dir, 'back.xlsx');
    await download.saveAs(back);
    const again = new ExcelJS.Workbook();
    await again.xlsx.readFile(back);
    expect(again.getWorksheet('Wide')!.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 1 });
  });

  test('Open .xlsx keeps a merged title merged, and Download writes it merged', async () => {
    await open({ width: 1400, height: 860 });
    const ExcelJS = await excelJs();
    const book = new ExcelJS.Workbook();
    // A hidden sheet first: it stays hidden, and is not the sheet shown.
    book.addWorksheet('Lists', { state: 'hidden' }).getCell('A1').value = 'Open';
    const ws = book.addWorksheet('Plan');
    ws.getCell('A1').value = 'Sales OKRs 2027-Q1';
    ws.mergeCells('A1:D1');
    ws.getRow(3).values = ['Objective', 'Key Result', 'Target', 'Current'];
    ws.getRow(4).values = ['Win the north region', 'Sign 40 new distributors', 40, 12];
    ws.getCell('A6').value = 'Notes';
    ws.mergeCells('A6:B7');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okr-merge-'));
    const file = path.join(dir, 'merged.xlsx');
    await book.xlsx.writeFile(file);

    await openPlayground(page, served.url, '?sample=english&lang=en');
    await page.setInputFiles('#open-file', file);
    await eventually(() => tabNames(page), (v) => expect(v).toEqual(['Plan']));

    // One title, drawn once across four columns; the covered cells are empty in the workbook, as in Excel.
    await eventually(() => page.locator('#grid td .cv', { hasText: 'Sales OKRs 2027-Q1' }).count(), (v) => expect(v).toBe(1));
    expect(await cell(page, 'A1').getAttribute('colspan')).toBe('4');
    expect(await cell(page, 'B1').count()).toBe(0);
    for (const col of [1, 2, 3]) expect(await storedValue(page, 'Plan', 0, col)).toBeNull();
    expect(await storedValue(page, 'Plan', 0, 0)).toBe('Sales OKRs 2027-Q1');
    expect(await cell(page, 'A6').getAttribute('colspan')).toBe('2');
    expect(await cell(page, 'A6').getAttribute('rowspan')).toBe('2');
    expect(await page.locator('#grid td .cv', { hasText: /^Notes$/ }).count()).toBe(1);
    // The rows below are where they were.
    expect(await cellText(page, 'B4')).toBe('Sign 40 new distributors');
    expect(await cellText(page, 'C4')).toBe('40');

    // Clicking anywhere on the merged title selects it, named by its first cell; the arrow key leaves it to E1.
    const a1 = (await cell(page, 'A1').boundingBox())!;
    await page.mouse.click(a1.x + a1.width * 0.8, a1.y + a1.height / 2);
    expect(await page.inputValue('#name-box')).toBe('A1');
    await page.keyboard.press('ArrowRight');
    expect(await page.inputValue('#name-box')).toBe('E1');

    // Saved again, the file has the merges and the title once.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    const back = path.join(dir, 'back.xlsx');
    await download.saveAs(back);
    const again = new ExcelJS.Workbook();
    await again.xlsx.readFile(back);
    const ws2 = again.getWorksheet('Plan')!;
    expect([...ws2.model.merges].sort()).toEqual(['A1:D1', 'A6:B7']);
    expect(ws2.getCell('A1').value).toBe('Sales OKRs 2027-Q1');
    expect(ws2.getCell('B1').type).toBe(ExcelJS.ValueType.Merge);
    expect(again.getWorksheet('Lists')!.state).toBe('hidden');
  });
});
