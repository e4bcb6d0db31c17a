#!/usr/bin/env node
/**
 * Regenerates the README pictures from the built playground (run `npm run build` first):
 *   docs/playground.png     the whole page, English sample converted and validated
 *   docs/taskpane-en.png    the task pane alone, English
 *   docs/taskpane-zh.png    the task pane alone, Chinese sample converted and validated
 *   docs/playground-zh.png  the whole page in Chinese
 *   docs/sidebar.png        the Google Sheets sidebar (dist/gas/Sidebar.html), English fixture validated
 *   docs/reading-en.png     "How I read your sheet": a sales team's .xlsx opened, one column corrected (English)
 *   docs/reading-zh.png     the same in Chinese (tests/fixtures/reading-sheets.ts)
 *   docs/walk-en.png        a quarter clicked in order (Convert, Validate, Score quarter, Start next quarter, Clear
 *                           highlights) without going back to the OKR sheet: where the user ends up, English sample
 *   docs/walk-zh.png        the same on the Chinese sample
 * Uses Debian's Chromium (CHROMIUM_PATH to override) through playwright-core; no network.
 * `node playground/screenshots.js sidebar` (or any part of the file names) makes only the matching pictures.
 */
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');
const { start } = require('./server.js');

const ROOT = path.resolve(__dirname, '..');
const DOCS = path.join(ROOT, 'docs');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ONLY = process.argv.slice(2);
const wanted = (file) => !ONLY.length || ONLY.some((w) => file.includes(w));

async function run(page, name) {
  await page.click(`#app [data-command="${name}"]`);
  await page.waitForSelector('#app[data-state="ready"]', { timeout: 30000 });
}

async function shoot(browser, url, query, prefix) {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(url + query);
  await page.waitForSelector('#app[data-state="ready"]', { timeout: 15000 });
  await run(page, 'convert');
  await run(page, 'validate');
  // Show an error finding selected, as after a click in the list, with the sheet scrolled to its start.
  await page.evaluate(() => (document.getElementById('grid').scrollLeft = 0));
  const error = page.locator('#app .okr-finding', { has: page.locator('.okr-sev-error') }).first();
  if (await error.count()) await error.click();
  await page.evaluate(() => {
    document.getElementById('app').scrollTop = 0;
    for (const list of document.querySelectorAll('#app .okr-findings')) list.scrollTop = 0;
  });
  await page.mouse.move(0, 0);
  await page.waitForTimeout(200);
  const shots = [];
  if (prefix.full) {
    const file = path.join(DOCS, prefix.full);
    await page.screenshot({ path: file });
    shots.push(file);
  }
  const pane = path.join(DOCS, prefix.pane);
  await page.locator('#pane').screenshot({ path: pane });
  shots.push(pane);
  await page.close();
  return shots;
}

/**
 * What the Apps Script server would answer the sidebar, computed by core itself: every command run on the English
 * fixture (fixtures/sheets.ts) as a Sheets workbook, with the settings a new spreadsheet in en_US has.
 * The sources are TypeScript: compiled on the fly (transpile only), as bench/ does with ts-node.
 */
function sheetsServerData() {
  require('ts-node').register({ transpileOnly: true, project: path.join(ROOT, 'tsconfig.json') });
  const { COMMANDS, runCommand } = require(path.join(ROOT, 'core/commands'));
  const { resolveSettings } = require(path.join(ROOT, 'core/settings'));
  const fx = require(path.join(ROOT, 'fixtures/sheets'));
  const locale = 'en_US';
  const settings = resolveSettings({ lang: 'en' });
  const snap = fx.workbookOf(fx.englishTableSnapshot(), [], 'sheets');
  const results = {};
  for (const name of COMMANDS) {
    const r = runCommand(name, snap, settings);
    // What panelRun returns: google.script.run carries plain data only.
    results[name] = JSON.parse(JSON.stringify({ ok: r.ok, summary: r.summary, details: r.details }));
  }
  return { locale: locale.replace(/_/g, '-'), title: 'OKR Grid', settings, results };
}

