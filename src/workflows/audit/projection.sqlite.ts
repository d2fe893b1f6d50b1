import type { StoredEvent } from '../../core/events';
import type { Db } from '../../store/db';

/**
 * `audit.rejection_seen` → `central_rejections.seen_at` (the event's device time), inside the append
 * transaction. Only a rejection not yet seen is changed: the first supervisor's time stands.
 */
export function createAuditProjection(db: Db): (event: StoredEvent) => void {
  const seen = db.prepare<[string, number]>('UPDATE central_rejections SET seen_at = ? WHERE central_id = ? AND seen_at IS NULL');
  return (event) => {
    if (event.type !== 'audit.rejection_seen') return;
    seen.run(event.deviceTime, (event.payload as { centralId: number }).centralId);
  };
}
