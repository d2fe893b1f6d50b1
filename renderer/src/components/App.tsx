import { useStationView } from '../state/context';
import { ActionBar } from './ActionBar';
import { BagPanel } from './BagPanel';
import { ConnectionBanner } from './ConnectionBanner';
import { DemoPanel } from './DemoPanel';
import { DeviceChips } from './DeviceChips';
import { ErrorDialog } from './ErrorDialog';
import { RecentScans } from './RecentScans';
import { ScanStatus } from './ScanStatus';

/** The scan screen: bag on the left, the last answer and last scans on the right, actions below. */
export function App() {
  const stationId = useStationView((view) => view.state?.stationId);
  return (
    <div className="app" data-testid="scan-screen">
      <ConnectionBanner />
      <header className="topbar">
        <h1 className="topbar__title">Packing station{stationId && <span className="topbar__station" data-testid="station-id"> {stationId}</span>}</h1>
        <DeviceChips />
      </header>
      <main className="screen">
        <BagPanel />
        <div className="screen__side">
          <ScanStatus />
          <RecentScans />
        </div>
      </main>
      <DemoPanel />
      <ActionBar />
      <ErrorDialog />
    </div>
  );
}
