import type { Db } from '../../store/db';
import type { CurrentSession, Lockout, SessionView } from './view';

/**
 * The current session is asked for on every scan (who is acting?), so it is kept in memory and read
 * again only after a `session.*` event was projected (forgetting is always safe: a rolled-back
 * transaction just costs one read). Sessions are written by this connection's projection alone.
 */
const currentCache = new WeakMap<Db, { value: CurrentSession | null }>();

/** Called by the projection for each `session.*` event. */
export function forgetCurrentSession(db: Db): void {
  currentCache.delete(db);
}

export function createSessionView(db: Db): SessionView {
  const current = db.prepare(`SELECT id AS sessionId, user_id AS userId, name, role, status, started_at AS startedAt
    FROM sessions WHERE status <> 'ended' ORDER BY started_seq DESC LIMIT 1`);
  const lockout = db.prepare<[string]>('SELECT user_id AS userId, failures, lockouts, locked_until AS lockedUntil FROM pin_lockouts WHERE user_id = ?');
  const lastEventAt = db.prepare('SELECT device_time FROM events ORDER BY seq DESC LIMIT 1').pluck();
  return {
    current() {
      let cached = currentCache.get(db);
      if (!cached) {
        cached = { value: (current.get() as CurrentSession | undefined) ?? null };
        currentCache.set(db, cached);
      }
      return cached.value;
    },
    lockout: (userId) => (lockout.get(userId) as Lockout | undefined) ?? { userId, failures: 0, lockouts: 0, lockedUntil: null },
    lastEventAt: () => (lastEventAt.get() as string | undefined) ?? null,
  };
}
