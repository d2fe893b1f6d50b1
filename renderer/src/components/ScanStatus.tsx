import { useTranslation } from 'react-i18next';
import { newestFirst } from '../newest-first';
import { useStationView } from '../state/context';
import { Icon } from './Icon';

/**
 * The answer to the last scan, in a big band: icon + a word + the station's message. After a
 * reload it shows the newest scan the station remembers.
 */
export function ScanStatus() {
  const { t } = useTranslation();
  const lastResult = useStationView((view) => view.lastResult);
  const recent = useStationView((view) => view.state?.recentScans);
  const result = lastResult ?? newestFirst(recent ?? [])[0] ?? null;
  const requestError = useStationView((view) => view.requestError);

  if (requestError) {
    return (
      <div className="status status--bad" role="status" data-testid="scan-status" data-outcome="bad">
        <Icon name="warning" className="status__icon" />
        <div><p className="status__word">{t('status.notSent')}</p><p className="status__message">{requestError}</p></div>
      </div>
    );
  }
  if (!result) {
    return (
      <div className="status status--idle" role="status" data-testid="scan-status" data-outcome="none">
        <Icon name="scan" className="status__icon" />
        <div><p className="status__word">{t('status.ready')}</p><p className="status__message">{t('status.readyHint')}</p></div>
      </div>
    );
  }
  const good = result.outcome === 'good';
  return (
    <div className={`status status--${result.outcome}`} role="status" data-testid="scan-status" data-outcome={result.outcome}>
      <Icon name={good ? 'good' : 'bad'} className="status__icon" />
      <div>
        <p className="status__word">{good ? t('outcome.good') : t('outcome.refused')}</p>
        <p className="status__message">{result.message}</p>
      </div>
    </div>
  );
}
