import type { Db } from '../../store/db';
import type { StationUser, UserView } from './view';

interface Row { id: string; name: string; role: StationUser['role']; badge: string | null; active: number; pin_hash: string | null; updated_at: string }

const COLUMNS = 'id, name, role, badge, active, pin_hash, updated_at';
const toUser = (r: Row | undefined): StationUser | null => (r ? {
  userId: r.id, name: r.name, role: r.role, badge: r.badge, active: r.active === 1, pinHash: r.pin_hash, version: r.updated_at === '' ? null : r.updated_at,
} : null);

export function createUserView(db: Db): UserView {
  const byId = db.prepare<[string]>(`SELECT ${COLUMNS} FROM ref_users WHERE id = ?`);
  const byBadge = db.prepare<[string]>(`SELECT ${COLUMNS} FROM ref_users WHERE badge = ? ORDER BY active DESC LIMIT 1`);
  const page = db.prepare<{ search: string; name: string; id: string; limit: number }>(`SELECT ${COLUMNS} FROM ref_users
    WHERE (@search = '' OR instr(lower(name), lower(@search)) > 0 OR instr(lower(coalesce(badge, '')), lower(@search)) > 0 OR id = @search)
      AND (name, id) > (@name, @id)
    ORDER BY name, id LIMIT @limit`);
  const count = db.prepare('SELECT count(*) FROM ref_users').pluck();
  const admins = db.prepare("SELECT count(*) FROM ref_users WHERE role = 'admin' AND active = 1").pluck();
  return {
    byId: (userId) => toUser(byId.get(userId) as Row | undefined),
    byBadge: (badge) => toUser(byBadge.get(badge) as Row | undefined),
    page: (search, after, limit) => (page.all({ search, name: after?.name ?? '', id: after?.userId ?? '', limit }) as Row[]).map((r) => toUser(r)!),
    count: () => count.get() as number,
    activeAdmins: () => admins.get() as number,
  };
}
