import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EventName, Role, ScanResult, StationState } from '../../../src/api';
import { loadConfig } from '../../../src/config/load';
import { Station } from '../../../src/core/station';
import { dispatch } from '../../../src/dispatch';
import { createDecoder } from '../../../src/scan/decode';
import { databaseFile, openStore, type Store } from '../../../src/store';
import { stationRegistry } from '../../../src/workflows';
import { memoryLogger, type LogEntry } from '../../helpers/memory-logger';
import { createUser, TEST_USERS, type TestUser } from '../../helpers/sign-in';
import { requestsOf, type TypedRequests } from '../../helpers/station-requests';

/**
 * Badge + PIN sessions and the supervisor override, end to end through the real Station and a real
 * SQLite store (no mocks). Time is the test's: the station and the store share `clock`, and the
 * session module's 1 s timer runs on jest's fake timers where a test needs it to fire.
 */

// Distinctive PINs (8 digits), so a test can look for them anywhere they must never be.
const PINS: Record<Role, string> = { packer: '73519864', dispatcher: '61830247', biller: '52947316', supervisor: '84062719', admin: '39172548' };
const WRONG = '20468135';
const user = (role: Role): TestUser => ({ ...TEST_USERS[role], pin: PINS[role] });
const packer = user('packer');
const supervisor = user('supervisor');
const admin = user('admin');
const MINUTE = 60_000;
const IDLE_MS = 10 * MINUTE;
const SHIFT_MS = 8 * 60 * MINUTE;
const NO_SESSION = 'Scan your badge to start';

let dir: string;
let now: number;
const clock = () => new Date(now);
let store: Store;
let station: Station;
let h: TypedRequests;
let logs: LogEntry[];
let pushed: Array<{ name: EventName; payload: unknown }>;

/** The store and station on the test's folder; users are created (through the store) before the station starts. */
async function open(roles: Role[] = []): Promise<void> {
  const config = loadConfig({ env: {}, overrides: { dataDir: dir } });
  config.bags.capacity = 3;
  config.session = { idleLockMs: IDLE_MS, shiftLimitMs: SHIFT_MS, demoUsers: false };
  const registry = stationRegistry();
  store = openStore({ file: databaseFile(dir), stationId: config.stationId, registry, checkpointIntervalMs: 60_000, clock });
  for (const role of roles) await createUser(store, user(role));
  const log = memoryLogger();
  logs = log.entries;
  station = new Station({ config, store, registry, logger: log.logger, decode: createDecoder(config.scanRules), clock });
  pushed = [];
  station.endpoint.subscribe((name, payload) => pushed.push({ name, payload }));
  h = requestsOf(station.endpoint);
}

async function close(): Promise<void> {
  await station.stop();
  store.close();
}

/** A restart on the same file: the station and its store closed, then opened again. */
async function restart(): Promise<void> {
  await close();
  await open();
}

const scan = (code: string) => h['scan.submit']({ code, source: 'wedge' });
const pin = (value: string) => h['session.pin']({ pin: value });
async function signIn(u: TestUser): Promise<ScanResult> {
  expect(await scan(u.badge)).toMatchObject({ outcome: 'good', message: `${u.name}: enter your PIN` });
  return pin(u.pin);
}
const session = (): StationState['slices']['session'] => station.state().slices.session;

interface Row { seq: number; type: string; payload: Record<string, unknown>; userId: string | null; role: string | null; sessionId: string | null; approvedBy: string | null; correlationId: string }
/** Events after `since`, with who caused them. */
function events(since = 0): Row[] {
  return (store.db.prepare(`SELECT seq, type, payload, user_id AS userId, role, session_id AS sessionId, approved_by AS approvedBy, correlation_id AS correlationId
    FROM events WHERE seq > ? ORDER BY seq`).all(since) as Array<Row & { payload: string }>).map((r) => ({ ...r, payload: JSON.parse(r.payload) }));
}
const lastSeq = () => store.log.lastSeq();
const sessionRow = (id: string) => store.db.prepare('SELECT user_id AS userId, status, end_reason AS endReason FROM sessions WHERE id = ?').get(id);

