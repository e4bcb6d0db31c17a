/**
 * The language of what the add-in writes INTO the sheet (notes, sheet names, headers), not only of the task pane.
 * Core writes in settings.lang; in Excel (and the playground) that is the saved settings' language or, when none is
 * saved (Language on "Automatic"), Office's display language, which the playground's Language menu sets.
 */
import type { Page } from 'playwright-core';
import { command, describeBrowser, pageSession, eventually, openPlayground, tabNames } from './harness';

jest.setTimeout(120_000);

const CJK = /[\u4e00-\u9fff]/;
/** Two English words in a row: every English sentence core writes has them; the Chinese texts have none. */
const ENGLISH_WORDS = /[A-Za-z]{2,}\s+[A-Za-z]{2,}/;

/**
 * The reasons in the notes the add-in wrote on the active sheet, as the grid shows them (a note's own lines are
 * '[OKR Grid] <reason> [A1]', closed by a '⟦okr-grid …⟧' marker line; the brand tag is the same in both languages).
 */
async function addinReasons(page: Page): Promise<string[]> {
  const notes = await page
    .locator('#grid td.has-note')
    .evaluateAll((tds) => tds.map((td) => (td as HTMLElement).dataset.note ?? ''));
  return notes
    .flatMap((n) => n.split('\n'))
    .filter((line) => line.startsWith('[OKR Grid] '))
    .map((line) => line.slice('[OKR Grid] '.length).replace(/\s*\[[A-Z]+\d+\]$/, ''));
}

describeBrowser('the sheet is written in the language the user works in', () => {
  const session = pageSession({ viewport: { width: 1400, height: 860 } });
  let page: Page;
  beforeEach(() => {
    page = session.page;
  });

  /** English page -> Chinese in the Language menu -> Chinese sample -> convert -> validate. */
  async function validateChineseAfterSwitch(): Promise<string[]> {
    await page.selectOption('#lang', 'zh');
    await eventually(
      () => page.locator('#app').getAttribute('data-lang'),
      (v) => expect(v).toBe('zh'),
    );
    await page.selectOption('#sample', 'chinese');
    await eventually(
      () => tabNames(page),
      (v) => expect(v).toEqual(['10月OKR', 'OKR 进展记录']),
    );
    await page.waitForSelector('#app[data-state="ready"]');
    expect(await page.locator('#app').getAttribute('data-lang')).toBe('zh');

    expect((await command(page, 'convert')).kind).toBe('ok');
    // The grid sheet convert adds is named after the outline plus a word core writes in the user's language.
    // (the sample also carries its quarter of check-ins, in the log sheet)
    const tabs = (await tabNames(page)).filter((t) => t !== 'OKR 进展记录');
    expect(tabs.length).toBe(2);
    const added = tabs[1].replace('10月OKR', '');
    expect(added).toMatch(CJK);
    expect(added).not.toMatch(/[A-Za-z]/);

    expect((await command(page, 'validate')).kind).toBe('ok');
    // The seed has no owner column and a KR with 'XX' for its number: validate has reasons to write.
    const reasons = await eventually(
      () => addinReasons(page),
      (v) => expect(v.length).toBeGreaterThan(0),
    );
    return reasons;
  }

  test('after switching the page to Chinese, validating the Chinese sample writes Chinese notes', async () => {
    await openPlayground(page, session.url, '?sample=english&lang=en');
    const reasons = await validateChineseAfterSwitch();
    for (const r of reasons) {
      expect(r).toMatch(CJK);
      expect(r).not.toMatch(ENGLISH_WORDS);
    }
    // The panel lists the same findings in Chinese too.
    const listed = await page.locator('#app .okr-finding .okr-text').allTextContents();
    expect(listed.length).toBe(reasons.length);
    for (const t of listed) expect(t).not.toMatch(ENGLISH_WORDS);
  });

  /**
   * Settings saved with the panel's Language on "Automatic" store no language, so after Office's display language
   * changes, the pane and what core writes into the sheet both follow it (they once disagreed: Chinese pane, English sheet).
   */
  test('after saving settings on "Automatic" in English, a Chinese pane writes Chinese notes', async () => {
    await openPlayground(page, session.url, '?sample=chinese&lang=en');
    await page.click('#app .okr-settings summary');
    expect(await page.locator('#okr-set-lang').inputValue()).toBe('auto');
    await page.click('#app [data-command="save-settings"]');
    await eventually(
      () => page.locator('#app .okr-msg').first().getAttribute('data-kind'),
      (v) => expect(v).toBe('ok'),
    );
    await page.selectOption('#lang', 'zh');
    await eventually(
      () => page.locator('#app').getAttribute('data-lang'),
      (v) => expect(v).toBe('zh'),
    );
    await page.waitForSelector('#app[data-state="ready"]');
    await page.click('#app .okr-settings summary');
    expect(await page.locator('#okr-set-lang').inputValue()).toBe('auto');
    expect((await command(page, 'convert')).kind).toBe('ok');
    expect((await command(page, 'validate')).kind).toBe('ok');
    const reasons = await eventually(
      () => addinReasons(page),
      (v) => expect(v.length).toBeGreaterThan(0),
    );
    // The pane speaks Chinese, so the sheet must be written in Chinese too.
    for (const r of reasons) {
      expect(r).toMatch(CJK);
      expect(r).not.toMatch(ENGLISH_WORDS);
    }
  });
});
