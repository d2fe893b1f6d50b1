import type { Db } from '../../store/db';
import type { ClosedRow, EodView, JumpRow, OverrideRow, RefusedRow, ToleranceRow, VoidRow } from './view';

const STATE_TYPES = "type IN ('container.opened', 'container.closed', 'container.reopened', 'container.voided')";

/**
 * End of day over SQLite: every read is an aggregate or a bounded list over one seq range, walking
 * `events_by_type` (type, seq), the log's seq, or this module's indexes (migrations.sqlite.ts).
 */
export function createEodView(db: Db): EodView {
  const bounds = db.prepare<{ start: string; end: string }>(`SELECT min(seq) AS firstSeq, max(seq) AS lastSeq
    FROM events WHERE device_time >= @start AND device_time < @end`);
  const span = db.prepare<{ lo: number; hi: number; start: string; end: string }>(`SELECT count(*) AS events,
    coalesce(sum(device_time < @start OR device_time >= @end), 0) AS outsidePeriod FROM events WHERE seq BETWEEN @lo AND @hi`);
  // LAG over seq: the log's order, never the clock's
  const jumps = db.prepare<{ lo: number; hi: number; forward: number }>(`SELECT seq, prevSeq, at, prevAt, deltaMs FROM (
      SELECT seq, device_time AS at, LAG(seq) OVER w AS prevSeq, LAG(device_time) OVER w AS prevAt,
        CAST(round((julianday(device_time) - julianday(LAG(device_time) OVER w)) * 86400000) AS INTEGER) AS deltaMs
      FROM events WHERE seq BETWEEN @lo AND @hi WINDOW w AS (ORDER BY seq))
    WHERE prevSeq IS NOT NULL AND (deltaMs < 0 OR deltaMs > @forward) ORDER BY seq`);
  const closed = db.prepare<{ lo: number; hi: number }>(`WITH closes AS (
      SELECT json_extract(payload, '$.container') AS container, json_extract(payload, '$.count') AS children, max(seq) AS seq
      FROM events WHERE type = 'container.closed' AND seq BETWEEN @lo AND @hi GROUP BY 1)
    SELECT c.container, (SELECT type FROM containers WHERE code = c.container) AS type, c.children,
      (SELECT w.grams FROM weights w WHERE w.container = c.container AND w.accepted = 1 AND w.grams IS NOT NULL AND w.seq <= @hi ORDER BY w.seq DESC LIMIT 1) AS grams
    FROM closes c
    WHERE NOT EXISTS (SELECT 1 FROM events v WHERE json_extract(v.payload, '$.container') = c.container AND ${STATE_TYPES}
      AND v.type = 'container.voided' AND v.seq > c.seq AND v.seq <= @hi)
    ORDER BY c.seq`);
  const countOf = db.prepare<{ type: string; lo: number; hi: number }>('SELECT count(*) FROM events WHERE type = @type AND seq BETWEEN @lo AND @hi').pluck();
  const list = <R>(type: string, columns: string) => {
    const rows = db.prepare<{ type: string; lo: number; hi: number; limit: number }>(`SELECT ${columns} FROM events
      WHERE type = @type AND seq BETWEEN @lo AND @hi ORDER BY seq LIMIT @limit`);
    return (lo: number, hi: number, limit: number) => ({ count: countOf.get({ type, lo, hi }) as number, rows: rows.all({ type, lo, hi, limit }) as R[] });
  };
  const refused = list<RefusedRow>('scan.rejected', `seq, device_time AS at, user_id AS userId, json_extract(payload, '$.code') AS code,
    json_extract(payload, '$.codeClass') AS codeClass, json_extract(payload, '$.reason') AS reason`);
  const overrides = list<OverrideRow>('override.approved', `seq, device_time AS at, json_extract(payload, '$.action') AS action,
    json_extract(payload, '$.permission') AS permission, json_extract(payload, '$.requestedBy') AS requestedBy,
    json_extract(payload, '$.supervisorId') AS supervisorId, json_extract(payload, '$.reason') AS reason`);
  const voids = list<VoidRow>('container.voided', `seq, device_time AS at, json_extract(payload, '$.container') AS container,
    json_extract(payload, '$.reason') AS reason, user_id AS userId, approved_by AS approvedBy`);
  const toleranceCount = db.prepare<{ lo: number; hi: number }>(`SELECT count(*) FROM events
    WHERE type = 'weigh.weighed' AND seq BETWEEN @lo AND @hi AND json_extract(payload, '$.within') = 0`).pluck();
  const tolerance = db.prepare<{ lo: number; hi: number; limit: number }>(`SELECT e.seq, e.device_time AS at, e.user_id AS userId,
      json_extract(e.payload, '$.container') AS container, json_extract(e.payload, '$.grams') AS grams,
      json_extract(e.payload, '$.expectedGrams') AS expectedGrams, json_extract(e.payload, '$.toleranceGrams') AS toleranceGrams, w.accepted_by AS acceptedBy
    FROM events e LEFT JOIN weights w ON w.seq = e.seq
    WHERE e.type = 'weigh.weighed' AND e.seq BETWEEN @lo AND @hi AND json_extract(e.payload, '$.within') = 0 ORDER BY e.seq LIMIT @limit`);
  // Open at the range's end: open now, or closed or voided after it; then confirmed by the last state event up to it.
  const openAt = db.prepare<{ hi: number }>(`WITH candidates AS (
      SELECT code AS container FROM containers WHERE status = 'open' AND opened_seq <= @hi
      UNION SELECT json_extract(payload, '$.container') FROM events WHERE type = 'container.closed' AND seq > @hi
      UNION SELECT json_extract(payload, '$.container') FROM events WHERE type = 'container.voided' AND seq > @hi)
    SELECT k.container, c.type, c.opened_seq AS openedSeq FROM candidates k JOIN containers c ON c.code = k.container
    WHERE c.opened_seq <= @hi AND (SELECT e.type FROM events e WHERE json_extract(e.payload, '$.container') = k.container AND ${STATE_TYPES}
      AND e.seq <= @hi ORDER BY e.seq DESC LIMIT 1) IN ('container.opened', 'container.reopened')
    ORDER BY c.opened_seq`);
  const link = db.prepare<[number]>('SELECT seq, hash FROM events WHERE seq = ?');
  const closeOf = db.prepare<[string, string]>('SELECT seq, at, user_id AS userId, summary_hash AS summaryHash, reason FROM eod_closes WHERE date = ? AND shift = ?');
  const pending = db.prepare(`SELECT count(*) AS notAtCentral, min(e.seq) AS oldest FROM events e, replication_state r WHERE r.id = 1 AND e.seq > r.acked_seq`);
  const timeOf = db.prepare<[number]>('SELECT device_time FROM events WHERE seq = ?').pluck();
  const unseen = db.prepare('SELECT count(*) FROM central_rejections WHERE seen_at IS NULL').pluck();

  return {
    range(start, end) {
      const b = bounds.get({ start, end }) as { firstSeq: number | null; lastSeq: number | null };
      if (b.firstSeq === null || b.lastSeq === null) return null;
      const s = span.get({ lo: b.firstSeq, hi: b.lastSeq, start, end }) as { events: number; outsidePeriod: number };
      return { firstSeq: b.firstSeq, lastSeq: b.lastSeq, ...s };
    },
    jumps: (lo, hi, forwardMs) => jumps.all({ lo: Math.max(1, lo - 1), hi, forward: forwardMs }) as JumpRow[],
    closed: (lo, hi) => closed.all({ lo, hi }) as ClosedRow[],
    refused, overrides, voids,
    outOfTolerance: (lo, hi, limit) => ({ count: toleranceCount.get({ lo, hi }) as number, rows: tolerance.all({ lo, hi, limit }) as ToleranceRow[] }),
    counts: (lo, hi, types) => Object.fromEntries(types.map((type) => [type, countOf.get({ type, lo, hi }) as number])),
    openAt: (hi) => openAt.all({ hi }) as Array<{ container: string; type: string; openedSeq: number }>,
    link: (seq) => (link.get(seq) as { seq: number; hash: string } | undefined) ?? null,
    closeOf: (date, shift) => (closeOf.get(date, shift ?? '') as ReturnType<EodView['closeOf']> | undefined) ?? null,
    unsynced() {
      const p = pending.get() as { notAtCentral: number; oldest: number | null };
      return { notAtCentral: p.notAtCentral, oldestAt: p.oldest === null ? null : (timeOf.get(p.oldest) as string), unseenRejections: unseen.get() as number };
    },
  };
}
