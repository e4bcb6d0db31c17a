/**
 * The built Sidebar.html in Chromium, served from an origin like the one HtmlService's sandbox uses, with a stand-in
 * google.script.run: its Content-Security-Policy lets the panel's own inline script run (by hash) and stops markup
 * injected into the page from running script (an <img onerror>), as the Excel task pane's policy does.
 * The same page with the policy removed runs the injected handler, so the check can fail.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_SETTINGS } from '../../core/settings';
import { describeBrowser, launch, ROOT } from './harness';

jest.setTimeout(60_000);

const ORIGIN = 'https://n-okrgrid-0lu-script.googleusercontent.com';
const SIDEBAR = path.join(ROOT, 'dist/gas/Sidebar.html');
const CSP_META = /<meta http-equiv="Content-Security-Policy"[^>]*>/;

/** google.script.run answering the panel's calls asynchronously, as the real one does. */
function fakeScriptRun(settings: unknown): void {
  const answers: Record<string, unknown> = {
    panelLocale: 'en-US',
    panelGetSettings: { ...(settings as object), followLocale: true },
    panelRun: { ok: true, summary: { en: 'Validated.', zh: '已检查。' }, details: { findings: [] } },
  };
  const runner = (ok?: (v: unknown) => void): unknown =>
    new Proxy(
      {},
      {
        get(_t, prop: string) {
          if (prop === 'withSuccessHandler') return (f: (v: unknown) => void) => runner(f);
          if (prop === 'withFailureHandler') return () => runner(ok);
          return () => setTimeout(() => ok?.(answers[prop]), 0);
        },
      },
    );
  (window as unknown as { google: unknown }).google = { script: { run: runner() } };
}

async function open(browser: Browser, html: string): Promise<{ page: Page; violations: string[] }> {
  const page = await browser.newPage();
  await page.route(`${ORIGIN}/**`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
  await page.addInitScript(fakeScriptRun, DEFAULT_SETTINGS);
  const violations: string[] = [];
  await page.exposeFunction('__violation', (d: string) => void violations.push(d));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __violation(d: string): void }).__violation(e.effectiveDirective),
    );
  });
  await page.goto(`${ORIGIN}/userCodeAppPanel`);
  await page.waitForSelector('#root[data-state="ready"]', { timeout: 15_000 });
  return { page, violations };
}

/** Markup slipped into the page (as a bug in escaping would): does its handler run? */
async function injectedHandlerRuns(page: Page): Promise<boolean> {
  await page.evaluate(() => {
    document
      .getElementById('root')!
      .insertAdjacentHTML('beforeend', '<img src="x:missing" onerror="window.__pwned = 1">');
  });
  await page.waitForTimeout(300);
  return page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned === 1);
}

describeBrowser('Sidebar.html Content-Security-Policy in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('the panel runs, and an injected <img onerror> does not', async () => {
    const html = fs.readFileSync(SIDEBAR, 'utf8');
    expect(html).toMatch(CSP_META);
    const { page, violations } = await open(browser, html);
    expect(await page.locator('#root button[data-command="validate"]').count()).toBe(1);
    expect(await injectedHandlerRuns(page)).toBe(false);
    expect(violations.some((d) => /^script-src/.test(d))).toBe(true);
    // The panel still works under the policy: a command round-trips through google.script.run.
    await page.click('#root button[data-command="validate"]');
    await page.waitForSelector('#root[data-state="ready"]');
    expect(await page.locator('#root').textContent()).toContain('Validated.');
    await page.close();
  });

  test('without the policy the same injection runs (the check above can fail)', async () => {
    const html = fs.readFileSync(SIDEBAR, 'utf8').replace(CSP_META, '');
    const { page } = await open(browser, html);
    expect(await injectedHandlerRuns(page)).toBe(true);
    await page.close();
  });
});
