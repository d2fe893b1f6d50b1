import type { ContainerView } from '../container/view';
import type { WeightRules } from '../weigh/decide';
import type { WeighView } from '../weigh/view';
import type { BillLine, BillWeight } from './contract';

/** What the bill needs to weigh a container: the containers, the accepted weights (none without a scale) and each type's weights. */
export interface WeightSources {
  containers: ContainerView;
  weights: WeighView | null;
  rulesOf(typeId: string): WeightRules | null;
}

// Containers never hold their ancestors; the guard is for a corrupt store, not for real nesting.
const MAX_DEPTH = 32;

/**
 * A container as a bill line: its accepted weight, or, not weighed, an estimate: its type's empty
 * weight plus each child's accepted weight, or the child container's own estimate, or the child
 * type's item weight (0 where nothing is known).
 */
export function billLineOf(code: string, sources: WeightSources): BillLine | null {
  const c = sources.containers.container(code);
  if (!c) return null;
  const grams = sources.weights?.acceptedGrams(code) ?? null;
  return { container: code, type: c.type, children: c.children.length, grams, estimatedGrams: grams === null ? estimate(code, sources, 0) : null };
}

function estimate(code: string, sources: WeightSources, depth: number): number {
  const c = sources.containers.container(code);
  if (!c || depth > MAX_DEPTH) return 0;
  let total = sources.rulesOf(c.type)?.emptyWeightG ?? 0;
  for (const child of c.children) {
    const measured = sources.weights?.acceptedGrams(child.code) ?? null;
    if (measured !== null) total += measured;
    else if (sources.containers.container(child.code)) total += estimate(child.code, sources, depth + 1);
    else total += sources.rulesOf(child.type)?.itemWeightG ?? 0;
  }
  return Math.round(total * 1000) / 1000;
}

/** Dynamic weight: the measured weights plus the estimates, and how many were estimated. */
export function billWeight(lines: readonly BillLine[]): BillWeight {
  let measuredGrams = 0;
  let estimatedGrams = 0;
  let estimatedCount = 0;
  for (const l of lines) {
    if (l.grams !== null) measuredGrams += l.grams;
    else {
      estimatedGrams += l.estimatedGrams ?? 0;
      estimatedCount += 1;
    }
  }
  const round = (g: number) => Math.round(g * 1000) / 1000;
  return { measuredGrams: round(measuredGrams), estimatedGrams: round(estimatedGrams), totalGrams: round(measuredGrams + estimatedGrams), estimatedCount };
}