/** Jest's timers for the session module's interval; Date, microtasks and I/O stay real (scrypt runs on libuv). */
function fakeTimers(): void {
  jest.useFakeTimers({ doNotFake: ['Date', 'nextTick', 'setImmediate', 'queueMicrotask', 'hrtime', 'performance'] });
}
/** Moves the test clock on and lets the session module's 1 s check run once. */
function later(ms: number): void {
  now += ms;
  jest.advanceTimersByTime(1000);
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sessions-'));
  now = Date.parse('2026-12-01T08:00:00.000Z');
});
afterEach(async () => {
  await close();
  jest.useRealTimers();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('signing in', () => {
  test('badge then PIN: the keypad opens for that user, then session.started records who', async () => {
    await open(['packer']);
    const before = lastSeq();
    expect(await scan(packer.badge)).toMatchObject({ outcome: 'good', message: 'Pat Packer: enter your PIN', codeClass: 'badge' });
    expect(session()).toMatchObject({ status: 'signed-out', user: null, pinPrompt: { name: 'Pat Packer', purpose: 'login', error: null } });
    expect(lastSeq()).toBe(before); // the badge alone records nothing

    const signedIn = await pin(packer.pin);
    expect(signedIn).toMatchObject({ outcome: 'good', message: 'Signed in: Pat Packer (packer)', code: 'session.pin', seq: before + 1 });
    const [started] = events(before);
    const sessionId = started!.payload.sessionId as string;
    expect(events(before)).toEqual([expect.objectContaining({
      type: 'session.started', payload: { sessionId, userId: 'u-packer', name: 'Pat Packer', role: 'packer' },
      userId: 'u-packer', role: 'packer', sessionId, approvedBy: null, correlationId: signedIn.correlationId,
    })]);
    expect(session()).toEqual({
      status: 'active', user: { userId: 'u-packer', name: 'Pat Packer', role: 'packer' }, sessionId, startedAt: '2026-12-01T08:00:00.000Z',
      pinPrompt: null, idleLockMs: IDLE_MS, demoUsers: null,
    });
    expect(sessionRow(sessionId)).toEqual({ userId: 'u-packer', status: 'active', endReason: null });

    // What the packer does now carries the session.
    expect(await scan('P-1001')).toMatchObject({ outcome: 'good', message: 'P-1001 opened (0 of 3)' });
    expect(events(before + 1)).toEqual([expect.objectContaining({ type: 'bag.parent_opened', userId: 'u-packer', role: 'packer', sessionId })]);
    // The badge of the user already signed in changes nothing.
    expect(await scan(packer.badge)).toMatchObject({ outcome: 'good', message: 'Pat Packer is already signed in' });
    expect(session().pinPrompt).toBeNull();
  });

  test('an unknown badge is refused and recorded', async () => {
    await open(['packer']);
    const before = lastSeq();
    expect(await scan('B-NOBODY1')).toMatchObject({ outcome: 'bad', message: 'Unknown badge B-NOBODY1: ask an admin to add it' });
    expect(events(before)).toEqual([expect.objectContaining({
      type: 'scan.rejected', payload: { code: 'B-NOBODY1', codeClass: 'badge', reason: 'Unknown badge B-NOBODY1: ask an admin to add it' }, userId: null, role: null, sessionId: null,
    })]);
    expect(session()).toMatchObject({ status: 'signed-out', pinPrompt: null });
    expect(station.state().pendingErrors).toEqual([expect.objectContaining({ message: 'Unknown badge B-NOBODY1: ask an admin to add it', code: 'B-NOBODY1' })]);
  });

  test('a disabled user\'s badge is refused', async () => {
    await open(['packer', 'admin']);
    await signIn(admin);
    const adminSession = session().sessionId;
    expect(await h['user.disable']({ userId: 'u-packer' })).toMatchObject({ outcome: 'good', message: 'Pat Packer (B-PACK01) disabled' });
    expect(events(lastSeq() - 1)).toEqual([expect.objectContaining({ type: 'user.disabled', userId: 'u-admin', role: 'admin', sessionId: adminSession })]);
    const before = lastSeq();
    const message = 'Badge B-PACK01 belongs to a disabled user (Pat Packer): ask an admin';
    expect(await scan(packer.badge)).toMatchObject({ outcome: 'bad', message });
    expect(events(before)).toEqual([expect.objectContaining({ type: 'scan.rejected', payload: { code: 'B-PACK01', codeClass: 'badge', reason: message }, userId: 'u-admin' })]);
    expect(session()).toMatchObject({ status: 'active', user: { userId: 'u-admin' }, pinPrompt: null });
  });

  test('a wrong PIN is counted, recorded for that user, and the keypad stays open with the error', async () => {
    await open(['packer']);
    await scan(packer.badge);
    const before = lastSeq();
    expect(await pin(WRONG)).toMatchObject({ outcome: 'bad', message: 'Wrong PIN (1 of 5)' });
    expect(events(before)).toEqual([expect.objectContaining({ type: 'session.pin_failed', payload: { userId: 'u-packer', failures: 1 }, userId: null, role: null, sessionId: null })]);
    expect(session()).toMatchObject({ status: 'signed-out', pinPrompt: { name: 'Pat Packer', purpose: 'login', error: 'Wrong PIN (1 of 5)' } });
    expect(await pin(WRONG)).toMatchObject({ outcome: 'bad', message: 'Wrong PIN (2 of 5)' });
    // The right PIN still signs in, and the count starts again.
    expect(await pin(packer.pin)).toMatchObject({ outcome: 'good', message: 'Signed in: Pat Packer (packer)' });
    expect(store.db.prepare('SELECT count(*) FROM pin_lockouts').pluck().get()).toBe(0);
  });

  test('a PIN without a badge first is refused', async () => {
    await open(['packer']);
    expect(await pin(packer.pin)).toMatchObject({ outcome: 'bad', message: 'Scan your badge first' });
    expect(session().status).toBe('signed-out');
  });
});

describe('wrong-PIN lockout', () => {
  async function fiveWrong(): Promise<ScanResult[]> {
    const results: ScanResult[] = [];
    for (let i = 0; i < 5; i++) results.push(await pin(WRONG));
    return results;
  }

  test('five wrong PINs lock the badge out; an admin unlocks it; the second lockout lasts 2 minutes', async () => {
    await open(['packer', 'admin']);
    await scan(packer.badge);
    const before = lastSeq();
    const results = await fiveWrong();
    expect(results.map((r) => r.message)).toEqual(['Wrong PIN (1 of 5)', 'Wrong PIN (2 of 5)', 'Wrong PIN (3 of 5)', 'Wrong PIN (4 of 5)',
      'Wrong PIN 5 times: the badge is locked for 1 minute']);
    const lockedUntil = new Date(now + MINUTE).toISOString();
    expect(events(before).map((e) => [e.type, e.payload])).toEqual([
      ...[1, 2, 3, 4].map((failures) => ['session.pin_failed', { userId: 'u-packer', failures }]),
      ['session.pin_failed', { userId: 'u-packer', failures: 5 }],
      ['session.locked_out', { userId: 'u-packer', failures: 5, minutes: 1, lockedUntil }],
    ]);
    expect(events(before).at(-1)).toMatchObject({ userId: null, sessionId: null });
    expect(session().pinPrompt).toBeNull();

    // Locked out: the badge is refused, and a PIN has no keypad to go to.
    const lockedMessage = 'Badge B-PACK01 is locked after 5 wrong PINs: try again in 1 minute or ask an admin';
    expect(await scan(packer.badge)).toMatchObject({ outcome: 'bad', message: lockedMessage });
    expect(await pin(packer.pin)).toMatchObject({ outcome: 'bad', message: 'Scan your badge first' });
    expect(session().status).toBe('signed-out');

    // An admin sees it and unlocks it (audited as the admin's).
    await signIn(admin);
    expect(await h['session.lockouts']({ userIds: ['u-packer', 'u-admin'] })).toEqual([
      { userId: 'u-packer', failures: 0, lockedUntil }, { userId: 'u-admin', failures: 0, lockedUntil: null },
    ]);
    const adminSession = session().sessionId;
    expect(await h['session.unlock']({ userId: 'u-packer' })).toMatchObject({ outcome: 'good', message: 'Pat Packer unlocked' });
    expect(events(lastSeq() - 1)).toEqual([expect.objectContaining({ type: 'session.unlocked', payload: { userId: 'u-packer' }, userId: 'u-admin', role: 'admin', sessionId: adminSession })]);
    expect(await h['session.unlock']({ userId: 'u-packer' })).toMatchObject({ outcome: 'bad', message: 'Pat Packer is not locked out' });

    // The badge is let in again; five more wrong PINs lock it for twice as long.
    expect(await scan(packer.badge)).toMatchObject({ outcome: 'good', message: 'Pat Packer: enter your PIN' });
    const second = lastSeq();
    expect((await fiveWrong()).at(-1)).toMatchObject({ outcome: 'bad', message: 'Wrong PIN 5 times: the badge is locked for 2 minutes' });
    expect(events(second).at(-1)).toMatchObject({ type: 'session.locked_out', payload: { userId: 'u-packer', failures: 5, minutes: 2, lockedUntil: new Date(now + 2 * MINUTE).toISOString() } });
    expect(await scan(packer.badge)).toMatchObject({ outcome: 'bad', message: 'Badge B-PACK01 is locked after 5 wrong PINs: try again in 2 minutes or ask an admin' });
    // The admin's session went on all along.
    expect(session()).toMatchObject({ status: 'active', user: { userId: 'u-admin' } });

    // Once the lockout is over the badge works again; a wrong PIN is counted from 1 with the keypad still open.
    now += 2 * MINUTE;
    expect(await scan(packer.badge)).toMatchObject({ outcome: 'good', message: 'Pat Packer: enter your PIN' });
    expect(await pin(WRONG)).toMatchObject({ outcome: 'bad', message: 'Wrong PIN (1 of 5)' });
    expect(session().pinPrompt).toMatchObject({ name: 'Pat Packer', error: 'Wrong PIN (1 of 5)' });
    expect(await pin(packer.pin)).toMatchObject({ outcome: 'good', message: 'Signed in: Pat Packer (packer)' });
  });

  test('at a locked screen, five wrong PINs lock the badge out and then the PIN alone is refused too', async () => {
    await open(['packer']);
    await signIn(packer);
    expect(await h['session.lock']({})).toMatchObject({ outcome: 'good', message: 'Screen locked' });
    expect(session()).toMatchObject({ status: 'locked', pinPrompt: { name: 'Pat Packer', purpose: 'resume' } });
    expect((await fiveWrong()).at(-1)).toMatchObject({ message: 'Wrong PIN 5 times: the badge is locked for 1 minute' });
    const message = 'Badge B-PACK01 is locked after 5 wrong PINs: try again in 1 minute or ask an admin';
    expect(await pin(packer.pin)).toMatchObject({ outcome: 'bad', message });
    expect(await scan(packer.badge)).toMatchObject({ outcome: 'bad', message });
    expect(session()).toMatchObject({ status: 'locked', user: { userId: 'u-packer' } });
    now += MINUTE;
    expect(await pin(packer.pin)).toMatchObject({ outcome: 'good', message: 'Welcome back, Pat Packer' });
  });
});

describe('idle lock, quick switch, shift limit', () => {
  test('idle for idleLockMs locks the screen; the same user\'s PIN alone resumes, the open bag kept', async () => {
    fakeTimers();
    await open(['packer']);
    await signIn(packer);
    const sessionId = session().sessionId!;
    await scan('P-1001');
    await scan('C-2001');

    // Activity restarts the idle time.
    later(IDLE_MS - 1000);
    await scan('C-2002');
    later(IDLE_MS - 1000);
    expect(session().status).toBe('active');

    const before = lastSeq();
    later(1000);
    expect(events(before)).toEqual([expect.objectContaining({ type: 'session.locked', payload: { sessionId, reason: 'idle' }, userId: 'u-packer', role: 'packer', sessionId })]);
    expect(session()).toMatchObject({ status: 'locked', user: { userId: 'u-packer' }, sessionId, pinPrompt: { name: 'Pat Packer', purpose: 'resume', error: null } });
    expect(station.state().slices.bag.openParent).toEqual({ code: 'P-1001', capacity: 3, children: ['C-2001', 'C-2002'] });
    // Locked: a scan is refused with the lock screen's words and recorded without a user.
    const locked = 'Screen locked: Pat Packer, scan your badge to continue';
    expect(await scan('C-2003')).toMatchObject({ outcome: 'bad', message: locked });
    expect(events(before + 1)).toEqual([expect.objectContaining({ type: 'scan.rejected', payload: { code: 'C-2003', codeClass: 'child', reason: locked }, userId: null })]);

    const resumeAt = lastSeq();
    expect(await pin(packer.pin)).toMatchObject({ outcome: 'good', message: 'Welcome back, Pat Packer' });
    expect(events(resumeAt)).toEqual([expect.objectContaining({ type: 'session.resumed', payload: { sessionId }, userId: 'u-packer', sessionId })]);
    expect(session()).toMatchObject({ status: 'active', sessionId });
    expect(await scan('C-2003')).toMatchObject({ outcome: 'good', message: 'Child 3 of 3 linked to P-1001: bag full and closed' });
  });

  test('another user\'s badge + PIN is a quick switch: the first session ends with reason switch', async () => {
    await open(['packer', 'supervisor']);
    await signIn(packer);
    const first = session().sessionId!;
    await scan('P-1001');
    const before = lastSeq();
    expect(await scan(supervisor.badge)).toMatchObject({ outcome: 'good', message: 'Sam Supervisor: enter your PIN' });
    expect(session()).toMatchObject({ status: 'active', user: { userId: 'u-packer' }, pinPrompt: { name: 'Sam Supervisor', purpose: 'login' } });
    expect(await pin(supervisor.pin)).toMatchObject({ outcome: 'good', message: 'Signed in: Sam Supervisor (supervisor)' });
    const second = session().sessionId!;
    expect(second).not.toBe(first);
    expect(events(before)).toEqual([
      expect.objectContaining({ type: 'session.ended', payload: { sessionId: first, reason: 'switch' }, userId: 'u-supervisor', role: 'supervisor', sessionId: second }),
      expect.objectContaining({ type: 'session.started', payload: { sessionId: second, userId: 'u-supervisor', name: 'Sam Supervisor', role: 'supervisor' }, userId: 'u-supervisor', sessionId: second }),
    ]);
    expect(sessionRow(first)).toEqual({ userId: 'u-packer', status: 'ended', endReason: 'switch' });
    expect(session()).toMatchObject({ status: 'active', user: { userId: 'u-supervisor', role: 'supervisor' }, sessionId: second, pinPrompt: null });
    // The work at the station goes on under the new user.
    expect(await h['bag.undo']({})).toMatchObject({ outcome: 'bad', message: 'Nothing to undo: no child is linked' });
    expect(events(lastSeq() - 1)[0]).toMatchObject({ userId: 'u-supervisor', sessionId: second });
  });

  test('a session ends by itself at the shift limit', async () => {
    fakeTimers();
    await open(['packer']);
    await signIn(packer);
    const sessionId = session().sessionId!;
    for (let t = 0; t < SHIFT_MS - IDLE_MS; t += IDLE_MS / 2) {
      later(IDLE_MS / 2);
      await scan(`X-${t}`); // activity keeps the screen unlocked
    }
    expect(session().status).toBe('active');
    const before = lastSeq();
    later(IDLE_MS);
    expect(events(before)).toEqual([expect.objectContaining({ type: 'session.ended', payload: { sessionId, reason: 'shift_limit' }, userId: 'u-packer', sessionId })]);
    expect(session()).toMatchObject({ status: 'signed-out', user: null, sessionId: null });
    expect(await scan('P-1001')).toMatchObject({ outcome: 'bad', message: NO_SESSION });
  });
});

describe('a restart', () => {
  test('within the idle time comes back to the same user', async () => {
    await open(['packer']);
    await signIn(packer);
    await scan('P-1001');
    const { sessionId, user: who } = session();
    now += IDLE_MS / 2;
    await restart();
    expect(session()).toMatchObject({ status: 'active', sessionId, user: who });
    expect(await scan('C-2001')).toMatchObject({ outcome: 'good', message: 'Child 1 of 3 linked to P-1001' });
    expect(events(lastSeq() - 1)).toEqual([expect.objectContaining({ userId: 'u-packer', sessionId })]);
  });

  test('comes back locked if it was locked', async () => {
    await open(['packer']);
    await signIn(packer);
    const { sessionId } = session();
    await h['session.lock']({});
    await restart();
    expect(session()).toMatchObject({ status: 'locked', sessionId, user: { userId: 'u-packer' }, pinPrompt: { purpose: 'resume' } });
    expect(await scan('P-1001')).toMatchObject({ outcome: 'bad', message: 'Screen locked: Pat Packer, scan your badge to continue' });
    expect(await pin(packer.pin)).toMatchObject({ outcome: 'good', message: 'Welcome back, Pat Packer' });
    expect(session()).toMatchObject({ status: 'active', sessionId });
  });

  test('after more than the idle time comes back locked', async () => {
    await open(['packer']);
    await signIn(packer);
    const { sessionId } = session();
    await close();
    now += IDLE_MS + 1000;
    await open();
    expect(session()).toMatchObject({ status: 'locked', sessionId });
    expect(events(lastSeq() - 1)).toEqual([expect.objectContaining({ type: 'session.locked', payload: { sessionId, reason: 'idle' }, userId: 'u-packer' })]);
  });
});

describe('without a session', () => {
  test('a scan is refused with "Scan your badge to start" and recorded', async () => {
    await open(['packer']);
    const before = lastSeq();
    expect(await scan('P-1001')).toMatchObject({ outcome: 'bad', message: NO_SESSION, codeClass: 'parent' });
    expect(events(before)).toEqual([expect.objectContaining({ type: 'scan.rejected', payload: { code: 'P-1001', codeClass: 'parent', reason: NO_SESSION }, userId: null, role: null, sessionId: null })]);
    expect(station.state().slices.bag.openParent).toBeNull();
    expect(station.state().pendingErrors).toEqual([expect.objectContaining({ message: NO_SESSION })]);
  });

  test('a command (bag.close, and its barcode) is refused and recorded', async () => {
    await open(['packer']);
    const before = lastSeq();
    expect(await h['bag.close']({})).toMatchObject({ outcome: 'bad', message: NO_SESSION, code: 'bag.close', deviceId: 'ui' });
    expect(await scan('CMD:CLOSE')).toMatchObject({ outcome: 'bad', message: NO_SESSION });
    expect(events(before).map((e) => [e.type, e.payload, e.userId])).toEqual([
      ['scan.rejected', { code: 'bag.close', codeClass: 'command', reason: NO_SESSION }, null],
      ['scan.rejected', { code: 'CMD:CLOSE', codeClass: 'command', reason: NO_SESSION }, null],
    ]);
  });
});

describe('supervisor override', () => {
  async function packerWithTwoChildren(): Promise<string> {
    await open(['packer', 'supervisor']);
    await signIn(packer);
    await scan('P-1001');
    await scan('C-2001');
    await scan('C-2002');
    return session().sessionId!;
  }

  test('a packer\'s undo waits for a supervisor\'s badge and PIN; the undo and its approval commit in one transaction', async () => {
    const packerSession = await packerWithTwoChildren();
    let before = lastSeq();
    const asked = 'Undo last needs a supervisor: Pat Packer is a packer. A supervisor scans their badge to approve';
    expect(await h['bag.undo']({})).toMatchObject({ outcome: 'bad', message: asked });
    expect(events(before)).toEqual([expect.objectContaining({ type: 'scan.rejected', payload: { code: 'bag.undo', codeClass: 'command', reason: asked }, userId: 'u-packer', sessionId: packerSession })]);
    expect(station.state().prompt).toEqual({ kind: 'override', action: 'Undo last', permission: 'pack.undo', requestedBy: 'Pat Packer', stage: 'badge', supervisor: null, error: null });

    // A packer's badge cannot approve.
    expect(await scan(packer.badge)).toMatchObject({ outcome: 'bad', message: 'Pat Packer may not approve: a supervisor must scan their badge' });
    expect(station.state().prompt).toMatchObject({ stage: 'badge', error: 'Pat Packer may not approve: a supervisor must scan their badge' });
    expect(session()).toMatchObject({ user: { userId: 'u-packer' }, pinPrompt: null });

    // The supervisor's badge moves the prompt on to the PIN; a wrong one is refused and counted against the supervisor.
    expect(await scan(supervisor.badge)).toMatchObject({ outcome: 'good', message: 'Sam Supervisor: enter your PIN and a reason' });
    expect(station.state().prompt).toMatchObject({ stage: 'pin', supervisor: 'Sam Supervisor', error: null });
    before = lastSeq();
    expect(await h['override.approve']({ pin: WRONG, reason: 'double scan' })).toMatchObject({ outcome: 'bad', message: 'Wrong PIN (1 of 5)' });
    expect(events(before).map((e) => [e.type, e.payload])).toEqual([
      ['session.pin_failed', { userId: 'u-supervisor', failures: 1 }],
      ['scan.rejected', { code: 'override.approve', codeClass: 'command', reason: 'Wrong PIN (1 of 5)' }],
    ]);
    expect(station.state().prompt).toMatchObject({ stage: 'pin', error: 'Wrong PIN (1 of 5)' });
    expect(station.state().slices.bag.openParent?.children).toEqual(['C-2001', 'C-2002']);

    // The right PIN and a reason: the undo runs as the packer's, approved by the supervisor.
    before = lastSeq();
    const done = await h['override.approve']({ pin: supervisor.pin, reason: 'C-2002 was scanned by mistake' });
    expect(done).toMatchObject({ outcome: 'good', message: 'Undone: C-2002 removed from P-1001 (1 of 3)', seq: before + 2 });
    const committed = events(before);
    expect(committed).toEqual([
      expect.objectContaining({ seq: before + 1, type: 'bag.link_reversed', payload: { parent: 'P-1001', child: 'C-2002', reversesSeq: expect.any(Number), reason: 'undo' } }),
      expect.objectContaining({
        seq: before + 2, type: 'override.approved',
        payload: { action: 'bag.undo', permission: 'pack.undo', requestedBy: 'u-packer', supervisorId: 'u-supervisor', reason: 'C-2002 was scanned by mistake' },
      }),
    ]);
    for (const e of committed) expect(e).toMatchObject({ userId: 'u-packer', role: 'packer', sessionId: packerSession, approvedBy: 'u-supervisor', correlationId: done.correlationId });
    expect(station.state().prompt).toBeNull();
    expect(station.state().slices.bag.openParent?.children).toEqual(['C-2001']);
    // The supervisor approved; the packer is still the one signed in, and the failure count was not reset by an approval.
    expect(session()).toMatchObject({ status: 'active', user: { userId: 'u-packer' }, sessionId: packerSession });
  });

  test('the requester signed out before the PIN: the prompt closes and nothing is undone', async () => {
    await packerWithTwoChildren();
    await h['bag.undo']({});
    await scan(supervisor.badge);
    await h['session.logout']({});
    expect(station.state().prompt).toBeNull();
    expect(await h['override.approve']({ pin: supervisor.pin, reason: 'late' })).toMatchObject({ outcome: 'bad', message: 'No approval is waiting' });
    expect(station.state().slices.bag.openParent?.children).toEqual(['C-2001', 'C-2002']);
  });

  test('cancel closes the prompt and nothing is undone', async () => {
    await packerWithTwoChildren();
    await h['bag.undo']({});
    await scan(supervisor.badge);
    expect(await h['override.cancel']({})).toMatchObject({ outcome: 'good', message: 'Approval cancelled' });
    expect(station.state().prompt).toBeNull();
    expect(await h['override.approve']({ pin: supervisor.pin, reason: 'late' })).toMatchObject({ outcome: 'bad', message: 'No approval is waiting' });
    expect(station.state().slices.bag.openParent?.children).toEqual(['C-2001', 'C-2002']);
    expect(await h['override.cancel']({})).toMatchObject({ outcome: 'bad', message: 'No approval is waiting' });
  });

  test('malformed approvals: none waiting, before the supervisor\'s badge, a PIN that is not digits (bad-request at the dispatcher)', async () => {
    await packerWithTwoChildren();
    let before = lastSeq();
    expect(await h['override.approve']({ pin: supervisor.pin, reason: 'why' })).toMatchObject({ outcome: 'bad', message: 'No approval is waiting' });
    expect(events(before)).toEqual([expect.objectContaining({ type: 'scan.rejected', payload: { code: 'override.approve', codeClass: 'command', reason: 'No approval is waiting' }, userId: 'u-packer' })]);

    await h['bag.undo']({});
    expect(await h['override.approve']({ pin: supervisor.pin, reason: 'why' })).toMatchObject({ outcome: 'bad', message: 'A supervisor scans their badge first' });
    expect(station.state().prompt).toMatchObject({ stage: 'badge' });

    await scan(supervisor.badge);
    before = lastSeq();
    const bad = await dispatch(station.endpoint, { id: 7, name: 'override.approve', payload: { pin: '12ab', reason: 'why' } });
    expect(bad).toEqual({ kind: 'response', id: 7, ok: false, error: { code: 'bad-request', message: 'invalid override.approve: pin: a PIN is 4 to 8 digits' } });
    const noReason = await dispatch(station.endpoint, { id: 8, name: 'override.approve', payload: { pin: supervisor.pin, reason: '   ' } });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/^invalid override\.approve: reason: /) } });
    expect(JSON.stringify(noReason)).not.toContain(supervisor.pin);
    const extra = await dispatch(station.endpoint, { id: 9, name: 'override.approve', payload: { pin: supervisor.pin, reason: 'why', as: 'u-admin' } });
    expect(extra).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    // None of them reached the station: nothing recorded, the prompt still waits for the PIN.
    expect(lastSeq()).toBe(before);
    expect(station.state().prompt).toMatchObject({ stage: 'pin', supervisor: 'Sam Supervisor' });
    // A well-formed one through the same dispatcher approves.
    const ok = await dispatch(station.endpoint, { id: 10, name: 'override.approve', payload: { pin: supervisor.pin, reason: 'fixing a double scan' } });
    expect(ok).toMatchObject({ ok: true, result: { outcome: 'good', message: 'Undone: C-2002 removed from P-1001 (1 of 3)' } });
  });
});

