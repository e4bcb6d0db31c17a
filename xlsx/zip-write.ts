/**
 * The workbook's package, zipped with Node's own zlib. ExcelJS renders every part (the XML is exactly what its writer
 * writes), and the parts are deflated here as each arrives instead of by JSZip at the end: JSZip deflates in
 * JavaScript, a fifth of the CPU of a 10,000-KR command, and holds every part's text until it is done.
 *
 * The worksheets, most of the package, are rendered here with ExcelJS's own worksheet writer, its text deflated as it
 * grows: ExcelJS's XmlStream keeps every piece of a sheet's XML (a tag, an attribute: millions at 10,000 KRs) until
 * it joins them at the end, hundreds of MB at once where the sheet's text is a few MB (the peak memory of a command).
 */
import zlib from 'zlib';
import type ExcelJS from 'exceljs';
import XmlStream from 'exceljs/lib/utils/xml-stream';
import WorksheetXform from 'exceljs/lib/xlsx/xform/sheet/worksheet-xform';
import RelationshipsXform from 'exceljs/lib/xlsx/xform/core/relationships-xform';
import CommentsXform from 'exceljs/lib/xlsx/xform/comment/comments-xform';
import VmlNotesXform from 'exceljs/lib/xlsx/xform/comment/vml-notes-xform';
import { directCellsOf, type DirectCells } from './direct-sheet';
import { renderSharedStrings, rowXml, shareEmptyStyles, type RowModel } from './row-xml';

/** One part of the package, deflated (or, with method 0, stored as it is). */
export interface ZipPart {
  name: Buffer;
  crc: number;
  size: number;
  data: Buffer;
  method?: 0 | 8;
}

/** zlib.crc32 (Node 20.15 and later), else the table-driven CRC-32 of the zip format; `prev` continues a CRC. */
const crc32 = (bytes: Buffer, prev = 0): number =>
  typeof zlib.crc32 === 'function' ? zlib.crc32(bytes, prev) : tableCrc32(bytes, prev);

