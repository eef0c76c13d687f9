// Draws Packdesk's app icon (build/icon.png, 512x512): an open parcel with a check mark on the
// product's blue. Kept as code so the icon can be redrawn without an image editor;
// electron-builder makes the .ico and .icns from this PNG. Run: node scripts/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 512;
const pixels = Buffer.alloc(size * size * 4);
const blue = [29, 78, 137, 255];
const white = [255, 255, 255, 255];
const tan = [214, 170, 110, 255];
const dark = [160, 118, 64, 255];
const green = [46, 160, 67, 255];

const set = (x, y, [r, g, b, a]) => {
  const i = (y * size + x) * 4;
  pixels[i] = r;
  pixels[i + 1] = g;
  pixels[i + 2] = b;
  pixels[i + 3] = a;
};

// Background: a rounded square, transparent corners.
const radius = 96;
for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    const dx = Math.max(radius - x, x - (size - 1 - radius), 0);
    const dy = Math.max(radius - y, y - (size - 1 - radius), 0);
    if (dx * dx + dy * dy <= radius * radius) set(x, y, blue);
  }
}
// The box: front face and lid band.
for (let y = 200; y < 420; y++) for (let x = 110; x < 402; x++) set(x, y, y < 250 ? dark : tan);
// Tape down the middle.
for (let y = 200; y < 420; y++) for (let x = 236; x < 276; x++) set(x, y, white);
// Check mark above the box, two thick strokes.
const stroke = (x0, y0, x1, y1, width, colour) => {
  const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0));
  for (let s = 0; s <= steps; s++) {
    const cx = Math.round(x0 + ((x1 - x0) * s) / steps);
    const cy = Math.round(y0 + ((y1 - y0) * s) / steps);
    for (let y = cy - width; y <= cy + width; y++) for (let x = cx - width; x <= cx + width; x++) if (x >= 0 && y >= 0 && x < size && y < size) set(x, y, colour);
  }
};
stroke(190, 120, 240, 170, 14, green);
stroke(240, 170, 340, 70, 14, green);

// PNG: signature, IHDR, one IDAT of filter-0 scanlines, IEND.
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(crc(body));
  return Buffer.concat([length, body, sum]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const rows = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(rows, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../build/icon.png', import.meta.url), png);
console.log(`build/icon.png: ${png.length} bytes`);
