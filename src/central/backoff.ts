/**
 * Exponential backoff with full jitter, capped: attempt n waits a random time in
 * [0, min(max, initial·2ⁿ)], so a fleet that lost central at the same moment does not return in step.
 */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling * random());
}
