import { useTranslation } from 'react-i18next';
import type { StationState } from '../../api';
import { useStationActions } from '../../state/context';
import { Button } from '../Button';

type Available = NonNullable<StationState['slices']['manifest']>['available'];

/** The manifests this station may verify (imported here or at central), newest first, each one touch to take in hand. */
export function ManifestList({ available }: { available: Available }) {
  const { t } = useTranslation();
  const actions = useStationActions();
  if (available.length === 0) return <p className="manifest__empty" data-testid="manifest-none">{t('manifest.none')}</p>;
  return (
    <ul className="manifest__list" aria-label={t('manifest.available')} data-testid="manifest-list">
      {available.map((m) => (
        <li key={m.manifest} className="manifest__item" data-testid="manifest-item" data-manifest={m.manifest} data-status={m.status}>
          <div className="manifest__item-text">
            <strong className="manifest__ref">{m.reference}</strong>
            <span className="manifest__muted">{m.reference === m.manifest ? '' : `${m.manifest} · `}{t('manifest.lineCount', { count: m.lines })}
              {m.status === 'verifying' ? ` · ${t('manifest.started')}` : ''}</span>
          </div>
          <Button size="primary" tone="accent" icon="scan" onClick={() => void actions.request('manifest.open', { manifest: m.manifest })} testId="manifest-verify">
            {t('manifest.verify')}
          </Button>
        </li>
      ))}
    </ul>
  );
}
