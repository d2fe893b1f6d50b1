import { accept, refuse, type Decision } from '../../core/decision';
import type { Actor } from '../../core/events';
import type { StationUser, UserView } from '../user/view';
import type { SessionView } from './view';

/** Wrong PINs in a row that lock a badge; each lockout lasts twice the one before (1, 2, 4 … minutes). */
export const MAX_PIN_FAILURES = 5;
const MAX_LOCKOUT_MINUTES = 24 * 60;

/** The PIN keypad is open for this user. */
export interface PinPrompt {
  userId: string;
  name: string;
  purpose: 'login' | 'resume';
  error: string | null;
}

function minutesLeft(until: string, now: Date): number {
  return Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 60_000));
}

/** Why this user may not sign in now, or null. */
export function loginBlock(sessions: SessionView, user: StationUser | null, badge: string, now: Date): string | null {
  if (!user) return `Unknown badge ${badge}: ask an admin to add it`;
  if (!user.active) return `Badge ${badge} belongs to a disabled user (${user.name}): ask an admin`;
  if (!user.pinHash) return `${user.name} has no PIN yet: ask an admin to set one`;
  const { lockedUntil } = sessions.lockout(user.userId);
  if (lockedUntil && Date.parse(lockedUntil) > now.getTime()) {
    const left = minutesLeft(lockedUntil, now);
    return `Badge ${badge} is locked after ${MAX_PIN_FAILURES} wrong PINs: try again in ${left} minute${left === 1 ? '' : 's'} or ask an admin`;
  }
  return null;
}

/** A badge scanned: open the PIN keypad for its user (login, quick switch, or resume of a locked screen). */
export function decideBadge(users: UserView, sessions: SessionView, badge: string, now: Date, openPrompt: (prompt: PinPrompt) => void): Decision {
  const user = users.byBadge(badge);
  const blocked = loginBlock(sessions, user, badge, now);
  if (blocked || !user) return refuse(badge, 'badge', blocked ?? `Unknown badge ${badge}`);
  const current = sessions.current();
  if (current?.userId === user.userId && current.status === 'active') return accept(`${user.name} is already signed in`, []);
  const purpose = current?.userId === user.userId ? 'resume' : 'login';
  return accept(`${user.name}: enter your PIN`, [], {
    effect: () => openPrompt({ userId: user.userId, name: user.name, purpose, error: null }), touches: ['session'],
  });
}

/** A wrong PIN: counted, and the fifth in a row locks the badge for a growing time. */
export function decideWrongPin(sessions: SessionView, prompt: PinPrompt, now: Date): Decision {
  const { failures, lockouts } = sessions.lockout(prompt.userId);
  const count = failures + 1;
  const failed = { type: 'session.pin_failed', payload: { userId: prompt.userId, failures: count } };
  if (count < MAX_PIN_FAILURES) return { outcome: 'bad', message: `Wrong PIN (${count} of ${MAX_PIN_FAILURES})`, events: [failed] };
  const minutes = Math.min(2 ** lockouts, MAX_LOCKOUT_MINUTES);
  const lockedUntil = new Date(now.getTime() + minutes * 60_000).toISOString();
  return {
    outcome: 'bad',
    message: `Wrong PIN ${MAX_PIN_FAILURES} times: the badge is locked for ${minutes} minute${minutes === 1 ? '' : 's'}`,
    events: [failed, { type: 'session.locked_out', payload: { userId: prompt.userId, failures: count, minutes, lockedUntil } }],
  };
}

/** The right PIN: resume the locked session, or start a new one (ending another user's: a quick switch). */
export function decideRightPin(sessions: SessionView, user: StationUser, prompt: PinPrompt, sessionId: string): Decision {
  const current = sessions.current();
  if (prompt.purpose === 'resume' && current?.userId === user.userId) {
    return accept(`Welcome back, ${user.name}`, [{ type: 'session.resumed', payload: { sessionId: current.sessionId } }]);
  }
  const ended = current ? [{ type: 'session.ended', payload: { sessionId: current.sessionId, reason: current.userId === user.userId ? 'logout' : 'switch' } }] : [];
  return accept(`Signed in: ${user.name} (${user.role})`, [
    ...ended,
    { type: 'session.started', payload: { sessionId, userId: user.userId, name: user.name, role: user.role } },
  ]);
}

/** Idle lock and shift limit, checked on a timer and at start-up: what is due now, if anything. */
export function decideTimers(sessions: SessionView, lastActivityMs: number, now: Date, limits: { idleLockMs: number; shiftLimitMs: number }): Decision | null {
  const current = sessions.current();
  if (!current) return null;
  if (now.getTime() - Date.parse(current.startedAt) >= limits.shiftLimitMs) {
    return accept(`${current.name} signed out: the shift limit was reached`, [{ type: 'session.ended', payload: { sessionId: current.sessionId, reason: 'shift_limit' } }]);
  }
  if (current.status === 'active' && now.getTime() - lastActivityMs >= limits.idleLockMs) {
    return accept('Screen locked after being idle', [{ type: 'session.locked', payload: { sessionId: current.sessionId, reason: 'idle' } }]);
  }
  return null;
}

export function actorOf(sessions: SessionView): Actor | null {
  const current = sessions.current();
  return current?.status === 'active' ? { userId: current.userId, name: current.name, role: current.role, sessionId: current.sessionId } : null;
}
