import { useTranslation } from 'react-i18next';
import { useStationView } from '../state/context';
import { Icon } from './Icon';

/** Shown whenever the page cannot reach the station; scans made on the scanner are still recorded. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const connection = useStationView((view) => view.connection);
  if (connection === 'connected') return null;
  const words = connection === 'connecting' ? t('connection.connecting') : t('connection.lost');
  return (
    <div className="connection-banner" role="status" data-testid="connection-banner">
      <Icon name="sync" />
      <span>{words}</span>
    </div>
  );
}
