import bwipjs from 'bwip-js';
import { labelSymbols, type SymbolSpec } from './symbols';

/**
 * PNG images of a label's codes (Node: tests, `station` tools, a printed preview). The same
 * symbology and text as the ZPL, from `labelSymbols`; the kiosk draws them with `preview-canvas`.
 */
export interface PngOptions {
  /** Pixels per module (default 3). */
  scale?: number;
  /** Bar height of a linear code in millimetres (default 15). */
  heightMm?: number;
  /** Print the human-readable text under a linear code (default true). */
  withText?: boolean;
}

export function symbolPng(spec: SymbolSpec, options: PngOptions = {}): Promise<Buffer> {
  const linear = spec.bcid === 'code128' || spec.bcid === 'gs1-128';
  return bwipjs.toBuffer({
    bcid: spec.bcid,
    text: spec.text,
    scale: options.scale ?? 3,
    paddingwidth: linear ? 10 : 2,
    paddingheight: 2,
    backgroundcolor: 'FFFFFF',
    ...(linear ? { height: options.heightMm ?? 15, includetext: options.withText ?? true, textxalign: 'center' as const } : {}),
  });
}

/** Both codes of a container's label as PNGs. Throws `LabelInputError` for a code no label can carry. */
export async function labelPreviewPngs(containerCode: string, options: PngOptions = {}): Promise<{ code128: Buffer; dataMatrix: Buffer }> {
  const symbols = labelSymbols(containerCode);
  const [code128, dataMatrix] = await Promise.all([symbolPng(symbols.code128, options), symbolPng(symbols.dataMatrix, options)]);
  return { code128, dataMatrix };
}
