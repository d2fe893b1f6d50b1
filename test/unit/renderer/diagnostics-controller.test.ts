import type { DiagnosticScan, EventName, StationBridge } from '../../../renderer/src/api';
import { connectDiagnostics, DIAGNOSTICS_LIMIT } from '../../../renderer/src/state/diagnostics-controller';
import { createStationStore } from '../../../renderer/src/state/station-store';

const scan = (deviceId: string): DiagnosticScan => ({
  at: '2025-01-01T00:00:00.000Z', deviceId, hex: '41', text: 'A', aim: null, symbology: null, gs1: null, codeClass: 'unknown', valid: true, error: null, duplicate: false,
});

/** A bridge whose `diagnostics.recent` answers are settled by the test, in any order. */
function fakeBridge() {
  const calls: Array<{ payload: unknown; resolve: (scans: DiagnosticScan[]) => void; reject: (error: Error) => void }> = [];
  const listeners = new Map<EventName, Array<(payload: unknown) => void>>();
  const bridge = {
    request: (name: string, payload: unknown) => {
      if (name !== 'diagnostics.recent') throw new Error(`unexpected request ${name}`);
      return new Promise((resolve, reject) => calls.push({ payload, resolve, reject }));
    },
    on: (event: EventName, listener: (payload: unknown) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return () => {};
    },
  } as unknown as StationBridge;
  const emit = (event: EventName) => listeners.get(event)?.forEach((listener) => listener({}));
  return { bridge, calls, emit };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('connectDiagnostics', () => {
  it('opens the screen and loads the last scans', async () => {
    const { bridge, calls } = fakeBridge();
    const store = createStationStore('connected');
    connectDiagnostics(bridge, store).openDiagnostics();
    expect(store.getState().screen).toBe('diagnostics');
    expect(calls.map((c) => c.payload)).toEqual([{ limit: DIAGNOSTICS_LIMIT }]);
    calls[0]!.resolve([scan('serial-1')]);
    await settle();
    expect(store.getState().diagnostics).toEqual({ scans: [scan('serial-1')], error: null });
  });

  it('reloads on each scan result while open, and not once back on the scan screen', () => {
    const { bridge, calls, emit } = fakeBridge();
    const store = createStationStore('connected');
    const actions = connectDiagnostics(bridge, store);
    emit('scan.result');
    expect(calls).toHaveLength(0);
    actions.openDiagnostics();
    emit('scan.result');
    expect(calls).toHaveLength(2);
    actions.closeDiagnostics();
    expect(store.getState().screen).toBe('scan');
    emit('scan.result');
    expect(calls).toHaveLength(2);
  });

  it('keeps the newest answer when an older one arrives late', async () => {
    const { bridge, calls } = fakeBridge();
    const store = createStationStore('connected');
    const actions = connectDiagnostics(bridge, store);
    actions.openDiagnostics();
    void actions.refreshDiagnostics();
    calls[1]!.resolve([scan('newer')]);
    await settle();
    calls[0]!.resolve([scan('older')]);
    await settle();
    expect(store.getState().diagnostics.scans.map((s) => s.deviceId)).toEqual(['newer']);
  });

  it('says why a refresh failed and keeps the table it had', async () => {
    const { bridge, calls } = fakeBridge();
    const store = createStationStore('connected');
    const actions = connectDiagnostics(bridge, store);
    actions.openDiagnostics();
    calls[0]!.resolve([scan('serial-1')]);
    await settle();
    void actions.refreshDiagnostics();
    calls[1]!.reject(new Error('No connection to the station. Reconnecting…'));
    await settle();
    expect(store.getState().diagnostics).toEqual({ scans: [scan('serial-1')], error: 'No connection to the station. Reconnecting…' });
    void actions.refreshDiagnostics();
    calls[2]!.resolve([]);
    await settle();
    expect(store.getState().diagnostics).toEqual({ scans: [], error: null });
  });
});
