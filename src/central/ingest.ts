import pg, { type ClientBase } from 'pg';
import type { OutboxRow } from '../store/outbox';

export interface IngestResult {
  /** Central's mark after this batch: everything up to it is stored (or dead-lettered). */
  ackedSeq: number;
  inserted: number;
  deadLettered: number;
}

/**
 * A batch ready to send: its seq range and the parallel arrays `central.ingest` takes, already encoded:
 * seq, id, type, payload, device time, correlation, device, user, role, session, approver, prev_hash, hash.
 */
export interface PreparedBatch {
  first: number;
  last: number;
  count: number;
  bytes: number;
  params: unknown[];
}

// pg's own parameter encoder (exported as pg.utils, not in its typings): encoding ahead of time lets
// the worker prepare the next batch while central is busy with this one.
const encode = (pg as unknown as { utils: { prepareValue(v: unknown): unknown } }).utils.prepareValue;

export function prepareBatch(rows: readonly OutboxRow[]): PreparedBatch {
  const n = rows.length;
  const seq = new Array<number>(n);
  const column = () => new Array<string | null>(n);
  const [id, type, payload, deviceTime, correlation, device, user] = [column(), column(), column(), column(), column(), column(), column()];
  const [role, session, approved, prevHash, hash] = [column(), column(), column(), column(), column()];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    seq[i] = r.seq;
    id[i] = r.id;
    type[i] = r.type;
    payload[i] = r.payload;
    deviceTime[i] = r.deviceTime;
    correlation[i] = r.correlationId;
    device[i] = r.deviceId;
    user[i] = r.userId;
    role[i] = r.role ?? null;
    session[i] = r.sessionId ?? null;
    approved[i] = r.approvedBy ?? null;
    prevHash[i] = r.prevHash ?? null;
    hash[i] = r.hash ?? null;
    bytes += r.payload.length;
  }
  const cols = [seq, id, type, payload, deviceTime, correlation, device, user, role, session, approved, prevHash, hash];
  return { first: rows[0]?.seq ?? 0, last: rows.at(-1)?.seq ?? 0, count: n, bytes, params: cols.map((c) => encode(c)) };
}

// Unnamed statement (no `name`): nothing prepared outlives the transaction, as a transaction pooler requires.
const INGEST_SQL = `SELECT acked_seq, inserted, dead_lettered
  FROM central.ingest($1, $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                      $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])`;

/**
 * Sends one contiguous batch; `central.ingest` unnests the arrays, inserts what is new with ON
 * CONFLICT (station_id, seq) DO NOTHING, logs the range for the projector and moves the mark, all in
 * the caller's transaction (the projections follow in a projector step of their own, projector.ts). Replaying a batch is harmless. `whileCentralWorks` runs once the batch is
 * on its way (to prepare the next one).
 */
export async function ingestBatch(client: ClientBase, stationId: string, batch: PreparedBatch | readonly OutboxRow[],
  whileCentralWorks?: () => void): Promise<IngestResult> {
  const prepared = 'params' in batch ? batch : prepareBatch(batch);
  const pending = client.query<{ acked_seq: string; inserted: number; dead_lettered: number }>(INGEST_SQL, [stationId, ...prepared.params]);
  whileCentralWorks?.();
  const row = (await pending).rows[0];
  if (!row) throw new Error('central.ingest returned no row');
  return { ackedSeq: Number(row.acked_seq), inserted: row.inserted, deadLettered: row.dead_lettered };
}

/** Central's mark for this station; a station that is not provisioned (or not visible to this role) is an error. */
export async function readMark(client: ClientBase, stationId: string): Promise<number> {
  const res = await client.query<{ acked_seq: string }>('SELECT acked_seq FROM central.station_marks WHERE station_id = $1', [stationId]);
  const row = res.rows[0];
  if (!row) {
    throw Object.assign(new Error(`station ${stationId} has no mark on central`), { code: 'SG004' });
  }
  return Number(row.acked_seq);
}
