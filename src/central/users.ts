import type { ClientBase, Pool } from 'pg';
import { CentralCommandError } from './commands';

/** The roles a user can hold; `central.users` checks the same list (migration 1730000000006). */
export const CENTRAL_ROLES = ['packer', 'dispatcher', 'biller', 'supervisor', 'admin'] as const;
export type CentralRole = (typeof CENTRAL_ROLES)[number];

/** `scrypt$N$r$p$<salt b64>$<hash b64>`: what a station stores and central keeps. Never a PIN. */
export const PIN_HASH = /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/_-]+={0,2}\$[A-Za-z0-9+/_-]+={0,2}$/;

export interface NewCentralUser {
  id: string;
  name: string;
  role: CentralRole;
  badge?: string | null;
  pinHash?: string | null;
}

export interface CentralUser {
  id: string;
  name: string;
  role: CentralRole;
  badge: string | null;
  active: boolean;
  /** The row's version, as the reference pull sends it down (and a station's change sends it back as `baseVersion`). */
  updatedAt: string;
}

const VERSION = `to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function validate(user: NewCentralUser): void {
  if (typeof user.id !== 'string' || user.id.trim() === '') throw new CentralCommandError('a user needs an id');
  if (typeof user.name !== 'string' || user.name.trim() === '') throw new CentralCommandError(`user "${user.id}" needs a name`);
  if (!(CENTRAL_ROLES as readonly string[]).includes(user.role)) {
    throw new CentralCommandError(`role "${String(user.role)}" is not one of ${CENTRAL_ROLES.join(', ')}`);
  }
  if (user.badge != null && (typeof user.badge !== 'string' || user.badge.trim() === '')) {
    throw new CentralCommandError(`user "${user.id}": a badge, when given, must not be empty`);
  }
  // the value itself is never echoed: a PIN typed where its hash belongs must not end up in a message or a log
  if (user.pinHash != null && !PIN_HASH.test(user.pinHash)) {
    throw new CentralCommandError(`user "${user.id}": the PIN hash is not in the form scrypt$N$r$p$salt$hash`);
  }
}

/**
 * Adds a user at central (`station users add --central URL`), over an admin connection: a station role
 * may only read users. The user flows down to every station with the next reference pull. Throws a
 * CentralCommandError that says which, when the id or the badge is already taken.
 */
export async function addCentralUser(db: Pool | ClientBase, user: NewCentralUser): Promise<CentralUser> {
  validate(user);
  const badge = user.badge ?? null;
  try {
    const taken = (await db.query<{ id: string; name: string; badge: string | null }>(
      'SELECT id, name, badge FROM central.users WHERE id = $1 OR badge = $2 ORDER BY id = $1 DESC', [user.id, badge])).rows;
    const sameId = taken.find((t) => t.id === user.id);
    if (sameId) throw new CentralCommandError(`user id "${user.id}" is already taken at central (by ${sameId.name})`);
    if (taken[0]) throw new CentralCommandError(`badge "${badge}" is already taken at central by user "${taken[0].id}" (${taken[0].name})`);
    const { rows } = await db.query<CentralUser>(`INSERT INTO central.users (id, name, role, badge, pin_hash) VALUES ($1, $2, $3, $4, $5)
      RETURNING id, name, role, badge, active, ${VERSION} AS "updatedAt"`, [user.id, user.name, user.role, badge, user.pinHash ?? null]);
    return rows[0]!;
  } catch (err) {
    if (err instanceof CentralCommandError) throw err;
    const { code, constraint } = err as { code?: string; constraint?: string };
    // another admin added the same id or badge between the check and the insert
    if (code === '23505' && constraint === 'users_pkey') throw new CentralCommandError(`user id "${user.id}" is already taken at central`, { cause: err });
    if (code === '23505') throw new CentralCommandError(`badge "${badge}" is already taken at central`, { cause: err });
    if (code === '23514') {
      throw new CentralCommandError(`central refused the user (${(err as Error).message}): is its schema current? run "station migrate --central URL"`,
        { cause: err });
    }
    if (code === '42501') throw new CentralCommandError('this login may not add users at central: use an admin URL', { cause: err });
    if (code === '42P01' || code === '3F000') {
      throw new CentralCommandError('the central schema is missing: run "station migrate --central URL" first', { cause: err });
    }
    throw err;
  }
}

/** `station users add --central URL`: one admin connection for the one insert, closed afterwards. */
export async function addCentralUserAt(adminUrl: string, user: NewCentralUser): Promise<CentralUser> {
  const { Pool } = await import('pg');
  const pool = new Pool({ connectionString: adminUrl, max: 1 });
  try {
    return await addCentralUser(pool, user);
  } finally {
    await pool.end();
  }
}
