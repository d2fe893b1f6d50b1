import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * The station's tamper-evident audit chain (docs/audit.md). Every event stores `prev_hash` (the hash of
 * the event before it on this station) and `hash = SHA-256(canonical bytes of the event ‖ prev_hash)`.
 *
 * - Canonical bytes: the UTF-8 of the RFC 8785 (JCS) canonical JSON of `ChainedFields`, with `payload`
 *   as the parsed JSON value and absent values as null.
 * - `‖ prev_hash`: the 32 raw bytes of the previous hash (not its hex text).
 * - The first event's `prev_hash` is GENESIS_HASH (64 zeros). Events recorded before the chain existed
 *   are chained by the upgrade in seq order exactly the same way, with user, role, session and
 *   approver null, so an upgraded station's whole history verifies.
 */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields the hash covers: everything the station recorded about the event. */
export interface ChainedFields {
  stationId: string;
  seq: number;
  id: string;
  type: string;
  payload: unknown;
  deviceTime: string;
  correlationId: string;
  deviceId: string | null;
  userId: string | null;
  role: string | null;
  sessionId: string | null;
  approvedBy: string | null;
}

/** RFC 8785 canonical JSON of the chained fields (key order, number and string forms fixed). */
export function canonicalEvent(event: ChainedFields): string {
  const text = canonicalize({
    stationId: event.stationId, seq: event.seq, id: event.id, type: event.type, payload: event.payload ?? null,
    deviceTime: event.deviceTime, correlationId: event.correlationId, deviceId: event.deviceId ?? null,
    userId: event.userId ?? null, role: event.role ?? null, sessionId: event.sessionId ?? null, approvedBy: event.approvedBy ?? null,
  });
  if (text === undefined) throw new Error(`event ${event.seq} has no canonical form`);
  return text;
}

/** The event's link: lower-case hex SHA-256 of its canonical bytes followed by the previous hash's bytes. */
export function chainHash(event: ChainedFields, prevHash: string): string {
  if (!/^[0-9a-f]{64}$/.test(prevHash)) throw new Error(`prev_hash of event ${event.seq} is not 64 hex digits`);
  return createHash('sha256').update(canonicalEvent(event), 'utf8').update(Buffer.from(prevHash, 'hex')).digest('hex');
}

/** One stored event as a verifier reads it back: its fields plus the two stored hashes. */
export interface StoredLink extends ChainedFields {
  prevHash: string | null;
  hash: string | null;
}

/** The first place where the stored chain and the recomputed one disagree. */
export interface BrokenLink {
  stationId: string;
  seq: number;
  /** `hash`: the event's content changed; `prev_hash`: it does not follow the event before it; `missing`: seqs skip here (a deleted row). */
  kind: 'hash' | 'prev_hash' | 'missing';
  expected: string;
  found: string;
}

export interface ChainVerdict {
  checked: number;
  /** The hash of the last event checked (GENESIS_HASH for an empty log). */
  head: string;
  lastSeq: number;
  broken: BrokenLink | null;
}

/**
 * Walks events in seq order (from seq 1) and names the first broken link. Seqs are gapless from 1, so a
 * missing seq is a deleted event even when the rows around it were re-hashed.
 */
export function verifyChain(stationId: string, events: Iterable<StoredLink>): ChainVerdict {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (const event of events) {
    const at = (kind: BrokenLink['kind'], expected: string, found: string | null): ChainVerdict => ({
      checked, head: prev, lastSeq: expectedSeq - 1, broken: { stationId, seq: kind === 'missing' ? expectedSeq : event.seq, kind, expected, found: found ?? '(none)' },
    });
    if (event.seq !== expectedSeq) return at('missing', `seq ${expectedSeq}`, `seq ${event.seq}`);
    if (event.prevHash !== prev) return at('prev_hash', prev, event.prevHash);
    const recomputed = chainHash(event, prev);
    if (event.hash !== recomputed) return at('hash', recomputed, event.hash);
    prev = recomputed;
    expectedSeq += 1;
    checked += 1;
  }
  return { checked, head: prev, lastSeq: expectedSeq - 1, broken: null };
}
