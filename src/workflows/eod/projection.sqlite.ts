import type { StoredEvent } from '../../core/events';
import type { Db } from '../../store/db';
import type { EodEventPayload } from './contract';

/** Applies `eod.closed` to `eod_closes` (an export changes no table: the event is the record). */
export function createEodProjection(db: Db): (event: StoredEvent) => void {
  const insert = db.prepare(`INSERT INTO eod_closes (date, shift, seq, at, user_id, summary_hash, reason)
    VALUES (@date, @shift, @seq, @at, @userId, @summaryHash, @reason)`);
  return (event) => {
    if (event.type !== 'eod.closed') return;
    const p = event.payload as EodEventPayload<'eod.closed'>;
    insert.run({ date: p.date, shift: p.shift ?? '', seq: event.seq, at: event.deviceTime, userId: event.userId, summaryHash: p.summaryHash, reason: p.reason });
  };
}
