import { gs1CheckDigit } from '../scan/gs1/check-digit';

/**
 * What a container code becomes on a label: one decision, used by the ZPL template and by the
 * bwip-js preview, so the printed label and the on-screen preview carry the same text in the same
 * symbology. Pure, no Node: the renderer may import it.
 *
 * - An SSCC (AI 00 + 18 digits, written `00…` or `(00)…`, check digit right) becomes GS1-128 and
 *   GS1 DataMatrix: both start with FNC1, then `00` and the 18 digits.
 * - Any other code becomes plain Code 128 (subset B) and plain DataMatrix (ECC 200) of its text.
 */
export type LabelSymbols =
  | { kind: 'sscc'; sscc: string; humanReadable: string; code128: SymbolSpec; dataMatrix: SymbolSpec }
  | { kind: 'plain'; text: string; humanReadable: string; code128: SymbolSpec; dataMatrix: SymbolSpec };

/** One symbol: its bwip-js encoder and text (the preview), and what it encodes. */
export interface SymbolSpec {
  /** bwip-js `bcid`: code128, gs1-128, datamatrix, gs1datamatrix. */
  bcid: 'code128' | 'gs1-128' | 'datamatrix' | 'gs1datamatrix';
  /** bwip-js `text`: GS1 ones in bracketed AI form, `(00)…`. */
  text: string;
  /** True when the symbol starts with FNC1 (GS1). */
  gs1: boolean;
}

export class LabelInputError extends Error {
  override readonly name = 'LabelInputError';
}

const SSCC = /^(?:\(00\)|00)(\d{18})$/;
/** Printable ASCII only: codes are scanned back, and every scanner and both symbologies read these. */
const PRINTABLE = /^[\x20-\x7e]+$/;
const MAX_CODE_LENGTH = 80;

export function isSscc(code: string): boolean {
  return SSCC.test(code);
}

/** The symbols for a container code. Throws `LabelInputError` for a code no label can carry. */
export function labelSymbols(code: string): LabelSymbols {
  const sscc = SSCC.exec(code)?.[1];
  if (sscc !== undefined) {
    const want = gs1CheckDigit(sscc, 0, 17);
    const got = Number(sscc[17]);
    if (got !== want) throw new LabelInputError(`the SSCC ${sscc} has a wrong check digit (${got}, expected ${want})`);
    const text = `(00)${sscc}`;
    return {
      kind: 'sscc',
      sscc,
      // GS1's usual grouping: extension digit, company prefix + serial, check digit.
      humanReadable: `(00) ${sscc[0]} ${sscc.slice(1, 17)} ${sscc[17]}`,
      code128: { bcid: 'gs1-128', text, gs1: true },
      dataMatrix: { bcid: 'gs1datamatrix', text, gs1: true },
    };
  }
  if (code.length === 0) throw new LabelInputError('the container code is empty');
  if (code.length > MAX_CODE_LENGTH) throw new LabelInputError(`the container code is ${code.length} characters long; a label takes at most ${MAX_CODE_LENGTH}`);
  if (!PRINTABLE.test(code)) throw new LabelInputError('the container code has characters a barcode label cannot carry (only printable ASCII)');
  if (code.trim() !== code) throw new LabelInputError('the container code starts or ends with a space');
  return {
    kind: 'plain',
    text: code,
    humanReadable: code,
    code128: { bcid: 'code128', text: code, gs1: false },
    dataMatrix: { bcid: 'datamatrix', text: code, gs1: false },
  };
}
