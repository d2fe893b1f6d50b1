import { accept, fill, refuse } from '../../core/decision';
import type { DomainEvent } from '../../core/events';
import { checkPlacement, focusAfterClose, place, type ConfirmClose, type ContainerDecision, type PendingMove } from './decide-scan';
import type { ContainerTypes } from './types';
import type { ContainerView } from './view';

const CMD = 'command';

/**
 * Close the container in hand ("Close container" or CMD:CONTAINER_CLOSE). At capacity (after a reopen)
 * it closes; short of it, nothing is recorded yet: the packer is asked to confirm.
 */
export function decideClose(view: ContainerView, trigger: string): ContainerDecision {
  const current = view.current();
  if (!current) return refuse(trigger, CMD, 'No container is open to close');
  const count = current.children.length;
  if (count >= current.capacity) return closeNow(view, current.code, 'manual', count, `${current.code} closed (${fill(count, current.capacity)})`);
  return {
    ...accept(`${current.code} holds ${fill(count, current.capacity)}: confirm to close it ${count === 0 ? 'empty' : 'short'}, or keep scanning`, []),
    confirmClose: { container: current.code, count, capacity: current.capacity },
  };
}

/** Confirm a close short of capacity: only the container, and the count, that was asked about. */
export function decideConfirmClose(view: ContainerView, asked: ConfirmClose | null, trigger: string): ContainerDecision {
  if (!asked) return refuse(trigger, CMD, 'Nothing to confirm: press Close container first');
  const current = view.current();
  if (current?.code !== asked.container || current.children.length !== asked.count) {
    return refuse(trigger, CMD, `${asked.container} changed since Close was pressed: press Close container again`);
  }
  const what = asked.count === 0 ? 'closed empty' : `closed short (${fill(asked.count, current.capacity)})`;
  return closeNow(view, current.code, 'short', asked.count, `${current.code} ${what}`);
}

function closeNow(view: ContainerView, code: string, reason: 'manual' | 'short', count: number, said: string): ContainerDecision {
  const back = focusAfterClose(view, code);
  return accept(`${said}${back ? `; back to ${back}` : ''}`, [
    { type: 'container.closed', payload: { container: code, reason, count } },
    { type: 'container.focused', payload: { container: back, reason: 'closed' } },
  ]);
}

/**
 * Undo the last link (a reversal event), on the container in hand: a link into it or of it, or the link
 * that filled and closed a container when the packer is still where that close left them (it reopens).
 * A supervisor's move is not undone here.
 */
export function decideUndo(view: ContainerView, trigger: string): ContainerDecision {
  const last = view.lastLink();
  if (!last) return refuse(trigger, CMD, 'Nothing to undo: no child is in a container');
  if (last.moved) return refuse(trigger, CMD, `Nothing to undo here: ${last.child} was moved into ${last.parent} by a supervisor; move it back instead`);
  const parent = view.container(last.parent);
  if (!parent) return refuse(trigger, CMD, `Nothing to undo: ${last.parent} is unknown`);
  const current = view.current();
  const reversal = { type: 'container.link_reversed' as const, payload: { parent: last.parent, child: last.child, reversesSeq: last.seq, reason: 'undo' } };
  const remaining = fill(parent.children.length - 1, parent.capacity);
  // A link into the container in hand, or of it (a sack just put on the pallet and taken in hand to fill).
  if (current?.code === last.parent || current?.code === last.child) return accept(`Undone: ${last.child} taken out of ${last.parent} (${remaining})`, [reversal]);
  if (parent.status === 'closed' && parent.closeReason === 'full' && (current?.code ?? null) === focusAfterClose(view, parent.code)) {
    return accept(`Undone: ${last.child} taken out of ${last.parent}, which is open again (${remaining})`, [
      reversal,
      { type: 'container.reopened', payload: { container: last.parent, reason: `undo of ${last.child}, which had filled it` } },
      { type: 'container.focused', payload: { container: last.parent, reason: 'undo' } },
    ]);
  }
  const where = current ? `${current.code} has no child to undo` : 'no container is open';
  return refuse(trigger, CMD, `Nothing to undo: ${where} (the last link is into ${last.parent}${parent.status === 'closed' ? ', which is closed' : ''})`);
}

