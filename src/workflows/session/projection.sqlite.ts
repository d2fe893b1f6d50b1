import type { StoredEvent } from '../../core/events';
import type { Db } from '../../store/db';
import { forgetCurrentSession } from './view.sqlite';

type P = { sessionId?: string; userId?: string; name?: string; role?: string; reason?: string; failures?: number; lockedUntil?: string };

/** Applies `session.*` events to `sessions` and `pin_lockouts`. */
export function createSessionProjection(db: Db): (event: StoredEvent) => void {
  const start = db.prepare(`INSERT INTO sessions (id, user_id, name, role, status, started_at, started_seq)
    VALUES (@sessionId, @userId, @name, @role, 'active', @at, @seq)`);
  const end = db.prepare<[number, string, string]>("UPDATE sessions SET status = 'ended', ended_seq = ?, end_reason = ? WHERE id = ?");
  const status = db.prepare<[string, string]>('UPDATE sessions SET status = ? WHERE id = ?');
  const failed = db.prepare<[string, number]>(`INSERT INTO pin_lockouts (user_id, failures, lockouts) VALUES (?, ?, 0)
    ON CONFLICT (user_id) DO UPDATE SET failures = excluded.failures`);
  const lockedOut = db.prepare<[string, string]>(`INSERT INTO pin_lockouts (user_id, failures, lockouts, locked_until) VALUES (?, 0, 1, ?)
    ON CONFLICT (user_id) DO UPDATE SET failures = 0, lockouts = lockouts + 1, locked_until = excluded.locked_until`);
  const clear = db.prepare<[string]>('DELETE FROM pin_lockouts WHERE user_id = ?');
  // An unlock ends the lockout early but keeps how many there were: the next one still lasts twice as long.
  const unlock = db.prepare<[string]>('UPDATE pin_lockouts SET failures = 0, locked_until = NULL WHERE user_id = ?');
  return (event) => {
    forgetCurrentSession(db);
    const p = event.payload as P;
    switch (event.type) {
      case 'session.started': start.run({ ...p, at: event.deviceTime, seq: event.seq }); clear.run(p.userId!); break;
      case 'session.ended': end.run(event.seq, p.reason!, p.sessionId!); break;
      case 'session.locked': status.run('locked', p.sessionId!); break;
      case 'session.resumed': status.run('active', p.sessionId!); clear.run(event.userId!); break;
      case 'session.pin_failed': failed.run(p.userId!, p.failures!); break;
      case 'session.locked_out': lockedOut.run(p.userId!, p.lockedUntil!); break;
      case 'session.unlocked': unlock.run(p.userId!); break;
      default: break;
    }
  };
}