/** Runs in the sidebar frame before its scripts: a `google.script.run` answering like gas/server/panel-server.ts. */
function stubScriptRun(data) {
  if (!/Sidebar\.html$/.test(location.pathname)) return;
  const server = {
    panelLocale: () => data.locale,
    panelGetSettings: () => data.settings,
    panelSaveSettings: (json) => JSON.parse(json),
    panelSelect: () => undefined,
    panelRun: (name) =>
      data.results[name] || { ok: false, summary: { en: `Unknown command: ${name}`, zh: `未知命令：${name}` } },
  };
  const runner = (ok, fail) => {
    const r = {
      withSuccessHandler: (f) => runner(f, fail),
      withFailureHandler: (f) => runner(ok, f),
    };
    for (const [name, fn] of Object.entries(server)) {
      r[name] = (...args) => {
        // Asynchronous, as the real round trip to the server is.
        setTimeout(() => {
          let value;
          try {
            value = JSON.parse(JSON.stringify(fn(...args) ?? null));
          } catch (e) {
            if (fail) fail(e);
            return;
          }
          if (ok) ok(value);
        }, 20);
      };
    }
    return r;
  };
  window.google = { script: { run: runner(null, null) } };
}

/** The frame Sheets draws around a sidebar: a 300px column with the title and a close button above the HTML. */
const SHEETS_FRAME = (title) => `<!DOCTYPE html><html><head><meta charset="utf-8"><style>
  html, body { margin: 0; height: 100%; background: #fff; }
  body { display: flex; flex-direction: column; width: 300px; border-left: 1px solid #dadce0; box-sizing: content-box;
         font-family: "Google Sans", Roboto, Arial, sans-serif; }
  header { flex: none; display: flex; align-items: center; height: 56px; padding: 0 8px 0 16px; color: #202124; }
  header h1 { flex: 1; margin: 0; font-size: 18px; font-weight: 400; }
  header span { width: 40px; height: 40px; display: grid; place-items: center; font-size: 22px; color: #5f6368; }
  iframe { flex: 1; width: 300px; border: 0; }
</style></head><body><header><h1></h1><span aria-hidden="true">&#x2715;</span></header>
<iframe src="Sidebar.html" title="sidebar"></iframe>
<script>document.querySelector('h1').textContent = ${JSON.stringify(title)};</script></body></html>`;

async function shootSidebar(browser, file) {
  const html = path.join(ROOT, 'dist/gas/Sidebar.html');
  if (!fs.existsSync(html)) throw new Error('dist/gas/Sidebar.html is missing: run `npm run build` first.');
  const data = sheetsServerData();
  // Served from a made-up origin by the page's own routes: nothing leaves the machine.
  const origin = 'http://sheets.invalid/';
  const context = await browser.newContext({ viewport: { width: 301, height: 900 }, deviceScaleFactor: 1 });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url === origin)
      return route.fulfill({ contentType: 'text/html; charset=utf-8', body: SHEETS_FRAME(data.title) });
    if (url === origin + 'Sidebar.html')
      return route.fulfill({ contentType: 'text/html; charset=utf-8', body: fs.readFileSync(html, 'utf8') });
    return route.abort();
  });
  await context.addInitScript(stubScriptRun, data);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(origin);
  const frame = page.frameLocator('iframe');
  await frame.locator('#root[data-state="ready"]').waitFor({ timeout: 15000 });
  await frame.locator('#root [data-command="validate"]').click();
  await frame.locator('#root[data-state="ready"] .okr-msg[data-kind="ok"]').first().waitFor({ timeout: 15000 });
  await frame.locator('#root .okr-finding').first().waitFor({ timeout: 15000 });
  await page.mouse.move(0, 0);
  await page.waitForTimeout(200);
  if (errors.length) throw new Error(`The sidebar failed: ${errors.join('; ')}`);
  await page.screenshot({ path: file });
  await context.close();
  return [file];
}

/** The reading fixtures as .xlsx files (written with the tests' helpers; TypeScript compiled on the fly). */
async function readingFiles(dir) {
  require('ts-node').register({ transpileOnly: true, project: path.join(ROOT, 'tsconfig.json') });
  const fx = require(path.join(ROOT, 'tests/fixtures/reading-sheets'));
  const { excelSheet, writeExcelWorkbook } = require(path.join(ROOT, 'tests/xlsx/helpers'));
  const en = await writeExcelWorkbook(path.join(dir, 'sales.xlsx'), [
    excelSheet(fx.READING_EN_SHEET, fx.readingTeamEn, { dateCols: fx.READING_DATE_COLS }),
  ]);
  const zh = await writeExcelWorkbook(path.join(dir, 'sales-zh.xlsx'), [
    excelSheet(fx.READING_ZH_SHEET, fx.readingTeamZh, { dateCols: fx.READING_DATE_COLS }),
  ]);
  return { en: { file: en, col: fx.UNNAMED_COL }, zh: { file: zh, col: fx.UNNAMED_COL } };
}

