/** The built project as a whole: files, manifest, menu, macros and the custom functions' JSDoc. */
import * as fs from 'fs';
import { FUNCTION_DOCS } from '../../core/functions';
import { DIST, distFile, loadProject } from './harness';

const manifest = () => JSON.parse(distFile('appsscript.json'));

describe('dist/gas', () => {
  test('holds exactly the code, the sidebar and the manifest', () => {
    expect(fs.readdirSync(DIST).sort()).toEqual(['Code.js', 'Sidebar.html', 'appsscript.json']);
  });

  test('manifest: V8, exception logging, a time zone, and only the two narrow scopes', () => {
    const m = manifest();
    expect(m.runtimeVersion).toBe('V8');
    expect(m.exceptionLogging).toBe('STACKDRIVER');
    expect(typeof m.timeZone).toBe('string');
    expect(m.timeZone.length).toBeGreaterThan(0);
    expect(m.oauthScopes.slice().sort()).toEqual([
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
    ]);
    // No network: no URL fetch, no external services, no libraries.
    expect(JSON.stringify(m)).not.toMatch(/external_request|urlFetchWhitelist|"libraries"/);
  });

  test('macros for Validate and Score quarter name top-level functions and use valid, distinct shortcuts', () => {
    const p = loadProject();
    const macros: { menuName: string; functionName: string; defaultShortcut: string }[] = manifest().sheets.macros;
    expect(macros.map((m) => m.menuName).join(' | ')).toMatch(/Validate.*\|.*Score quarter/);
    for (const m of macros) {
      expect(typeof p.g[m.functionName]).toBe('function');
      expect(m.defaultShortcut).toMatch(/^Ctrl\+Alt\+Shift\+[0-9]$/);
    }
    expect(new Set(macros.map((m) => m.defaultShortcut)).size).toBe(macros.length);
  });

  test('the code reaches no network and uses no service beyond the two scopes', () => {
    const code = distFile('Code.js');
    expect(code).not.toMatch(/UrlFetchApp|DriveApp|GmailApp|ScriptApp\.newTrigger|XMLHttpRequest|fetch\(/);
  });
});

describe('menu', () => {
  const EN = ['Convert sheet to OKR grid', 'Validate', 'Clear highlights', 'Score quarter', 'Check in', 'Start next quarter', 'Open panel', 'Settings'];

  test('onOpen builds the OKR menu; every item names a function of the project', () => {
    const p = loadProject({ locale: 'en_US' }, (b) => b.addSheet('Sheet1', [['x']]));
    p.call('onOpen', { authMode: 'LIMITED' });
    expect(p.fake.ui.menus).toHaveLength(1);
    const menu = p.fake.ui.menus[0];
    expect(menu.caption).toBe('OKR');
    const items = menu.items.filter((i): i is { caption: string; functionName: string } => i !== 'separator');
    expect(items.map((i) => i.caption)).toEqual(EN);
    for (const i of items) expect(typeof p.g[i.functionName]).toBe('function');
    expect(new Set(items.map((i) => i.functionName)).size).toBeGreaterThanOrEqual(6);
  });

  test('onInstall builds the same menu', () => {
    const p = loadProject({ locale: 'en_GB' }, (b) => b.addSheet('Sheet1', [['x']]));
    p.call('onInstall', {});
    expect(p.fake.ui.menus[0].items.filter((i) => i !== 'separator')).toHaveLength(8);
  });

  test('a Chinese spreadsheet gets Chinese labels', () => {
    const p = loadProject({ locale: 'zh_CN' }, (b) => b.addSheet('工作表1', [['x']]));
    p.call('onOpen', {});
    const captions = p.fake.ui.menus[0].items.filter((i) => i !== 'separator').map((i) => (i as { caption: string }).caption);
    expect(captions).toHaveLength(8);
    for (const c of captions) expect(c).toMatch(/[\u4e00-\u9fff]/);
    expect(captions).not.toContain('Validate');
  });

  test('Open panel shows the sidebar file; Settings opens the same panel', () => {
    const p = loadProject({}, (b) => b.addSheet('Sheet1', [['x']]));
    p.call('openPanel');
    p.call('openSettings');
    expect(p.fake.ui.sidebars).toHaveLength(2);
    expect(p.fake.ui.sidebars[0].getContent()).toBe(distFile('Sidebar.html'));
    expect(p.fake.ui.sidebars[0].getTitle()).toBe('OKR Grid');
  });
});

describe('custom function JSDoc in Code.js', () => {
  /** The JSDoc block right above `function NAME(` in the built file. */
  function jsdocOf(code: string, name: string): string | null {
    const at = code.search(new RegExp(`\\nfunction ${name}\\s*\\(`));
    if (at < 0) return null;
    const before = code.slice(0, at);
    const start = before.lastIndexOf('/**');
    const end = before.lastIndexOf('*/');
    if (start < 0 || end < start || before.slice(end + 2).trim() !== '') return null;
    return before.slice(start, end + 2);
  }
  const lines = (doc: string) => doc.split('\n').map((l) => l.replace(/^\s*\/?\*+\/?\s?/, '').trimEnd());

  test.each(FUNCTION_DOCS.map((d) => [d.name, d] as const))('%s is a top-level @customfunction documented as core says', (name, d) => {
    const code = distFile('Code.js');
    const doc = jsdocOf(code, name);
    expect(doc).not.toBeNull();
    const ls = lines(doc!);
    expect(ls).toContain('@customfunction');
    expect(ls).toContain(d.description.en);
    const params = ls.filter((l) => l.startsWith('@param'));
    expect(params).toHaveLength(d.params.length);
    d.params.forEach((p, i) => {
      const m = /^@param\s+\{[^}]+\}\s+(\[?)(\w+)\]?\s+(.*)$/.exec(params[i]);
      expect(m).not.toBeNull();
      expect(m![2]).toBe(p.name);
      expect(m![1] === '[').toBe(p.optional);
      expect(m![3]).toBe(p.help.en);
    });
    expect(ls.find((l) => l.startsWith('@return'))).toBe(`@return ${d.returns.en}`);
    expect(typeof loadProject().g[name]).toBe('function');
  });
});
