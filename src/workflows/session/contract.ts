import { z } from 'zod';
import { defineContract } from '../../api/contract';
import { Role } from '../../api/roles';
import { ScanResult } from '../../api/scan';
import { Pin, UserId } from '../user/contract';

/** The demo users' badges and PINs, shown on the demo panel (never in kiosk mode). */
export const DemoUser = z.object({ name: z.string(), role: Role, badge: z.string(), pin: z.string() });

export const SessionSlice = z.object({
  status: z.enum(['signed-out', 'active', 'locked']),
  user: z.object({ userId: z.string(), name: z.string(), role: Role }).nullable(),
  sessionId: z.string().nullable(),
  startedAt: z.string().nullable(),
  /** A badge was scanned: the PIN keypad is open for this user. */
  pinPrompt: z.object({ name: z.string(), purpose: z.enum(['login', 'resume']), error: z.string().nullable() }).nullable(),
  idleLockMs: z.number().int().positive(),
  demoUsers: z.array(DemoUser).nullable(),
});
export type SessionSlice = z.infer<typeof SessionSlice>;

const noPayload = z.object({}).strict();

/** Badge + PIN sessions: login, idle lock, quick switch, shift limit, wrong-PIN lockout. */
export const sessionContract = defineContract({
  id: 'session',
  events: {
    'session.started': z.object({ sessionId: z.string(), userId: z.string(), name: z.string(), role: Role }),
    'session.ended': z.object({ sessionId: z.string(), reason: z.enum(['logout', 'switch', 'shift_limit']) }),
    'session.locked': z.object({ sessionId: z.string(), reason: z.enum(['idle', 'manual']) }),
    'session.resumed': z.object({ sessionId: z.string() }),
    'session.pin_failed': z.object({ userId: z.string(), failures: z.number().int().positive() }),
    'session.locked_out': z.object({ userId: z.string(), failures: z.number().int().positive(), minutes: z.number().int().positive(), lockedUntil: z.string() }),
    'session.unlocked': z.object({ userId: z.string() }),
  },
  commands: {
    'session.pin': { payload: z.object({ pin: Pin }).strict(), result: ScanResult, permission: 'public' },
    'session.cancel': { payload: noPayload, result: ScanResult, permission: 'public' },
    'session.lock': { payload: noPayload, result: ScanResult, permission: 'session.own' },
    'session.logout': { payload: noPayload, result: ScanResult, permission: 'session.own' },
    'session.unlock': { payload: z.object({ userId: UserId }).strict(), result: ScanResult, permission: 'users.unlock' },
  },
  queries: {
    /** Badges locked by wrong PINs among these users (the admin screen's list). */
    'session.lockouts': {
      payload: z.object({ userIds: z.array(UserId).max(200) }).strict(),
      result: z.array(z.object({ userId: z.string(), failures: z.number().int(), lockedUntil: z.string().nullable() })),
      permission: 'users.view',
    },
  },
  slice: SessionSlice,
});
