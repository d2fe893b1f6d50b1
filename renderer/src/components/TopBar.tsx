import { useTranslation } from 'react-i18next';
import { useAdminActions } from '../state/admin-context';
import { mayOpen } from '../state/admin-controller';
import { useStationActions, useStationView } from '../state/context';
import { mayVerifyManifests } from '../state/manifest-controller';
import { Button } from './Button';
import { useDashboardActions } from './dashboard/dashboard-context';
import { DeviceChips } from './DeviceChips';
import { useManifestActions } from './manifest/manifest-context';
import { RejectionsChip } from './RejectionsChip';
import { ReplicationChip } from './ReplicationChip';
import { SessionBar } from './session/SessionBar';

/** Station id, one chip per scanner, the replication chip (and the unseen rejections from central), and the small way into diagnostics. */
export function TopBar() {
  const { t } = useTranslation();
  const actions = useStationActions();
  const admin = useAdminActions();
  const manifests = useManifestActions();
  const dashboard = useDashboardActions();
  const stationId = useStationView((view) => view.state?.stationId);
  const onScanScreen = useStationView((view) => view.screen === 'scan');
  const role = useStationView((view) => (view.state?.slices.session.status === 'active' ? view.state.slices.session.user?.role : null));
  const mayDiagnose = role === 'supervisor' || role === 'admin';
  return (
    <header className="topbar">
      <h1 className="topbar__title">{t('topbar.title')}{stationId && <span className="topbar__station" data-testid="station-id"> {stationId}</span>}</h1>
      <div className="topbar__status">
        <SessionBar />
        <DeviceChips />
        <ReplicationChip />
        <RejectionsChip />
        {/* The core refuses diagnostics to other roles anyway; the button only spares them the refusal. */}
        {onScanScreen && mayDiagnose && <Button icon="diagnostics" tone="quiet" onClick={actions.openDiagnostics} testId="open-diagnostics">{t('topbar.diagnostics')}</Button>}
        {onScanScreen && role && <Button tone="quiet" onClick={admin.openSearch} testId="open-search">{t('search.open')}</Button>}
        {onScanScreen && mayOpen('bills', role) && <Button tone="quiet" onClick={admin.openBills} testId="open-bills">{t('bill.open')}</Button>}
        {onScanScreen && mayVerifyManifests(role) && <Button tone="quiet" onClick={manifests.open} testId="open-manifests">{t('manifest.open')}</Button>}
        {onScanScreen && mayOpen('shift', role) && <Button tone="quiet" onClick={admin.openShift} testId="open-shift">{t('shift.open')}</Button>}
        {onScanScreen && mayOpen('dashboard', role) && <Button tone="quiet" onClick={dashboard.open} testId="open-dashboard">{t('dashboard.open')}</Button>}
        {onScanScreen && mayOpen('eod', role) && <Button tone="quiet" onClick={admin.openEod} testId="open-eod">{t('eod.open')}</Button>}
        {onScanScreen && mayOpen('audit', role) && <Button tone="quiet" onClick={admin.openAudit} testId="open-audit">{t('admin.audit')}</Button>}
        {onScanScreen && mayOpen('users', role) && <Button tone="quiet" onClick={admin.openUsers} testId="open-users">{t('admin.users')}</Button>}
      </div>
    </header>
  );
}
