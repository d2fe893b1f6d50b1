import type { RequestName, RequestPayload, ScanResult, StationBridge } from '../api';
import type { ConnectionSource } from '../bridge/connection';
import { createPaintGate } from './paint-gate';
import { applyDeviceStatus, applyPatch, applyResult, applyState, type StationStore } from './station-store';

/** What the packer can do. Every action goes to the station; the screen follows its answer. */
export interface StationActions {
  submitScan(code: string, source: 'wedge' | 'demo'): Promise<void>;
  closeBag(): Promise<void>;
  undoLast(): Promise<void>;
  ackError(id: string): Promise<void>;
  submitPin(pin: string): Promise<void>;
  cancelPin(): Promise<void>;
  lock(): Promise<void>;
  logout(): Promise<void>;
  approveOverride(pin: string, reason: string): Promise<void>;
  cancelOverride(): Promise<void>;
  /** A workflow's button (a container close, a weight accepted, a reprint …): its answer is shown like a scan's. */
  request<N extends RequestName>(name: N, payload: RequestPayload<N>): Promise<void>;
}

/**
 * Wires a bridge to the store: pushed events update it, every (re)connect re-reads the whole
 * state, and each command re-reads it afterwards so the screen never shows a stale count.
 * `onNewResult` fires once per scan outcome (used for the good/bad tone).
 */
export function connectStation(
  bridge: StationBridge,
  connection: ConnectionSource,
  store: StationStore,
  onNewResult: (result: ScanResult) => void,
): StationActions {
  const gate = createPaintGate();
  const showResult = (result: ScanResult) => {
    if (!applyResult(store, result)) return;
    gate.holdForPaint();
    onNewResult(result);
  };
  const refresh = async () => applyState(store, await bridge.request('station.state', {}));

  /** Runs one request; a failure (link down, refused) is shown to the packer instead of thrown. */
  const attempt = async (work: () => Promise<void>) => {
    try {
      await work();
      await refresh();
      store.setState({ requestError: null });
    } catch (error) {
      store.setState({ requestError: (error as Error).message });
    }
  };

  bridge.on('state.changed', (state) => gate.run(() => applyState(store, state)));
  bridge.on('state.patch', (patch) => gate.run(() => applyPatch(store, patch)));
  bridge.on('scan.result', showResult);
  bridge.on('device.status', (device) => applyDeviceStatus(store, device));
  connection.onStatus((status) => {
    store.setState({ connection: status });
    if (status === 'connected') void attempt(async () => {});
  });
  if (connection.status === 'connected') void attempt(async () => {});

  return {
    submitScan: (code, source) => attempt(async () => showResult(await bridge.request('scan.submit', { code, source }))),
    closeBag: () => attempt(async () => showResult(await bridge.request('bag.close', {}))),
    undoLast: () => attempt(async () => showResult(await bridge.request('bag.undo', {}))),
    ackError: (id) => attempt(async () => { await bridge.request('error.ack', { id }); }),
    submitPin: (pin) => attempt(async () => showResult(await bridge.request('session.pin', { pin }))),
    cancelPin: () => attempt(async () => showResult(await bridge.request('session.cancel', {}))),
    lock: () => attempt(async () => showResult(await bridge.request('session.lock', {}))),
    logout: () => attempt(async () => showResult(await bridge.request('session.logout', {}))),
    approveOverride: (pin, reason) => attempt(async () => showResult(await bridge.request('override.approve', { pin, reason }))),
    cancelOverride: () => attempt(async () => showResult(await bridge.request('override.cancel', {}))),
    request: (name, payload) => attempt(async () => {
      const answer = await bridge.request(name, payload);
      if (isScanResult(answer)) showResult(answer);
    }),
  };
}

/** A command's answer is a ScanResult (shown, with its tone); a query's is data, not shown here. */
function isScanResult(answer: unknown): answer is ScanResult {
  return typeof answer === 'object' && answer !== null && 'outcome' in answer && 'message' in answer && 'code' in answer;
}
