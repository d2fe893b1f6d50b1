import type { DecodedScan } from '../../scan/decode';
import type { BagLookup, ParentBag } from './lookup';
import { accept, Decision, fill, refuse } from './decision';
import { decideClose, decideUndo } from './decide-commands';

export interface BagPolicy {
  /** Children per parent for parents opened from now on. */
  capacity: number;
}

/** The bag workflow's answer to one decoded scan. Pure: it only asks `bags` and returns events. */
export function decideScan(bags: BagLookup, scan: DecodedScan, policy: BagPolicy): Decision {
  if (!scan.valid) return refuse(scan.text, scan.codeClass, `Unreadable scan: ${scan.error ?? 'the scanner sent garbled data'}`);
  // `key` is what identifies the bag: the GS1 value that classified it (e.g. an SSCC), else the text.
  const code = scan.key;
  switch (scan.codeClass) {
    case 'parent': return decideParent(bags, code, policy);
    case 'child': return decideChild(bags, code);
    case 'command': return decideCommand(bags, code, scan.command);
    case 'badge': return refuse(code, 'badge', 'Badge login arrives in a later version');
    default: return refuse(scan.text, 'unknown', `Unknown code "${scan.text}": not a parent, child or command code`);
  }
}

function decideParent(bags: BagLookup, code: string, policy: BagPolicy): Decision {
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

function decideChild(bags: BagLookup, code: string): Decision {
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

function decideCommand(bags: BagLookup, code: string, command: string | null): Decision {
  if (command === 'CLOSE') return decideClose(bags, code);
  if (command === 'UNDO') return decideUndo(bags, code);
  return refuse(code, 'command', `Unknown command ${code}`);
}