let crcTable: Int32Array | null = null;
export function tableCrc32(bytes: Uint8Array, prev = 0): number {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let crc = prev ^ -1;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

/** Characters of a part's text deflated at a time (a few MB of memory at most, whatever the part's size). */
export const DEFLATE_CHARS = 1 << 20;
/** The last block of a deflate stream: final, fixed codes, nothing but its end (what zlib ends an empty input with). */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

/**
 * A part deflated as its text arrives. Each piece is deflated on its own and ends on a byte boundary with a sync flush
 * (a non-final, empty stored block), so the pieces one after another, closed by a final block, are one deflate stream
 * (as pigz writes them): a piece of DEFLATE_CHARS loses a few bytes of compression at its start.
 */
export class PartDeflater {
  private pending: string[] = [];
  private chars = 0;
  private readonly out: Buffer[] = [];
  private crc = 0;
  private size = 0;

  write(text: string): void {
    this.pending.push(text);
    this.chars += text.length;
    if (this.chars >= DEFLATE_CHARS) this.flush();
  }

  private flush(): void {
    const bytes = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.chars = 0;
    if (!bytes.length) return;
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    this.out.push(zlib.deflateRawSync(bytes, { level: 6, finishFlush: zlib.constants.Z_SYNC_FLUSH }));
  }

  end(name: string): ZipPart {
    this.flush();
    const data = Buffer.concat([...this.out, FINAL_BLOCK]);
    return { name: Buffer.from(name, 'utf8'), crc: this.crc, size: this.size, data };
  }
}

/** Pieces of XML an XmlStream gathers before handing them on joined (a few hundred KB of text). */
const XML_PIECES = 1 << 14;

/**
 * ExcelJS's XmlStream handing its text on as it grows. Text is handed on only between elements and where no rollback
 * is pending (ExcelJS's writers take back what they wrote of an element that turned out empty by cutting its pieces).
 */
class FlowingXml extends XmlStream {
  constructor(private readonly sink: (text: string) => void) {
    super();
  }

  /** An element whose content `content` writes straight to the sink, a string at a time (a sheet's rows). */
  elementOf(name: string, content: (write: (xml: string) => void) => void): void {
    this.openNode(name);
    this.writeXml(''); // ends the start tag
    this.hand();
    content(this.sink);
    this.closeNode();
  }

  closeNode(): void {
    super.closeNode();
    if (this._xml.length >= XML_PIECES && this._rollbacks.length === 0) this.hand();
  }

  private hand(): void {
    this.sink(this._xml.join(''));
    this._xml = [];
  }

  end(): void {
    this.closeAll();
    this.hand();
  }
}

/**
 * The sheet's rows: its DirectCells, else ExcelJS's row models rendered by row-xml.ts (ExcelJS's ListXform writes
 * <sheetData/> when there are none, as here).
 */
function renderSheetData(xml: FlowingXml, rows: RowModel[] | undefined, direct: DirectCells | undefined, model: any) {
  if (direct) xml.elementOf('sheetData', (write) => direct.render(write, model));
  else if (rows?.length) xml.elementOf('sheetData', (write) => rows.forEach((r) => write(rowXml(r))));
  else xml.leafNode('sheetData');
}

/** The zip writer ExcelJS's render steps hand each part to (`zip.append(data, { name, base64 })`). */
class PartCollector {
  readonly parts: ZipPart[] = [];
  /** A part too large for a zip without zip64 extensions (4 GB): the caller then lets ExcelJS write the file. */
  tooLarge = false;

  append(data: string | Buffer | Uint8Array, options: { name: string; base64?: boolean }): void {
    const bytes =
      typeof data === 'string'
        ? Buffer.from(data, options.base64 ? 'base64' : 'utf8')
        : Buffer.from(data as Uint8Array);
    this.add({
      name: Buffer.from(options.name, 'utf8'),
      crc: crc32(bytes),
      size: bytes.length,
      data: zlib.deflateRawSync(bytes, { level: 6 }),
    });
  }

  add(part: ZipPart): void {
    if (part.size >= 0xffffffff) this.tooLarge = true;
    this.parts.push(part);
  }
}

/** A small part rendered by an ExcelJS xform into one string. */
function renderXml(xform: any, model: unknown): string {
  const xml = new XmlStream();
  xform.render(xml, model);
  return xml.xml;
}

/** ExcelJS 4's XLSX.addWorksheets, each sheet's XML deflated as it is rendered (FlowingXml) instead of held whole. */
async function addWorksheets(zip: PartCollector, model: any): Promise<void> {
  const worksheetXform = new WorksheetXform();
  for (const worksheet of model.worksheets) {
    const part = new PartDeflater();
    const direct: DirectCells | undefined = model.directCells?.get(worksheet);
    worksheetXform.map.sheetData.render = (xml: FlowingXml, rows: RowModel[] | undefined) =>
      renderSheetData(xml, rows, direct, model);
    const xml = new FlowingXml((text) => part.write(text));
    worksheetXform.render(xml, worksheet);
    xml.end();
    zip.add(part.end(`xl/worksheets/sheet${worksheet.id}.xml`));
    if (worksheet.rels && worksheet.rels.length) {
      const rels = renderXml(new RelationshipsXform(), worksheet.rels);
      zip.append(rels, { name: `xl/worksheets/_rels/sheet${worksheet.id}.xml.rels` });
    }
    if (worksheet.comments.length > 0) {
      zip.append(renderXml(new CommentsXform(), worksheet), { name: `xl/comments${worksheet.id}.xml` });
      zip.append(renderXml(new VmlNotesXform(), worksheet), { name: `xl/drawings/vmlDrawing${worksheet.id}.vml` });
    }
  }
}

/** ExcelJS 4's XLSX.addSharedStrings, the strings rendered by row-xml.ts and deflated as they are. */
async function addSharedStrings(zip: PartCollector, model: any): Promise<void> {
  const strings = model.sharedStrings;
  if (!strings?.count) return;
  const part = new PartDeflater();
  renderSharedStrings(strings.model, (text) => part.write(text));
  zip.add(part.end('xl/sharedStrings.xml'));
}

/** The render steps of ExcelJS 4's XLSX.write, in its order (the shared strings after the worksheets that fill them). */
const RENDER_STEPS = [
  ['addContentTypes'],
  ['addOfficeRels'],
  ['addWorkbookRels'],
  ['addWorksheets'],
  ['addSharedStrings'],
  ['addDrawings'],
  ['addTables'],
  ['addThemes', 'addStyles'],
  ['addMedia'],
  ['addApp', 'addCore'],
  ['addWorkbook'],
];

/** Steps done here instead of by ExcelJS's own. */
const OWN_STEPS: Record<string, (zip: PartCollector, model: any) => Promise<void>> = {
  addWorksheets,
  addSharedStrings,
};

/**
 * ExcelJS's workbook model (what its writer renders), each worksheet's model built once: the Workbook.model getter
 * builds them all twice (its `sheets`, which WorkbookXform.prepare then replaces with `worksheets`), a model per cell
 * each time. The getter runs on a view of the workbook whose sheet list is empty; the sheets' models are added after.
 */
function workbookModel(wb: ExcelJS.Workbook): any {
  const getter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(wb), 'model')?.get;
  if (!getter) return (wb as any).model;
  const model = getter.call(Object.create(wb, { worksheets: { value: [] } }));
  model.worksheets = wb.worksheets.map((ws) => (ws as any).model);
  for (const ws of model.worksheets) if (ws) shareEmptyStyles(ws.rows);
  model.sheets = model.worksheets.filter(Boolean);
  // Sheets whose cells are DirectCells (their ExcelJS worksheets have none): by their model, with their extent.
  model.directCells = new Map<unknown, DirectCells>();
  wb.worksheets.forEach((ws, i) => {
    const direct = directCellsOf(ws);
    if (!direct) return;
    // Cells of its own (a note added later) would not be written: refuse to save rather than lose them.
    if (ws.rowCount > 0) throw new Error(`"${ws.name}" has cells both written direct and in ExcelJS.`);
    model.directCells.set(model.worksheets[i], direct);
    model.worksheets[i].dimensions = direct.dimensions();
  });
  return model;
}

