import { useTranslation } from 'react-i18next';
import { useStationView } from '../state/context';
import { newestFirst } from '../newest-first';
import { timeOfDay } from '../format/time-of-day';
import type { Translate } from '../i18n';
import { Icon } from './Icon';

/** At most this many; rows that do not fit the panel are hidden by the layout. */
const SHOWN = 10;

/**
 * Buttons reach the station as commands named after the request; show them as the button's words.
 * Undo is `bag.undo`, or `scan.undo` in scans recorded before that rename.
 */
const buttonWords = (t: Translate): Record<string, string> => ({
  'bag.undo': t('actions.undoLast'),
  'scan.undo': t('actions.undoLast'),
  'bag.close': t('actions.closeBag'),
});

export function RecentScans() {
  const { t } = useTranslation();
  const scans = useStationView((view) => view.state?.recentScans);
  const shown = newestFirst(scans ?? []).slice(0, SHOWN);
  const buttons = buttonWords(t);
  return (
    <section className="recent" aria-label={t('recent.title')}>
      <h2 className="recent__title">{t('recent.title')}</h2>
      {shown.length === 0 && <p className="recent__empty">{t('recent.empty')}</p>}
      <ol className="recent__list" data-testid="recent-scans">
        {shown.map((scan) => (
          <li key={scan.correlationId} className={`recent__item recent__item--${scan.outcome}`} data-outcome={scan.outcome}>
            <Icon name={scan.outcome === 'good' ? 'good' : 'bad'} />
            <span className="recent__verdict">{scan.outcome === 'good' ? t('outcome.good') : t('outcome.refused')}</span>
            <span className="recent__code">{buttons[scan.code] ?? scan.code}</span>
            <span className="recent__message">{scan.message}</span>
            <time className="recent__time" dateTime={scan.at}>{timeOfDay(scan.at)}</time>
          </li>
        ))}
      </ol>
    </section>
  );
}
