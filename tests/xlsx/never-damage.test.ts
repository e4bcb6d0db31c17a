/**
 * The command line never damages a file: ExcelJS cannot carry macros or charts over, so overwriting the input would
 * silently lose them (and .xlsx content saved under an .xlsm name does not open in Excel). Fixtures: an OKR workbook
 * written by ExcelJS, with a VBA project or a chart part added to its package as Excel stores them.
 */
import fs from 'fs';
import path from 'path';
import JSZip from 'jszip';
import { main } from '../../xlsx/cli';
import { XMLValidator } from 'fast-xml-parser';
import { partsOf } from '../../xlsx/package-parts';
import { documentSettingsOf } from '../../xlsx/document-settings';
import { DOCUMENT_SETTINGS_KEY } from '../../core/settings';
import { englishTable, FIXTURE_TODAY } from '../../fixtures/sheets';
import {
  captureIo,
  excelSheet,
  readWorkbookFile,
  sha256,
  tempDir,
  writeExcelWorkbook,
  removeTempDirs,
} from './helpers';

jest.setTimeout(60000);

const dir = tempDir('okr-never-damage-');

async function run(args: string[]) {
  const cap = captureIo();
  const code = await main([...args, '--today', FIXTURE_TODAY, '--quiet'], cap.io);
  return { code, out: cap.out(), err: cap.err() };
}

/** The OKR fixture as a file, with extra package parts (name -> content) added. */
async function workbookWith(name: string, parts: Record<string, string>): Promise<string> {
  const file = path.join(dir, name);
  await writeExcelWorkbook(file, [excelSheet('Q4 OKRs', englishTable, { dateCols: [12, 15] })]);
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  for (const [p, content] of Object.entries(parts)) zip.file(p, content);
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
  return file;
}

const VBA = { 'xl/vbaProject.bin': 'VBA project bytes' };
const CHART = {
  'xl/charts/chart1.xml': '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>',
};

afterAll(removeTempDirs);

test('--in-place on a workbook with macros is refused (exit 2), the file byte for byte as it was', async () => {
  const file = await workbookWith('macros.xlsx', VBA);
  const before = sha256(file);
  const r = await run(['convert', file, '--in-place']);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/macros/);
  expect(r.err).toMatch(/-o/);
  expect(sha256(file)).toBe(before);
  expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
});

test('--in-place on a workbook with a chart is refused; the same with -o writes a new file and says the chart is not in it', async () => {
  const file = await workbookWith('chart.xlsx', CHART);
  const before = sha256(file);
  expect((await run(['convert', file, '--in-place'])).code).toBe(2);
  expect(sha256(file)).toBe(before);
  const out = path.join(dir, 'chart-out.xlsx');
  const r = await run(['convert', file, '-o', out, '--json']);
  const doc = JSON.parse(r.out);
  expect(doc.output).toBe(out);
  expect(doc.warnings.map((w: { en: string }) => w.en).join(' ')).toMatch(/charts/);
  expect((await partsOf(fs.readFileSync(out))).charts).toBe(0);
  expect(sha256(file)).toBe(before);
});

test('an .xlsm is never overwritten with .xlsx content, and no output is named .xlsm', async () => {
  const xlsm = await workbookWith('team.xlsm', VBA);
  const before = sha256(xlsm);
  const inPlace = await run(['convert', xlsm, '--in-place']);
  expect(inPlace.code).toBe(2);
  expect(inPlace.err).toMatch(/\.xlsx/);
  expect(sha256(xlsm)).toBe(before);
  const named = await run(['convert', xlsm, '-o', path.join(dir, 'out.xlsm')]);
  expect(named.code).toBe(2);
  expect(fs.existsSync(path.join(dir, 'out.xlsm'))).toBe(false);
  // the default output is team.okr.xlsx, without the macros, and says so
  const r = await run(['convert', xlsm]);
  expect([0, 1]).toContain(r.code);
  expect(fs.existsSync(path.join(dir, 'team.okr.xlsx'))).toBe(true);
  expect(r.out).toMatch(/macros/);
});

test('a plain workbook is still converted in place (nothing to lose)', async () => {
  const file = await workbookWith('plain.xlsx', {});
  const before = sha256(file);
  const r = await run(['convert', file, '--in-place']);
  expect([0, 1]).toContain(r.code);
  expect(sha256(file)).not.toBe(before);
});

// ---------------------------------------------------------------------------------------------------------------
// The Excel add-in's parts: Office keeps the add-in (and its document settings: the reading corrections) in
// xl/webextensions/, which ExcelJS drops. Issue 13 item 7: they are kept.

