import type { ScanResult } from './api';

/**
 * Sample codes for the demo panel. They follow the station's default scan rules (parent `P-…`,
 * child `C-…`). Each sample is one above the highest seen so far, so tapping a sample again never
 * repeats a code the station would refuse as "already used".
 */
export const SAMPLE_KINDS = {
  parent: { prefix: 'P-', first: 1001 },
  child: { prefix: 'C-', first: 2001 },
} as const;

export type SampleKind = keyof typeof SAMPLE_KINDS;

export function nextSample(kind: SampleKind, seen: Array<Pick<ScanResult, 'code'>>, children: string[] = []): string {
  const { prefix, first } = SAMPLE_KINDS[kind];
  const pattern = new RegExp(`^${prefix}(\\d+)$`);
  const numbers = [...seen.map((scan) => scan.code), ...children]
    .map((code) => pattern.exec(code)?.[1])
    .filter((digits): digits is string => digits !== undefined)
    .map(Number);
  return `${prefix}${Math.max(first - 1, ...numbers) + 1}`;
}
