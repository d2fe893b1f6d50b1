import Database from 'better-sqlite3';

/**
 * One event as replication ships it: the `events` row with its payload still as stored text, who
 * caused it, and its link in the station's hash chain (src/store/hash-chain.ts). The reader always
 * fills every field; the five of the audit release may be left out of rows built by hand (tests,
 * benchmarks), and are then sent as null, as for an event recorded before that release.
 */
export interface OutboxRow {
  seq: number;
  id: string;
  stationId: string;
  type: string;
  payload: string;
  deviceTime: string;
  correlationId: string;
  deviceId: string | null;
  userId: string | null;
  role?: string | null;
  sessionId?: string | null;
  approvedBy?: string | null;
  prevHash?: string | null;
  hash?: string | null;
}

export interface QueueState {
  /** Events committed locally that central has not acknowledged. */
  depth: number;
  /** The oldest unacknowledged event's device time (for display only, never for ordering). */
  oldestDeviceTime: string | null;
  localSeq: number;
  ackedSeq: number;
}

/**
 * Replication's own connection to the station database (a second one beside the scan path's).
 * It reads events after central's mark and prunes the outbox only up to an acknowledged mark.
 * Writes are tiny and short, so the scan path's writer is never held up for long.
 */
export class OutboxReader {
  private readonly db: Database.Database;
  private readonly batchStmt: Database.Statement<[number, number]>;
  private readonly pruneStmt: Database.Statement<[number]>;
  private readonly ackStmt: Database.Statement<[number, string, number]>;

  constructor(dbPath: string) {
    this.db = new Database(dbPath, { fileMustExist: true });
    try {
      this.db.pragma('busy_timeout = 5000');
      this.batchStmt = this.db.prepare(`SELECT seq, id, station_id AS stationId, type, payload, device_time AS deviceTime,
        correlation_id AS correlationId, device_id AS deviceId, user_id AS userId, role, session_id AS sessionId,
        approved_by AS approvedBy, prev_hash AS prevHash, hash
        FROM events WHERE seq > ? ORDER BY seq LIMIT ?`);
      this.pruneStmt = this.db.prepare('DELETE FROM outbox WHERE seq <= ?');
      this.ackStmt = this.db.prepare('UPDATE replication_state SET acked_seq = ?, acked_at = ? WHERE id = 1 AND acked_seq < ?');
    } catch (err) {
      this.db.close();
      if (/no such (table|column)/.test((err as Error).message)) {
        throw Object.assign(new Error(`the station database ${dbPath} has no replication tables yet, or old ones (${(err as Error).message}): `
          + 'start the station once so it migrates its store'), { code: 'SQLITE_SCHEMA', cause: err });
      }
      throw err;
    }
  }

  /** Events after `afterSeq` in seq order, at most `maxRows` and about `maxBytes` (always at least one). */
  readBatch(afterSeq: number, maxRows: number, maxBytes: number): OutboxRow[] {
    const rows = this.batchStmt.all(afterSeq, maxRows) as OutboxRow[];
    let bytes = 0;
    for (let i = 0; i < rows.length; i++) {
      bytes += rowBytes(rows[i]!);
      if (bytes > maxBytes && i > 0) return rows.slice(0, i);
    }
    return rows;
  }

  /**
   * Records that central holds everything up to `mark` and prunes the outbox to it. Marks only move
   * forward: a late, older acknowledgement is ignored. Throws on a local write failure (a full disk);
   * nothing is lost then, the prune simply happens on a later acknowledgement.
   */
  acknowledge(mark: number, at = new Date()): void {
    this.db.transaction(() => {
      this.ackStmt.run(mark, at.toISOString(), mark);
      this.pruneStmt.run(Math.max(mark, this.ackedSeq()));
    }).immediate();
  }

  ackedSeq(): number {
    return (this.db.prepare('SELECT acked_seq FROM replication_state WHERE id = 1').pluck().get() as number | undefined) ?? 0;
  }

  localSeq(): number {
    return (this.db.prepare('SELECT coalesce(max(seq), 0) FROM events').pluck().get() as number) ?? 0;
  }

  queue(): QueueState {
    const q = this.db.prepare(`SELECT count(*) AS depth, min(seq) AS oldest FROM outbox`).get() as { depth: number; oldest: number | null };
    const oldestDeviceTime = q.oldest === null ? null
      : (this.db.prepare('SELECT device_time FROM events WHERE seq = ?').pluck().get(q.oldest) as string | undefined) ?? null;
    return { depth: q.depth, oldestDeviceTime, localSeq: this.localSeq(), ackedSeq: this.ackedSeq() };
  }

  /** Keeps the worker's last status for `station doctor`; best effort (a full disk must not stop replication). */
  saveStatus(json: string): void {
    this.db.prepare('UPDATE replication_state SET status_json = ? WHERE id = 1').run(json);
  }

  /** The same connection, for the reference cache writer. */
  get connection(): Database.Database {
    return this.db;
  }

  close(): void {
    this.db.close();
  }
}

/** Roughly the bytes a row adds to the batch on the wire. */
function rowBytes(r: OutboxRow): number {
  return 64 + r.id.length + r.type.length + r.payload.length + r.deviceTime.length + r.correlationId.length
    + (r.deviceId?.length ?? 0) + (r.userId?.length ?? 0) + (r.role?.length ?? 0) + (r.sessionId?.length ?? 0)
    + (r.approvedBy?.length ?? 0) + (r.prevHash?.length ?? 0) + (r.hash?.length ?? 0);
}