const SETTINGS = { lang: 'zh', columnRoles: { 'Last updated': 'ignore' } };
const xmlAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The parts as Excel stores a task pane add-in that saved its settings: the task pane, its add-in, their links. */
const ADDIN_PARTS: Record<string, string> = {
  'xl/webextensions/taskpanes.xml':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11"><wetp:taskpane dockstate="right" visibility="0" width="350" row="4"><wetp:webextensionref xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></wetp:taskpane></wetp:taskpanes>',
  'xl/webextensions/_rels/taskpanes.xml.rels':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2011/relationships/webextension" Target="webextension1.xml"/></Relationships>',
  'xl/webextensions/webextension1.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="{52811C31-4593-43B8-A697-EB873422D156}"><we:reference id="okr-grid" version="1.0.0.0" store="developer" storeType="Registry"/><we:alternateReferences/><we:properties><we:property name="Office.AutoShowTaskpaneWithDocument" value="true"/><we:property name="${DOCUMENT_SETTINGS_KEY}" value="${xmlAttr(JSON.stringify(SETTINGS))}"/></we:properties><we:bindings/><we:snapshot xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></we:webextension>`,
};
const TASKPANES_REL =
  '<Relationship Id="rId4" Type="http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes" Target="xl/webextensions/taskpanes.xml"/>';
const ADDIN_TYPES =
  '<Override PartName="/xl/webextensions/taskpanes.xml" ContentType="application/vnd.ms-office.webextensiontaskpanes+xml"/>' +
  '<Override PartName="/xl/webextensions/webextension1.xml" ContentType="application/vnd.ms-office.webextension+xml"/>';

async function workbookWithAddin(name: string, taskpaneRelId = 'rId4'): Promise<string> {
  const file = await workbookWith(name, ADDIN_PARTS);
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const rels = await zip.file('_rels/.rels')!.async('string');
  const link = TASKPANES_REL.replace('rId4', taskpaneRelId);
  zip.file('_rels/.rels', rels.replace('</Relationships>', link + '</Relationships>'));
  const types = await zip.file('[Content_Types].xml')!.async('string');
  zip.file('[Content_Types].xml', types.replace('</Types>', ADDIN_TYPES + '</Types>'));
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}

/** What of the add-in a file holds: its parts' bytes, the root link to the task pane, the parts' content types. */
async function addinOf(file: string) {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const parts: Record<string, string> = {};
  for (const name of Object.keys(ADDIN_PARTS)) parts[name] = (await zip.file(name)?.async('string')) ?? '(missing)';
  const rels = await zip.file('_rels/.rels')!.async('string');
  const types = await zip.file('[Content_Types].xml')!.async('string');
  for (const xml of [rels, types]) expect(XMLValidator.validate(xml)).toBe(true);
  return {
    parts,
    taskpaneLinks: [...rels.matchAll(/<Relationship\b[^>]*webextensiontaskpanes[^>]*\/>/g)].map((m) =>
      m[0].replace(/ Id="[^"]*"/, ''),
    ),
    types: [...types.matchAll(/<Override PartName="\/xl\/webextensions\/[^"]*"[^>]*\/>/g)].map((m) => m[0]).sort(),
    settings: documentSettingsOf(fs.readFileSync(file)),
    ids: [...rels.matchAll(/<Relationship\b[^>]*? Id="([^"]*)"/g)].map((m) => m[1]),
  };
}

describe('the Excel add-in’s parts (its document settings) are kept', () => {
  const expected = {
    parts: ADDIN_PARTS,
    taskpaneLinks: [TASKPANES_REL.replace(' Id="rId4"', '')],
    types: [...ADDIN_TYPES.matchAll(/<Override[^>]*\/>/g)].map((m) => m[0]).sort(),
    settings: SETTINGS,
  };

  test('convert -o: the new file holds them byte for byte, linked and typed; no part reported lost', async () => {
    const file = await workbookWithAddin('addin.xlsx');
    expect(await addinOf(file)).toMatchObject(expected);
    const out = path.join(dir, 'addin-out.xlsx');
    const r = await run(['convert', file, '-o', out, '--json']);
    expect([0, 1]).toContain(r.code);
    expect(JSON.parse(r.out).warnings).toEqual([]);
    expect(await addinOf(out)).toMatchObject(expected);
    expect((await partsOf(fs.readFileSync(out))).addins).toBe(1);
    // still a workbook ExcelJS reads, with the grid written
    const wb = await readWorkbookFile(out);
    expect(wb.getWorksheet('Q4 OKRs')!.getRow(3).values).toContain('OKR Score');
  });

  test('--in-place (convert, then score) keeps them; the reading corrections they hold still apply', async () => {
    const file = await workbookWithAddin('addin-inplace.xlsx');
    for (const command of ['convert', 'score']) {
      const r = await run([command, file, '--in-place', '--json']);
      expect([0, 1]).toContain(r.code);
      const columns = JSON.parse(r.out).details?.reading?.columns as { header: string; field: string | null }[];
      if (command === 'convert') expect(columns.find((c) => c.header === 'Last updated')?.field).toBeNull();
      expect(await addinOf(file)).toMatchObject(expected);
    }
  });

  test('a link whose Id the file written already uses gets a free one; the workbook still opens', async () => {
    const file = await workbookWithAddin('addin-rid1.xlsx', 'rId1');
    const out = path.join(dir, 'addin-rid1-out.xlsx');
    expect([0, 1]).toContain((await run(['convert', file, '-o', out])).code);
    const got = await addinOf(out);
    expect(got).toMatchObject(expected);
    expect(new Set(got.ids).size).toBe(got.ids.length);
    expect((await readWorkbookFile(out)).getWorksheet('Q4 OKRs')).toBeDefined();
  });
});
