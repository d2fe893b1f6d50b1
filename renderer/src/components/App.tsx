import { useStationView } from '../state/context';
import { AuditScreen } from './admin/AuditScreen';
import { UsersScreen } from './admin/UsersScreen';
import { BillsScreen } from './bill/BillsScreen';
import { DashboardScreen } from './dashboard/DashboardScreen';
import { ConnectionBanner } from './ConnectionBanner';
import { DiagnosticsScreen } from './DiagnosticsScreen';
import { EodScreen } from './eod/EodScreen';
import { ErrorDialog } from './ErrorDialog';
import { ManifestBanner } from './manifest/ManifestBanner';
import { ManifestsScreen } from './manifest/ManifestsScreen';
import { ScanScreen } from './ScanScreen';
import { SearchScreen } from './search/SearchScreen';
import { ShiftScreen } from './search/ShiftScreen';
import { OverrideDialog } from './session/OverrideDialog';
import { SignInScreen } from './session/SignInScreen';
import { TopBar } from './TopBar';

/** The kiosk: header, then the scan screen or the diagnostics screen. Errors show over either. */
export function App() {
  const screen = useStationView((view) => view.screen);
  const signedIn = useStationView((view) => view.state?.slices.session.status === 'active');
  return (
    <div className="app">
      <ConnectionBanner />
      <TopBar />
      {signedIn && <ManifestBanner />}
      {!signedIn ? <SignInScreen /> : screen === 'diagnostics' ? <DiagnosticsScreen />
        : screen === 'users' ? <UsersScreen /> : screen === 'audit' ? <AuditScreen /> : screen === 'search' ? <SearchScreen />
        : screen === 'shift' ? <ShiftScreen /> : screen === 'bills' ? <BillsScreen /> : screen === 'manifests' ? <ManifestsScreen /> : screen === 'dashboard' ? <DashboardScreen />
        : screen === 'eod' ? <EodScreen /> : <ScanScreen />}
      <OverrideDialog />
      <ErrorDialog />
    </div>
  );
}
