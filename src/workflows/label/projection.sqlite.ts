import type { StoredEvent } from '../../core/events';
import type { Db } from '../../store/db';
import type { labelContract, LabelEventPayload as Payload } from './contract';

type Events = typeof labelContract.events;

/** Applies the `label.*` events to `label_jobs`. */
export function createLabelProjection(db: Db): (event: StoredEvent) => void {
  const insert = db.prepare(`INSERT INTO label_jobs (job_id, container, container_type, grams, zpl, status, reprint_of, reprint_reason, requested_seq, requested_at, requested_by, changed_at)
    VALUES (@jobId, @container, @containerType, @grams, @zpl, 'requested', @reprintOf, @reason, @seq, @at, @by, @at)`);
  const set = db.prepare(`UPDATE label_jobs SET status = @status, kind = @kind, reason = @reason, target = COALESCE(@target, target), changed_at = @at
    WHERE job_id = @jobId AND status IN (SELECT value FROM json_each(@from))`);
  const move = (jobId: string, from: string[], to: { status: string; kind?: string | null; reason?: string | null; target?: string | null }, at: string) => {
    const changes = set.run({ jobId, from: JSON.stringify(from), status: to.status, kind: to.kind ?? null, reason: to.reason ?? null, target: to.target ?? null, at }).changes;
    if (changes !== 1) throw new Error(`label projection out of step with the log: job ${jobId} is not ${from.join(' or ')}`);
  };
  const apply: { [T in keyof Events]: (p: Payload<T>, e: StoredEvent) => void } = {
    'label.requested': (p, e) => {
      insert.run({ jobId: p.jobId, container: p.container, containerType: p.containerType, grams: p.grams, zpl: p.zpl, reprintOf: p.reprintOf ?? null,
        reason: p.reason ?? null, seq: e.seq, at: e.deviceTime, by: e.userId });
    },
    // A failed job is tried again as it stands: its next outcome follows `failed`.
    'label.sent': (p, e) => move(p.jobId, ['requested', 'failed'], { status: 'sent', reason: p.note ?? null, target: p.target }, e.deviceTime),
    'label.failed': (p, e) => move(p.jobId, ['requested', 'failed'], { status: 'failed', kind: p.kind, reason: p.reason, target: p.target }, e.deviceTime),
    'label.unknown': (p, e) => move(p.jobId, ['requested', 'failed'], { status: 'unknown', kind: p.kind, reason: p.reason, target: p.target }, e.deviceTime),
    'label.confirmed': (p, e) => move(p.jobId, ['unknown'], p.printed ? { status: 'sent', reason: 'confirmed printed by a person' }
      : { status: 'failed', kind: 'confirmed-not-printed', reason: 'no label found by a person' }, e.deviceTime),
  };
  return (event) => {
    const handler = Object.hasOwn(apply, event.type) ? apply[event.type as keyof Events] : undefined;
    (handler as ((p: unknown, e: StoredEvent) => void) | undefined)?.(event.payload, event);
  };
}
