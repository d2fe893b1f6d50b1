// The app icon's geometry, in one place for both the SVG and the PNG: a rounded blue tile with a
// white barcode and a scan line across it. Units are pixels of a 512 × 512 canvas.
export const SIZE = 512;
export const TILE = { radius: 96, colour: [0x1f, 0x6f, 0xeb] };
export const BAR_COLOUR = [0xff, 0xff, 0xff];
export const LINE_COLOUR = [0xff, 0x4d, 0x4d];
/** [x, width] of each bar, top 128 to bottom 384. */
export const BARS = [[112, 24], [152, 12], [180, 32], [228, 12], [256, 24], [296, 12], [324, 32], [372, 12], [392, 8]];
export const BAR_TOP = 128;
export const BAR_BOTTOM = 384;
/** The scan line: y, height, and x extent. */
export const SCAN_LINE = { y: 248, height: 16, x0: 84, x1: 428 };

export function svg() {
  const rgb = ([r, g, b]) => `rgb(${r},${g},${b})`;
  const bars = BARS.map(([x, w]) => `  <rect x="${x}" y="${BAR_TOP}" width="${w}" height="${BAR_BOTTOM - BAR_TOP}" fill="${rgb(BAR_COLOUR)}"/>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">`,
    `  <rect width="${SIZE}" height="${SIZE}" rx="${TILE.radius}" fill="${rgb(TILE.colour)}"/>`,
    ...bars,
    `  <rect x="${SCAN_LINE.x0}" y="${SCAN_LINE.y}" width="${SCAN_LINE.x1 - SCAN_LINE.x0}" height="${SCAN_LINE.height}" rx="8" fill="${rgb(LINE_COLOUR)}"/>`,
    '</svg>',
    '',
  ].join('\n');
}
