import { useTranslation } from 'react-i18next';
import { useStationView } from '../state/context';
import { FillGauge } from './FillGauge';
import { Icon } from './Icon';

/** The bag in hand: its code, how full it is ("3 / 10") and its children; or the bag just closed. */
export function BagPanel() {
  const { t } = useTranslation();
  const open = useStationView((view) => view.state?.slices.bag.openParent ?? null);
  const lastClosed = useStationView((view) => view.lastClosed);

  if (!open) {
    return (
      <section className="bag bag--idle" aria-label={t('bag.label')} data-testid="bag">
        <p className="bag__state" data-testid="bag-state"><Icon name="bag" /> {t('bag.none')}</p>
        <p className="bag__hint">{t('bag.hint')}</p>
        {lastClosed && (
          <p className="bag__closed" data-testid="last-closed">
            <Icon name="closed" />
            <span><strong>{lastClosed.code}</strong> {t('bag.closed', { count: lastClosed.count, capacity: lastClosed.capacity })}</span>
          </p>
        )}
      </section>
    );
  }

  const count = open.children.length;
  const newestFirst = [...open.children].reverse();
  return (
    <section className="bag bag--open" aria-label={t('bag.label')} data-testid="bag">
      <p className="bag__state" data-testid="bag-state"><Icon name="bag" /> {t('bag.open')}</p>
      <p className="bag__code" data-testid="bag-code">{open.code}</p>
      <FillGauge count={count} capacity={open.capacity} label={t('bag.countLabel', { count, capacity: open.capacity })} testId="bag-count" />
      <ol className="bag__children" aria-label={t('bag.children')} data-testid="bag-children">
        {newestFirst.map((child) => <li key={child}>{child}</li>)}
      </ol>
    </section>
  );
}
