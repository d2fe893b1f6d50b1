import type { EventName, StationBridge, StationState } from '../../../renderer/src/api';
import {
  auditQuery, connectAdmin, dateTime, localToIso, mayOpen, NO_FILTERS, payloadSummary, shortHash, typeSuggestions, USERS_PAGE,
} from '../../../renderer/src/state/admin-controller';
import { createStationStore } from '../../../renderer/src/state/station-store';

type Call = { name: string; payload: Record<string, unknown>; resolve: (value: unknown) => void; reject: (error: Error) => void };

/** A bridge whose answers the test settles, in any order. */
function fakeBridge() {
  const calls: Call[] = [];
  const listeners = new Map<EventName, Array<(payload: unknown) => void>>();
  const bridge = {
    request: (name: string, payload: Record<string, unknown>) => new Promise((resolve, reject) => calls.push({ name, payload, resolve, reject })),
    on: (event: EventName, listener: (payload: unknown) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return () => {};
    },
  } as unknown as StationBridge;
  const emit = (event: EventName) => listeners.get(event)?.forEach((l) => l({}));
  const take = (name: string) => {
    const index = calls.findIndex((c) => c.name === name);
    if (index < 0) throw new Error(`no pending ${name} (pending: ${calls.map((c) => c.name).join(', ')})`);
    return calls.splice(index, 1)[0]!;
  };
  return { bridge, calls, emit, take };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const user = (userId: string, name = userId) => ({ userId, name, role: 'packer' as const, badge: `B-${userId}`, active: true });
const result = (outcome: 'good' | 'bad', message: string) => ({ correlationId: 'c', deviceId: 'station', code: 'x', codeClass: 'command', outcome, message, at: '' });

function stationAs(role: string | null) {
  const store = createStationStore('connected');
  const session = { status: role ? 'active' : 'signed-out', user: role ? { userId: 'u', name: 'U', role } : null };
  store.setState({ state: { slices: { session } } as unknown as StationState });
  return store;
}

describe('who may open which screen', () => {
  it('users: admin only; audit: admin and supervisor; the rest: anyone', () => {
    expect(['packer', 'supervisor', 'admin', null].map((r) => mayOpen('users', r as never))).toEqual([false, false, true, false]);
    expect(['packer', 'biller', 'supervisor', 'admin', null].map((r) => mayOpen('audit', r as never))).toEqual([false, false, true, true, false]);
    expect(mayOpen('scan', null)).toBe(true);
  });

  it('leaves an admin screen for the scan screen when the session changes to a role that may not use it', () => {
    const { bridge } = fakeBridge();
    const station = stationAs('admin');
    connectAdmin(bridge, station).openUsers();
    expect(station.getState().screen).toBe('users');
    station.setState({ state: { slices: { session: { status: 'active', user: { userId: 's', name: 'S', role: 'supervisor' } } } } as unknown as StationState });
    expect(station.getState().screen).toBe('scan');
    station.setState({ screen: 'audit' });
    expect(station.getState().screen).toBe('audit');
    station.setState({ state: { slices: { session: { status: 'locked', user: { userId: 's', name: 'S', role: 'supervisor' } } } } as unknown as StationState });
    expect(station.getState().screen).toBe('scan');
  });
});

describe('users list', () => {
  it('loads a page with its lockouts; Next and Previous walk a stack of cursors', async () => {
    const { bridge, take } = fakeBridge();
    const admin = connectAdmin(bridge, stationAs('admin'));
    admin.openUsers();
    const first = take('user.list');
    expect(first.payload).toEqual({ search: '', after: null, limit: USERS_PAGE });
    first.resolve({ rows: [user('a'), user('b')], next: 'cursor-1' });
    await settle();
    const locks = take('session.lockouts');
    expect(locks.payload).toEqual({ userIds: ['a', 'b'] });
    locks.resolve([{ userId: 'a', failures: 0, lockedUntil: '2026-03-01T09:00:00.000Z' }, { userId: 'b', failures: 2, lockedUntil: null }]);
    await settle();
    expect(admin.store.getState().users).toMatchObject({ rows: [user('a'), user('b')], next: 'cursor-1', cursors: [null], lockedUntil: { a: '2026-03-01T09:00:00.000Z' }, error: null });

    void admin.nextUsersPage();
    const second = take('user.list');
    expect(second.payload).toMatchObject({ after: 'cursor-1' });
    second.resolve({ rows: [], next: null });
    await settle();
    expect(admin.store.getState().users).toMatchObject({ rows: [], next: null, cursors: [null, 'cursor-1'] });
    void admin.nextUsersPage(); // no next: nothing asked

    void admin.previousUsersPage();
    const back = take('user.list');
    expect(back.payload).toMatchObject({ after: null });
  });

  it('a search starts again at the first page, and a slow older answer never replaces a newer one', async () => {
    const { bridge, take } = fakeBridge();
    const admin = connectAdmin(bridge, stationAs('admin'));
    void admin.searchUsers('an');
    void admin.searchUsers('ann');
    const slow = take('user.list');
    const fast = take('user.list');
    expect(fast.payload).toEqual({ search: 'ann', after: null, limit: USERS_PAGE });
    fast.resolve({ rows: [], next: null });
    await settle();
    slow.resolve({ rows: [user('x')], next: null });
    await settle();
    await settle();
    expect(admin.store.getState().users).toMatchObject({ search: 'ann', rows: [] });
  });

  it('a refused load (forbidden) is kept in words and empties the table', async () => {
    const { bridge, take } = fakeBridge();
    const admin = connectAdmin(bridge, stationAs('admin'));
    admin.openUsers();
    take('user.list').reject(new Error('user.list: Pat is a packer and may not user.list (users.view)'));
    await settle();
    expect(admin.store.getState().users).toMatchObject({ rows: [], error: 'user.list: Pat is a packer and may not user.list (users.view)' });
  });

  it('a command shows its answer, then reads the list again; a failed request becomes an error notice until OK', async () => {
    const { bridge, take } = fakeBridge();
    const admin = connectAdmin(bridge, stationAs('admin'));
    void admin.disableUser('a');
    expect(take('user.disable').payload).toEqual({ userId: 'a' });
    const answered = admin.resetPin('a', '1234');
    take('user.reset_pin').resolve(result('bad', 'No user a at this station'));
    await settle();
    expect(admin.store.getState().notice).toEqual({ kind: 'result', outcome: 'bad', message: 'No user a at this station' });
    take('user.list').resolve({ rows: [], next: null });
    await expect(answered).resolves.toMatchObject({ outcome: 'bad' });

    const failing = admin.createUser({ name: 'N', role: 'packer', badge: 'B-N', pin: '12' });
    take('user.create').reject(new Error('invalid user.create: pin: a PIN is 4 to 8 digits'));
    await expect(failing).resolves.toBeNull();
    expect(admin.store.getState().notice).toEqual({ kind: 'error', message: 'invalid user.create: pin: a PIN is 4 to 8 digits' });
    admin.ackNotice();
    expect(admin.store.getState().notice).toBeNull();

    void admin.changeRole('a', 'biller');
    expect(take('user.change_role').payload).toEqual({ userId: 'a', role: 'biller' });
    void admin.unlockUser('a');
    expect(take('session.unlock').payload).toEqual({ userId: 'a' });
  });
});

describe('audit viewer', () => {
  it('asks with the applied filters; Older and Newer walk a stack of seq cursors; paging keeps the applied filters', async () => {
    const { bridge, take } = fakeBridge();
    const admin = connectAdmin(bridge, stationAs('supervisor'));
    admin.openAudit();
    take('user.list').resolve({ rows: [user('a')], next: null });
    const first = take('audit.events');
    expect(first.payload).toEqual({ limit: 50 });
    first.resolve({ rows: [{ seq: 9 }, { seq: 8 }], next: 8, head: { seq: 9, hash: 'ab'.repeat(32) } });
    await settle();
    expect(admin.store.getState().audit).toMatchObject({ users: [user('a')], next: 8, cursors: [null], head: { seq: 9 } });

    admin.setAuditFilters({ userId: 'a', type: 'session.' });
    void admin.applyAuditFilters();
    const filtered = take('audit.events');
    expect(filtered.payload).toEqual({ limit: 50, userId: 'a', type: 'session.' });
    filtered.resolve({ rows: [{ seq: 5 }], next: 5, head: { seq: 9, hash: 'x' } });
    await settle();
    admin.setAuditFilters({ type: 'typed.but.not.applied' });
    void admin.olderAudit();
    const older = take('audit.events');
    expect(older.payload).toEqual({ limit: 50, userId: 'a', type: 'session.', before: 5 });
    older.resolve({ rows: [{ seq: 2 }], next: null, head: { seq: 9, hash: 'x' } });
    await settle();
    expect(admin.store.getState().audit.cursors).toEqual([null, 5]);
    void admin.newerAudit();
    expect(take('audit.events').payload).toEqual({ limit: 50, userId: 'a', type: 'session.' });
  });

  it('refreshes its first page on each scan result while open, not an older page', async () => {
    const { bridge, take, calls, emit } = fakeBridge();
    const station = stationAs('admin');
    const admin = connectAdmin(bridge, station);
    emit('scan.result');
    expect(calls).toHaveLength(0);
    admin.openAudit();
    take('user.list');
    take('audit.rejections');
    take('audit.events').resolve({ rows: [], next: 3, head: null });
    await settle();
    emit('scan.result');
    take('audit.events');
    void admin.olderAudit();
    take('audit.events').resolve({ rows: [], next: null, head: null });
    await settle();
    emit('scan.result');
    expect(calls).toHaveLength(0);
  });
});

describe('rejections from central', () => {
  const rejection = (centralId: number, seenAt: string | null = null) => ({
    centralId, seq: centralId + 10, eventType: 'bag.child_linked', reason: 'child_linked_elsewhere', detail: 'd', winnerStation: 'pack-02', winnerSeq: 4,
    createdAt: '2026-03-01T08:00:00.000Z', seenAt, userId: 'u', userName: 'U', deviceTime: '2026-03-01T07:59:00.000Z',
  });

  it('loads with the audit screen; Seen sends the command, shows the answer and reads the list again', async () => {
    const { bridge, take, calls } = fakeBridge();
    const admin = connectAdmin(bridge, stationAs('supervisor'));
    admin.openAudit();
    take('user.list');
    take('audit.events');
    const list = take('audit.rejections');
    expect(list.payload).toEqual({ limit: 50 });
    list.resolve({ rows: [rejection(2), rejection(1, '2026-03-01T09:00:00.000Z')], unseen: 1 });
    await settle();
    expect(admin.store.getState().audit).toMatchObject({ unseenRejections: 1, rejectionsError: null });
    expect(admin.store.getState().audit.rejections.map((r) => r.centralId)).toEqual([2, 1]);

    const answered = admin.markRejectionSeen(2);
    const seen = take('audit.rejection_seen');
    expect(seen.payload).toEqual({ centralId: 2 });
    seen.resolve(result('good', 'Rejection of bag.child_linked #12 marked seen'));
    await settle();
    expect(admin.store.getState().notice).toEqual({ kind: 'result', outcome: 'good', message: 'Rejection of bag.child_linked #12 marked seen' });
    take('audit.rejections').resolve({ rows: [rejection(2, '2026-03-01T10:00:00.000Z')], unseen: 0 });
    await expect(answered).resolves.toMatchObject({ outcome: 'good' });
    expect(admin.store.getState().audit.unseenRejections).toBe(0);
    expect(calls).toHaveLength(0);

    void admin.markRejectionSeen(9);
    take('audit.rejection_seen').reject(new Error('not connected'));
    await settle();
    expect(admin.store.getState().notice).toEqual({ kind: 'error', message: 'not connected' });
  });

  it('reads the list again when the unseen count in the state changes while the audit screen is open', async () => {
    const { bridge, take, calls } = fakeBridge();
    const station = stationAs('admin');
    const admin = connectAdmin(bridge, station);
    const withUnseen = (count: number) => station.setState({ state: { ...station.getState().state!, replication: { unseenRejections: count } } as unknown as StationState });
    withUnseen(1);
    expect(calls).toHaveLength(0); // not on the audit screen
    admin.openAudit();
    take('user.list');
    take('audit.events');
    take('audit.rejections');
    withUnseen(2);
    take('audit.rejections').reject(new Error('forbidden'));
    await settle();
    expect(admin.store.getState().audit).toMatchObject({ rejections: [], rejectionsError: 'forbidden' });
    withUnseen(2);
    expect(calls).toHaveLength(0);
  });
});

describe('helpers', () => {
  it('datetime-local values become ISO; "to" covers its whole minute or second', () => {
    const local = new Date(2026, 2, 1, 8, 5);
    expect(localToIso('2026-03-01T08:05', 'from')).toBe(local.toISOString());
    expect(localToIso('2026-03-01T08:05', 'to')).toBe(new Date(local.getTime() + 59_999).toISOString());
    expect(localToIso('2026-03-01T08:05:30', 'to')).toBe(new Date(local.getTime() + 30_999).toISOString());
    expect(localToIso('', 'from')).toBeUndefined();
    expect(localToIso('nonsense', 'to')).toBeUndefined();
    expect(auditQuery({ ...NO_FILTERS, type: '  bag. ' }, null, 10)).toEqual({ limit: 10, type: 'bag.' });
  });

  it('summarises payloads in one line, without the reason (its own column) or the base version', () => {
    expect(payloadSummary({ code: 'P-1', codeClass: 'parent', reason: 'dup', baseVersion: null })).toBe('code=P-1 codeClass=parent');
    expect(payloadSummary({ list: [1, 2] })).toBe('list=[1,2]');
    expect(payloadSummary({ text: 'x'.repeat(300) }, 20)).toHaveLength(20);
    expect(payloadSummary(null)).toBe('');
  });

  it('short hash, local date-time, type suggestions', () => {
    expect(shortHash('0123456789abcdef0123')).toBe('0123456789abcdef');
    expect(dateTime(new Date(2026, 0, 2, 3, 4, 5).toISOString())).toBe('2026-01-02 03:04:05');
    expect(dateTime('bad')).toBe('');
    expect(typeSuggestions([{ type: 'session.started' }, { type: 'session.ended' }, { type: 'scan.rejected' }]))
      .toEqual(['scan.', 'scan.rejected', 'session.', 'session.ended', 'session.started']);
  });
});
