import type { StoredEvent } from '../../core/events';
import type { Db } from '../../store/db';
import type { weighContract, WeighEventPayload as Payload } from './contract';

type Events = typeof weighContract.events;

/** Applies the `weigh.*` events to `weights`. */
export function createWeighProjection(db: Db): (event: StoredEvent) => void {
  const insert = db.prepare(`INSERT INTO weights (seq, container, scale_id, grams, expected_grams, tolerance_grams, max_weight_g, verdict, failure_reason, failure_detail, accepted, at)
    VALUES (@seq, @container, @scaleId, @grams, @expectedGrams, @toleranceGrams, @maxWeightG, @verdict, @reason, @detail, @accepted, @at)`);
  const accept = db.prepare<[string, number, string]>('UPDATE weights SET accepted = 1, accepted_by = ? WHERE seq = ? AND container = ? AND accepted = 0 AND grams IS NOT NULL');
  const none = { grams: null, expectedGrams: null, toleranceGrams: null, maxWeightG: null, verdict: null, reason: null, detail: null };
  const apply: { [T in keyof Events]: (p: Payload<T>, e: StoredEvent) => void } = {
    'weigh.weighed': (p, e) => {
      insert.run({ ...none, container: p.container, scaleId: p.scaleId, grams: p.grams, expectedGrams: p.expectedGrams, toleranceGrams: p.toleranceGrams,
        maxWeightG: p.maxWeightG, verdict: p.verdict, seq: e.seq, accepted: p.within ? 1 : 0, at: e.deviceTime });
    },
    'weigh.failed': (p, e) => { insert.run({ ...none, container: p.container, scaleId: p.scaleId, reason: p.reason, detail: p.detail, seq: e.seq, accepted: 0, at: e.deviceTime }); },
    'weigh.accepted': (p, e) => {
      if (accept.run(e.approvedBy ?? e.userId ?? 'unknown', p.weighedSeq, p.container).changes !== 1) {
        throw new Error(`weigh projection out of step with the log: no weighing ${p.weighedSeq} of ${p.container} waits for acceptance`);
      }
    },
    // a zero or tare changes no weighing: the event is the record (in the audit trail)
    'weigh.adjusted': () => undefined,
  };
  return (event) => {
    const handler = Object.hasOwn(apply, event.type) ? apply[event.type as keyof Events] : undefined;
    (handler as ((p: unknown, e: StoredEvent) => void) | undefined)?.(event.payload, event);
  };
}
