/**
 * Writes the add-in icons (16, 32, 64, 80 px PNGs): a green rounded square with three white score bars.
 * Run once with `node assets/make-icons.js`; the PNGs are committed.
 */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function pixel(x, y, n) {
  const r = n * 0.18; // corner radius
  const inside = (() => {
    const cx = Math.min(Math.max(x + 0.5, r), n - r);
    const cy = Math.min(Math.max(y + 0.5, r), n - r);
    return (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r;
  })();
  if (!inside) return [0, 0, 0, 0];
  // Three bars of growing height (0.4, 0.7, 1.0 of the inner box): a score read left to right.
  const pad = n * 0.2;
  const w = (n - 2 * pad) / 5;
  const base = n - pad;
  const heights = [0.4, 0.7, 1.0].map((h) => h * (n - 2 * pad));
  for (let i = 0; i < 3; i++) {
    const x0 = pad + i * 2 * w;
    if (x + 0.5 >= x0 && x + 0.5 < x0 + w && y + 0.5 >= base - heights[i] && y + 0.5 < base)
      return [255, 255, 255, 255];
  }
  return [0x21, 0x73, 0x46, 255]; // Excel green
}

function png(n) {
  const raw = Buffer.alloc((n * 4 + 1) * n);
  for (let y = 0; y < n; y++) {
    raw[y * (n * 4 + 1)] = 0;
    for (let x = 0; x < n; x++) Buffer.from(pixel(x, y, n)).copy(raw, y * (n * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(n, 0);
  ihdr.writeUInt32BE(n, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const n of [16, 32, 64, 80]) fs.writeFileSync(path.join(__dirname, `icon-${n}.png`), png(n));
