import { useStationView } from '../state/context';
import { newestFirst } from '../newest-first';
import { timeOfDay } from '../format/time-of-day';
import { Icon } from './Icon';

/** At most this many; rows that do not fit the panel are hidden by the layout. */
const SHOWN = 10;

/** Buttons reach the station as commands named after the request; show them as the button's words. */
const BUTTON_WORDS: Record<string, string> = { 'scan.undo': 'Undo last', 'bag.close': 'Close bag' };

export function RecentScans() {
  const scans = useStationView((view) => view.state?.recentScans);
  const shown = newestFirst(scans ?? []).slice(0, SHOWN);
  return (
    <section className="recent" aria-label="Last scans">
      <h2 className="recent__title">Last scans</h2>
      {shown.length === 0 && <p className="recent__empty">No scans yet.</p>}
      <ol className="recent__list" data-testid="recent-scans">
        {shown.map((scan) => (
          <li key={scan.correlationId} className={`recent__item recent__item--${scan.outcome}`} data-outcome={scan.outcome}>
            <Icon name={scan.outcome === 'good' ? 'good' : 'bad'} />
            <span className="recent__verdict">{scan.outcome === 'good' ? 'Good' : 'Refused'}</span>
            <span className="recent__code">{BUTTON_WORDS[scan.code] ?? scan.code}</span>
            <span className="recent__message">{scan.message}</span>
            <time className="recent__time" dateTime={scan.at}>{timeOfDay(scan.at)}</time>
          </li>
        ))}
      </ol>
    </section>
  );
}
