import { complexityOf, packerKpis, totalsOf, type WorkCounts } from '../../../src/workflows/dashboard/kpis';

const work = (w: Partial<WorkCounts> & { userId: string }): WorkCounts =>
  ({ activeHours: 1, scans: 0, refused: 0, overrides: 0, voids: 0, reversals: 0, closes: 0, children: 0, mixed: 0, manifestLines: 0, ...w });

test('harder work (small, mixed containers) has a lower raw rate but is not ranked below easy work', () => {
  // easy: 100 scans into 10 full containers; hard: 60 scans into 30 small ones, half of them mixed
  const easy = work({ userId: 'easy', scans: 100, closes: 10, children: 100 });
  const hard = work({ userId: 'hard', scans: 60, closes: 30, children: 60, mixed: 15, refused: 5 });
  // C(easy) = 1.1, C(hard) = 1.5 × 1.5 = 2.25, C(floor) = (1 + 40/160) × (1 + 15/40) = 1.71875
  expect(complexityOf(easy)).toBeCloseTo(1.1, 10);
  expect(complexityOf(hard)).toBeCloseTo(2.25, 10);
  const [first, second] = packerKpis([easy, hard], (id) => id.toUpperCase());
  expect(first).toEqual({ userId: 'hard', name: 'HARD', activeHours: 1, scans: 60, ratePerHour: 60, misscanRate: 0.0769, overrides: 0, voids: 0, reversals: 0,
    containersClosed: 30, avgChildren: 2, mixedShare: 0.5, manifestLines: 0, complexity: 1.3091, adjustedRate: 78.55 });
  expect(second).toMatchObject({ userId: 'easy', ratePerHour: 100, complexity: 0.64, adjustedRate: 64 });
});

test('an average packer keeps their rate; nothing to divide by counts weight 1, like central\'s coalesce', () => {
  expect(packerKpis([work({ userId: 'a', activeHours: 2, scans: 40, closes: 4, children: 40 })])[0]).toMatchObject({ ratePerHour: 20, complexity: 1, adjustedRate: 20 });
  // no closes: C is undefined (NULL at central), weight 1
  expect(packerKpis([work({ userId: 'b', scans: 10 }), work({ userId: 'c', scans: 10, closes: 1 })])[1]).toMatchObject({ userId: 'b', complexity: 1, adjustedRate: 10 });
});

test('the window\'s rates', () => {
  expect(totalsOf({ scans: 8, refused: 2, containersClosed: 3, overrides: 1, voids: 1 }))
    .toEqual({ scans: 8, refused: 2, containersClosed: 3, overrides: 1, voids: 1, errorRate: 0.2, overrideRate: 0.1, voidRate: 0.25 });
  expect(totalsOf({ scans: 0, refused: 0, containersClosed: 0, overrides: 0, voids: 0 })).toMatchObject({ errorRate: null, overrideRate: null, voidRate: null });
});
