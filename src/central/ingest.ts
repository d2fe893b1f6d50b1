import { finished } from 'node:stream/promises';
import pg, { type ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { OutboxRow } from '../store/outbox';

export interface IngestResult {
  /** Central's mark after this batch: everything up to it is stored (or dead-lettered). */
  ackedSeq: number;
  inserted: number;
  deadLettered: number;
}

/**
 * A batch ready to send, already encoded: its seq range and either its rows in COPY text format (a
 * backlog) or the parallel arrays `central.ingest` takes (a few online events: one round trip, no
 * staging). Both paths apply the same checks in the same function body shape.
 */
export interface PreparedBatch {
  first: number;
  last: number;
  count: number;
  bytes: number;
  copy?: Buffer;
  params?: unknown[];
}

/** From this many rows a batch goes by COPY: below it, COPY's extra round trip and staging cost more than the array parsing saves. */
export const COPY_FROM_ROWS = 200;

// pg's own parameter encoder (exported as pg.utils, not in its typings): encoding ahead of time lets
// the worker prepare the next batch while central is busy with this one.
const encode = (pg as unknown as { utils: { prepareValue(v: unknown): unknown } }).utils.prepareValue;

// COPY text format: a tab between fields, \N for NULL, and backslash escapes for the four bytes that
// would otherwise end a field or a row
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const NEEDS_ESCAPE = /[\\\t\n\r]/;
const field = (v: string | null | undefined): string =>
  v == null ? '\\N' : NEEDS_ESCAPE.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : v;

/** The columns of `central.ingest_staging` a station fills, in the order prepareBatch writes them. */
const STAGED_COLUMNS = 'seq, id, type, payload, device_time, correlation_id, device_id, user_id, role, session_id, approved_by, prev_hash, hash';

export function prepareBatch(rows: readonly OutboxRow[]): PreparedBatch {
  return rows.length >= COPY_FROM_ROWS ? copyBatch(rows) : arraysBatch(rows);
}

/** The rows in COPY text format, for `central.ingest_staged`. */
export function copyBatch(rows: readonly OutboxRow[]): PreparedBatch {
  const lines = new Array<string>(rows.length);
  let bytes = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    lines[i] = `${r.seq}\t${field(r.id)}\t${field(r.type)}\t${field(r.payload)}\t${field(r.deviceTime)}\t${field(r.correlationId)}\t`
      + `${field(r.deviceId)}\t${field(r.userId)}\t${field(r.role)}\t${field(r.sessionId)}\t${field(r.approvedBy)}\t`
      + `${field(r.prevHash)}\t${field(r.hash)}\n`;
    bytes += r.payload.length;
  }
  return { first: rows[0]?.seq ?? 0, last: rows.at(-1)?.seq ?? 0, count: rows.length, bytes, copy: Buffer.from(lines.join(''), 'utf8') };
}

/** The parallel arrays of `central.ingest`: seq, id, type, payload, device time, correlation, device, user, role, session, approver, prev_hash, hash. */
export function arraysBatch(rows: readonly OutboxRow[]): PreparedBatch {
  const columns: Array<(r: OutboxRow) => unknown> = [(r) => r.seq, (r) => r.id, (r) => r.type, (r) => r.payload, (r) => r.deviceTime,
    (r) => r.correlationId, (r) => r.deviceId, (r) => r.userId, (r) => r.role ?? null, (r) => r.sessionId ?? null, (r) => r.approvedBy ?? null,
    (r) => r.prevHash ?? null, (r) => r.hash ?? null];
  const bytes = rows.reduce((n, r) => n + r.payload.length, 0);
  return { first: rows[0]?.seq ?? 0, last: rows.at(-1)?.seq ?? 0, count: rows.length, bytes, params: columns.map((f) => encode(rows.map(f))) };
}

const INGEST_ARRAYS_SQL = `SELECT acked_seq, inserted, dead_lettered
  FROM central.ingest($1, $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                      $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])`;

/**
 * Sends one contiguous batch: a backlog by COPY into `central.ingest_staging`, then
 * `central.ingest_staged` checks it; a few online events as arrays to `central.ingest`. Either inserts
 * what is new with ON CONFLICT (station_id, seq) DO NOTHING, logs the range for the projector and
 * moves the mark, all in the caller's transaction (the projections follow in a projector step of
 * their own, projector.ts). Replaying a batch is harmless. Every statement is unnamed, so nothing prepared outlives the transaction, as a transaction pooler requires.
 * `whileCentralWorks` runs once the batch is on its way (to prepare the next one).
 */
export async function ingestBatch(client: ClientBase, stationId: string, batch: PreparedBatch | readonly OutboxRow[],
  whileCentralWorks?: () => void): Promise<IngestResult> {
  const prepared = 'first' in batch ? batch : prepareBatch(batch);
  if (prepared.params) {
    const pending = client.query<{ acked_seq: string; inserted: number; dead_lettered: number }>(INGEST_ARRAYS_SQL, [stationId, ...prepared.params]);
    whileCentralWorks?.();
    return resultOf((await pending).rows[0]);
  }
  if (prepared.copy) {
    const copy = client.query(copyFrom(`COPY central.ingest_staging (${STAGED_COLUMNS}) FROM STDIN`));
    const sent = finished(copy);
    copy.end(prepared.copy);
    whileCentralWorks?.();
    await sent;
  }
  const { rows: [row] } = await client.query<{ acked_seq: string; inserted: number; dead_lettered: number }>(
    'SELECT acked_seq, inserted, dead_lettered FROM central.ingest_staged($1, $2, $3)', [stationId, prepared.first, prepared.last]);
  return resultOf(row);
}

function resultOf(row: { acked_seq: string; inserted: number; dead_lettered: number } | undefined): IngestResult {
  if (!row) throw new Error('central ingest returned no row');
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
