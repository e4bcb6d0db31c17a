/**
 * Issue 10: corrections of how a sheet is read (column roles, header row) travel between the Excel add-in and the
 * command line inside real .xlsx files. The add-in keeps them in the document's settings (in the file: its
 * web-extension part, <we:property name="okrGrid.settings" value="JSON"/>); the command line in its very hidden
 * "OKR Grid settings" sheet. Each honours the other's; the document's settings come first (core's rule).
 */
import fs from 'fs';
import path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { main } from '../../xlsx/cli';
import { SETTINGS_SHEET, savedSettings } from '../../xlsx/settings-store';
import { documentSettingsOf } from '../../xlsx/document-settings';
import { DOCUMENT_SETTINGS_KEY } from '../../core/settings';
import { createExcelBridge } from '../../excel-addin/bridge';
import type { ExcelLike } from '../../excel-addin/adapter';
import { createExcel, createOffice, SimWorkbook } from '../../playground/excel-sim';
import { englishTable, FIXTURE_TODAY } from '../../fixtures/sheets';
import { captureIo, excelSheet, readWorkbookFile, removeTempDirs, tempDir, writeExcelWorkbook } from './helpers';

jest.setTimeout(60000);
const dir = tempDir('okr-settings-bridge-');
afterAll(() => removeTempDirs());

const xmlAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** An .xlsx as Excel saves it after the add-in stored `settings` in the document (its web-extension part). */
async function withAddinSettings(file: string, settings: unknown): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  zip.file(
    'xl/webextensions/webextension1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="{52811C31-4593-43B8-A697-EB873422D156}"><we:reference id="okr-grid" version="1.0.0.0" store="developer" storeType="Registry"/><we:alternateReferences/><we:properties><we:property name="Office.AutoShowTaskpaneWithDocument" value="true"/><we:property name="${DOCUMENT_SETTINGS_KEY}" value="${xmlAttr(JSON.stringify(settings))}"/></we:properties><we:bindings/><we:snapshot xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></we:webextension>`,
  );
  const types = await zip.file('[Content_Types].xml')!.async('string');
  zip.file(
    '[Content_Types].xml',
    types.replace(
      '</Types>',
      '<Override PartName="/xl/webextensions/webextension1.xml" ContentType="application/vnd.ms-office.webextension+xml"/></Types>',
    ),
  );
  const out = file.replace(/\.xlsx$/, '.addin.xlsx');
  fs.writeFileSync(out, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return out;
}

async function cli(args: string[]) {
  const c = captureIo();
  const code = await main([...args, '--today', FIXTURE_TODAY, '--quiet', '--json'], c.io);
  return { code, json: JSON.parse(c.out() || '{}'), err: c.err() };
}

type Column = { header: string; field: string | null; chosen?: boolean };
const column = (details: any, header: string): Column =>
  (details?.reading?.columns as Column[]).find((c) => c.header === header)!;

let plain: string;
beforeAll(async () => {
  plain = await writeExcelWorkbook(path.join(dir, 'english.xlsx'), [
    excelSheet('Q4 OKRs', englishTable, { dateCols: [12, 15] }),
  ]);
});

