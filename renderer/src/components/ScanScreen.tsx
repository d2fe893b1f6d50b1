import { ActionBar } from './ActionBar';
import { BagPanel } from './BagPanel';
import { AfterClose } from './container/AfterClose';
import { ContainerActions } from './container/ContainerActions';
import { ContainerPanel } from './container/ContainerPanel';
import { DemoPanel } from './DemoPanel';
import { RecentScans } from './RecentScans';
import { ScanStatus } from './ScanStatus';
import { useStationView } from '../state/context';

/**
 * The packer's screen: the bag (or, where container types are configured, the container) on the
 * left, the last answer and last scans on the right, actions below.
 */
export function ScanScreen() {
  const containers = useStationView((view) => view.state?.slices.container !== undefined);
  return (
    <div className="page" data-testid="scan-screen">
      <main className="screen">
        {containers ? <ContainerPanel /> : <BagPanel />}
        <div className="screen__side">
          <ScanStatus />
          <RecentScans />
        </div>
      </main>
      {containers && <AfterClose />}
      <DemoPanel />
      {containers ? <ContainerActions /> : <ActionBar />}
    </div>
  );
}