/**
 * Every part ExcelJS would write for `wb`, deflated; null when this ExcelJS does not have the steps its version 4
 * writer is made of (or a part needs zip64), so the caller falls back to ExcelJS's own writer.
 */
export async function renderParts(wb: ExcelJS.Workbook): Promise<ZipPart[] | null> {
  const xlsx = wb.xlsx as any;
  const names = ['prepareModel', ...RENDER_STEPS.flat()];
  if (!names.every((n) => typeof xlsx[n] === 'function')) return null;
  const model = workbookModel(wb);
  const zip = new PartCollector();
  xlsx.prepareModel(model, {});
  for (const step of RENDER_STEPS)
    await Promise.all(step.map((n) => (OWN_STEPS[n] ? OWN_STEPS[n](zip, model) : xlsx[n](zip, model))));
  return zip.tooLarge || zip.parts.length >= 0xffff ? null : zip.parts;
}

/** MS-DOS date and time of `d` (local time, two-second steps), as zip headers hold them. */
function dosTime(d: Date): { time: number; date: number } {
  const time = (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1);
  const date = ((Math.max(d.getFullYear(), 1980) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
  return { time, date };
}

/** A local header (signature 0x04034b50, 30 bytes) or central directory entry (0x02014b50, 46 bytes) for `p`. */
function header(p: ZipPart, central: boolean, offset: number, when: { time: number; date: number }): Buffer {
  const h = Buffer.alloc(central ? 46 : 30);
  h.writeUInt32LE(central ? 0x02014b50 : 0x04034b50, 0);
  let at = 4;
  if (central) at = h.writeUInt16LE(20, at); // made by: version 2.0
  at = h.writeUInt16LE(p.method === 0 ? 10 : 20, at); // needed to extract: 1.0 (stored) or 2.0 (deflate)
  at = h.writeUInt16LE(0x0800, at); // names are UTF-8
  at = h.writeUInt16LE(p.method ?? 8, at); // deflated, or stored
  at = h.writeUInt16LE(when.time, at);
  at = h.writeUInt16LE(when.date, at);
  at = h.writeUInt32LE(p.crc >>> 0, at);
  at = h.writeUInt32LE(p.data.length, at);
  at = h.writeUInt32LE(p.size, at);
  h.writeUInt16LE(p.name.length, at);
  // extra field, then (central only) comment, disk, internal and external attributes: all zero
  if (central) h.writeUInt32LE(offset, 42);
  return h;
}

/** The zip package of `parts`: each part's local header and data, then the central directory and its end record. */
export function zipPackage(parts: ZipPart[], now = new Date()): Buffer {
  const when = dosTime(now);
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const local = header(p, false, 0, when);
    chunks.push(local, p.name, p.data);
    central.push(header(p, true, offset, when), p.name);
    offset += local.length + p.name.length + p.data.length;
  }
  const dirSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  if (offset + dirSize >= 0xffffffff) throw new Error('package over 4 GB');
  return Buffer.concat([...chunks, ...central, end]);
}

/** The .xlsx file's bytes for `wb`: ExcelJS's parts zipped here, or ExcelJS's own writer where that cannot be. */
export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  const parts = await renderParts(wb);
  if (parts) return zipPackage(parts);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
