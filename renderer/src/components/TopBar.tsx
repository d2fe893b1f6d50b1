import { useTranslation } from 'react-i18next';
import { useStationActions, useStationView } from '../state/context';
import { Button } from './Button';
import { DeviceChips } from './DeviceChips';
import { ReplicationChip } from './ReplicationChip';

/** Station id, one chip per scanner, the replication chip, and the small way into diagnostics. */
export function TopBar() {
  const { t } = useTranslation();
  const actions = useStationActions();
  const stationId = useStationView((view) => view.state?.stationId);
  const onScanScreen = useStationView((view) => view.screen === 'scan');
  return (
    <header className="topbar">
      <h1 className="topbar__title">{t('topbar.title')}{stationId && <span className="topbar__station" data-testid="station-id"> {stationId}</span>}</h1>
      <div className="topbar__status">
        <DeviceChips />
        <ReplicationChip />
        {/* Open to everyone for now; supervisor-only once roles exist. */}
        {onScanScreen && <Button icon="diagnostics" tone="quiet" onClick={actions.openDiagnostics} testId="open-diagnostics">{t('topbar.diagnostics')}</Button>}
      </div>
    </header>
  );
}
