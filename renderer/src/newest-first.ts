import type { ScanResult } from './api';

/** Newest first, by the station's event order (seq), never by clock. Keeps the station's order if any seq is missing. */
export function newestFirst(scans: readonly ScanResult[]): ScanResult[] {
  return scans.some((scan) => scan.seq === undefined) ? [...scans] : [...scans].sort((a, b) => (b.seq ?? 0) - (a.seq ?? 0));
}
