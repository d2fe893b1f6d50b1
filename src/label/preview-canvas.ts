// The default export's `raw` (bwip-js's ToRaw): in the ES-module builds the renderer bundles, the
// named export `raw` is the "raw" symbology's encoder instead, which wants a drawing object.
import bwipjs from 'bwip-js';
import type { SymbolSpec } from './symbols';

/**
 * The label's codes drawn on a canvas, for the kiosk screen. Renderer-safe: no Node, only bwip-js's
 * encoder (`raw`, in its browser and Node builds alike) and the canvas 2D calls below, so the
 * renderer bundles it and tests can draw on a recording context. The symbology and text come from
 * `labelSymbols`, the same as the ZPL's.
 */

/** The modules of one symbol: a 2D matrix, or a row of bars (then every row is the same). */
export interface SymbolModules {
  /** Width and height in modules (a linear code: one row). */
  columns: number;
  rows: number;
  dark(column: number, row: number): boolean;
}

type RawLinear = { sbs: number[] };
type RawMatrix = { pixs: number[]; pixx: number; pixy: number };

/** Encodes a symbol with bwip-js. Throws bwip-js's error for text the symbology cannot take. */
export function symbolModules(spec: SymbolSpec): SymbolModules {
  const [first] = bwipjs.raw({ bcid: spec.bcid, text: spec.text }) as Array<RawLinear | RawMatrix>;
  if (!first) throw new Error(`bwip-js gave no symbol for ${spec.bcid}`);
  if ('pixs' in first) {
    const { pixs, pixx, pixy } = first;
    return { columns: pixx, rows: pixy, dark: (c, r) => pixs[r * pixx + c] === 1 };
  }
  // sbs: widths in modules, bar, space, bar … from the left.
  const darkColumns: boolean[] = [];
  first.sbs.forEach((width, i) => { for (let k = 0; k < width; k++) darkColumns.push(i % 2 === 0); });
  return { columns: darkColumns.length, rows: 1, dark: (c) => darkColumns[c] === true };
}

export interface Canvas2D {
  fillStyle: unknown;
  fillRect(x: number, y: number, width: number, height: number): void;
}

export interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): Canvas2D | null;
}

export interface DrawOptions {
  /** Pixels per module (default 3). */
  scale?: number;
  /** Bar height in pixels for a linear code (default 60). */
  barHeight?: number;
  /** Quiet zone in modules on every side (default 10 for linear, 2 for DataMatrix). */
  quietZone?: number;
}

/** Sizes the canvas to the symbol and draws it black on white. Returns the modules drawn. */
export function drawSymbol(canvas: CanvasLike, spec: SymbolSpec, options: DrawOptions = {}): SymbolModules {
  const modules = symbolModules(spec);
  const scale = options.scale ?? 3;
  const linear = modules.rows === 1;
  const quiet = (options.quietZone ?? (linear ? 10 : 2)) * scale;
  const rowHeight = linear ? options.barHeight ?? 60 : scale;
  canvas.width = modules.columns * scale + 2 * quiet;
  canvas.height = modules.rows * rowHeight + 2 * quiet;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('the canvas has no 2D context');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#000';
  for (let row = 0; row < modules.rows; row++) {
    for (let column = 0; column < modules.columns; column++) {
      if (modules.dark(column, row)) context.fillRect(quiet + column * scale, quiet + row * rowHeight, scale, rowHeight);
    }
  }
  return modules;
}