test('a PIN never appears in an event, a log line, an answer, an error or the state', async () => {
  await open(['packer', 'supervisor', 'admin']);
  const answers: unknown[] = [];
  const keep = async <T>(p: Promise<T>) => { const r = await p; answers.push(r); return r; };
  await keep(scan(packer.badge));
  await keep(pin(WRONG));
  await keep(pin(packer.pin));
  await keep(scan('P-1001'));
  await keep(scan('C-2001'));
  await keep(h['bag.undo']({}));
  await keep(scan(supervisor.badge));
  await keep(h['override.approve']({ pin: WRONG, reason: 'test' }));
  await keep(h['override.approve']({ pin: supervisor.pin, reason: 'test' }));
  await keep(scan(admin.badge));
  await keep(pin(admin.pin));
  await keep(h['user.create']({ name: 'Nia New', role: 'packer', badge: 'B-NEW001', pin: '90817263' }));
  await keep(h['user.reset_pin']({ userId: 'u-packer', pin: '18273645' }));
  await keep(dispatch(station.endpoint, { id: 1, name: 'session.pin', payload: { pin: '1234567890' } }));
  await keep(dispatch(station.endpoint, { id: 2, name: 'user.create', payload: { name: 'X', role: 'packer', badge: 'B-X00001', pin: '12a45' } }));
  await new Promise((resolve) => setTimeout(resolve, 20)); // the log lines written with the state patch

  const secrets = [...Object.values(PINS), WRONG, '90817263', '18273645', '1234567890', '12a45'];
  const everything = {
    events: store.db.prepare('SELECT * FROM events').all(),
    screen: [store.db.prepare('SELECT * FROM pending_errors').all(), store.db.prepare('SELECT * FROM recent_scans').all()],
    logs,
    answers,
    pushed,
    state: station.state(),
  };
  const text = JSON.stringify(everything);
  for (const secret of secrets) expect([secret, text.includes(secret)]).toEqual([secret, false]);
  // The PINs were really used: the events hold their hashes.
  expect(events().filter((e) => e.type === 'user.pin_reset')).toEqual([expect.objectContaining({ payload: expect.objectContaining({ pinHash: expect.stringMatching(/^scrypt\$/) }) })]);
  expect(logs.length).toBeGreaterThan(0);
});
