import { accept, fill, refuse, type Decision } from '../../core/decision';
import type { BagLookup, ParentBag } from './view';

export interface BagPolicy {
  /** Children per parent for parents opened from now on. */
  capacity: number;
}

/** A parent bag scanned: open it (setting an empty open one aside), or say why not. */
export function decideParent(bags: BagLookup, code: string, policy: BagPolicy): Decision {
  const open = bags.openParent();
  if (open?.code === code) return refuse(code, 'parent', `${code} is already open (${fill(open.children.length, open.capacity)})`);
  const existing = bags.parent(code);
  if (existing) return refuse(code, 'parent', `${code} was already closed with ${existing.children.length} ${existing.children.length === 1 ? 'child' : 'children'}: scan a new parent`);
  if (open && open.children.length > 0) {
    return refuse(code, 'parent', `Close ${open.code} first (${fill(open.children.length, open.capacity)}), then scan ${code}`);
  }
  const opened = { type: 'bag.parent_opened' as const, payload: { parent: code, capacity: policy.capacity } };
  if (!open) return accept(`${code} opened (${fill(0, policy.capacity)})`, [opened]);
  // The open parent is still empty: the packer picked up another bag, so the empty one is set aside.
  return accept(`${code} opened (${fill(0, policy.capacity)}); empty ${open.code} set aside`, [
    { type: 'bag.parent_closed', payload: { parent: open.code, reason: 'replaced', count: 0 } },
    opened,
  ]);
}

/** A child bag scanned: link it to the open parent, closing the parent when it is full. */
export function decideChild(bags: BagLookup, code: string): Decision {
  const linkedTo = bags.parentOfChild(code);
  const open = bags.openParent();
  if (linkedTo) {
    const where = linkedTo === open?.code ? `this bag (${linkedTo})` : linkedTo;
    return refuse(code, 'child', `${code} is already in ${where}`);
  }
  if (!open) return refuse(code, 'child', `Scan a parent bag before child ${code}`);
  return link(open, code);
}

function link(open: ParentBag, child: string): Decision {
  const count = open.children.length + 1;
  const linked = { type: 'bag.child_linked' as const, payload: { parent: open.code, child } };
  if (count < open.capacity) return accept(`Child ${fill(count, open.capacity)} linked to ${open.code}`, [linked]);
  return accept(`Child ${fill(count, open.capacity)} linked to ${open.code}: bag full and closed`, [
    linked,
    { type: 'bag.parent_closed', payload: { parent: open.code, reason: 'capacity', count } },
  ]);
}
