import type { BillLine } from '../../../src/workflows/bill/contract';
import type { BillSummaryPrint } from '../../../src/documents';

/** A bill of `count` containers: every fourth one not weighed, so it carries an estimate. */
export function billPrint(count: number, overrides: Partial<BillSummaryPrint> = {}): BillSummaryPrint {
  const lines: BillLine[] = Array.from({ length: count }, (_, i) => {
    const weighed = i % 4 !== 3;
    const grams = 1000 + i * 37 + 0.5;
    return {
      container: `C${String(i + 1).padStart(6, '0')}`,
      type: i % 3 === 0 ? 'pallet' : 'carton',
      children: i % 7,
      grams: weighed ? grams : null,
      estimatedGrams: weighed ? null : grams,
    };
  });
  const measured = lines.reduce((sum, l) => sum + (l.grams ?? 0), 0);
  const estimated = lines.reduce((sum, l) => sum + (l.estimatedGrams ?? 0), 0);
  return {
    bill: 'S01-B000042',
    status: 'dispatched',
    openedBy: 'u-ann',
    finalisedBy: 'u-bob',
    dispatchedBy: 'u-cem',
    lines,
    weight: { measuredGrams: measured, estimatedGrams: estimated, totalGrams: measured + estimated, estimatedCount: lines.filter((l) => l.grams === null).length },
    printed: 0,
    stationId: 'S01',
    printedAt: '2025-06-01T14:03:27.000Z',
    copy: 1,
    reprintReason: null,
    names: { 'u-ann': 'Ann Archer', 'u-bob': 'Bob Baker', 'u-cem': 'Cem Çelik' },
    ...overrides,
  };
}
