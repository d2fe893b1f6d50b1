import { ActionBar } from './ActionBar';
import { BagPanel } from './BagPanel';
import { DemoPanel } from './DemoPanel';
import { RecentScans } from './RecentScans';
import { ScanStatus } from './ScanStatus';

/** The packer's screen: bag on the left, the last answer and last scans on the right, actions below. */
export function ScanScreen() {
  return (
    <div className="page" data-testid="scan-screen">
      <main className="screen">
        <BagPanel />
        <div className="screen__side">
          <ScanStatus />
          <RecentScans />
        </div>
      </main>
      <DemoPanel />
      <ActionBar />
    </div>
  );
}
