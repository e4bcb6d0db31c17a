/**
 * End to end in headless Chromium: the `npm start` server, the playground page, the real panel running the Excel
 * adapter against the in-browser workbook, the formula engine with the add-in's functions.
 * Expected scores are worked out by hand from the domain rules (docs: /work/shared/okr-domain.md) on the English
 * fixture's numbers (tests/fixtures/sheets.ts), never read back from a run.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  HAVE_BROWSER,
  CHROMIUM,
  IN_CI,
  cell,
  cellText,
  colOf,
  command,
  eventually,
  describeBrowser,
  ensurePlaygroundBuild,
  findInRow,
  launch,
  openPlayground,
  serve,
  shownNumber,
  tabNames,
  typeInto,
  watch,
  type Served,
  type Watch,
} from './harness';

jest.setTimeout(120_000);

(HAVE_BROWSER || IN_CI ? test : test.skip)('Chromium is installed (required when CI is set)', () => {
  expect({ chromium: CHROMIUM, installed: HAVE_BROWSER }).toEqual({ chromium: CHROMIUM, installed: true });
});

describeBrowser('playground in Chromium', () => {
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

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1400, height: 860 }, acceptDownloads: true });
    page = await context.newPage();
    seen = watch(page, served.url);
  });

  afterEach(async () => {
    // Nothing on the page may reach the network, and no script may have crashed.
    expect(seen.external).toEqual([]);
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  test('the server serves the page, the bundle, and 404s outside dist', async () => {
    const home = await page.request.get(served.url);
    expect(home.status()).toBe(200);
    expect(await home.text()).toContain('Content-Security-Policy');
    expect((await page.request.get(served.url + 'playground.js')).status()).toBe(200);
    expect((await page.request.get(served.url + '..%2f..%2fpackage.json')).status()).toBe(404);
    expect((await page.request.get(served.url + 'no-such-file.js')).status()).toBe(404);
  });

  test('English table: convert writes score formulas that compute the domain scores', async () => {
    await openPlayground(page, served.url, '?sample=english&lang=en');
    expect(await page.locator('#app [data-command="convert"]').textContent()).toBe('Convert');
    expect(await tabNames(page)).toEqual(['Q4 OKRs', 'OKR Check-ins']); // the sample carries a quarter of check-ins

    const res = await command(page, 'convert');
    expect(res.kind).toBe('ok');

    // The header row is row 3; the add-in adds a score column.
    const scoreAddr = await findInRow(page, 3, /score|得分/i);
    expect(scoreAddr).not.toBeNull();
    const S = colOf(scoreAddr!);
    const score = async (row: number) => shownNumber(await cellText(page, `${S}${row}`));
    // KR-101 increase 0.18 -> 0.25, now 0.21: (0.21 - 0.18) / (0.25 - 0.18) = 0.4286
    expect(Math.abs((await score(5)) - 0.4286)).toBeLessThan(0.006);
    // KR-102 decrease 0.05 -> 0.03, now 0.04: (0.04 - 0.05) / (0.03 - 0.05) = 0.5
    expect(Math.abs((await score(6)) - 0.5)).toBeLessThan(0.006);
    // KR-103 stay above 4.8, now 4.9 -> 1; KR-104 milestone 'Done' -> 1; KR-201 stay below 48 h, now 52 -> 0
    expect(await score(7)).toBeCloseTo(1, 5);
    expect(await score(8)).toBeCloseTo(1, 5);
    expect(await score(11)).toBeCloseTo(0, 5);
    // Row 13: 3.5 -> 2.8 (decrease inferred), now 3.1: (3.1 - 3.5) / (2.8 - 3.5) = 0.5714
    expect(Math.abs((await score(13)) - 0.5714)).toBeLessThan(0.006);
    // They are live formulas of the add-in's functions, not pasted numbers.
    expect(await cell(page, `${S}5`).getAttribute('data-formula')).toMatch(/^=OKR\.OKRSCORE\(/);

    // Editing an input recalculates the formula, as in Excel: KR-101 current 0.21 -> 0.25 reaches the target.
    await typeInto(page, 'J5', '0.25');
    await eventually(
      () => score(5),
      (v) => expect(v).toBeCloseTo(1, 5),
    );
  });

  test('English table: validate highlights the bad cell, the finding selects it, fixing it clears the highlight', async () => {
    await openPlayground(page, served.url, '?sample=english&lang=en');
    expect((await command(page, 'convert')).kind).toBe('ok');
    // Before validation nothing is highlighted on KR-202's current value ('about half' is not a number).
    expect(await cell(page, 'J12').getAttribute('data-fill')).toBeNull();
    const filled = () =>
      page
        .locator('#grid td[data-fill]')
        .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-addr')} ${e.getAttribute('data-fill')}`));
    const fillsBefore = await filled();

    const res = await command(page, 'validate');
    expect(res.kind).toBe('ok');
    expect(await cell(page, 'J12').getAttribute('data-fill')).toMatch(/^#[0-9a-f]{6}$/);
    expect(await cell(page, 'J12').getAttribute('data-note')).toBeTruthy();
    expect((await filled()).length).toBeGreaterThan(fillsBefore.length);

    // The finding for J12 is listed; clicking it selects the cell.
    const finding = page.locator('#app .okr-finding', { has: page.locator('.okr-where', { hasText: /!J12$/ }) });
    await eventually(
      () => finding.count(),
      (v) => expect(v).toBe(1),
    );
    await finding.click();
    await eventually(
      () => page.inputValue('#name-box'),
      (v) => expect(v).toBe('J12'),
    );

    // Fix it: a number in place of 'about half'. Validation re-runs on the edit and the highlight goes.
    await typeInto(page, 'J12', '1600000');
    await page.waitForSelector('#app[data-state="ready"]');
    await eventually(
      () => cell(page, 'J12').getAttribute('data-fill'),
      (v) => expect(v).toBeNull(),
      15_000,
    );
    await eventually(
      () => finding.count(),
      (v) => expect(v).toBe(0),
    );
    // And its score is computed now: (1,600,000 - 1,200,000) / (2,000,000 - 1,200,000) = 0.5
    const S = colOf((await findInRow(page, 3, /score|得分/i))!);
    expect(Math.abs(shownNumber(await cellText(page, `${S}12`)) - 0.5)).toBeLessThan(0.006);

    // Clear highlights, validate again (a stale 'Last updated' is still flagged), clear again: every cell's fill is
    // back exactly as it was (the score bands moved with the new value, so compare with the state after the fix).
    expect((await command(page, 'clear')).kind).toBe('ok');
    const clean = await filled();
    expect(clean.filter((x) => x.startsWith('J12 '))).toEqual([]);
    expect((await command(page, 'validate')).kind).toBe('ok');
    expect((await filled()).length).toBeGreaterThan(clean.length);
    expect((await command(page, 'clear')).kind).toBe('ok');
    await eventually(filled, (v) => expect(v).toEqual(clean));
  });

  test('English table: score quarter adds the scorecard and history sheets', async () => {
    await openPlayground(page, served.url, '?sample=english&lang=en');
    expect((await command(page, 'convert')).kind).toBe('ok');
    const res = await command(page, 'score');
    expect(res).toEqual({ kind: 'ok', text: expect.any(String) });
    const tabs = await tabNames(page);
    const scorecard = tabs.find((t) => /scorecard|记分卡/i.test(t));
    const history = tabs.find((t) => /history|历史/i.test(t));
    expect(scorecard).toBeDefined();
    expect(history).toBeDefined();
    expect(tabs[0]).toBe('Q4 OKRs');

    // Each of them has content a person can read.
    for (const name of [scorecard!, history!]) {
      await page.click(`.sheet-tab[data-sheet="${name}"]`);
      await eventually(
        () => page.locator('.sheet-tab.active').textContent(),
        (v) => expect(v).toBe(name),
      );
      const filled = await page
        .locator('#grid td .cv')
        .evaluateAll((els) => els.filter((e) => (e.textContent ?? '').trim()).length);
      expect(filled).toBeGreaterThan(4);
    }
    // History names the KRs by id (KR-101 is in the fixture).
    await eventually(
      () => page.locator('#grid td .cv', { hasText: 'KR-101' }).count(),
      (v) => expect(v).toBeGreaterThan(0),
    );
  });

  test('Chinese outline: the panel speaks Chinese; convert makes a grid sheet and leaves the outline as it was', async () => {
    await openPlayground(page, served.url, '?sample=chinese&lang=zh');
    expect(await page.locator('#app').getAttribute('data-lang')).toBe('zh');
    expect(await page.locator('#app [data-command="convert"]').textContent()).toBe('转换');
    expect(await cellText(page, 'A5')).toBe('O:打造一个成功的客户拓展团队');

    const res = await command(page, 'convert');
    expect(res.kind).toBe('ok');
    expect(res.text).toMatch(/[\u4e00-\u9fff]/);
    // (the sample also carries its quarter of check-ins, in the log sheet)
    const tabs = (await tabNames(page)).filter((t) => t !== 'OKR 进展记录');
    expect(tabs.length).toBe(2);
    expect(tabs[0]).toBe('10月OKR');

    // The new grid holds the objective and the three KRs of the seed.
    await eventually(
      () => page.locator('.sheet-tab.active').textContent(),
      (v) => expect(v).toBe(tabs[1]),
    );
    for (const text of ['打造一个成功的客户拓展团队', '完成拓展团队工作流程的最终制定', '完成10月XX家新客户的开发']) {
      expect(await page.locator('#grid td .cv', { hasText: text }).count()).toBeGreaterThan(0);
    }

    // Validate: KR2 has no number ('XX家'), so something is highlighted and listed, in Chinese.
    expect((await command(page, 'validate')).kind).toBe('ok');
    expect(await page.locator('#grid td[data-fill]').count()).toBeGreaterThan(0);
    expect(await page.locator('#app .okr-finding').count()).toBeGreaterThan(0);
    expect(await page.locator('#app .okr-finding .okr-text').first().textContent()).toMatch(/[\u4e00-\u9fff]/);

    // The outline itself is untouched.
    await page.click('.sheet-tab[data-sheet="10月OKR"]');
    expect(await cellText(page, 'A5')).toBe('O:打造一个成功的客户拓展团队');
    expect(await cellText(page, 'A19')).toBe('KR3:在开发新客户活动X大平台上收获10w粉丝');
    expect(await page.locator('#grid td[data-fill]').count()).toBe(0);
  });

  test('formulas: =OKR.OKRSCORE(60,100,20) reads 0.5, ROLLUP and references recalculate on edit', async () => {
    await openPlayground(page, served.url, '?sample=empty&lang=en');
    await typeInto(page, 'A1', '=OKR.OKRSCORE(60,100,20)');
    // (60 - 20) / (100 - 20) = 0.5
    expect(await cellText(page, 'A1')).toBe('0.5');

    await typeInto(page, 'B1', '60');
    await typeInto(page, 'C1', '=OKR.OKRSCORE(B1,100,20)');
    expect(await cellText(page, 'C1')).toBe('0.5');
    await typeInto(page, 'B1', '100');
    expect(await cellText(page, 'C1')).toBe('1');

    // Weighted mean: (0.2*1 + 0.8*3) / (1 + 3) = 0.65
    await typeInto(page, 'D1', '0.2');
    await typeInto(page, 'D2', '0.8');
    await typeInto(page, 'E1', '1');
    await typeInto(page, 'E2', '3');
    await typeInto(page, 'F1', '=OKR.ROLLUP(D1:D2,E1:E2)');
    expect(shownNumber(await cellText(page, 'F1'))).toBeCloseTo(0.65, 10);
    // A built-in function works too, and an unknown one says #NAME? as Excel does.
    await typeInto(page, 'G1', '=SUM(E1:E2)*2');
    expect(await cellText(page, 'G1')).toBe('8');
    await typeInto(page, 'H1', '=NOSUCH(1)');
    expect(await cellText(page, 'H1')).toBe('#NAME?');
    // Text that looks like markup is shown as text.
    await typeInto(page, 'A3', '<img src=x onerror=alert(1)>');
    expect(await cellText(page, 'A3')).toBe('<img src=x onerror=alert(1)>');
    expect(await page.locator('#grid img').count()).toBe(0);
  });

  test('xlsx: download the converted sheet, it is a real workbook with the formulas, and it opens again', async () => {
    await openPlayground(page, served.url, '?sample=english&lang=en');
    expect((await command(page, 'convert')).kind).toBe('ok');
    const S = colOf((await findInRow(page, 3, /score|得分/i))!);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'okr-xlsx-')), 'okr.xlsx');
    await download.saveAs(file);

    // Read it with ExcelJS in Node: the sheet, the user's text, and the score formula are there.
    const ExcelJS = (await import('exceljs')).default ?? (await import('exceljs'));
    const book = new (ExcelJS as typeof import('exceljs')).Workbook();
    await book.xlsx.readFile(file);
    const ws = book.getWorksheet('Q4 OKRs')!;
    expect(ws).toBeDefined();
    expect(ws.getCell('E5').value).toBe('Raise repeat purchase rate from 18% to 25%');
    const f = ws.getCell(`${S}5`).value as { formula?: string };
    expect(f.formula).toMatch(/^OKR\.OKRSCORE\(/);

    // Open it back into the playground: same sheet, formulas still computing.
    await page.setInputFiles('#open-file', file);
    await eventually(
      () => tabNames(page),
      (v) => expect(v).toEqual(['Q4 OKRs', 'OKR Check-ins']),
    );
    await eventually(
      async () => Math.abs(shownNumber(await cellText(page, `${S}5`)) - 0.4286) < 0.006,
      (v) => expect(v).toBe(true),
    );
    expect(await cellText(page, 'E5')).toBe('Raise repeat purchase rate from 18% to 25%');
  });

  test('editing a KR current value stamps its row with today (the add-in watches edits, as in Excel)', async () => {
    await openPlayground(page, served.url, '?sample=english&lang=en');
    expect((await command(page, 'convert')).kind).toBe('ok');
    const d = new Date();
    const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const row5 = () => page.locator('#grid td[data-row="4"] .cv').allTextContents();
    expect(await row5()).not.toContain(today);
    // KR-101's current value (J5) moves from 0.21 to 0.23.
    await typeInto(page, 'J5', '0.23');
    await eventually(row5, (v) => expect(v).toContain(today));
    // Editing a text column (the KR's notes) is not a progress update: row 6 keeps its dates.
    const row6Before = await page.locator('#grid td[data-row="5"] .cv').allTextContents();
    await typeInto(page, 'Q6', 'Reviewed on Monday');
    await new Promise((r) => setTimeout(r, 500));
    expect(await page.locator('#grid td[data-row="5"] .cv').allTextContents()).not.toContain(today);
    expect(row6Before).not.toContain(today);
  });

  test('switching the page to Chinese switches the task pane (it follows the display language)', async () => {
    await openPlayground(page, served.url, '?sample=english&lang=en');
    expect(await page.locator('#app [data-command="score"]').textContent()).toBe('Score quarter');
    await page.selectOption('#lang', 'zh');
    await eventually(
      () => page.locator('#app [data-command="score"]').textContent(),
      (v) => expect(v).toBe('季度评分'),
    );
    expect(await page.locator('#app').getAttribute('data-lang')).toBe('zh');
    // The workbook is the same one: nothing was reloaded or lost.
    expect(await cellText(page, 'E5')).toBe('Raise repeat purchase rate from 18% to 25%');
  });

  test('a dropdown the add-in set offers its list, and picking an item sets the cell', async () => {
    await openPlayground(page, served.url, '?sample=english&lang=en');
    expect((await command(page, 'convert')).kind).toBe('ok');
    const listCell = page.locator('#grid td.has-list').first();
    await eventually(
      () => listCell.count(),
      (v) => expect(v).toBe(1),
    );
    const addr = (await listCell.getAttribute('data-addr'))!;
    await listCell.click();
    await listCell.locator('.dd-button').click();
    const items = await page.locator('.dd-list .dd-item').allTextContents();
    expect(items.length).toBeGreaterThan(1);
    await page.locator('.dd-list .dd-item').nth(1).click();
    await eventually(
      () => cellText(page, addr),
      (v) => expect(v).toBe(items[1]),
    );
  });
});
