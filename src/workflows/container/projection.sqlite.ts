import type { StoredEvent } from '../../core/events';
import type { Db } from '../../store/db';
import type { containerContract, ContainerEventPayload as Payload } from './contract';

type Events = typeof containerContract.events;

/**
 * Applies container events to `containers`, `container_links` and `container_current`. These tables
 * are derived state: an undone link is removed, a move rewrites the child's row, a void frees the children.
 */
export function createContainerProjection(db: Db): (event: StoredEvent) => void {
  const open = db.prepare<[string, string, number, number]>("INSERT INTO containers (code, type, capacity, status, opened_seq) VALUES (?, ?, ?, 'open', ?)");
  const setCurrent = db.prepare<[string | null]>('INSERT INTO container_current (one, code) VALUES (1, ?) ON CONFLICT (one) DO UPDATE SET code = excluded.code');
  const link = db.prepare<[string, string, string, number]>('INSERT INTO container_links (child, child_type, parent, link_seq) VALUES (?, ?, ?, ?)');
  const move = db.prepare<[string, number, string, string]>('UPDATE container_links SET parent = ?, link_seq = ?, moved = 1 WHERE child = ? AND parent = ?');
  const unlink = db.prepare<[string, number]>('DELETE FROM container_links WHERE child = ? AND link_seq = ?');
  const close = db.prepare<[string, number, string]>("UPDATE containers SET status = 'closed', close_reason = ?, closed_seq = ? WHERE code = ? AND status = 'open'");
  const reopen = db.prepare<[string]>("UPDATE containers SET status = 'open', close_reason = NULL, closed_seq = NULL WHERE code = ? AND status = 'closed'");
  const voidIt = db.prepare<[string]>("UPDATE containers SET status = 'voided' WHERE code = ? AND status <> 'voided'");
  const freeChildren = db.prepare<[string]>('DELETE FROM container_links WHERE parent = ?');
  const leaveParent = db.prepare<[string]>('DELETE FROM container_links WHERE child = ?');

  const apply: { [T in keyof Events]: (p: Payload<T>, seq: number) => void } = {
    'container.opened': (p, seq) => {
      open.run(p.container, p.type, p.capacity, seq);
      setCurrent.run(p.container);
    },
    'container.focused': (p) => { setCurrent.run(p.container); },
    'container.child_linked': (p, seq) => { link.run(p.child, p.childType, p.parent, seq); },
    'container.child_moved': (p, seq) => mustChange(move.run(p.to, seq, p.child, p.from).changes, `${p.child} is not in ${p.from}`),
    'container.link_reversed': (p) => mustChange(unlink.run(p.child, p.reversesSeq).changes, `no standing link ${p.reversesSeq} for ${p.child}`),
    'container.closed': (p, seq) => mustChange(close.run(p.reason, seq, p.container).changes, `${p.container} is not open`),
    'container.reopened': (p) => mustChange(reopen.run(p.container).changes, `${p.container} is not closed`),
    'container.voided': (p) => {
      freeChildren.run(p.container);
      leaveParent.run(p.container);
      mustChange(voidIt.run(p.container).changes, `${p.container} is not known`);
    },
  };
  return (event) => {
    const handler = Object.hasOwn(apply, event.type) ? apply[event.type as keyof Events] : undefined;
    (handler as ((p: unknown, seq: number) => void) | undefined)?.(event.payload, event.seq);
  };
}

/** A projection that silently missed its row would drift from the log; abort the append instead. */
function mustChange(changes: number, what: string): void {
  if (changes !== 1) throw new Error(`container projection out of step with the log: ${what}`);
}
