// Regenerates resources/icon.svg and resources/icon.png (512 × 512, what electron-builder turns into
// .ico/.icns/hicolor sizes) from icon-shape.mjs. No image tools needed: a tiny rasteriser and
// node:zlib write the PNG. Run: node resources/icon/make-icons.mjs
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { BAR_BOTTOM, BAR_COLOUR, BARS, BAR_TOP, LINE_COLOUR, SCAN_LINE, SIZE, TILE, svg } from './icon-shape.mjs';

const out = path.resolve(import.meta.dirname, '..');

function insideRoundedTile(x, y) {
  const r = TILE.radius;
  const cx = Math.min(Math.max(x, r), SIZE - r);
  const cy = Math.min(Math.max(y, r), SIZE - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= 0 && y >= 0 && x <= SIZE && y <= SIZE;
}

/** Colour at a point, or null for transparent; later shapes paint over earlier ones, as in the SVG. */
function colourAt(x, y) {
  if (!insideRoundedTile(x, y)) return null;
  let colour = TILE.colour;
  if (y >= BAR_TOP && y < BAR_BOTTOM && BARS.some(([bx, w]) => x >= bx && x < bx + w)) colour = BAR_COLOUR;
  if (y >= SCAN_LINE.y && y < SCAN_LINE.y + SCAN_LINE.height && x >= SCAN_LINE.x0 && x < SCAN_LINE.x1) colour = LINE_COLOUR;
  return colour;
}

/** 4 × 4 supersampling for smooth edges; straight RGBA. */
function rasterise() {
  const SS = 4;
  const pixels = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    const row = y * (SIZE * 4 + 1);
    pixels[row] = 0; // PNG filter: none
    for (let x = 0; x < SIZE; x++) {
      const sum = [0, 0, 0];
      let covered = 0;
      for (let sy = 0; sy < SS; sy++) for (let sx = 0; sx < SS; sx++) {
        const c = colourAt(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS);
        if (!c) continue;
        covered++;
        for (let i = 0; i < 3; i++) sum[i] += c[i];
      }
      const at = row + 1 + x * 4;
      for (let i = 0; i < 3; i++) pixels[at + i] = covered ? Math.round(sum[i] / covered) : 0;
      pixels[at + 3] = Math.round((covered / (SS * SS)) * 255);
    }
  }
  return pixels;
}

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
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(raw) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

writeFileSync(path.join(out, 'icon.svg'), svg());
writeFileSync(path.join(out, 'icon.png'), png(rasterise()));
console.log(`wrote ${path.join(out, 'icon.svg')} and icon.png`);
