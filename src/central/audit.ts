import { Pool } from 'pg';
import { chainHash, GENESIS_HASH, type BrokenLink, type ChainVerdict, type StoredLink } from '../store/hash-chain';
import { classifyError } from './errors';
import { redactUrl } from './roles';
import { inTransaction, type Timeouts } from './transaction';

/** Rows per page: keyset by seq, so a million events never sit in memory. */
export const AUDIT_PAGE = 5000;

/** The station's clock as it recorded it: ISO 8601 with milliseconds and Z. */
const DEVICE_TIME = `to_char(device_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const PAGE_SQL = `SELECT seq::int8 AS seq, id::text AS id, station_id, type, payload, ${DEVICE_TIME} AS device_time, correlation_id,
    device_id, user_id, role, session_id, approved_by, prev_hash, hash
  FROM central.station_events WHERE station_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4`;

interface CentralRow {
  seq: string; id: string; station_id: string; type: string; payload: unknown; device_time: string; correlation_id: string;
  device_id: string | null; user_id: string | null; role: string | null; session_id: string | null; approved_by: string | null;
  prev_hash: string | null; hash: string | null;
}

/**
 * `verifyChain`, fed one page at a time: the same checks in the same order, with the walk's state
 * kept between pages (verifyChain itself takes a synchronous iterable, and a Postgres read is not
 * synchronous). test/integration/central/audit.test.ts checks that both give the same verdict.
 */
export class ChainWalker {
  private prev = GENESIS_HASH;
  private expectedSeq = 1;
  private checked = 0;
  private brokenAt: BrokenLink | null = null;

  constructor(private readonly stationId: string) {}

  /** Checks the next event; false once the chain is broken (later events are not looked at). */
  push(event: StoredLink): boolean {
    if (this.brokenAt) return false;
    const at = (kind: BrokenLink['kind'], expected: string, found: string | null): false => {
      this.brokenAt = { stationId: this.stationId, seq: kind === 'missing' ? this.expectedSeq : event.seq, kind, expected, found: found ?? '(none)' };
      return false;
    };
    if (event.seq !== this.expectedSeq) return at('missing', `seq ${this.expectedSeq}`, `seq ${event.seq}`);
    if (event.prevHash !== this.prev) return at('prev_hash', this.prev, event.prevHash);
    const recomputed = chainHash(event, this.prev);
    if (event.hash !== recomputed) return at('hash', recomputed, event.hash);
    this.prev = recomputed;
    this.expectedSeq += 1;
    this.checked += 1;
    return true;
  }

  /** The chain ended early: `seq` (and everything after it up to a known mark) is missing. */
  endsBefore(mark: number): void {
    if (this.brokenAt || this.expectedSeq > mark) return;
    this.brokenAt = { stationId: this.stationId, seq: this.expectedSeq, kind: 'missing', expected: `seq ${this.expectedSeq}`,
      found: `(none: central's copy ends at seq ${this.expectedSeq - 1}, its mark is ${mark})` };
  }

  verdict(): ChainVerdict {
    return { checked: this.checked, head: this.prev, lastSeq: this.expectedSeq - 1, broken: this.brokenAt };
  }
}

export interface CentralChainVerdict extends ChainVerdict {
  stationId: string;
  /** Central's mark for the station: its copy holds seqs 1…mark (dead-lettered ones aside). */
  mark: number;
  /** When the first break is a missing seq that central dead-lettered: why it could not take that event. */
  deadLetter: { seq: number; sqlstate: string; error: string } | null;
}

/** A failure to read central's copy (not provisioned, not allowed, unreachable); the message never holds a password. */
export class CentralAuditError extends Error {
  override name = 'CentralAuditError';
}

export interface CentralChainOptions {
  pageSize?: number;
  timeouts?: Partial<Timeouts>;
}

function toLink(r: CentralRow): StoredLink {
  return {
    stationId: r.station_id, seq: Number(r.seq), id: r.id, type: r.type, payload: r.payload, deviceTime: r.device_time,
    correlationId: r.correlation_id, deviceId: r.device_id, userId: r.user_id, role: r.role, sessionId: r.session_id,
    approvedBy: r.approved_by, prevHash: r.prev_hash, hash: r.hash,
  };
}

/**
 * Verifies central's copy of one station's chain, page by page (keyset by seq), up to central's
 * mark. Row-level security applies: a station role (or a pooled login with the station's token in
 * `timeouts.stationToken`) reads only its own station, an admin any.
 */
export async function verifyCentralChain(pool: Pool, stationId: string, options: CentralChainOptions = {}): Promise<CentralChainVerdict> {
  const timeouts: Timeouts = { statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 60_000, ...options.timeouts };
  const pageSize = options.pageSize ?? AUDIT_PAGE;
  const markRows = await inTransaction(pool, timeouts, async (c) =>
    (await c.query<{ acked_seq: string }>('SELECT acked_seq FROM central.station_marks WHERE station_id = $1', [stationId])).rows);
  if (markRows.length === 0) {
    throw new CentralAuditError(`central has no station "${stationId}" that this login may read (not provisioned, or the login `
      + 'may read only its own station)');
  }
  const mark = Number(markRows[0]!.acked_seq);
  const walker = new ChainWalker(stationId);
  let after = 0;
  while (after < mark) {
    const rows = await inTransaction(pool, timeouts, async (c) => (await c.query<CentralRow>(PAGE_SQL, [stationId, after, mark, pageSize])).rows);
    if (rows.length === 0 || rows.some((r) => !walker.push(toLink(r)))) break;
    after = Number(rows.at(-1)!.seq);
  }
  walker.endsBefore(mark);
  const verdict = walker.verdict();
  let deadLetter: CentralChainVerdict['deadLetter'] = null;
  if (verdict.broken?.kind === 'missing') {
    const dead = await inTransaction(pool, timeouts, async (c) => (await c.query<{ sqlstate: string; error: string }>(
      'SELECT sqlstate, error FROM central.dead_letters WHERE station_id = $1 AND seq = $2', [stationId, verdict.broken!.seq])).rows);
    if (dead[0]) deadLetter = { seq: verdict.broken.seq, ...dead[0] };
  }
  return { ...verdict, stationId, mark, deadLetter };
}

/** Hides every form of the URL's password in a message. */
export function withoutPassword(message: string, url: string): string {
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    // not parseable: nothing to hide beyond the URL itself
  }
  let out = message.split(url).join(redactUrl(url));
  if (password) out = out.split(password).join('***');
  return out;
}

/**
 * `verifyCentralChain` over its own one-connection pool to `url`. Connection and permission failures
 * become a CentralAuditError whose message names the URL without its password.
 */
export async function verifyCentralChainAt(url: string, stationId: string, options: CentralChainOptions & { connectTimeoutMs?: number } = {}):
  Promise<CentralChainVerdict> {
  const pool = new Pool({ connectionString: url, max: 1, connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    application_name: 'station-audit' });
  pool.on('error', () => undefined); // an idle connection's failure surfaces through the next query
  try {
    return await verifyCentralChain(pool, stationId, options);
  } catch (err) {
    if (err instanceof CentralAuditError) throw err;
    throw new CentralAuditError(withoutPassword(`cannot read central's copy on ${redactUrl(url)}: ${classifyError(err).message}`, url),
      { cause: err });
  } finally {
    await pool.end().catch(() => undefined);
  }
}
