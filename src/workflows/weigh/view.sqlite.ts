import type { Db } from '../../store/db';
import type { Weighing, WeighView } from './view';

interface Row {
  seq: number; container: string; scale_id: string; grams: number | null; expected_grams: number | null; tolerance_grams: number | null;
  max_weight_g: number | null; verdict: Weighing['verdict']; failure_reason: string | null; failure_detail: string | null;
  accepted: number; accepted_by: string | null; at: string;
}

const toWeighing = (r: Row | undefined): Weighing | null => (r ? {
  seq: r.seq, container: r.container, scaleId: r.scale_id, grams: r.grams, expectedGrams: r.expected_grams, toleranceGrams: r.tolerance_grams,
  maxWeightG: r.max_weight_g, verdict: r.verdict, failure: r.failure_reason === null ? null : { reason: r.failure_reason, detail: r.failure_detail ?? '' },
  accepted: r.accepted === 1, acceptedBy: r.accepted_by, at: r.at,
} : null);

export function createWeighView(db: Db): WeighView {
  const last = db.prepare('SELECT * FROM weights ORDER BY seq DESC LIMIT 1');
  const lastOf = db.prepare<[string]>('SELECT * FROM weights WHERE container = ? ORDER BY seq DESC LIMIT 1');
  const accepted = db.prepare<[string]>('SELECT grams FROM weights WHERE container = ? AND accepted = 1 ORDER BY seq DESC LIMIT 1').pluck();
  return {
    last: () => toWeighing(last.get() as Row | undefined),
    lastOf: (container) => toWeighing(lastOf.get(container) as Row | undefined),
    acceptedGrams: (container) => (accepted.get(container) as number | undefined) ?? null,
  };
}