/** Opens `file` in the playground, reads the unnamed column as Current from the pane's dropdown, and shoots the page. */
async function shootReading(browser, url, lang, file, col, out) {
  // Tall enough for the whole reading: the columns, the counts and the cell not placed.
  const page = await browser.newPage({ viewport: { width: 1600, height: 1240 }, deviceScaleFactor: 1 });
  await page.goto(`${url}?sample=empty&lang=${lang}`);
  await page.waitForSelector('#app[data-state="ready"]', { timeout: 15000 });
  await page.setInputFiles('#open-file', file);
  await page.waitForSelector('#app[data-state="ready"] .okr-reading details', { timeout: 15000 });
  await page.locator(`#app .okr-col[data-col="${col}"] select`).selectOption('current');
  await page.waitForSelector(`#app[data-state="ready"] .okr-col[data-col="${col}"][data-chosen]`, { timeout: 15000 });
  // The pane scrolled so the reading is in view under the action buttons' messages.
  await page.evaluate(() => {
    const app = document.getElementById('app');
    const box = app.querySelector('.okr-actions h2');
    app.scrollTop = box ? box.offsetTop - 8 : 0;
  });
  await page.evaluate(() => document.getElementById('toast').classList.remove('show'));
  await page.mouse.move(0, 0);
  await page.waitForTimeout(200);
  await page.screenshot({ path: out });
  await page.close();
  return [out];
}

/** The quarter walked as the browser test walks it (tests/browser/walk.test.ts), then the page as the user sees it. */
async function shootWalk(browser, url, query, out) {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(url + query);
  await page.waitForSelector('#app[data-state="ready"]', { timeout: 15000 });
  for (const step of ['convert', 'validate', 'score', 'rollForward', 'clear']) await run(page, step);
  await page.evaluate(() => {
    document.getElementById('toast').classList.remove('show');
    document.getElementById('app').scrollTop = 0;
  });
  await page.mouse.move(0, 0);
  await page.waitForTimeout(200);
  await page.screenshot({ path: out });
  await page.close();
  return [out];
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'dist/playground/index.html')))
    throw new Error('dist/playground/ is missing: run `npm run build` first.');
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  fs.mkdirSync(DOCS, { recursive: true });
  const { server, url } = await start({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const made = [];
    if (wanted('playground.png') || wanted('taskpane-en.png'))
      made.push(
        ...(await shoot(browser, url, '?sample=english&lang=en', { full: 'playground.png', pane: 'taskpane-en.png' })),
      );
    if (wanted('playground-zh.png') || wanted('taskpane-zh.png'))
      made.push(
        ...(await shoot(browser, url, '?sample=chinese&lang=zh', {
          full: 'playground-zh.png',
          pane: 'taskpane-zh.png',
        })),
      );
    if (wanted('sidebar.png')) made.push(...(await shootSidebar(browser, path.join(DOCS, 'sidebar.png'))));
    if (wanted('walk-en.png'))
      made.push(...(await shootWalk(browser, url, '?sample=english&lang=en', path.join(DOCS, 'walk-en.png'))));
    if (wanted('walk-zh.png'))
      made.push(...(await shootWalk(browser, url, '?sample=chinese&lang=zh', path.join(DOCS, 'walk-zh.png'))));
    if (wanted('reading-en.png') || wanted('reading-zh.png')) {
      const tmp = fs.mkdtempSync(path.join(require('os').tmpdir(), 'okr-shots-'));
      const files = await readingFiles(tmp);
      if (wanted('reading-en.png'))
        made.push(
          ...(await shootReading(browser, url, 'en', files.en.file, files.en.col, path.join(DOCS, 'reading-en.png'))),
        );
      if (wanted('reading-zh.png'))
        made.push(
          ...(await shootReading(browser, url, 'zh', files.zh.file, files.zh.col, path.join(DOCS, 'reading-zh.png'))),
        );
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    for (const f of made) console.log(`wrote ${path.relative(ROOT, f)}`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e) => {
  console.error(e.message || e);
  process.exit(1);
});
