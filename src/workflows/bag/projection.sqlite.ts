import type { StoredEvent } from '../../core/events';
import type { BagEventPayload as DomainEventPayload } from './contract';
import type { Db } from '../../store/db';


/**
 * Applies bag events to `bag_parents` / `bag_links`. These tables are derived state, so unlike the
 * log they may change: an undone link is removed, and a parent closed empty is dropped so that its
 * code can be opened again later.
 */
export function createBagProjection(db: Db): (event: StoredEvent) => void {
  const openParent = db.prepare<[string, number, number]>(
    "INSERT INTO bag_parents (code, capacity, status, opened_seq) VALUES (?, ?, 'open', ?)");
  const closeParent = db.prepare<[string, number, string]>(
    "UPDATE bag_parents SET status = 'closed', close_reason = ?, closed_seq = ? WHERE code = ?");
  const dropParent = db.prepare<[string]>('DELETE FROM bag_parents WHERE code = ?');
  const reopenParent = db.prepare<[string]>(
    "UPDATE bag_parents SET status = 'open', close_reason = NULL, closed_seq = NULL WHERE code = ?");
  const linkChild = db.prepare<[string, string, number]>('INSERT INTO bag_links (child, parent, link_seq) VALUES (?, ?, ?)');
  const unlinkChild = db.prepare<[string, number]>('DELETE FROM bag_links WHERE child = ? AND link_seq = ?');

  return (event) => {
    switch (event.type) {
      case 'bag.parent_opened': {
        const p = event.payload as DomainEventPayload<'bag.parent_opened'>;
        openParent.run(p.parent, p.capacity, event.seq);
        break;
      }
      case 'bag.child_linked': {
        const p = event.payload as DomainEventPayload<'bag.child_linked'>;
        linkChild.run(p.child, p.parent, event.seq);
        break;
      }
      case 'bag.link_reversed': {
        const p = event.payload as DomainEventPayload<'bag.link_reversed'>;
        mustChange(unlinkChild.run(p.child, p.reversesSeq).changes, `no standing link ${p.reversesSeq} for ${p.child}`);
        break;
      }
      case 'bag.parent_closed': {
        const p = event.payload as DomainEventPayload<'bag.parent_closed'>;
        const changes = p.count === 0 ? dropParent.run(p.parent).changes : closeParent.run(p.reason, event.seq, p.parent).changes;
        mustChange(changes, `parent ${p.parent} is not known`);
        break;
      }
      case 'bag.parent_reopened': {
        const p = event.payload as DomainEventPayload<'bag.parent_reopened'>;
        mustChange(reopenParent.run(p.parent).changes, `parent ${p.parent} is not known`);
        break;
      }
      default:
        break;
    }
  };
}

/** A projection that silently missed its row would drift from the log; abort the append instead. */
function mustChange(changes: number, what: string): void {
  if (changes !== 1) throw new Error(`bag projection out of step with the log: ${what}`);
}
