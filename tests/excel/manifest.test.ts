/**
 * manifest.xml checked structurally (office-addin-manifest validate needs the internet): it parses, ids and resids
 * agree, every URL is https, icons exist in the build, and the build's copy points at the address it was given.
 */
import * as fs from 'fs';
import * as path from 'path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DIST, ROOT, requireBuild } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const excelConfig = require(path.join(ROOT, 'excel-addin/webpack.config.js'));

type Node = Record<string, unknown>;
const SOURCE = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute });
const doc = parser.parse(SOURCE) as Node;

/** Every element named `name` anywhere under `n`. */
function all(n: unknown, name: string, out: Node[] = []): Node[] {
  if (Array.isArray(n)) n.forEach((x) => all(x, name, out));
  else if (n && typeof n === 'object') {
    for (const [k, v] of Object.entries(n as Node)) {
      if (k === name) (v as Node[]).forEach((x) => out.push(x));
      if (!k.startsWith('@')) all(v, name, out);
    }
  }
  return out;
}
const attr = (n: Node, a: string) => (n as Record<string, unknown>)['@' + a] as string | undefined;
const text = (n: Node | string) => (typeof n === 'string' ? n : String((n as Record<string, unknown>)['#text'] ?? ''));

const resources = new Map<string, { kind: string; value: string; node: Node }>();
for (const kind of ['bt:Image', 'bt:Url', 'bt:String'])
  for (const n of all(doc, kind)) if (attr(n, 'id')) resources.set(attr(n, 'id')!, { kind, value: attr(n, 'DefaultValue')!, node: n });

test('parses, is a TaskPaneApp for workbooks with ReadWriteDocument and the shared-runtime requirements', () => {
  expect(XMLValidator.validate(SOURCE)).toBe(true);
  const app = (doc.OfficeApp as Node[])[0];
  expect(attr(app, 'xsi:type')).toBe('TaskPaneApp');
  expect(all(app, 'Permissions').map(text)).toEqual(['ReadWriteDocument']);
  expect(all(app, 'Host').some((h) => attr(h, 'Name') === 'Workbook')).toBe(true);
  const sets = all(all(app, 'Requirements')[0], 'Set').map((s) => `${attr(s, 'Name')} ${attr(s, 'MinVersion')}`);
  expect(sets).toEqual(expect.arrayContaining(['SharedRuntime 1.1', 'CustomFunctionsRuntime 1.1']));
  expect(text(all(app, 'Id')[0])).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
});

