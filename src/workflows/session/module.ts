import type { z } from 'zod';
import { accept, refuse, type Decision } from '../../core/decision';
import type { CallContext, Identity, Kernel, Views, WorkflowModule } from '../../core/workflow';
import { uuidv7 } from '../../ids';
import { hashPin, verifyPin } from '../user/pin';
import type { UserView } from '../user/view';
import { sessionContract, type SessionSlice } from './contract';
import { actorOf, decideBadge, decideRightPin, decideTimers, decideWrongPin, loginBlock, type PinPrompt } from './decide';
import { DEMO_USERS } from './demo-users';
import { sessionMigration } from './migrations.sqlite';
import { createSessionProjection } from './projection.sqlite';
import type { SessionView } from './view';
import { createSessionView } from './view.sqlite';

const TIMER_MS = 1000;
type Queries = typeof sessionContract.queries;
const sessionsOf = (views: Views) => views.session as SessionView;
const usersOf = (views: Views) => views.user as UserView;

/** Badge + PIN sessions. It is the station's identity: the core asks it who is acting. */
export const sessionModule: WorkflowModule = {
  id: 'session',
  dependsOn: ['user'],
  contract: sessionContract,
  migrations: [sessionMigration],
  createView: (db) => createSessionView(db),
  project: (db) => createSessionProjection(db),
  start(kernel) {
    const sessions = sessionsOf(kernel.views);
    const users = usersOf(kernel.views);
    const limits = kernel.config.session;
    const demo = !kernel.config.kiosk && kernel.config.session.demoUsers;
    let prompt: PinPrompt | null = null;
    // A restart knows the last activity from the newest event; the timer below locks the screen if it is too old.
    let lastActivity = Date.parse(sessions.lastEventAt() ?? '') || kernel.clock().getTime();
    const setPrompt = (next: PinPrompt | null) => { prompt = next; kernel.touch('session'); };

    const checkTimers = () => {
      const due = decideTimers(sessions, lastActivity, kernel.clock(), limits);
      if (!due) return;
      kernel.record({ actor: actorOfCurrent(sessions), deviceId: 'station', correlationId: uuidv7(), trigger: 'session.timer', approval: null }, () => due);
    };
    const timer = setInterval(checkTimers, TIMER_MS);
    timer.unref();
    checkTimers();
    let stopped = false;
    if (demo && users.count() === 0) void createDemoUsers(kernel, () => stopped);

    const identity: Identity = {
      actor: () => actorOf(sessions),
      noActorMessage: () => (sessions.current()?.status === 'locked' ? `Screen locked: ${sessions.current()!.name}, scan your badge to continue` : 'Scan your badge to start'),
      findBadge(badge) {
        const user = users.byBadge(badge);
        return user ? { userId: user.userId, name: user.name, role: user.role, active: user.active } : null;
      },
      async checkPin(userId, pin, call) {
        const user = users.byId(userId);
        const blocked = loginBlock(sessions, user, user?.badge ?? userId, kernel.clock());
        if (blocked || !user) return { ok: false, message: blocked ?? `No user ${userId}` };
        if (await verifyPin(pin, user.pinHash!)) return { ok: true, user: { userId, name: user.name, role: user.role, active: user.active } };
        // Recorded without an answer of its own: the caller (the override prompt) answers with this message.
        let message = 'Wrong PIN';
        kernel.record(call, (views) => {
          const wrong = decideWrongPin(sessionsOf(views), { userId, name: user.name, purpose: 'login', error: null }, kernel.clock());
          message = wrong.message;
          return wrong;
        });
        return { ok: false, message };
      },
      activity: () => { lastActivity = kernel.clock().getTime(); },
    };

    /** The keypad's user: the badge just scanned, or, on a locked screen, the locked session's user (PIN alone resumes). */
    const promptNow = (): PinPrompt | null => {
      if (prompt) return prompt;
      const current = sessions.current();
      return current?.status === 'locked' ? { userId: current.userId, name: current.name, purpose: 'resume', error: null } : null;
    };

    async function submitPin(pin: string, call: CallContext) {
      const open = promptNow();
      if (!open) return kernel.act(call, 'command', () => refuse('session.pin', 'command', 'Scan your badge first'));
      const user = users.byId(open.userId);
      const blocked = loginBlock(sessions, user, user?.badge ?? open.userId, kernel.clock());
      if (blocked || !user) {
        setPrompt(null);
        return kernel.act(call, 'command', () => refuse('session.pin', 'command', blocked ?? 'Unknown user'));
      }
      const right = await verifyPin(pin, user.pinHash!);
      if (prompt !== null && prompt !== open) return kernel.act(call, 'command', () => refuse('session.pin', 'command', 'Another badge was scanned: enter that PIN'));
      if (!right) {
        const result = kernel.act({ ...call, actor: null }, 'command', (views) => decideWrongPin(sessionsOf(views), open, kernel.clock()));
        // Only a lockout in force closes the keypad (an expired one's time stays in the row).
        const { lockedUntil } = sessions.lockout(open.userId);
        const lockedOut = lockedUntil !== null && Date.parse(lockedUntil) > kernel.clock().getTime();
        setPrompt(lockedOut ? null : { ...open, error: result.message });
        return result;
      }
      const sessionId = open.purpose === 'resume' ? sessions.current()!.sessionId : uuidv7();
      const actor = { userId: user.userId, name: user.name, role: user.role, sessionId };
      const result = kernel.act({ ...call, actor }, 'command', (views) => decideRightPin(sessionsOf(views), user, open, sessionId));
      if (result.outcome === 'good') { prompt = null; identity.activity(); }
      kernel.touch('session');
      return result;
    }

    const own = (call: CallContext, decide: (s: SessionView) => Decision) => kernel.act(call, 'command', (views) => decide(sessionsOf(views)));
    return {
      identity,
      scans: { badge: { permission: 'public', decide: (views, scan) => decideBadge(usersOf(views), sessionsOf(views), scan.key, kernel.clock(), setPrompt) } },
      commands: {
        'session.pin': (p: { pin: string }, call) => submitPin(p.pin, call),
        'session.cancel': (_: unknown, call) => { setPrompt(null); return own(call, () => accept('Cancelled', [])); },
        'session.lock': (_: unknown, call) => own(call, (s) => {
          const current = s.current();
          return current ? accept('Screen locked', [{ type: 'session.locked', payload: { sessionId: current.sessionId, reason: 'manual' } }]) : refuse('session.lock', 'command', 'Nobody is signed in');
        }),
        'session.logout': (_: unknown, call) => own(call, (s) => {
          const current = s.current();
          return current ? accept(`${current.name} signed out`, [{ type: 'session.ended', payload: { sessionId: current.sessionId, reason: 'logout' } }]) : refuse('session.logout', 'command', 'Nobody is signed in');
        }),
        'session.unlock': (p: { userId: string }, call) => own(call, (s) => {
          const user = users.byId(p.userId);
          if (!user) return refuse('session.unlock', 'command', `No user ${p.userId} at this station`);
          const { failures, lockedUntil } = s.lockout(p.userId);
          if (!lockedUntil && failures === 0) return refuse('session.unlock', 'command', `${user.name} is not locked out`);
          return accept(`${user.name} unlocked`, [{ type: 'session.unlocked', payload: { userId: p.userId } }]);
        }),
      },
      queries: {
        'session.lockouts': (p: z.output<Queries['session.lockouts']['payload']>) => p.userIds.map((userId) => {
          const { failures, lockedUntil } = sessions.lockout(userId);
          return { userId, failures, lockedUntil: lockedUntil && Date.parse(lockedUntil) > kernel.clock().getTime() ? lockedUntil : null };
        }),
      },
      slice(): SessionSlice {
        const current = sessions.current();
        const shown = promptNow();
        return {
          status: current ? current.status : 'signed-out',
          user: current ? { userId: current.userId, name: current.name, role: current.role } : null,
          sessionId: current?.sessionId ?? null,
          startedAt: current?.startedAt ?? null,
          pinPrompt: shown ? { name: shown.name, purpose: shown.purpose, error: shown.error } : null,
          idleLockMs: limits.idleLockMs,
          demoUsers: demo && users.byId(DEMO_USERS[0]!.userId) ? DEMO_USERS.map(({ name, role, badge, pin }) => ({ name, role, badge, pin })) : null,
        };
      },
      stop: () => { stopped = true; clearInterval(timer); },
    };
  },
};

/** The locked session's user still owns what happens to it (a shift-limit end while locked). */
function actorOfCurrent(sessions: SessionView) {
  const c = sessions.current();
  return c ? { userId: c.userId, name: c.name, role: c.role, sessionId: c.sessionId } : null;
}

/** `stopped`: the station stopped while the PINs were hashed (its store and logger may be closed): nothing is recorded. */
async function createDemoUsers(kernel: Kernel, stopped: () => boolean): Promise<void> {
  const hashed = await Promise.all(DEMO_USERS.map(async (u) => ({ ...u, pinHash: await hashPin(u.pin) })));
  if (stopped()) return;
  const call = { actor: null, deviceId: 'station', correlationId: uuidv7(), trigger: 'demo users', approval: null };
  kernel.record(call, (views) => (usersOf(views).count() > 0 ? accept('demo users exist', []) : accept('Demo users created', hashed.map(({ pin: _p, ...u }) => ({
    type: 'user.created', payload: { userId: u.userId, name: u.name, role: u.role, badge: u.badge, pinHash: u.pinHash, baseVersion: null },
  })), { touches: ['session'] })));
}
