import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { raw } from 'bwip-js';
import { labelPreviewPngs, labelSymbols, symbolPng } from '../../../src/label';
import { drawSymbol, symbolModules, type Canvas2D, type CanvasLike } from '../../../src/label/preview-canvas';

const SSCC = '00106141411234567897';
const out = path.join(__dirname, '..', '..', '..', 'test-results', 'labels');

/** A PNG's size and a dark(x, y) test: 8-bit RGBA (what bwip-js writes), all five row filters. */
function decodePng(png: Buffer): { width: number; height: number; dark(x: number, y: number): boolean } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  expect([png[24], png[25]]).toEqual([8, 6]);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const data = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)]!;
    for (let i = 0; i < stride; i++) {
      const x = data[y * (stride + 1) + 1 + i]!;
      const a = i >= 4 ? pixels[y * stride + i - 4]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + i]! : 0;
      const c = i >= 4 && y > 0 ? pixels[(y - 1) * stride + i - 4]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter]!;
      pixels[y * stride + i] = (x + predictor) & 0xff;
    }
  }
  return { width, height, dark: (x, y) => pixels[y * stride + x * 4]! < 128 };
}

beforeAll(() => fs.mkdirSync(out, { recursive: true }));

describe('bwip-js preview, the same codes as the ZPL', () => {
  test('GS1 DataMatrix of an SSCC: the PNG shows the encoder\'s 16 × 16 matrix, which starts with FNC1', async () => {
    const symbols = labelSymbols(SSCC);
    const png = await symbolPng(symbols.dataMatrix, { scale: 3 });
    fs.writeFileSync(path.join(out, 'sscc-gs1-datamatrix.png'), png);
    const image = decodePng(png);
    const modules = symbolModules(symbols.dataMatrix);
    expect([modules.columns, modules.rows]).toEqual([16, 16]);
    // bwip-js draws a DataMatrix module 2 points wide; padding 2 points; scale 3.
    const cell = 2 * 3;
    const pad = 2 * 3;
    expect([image.width, image.height]).toEqual([16 * cell + 2 * pad, 16 * cell + 2 * pad]);
    let dark = 0;
    for (let r = 0; r < 16; r++) {
      for (let c = 0; c < 16; c++) {
        expect(image.dark(pad + c * cell + cell / 2, pad + r * cell + cell / 2)).toBe(modules.dark(c, r));
        if (modules.dark(c, r)) dark += 1;
      }
    }
    expect(dark).toBeGreaterThan(40);
    // GS1 DataMatrix = FNC1 first: the same matrix as plain DataMatrix of FNC1 + "00" + 18 digits, not of the digits alone.
    const withFnc1 = raw({ bcid: 'datamatrix', text: `^FNC1${SSCC}`, parsefnc: true })[0] as { pixs: number[] };
    const without = raw({ bcid: 'datamatrix', text: SSCC })[0] as { pixs: number[] };
    const ours = raw({ bcid: symbols.dataMatrix.bcid, text: symbols.dataMatrix.text })[0] as { pixs: number[] };
    expect(ours.pixs).toEqual(withFnc1.pixs);
    expect(ours.pixs).not.toEqual(without.pixs);
  });

  test('GS1-128 of an SSCC and Code 128 of a plain code: the bars in the PNG are the encoder\'s', async () => {
    for (const [code, file, columns] of [[SSCC, 'sscc-gs1-128.png', 156], ['P-1001', 'plain-code128.png', 90]] as const) {
      const spec = labelSymbols(code).code128;
      const png = await symbolPng(spec, { scale: 2, withText: false });
      fs.writeFileSync(path.join(out, file), png);
      const image = decodePng(png);
      const modules = symbolModules(spec);
      expect(modules.columns).toBe(columns);
      expect(image.width).toBe((columns + 2 * 10) * 2);
      const y = Math.floor(image.height / 2);
      for (let c = 0; c < columns; c++) expect(image.dark((10 + c) * 2 + 1, y)).toBe(modules.dark(c, 0));
    }
  });

  test('labelPreviewPngs gives both, and refuses what the label refuses', async () => {
    const both = await labelPreviewPngs(SSCC);
    expect(decodePng(both.code128).width).toBeGreaterThan(decodePng(both.dataMatrix).width);
    await expect(labelPreviewPngs('00106141411234567890')).rejects.toThrow('wrong check digit');
  });
});

describe('canvas drawing (renderer)', () => {
  function recordingCanvas(): CanvasLike & { rects: Array<[string, number, number, number, number]> } {
    const rects: Array<[string, number, number, number, number]> = [];
    const context: Canvas2D = { fillStyle: '', fillRect(x, y, w, h) { rects.push([String(this.fillStyle), x, y, w, h]); } };
    return { width: 0, height: 0, rects, getContext: () => context };
  }

  test('a DataMatrix: white ground, one black square per dark module, the canvas sized to fit', () => {
    const canvas = recordingCanvas();
    const spec = labelSymbols(SSCC).dataMatrix;
    const modules = drawSymbol(canvas, spec, { scale: 4 });
    expect([canvas.width, canvas.height]).toEqual([16 * 4 + 16, 16 * 4 + 16]);
    expect(canvas.rects[0]).toEqual(['#fff', 0, 0, 80, 80]);
    const black = canvas.rects.slice(1);
    let dark = 0;
    for (let r = 0; r < 16; r++) for (let c = 0; c < 16; c++) if (modules.dark(c, r)) dark += 1;
    expect(black).toHaveLength(dark);
    expect(black).toContainEqual(['#000', 8, 8 + 15 * 4, 4, 4]); // the L finder's bottom-left corner
  });

  test('a Code 128: full-height bars', () => {
    const canvas = recordingCanvas();
    drawSymbol(canvas, labelSymbols('P-1001').code128, { scale: 2, barHeight: 50, quietZone: 10 });
    expect([canvas.width, canvas.height]).toEqual([(90 + 20) * 2, 50 + 40]);
    expect(canvas.rects.slice(1).every(([colour, , y, w, h]) => colour === '#000' && y === 20 && w === 2 && h === 50)).toBe(true);
  });

  test('no 2D context is a clear error', () => {
    expect(() => drawSymbol({ width: 0, height: 0, getContext: () => null }, labelSymbols('P-1').code128)).toThrow('the canvas has no 2D context');
  });
});