test('every resid resolves, resource ids are unique, and every resource is used', () => {
  const ids = [...SOURCE.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((m) => m[1]);
  expect(new Set(ids).size).toBe(ids.length);
  const used = [...SOURCE.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
  expect(used.length).toBeGreaterThan(20);
  for (const r of used) expect(resources.has(r) ? r : `missing ${r}`).toBe(r);
  for (const id of ids) expect(used.includes(id) ? id : `unused ${id}`).toBe(id);
  // Short strings fit Office's 125-character limit, long strings its 250.
  for (const n of all(doc, 'bt:ShortStrings').flatMap((s) => all(s, 'bt:String'))) expect(attr(n, 'DefaultValue')!.length).toBeLessThanOrEqual(125);
  for (const n of all(doc, 'bt:LongStrings').flatMap((s) => all(s, 'bt:String'))) expect(attr(n, 'DefaultValue')!.length).toBeLessThanOrEqual(250);
});

test('the runtime, the function file, the functions page and the task pane are the same page; lifetime long', () => {
  const runtime = all(doc, 'Runtime');
  expect(runtime).toHaveLength(1);
  expect(attr(runtime[0], 'lifetime')).toBe('long');
  const page = attr(runtime[0], 'resid')!;
  expect(all(doc, 'FunctionFile').map((n) => attr(n, 'resid'))).toEqual([page]);
  const cf = all(doc, 'ExtensionPoint').find((e) => attr(e, 'xsi:type') === 'CustomFunctions')!;
  expect(attr(all(all(cf, 'Page')[0], 'SourceLocation')[0], 'resid')).toBe(page);
  const panes = all(doc, 'Action').filter((a) => attr(a, 'xsi:type') === 'ShowTaskpane');
  expect(panes).toHaveLength(1);
  expect(attr(all(panes[0], 'SourceLocation')[0], 'resid')).toBe(page);
  expect(resources.get(page)!.value).toMatch(/\/taskpane\.html$/);
  expect(resources.get(attr(all(all(cf, 'Script')[0], 'SourceLocation')[0], 'resid')!)!.value).toMatch(/\/functions\.js$/);
  expect(resources.get(attr(all(all(cf, 'Metadata')[0], 'SourceLocation')[0], 'resid')!)!.value).toMatch(/\/functions\.json$/);
});

test('the ribbon: an OKR tab with the six commands and Show panel, labels in English and Chinese, icons 16/32/80', () => {
  const tab = all(doc, 'CustomTab');
  expect(tab).toHaveLength(1);
  expect(resources.get(attr(all(tab[0], 'Label').slice(-1)[0], 'resid')!)!.value).toBe('OKR');
  const controls = all(tab[0], 'Control');
  const ids = controls.map((c) => attr(c, 'id'));
  expect(new Set(ids).size).toBe(ids.length);
  const label = (c: Node) => resources.get(attr(all(c, 'Label')[0], 'resid')!)!.value;
  expect(controls.map(label)).toEqual(['Convert', 'Validate', 'Clear highlights', 'Score quarter', 'Check in', 'Start next quarter', 'Show panel']);
  const fns = all(tab[0], 'FunctionName').map(text);
  expect(fns).toHaveLength(6);
  for (const c of controls) {
    expect(all(c, 'bt:Image').map((i) => attr(i, 'size'))).toEqual(['16', '32', '80']);
    for (const r of [attr(all(c, 'Label')[0], 'resid')!, attr(all(c, 'Description')[0], 'resid')!]) {
      const zh = all(resources.get(r)!.node, 'bt:Override').find((o) => attr(o, 'Locale') === 'zh-CN');
      expect(zh && /[\u4e00-\u9fff]/.test(attr(zh, 'Value')!) ? r : `no zh-CN for ${r}`).toBe(r);
    }
  }
});

test('the namespace and the generated function ids are valid Office ids', () => {
  requireBuild();
  const cf = all(doc, 'ExtensionPoint').find((e) => attr(e, 'xsi:type') === 'CustomFunctions')!;
  const ns = resources.get(attr(all(cf, 'Namespace')[0], 'resid')!)!.value;
  expect(ns).toBe('OKR');
  const meta = JSON.parse(fs.readFileSync(path.join(DIST, 'functions.json'), 'utf8'));
  const ids = meta.functions.map((f: { id: string }) => f.id);
  expect(ids).toEqual(expect.arrayContaining(['OKRSCORE', 'ROLLUP', 'OKRSTATUS', 'OKRPACE']));
  expect(new Set(ids).size).toBe(ids.length);
  for (const f of meta.functions) {
    expect(f.id).toMatch(/^[A-Z][A-Z0-9._]{0,127}$/);
    expect(f.name).toMatch(/^[A-Za-z][A-Za-z0-9._]*$/);
  }
});

test('every URL is https and every icon exists in dist/excel', () => {
  requireBuild();
  const urls = [...SOURCE.matchAll(/(?:DefaultValue|Value)="([a-z]+:\/\/[^"]*)"/gi)].map((m) => m[1]);
  expect(urls.length).toBeGreaterThan(8);
  for (const u of urls) expect(u).toMatch(/^https:\/\//);
  // Namespace names are URIs, not addresses the add-in loads.
  expect(SOURCE.replace(/xmlns(:\w+)?="[^"]*"/g, '')).not.toMatch(/http:\/\//);
  const base = excelConfig.DEV_URL as string;
  const images = [...resources.values()].filter((r) => r.kind === 'bt:Image').map((r) => r.value);
  images.push(...[...SOURCE.matchAll(/<(?:IconUrl|HighResolutionIconUrl) DefaultValue="([^"]+)"/g)].map((m) => m[1]));
  for (const u of images) {
    expect(u.startsWith(base)).toBe(true);
    const file = path.join(DIST, u.slice(base.length));
    expect(fs.existsSync(file) ? u : `missing ${file}`).toBe(u);
    const png = fs.readFileSync(file);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const size = png.readUInt32BE(16);
    const named = Number(/icon-(\d+)\.png$/.exec(u)![1]);
    expect(size).toBe(named);
  }
  for (const n of [16, 32, 64, 80]) expect(fs.existsSync(path.join(DIST, `assets/icon-${n}.png`))).toBe(true);
});

test('the build copy points at the deployment address it was given, and only https is accepted', () => {
  requireBuild();
  const built = fs.readFileSync(path.join(DIST, 'manifest.xml'), 'utf8');
  const base = /<SourceLocation DefaultValue="(https:\/\/[^"]+\/)taskpane\.html"/.exec(built)![1];
  expect(built).toBe(excelConfig.rewriteManifest(SOURCE, base));
  const moved = excelConfig.rewriteManifest(SOURCE, 'https://okr.example.com/addin/') as string;
  expect(moved).not.toContain('localhost');
  const urls = [...moved.matchAll(/(?:DefaultValue|Value)="([a-z]+:\/\/[^"]*)"/gi)].map((m) => m[1]);
  for (const u of urls) expect(u.startsWith('https://okr.example.com/addin/')).toBe(true);
  expect(XMLValidator.validate(moved)).toBe(true);
  // The config itself: default address, a trailing slash added, http refused.
  const plugins = (env: Record<string, string>) => excelConfig(env, { mode: 'production' }).plugins.map((p: object) => p.constructor.name);
  expect(plugins({})).toEqual(expect.arrayContaining(['CustomFunctionsMetadataPlugin', 'HtmlWebpackPlugin', 'CopyPlugin']));
  expect(() => excelConfig({ url: 'http://insecure.example.com/' }, { mode: 'production' })).toThrow(/https/);
});
