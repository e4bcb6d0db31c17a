/**
 * Issue 13 item 6: the command line zips the package with Node's zlib (xlsx/zip-write.ts) instead of JSZip's
 * JavaScript deflate. The parts must be exactly the ones ExcelJS's own writer makes, and the package a zip that any
 * reader opens.
 */
import fs from 'fs';
import path from 'path';
import zlib from 'zlib';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { DEFLATE_CHARS, PartDeflater, renderParts, tableCrc32, workbookBytes, zipPackage } from '../../xlsx/zip-write';
import { openWorkbook, saveWorkbook } from '../../xlsx/adapter';
import { readEntry, storedPackage, zipEntries } from '../../xlsx/zip-directory';
import { removeTempDirs, tempDir } from './helpers';
import CellXform from 'exceljs/lib/xlsx/xform/sheet/cell-xform';
import StylesXform from 'exceljs/lib/xlsx/xform/style/styles-xform';

const dir = tempDir('okr-zip-write-');
afterAll(() => removeTempDirs());

/** 1x1 transparent PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** A workbook with what ExcelJS writes as separate parts: two sheets, shared strings, a note, an image, styles. */
function richWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date(Date.UTC(2026, 1, 15));
  const ws = wb.addWorksheet('OKRs');
  ws.getCell('A1').value = '目标：增长（全角）';
  ws.getCell('B1').value = 0.25;
  ws.getCell('B1').numFmt = '0%';
  ws.getCell('C1').value = { formula: 'B1*2', shareType: 'shared', ref: 'C1:C3' } as any;
  ws.getCell('C3').value = { sharedFormula: 'C1' } as any;
  ws.getCell('A2').note = 'a note';
  const img = wb.addImage({ buffer: PNG as any, extension: 'png' });
  ws.addImage(img, 'E2:F4');
  wb.addWorksheet('Second').getCell('A1').value = 'x';
  return wb;
}

/** Every kind of cell and row ExcelJS writes, in one sheet: what row-xml.ts renders and what it leaves to ExcelJS. */
function everyCellWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date(Date.UTC(2026, 1, 15));
  const ws = wb.addWorksheet('Cells');
  const values: ExcelJS.CellValue[] = [
    'plain',
    ' leading space',
    'trailing space ',
    'two\nlines',
    'a < b & "c" > \'d\'',
    '目标：增长（全角）',
    '',
    0,
    -1.5e-7,
    123456789.25,
    true,
    false,
    new Date(Date.UTC(2026, 10, 23)),
    { error: '#N/A' } as any,
    { text: 'site', hyperlink: 'https://example.com/?a=1&b=2' },
    { richText: [{ text: 'bold', font: { bold: true } }, { text: ' plain' }] },
    { formula: 'A1&"x"' } as any,
    { formula: 'SUM(H1:H3)', result: 7 } as any,
    { formula: 'A1', result: 'text <result>' } as any,
    { formula: 'TRUE()', result: true } as any,
    { formula: 'NA()', result: { error: '#N/A' } } as any,
    { formula: 'TODAY()', result: new Date(Date.UTC(2026, 0, 2)) } as any,
  ];
  values.forEach((v, i) => (ws.getCell(1, i + 1).value = v));
  ws.getCell('B1').numFmt = '0.00%';
  ws.getCell('C1').font = { italic: true };
  ws.getCell('Z1').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF0000' } }; // styled, no value
  for (let r = 2; r <= 6; r++) {
    ws.getCell(r, 1).value = r;
    // a shared formula's master (explicit range), its clones, and a master ExcelJS gives a range from its clones
    ws.getCell(r, 2).value = (
      r === 2 ? { formula: 'A2*2', shareType: 'shared', ref: 'B2:B6' } : { sharedFormula: 'B2' }
    ) as any;
    ws.getCell(r, 3).value = (r === 2 ? { formula: 'A2+1', result: 3 } : { sharedFormula: 'C2', result: r + 1 }) as any;
  }
  ws.getCell('D2').value = { formula: 'A2:A3*2', shareType: 'array', ref: 'D2:D3', result: 4 } as any;
  ws.mergeCells('E2:F3');
  ws.getCell('E2').value = 'merged';
  const styled = ws.getRow(8);
  styled.height = 30;
  styled.hidden = true;
  styled.outlineLevel = 1;
  styled.font = { bold: true };
  styled.getCell(2).value = 'row with a style';
  ws.getRow(10).height = 12; // a row with a height and no cells
  ws.getCell('A12').note = 'a note';
  ws.getCell('A12').value = 12;
  return wb;
}

