import { useStationView } from '../state/context';
import { ConnectionBanner } from './ConnectionBanner';
import { DiagnosticsScreen } from './DiagnosticsScreen';
import { ErrorDialog } from './ErrorDialog';
import { ScanScreen } from './ScanScreen';
import { TopBar } from './TopBar';

/** The kiosk: header, then the scan screen or the diagnostics screen. Errors show over either. */
export function App() {
  const screen = useStationView((view) => view.screen);
  return (
    <div className="app">
      <ConnectionBanner />
      <TopBar />
      {screen === 'diagnostics' ? <DiagnosticsScreen /> : <ScanScreen />}
      <ErrorDialog />
    </div>
  );
}
