#!/usr/bin/env node
/**
 * Regenerates the README pictures from the built playground (run `npm run build` first):
 *   docs/playground.png     the whole page, English sample converted and validated
 *   docs/taskpane-en.png    the task pane alone, English
 *   docs/taskpane-zh.png    the task pane alone, Chinese sample converted and validated
 *   docs/playground-zh.png  the whole page in Chinese
 * Uses Debian's Chromium (CHROMIUM_PATH to override) through playwright-core; no network.
 */
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');
const { start } = require('./server.js');

const ROOT = path.resolve(__dirname, '..');
const DOCS = path.join(ROOT, 'docs');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

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

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'dist/playground/index.html'))) throw new Error('dist/playground/ is missing: run `npm run build` first.');
  if (!fs.existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  fs.mkdirSync(DOCS, { recursive: true });
  const { server, url } = await start({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const made = [
      ...(await shoot(browser, url, '?sample=english&lang=en', { full: 'playground.png', pane: 'taskpane-en.png' })),
      ...(await shoot(browser, url, '?sample=chinese&lang=zh', { full: 'playground-zh.png', pane: 'taskpane-zh.png' })),
    ];
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
