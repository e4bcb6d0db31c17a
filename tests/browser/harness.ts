/**
 * Shared set-up for the browser tests: finds Chromium (and says so loudly when it is missing: the tests fail in CI,
 * skip elsewhere), makes sure dist/playground/ is built from the current sources, starts `npm start`'s server on a
 * free port, and offers helpers that drive the playground the way a person does.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const HAVE_BROWSER = fs.existsSync(CHROMIUM);
export const IN_CI = !!process.env.CI;

if (!HAVE_BROWSER) {
  const line = '!'.repeat(78);
  const text =
    `\n${line}\n!! BROWSER TESTS NOT RUN: no Chromium at ${CHROMIUM}.\n` +
    `!! Install it with: apt-get update && apt-get install -y chromium   (or set CHROMIUM_PATH)\n` +
    `!! ${IN_CI ? 'CI is set: the run FAILS.' : 'Skipping them here (they fail when CI is set).'}\n${line}\n`;
  process.stderr.write(text);
}

/** describe() when the browser tests can run (or must fail in CI), describe.skip() otherwise. */
export const describeBrowser: jest.Describe = HAVE_BROWSER || IN_CI ? describe : describe.skip;

const SOURCES = [
  'playground/src',
  'playground/excel-sim',
  'panel',
  'core',
  'excel-addin',
  'manifest.xml',
  'fixtures',
  'playground/webpack.config.js',
];
const BUNDLES = [
  'dist/playground/playground.js',
  'dist/excel/taskpane.js',
  'dist/excel/functions.js',
  'dist/excel/commands.js',
];

function newest(p: string): number {
  const full = path.join(ROOT, p);
  if (!fs.existsSync(full)) return 0;
  const st = fs.statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  return fs.readdirSync(full).reduce((m, f) => Math.max(m, newest(path.join(p, f))), st.mtimeMs);
}

/**
 * Builds dist/excel/ and dist/playground/ (the parts of `npm run build` the page loads) when a bundle is missing or
 * older than the sources, so the tests always drive the code as it is now.
 */
export function ensurePlaygroundBuild(): void {
  const built = Math.min(
    ...BUNDLES.map((b) => (fs.existsSync(path.join(ROOT, b)) ? fs.statSync(path.join(ROOT, b)).mtimeMs : 0)),
  );
  if (built && built >= Math.max(...SOURCES.map(newest))) return;
  execFileSync(
    process.execPath,
    [
      require.resolve('webpack-cli/bin/cli.js'),
      '--config',
      'webpack.config.js',
      '--config-name',
      'excel',
      '--config-name',
      'playground',
      '--mode',
      'production',
    ],
    { cwd: ROOT, stdio: 'pipe', timeout: 280_000 },
  );
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

export async function serve(): Promise<Served> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { start } = require(path.join(ROOT, 'playground/server.js'));
  const { server, url } = await start({ port: 0, host: '127.0.0.1' });
  return { url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export async function launch(): Promise<Browser> {
  if (!HAVE_BROWSER)
    throw new Error(`No Chromium at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * The usual suite set-up, registered as jest hooks where it is called: one server and one Chromium per suite, a fresh
 * context and page per test, and after each test no page error and no request that left the local server.
 */
export function pageSession(options: BrowserContextOptions): { readonly page: Page; readonly url: string } {
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
    context = await browser.newContext(options);
    page = await context.newPage();
    seen = watch(page, served.url);
  });
  afterEach(async () => {
    expect(seen.external).toEqual([]);
    expect(seen.errors).toEqual([]);
    await context.close();
  });
  return {
    get page() {
      return page;
    },
    get url() {
      return served.url;
    },
  };
}

/** Problems a page had: uncaught errors and requests that left the local server. */
export interface Watch {
  errors: string[];
  external: string[];
}

export function watch(page: Page, base: string): Watch {
  const w: Watch = { errors: [], external: [] };
  page.on('pageerror', (e) => w.errors.push(e.message));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(base) && !u.startsWith('blob:') && !u.startsWith('data:')) w.external.push(u);
  });
  return w;
}

export async function openPlayground(page: Page, base: string, query = ''): Promise<void> {
  await page.goto(base + query);
  await page.waitForSelector('#app[data-state="ready"]', { timeout: 15_000 });
}

/** Clicks a panel button and waits for the command to finish; returns the panel's newest message. */
export async function command(page: Page, name: string): Promise<{ kind: string; text: string }> {
  await page.click(`#app [data-command="${name}"]`);
  await page.waitForSelector('#app[data-state="ready"]', { timeout: 30_000 });
  const msg = page.locator('#app .okr-msg').first();
  return { kind: (await msg.getAttribute('data-kind')) ?? '', text: (await msg.textContent()) ?? '' };
}

export const cell = (page: Page, addr: string) => page.locator(`#grid td[data-addr="${addr}"]`);

export async function cellText(page: Page, addr: string): Promise<string> {
  return ((await cell(page, addr).locator('.cv').textContent()) ?? '').trim();
}

/** Selects a cell and types into it through the formula bar, as a person would. */
export async function typeInto(page: Page, addr: string, text: string): Promise<void> {
  await cell(page, addr).click();
  await page.fill('#formula-input', text);
  await page.press('#formula-input', 'Enter');
}

/** A cell's number as displayed ('43%' -> 0.43, '0.5' -> 0.5); NaN when it shows no number. */
export function shownNumber(text: string): number {
  const t = text.replace(/,/g, '').trim();
  if (/^-?\d+(\.\d+)?%$/.test(t)) return Number(t.slice(0, -1)) / 100;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
}

/** The A1 address of the first cell in `row` (1-based) whose text matches. */
export async function findInRow(page: Page, row: number, match: RegExp): Promise<string | null> {
  const tds = page.locator(`#grid td[data-row="${row - 1}"]`);
  const n = await tds.count();
  for (let i = 0; i < n; i++) {
    const t = ((await tds.nth(i).locator('.cv').textContent()) ?? '').trim();
    if (match.test(t)) return tds.nth(i).getAttribute('data-addr');
  }
  return null;
}

export const colOf = (addr: string) => addr.replace(/\d+$/, '');

export async function tabNames(page: Page): Promise<string[]> {
  return page.locator('.sheet-tab').allTextContents();
}

/** Retries `read` until `check` passes (the page updates asynchronously), then returns the value. */
export async function eventually<T>(read: () => Promise<T>, check: (v: T) => void, timeout = 10_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await read();
    try {
      check(v);
      return v;
    } catch (e) {
      if (Date.now() > end) throw e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
