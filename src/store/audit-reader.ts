import Database from 'better-sqlite3';
import { verifyChain, type BrokenLink, type ChainVerdict, type StoredLink } from './hash-chain';

interface ChainRow {
  seq: number; id: string; station_id: string; type: string; payload: string; device_time: string; correlation_id: string;
  device_id: string | null; user_id: string | null; role: string | null; session_id: string | null; approved_by: string | null;
  prev_hash: string | null; hash: string | null;
}

/** A stored payload as the hash covers it: the parsed JSON, or (tampered into something that is not JSON) the raw text, whose hash then fails. */
export function parsedPayload(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The station's chain as stored, in seq order, one row at a time (a million events never sit in
 * memory). While it is being iterated the connection runs no other statement.
 */
export function* readLocalChain(db: Database.Database): Generator<StoredLink> {
  const rows = db.prepare(`SELECT seq, id, station_id, type, payload, device_time, correlation_id, device_id, user_id, role,
    session_id, approved_by, prev_hash, hash FROM events ORDER BY seq`).iterate() as IterableIterator<ChainRow>;
  for (const r of rows) {
    yield {
      stationId: r.station_id, seq: r.seq, id: r.id, type: r.type, payload: parsedPayload(r.payload), deviceTime: r.device_time,
      correlationId: r.correlation_id, deviceId: r.device_id, userId: r.user_id, role: r.role, sessionId: r.session_id,
      approvedBy: r.approved_by, prevHash: r.prev_hash, hash: r.hash,
    };
  }
}

export interface LocalChainVerdict extends ChainVerdict {
  /** Central's mark as this station last heard it (0 when it never replicated). */
  ackedSeq: number;
}

/**
 * Verifies the local chain (`verifyChain`: every link from seq 1). One more check the chain alone
 * cannot make: the log must reach at least central's acknowledged mark, so events deleted from the end
 * of the log are found too.
 */
export function verifyLocalChain(db: Database.Database, stationId: string): LocalChainVerdict {
  const verdict = verifyChain(stationId, readLocalChain(db));
  const hasState = db.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'replication_state'`).pluck().get() === 1;
  const ackedSeq = hasState ? (db.prepare('SELECT acked_seq FROM replication_state WHERE id = 1').pluck().get() as number | undefined) ?? 0 : 0;
  if (!verdict.broken && ackedSeq > verdict.lastSeq) {
    const broken: BrokenLink = { stationId, seq: verdict.lastSeq + 1, kind: 'missing', expected: `seq ${verdict.lastSeq + 1}`,
      found: `(none: the log ends at seq ${verdict.lastSeq}, central acknowledged seq ${ackedSeq})` };
    return { ...verdict, broken, ackedSeq };
  }
  return { ...verdict, ackedSeq };
}

export class AuditReadError extends Error {
  override name = 'AuditReadError';
}

/**
 * Opens the station database read-only (verifying never migrates or writes) and verifies its chain.
 * Throws AuditReadError when there is no database, or one without the audit chain yet.
 */
export function verifyLocalChainFile(file: string, stationId: string): LocalChainVerdict {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new AuditReadError(`cannot open the station database ${file}: ${(err as Error).message}`, { cause: err });
  }
  try {
    return verifyLocalChain(db, stationId);
  } catch (err) {
    if (/no such (table|column)/.test((err as Error).message)) {
      throw new AuditReadError(`the station database ${file} has no audit chain yet (${(err as Error).message}): `
        + 'start the station once so it migrates its store', { cause: err });
    }
    throw err;
  } finally {
    db.close();
  }
}
