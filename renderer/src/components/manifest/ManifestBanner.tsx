import { useTranslation } from 'react-i18next';
import { useStationView } from '../../state/context';
import { Icon } from '../Icon';
import './manifest.css';

/**
 * While a manifest is in hand and verifying, every scan counts against it (nothing is packed): a
 * band over every screen says so, so a packer never wonders where a scan went.
 */
export function ManifestBanner() {
  const { t } = useTranslation();
  const verifying = useStationView((view) => {
    const m = view.state?.slices.session.status === 'active' ? view.state.slices.manifest?.current : null;
    return m?.status === 'verifying' ? m.reference : null;
  });
  if (!verifying) return null;
  return (
    <p className="manifest-banner" role="status" data-testid="manifest-banner">
      <Icon name="scan" /> {t('manifest.banner', { manifest: verifying })}
    </p>
  );
}
