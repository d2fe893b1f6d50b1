import type { EventName, ScanResult, StationBridge, StationState } from '../../../renderer/src/api';
import { connectAdmin, mayOpen } from '../../../renderer/src/state/admin-controller';
import { SHIFT_PAGE, shiftSubject } from '../../../renderer/src/state/shift-controller';
import { createStationStore } from '../../../renderer/src/state/station-store';

type Call = { name: string; payload: Record<string, unknown>; resolve: (value: unknown) => void; reject: (error: Error) => void };

/** A bridge whose answers the test settles, in any order (as in admin-controller.test.ts). */
function testBridge() {
  const calls: Call[] = [];
  const listeners = new Map<EventName, Array<(payload: unknown) => void>>();
  const bridge = {
    request: (name: string, payload: Record<string, unknown>) => new Promise((resolve, reject) => calls.push({ name, payload, resolve, reject })),
    on: (event: EventName, listener: (payload: unknown) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return () => {};
    },
  } as unknown as StationBridge;
  const emit = (event: EventName, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
  const take = (name: string) => {
    const index = calls.findIndex((c) => c.name === name);
    if (index < 0) throw new Error(`no pending ${name} (pending: ${calls.map((c) => c.name).join(', ')})`);
    return calls.splice(index, 1)[0]!;
  };
  return { bridge, calls, emit, take };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const row = (seq: number, type: string, payload: Record<string, unknown>) => ({
  seq, at: '2026-03-01T08:00:00.000Z', type, userId: 'u', userName: 'U', role: 'packer', stationId: 's', sessionId: 'x', approvedBy: null, approvedByName: null, payload, reason: null,
});
const page = (rows: ReturnType<typeof row>[], next: number | null) => ({ rows, next, head: null });

function stationAs(role: string | null, userId = 'u') {
  const store = createStationStore('connected');
  const session = { status: role ? 'active' : 'signed-out', user: role ? { userId, name: userId.toUpperCase(), role } : null };
  store.setState({ state: { slices: { session } } as unknown as StationState });
  return store;
}

describe('the shift screen', () => {
  it('any signed-in role may open it; nobody signed in may not', () => {
    expect(['packer', 'dispatcher', 'biller', 'supervisor', 'admin', null].map((r) => mayOpen('shift', r as never))).toEqual([true, true, true, true, true, false]);
  });

  it('a packer gets their own shift, no picker; Older and Newest walk a stack of keyset cursors; Back returns whence it came', async () => {
    const { bridge, calls, take } = testBridge();
    const station = stationAs('packer');
    station.setState({ screen: 'search' });
    const admin = connectAdmin(bridge, station);
    admin.openShift();
    expect(station.getState().screen).toBe('shift');
    const first = take('history.shift');
    expect(first.payload).toEqual({ limit: SHIFT_PAGE });
    expect(calls.map((c) => c.name)).not.toContain('user.list');
    first.resolve(page([row(9, 'bag.child_linked', { parent: 'P-1', child: 'C-2' })], 9));
    await settle();
    expect(admin.store.getState().shift).toMatchObject({ userId: null, cursors: [null], next: 9, error: null });

    void admin.olderShift();
    const older = take('history.shift');
    expect(older.payload).toEqual({ limit: SHIFT_PAGE, before: 9 });
    older.resolve(page([row(3, 'session.started', {})], null));
    await settle();
    expect(admin.store.getState().shift).toMatchObject({ cursors: [null, 9], next: null });
    expect(admin.store.getState().shift.rows.map((r) => r.seq)).toEqual([3]);

    void admin.newestShift();
    expect(take('history.shift').payload).toEqual({ limit: SHIFT_PAGE });
    admin.backFromShift();
    expect(station.getState().screen).toBe('search');
  });

  it('a supervisor gets the picker and another user\'s shift; a refusal is kept in words', async () => {
    const { bridge, take } = testBridge();
    const station = stationAs('supervisor', 's');
    const admin = connectAdmin(bridge, station);
    admin.openShift();
    const list = take('user.list');
    list.resolve({ rows: [{ userId: 'p', name: 'P', role: 'packer', badge: 'B', active: true }], next: null });
    take('history.shift').resolve(page([], null));
    await settle();
    expect(admin.store.getState().shift.users.map((u) => u.userId)).toEqual(['p']);

    void admin.pickShiftUser('p');
    const theirs = take('history.shift');
    expect(theirs.payload).toEqual({ limit: SHIFT_PAGE, userId: 'p' });
    theirs.reject(new Error('S may see only their own shift, not p\'s'));
    await settle();
    expect(admin.store.getState().shift).toMatchObject({ userId: 'p', rows: [], error: 'S may see only their own shift, not p\'s' });
    // their own again: no userId sent
    void admin.pickShiftUser('s');
    expect(take('history.shift').payload).toEqual({ limit: SHIFT_PAGE });
    expect(station.getState().screen).toBe('shift');
  });

  it('a scan reloads the newest page; another user signing in leaves the screen', async () => {
    const { bridge, emit, take } = testBridge();
    const station = stationAs('packer');
    const admin = connectAdmin(bridge, station);
    admin.openShift();
    take('history.shift').resolve(page([], null));
    await settle();
    emit('scan.result', { deviceId: 'demo', code: 'C-1', codeClass: 'child', outcome: 'good' } as Partial<ScanResult>);
    expect(take('history.shift').payload).toEqual({ limit: SHIFT_PAGE });
    station.setState({ state: { slices: { session: { status: 'active', user: { userId: 'other', name: 'O', role: 'packer' } } } } as unknown as StationState });
    expect(station.getState().screen).toBe('scan');
  });

  it('a row is about its child, else its container or parent, else a refused scan\'s code', () => {
    expect(shiftSubject({ payload: { parent: 'P-1', child: 'C-2' } })).toEqual({ code: 'C-2', as: ['child'] });
    expect(shiftSubject({ payload: { parent: 'P-1', capacity: 10 } })).toEqual({ code: 'P-1', as: ['container'] });
    expect(shiftSubject({ payload: { container: 'S-1', type: 'sack' } })).toEqual({ code: 'S-1', as: ['container'] });
    expect(shiftSubject({ payload: { code: 'X-9', codeClass: 'unknown', reason: 'Unknown code' } })).toEqual({ code: 'X-9', as: [] });
    expect(shiftSubject({ payload: null })).toEqual({ code: null, as: [] });
  });
});
