import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DeviceHealth, Role, StationBridge } from '../api';
import type { FloorFigures, StationFigures } from '../../../src/workflows/dashboard/contract';
import type { StationStore, StationView } from './station-store';

/** Who may open the supervisor screen (dashboard.view). The core refuses the others anyway. */
export const mayOpenDashboard = (role: Role | null | undefined): boolean => role === 'supervisor' || role === 'admin';

/** How often the open screen reads again without a scan (scans refresh it as well). */
export const DASHBOARD_REFRESH_MS = 10_000;
/** The hours shown: this one and the eleven before it. */
export const DASHBOARD_HOURS = 12;

export interface DashboardView {
  local: StationFigures | null;
  floor: FloorFigures | null;
  devices: DeviceHealth[];
  error: string | null;
  /** The retry/skip panel of quarantined events (the audit screen's) shown here. */
  showQuarantine: boolean;
}

export interface DashboardActions {
  store: StoreApi<DashboardView>;
  open(): void;
  back(): void;
  refresh(): Promise<void>;
  toggleQuarantine(): void;
}

/** [from, to) of the window: whole hours, ending with the one now under way. */
export function dashboardWindow(now: Date, hours = DASHBOARD_HOURS): { from: string; to: string } {
  const end = new Date(now);
  end.setUTCMinutes(0, 0, 0);
  end.setUTCHours(end.getUTCHours() + 1);
  return { from: new Date(end.getTime() - hours * 3_600_000).toISOString(), to: end.toISOString() };
}

const roleOf = (view: StationView) => (view.state?.slices.session.status === 'active' ? view.state.slices.session.user?.role : null);

/**
 * The supervisor screen's data: this station's figures, central's (or why not), and the device
 * records, read when the screen opens, after every state patch while it is open (at most one read in
 * flight, one more queued), and every 10 s. Only the newest answer is kept.
 */
export function connectDashboard(bridge: StationBridge, station: StationStore): DashboardActions {
  const store = createStore<DashboardView>(() => ({ local: null, floor: null, devices: [], error: null, showQuarantine: false }));
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<void> | null = null;
  let again = false;

  async function read(): Promise<void> {
    const window = dashboardWindow(new Date());
    try {
      // local first: it is quick, and it is what the screen shows if central is slow
      const [local, devices] = await Promise.all([bridge.request('dashboard.figures', window), bridge.request('station.device_health', {})]);
      store.setState({ local, devices, error: null });
      store.setState({ floor: await bridge.request('dashboard.floor', window) });
    } catch (err) {
      store.setState({ error: (err as Error).message });
    }
  }

  function refresh(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = read().finally(() => {
      running = null;
      if (again && station.getState().screen === 'dashboard') {
        again = false;
        void refresh();
      }
    });
    return running;
  }

  station.subscribe((view, previous) => {
    if (view.screen !== 'dashboard') {
      if (previous.screen === 'dashboard' && timer) clearInterval(timer);
      return;
    }
    // a session that may not see it (signed out, another user) leaves the screen
    if (view.state && !mayOpenDashboard(roleOf(view))) {
      station.setState({ screen: 'scan' });
      return;
    }
    if (previous.screen !== 'dashboard') {
      timer = setInterval(() => void refresh(), DASHBOARD_REFRESH_MS);
      void refresh();
    } else if (view.state !== previous.state) void refresh();
  });

  return {
    store,
    open: () => station.setState({ screen: 'dashboard' }),
    back: () => station.setState({ screen: 'scan' }),
    refresh,
    toggleQuarantine: () => store.setState((v) => ({ showQuarantine: !v.showQuarantine })),
  };
}
