import type { DeviceStatus, ScanResult, StationState } from '../../../renderer/src/api';
import { applyDeviceStatus, applyPatch, applyResult, applyState, createStationStore } from '../../../renderer/src/state/station-store';

const signedOut: StationState['slices']['session'] = { status: 'signed-out', user: null, sessionId: null, startedAt: null, pinPrompt: null, idleLockMs: 300_000, demoUsers: null };
function state(openParent: StationState['slices']['bag']['openParent'], devices: DeviceStatus[] = []): StationState {
  return { stationId: 'st-1', slices: { bag: { openParent }, session: signedOut }, prompt: null, recentScans: [], pendingErrors: [], devices, demoPanel: false };
}
const bag = (code: string, children: string[], capacity = 10) => ({ code, capacity, children });

describe('the closed-bag rule (applyState)', () => {
  it('remembers a bag that stopped being open as closed, with its count', () => {
    const store = createStationStore('connected');
    applyState(store, state(bag('P-1001', ['C-2001', 'C-2002'])));
    expect(store.getState().lastClosed).toBeNull();
    applyState(store, state(null));
    expect(store.getState().lastClosed).toEqual({ code: 'P-1001', count: 2, capacity: 10 });
  });

  it('counts a bag replaced by another one as closed', () => {
    const store = createStationStore('connected');
    applyState(store, state(bag('P-1001', ['C-2001'], 5)));
    applyState(store, state(bag('P-1002', [])));
    expect(store.getState().lastClosed).toEqual({ code: 'P-1001', count: 1, capacity: 5 });
  });

  it('keeps the last closed bag while the same bag fills, and across states with no bag', () => {
    const store = createStationStore('connected');
    applyState(store, state(bag('P-1001', [])));
    applyState(store, state(null));
    applyState(store, state(null));
    expect(store.getState().lastClosed?.code).toBe('P-1001');
    applyState(store, state(bag('P-1002', [])));
    applyState(store, state(bag('P-1002', ['C-2001'])));
    expect(store.getState().lastClosed?.code).toBe('P-1001');
  });
});

describe('applyResult', () => {
  const result: ScanResult = { correlationId: 'c1', deviceId: 'demo', code: 'P-1001', codeClass: 'parent', outcome: 'good', message: 'Bag opened', seq: 1, at: '2025-01-01T00:00:00Z' };

  it('shows a result once, although the response and the pushed event both carry it', () => {
    const store = createStationStore('connected');
    expect(applyResult(store, result)).toBe(true);
    expect(applyResult(store, { ...result })).toBe(false);
    expect(applyResult(store, { ...result, correlationId: 'c2' })).toBe(true);
    expect(store.getState().lastResult?.correlationId).toBe('c2');
  });
});

describe('applyPatch', () => {
  const result = (n: number): ScanResult => ({ correlationId: `c${n}`, deviceId: 'demo', code: `C-${n}`, codeClass: 'child', outcome: 'good', message: `Child ${n}`, seq: n, at: '2025-01-01T00:00:00Z' });

  it('the answer alone changes the answer; the list of last scans and the bag follow with the patch', () => {
    const store = createStationStore('connected');
    applyState(store, state(bag('P-1001', [])));
    applyResult(store, result(1));
    expect(store.getState().state?.recentScans).toEqual([]);
    applyPatch(store, { slices: { bag: { openParent: bag('P-1001', ['C-1']) } }, results: [result(1)], pendingErrors: [], prompt: null });
    expect(store.getState().state?.recentScans.map((r) => r.code)).toEqual(['C-1']);
    expect(store.getState().state?.slices.bag.openParent?.children).toEqual(['C-1']);
    expect(store.getState().state?.slices.session).toEqual(signedOut); // untouched slices stay
  });

  it('prepends each new result once, newest first, and keeps at most 20', () => {
    const store = createStationStore('connected');
    applyState(store, state(null));
    applyPatch(store, { slices: {}, results: [result(2), result(1)], pendingErrors: [], prompt: null });
    applyPatch(store, { slices: {}, results: [result(3), result(2)], pendingErrors: [], prompt: null });
    expect(store.getState().state?.recentScans.map((r) => r.seq)).toEqual([3, 2, 1]);
    applyPatch(store, { slices: {}, results: Array.from({ length: 25 }, (_, i) => result(100 - i)), pendingErrors: [], prompt: null });
    expect(store.getState().state?.recentScans).toHaveLength(20);
    expect(store.getState().state?.recentScans[0]?.seq).toBe(100);
  });
});

describe('applyDeviceStatus', () => {
  const serial = (status: DeviceStatus['status']): DeviceStatus => ({ deviceId: 'serial-1', kind: 'serial', status });

  it('replaces a known device in place and appends a new one', () => {
    const store = createStationStore('connected');
    const demo: DeviceStatus = { deviceId: 'demo', kind: 'demo', status: 'connected' };
    applyState(store, state(null, [serial('connected'), demo]));
    applyDeviceStatus(store, serial('disconnected'));
    applyDeviceStatus(store, { deviceId: 'hid-1', kind: 'hid-pos', status: 'permission-denied' });
    expect(store.getState().state?.devices.map((d) => `${d.deviceId}:${d.status}`)).toEqual(['serial-1:disconnected', 'demo:connected', 'hid-1:permission-denied']);
  });

  it('waits for the first state before it records devices', () => {
    const store = createStationStore('connecting');
    applyDeviceStatus(store, serial('connected'));
    expect(store.getState().state).toBeNull();
  });
});