describe('the command line honours the Excel add-in’s corrections saved in the file', () => {
  test('the web-extension property is read (XML-escaped JSON) and nothing else is taken for it', async () => {
    const file = await withAddinSettings(plain, { lang: 'zh', columnRoles: { 'Last updated': 'ignore' } });
    expect(documentSettingsOf(fs.readFileSync(file))).toEqual({
      lang: 'zh',
      columnRoles: { 'Last updated': 'ignore' },
    });
    expect(documentSettingsOf(fs.readFileSync(plain))).toEqual({});
  });

  test('validate reads the column as the add-in was told; the plain file reads it otherwise', async () => {
    const before = column((await cli(['validate', plain])).json.details, 'Last updated');
    expect(before.chosen).toBeUndefined();
    const file = await withAddinSettings(plain, { columnRoles: { 'Last updated': 'ignore' }, headerRow: null });
    const after = column((await cli(['validate', file])).json.details, 'Last updated');
    expect(after).toMatchObject({ field: null, chosen: true });
  });

  test('convert keeps them in the file written: the web-extension part as it was, and the settings sheet', async () => {
    const file = await withAddinSettings(plain, { columnRoles: { 'Last updated': 'ignore' } });
    const out = path.join(dir, 'english.converted.xlsx');
    const r = await cli(['convert', file, '-o', out]);
    expect(r.json.ok).toBe(true);
    expect(documentSettingsOf(fs.readFileSync(out))).toEqual({ columnRoles: { 'Last updated': 'ignore' } });
    expect(savedSettings(await readWorkbookFile(out))).toEqual({
      columnRoles: { 'Last updated': 'ignore' },
      headerRow: null,
    });
  });

  test('the document’s settings come before the settings sheet; the sheet counts where the document has none', async () => {
    const sheetSaysUpdated = path.join(dir, 'sheet-updated.xlsx');
    await cli(['convert', plain, '-o', sheetSaysUpdated, '--columns', 'Last updated=updated']);
    const docSaysIgnore = await withAddinSettings(sheetSaysUpdated, { columnRoles: { 'Last updated': 'ignore' } });
    expect(column((await cli(['validate', docSaysIgnore])).json.details, 'Last updated').field).toBeNull();
    const docEmpty = await withAddinSettings(sheetSaysUpdated, { lang: 'en', columnRoles: {} });
    expect(column((await cli(['validate', docEmpty])).json.details, 'Last updated').field).toBe('updated');
  });
});

/** A real .xlsx as the Excel add-in sees it: every sheet (the very hidden one as hidden), values as typed. */
async function excelBook(file: string): Promise<SimWorkbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const wb = new SimWorkbook(book.worksheets.map((w) => w.name));
  book.worksheets.forEach((ws, i) => {
    wb.sheets[i].visible = ws.state === 'visible';
    ws.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        const v = cell.value as any;
        const plainV = v && typeof v === 'object' ? (v.result ?? v.text ?? null) : v;
        if (plainV !== null && plainV !== undefined && !(plainV instanceof Date))
          wb.sheets[i].ensure(r - 1, c - 1).v = plainV;
      }),
    );
  });
  wb.activeIndex = 0;
  return wb;
}

describe('the Excel add-in (and the playground, the same code) honours the command line’s settings sheet', () => {
  let saved: string;
  beforeAll(async () => {
    saved = path.join(dir, 'cli-saved.xlsx');
    await cli(['validate', plain, '-o', saved, '--columns', 'Last updated=ignore']);
  });

  test('with no document settings, the sheet’s correction is used; without the sheet it is not', async () => {
    const withSheet = await excelBook(saved);
    expect(withSheet.sheet(SETTINGS_SHEET)?.visible).toBe(false);
    const bridge = createExcelBridge(createExcel(withSheet) as unknown as ExcelLike, createOffice(withSheet, 'en-US'));
    const r = await bridge.run('validate');
    expect(column(r.details, 'Last updated')).toMatchObject({ field: null, chosen: true });

    const without = await excelBook(plain);
    const b2 = createExcelBridge(createExcel(without) as unknown as ExcelLike, createOffice(without, 'en-US'));
    expect(column((await b2.run('validate')).details, 'Last updated').chosen).toBeUndefined();
  });

  test('the document’s own correction wins over the sheet’s', async () => {
    const wb = await excelBook(saved);
    const office = createOffice(wb, 'en-US');
    const bridge = createExcelBridge(createExcel(wb) as unknown as ExcelLike, office);
    await bridge.saveSettings({ ...(await bridge.getSettings()), columnRoles: { 'Last updated': 'updated' } });
    expect(column((await bridge.run('validate')).details, 'Last updated')).toMatchObject({
      field: 'updated',
      chosen: true,
    });
  });
});
