/**
 * Issue 13 item 6: a workbook too large for the memory available is refused with exit 2 and a clear message, within
 * seconds and before ExcelJS loads it (the sizes come from the zip directory). The file here only declares a huge
 * sheet: its directory says 3.75 GB of sheet XML, the bytes are those of a small workbook.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import v8 from 'v8';
import JSZip from 'jszip';
import { main } from '../../xlsx/cli';
import { HEAP_PER_CELL_XML_BYTE } from '../../xlsx/adapter';
import { zipEntries } from '../../xlsx/zip-directory';
import { generatedTable } from '../../fixtures/sheets';
import { captureIo, excelSheet, removeTempDirs, tempDir, writeExcelWorkbook } from './helpers';

const dir = tempDir('okr-too-large-');
afterAll(() => removeTempDirs());

const CENTRAL = 0x02014b50;

/** The file with the central-directory entry of `part` declaring `size` bytes uncompressed. */
function declareSize(buf: Buffer, part: string, size: number): Buffer {
  const out = Buffer.from(buf);
  for (let at = 0; at + 46 <= out.length; at++) {
    if (out.readUInt32LE(at) !== CENTRAL) continue;
    const nameLen = out.readUInt16LE(at + 28);
    if (out.toString('utf8', at + 46, at + 46 + nameLen) === part) {
      out.writeUInt32LE(size, at + 24);
      return out;
    }
  }
  throw new Error(`no directory entry for ${part}`);
}

async function smallWorkbook(name: string): Promise<string> {
  return writeExcelWorkbook(path.join(dir, name), [excelSheet('OKRs', generatedTable(20))]);
}

describe('the zip directory', () => {
  test('declares each part at the size it has once decompressed', async () => {
    const buf = fs.readFileSync(await smallWorkbook('sizes.xlsx'));
    const entries = zipEntries(buf)!;
    const zip = await JSZip.loadAsync(buf);
    expect(entries.map((e) => e.name).sort()).toEqual(Object.keys(zip.files).sort());
    for (const e of entries) {
      const part = zip.files[e.name];
      expect(e.size).toBe(part.dir ? 0 : (await part.async('nodebuffer')).length);
    }
    expect(entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!.size).toBeGreaterThan(1000);
  });

  test('a truncated file has no readable directory (the load then reports it damaged)', async () => {
    const buf = fs.readFileSync(await smallWorkbook('cut.xlsx'));
    expect(zipEntries(buf.subarray(0, buf.length - 30))).toBeNull();
  });
});

describe('a workbook too large for the memory available', () => {
  const declared = 0xf0000000; // 3.75 GB of sheet XML
  let file: string;
  beforeAll(async () => {
    const buf = fs.readFileSync(await smallWorkbook('small.xlsx'));
    file = path.join(dir, 'huge.xlsx');
    fs.writeFileSync(file, declareSize(buf, 'xl/worksheets/sheet1.xml', declared));
  });

  test('exits 2 within seconds with the sizes and what to do, in English; nothing is written', async () => {
    const c = captureIo();
    const t0 = Date.now();
    const code = await main(['convert', file, '--quiet'], c.io);
    expect(code).toBe(2);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(c.err()).toContain('is too large for the memory this command can use');
    // the declared sheet and the real shared strings
    expect(c.err()).toMatch(/its sheets hold 384[01] MB of cell data/);
    expect(c.err()).toContain('Split the workbook');
    // some 240 GB: no machine here has that, so no bigger heap is suggested
    expect(c.err()).not.toContain('NODE_OPTIONS');
    expect(fs.existsSync(path.join(dir, 'huge.okr.xlsx'))).toBe(false);
  });

  test('in Chinese with --lang zh, and as JSON with its problem code', async () => {
    const zh = captureIo();
    expect(await main(['validate', file, '--lang', 'zh', '--quiet'], zh.io)).toBe(2);
    expect(zh.err()).toContain('太大，超出本命令可用的内存');
    const js = captureIo();
    expect(await main(['validate', file, '--json', '--quiet'], js.io)).toBe(2);
    expect(JSON.parse(js.out())).toMatchObject({ ok: false, problem: 'tooLarge' });
  });

  test('a file that fits in the machine but not in the default heap gets the NODE_OPTIONS to use', async () => {
    const limit = v8.getHeapStatistics().heap_size_limit;
    const sheet = Math.ceil((limit * 1.2) / HEAP_PER_CELL_XML_BYTE);
    if (sheet * HEAP_PER_CELL_XML_BYTE > os.totalmem() * 0.7) return; // a machine with less memory than its heap
    const buf = fs.readFileSync(await smallWorkbook('bigger.xlsx'));
    const f = path.join(dir, 'bigger-than-heap.xlsx');
    fs.writeFileSync(f, declareSize(buf, 'xl/worksheets/sheet1.xml', sheet));
    const c = captureIo();
    expect(await main(['validate', f, '--quiet'], c.io)).toBe(2);
    const m = /NODE_OPTIONS=--max-old-space-size=(\d+)/.exec(c.err());
    expect(Number(m?.[1]) * 1024 * 1024).toBeGreaterThan(limit * 1.2);
  });

  test('a file of ordinary size is not refused: 50,000 KRs fit a fresh process; here, what fits the free heap', async () => {
    // 50,000 KRs of the bench layout are 27.7 MB of cell XML: a fresh okr-grid process (a few MB of heap used) under
    // Node's default 2 GB+ heap has room for them. Inside jest the heap already holds the other suites' modules, so
    // the file declared here is what fits the heap free now (at most the 28 MB of 50,000 KRs).
    expect(28 * 1024 * 1024 * HEAP_PER_CELL_XML_BYTE).toBeLessThan(2 ** 31);
    const heap = v8.getHeapStatistics();
    const fits = Math.floor((heap.heap_size_limit - heap.used_heap_size) / HEAP_PER_CELL_XML_BYTE / 2);
    const buf = fs.readFileSync(await smallWorkbook('ordinary.xlsx'));
    const big = path.join(dir, 'fifty-thousand.xlsx');
    fs.writeFileSync(big, declareSize(buf, 'xl/worksheets/sheet1.xml', Math.min(28 * 1024 * 1024, fits)));
    const c = captureIo();
    await main(['validate', big, '--quiet'], c.io);
    expect(c.err()).not.toContain('too large');
  });
});
