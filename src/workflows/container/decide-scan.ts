import { accept, fill, refuse, type Decision } from '../../core/decision';
import type { DomainEvent } from '../../core/events';
import { holdersOf, holdsWords, isLeaf, type ContainerTypes, type ScannedContainer, type TypeRule } from './types';
import type { Container, ContainerView } from './view';

/** A child already in another container, waiting for a supervisor's Move into the container in hand. */
export interface PendingMove {
  child: string;
  childType: string;
  from: string;
  to: string;
}

/** A close short of capacity, waiting for Confirm. */
export interface ConfirmClose {
  container: string;
  count: number;
  capacity: number;
}

/** A decision plus what the module keeps in memory once it has committed (a prompt on screen). */
export interface ContainerDecision extends Decision {
  pendingMove?: PendingMove;
  confirmClose?: ConfirmClose;
}

const lower = (t: TypeRule | null, fallback: string) => (t ? t.name.toLowerCase() : fallback);
const typeOf = (types: ContainerTypes, c: Container) => types.byId(c.type);

/**
 * A scan at a container station. With nothing in hand, a container code opens it (or takes an open one
 * in hand again). With a container in hand, a code of a type it may hold goes into it; a container
 * already in it is taken in hand (to fill it). Everything else is refused in the packer's words.
 */
export function decideScan(view: ContainerView, types: ContainerTypes, text: string, codeClass: string, found: ScannedContainer | null): ContainerDecision {
  if (!found) return refuse(text, codeClass, `${text} is not a container code this station knows (${types.list.map((t) => t.name).join(', ')})`);
  const { code, type } = found;
  const known = view.container(code);
  if (known?.status === 'voided') return refuse(code, codeClass, `${code} was voided: use a new label`);
  const current = view.current();
  if (!current) {
    if (isLeaf(type)) return refuse(code, codeClass, `Scan ${holdersOf(types, type.id)} before ${lower(type, 'child')} ${code}`);
    return takeInHand(view, types, code, type, known, 'resume', codeClass);
  }
  if (code === current.code) return refuse(code, codeClass, `${code} is open (${fill(current.children.length, current.capacity)}): scan what goes into it`);
  const linkedTo = view.parentOf(code);
  if (linkedTo === current.code) {
    if (!isLeaf(type)) return takeInHand(view, types, code, type, known, 'descend', codeClass);
    return refuse(code, codeClass, `${code} is already in this ${lower(typeOf(types, current), 'container')} (${current.code})`);
  }
  const placement = checkPlacement(view, types, current, found, codeClass);
  if (placement) return placement;
  if (linkedTo !== null) {
    return {
      ...refuse(code, codeClass, `${code} is in ${linkedTo}: moving it into ${current.code} needs a supervisor (Move)`),
      pendingMove: { child: code, childType: type.id, from: linkedTo, to: current.code },
    };
  }
  return place(view, current, code, type, { type: 'container.child_linked', payload: { parent: current.code, child: code, childType: type.id } }, 'into');
}

/**
 * May `found` go into `current`? Refuses a cycle (a container into itself or one it is inside), a type
 * `current` may not hold, and a full container. Null when it may.
 */
export function checkPlacement(view: ContainerView, types: ContainerTypes, current: Container, found: ScannedContainer, codeClass: string): Decision | null {
  const { code, type } = found;
  if (code === current.code || view.ancestors(current.code).includes(code)) {
    return refuse(code, codeClass, `${code} cannot go into ${current.code}: ${current.code} is inside ${code}, and a container can never hold itself`);
  }
  const holder = typeOf(types, current);
  if (!holder?.holds.includes(type.id)) {
    const what = `A ${lower(holder, current.type)} holds ${holder ? holdsWords(types, holder) : 'nothing here'}, not a ${lower(type, type.id)}`;
    return refuse(code, codeClass, isLeaf(type)
      ? `${what}: ${code} does not go into ${current.code}`
      : `${what}: close ${current.code} (${fill(current.children.length, current.capacity)}) before opening ${code}`);
  }
  if (current.children.length >= current.capacity) return refuse(code, codeClass, `${current.code} is full (${fill(current.children.length, current.capacity)}): ${code} does not fit`);
  return null;
}

/** Links (or moves) a child into `current`; the child that fills it closes it and hands back its parent. */
export function place(view: ContainerView, current: Container, code: string, type: TypeRule, link: DomainEvent, how: 'into' | 'moved into'): ContainerDecision {
  const count = current.children.length + 1;
  const said = `${type.name} ${code} ${how} ${current.code} (${fill(count, current.capacity)})`;
  if (count < current.capacity) return accept(said, [link]);
  const back = focusAfterClose(view, current.code);
  return accept(`${said}: full and closed${back ? `, back to ${back}` : ''}`, [
    link,
    { type: 'container.closed', payload: { container: current.code, reason: 'full', count } },
    { type: 'container.focused', payload: { container: back, reason: 'closed' } },
  ]);
}

/** Where the packer is once `code` closes: the container it is in, if that is still open. */
export function focusAfterClose(view: ContainerView, code: string): string | null {
  const parent = view.parentOf(code);
  return parent !== null && view.container(parent)?.status === 'open' ? parent : null;
}

function takeInHand(view: ContainerView, types: ContainerTypes, code: string, type: TypeRule, known: Container | null, reason: 'resume' | 'descend', codeClass: string): ContainerDecision {
  const inside = view.parentOf(code);
  const where = inside ? `, inside ${inside}` : '';
  if (!known) {
    return accept(`${type.name} ${code} opened (${fill(0, type.capacity)})${where}`, [
      { type: 'container.opened', payload: { container: code, type: type.id, capacity: type.capacity } },
    ]);
  }
  const count = fill(known.children.length, known.capacity);
  if (known.status === 'closed') return refuse(code, codeClass, `${code} is closed (${count}): a supervisor may reopen it`);
  return accept(`${typeOf(types, known)?.name ?? 'Container'} ${code} in hand (${count})${where}`, [
    { type: 'container.focused', payload: { container: code, reason } },
  ]);
}
