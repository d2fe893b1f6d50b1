import { kg } from '../../scale/kg';
import { accept, refuse, type Decision } from '../../core/decision';
import type { DomainEvent } from '../../core/events';
import { allowedDeviation, checkWeight, type WeightTolerance } from '../../scale/tolerance';
import type { CommandResult, WeighResult } from '../../scale/port';
import type { WeighVerdict } from './contract';
import type { Weighing, WeighView } from './view';

/** What a container's type says about weights. */
export interface WeightRules {
  emptyWeightG: number;
  maxWeightG: number | null;
  /** What one of this type weighs as a child that was never weighed (a bag of goods). */
  itemWeightG: number | null;
  /** A leaf (a bag) is never opened, so never weighed as a container. */
  leaf: boolean;
}

/** A child of the container on the scale: its own accepted weight, if it was weighed, and its type's rules. */
export interface ChildWeight {
  code: string;
  rules: WeightRules | null;
  measuredGrams: number | null;
}

export interface Expected {
  /** Null when a child's weight is not known: then only the maximum is checked. */
  expectedGrams: number | null;
  /** The children whose weight is not known. */
  unknown: string[];
}

/**
 * The expected weight: the empty container plus each child, a child counting its last accepted
 * weighing, else its type's `itemWeightG`, else (a container) its type's empty weight. A child with none
 * of these (a bag whose type gives no `itemWeightG`) makes the total unknown.
 */
export function expectedWeight(type: WeightRules, children: readonly ChildWeight[]): Expected {
  let total = type.emptyWeightG;
  const unknown: string[] = [];
  for (const child of children) {
    const grams = child.measuredGrams ?? child.rules?.itemWeightG ?? (child.rules && !child.rules.leaf ? child.rules.emptyWeightG : null);
    if (grams === null) unknown.push(child.code);
    else total += grams;
  }
  return { expectedGrams: unknown.length > 0 ? null : Math.round(total * 1000) / 1000, unknown };
}

export interface Verdict {
  within: boolean;
  verdict: WeighVerdict;
  toleranceGrams: number | null;
}

/** Over the type's maximum is never within; otherwise the weight is within the tolerance of the expected one (when known). */
export function judgeWeight(grams: number, expectedGrams: number | null, maxWeightG: number | null, tolerance: WeightTolerance): Verdict {
  const toleranceGrams = expectedGrams === null ? null : allowedDeviation(expectedGrams, tolerance);
  if (maxWeightG !== null && grams > maxWeightG) return { within: false, verdict: 'over-max', toleranceGrams };
  if (expectedGrams === null) return { within: true, verdict: 'within', toleranceGrams };
  const check = checkWeight(grams, { emptyGrams: expectedGrams, childGrams: [] }, tolerance);
  return { within: check.ok, verdict: check.verdict, toleranceGrams };
}


/** A weighing's outcome as events: `weigh.weighed` with the verdict, or `weigh.failed` with the scale's reason. */
export function decideWeighing(container: string, scaleId: string, result: WeighResult, type: WeightRules, expected: Expected, tolerance: WeightTolerance): Decision {
  if (!result.ok) {
    return {
      outcome: 'bad',
      message: `${container} could not be weighed (${result.reason}: ${result.detail}): weigh it again`,
      events: [{ type: 'weigh.failed', payload: { container, scaleId, reason: result.reason, detail: result.detail } }],
    };
  }
  const v = judgeWeight(result.grams, expected.expectedGrams, type.maxWeightG, tolerance);
  const event: DomainEvent = {
    type: 'weigh.weighed',
    payload: { container, scaleId, grams: result.grams, expectedGrams: expected.expectedGrams, toleranceGrams: v.toleranceGrams, maxWeightG: type.maxWeightG, within: v.within, verdict: v.verdict },
  };
  const against = expected.expectedGrams === null ? '' : ` (expected ${kg(expected.expectedGrams)} ± ${kg(v.toleranceGrams!)})`;
  if (v.within) return accept(`${container} weighs ${kg(result.grams)}${against}`, [event]);
  const why = v.verdict === 'over-max' ? `over its maximum of ${kg(type.maxWeightG!)}` : `${v.verdict.replace('-', ' ')}${against}`;
  return { outcome: 'bad', message: `${container} weighs ${kg(result.grams)}, ${why}: a supervisor accepts it, or weigh it again`, events: [event] };
}

/** Which weighing a command means: the one named, else the last one. */
function target(view: WeighView, container: string | undefined): Weighing | null {
  return container === undefined ? view.last() : view.lastOf(container);
}

/** A supervisor accepts a weight out of tolerance; the reason is the screen's or the approval's. */
export function decideAccept(view: WeighView, asked: { container?: string; reason?: string }, trigger: string): Decision {
  const w = target(view, asked.container);
  if (!w) return refuse(trigger, 'command', asked.container ? `${asked.container} has not been weighed` : 'Nothing has been weighed yet');
  if (w.grams === null) return refuse(trigger, 'command', `${w.container} has no weight to accept (the weighing failed): weigh it again`);
  if (w.accepted) return refuse(trigger, 'command', `The weight of ${w.container} is already accepted`);
  if (!asked.reason) return refuse(trigger, 'command', `Accepting the weight of ${w.container} needs a reason`);
  return accept(`Weight of ${w.container} accepted: ${kg(w.grams)}`, [
    { type: 'weigh.accepted', payload: { container: w.container, weighedSeq: w.seq, grams: w.grams, reason: asked.reason } },
  ]);
}

/** Weigh again: a container whose last weighing failed or is not accepted. Null: go ahead. */
export function refuseRetry(view: WeighView, container: string | undefined, weighing: string | null, trigger: string): { container: string } | Decision {
  if (weighing !== null) return refuse(trigger, 'command', `${weighing} is being weighed: wait for its weight`);
  const w = target(view, container);
  if (!w) return refuse(trigger, 'command', container ? `${container} has not been weighed` : 'Nothing has been weighed yet');
  if (w.accepted) return refuse(trigger, 'command', `The weight of ${w.container} is already accepted`);
  return { container: w.container };
}

/**
 * What the scale answered to a zero or tare, as the event that records it: done (a tare says what it
 * took off), or refused in the scale's words (an unsteady pan, over its range, no answer).
 */
export function decideAdjust(scaleId: string, command: 'zero' | 'tare', reply: CommandResult, trigger: string): Decision {
  const grams = reply.kind === 'done' ? reply.grams ?? null : null;
  const detail = reply.kind === 'done' ? null : reply.detail;
  const event = { type: 'weigh.adjusted', payload: { scaleId, command, outcome: reply.kind, grams, detail } };
  if (reply.kind === 'done') {
    return accept(command === 'zero' ? 'Scale zeroed' : `Scale tared${grams !== null ? ` (${grams} g taken off)` : ''}`, [event], { touches: ['weigh'] });
  }
  const refusal = refuse(trigger, 'command', `The scale did not ${command}: ${detail ?? reply.kind}`);
  return { ...refusal, events: [...refusal.events, event] };
}
