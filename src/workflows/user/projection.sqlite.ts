import type { StoredEvent } from '../../core/events';
import type { Db } from '../../store/db';

/** Applies user changes made at this station to `ref_users` at once, marked with their seq (see the migration). */
export function createUserProjection(db: Db): (event: StoredEvent) => void {
  const create = db.prepare(`INSERT INTO ref_users (id, name, role, badge, active, pin_hash, updated_at, local_seq)
    VALUES (@userId, @name, @role, @badge, 1, @pinHash, '', @seq)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, badge = excluded.badge, active = 1,
      pin_hash = excluded.pin_hash, local_seq = excluded.local_seq`);
  const set = {
    active: db.prepare<[number, number, string]>('UPDATE ref_users SET active = ?, local_seq = ? WHERE id = ?'),
    pin: db.prepare<[string, number, string]>('UPDATE ref_users SET pin_hash = ?, local_seq = ? WHERE id = ?'),
    role: db.prepare<[string, number, string]>('UPDATE ref_users SET role = ?, local_seq = ? WHERE id = ?'),
  };
  return (event) => {
    const p = event.payload as { userId: string; name?: string; role?: string; badge?: string; pinHash?: string };
    switch (event.type) {
      case 'user.created': create.run({ ...p, seq: event.seq }); break;
      case 'user.disabled': set.active.run(0, event.seq, p.userId); break;
      case 'user.enabled': set.active.run(1, event.seq, p.userId); break;
      case 'user.pin_reset': set.pin.run(p.pinHash!, event.seq, p.userId); break;
      case 'user.role_changed': set.role.run(p.role!, event.seq, p.userId); break;
      default: break;
    }
  };
}
