/**
 * The sizes a zip package declares for its parts, read from its central directory alone (nothing is decompressed):
 * how much cell XML a workbook holds is known in milliseconds, before ExcelJS spends minutes and all the memory
 * there is on a file too large for it.
 */
import zlib from 'zlib';
import { zipPackage, type ZipPart } from './zip-write';

export interface ZipEntry {
  name: string;
  /** Bytes once decompressed, as the directory declares them. */
  size: number;
  /** Where its local header starts, and how its data is stored (0 stored, 8 deflated). */
  offset: number;
  method: number;
  compressedSize: number;
  /** The CRC-32 of its bytes once decompressed, as the directory declares it. */
  crc: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const ZIP64_EXTRA = 0x0001;
const MAX32 = 0xffffffff;

/** 64-bit little-endian as a number (exact up to 2^53, far beyond any file). */
const u64 = (buf: Buffer, at: number) => buf.readUInt32LE(at) + buf.readUInt32LE(at + 4) * 2 ** 32;

/** Where the central directory starts and how many entries it has; null when the end record is missing. */
function directoryOf(buf: Buffer): { offset: number; count: number } | null {
  // The end record is the last 22 bytes, unless a comment (at most 65,535 bytes) follows it.
  for (let at = buf.length - 22; at >= 0 && at >= buf.length - 22 - 0xffff; at--) {
    if (buf.readUInt32LE(at) !== EOCD) continue;
    let count = buf.readUInt16LE(at + 10);
    let offset = buf.readUInt32LE(at + 16);
    const loc = at - 20;
    if ((offset === MAX32 || count === 0xffff) && loc >= 0 && buf.readUInt32LE(loc) === EOCD64_LOCATOR) {
      const end64 = u64(buf, loc + 8);
      if (end64 + 56 > buf.length || buf.readUInt32LE(end64) !== EOCD64) return null;
      count = u64(buf, end64 + 32);
      offset = u64(buf, end64 + 48);
    }
    return { offset, count };
  }
  return null;
}

/**
 * Sizes and local-header offset of one central-directory entry. A field that does not fit in 32 bits is 0xFFFFFFFF,
 * its value then in the zip64 extra field, in this order: uncompressed size, compressed size, offset.
 */
function entryNumbers(buf: Buffer, at: number, nameLen: number, extraLen: number) {
  const n = {
    size: buf.readUInt32LE(at + 24),
    compressedSize: buf.readUInt32LE(at + 20),
    offset: buf.readUInt32LE(at + 42),
  };
  let x = at + 46 + nameLen;
  const end = x + extraLen;
  while (x + 4 <= end) {
    const id = buf.readUInt16LE(x);
    const len = buf.readUInt16LE(x + 2);
    if (id === ZIP64_EXTRA) {
      let f = x + 4;
      for (const k of ['size', 'compressedSize', 'offset'] as const) {
        if (n[k] !== MAX32 || f + 8 > x + 4 + len) continue;
        n[k] = u64(buf, f);
        f += 8;
      }
    }
    x += 4 + len;
  }
  return n;
}

/** Every entry of the package's directory, or null when the bytes are not a readable zip directory. */
export function zipEntries(buf: Buffer): ZipEntry[] | null {
  try {
    const dir = directoryOf(buf);
    if (!dir) return null;
    const out: ZipEntry[] = [];
    let at = dir.offset;
    for (let i = 0; i < dir.count; i++) {
      if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) return null;
      const nameLen = buf.readUInt16LE(at + 28);
      const extraLen = buf.readUInt16LE(at + 30);
      const commentLen = buf.readUInt16LE(at + 32);
      const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
      const crc = buf.readUInt32LE(at + 16);
      out.push({ name, method: buf.readUInt16LE(at + 10), crc, ...entryNumbers(buf, at, nameLen, extraLen) });
      at += 46 + nameLen + extraLen + commentLen;
    }
    return out;
  } catch {
    return null; // a truncated directory: ExcelJS's own load then says the file is damaged
  }
}

const LOCAL = 0x04034b50;

/** One entry's bytes (a small part: the whole thing is inflated at once); null when it cannot be read. */
export function readEntry(buf: Buffer, e: ZipEntry): Buffer | null {
  try {
    if (buf.readUInt32LE(e.offset) !== LOCAL) return null;
    const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
    const data = buf.subarray(start, start + e.compressedSize);
    if (e.method === 0) return data;
    return e.method === 8 ? zlib.inflateRawSync(data) : null;
  } catch {
    return null;
  }
}

/**
 * The same package with every part stored as it is (decompressed here by Node's zlib), for ExcelJS to load: JSZip,
 * which ExcelJS loads with, inflates in JavaScript, some 150 ms of a 10,000-KR file's 0.5 MB that zlib does in 20.
 * Null when a part cannot be read here (a name not in ASCII, another compression, a size that does not match): ExcelJS
 * then loads the file as it is, and says what is wrong with it.
 */
export function storedPackage(buf: Buffer): Buffer | null {
  const entries = zipEntries(buf);
  if (!entries) return null;
  const parts: ZipPart[] = [];
  for (const e of entries) {
    if (e.name.endsWith('/')) continue; // a folder: ExcelJS skips them
    if (!/^[\x20-\x7e]+$/.test(e.name)) return null;
    const data = readEntry(buf, e);
    if (!data || data.length !== e.size) return null;
    parts.push({ name: Buffer.from(e.name, 'latin1'), crc: e.crc, size: e.size, data, method: 0 });
  }
  try {
    return zipPackage(parts);
  } catch {
    return null; // over 4 GB
  }
}
