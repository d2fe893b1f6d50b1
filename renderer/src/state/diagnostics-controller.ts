import type { StationBridge } from '../api';
import type { StationStore } from './station-store';

/** How many scans the diagnostics table asks for. */
export const DIAGNOSTICS_LIMIT = 50;

/** Opening, refreshing and leaving the diagnostics screen. Supervisor-only once roles exist. */
export interface DiagnosticsActions {
  openDiagnostics(): void;
  closeDiagnostics(): void;
  refreshDiagnostics(): Promise<void>;
}

/**
 * The diagnostics table reads `diagnostics.recent` when the screen opens, after every scan result
 * while it is open, and when "Refresh" is pressed. Only the newest request's answer is applied, so a
 * slow earlier answer can never replace a newer table.
 */
export function connectDiagnostics(bridge: StationBridge, store: StationStore): DiagnosticsActions {
  let latest = 0;
  const refresh = async () => {
    const request = ++latest;
    try {
      const scans = await bridge.request('diagnostics.recent', { limit: DIAGNOSTICS_LIMIT });
      if (request === latest) store.setState({ diagnostics: { scans, error: null } });
    } catch (error) {
      if (request === latest) store.setState((view) => ({ diagnostics: { ...view.diagnostics, error: (error as Error).message } }));
    }
  };

  bridge.on('scan.result', () => {
    if (store.getState().screen === 'diagnostics') void refresh();
  });

  return {
    openDiagnostics: () => {
      store.setState({ screen: 'diagnostics' });
      void refresh();
    },
    closeDiagnostics: () => store.setState({ screen: 'scan' }),
    refreshDiagnostics: refresh,
  };
}
