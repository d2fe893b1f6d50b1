import type { Statement } from 'better-sqlite3';
import type { Db } from '../../store/db';
import { AUDIT_PAGE_MAX, REJECTIONS_MAX, type AuditQuery, type AuditRow, type CentralRejection } from './contract';
import type { AuditView } from './view';

interface Row {
  seq: number; device_time: string; type: string; user_id: string | null; user_name: string | null; role: string | null;
  station_id: string; session_id: string | null; approved_by: string | null; approved_by_name: string | null; payload: string;
}

/** No seq is this high: the cursor of the first page. */
const TOP = Number.MAX_SAFE_INTEGER;

/** Removes every `pinHash` key, at any depth: a PIN hash never leaves the station's tables. */
export function withoutPinHash(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPinHash);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'pinHash').map(([key, v]) => [key, withoutPinHash(v)]));
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function toRow(r: Row): AuditRow {
  const payload = withoutPinHash(parse(r.payload));
  const reason = payload !== null && typeof payload === 'object' && typeof (payload as { reason?: unknown }).reason === 'string' ? (payload as { reason: string }).reason : null;
  return {
    seq: r.seq, at: r.device_time, type: r.type, userId: r.user_id, userName: r.user_name, role: r.role, stationId: r.station_id,
    sessionId: r.session_id, approvedBy: r.approved_by, approvedByName: r.approved_by_name, payload, reason,
  };
}

/** The smallest text above every text that starts with `prefix` (its last character raised by one). */
export function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** Device time as the log stores it (`toISOString()`: UTC with ms), so text comparison is time order. */
const storedTime = (iso: string) => new Date(iso).toISOString();

type Filter = { userId?: string; type?: string; from?: string; to?: string; before: number; limit: number };

/**
 * The audit trail over `events`, with raw SQL: one statement per combination of filters (prepared once,
 * on first use), so each can walk an index in seq order and stop after the page: `events_by_user`
 * (user_id, seq) for a user, `events_by_type` (type, seq) for a type, the log's own seq otherwise.
 * Pages are keyset (`seq < before ORDER BY seq DESC`), never OFFSET. A type prefix (`session.`) is
 * answered per type: the types under it are found with index seeks, each gives at most one page, and
 * the newest of them are merged. Device-time filters compare the stored ISO text.
 */
export function createAuditView(db: Db): AuditView {
  const statements = new Map<string, Statement>();
  const statement = (f: { user: boolean; type: boolean; from: boolean; to: boolean }): Statement => {
    const key = `${+f.user}${+f.type}${+f.from}${+f.to}`;
    let stmt = statements.get(key);
    if (!stmt) {
      const where = [
        ...(f.user ? ['e.user_id = @userId'] : []),
        ...(f.type ? ['e.type = @type'] : []),
        'e.seq < @before',
        // `+`: a filter, not an index: the page walks the log in seq order (events_by_time would sort it)
        ...(f.from ? ['+e.device_time >= @from'] : []),
        ...(f.to ? ['+e.device_time <= @to'] : []),
      ];
      stmt = db.prepare(`SELECT e.seq, e.device_time, e.type, e.user_id, u.name AS user_name, e.role, e.station_id, e.session_id,
          e.approved_by, a.name AS approved_by_name, e.payload
        FROM events e
        LEFT JOIN ref_users u ON u.id = e.user_id
        LEFT JOIN ref_users a ON a.id = e.approved_by
        WHERE ${where.join(' AND ')}
        ORDER BY e.seq DESC LIMIT @limit`);
      statements.set(key, stmt);
    }
    return stmt;
  };
  // Skip-scan of events_by_type: each step is one index seek to the next type under the prefix.
  const typesUnder = db.prepare<{ lo: string; hi: string }>(`WITH RECURSIVE t(type) AS (
      SELECT (SELECT min(type) FROM events WHERE type >= @lo AND type < @hi)
      UNION ALL
      SELECT (SELECT min(type) FROM events WHERE type > t.type AND type < @hi) FROM t WHERE t.type IS NOT NULL
    ) SELECT type FROM t WHERE type IS NOT NULL`).pluck();
  const head = db.prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1');

  const run = (f: Filter, type: string | undefined): Row[] => {
    const params = {
      before: f.before, limit: f.limit,
      ...(f.userId !== undefined ? { userId: f.userId } : {}),
      ...(type !== undefined ? { type } : {}),
      ...(f.from !== undefined ? { from: f.from } : {}),
      ...(f.to !== undefined ? { to: f.to } : {}),
    };
    return statement({ user: f.userId !== undefined, type: type !== undefined, from: f.from !== undefined, to: f.to !== undefined }).all(params) as Row[];
  };

  const select = (f: Filter): Row[] => {
    if (f.type === undefined || !f.type.endsWith('.')) return run(f, f.type);
    const types = typesUnder.all({ lo: f.type, hi: prefixEnd(f.type) }) as string[];
    if (types.length === 1) return run(f, types[0]);
    return types.flatMap((type) => run(f, type)).sort((a, b) => b.seq - a.seq).slice(0, f.limit);
  };

  const readHead = () => {
    const row = head.get() as { seq: number; hash: string | null } | undefined;
    return row && row.hash ? { seq: row.seq, hash: row.hash } : null;
  };

  // Rejections central sent back, with the rejected event's who and when from the local log (by seq,
  // the log's own key). Unseen first, newest first; then the most recently seen. The table stays small
  // (a rejection is rare), so a sort of it needs no index.
  const rejectionColumns = `r.central_id AS centralId, r.seq, r.type AS eventType, r.reason, r.detail, r.winner_station AS winnerStation,
      r.winner_seq AS winnerSeq, r.created_at AS createdAt, r.seen_at AS seenAt, e.user_id AS userId, u.name AS userName,
      e.device_time AS deviceTime
    FROM central_rejections r
    LEFT JOIN events e ON e.seq = r.seq
    LEFT JOIN ref_users u ON u.id = e.user_id`;
  const rejections = db.prepare<{ limit: number }>(`SELECT ${rejectionColumns}
    ORDER BY r.seen_at IS NOT NULL, r.seen_at DESC, r.central_id DESC LIMIT @limit`);
  const rejection = db.prepare<[number]>(`SELECT ${rejectionColumns} WHERE r.central_id = ?`);
  const unseen = db.prepare('SELECT count(*) FROM central_rejections WHERE seen_at IS NULL').pluck();

  // Read in one snapshot, so the head is the chain head as of this page.
  const snapshot = db.transaction((filter: Filter) => ({ rows: select(filter), chainHead: readHead() }));

  return {
    head: readHead,
    rejections: (limit) => rejections.all({ limit: Math.min(Math.max(1, Math.trunc(limit)), REJECTIONS_MAX) }) as CentralRejection[],
    rejection: (centralId) => (rejection.get(centralId) as CentralRejection | undefined) ?? null,
    unseenCount: () => unseen.get() as number,
    events(query: AuditQuery) {
      const limit = Math.min(Math.max(1, Math.trunc(query.limit)), AUDIT_PAGE_MAX);
      const filter: Filter = {
        userId: query.userId, type: query.type,
        from: query.from === undefined ? undefined : storedTime(query.from),
        to: query.to === undefined ? undefined : storedTime(query.to),
        before: query.before ?? TOP,
        limit: limit + 1,
      };
      const { rows, chainHead } = snapshot(filter);
      const page = rows.slice(0, limit);
      return { rows: page.map(toRow), next: rows.length > limit ? page.at(-1)!.seq : null, head: chainHead };
    },
  };
}
