import { useStationView } from '../state/context';
import { Icon } from './Icon';

/** The bag in hand: its code, how full it is ("3 / 10") and its children; or the bag just closed. */
export function BagPanel() {
  const open = useStationView((view) => view.state?.openParent ?? null);
  const lastClosed = useStationView((view) => view.lastClosed);

  if (!open) {
    return (
      <section className="bag bag--idle" aria-label="Bag" data-testid="bag">
        <p className="bag__state" data-testid="bag-state"><Icon name="bag" /> No bag open</p>
        <p className="bag__hint">Scan a parent bag label to start.</p>
        {lastClosed && (
          <p className="bag__closed" data-testid="last-closed">
            <Icon name="closed" />
            <span><strong>{lastClosed.code}</strong> closed — {lastClosed.count} / {lastClosed.capacity}</span>
          </p>
        )}
      </section>
    );
  }

  const count = open.children.length;
  const newestFirst = [...open.children].reverse();
  return (
    <section className="bag bag--open" aria-label="Bag" data-testid="bag">
      <p className="bag__state" data-testid="bag-state"><Icon name="bag" /> Open bag</p>
      <p className="bag__code" data-testid="bag-code">{open.code}</p>
      <p className="bag__count" data-testid="bag-count" aria-label={`${count} of ${open.capacity} children`}>
        {count} / {open.capacity}
      </p>
      <progress className="bag__fill" max={open.capacity} value={count} aria-hidden="true" />
      <ol className="bag__children" aria-label="Children in this bag" data-testid="bag-children">
        {newestFirst.map((child) => <li key={child}>{child}</li>)}
      </ol>
    </section>
  );
}
