/**
 * "How I read your sheet" in the playground's task pane, end to end: the reader's choices with their reasons before
 * Convert, a correction from the dropdown saved with the workbook and used by Convert, the cell that could not be
 * placed named by Convert's summary and listed, the counts before and after Convert, the correction carried in the
 * downloaded .xlsx (and honoured by the command line on that file), in English and Chinese.
 * Sheets and expected scores: tests/fixtures/reading-sheets.ts (worked out by hand).
 */
import * as path from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { cellText, colOf, command, describeBrowser, ensurePlaygroundBuild, eventually, findInRow, launch, openPlayground, serve, shownNumber, tabNames, watch, type Served, type Watch } from './harness';
import { READING_DATE_COLS, READING_EN_SHEET, READING_ZH_SHEET, REMARK_EN, REMARK_ZH, UNNAMED_COL, UNNAMED_EN, UNNAMED_ZH, readingTeamEn, readingTeamZh } from '../fixtures/reading-sheets';
import { excelSheet, readWorkbookFile, removeTempDirs, tempDir, writeExcelWorkbook } from '../xlsx/helpers';
import { savedSettings } from '../../xlsx/settings-store';
import { main } from '../../xlsx/cli';

jest.setTimeout(120_000);

const dir = tempDir('okr-reading-');
const enFile = path.join(dir, 'sales.xlsx');
const zhFile = path.join(dir, '销售部.xlsx');

const pane = (page: Page) => page.locator('#app .okr-reading');
const column = (page: Page, col: number) => pane(page).locator(`.okr-col[data-col="${col}"]`);
const roleOf = (page: Page, col: number) => column(page, col).getAttribute('data-field');

/** The document settings the add-in saved in the page's workbook (Office.context.document.settings). */
function savedInWorkbook(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { okrPlayground: { workbook: { settings: Record<string, unknown> } } }).okrPlayground.workbook.settings['okrGrid.settings'] ?? null);
}

async function openFile(page: Page, file: string, sheet: string): Promise<void> {
  await page.setInputFiles('#open-file', file);
  await eventually(() => tabNames(page), (v) => expect(v).toEqual([sheet]));
  await page.waitForSelector('#app[data-state="ready"] .okr-reading details');
}

async function choose(page: Page, col: number, role: string): Promise<void> {
  await column(page, col).locator('select').selectOption(role);
  await page.waitForSelector('#app[data-state="ready"]');
  await eventually(() => column(page, col).getAttribute('data-chosen'), (v) => expect(v).toBe('true'));
}