/**
 * A supervisor's move of a child from the container it is in into the container in hand. Everything
 * the scan checked is checked again: the approval may come a while after the scan.
 */
export function decideMove(view: ContainerView, types: ContainerTypes, pending: PendingMove | null, approvedBy: string, trigger: string): ContainerDecision {
  if (!pending) return refuse(trigger, CMD, 'Nothing to move: scan the child first');
  const current = view.current();
  if (current?.code !== pending.to) return refuse(trigger, CMD, `${pending.to} is no longer in hand: scan ${pending.child} again`);
  const from = view.parentOf(pending.child);
  if (from !== pending.from) return refuse(trigger, CMD, `${pending.child} is no longer in ${pending.from}: scan it again`);
  const type = types.byId(pending.childType);
  if (!type) return refuse(trigger, CMD, `${pending.child} is of type ${pending.childType}, which this station no longer knows`);
  const found = { code: pending.child, type };
  const placement = checkPlacement(view, types, current, found, CMD);
  if (placement) return placement;
  return place(view, current, pending.child, type, {
    type: 'container.child_moved', payload: { from: pending.from, to: current.code, child: pending.child, childType: type.id, approvedBy },
  }, 'moved into');
}

/** What a supervisor's correction names: the container and the reason (from the screen, else from the approval). */
export interface Correction {
  container?: string;
  reason?: string;
}

/** Void a container (supervisor): its children are free again and it leaves the container it was in. */
export function decideVoid(view: ContainerView, asked: Correction, trigger: string): ContainerDecision {
  const current = view.current();
  const code = asked.container ?? current?.code;
  if (!code) return refuse(trigger, CMD, 'Nothing to void: no container is in hand (name the one to void)');
  const target = view.container(code);
  if (!target) return refuse(trigger, CMD, `${code} is not a container opened at this station`);
  if (target.status === 'voided') return refuse(trigger, CMD, `${code} is already voided`);
  if (!asked.reason) return refuse(trigger, CMD, `Voiding ${code} needs a reason`);
  const parent = view.parentOf(code);
  const freed = target.children.map((c) => c.code);
  const events: DomainEvent[] = [{ type: 'container.voided', payload: { container: code, reason: asked.reason, children: freed, parent } }];
  if (current?.code === code) events.push({ type: 'container.focused', payload: { container: focusAfterClose(view, code), reason: 'voided' } });
  const said = freed.length === 0 ? '' : `; ${freed.length === 1 ? `${freed[0]} is` : `${freed.length} children are`} free again`;
  return accept(`${code} voided${said}`, events);
}

/** Reopen a closed container (supervisor), by default the one closed last; it is taken in hand. */
export function decideReopen(view: ContainerView, asked: Correction, trigger: string): ContainerDecision {
  const code = asked.container ?? view.lastClosed();
  if (!code) return refuse(trigger, CMD, 'Nothing to reopen: no container is closed');
  const target = view.container(code);
  if (!target) return refuse(trigger, CMD, `${code} is not a container opened at this station`);
  if (target.status !== 'closed') return refuse(trigger, CMD, `${code} is ${target.status === 'open' ? 'open already' : 'voided: it cannot be reopened'}`);
  if (!asked.reason) return refuse(trigger, CMD, `Reopening ${code} needs a reason`);
  return accept(`${code} reopened (${fill(target.children.length, target.capacity)})`, [
    { type: 'container.reopened', payload: { container: code, reason: asked.reason } },
    { type: 'container.focused', payload: { container: code, reason: 'reopened' } },
  ]);
}
