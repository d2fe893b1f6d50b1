import { gs1CheckDigit } from './check-digit';
import type { Gs1Result } from './element-string';

const DIGITS = /^\d+$/;

/** How many leading digits of an EAN/UPC scan form the GTIN (the rest is an add-on). */
function gtinLength(symbology: string, len: number): number | null {
  switch (symbology) {
    case 'ean-8': return len === 8 ? 8 : null;
    case 'ean-13': return len === 13 || len === 12 ? len : null; // some scanners drop UPC-A's leading 0
    case 'ean-13-addon': return len === 15 || len === 18 ? 13 : null;
    default: return null;
  }
}

/** An EAN-13 / UPC / EAN-8 scan carries a GTIN: return it as AI (01), padded to 14 digits. */
export function gtinFromRetailCode(symbology: string, text: string): Gs1Result {
  const n = gtinLength(symbology, text.length);
  if (n === null || !DIGITS.test(text)) {
    return { ok: false, error: `${symbology} scan "${text}" is not a valid EAN/UPC number`, elements: [] };
  }
  const want = gs1CheckDigit(text, 0, n - 1);
  const got = text.charCodeAt(n - 1) - 48;
  if (got !== want) return { ok: false, error: `${symbology}: bad check digit ${got}, expected ${want}`, elements: [] };
  return { ok: true, elements: [{ ai: '01', value: text.slice(0, n).padStart(14, '0') }] };
}
