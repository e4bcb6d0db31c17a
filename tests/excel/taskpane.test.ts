/**
 * The built task pane (dist/excel/taskpane.html + taskpane.js) in jsdom, with the in-memory Office and Excel in
 * place of the CDN's office.js: it has a strict Content-Security-Policy, mounts the panel, runs commands through
 * the adapter, and shows text from the workbook as text (never as HTML).
 */
import * as fs from 'fs';
import * as path from 'path';
import { JSDOM } from 'jsdom';
import { createExcel, createOffice, SimWorkbook } from '../../playground/excel-sim';
import { chineseOutline } from '../../fixtures/sheets';
import { DIST, requireBuild, typed } from './helpers';

beforeAll(requireBuild);

const html = () => fs.readFileSync(path.join(DIST, 'taskpane.html'), 'utf8');

test('the page has a Content-Security-Policy that allows only its own scripts and Office.js', () => {
  const dom = new JSDOM(html());
  const csp =
    dom.window.document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
  const directives = Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([k, ...v]) => [k, v]),
  );
  expect(directives['default-src']).toEqual(["'self'"]);
  expect(directives['script-src']).toEqual(["'self'", 'https://appsforoffice.microsoft.com']);
  expect(directives['object-src']).toEqual(["'none'"]);
  expect(csp).not.toMatch(/unsafe-eval/);
  expect(directives['script-src']).not.toContain("'unsafe-inline'");
  // Every script is either ours (same origin) or Office.js from Microsoft's CDN; no inline script.
  const scripts = [...dom.window.document.querySelectorAll('script')];
  expect(scripts.map((s) => s.getAttribute('src'))).toEqual([
    'https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
    'functions.js',
    'commands.js',
    'taskpane.js',
  ]);
  for (const s of scripts) expect(s.textContent).toBe('');
  for (const f of ['taskpane.js', 'commands.js', 'functions.js']) {
    const js = fs.readFileSync(path.join(DIST, f), 'utf8');
    expect(js).not.toMatch(/\beval\(|new Function\(|insertAdjacentHTML|document\.write\(/);
  }
});

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('the pane runs Convert and shows a sheet name full of markup as text', async () => {
  const evil = '<b onclick=x>OKR';
  const wb = new SimWorkbook([]);
  wb.sheets = [];
  wb.addSheet(evil, typed(chineseOutline));
  const dom = new JSDOM(html().replace(/<script[^>]*><\/script>/g, ''), { runScripts: 'outside-only' });
  const win = dom.window as unknown as Record<string, unknown> & { eval(code: string): unknown; document: Document };
  win.Office = createOffice(wb, 'zh-CN');
  win.Excel = createExcel(wb);
  win.eval(fs.readFileSync(path.join(DIST, 'taskpane.js'), 'utf8'));
  const root = win.document.getElementById('app')!;
  await until(() => root.dataset.state === 'ready');
  expect(root.dataset.lang).toBe('zh');
  const button = root.querySelector<HTMLButtonElement>('[data-command="convert"]')!;
  expect(button).not.toBeNull();
  button.click();
  await until(() => wb.sheets.length === 2 && root.dataset.state === 'ready');
  await until(() => (root.textContent ?? '').includes(evil));
  expect(root.querySelector('b')).toBeNull();
  expect(root.innerHTML).toContain('&lt;b onclick=x&gt;OKR');
  expect(wb.sheets[0].name).toBe(evil);
});