async function partsOfZip(buf: Buffer): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(buf);
  const out = new Map<string, Buffer>();
  for (const [name, f] of Object.entries(zip.files)) if (!f.dir) out.set(name, await f.async('nodebuffer'));
  return out;
}

describe('the package written with Node zlib', () => {
  test("holds exactly ExcelJS's own parts, byte for byte", async () => {
    const ours = await partsOfZip(await workbookBytes(richWorkbook()));
    const theirs = await partsOfZip(Buffer.from(await richWorkbook().xlsx.writeBuffer()));
    expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
    expect(ours.has('xl/media/image1.png')).toBe(true);
    expect(ours.has('xl/comments1.xml')).toBe(true);
    for (const [name, bytes] of theirs)
      expect({ name, same: ours.get(name)!.equals(bytes) }).toEqual({ name, same: true });
  });

  test("every kind of cell and row is written as ExcelJS's own writer writes it, the common ones without it", async () => {
    const spy = jest.spyOn(CellXform.prototype, 'render');
    let ours: Map<string, Buffer>;
    let left: number;
    try {
      ours = await partsOfZip(await workbookBytes(everyCellWorkbook()));
      left = spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
    const theirs = await partsOfZip(Buffer.from(await everyCellWorkbook().xlsx.writeBuffer()));
    for (const name of ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/styles.xml', 'xl/comments1.xml'])
      expect({ name, xml: ours.get(name)!.toString('utf8') }).toEqual({
        name,
        xml: theirs.get(name)!.toString('utf8'),
      });
    // ExcelJS's CellXform renders only the kinds row-xml.ts leaves to it: rich text, an error, a hyperlink, the
    // formulas with an error or a date result, the array formula
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(6);
  });

  test('cells read without a style have their style worked out once per type, not once per cell', async () => {
    const file = path.join(dir, 'unstyled.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('OKRs');
    for (let r = 1; r <= 200; r++) ws.getRow(r).values = [`KR ${r}`, r, r % 2 === 0, new Date(Date.UTC(2026, 0, r))];
    ws.getCell('E1').value = { formula: 'B1*2' } as any;
    await wb.xlsx.writeFile(file);
    const spy = jest.spyOn(StylesXform.prototype, '_addStyle');
    let ours: Map<string, Buffer>;
    let styled: number;
    try {
      ours = await partsOfZip(await workbookBytes(await openWorkbook(file)));
      styled = spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(file);
    const theirs = await partsOfZip(Buffer.from(await back.xlsx.writeBuffer()));
    for (const name of ['xl/worksheets/sheet1.xml', 'xl/styles.xml'])
      expect({ name, xml: ours.get(name)!.toString('utf8') }).toEqual({
        name,
        xml: theirs.get(name)!.toString('utf8'),
      });
    expect(ours.get('xl/worksheets/sheet1.xml')!.toString('utf8')).toContain('<c r="D1" s="1"><v>46023</v></c>');
    expect(styled).toBeLessThan(20); // 800 cells and 200 rows
  });

  test('reads back through the zip directory, each part deflated with the CRC the format asks for', async () => {
    const buf = await workbookBytes(richWorkbook());
    const entries = zipEntries(buf)!;
    expect(entries[0].name).toBe('[Content_Types].xml');
    for (const e of entries) {
      expect(e.method).toBe(8);
      const data = readEntry(buf, e)!;
      expect(data.length).toBe(e.size);
      const crc = buf.readUInt32LE(e.offset + 14);
      expect(crc).toBe(zlib.crc32(data));
      expect(tableCrc32(data)).toBe(crc);
    }
    // the sheet's text comes back as written (UTF-8, full-width punctuation)
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(buf as any);
    expect(back.getWorksheet('OKRs')!.getCell('A1').value).toBe('目标：增长（全角）');
    expect(back.getWorksheet('OKRs')!.getCell('C3').formula).toBe('B3*2');
  });

  test('an empty package is still a zip with an end record', () => {
    const buf = zipPackage([]);
    expect(buf.length).toBe(22);
    expect(zipEntries(buf)).toEqual([]);
  });

  test("saving a workbook does not run JSZip's deflate (the JavaScript one)", async () => {
    const spy = jest.spyOn(JSZip.prototype, 'generateAsync');
    try {
      const file = path.join(dir, 'saved.xlsx');
      await saveWorkbook(richWorkbook(), file);
      expect(spy).not.toHaveBeenCalled();
      expect((await partsOfZip(fs.readFileSync(file))).has('xl/worksheets/sheet2.xml')).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  test('renderParts declines an ExcelJS without the version 4 render steps', async () => {
    const wb = richWorkbook();
    (wb.xlsx as any).addWorksheets = undefined;
    expect(await renderParts(wb)).toBeNull();
  });

  test('a part deflated piece by piece is one deflate stream of all its text, with the CRC of all of it', () => {
    const texts = ['<a>', 'x'.repeat(DEFLATE_CHARS), '目标：增长（全角）', 'y'.repeat(DEFLATE_CHARS + 7), '</a>'];
    const d = new PartDeflater();
    for (const t of texts) d.write(t);
    const part = d.end('p.xml');
    const whole = Buffer.from(texts.join(''), 'utf8');
    expect(zlib.inflateRawSync(part.data).equals(whole)).toBe(true);
    expect(part.size).toBe(whole.length);
    expect(part.crc).toBe(zlib.crc32(whole));
    expect(tableCrc32(whole.subarray(7), tableCrc32(whole.subarray(0, 7)))).toBe(part.crc);
    const empty = new PartDeflater().end('e.xml');
    expect(zlib.inflateRawSync(empty.data).length).toBe(0);
  });

  test("a large sheet's XML is deflated in pieces as it is rendered, never held whole, and is ExcelJS's own", async () => {
    const big = () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Big');
      for (let r = 1; r <= 12000; r++) ws.getRow(r).values = [`KR ${r} 目标`, r, r / 7, { formula: `B${r}*2` } as any];
      return wb;
    };
    const spy = jest.spyOn(PartDeflater.prototype, 'write');
    let ours: Map<string, Buffer>;
    let pieces: number[];
    try {
      ours = await partsOfZip(await workbookBytes(big()));
      pieces = spy.mock.calls.map(([text]) => text.length);
    } finally {
      spy.mockRestore();
    }
    const sheet = ours.get('xl/worksheets/sheet1.xml')!;
    expect(sheet.length).toBeGreaterThan(2 * DEFLATE_CHARS);
    expect(pieces.length).toBeGreaterThan(10);
    expect(Math.max(...pieces)).toBeLessThan(DEFLATE_CHARS / 2);
    const theirs = await partsOfZip(Buffer.from(await big().xlsx.writeBuffer()));
    expect(sheet.equals(theirs.get('xl/worksheets/sheet1.xml')!)).toBe(true);
  });
});

describe('the package ExcelJS loads', () => {
  test("is the file's own parts, stored as they are: JSZip inflates nothing in JavaScript", async () => {
    const file = path.join(dir, 'to-load.xlsx');
    fs.writeFileSync(file, Buffer.from(await everyCellWorkbook().xlsx.writeBuffer()));
    const original = fs.readFileSync(file);
    const stored = storedPackage(original)!;
    const [a, b] = [zipEntries(original)!, zipEntries(stored)!];
    expect(b.map((e) => e.name)).toEqual(a.filter((e) => !e.name.endsWith('/')).map((e) => e.name));
    for (const e of b) {
      expect(e.method).toBe(0);
      const data = readEntry(stored, e)!;
      expect(
        data.equals(
          readEntry(
            original,
            a.find((x) => x.name === e.name)!,
          )!,
        ),
      ).toBe(true);
      expect(e.crc).toBe(zlib.crc32(data));
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const flate = require('jszip/lib/flate');
    const spy = jest.spyOn(flate, 'uncompressWorker');
    let wb: ExcelJS.Workbook;
    try {
      wb = await openWorkbook(file);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(original as any);
    const cells = (w: ExcelJS.Workbook) => {
      const out: unknown[] = [];
      w.worksheets[0].eachRow((r) => r.eachCell((c) => out.push([c.address, c.value, c.style, c.note])));
      return JSON.stringify(out);
    };
    expect(cells(wb)).toBe(cells(back));
  });

  test('is the file as it is when a part cannot be read here', () => {
    const part = (name: string) => ({
      name: Buffer.from(name, 'utf8'),
      crc: 0,
      size: 1,
      data: Buffer.from('x'),
      method: 0 as const,
    });
    expect(storedPackage(zipPackage([part('xl/工作表.xml')]))).toBeNull();
    const bad = zipPackage([{ ...part('xl/a.xml'), method: 8 }]); // 'x' is no deflate stream
    expect(storedPackage(bad)).toBeNull();
    expect(storedPackage(Buffer.from('not a zip'))).toBeNull();
  });
});
