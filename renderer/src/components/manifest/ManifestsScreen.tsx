import { useTranslation } from 'react-i18next';
import { mayImportManifests } from '../../state/manifest-controller';
import { useStationView } from '../../state/context';
import { Button } from '../Button';
import { DemoPanel } from '../DemoPanel';
import { ScanStatus } from '../ScanStatus';
import { useManifestActions } from './manifest-context';
import { ManifestImport } from './ManifestImport';
import { ManifestInHand } from './ManifestInHand';
import { ManifestList } from './ManifestList';
import '../admin/admin.css';
import './manifest.css';

/**
 * Manifests: a supervisor or admin imports a file; anyone who verifies picks one of the available
 * manifests and scans against it here (or on the scan screen: the station routes the scans, not
 * this screen). The last answer is shown, as on the scan screen.
 */
export function ManifestsScreen() {
  const { t } = useTranslation();
  const manifests = useManifestActions();
  const slice = useStationView((view) => view.state?.slices.manifest ?? null);
  const role = useStationView((view) => (view.state?.slices.session.status === 'active' ? view.state.slices.session.user?.role : null));
  const current = slice?.current ?? null;
  return (
    <div className="page manifest" data-testid="manifests-screen">
      <div className="admin__bar">
        <h2 className="admin__title">{t('manifest.title')}</h2>
        <Button icon="back" onClick={manifests.back} testId="manifests-back">{t('admin.back')}</Button>
      </div>
      <ScanStatus />
      {current ? <ManifestInHand m={current} /> : (
        <div className="manifest__choose">
          {mayImportManifests(role) && <ManifestImport />}
          <ManifestList available={slice?.available ?? []} />
        </div>
      )}
      <DemoPanel />
    </div>
  );
}