describeBrowser('how I read your sheet, in the playground', () => {
  let served: Served;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let seen: Watch;

  beforeAll(async () => {
    ensurePlaygroundBuild();
    await writeExcelWorkbook(enFile, [excelSheet(READING_EN_SHEET, readingTeamEn, { dateCols: READING_DATE_COLS })]);
    await writeExcelWorkbook(zhFile, [excelSheet(READING_ZH_SHEET, readingTeamZh, { dateCols: READING_DATE_COLS })]);
    served = await serve();
    browser = await launch();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    removeTempDirs();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    seen = watch(page, served.url);
  });

  afterEach(async () => {
    expect(seen.external).toEqual([]);
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  test('English: read, corrected, converted with the correction, downloaded with it', async () => {
    await openPlayground(page, served.url, '?sample=empty&lang=en');
    await openFile(page, enFile, READING_EN_SHEET);
    const p = pane(page);
    expect(await p.locator('summary').textContent()).toBe('How I read your sheet');
    // The header row the reader chose (row 3) and each column's role, each with a reason.
    expect(await p.locator('select[data-reading="header-row"]').inputValue()).toBe('2');
    expect(await p.locator('[data-reason="header"]').textContent()).toMatch(/\S/);
    const roles = await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map((c) => roleOf(page, c)));
    expect(roles).toEqual(['objective', 'kr', 'owner', 'start', 'target', 'ignore', 'due', 'notes']);
    for (const c of [4, 5]) expect((await column(page, c).locator('.okr-reason').textContent())!.length).toBeGreaterThan(5);
    expect(await p.locator('[data-counts="now"]').textContent()).toBe('Found: 2 objectives · 4 key results · 0 initiatives · 1 title or note · 1 not placed');
    expect(await p.locator('[data-unplaced="H9"] .okr-text').textContent()).toContain(REMARK_EN);

    // "Where we are" is the current value: chosen from the dropdown, saved with the workbook.
    await choose(page, UNNAMED_COL, 'current');
    expect(await roleOf(page, UNNAMED_COL)).toBe('current');
    expect(await savedInWorkbook(page)).toMatchObject({ columnRoles: { [UNNAMED_EN]: 'current' } });
    expect(await page.locator('#app .okr-msg[data-kind="ok"]').first().textContent()).toContain(`Column “${UNNAMED_EN}” is read as: Current.`);

    // Convert uses it: the scores come from column F. Its summary names the cell it could not place.
    const res = await command(page, 'convert');
    expect(res.kind).toBe('ok');
    expect(res.text).toContain(`1 cell was not placed in the grid: H9 “${REMARK_EN}”`);
    const S = colOf((await findInRow(page, 3, /^OKR Score$|^Score$/))!);
    const score = async (row: number) => shownNumber(await cellText(page, `${S}${row}`));
    await eventually(() => score(4), (v) => expect(v).toBeCloseTo(0.3, 5));
    expect(await score(5)).toBeCloseTo(0.2, 5);
    expect(await score(6)).toBeCloseTo(0.5, 5);
    expect(await score(7)).toBeCloseTo(0.3, 5);
    // After Convert the pane keeps the counts read before it beside the new reading (the remark is still unplaced).
    await eventually(() => p.locator('[data-counts="before"]').textContent(), (v) => expect(v).toBe('Before Convert: 2 objectives · 4 key results · 0 initiatives · 1 title or note'));
    expect(await p.locator('[data-counts="now"]').textContent()).toContain('2 objectives · 4 key results');
    expect(await p.locator('details').getAttribute('open')).not.toBeNull();
    // Clicking the unplaced cell selects it.
    await p.locator('[data-unplaced="H9"]').click();
    await eventually(() => page.inputValue('#name-box'), (v) => expect(v).toBe('H9'));

    // Downloaded, the file carries the correction; the command line honours it; opened again, the pane shows it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    const back = path.join(dir, 'sales-back.xlsx');
    await download.saveAs(back);
    expect(savedSettings(await readWorkbookFile(back))).toMatchObject({ columnRoles: { [UNNAMED_EN]: 'current' } });
    const out: string[] = [];
    const code = await main(['validate', back, '--json', '--quiet', '--today', '2026-11-23'], { out: (s) => out.push(s), err: () => undefined, env: { LANG: 'en_US.UTF-8' }, tty: false });
    expect(code).toBe(0);
    const json = JSON.parse(out.join('\n'));
    const f = json.details.reading.columns.find((c: { col: number }) => c.col === UNNAMED_COL);
    expect(f).toMatchObject({ header: UNNAMED_EN, field: 'current', chosen: true });

    await page.reload();
    await page.waitForSelector('#app[data-state="ready"]');
    await openFile(page, back, READING_EN_SHEET);
    expect(await roleOf(page, UNNAMED_COL)).toBe('current');
    expect(await column(page, UNNAMED_COL).getAttribute('data-chosen')).toBe('true');
  });

  test('Chinese: the same in Chinese; choosing another header row and back', async () => {
    await openPlayground(page, served.url, '?sample=empty&lang=zh');
    await openFile(page, zhFile, READING_ZH_SHEET);
    const p = pane(page);
    expect(await p.locator('summary').textContent()).toBe('我如何读取您的表格');
    expect(await roleOf(page, 0)).toBe('objective');
    expect(await roleOf(page, 4)).toBe('target');
    expect(await roleOf(page, UNNAMED_COL)).toBe('ignore');
    expect(await column(page, 4).locator('select option:checked').textContent()).toBe('目标值');
    expect(await column(page, 4).locator('.okr-reason').textContent()).toMatch(/[\u4e00-\u9fff]/);
    expect(await p.locator('[data-counts="now"]').textContent()).toBe('找到：2 个目标，4 个关键结果，0 个举措，1 个标题和备注，1 个未放置');
    // The remark is listed exactly as typed (full-width brackets kept).
    expect(await p.locator('[data-unplaced="H9"] .okr-text').textContent()).toContain(REMARK_ZH);

    await choose(page, UNNAMED_COL, 'current');
    expect(await savedInWorkbook(page)).toMatchObject({ columnRoles: { [UNNAMED_ZH]: 'current' } });
    expect(await page.locator('#app .okr-msg[data-kind="ok"]').first().textContent()).toContain(`列“${UNNAMED_ZH}”读作：当前值。`);

    // Another header row is saved (the title row names no columns, so the reader keeps row 3); Automatic forgets it.
    const header = p.locator('select[data-reading="header-row"]');
    const options = await header.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toContain('2');
    await header.selectOption('0');
    await page.waitForSelector('#app[data-state="ready"]');
    expect(await savedInWorkbook(page)).toMatchObject({ headerRow: 0 });
    await eventually(() => p.locator('select[data-reading="header-row"] option[value="auto"]').count(), (v) => expect(v).toBe(1));
    await p.locator('select[data-reading="header-row"]').selectOption('auto');
    await page.waitForSelector('#app[data-state="ready"]');
    expect(await savedInWorkbook(page)).toMatchObject({ headerRow: null });
    await eventually(() => p.locator('select[data-reading="header-row"]').inputValue(), (v) => expect(v).toBe('2'));

    const res = await command(page, 'convert');
    expect(res.kind).toBe('ok');
    expect(res.text).toContain(`有 1 个单元格未能放入表格：H9 “${REMARK_ZH}”`);
  });
});
