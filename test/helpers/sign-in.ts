import type { ScanResult } from '../../src/api';
import type { Role } from '../../src/api/roles';
import type { Station } from '../../src/core/station';
import type { Store } from '../../src/store';
import { hashPin } from '../../src/workflows/user/pin';
import { requestsOf } from './station-requests';

/** A user a test created, with the PIN it signs in with. */
export interface TestUser {
  userId: string;
  name: string;
  role: Role;
  badge: string;
  pin: string;
}

/**
 * Cheap scrypt parameters for test users (the station reads the parameters from each hash, so these
 * verify like the real ones, only faster). `user.create` through the station still uses the real ones.
 */
export const TEST_PIN_PARAMS = { N: 1024, r: 8, p: 1 } as const;

/** One user per role; badges match the default badge rule `^B-[0-9A-Z]{3,20}$`. */
export const TEST_USERS: Readonly<Record<Role, TestUser>> = {
  packer: { userId: 'u-packer', name: 'Pat Packer', role: 'packer', badge: 'B-PACK01', pin: '1111' },
  dispatcher: { userId: 'u-dispatcher', name: 'Dana Dispatcher', role: 'dispatcher', badge: 'B-DISP01', pin: '2222' },
  biller: { userId: 'u-biller', name: 'Bo Biller', role: 'biller', badge: 'B-BILL01', pin: '3333' },
  supervisor: { userId: 'u-supervisor', name: 'Sam Supervisor', role: 'supervisor', badge: 'B-SUPV01', pin: '4444' },
  admin: { userId: 'u-admin', name: 'Ada Admin', role: 'admin', badge: 'B-ADMN01', pin: '5555' },
};

const NOBODY = { correlationId: 'test-setup', deviceId: 'test', userId: null, role: null, sessionId: null, approvedBy: null };

/**
 * Creates a user through the real store: a `user.created` event (with a scrypt PIN hash from
 * src/workflows/user/pin.ts), projected into `ref_users` like any other. Create users before the
 * Station starts, or start it with `config.session.demoUsers = false`: a station that finds no users
 * creates its demo users in the background.
 */
export async function createUser(store: Store, user: Partial<TestUser> & { role: Role } = { role: 'packer' }): Promise<TestUser> {
  const full: TestUser = { ...TEST_USERS[user.role], ...user };
  const pinHash = await hashPin(full.pin, TEST_PIN_PARAMS);
  store.record(() => ({
    events: [{ type: 'user.created', payload: { userId: full.userId, name: full.name, role: full.role, badge: full.badge, pinHash, baseVersion: null } }],
  }), NOBODY);
  return full;
}

/** Scans the user's badge (as the wedge would type it) and submits the PIN: the real login. Throws when either is refused. */
export async function signIn(station: Station, user: Pick<TestUser, 'badge' | 'pin'>): Promise<ScanResult> {
  const h = requestsOf(station.endpoint);
  const badge = await h['scan.submit']({ code: user.badge, source: 'wedge' });
  if (badge.outcome !== 'good') throw new Error(`badge ${user.badge} refused: ${badge.message}`);
  const pin = await h['session.pin']({ pin: user.pin });
  if (pin.outcome !== 'good') throw new Error(`PIN of ${user.badge} refused: ${pin.message}`);
  return pin;
}

/** Creates a user of this role (unless `store` already has it) and signs it in at `station`. */
export async function signInAs(store: Store, station: Station, role: Role = 'packer'): Promise<TestUser> {
  const known = store.db.prepare('SELECT count(*) FROM ref_users WHERE id = ?').pluck().get(TEST_USERS[role].userId) as number;
  const user = known > 0 ? TEST_USERS[role] : await createUser(store, { role });
  await signIn(station, user);
  return user;
}
