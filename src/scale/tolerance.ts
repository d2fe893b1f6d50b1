/** How far a weight may be from the expected one: grams, a percentage of the expected weight, or both (the larger wins). */
export interface WeightTolerance {
  grams?: number;
  percent?: number;
}

export interface ExpectedWeight {
  /** The empty container (the parent bag, a box). */
  emptyGrams: number;
  /** What each child adds: one entry per child linked. */
  childGrams: readonly number[];
}

export type ToleranceCheck = {
  ok: boolean;
  expectedGrams: number;
  actualGrams: number;
  /** actual − expected: positive is too heavy. */
  deviationGrams: number;
  allowedGrams: number;
  verdict: 'within' | 'too-heavy' | 'too-light';
};

const round = (n: number): number => Math.round(n * 1000) / 1000;

export function expectedGrams(expected: ExpectedWeight): number {
  return round(expected.childGrams.reduce((sum, g) => sum + g, expected.emptyGrams));
}

/** The allowed deviation for an expected weight: the larger of the fixed and the relative tolerance. */
export function allowedDeviation(expectedGramsValue: number, tolerance: WeightTolerance): number {
  const fixed = tolerance.grams ?? 0;
  const relative = ((tolerance.percent ?? 0) / 100) * Math.abs(expectedGramsValue);
  return round(Math.max(fixed, relative));
}

/** Whether a weighed total matches the empty weight plus the children, within the tolerance (bounds included). */
export function checkWeight(actualGrams: number, expected: ExpectedWeight, tolerance: WeightTolerance): ToleranceCheck {
  const expectedTotal = expectedGrams(expected);
  const deviation = round(actualGrams - expectedTotal);
  const allowed = allowedDeviation(expectedTotal, tolerance);
  const ok = Math.abs(deviation) <= allowed;
  return {
    ok,
    expectedGrams: expectedTotal,
    actualGrams,
    deviationGrams: deviation,
    allowedGrams: allowed,
    verdict: ok ? 'within' : deviation > 0 ? 'too-heavy' : 'too-light',
  };
}
