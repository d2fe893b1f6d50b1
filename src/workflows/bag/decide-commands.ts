import { accept, fill, refuse, type Decision } from '../../core/decision';
import type { BagLookup } from './view';

/** Close the open parent by hand ("Close bag" button or a CMD:CLOSE barcode). */
export function decideClose(bags: BagLookup, trigger: string): Decision {
  const open = bags.openParent();
  if (!open) return refuse(trigger, 'command', 'No bag is open to close');
  const count = open.children.length;
  return accept(
    count === 0 ? `${open.code} closed empty` : `${open.code} closed with ${fill(count, open.capacity)}`,
    [{ type: 'bag.parent_closed', payload: { parent: open.code, reason: 'manual', count } }],
  );
}

/**
 * Undo the last link ("Undo last" button or a CMD:UNDO barcode), as a reversal event. It works on the
 * bag in hand: the open parent, or the parent that link filled and auto-closed when no other parent
 * has been opened since (that parent is reopened). A bag closed on purpose stays closed.
 */
export function decideUndo(bags: BagLookup, trigger: string): Decision {
  const last = bags.lastLink();
  const open = bags.openParent();
  if (!last) return refuse(trigger, 'command', 'Nothing to undo: no child is linked');
  const parent = bags.parent(last.parent);
  if (!parent) return refuse(trigger, 'command', `Nothing to undo: ${last.parent} is unknown`);
  const reversal = { type: 'bag.link_reversed' as const, payload: { parent: last.parent, child: last.child, reversesSeq: last.seq, reason: 'undo' } };
  const remaining = fill(parent.children.length - 1, parent.capacity);

  if (open && open.code === last.parent) {
    return accept(`Undone: ${last.child} removed from ${last.parent} (${remaining})`, [reversal]);
  }
  if (!open && parent.status === 'closed' && parent.closeReason === 'capacity') {
    return accept(`Undone: ${last.child} removed from ${last.parent}, bag reopened (${remaining})`, [
      reversal,
      { type: 'bag.parent_reopened', payload: { parent: last.parent, reason: `undo of ${last.child}, which had filled it` } },
    ]);
  }
  const where = open ? `${open.code} has no child to undo` : 'no bag is open';
  return refuse(trigger, 'command', `Nothing to undo: ${where} (${last.parent} is closed)`);
}
