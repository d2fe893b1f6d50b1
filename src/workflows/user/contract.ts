import { z } from 'zod';
import { defineContract } from '../../api/contract';
import { Role } from '../../api/roles';
import { ScanResult } from '../../api/scan';
import { cleanText } from '../../api/text';

/** A PIN as typed on the keypad: digits only; it is hashed at once and never stored, logged or sent on. */
export const Pin = z.string().regex(/^[0-9]{4,8}$/, 'a PIN is 4 to 8 digits');
export const Badge = z.string().min(3).max(64).regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');
export const UserId = z.string().min(1).max(64);

/** One user as the admin screen lists it (never the PIN hash). */
export const UserRow = z.object({
  userId: z.string(),
  name: z.string(),
  role: Role,
  badge: z.string().nullable(),
  active: z.boolean(),
});
export type UserRow = z.infer<typeof UserRow>;

/** Keyset page: `after` is the `next` of the page before; at most 200 rows. */
export const UserPage = z.object({ rows: z.array(UserRow), next: z.string().nullable() });

const base = z.object({ baseVersion: z.string().nullable() });

/** Users: who may sign in at the station, with which role. Central is the fleet's truth (docs/users.md). */
export const userContract = defineContract({
  id: 'user',
  events: {
    'user.created': base.extend({ userId: z.string(), name: z.string(), role: Role, badge: z.string(), pinHash: z.string() }),
    'user.disabled': base.extend({ userId: z.string() }),
    'user.enabled': base.extend({ userId: z.string() }),
    'user.pin_reset': base.extend({ userId: z.string(), pinHash: z.string() }),
    'user.role_changed': base.extend({ userId: z.string(), role: Role }),
  },
  commands: {
    'user.create': { payload: z.object({ name: cleanText(z.string().trim().min(1).max(80)), role: Role, badge: Badge, pin: Pin }).strict(), result: ScanResult, permission: 'users.manage' },
    'user.disable': { payload: z.object({ userId: UserId }).strict(), result: ScanResult, permission: 'users.manage' },
    'user.enable': { payload: z.object({ userId: UserId }).strict(), result: ScanResult, permission: 'users.manage' },
    'user.reset_pin': { payload: z.object({ userId: UserId, pin: Pin }).strict(), result: ScanResult, permission: 'users.manage' },
    'user.change_role': { payload: z.object({ userId: UserId, role: Role }).strict(), result: ScanResult, permission: 'users.manage' },
  },
  queries: {
    'user.list': {
      payload: z.object({ search: z.string().max(80).default(''), after: z.string().max(200).nullable().default(null), limit: z.number().int().min(1).max(200).default(50) }).strict(),
      result: UserPage,
      permission: 'users.view',
    },
  },
});
