import { useTranslation } from 'react-i18next';
import { useStationView } from '../../state/context';
import { FillGauge } from '../FillGauge';
import { Icon } from '../Icon';

/**
 * The container in hand: the containers it is in (outermost first), its type and code, how full it
 * is, and its children newest first with their types. Nothing in hand: what to scan.
 */
export function ContainerPanel() {
  const { t } = useTranslation();
  const current = useStationView((view) => view.state?.slices.container?.current ?? null);
  if (!current) {
    return (
      <section className="bag bag--idle" aria-label={t('container.label')} data-testid="container">
        <p className="bag__state" data-testid="container-state"><Icon name="bag" /> {t('container.none')}</p>
        <p className="bag__hint">{t('container.hint')}</p>
      </section>
    );
  }
  const count = current.children.length;
  return (
    <section className="bag bag--open" aria-label={t('container.label')} data-testid="container" data-code={current.code} data-type={current.type}>
      {current.path.length > 0 && (
        <p className="container__path" data-testid="container-path">{[...current.path, current.code].join(' › ')}</p>
      )}
      <p className="bag__state" data-testid="container-state"><Icon name="bag" /> {current.typeName}</p>
      <p className="bag__code" data-testid="container-code">{current.code}</p>
      <FillGauge count={count} capacity={current.capacity} label={t('container.countLabel', { count, capacity: current.capacity })} testId="container-count" />
      <ol className="bag__children" aria-label={t('container.children')} data-testid="container-children">
        {[...current.children].reverse().map((child) => <li key={child.code} data-type={child.type}>{child.code}</li>)}
      </ol>
    </section>
  );
}
