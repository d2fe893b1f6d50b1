import { expiryValue } from '../../manifest-import/values';
import type { DecodedScan } from '../../scan/decode';
import type { Line } from './view';

/** What one scan names: a GTIN with its lot and expiry (a GS1 scan or a retail code), or a plain code. */
export interface ScannedItem {
  gtin: string | null;
  code: string;
  lot: string | null;
  expiry: string | null;
}

export function itemOf(scan: Pick<DecodedScan, 'gs1' | 'key' | 'text'>, thisYear: number): ScannedItem {
  const ai = (id: string) => scan.gs1?.find((e) => e.ai === id)?.value ?? null;
  const rawExpiry = ai('17');
  const expiry = rawExpiry === null ? null : expiryValue(rawExpiry, thisYear);
  return { gtin: ai('01'), code: scan.key, lot: ai('10'), expiry: typeof expiry === 'string' ? expiry : null };
}

/** The product a line moves at central: its GTIN, else its code. */
export const productOf = (l: Pick<Line, 'gtin' | 'code'>): string => l.gtin ?? l.code!;

/** How a line names its product, for the packer. */
export const describeLine = (l: Pick<Line, 'line' | 'gtin' | 'code' | 'lot' | 'expiry'>): string =>
  `line ${l.line} (${l.gtin ? `GTIN ${l.gtin}` : l.code}${l.lot ? `, lot ${l.lot}` : ''}${l.expiry ? `, expiry ${l.expiry}` : ''})`;

export type Match = { line: Line } | { refused: string };

/**
 * The line a scan counts on: the first with room among those naming its product whose lot and expiry
 * (where the line names them) agree. Otherwise why not: an over-scan, a lot or expiry the manifest does
 * not expect, or an item it does not hold at all.
 */
export function matchLine(item: ScannedItem, candidates: readonly Line[], manifest: string): Match {
  const what = item.gtin ? `GTIN ${item.gtin}` : item.code;
  if (candidates.length === 0) return { refused: `${what} is not on manifest ${manifest}` };
  const fitting = candidates.filter((l) => (l.lot === null || l.lot === item.lot) && (l.expiry === null || l.expiry === item.expiry));
  if (fitting.length === 0) {
    const l = candidates[0]!;
    const wanted = [l.lot !== null ? `lot ${l.lot}` : null, l.expiry !== null ? `expiry ${l.expiry}` : null].filter(Boolean).join(' and ');
    const got = [item.lot !== null ? `lot ${item.lot}` : 'no lot', item.expiry !== null ? `expiry ${item.expiry}` : 'no expiry'].join(', ');
    return { refused: `${what} with ${got} is not on manifest ${manifest}: ${describeLine(l)} wants ${wanted}` };
  }
  const open = fitting.find((l) => l.scanned < l.quantity);
  if (!open) {
    const l = fitting[0]!;
    return { refused: `Over-scan: ${describeLine(l)} has all ${l.quantity} already` };
  }
  return { line: open };
}
