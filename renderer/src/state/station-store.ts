import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DeviceStatus, DiagnosticScan, ScanResult, StationState, StatePatch } from '../api';
import type { ConnectionStatus } from '../bridge/connection';

/** The bag that was open before the current state, kept so the packer sees it was closed. */
export interface ClosedBag {
  code: string;
  count: number;
  capacity: number;
}

/** Everything the kiosk shows. The station is the source of truth; this is only its latest picture. */
export interface StationView {
  connection: ConnectionStatus;
  state: StationState | null;
  lastResult: ScanResult | null;
  lastClosed: ClosedBag | null;
  /** A request the station could not carry out (e.g. while reconnecting); cleared by the next success. */
  requestError: string | null;
  screen: Screen;
  diagnostics: DiagnosticsView;
}

export type Screen = 'scan' | 'diagnostics' | 'users' | 'audit' | 'search' | 'shift' | 'bills' | 'manifests' | 'dashboard' | 'eod';

/** The diagnostics screen's table: the station's last decoded scans, newest first, as it sent them. */
export interface DiagnosticsView {
  scans: DiagnosticScan[];
  /** Why the last refresh failed; null after a good one. */
  error: string | null;
}

export type StationStore = StoreApi<StationView>;

export function createStationStore(connection: ConnectionStatus): StationStore {
  return createStore<StationView>(() => ({
    connection,
    state: null,
    lastResult: null,
    lastClosed: null,
    requestError: null,
    screen: 'scan',
    diagnostics: { scans: [], error: null },
  }));
}

/** Applies a new station state, remembering a bag that stopped being open as closed. */
export function applyState(store: StationStore, next: StationState): void {
  store.setState((view) => {
    const previous = view.state?.slices.bag.openParent;
    const stillOpen = previous && next.slices.bag.openParent?.code === previous.code;
    const lastClosed = previous && !stillOpen
      ? { code: previous.code, count: previous.children.length, capacity: previous.capacity }
      : view.lastClosed;
    return { state: next, lastClosed };
  });
}

/** How many of the last results the scan screen lists (the station's state carries as many). */
const RECENT_SHOWN = 20;

/**
 * Applies one scan outcome; returns false when it was already shown (event and response both carry it).
 * Only the answer changes here: the list of last scans follows with the patch a moment later, so the
 * answer's frame paints the answer alone.
 */
export function applyResult(store: StationStore, result: ScanResult): boolean {
  if (store.getState().lastResult?.correlationId === result.correlationId) return false;
  store.setState({ lastResult: result });
  return true;
}

/** Applies what a commit touched: its slices, the new results (prepended once each), the errors and the prompt. */
export function applyPatch(store: StationStore, patch: StatePatch): void {
  const current = store.getState().state;
  if (!current) return;
  const fresh = patch.results.filter((r) => !current.recentScans.some((known) => known.correlationId === r.correlationId));
  applyState(store, {
    ...current,
    slices: { ...current.slices, ...patch.slices },
    recentScans: [...fresh, ...current.recentScans].slice(0, RECENT_SHOWN),
    pendingErrors: patch.pendingErrors,
    prompt: patch.prompt,
  });
}

export function applyDeviceStatus(store: StationStore, device: DeviceStatus): void {
  store.setState((view) => {
    if (!view.state) return {};
    const others = view.state.devices.filter((d) => d.deviceId !== device.deviceId);
    const index = view.state.devices.findIndex((d) => d.deviceId === device.deviceId);
    const devices = index < 0 ? [...others, device] : view.state.devices.map((d, i) => (i === index ? device : d));
    return { state: { ...view.state, devices } };
  });
}
