import Database from 'better-sqlite3';
import { referenceStatus } from '../store/reference-cache';
import { notConfiguredStatus, watchdog, type ReplicationStatus } from './status';

/**
 * Replication status read straight from the station database, for `station doctor` in another
 * process: the queue is measured now, the rest is the worker's last saved status. A station that
 * never replicated (no central URL) reports "not-configured".
 */
export function readReplicationStatus(dbPath: string, stationId: string, options: { configured: boolean; stuckAfterMs?: number; now?: number }): ReplicationStatus {
  const now = options.now ?? Date.now();
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const hasTables = db.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('replication_state', 'ref_checkpoints')`)
      .pluck().get() === 2;
    if (!hasTables) {
      return { ...notConfiguredStatus(stationId), state: options.configured ? 'error' : 'not-configured', updatedAt: now,
        localWarning: 'the station database has no replication tables yet: start the station once so it migrates its store' };
    }
    const saved = db.prepare('SELECT status_json FROM replication_state WHERE id = 1').pluck().get() as string | null | undefined;
    const base: ReplicationStatus = saved ? JSON.parse(saved) as ReplicationStatus : notConfiguredStatus(stationId);
    const q = db.prepare('SELECT count(*) AS depth, min(seq) AS oldest FROM outbox').get() as { depth: number; oldest: number | null };
    const oldestDeviceTime = q.oldest === null ? null : db.prepare('SELECT device_time FROM events WHERE seq = ?').pluck().get(q.oldest) as string;
    const localSeq = db.prepare('SELECT coalesce(max(seq), 0) FROM events').pluck().get() as number;
    const acked = db.prepare('SELECT acked_seq AS seq, acked_at AS at FROM replication_state WHERE id = 1').get() as { seq: number; at: string | null };
    // waiting started when the mark last moved or when the oldest unsent event was committed, whichever is later
    const lastProgressAt = Math.max(acked.at ? Date.parse(acked.at) : 0, oldestDeviceTime ? Date.parse(oldestDeviceTime) : 0) || now;
    const dog = watchdog({ queueDepth: q.depth, oldestDeviceTime, lastProgressAt, stuckAfterMs: options.stuckAfterMs ?? 120_000, now });
    return {
      ...base,
      state: options.configured ? base.state : 'not-configured',
      stationId,
      queueDepth: q.depth,
      oldestUnsentAgeMs: dog.oldestUnsentAgeMs,
      lagEvents: Math.max(0, localSeq - acked.seq),
      localSeq,
      stuck: options.configured && dog.stuck,
      reference: referenceStatus(db),
      updatedAt: now,
    };
  } finally {
    db.close();
  }
}
