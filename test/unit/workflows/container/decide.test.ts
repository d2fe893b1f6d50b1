import { decideClose, decideConfirmClose, decideMove, decideReopen, decideUndo, decideVoid } from '../../../../src/workflows/container/decide-commands';
import { checkPlacement, type ContainerDecision } from '../../../../src/workflows/container/decide-scan';
import { ContainerDb, sscc, TYPES } from './container-db';

let c: ContainerDb;
beforeEach(() => { c = new ContainerDb(); });
afterEach(() => c.close());

const PALLET = sscc(4001);
const PALLET_CODE = PALLET.gs1[0]!.value;
const bad = (d: ContainerDecision) => ({ outcome: d.outcome, message: d.message, types: d.events.map((e) => e.type) });
const refused = (message: string) => ({ outcome: 'bad', message, types: ['scan.rejected'] });

describe('opening', () => {
  test('a sack scanned with nothing in hand opens with its type\'s capacity and is in hand', () => {
    expect(c.scan('S-1')).toMatchObject({ outcome: 'good', message: 'Sack S-1 opened (0 of 3)' });
    expect(c.events()).toEqual([{ type: 'container.opened', payload: { container: 'S-1', type: 'sack', capacity: 3 } }]);
    expect(c.view.current()).toEqual({ code: 'S-1', type: 'sack', capacity: 3, status: 'open', closeReason: null, children: [] });
  });

  test('a pallet is known by its SSCC (GS1 AI 00): its code is the AI\'s value', () => {
    expect(c.scan(PALLET).message).toBe(`Pallet ${PALLET_CODE} opened (0 of 2)`);
    expect(c.view.current()?.code).toBe(PALLET_CODE);
  });

  test('a bag with nothing in hand is refused: it says what to scan first', () => {
    expect(bad(c.scan('C-1'))).toEqual(refused('Scan a sack or a box before bag C-1'));
  });

  test('a code of no configured type is refused, naming the types', () => {
    expect(bad(c.scan('HELLO'))).toEqual(refused('HELLO is not a container code this station knows (Bag, Sack, Pallet, Box)'));
  });

  test('the open container scanned again is refused', () => {
    c.fill('S-1', 'C-1');
    expect(bad(c.scan('S-1'))).toEqual(refused('S-1 is open (1 of 3): scan what goes into it'));
  });

  test('a closed container scanned with nothing in hand is refused: only a supervisor reopens it', () => {
    c.fill('S-1', 'C-1');
    c.closeShort();
    expect(bad(c.scan('S-1'))).toEqual(refused('S-1 is closed (1 of 3): a supervisor may reopen it'));
  });
});

describe('linking and auto-advance', () => {
  test('children link to the container in hand; the one that fills it closes it (reason full) and nothing is in hand', () => {
    c.fill('S-1');
    expect(c.scan('C-1').message).toBe('Bag C-1 into S-1 (1 of 3)');
    expect(c.scan('C-2').message).toBe('Bag C-2 into S-1 (2 of 3)');
    const full = c.scan('C-3');
    expect(full.message).toBe('Bag C-3 into S-1 (3 of 3): full and closed');
    expect(full.events).toEqual([
      { type: 'container.child_linked', payload: { parent: 'S-1', child: 'C-3', childType: 'bag' } },
      { type: 'container.closed', payload: { container: 'S-1', reason: 'full', count: 3 } },
      { type: 'container.focused', payload: { container: null, reason: 'closed' } },
    ]);
    expect(c.view.current()).toBeNull();
    expect(c.view.container('S-1')).toMatchObject({ status: 'closed', closeReason: 'full', children: [{ code: 'C-1', type: 'bag' }, { code: 'C-2', type: 'bag' }, { code: 'C-3', type: 'bag' }] });
  });

  test('a child already in the container in hand is refused', () => {
    c.fill('S-1', 'C-1');
    expect(bad(c.scan('C-1'))).toEqual(refused('C-1 is already in this sack (S-1)'));
  });
});

describe('types', () => {
  test('a type the container in hand may not hold is refused (a leaf: it does not go in)', () => {
    c.scan(PALLET);
    expect(bad(c.scan('C-1'))).toEqual(refused(`A pallet holds sack, not a bag: C-1 does not go into ${PALLET_CODE}`));
    expect(c.view.current()?.children).toEqual([]);
  });

  test('a container type the one in hand may not hold is refused: close the one in hand first', () => {
    c.fill('S-1', 'C-1');
    expect(bad(c.scan(PALLET))).toEqual(refused(`A sack holds bag, not a pallet: close S-1 (1 of 3) before opening ${PALLET_CODE}`));
    expect(c.view.current()?.code).toBe('S-1');
  });
});

describe('nesting to any depth', () => {
  test('bottom up: a full sack goes onto a pallet', () => {
    c.fill('S-1', 'C-1', 'C-2', 'C-3');
    c.scan(PALLET);
    expect(c.scan('S-1').message).toBe(`Sack S-1 into ${PALLET_CODE} (1 of 2)`);
    expect(c.view.ancestors('C-1')).toEqual(['S-1', PALLET_CODE]);
  });

  test('top down: a sack scanned onto the pallet, scanned again to fill it; when it is full the pallet is in hand again', () => {
    c.scan(PALLET);
    c.fill('S-1');
    expect(c.view.current()?.code).toBe(PALLET_CODE);
    expect(c.scan('S-1').message).toBe(`Sack S-1 opened (0 of 3), inside ${PALLET_CODE}`);
    expect(c.view.current()?.code).toBe('S-1');
    c.fill('C-1', 'C-2');
    expect(c.scan('C-3').message).toBe(`Bag C-3 into S-1 (3 of 3): full and closed, back to ${PALLET_CODE}`);
    expect(c.view.current()).toMatchObject({ code: PALLET_CODE, children: [{ code: 'S-1', type: 'sack' }] });
  });

  test('an open container in another one is taken in hand again by scanning it from its parent', () => {
    c.scan(PALLET);
    c.fill('S-1', 'S-1', 'C-1');
    c.closeShort();
    c.fill('S-2');
    expect(c.scan('S-2').message).toBe(`Sack S-2 opened (0 of 3), inside ${PALLET_CODE}`);
  });

  test('boxes in boxes in boxes: four levels', () => {
    c.fill('X-1', 'X-2', 'X-2', 'X-3', 'X-3', 'X-4', 'X-4', 'C-1');
    expect(c.view.ancestors('C-1')).toEqual(['X-4', 'X-3', 'X-2', 'X-1']);
    expect(c.view.current()?.code).toBe('X-4');
  });

  test('scanning an open container with nothing in hand takes it in hand again', () => {
    c.fill('X-1', 'X-2', 'X-2');
    c.closeShort();
    expect(c.view.current()?.code).toBe('X-1');
    c.closeShort();
    expect(c.view.current()).toBeNull();
    // X-2 was closed empty; X-3 is an open box on its own.
    c.fill('X-3', 'C-1');
    c.apply({ outcome: 'good', message: '', events: [{ type: 'container.focused', payload: { container: null, reason: 'closed' } }] });
    expect(c.scan('X-3')).toMatchObject({ outcome: 'good', message: 'Box X-3 in hand (1 of 3)', events: [{ type: 'container.focused', payload: { container: 'X-3', reason: 'resume' } }] });
  });
});

describe('a container can never hold itself or one it is inside', () => {
  test('the parent of the container in hand is refused', () => {
    c.fill('X-1', 'X-2', 'X-2');
    expect(bad(c.scan('X-1'))).toEqual(refused('X-1 cannot go into X-2: X-2 is inside X-1, and a container can never hold itself'));
  });

  test('any ancestor up the chain is refused, not only the parent', () => {
    c.fill('X-1', 'X-2', 'X-2', 'X-3', 'X-3');
    expect(bad(c.scan('X-1'))).toEqual(refused('X-1 cannot go into X-3: X-3 is inside X-1, and a container can never hold itself'));
    expect(c.view.ancestors('X-3')).toEqual(['X-2', 'X-1']);
  });

  test('the placement check refuses the container itself', () => {
    c.fill('X-1');
    expect(bad(checkPlacement(c.view, TYPES, c.view.current()!, { code: 'X-1', type: TYPES.byId('box')! }, 'unknown')!))
      .toEqual(refused('X-1 cannot go into X-1: X-1 is inside X-1, and a container can never hold itself'));
  });
});

describe('moving a child that is already in another container', () => {
  function bagInS1ThenS2InHand(): ContainerDecision {
    c.fill('S-1', 'C-1', 'C-2');
    c.closeShort();
    c.fill('S-2', 'C-3');
    return c.scan('C-1');
  }

  test('is refused, and waits for a supervisor\'s Move', () => {
    const d = bagInS1ThenS2InHand();
    expect(bad(d)).toEqual(refused('C-1 is in S-1: moving it into S-2 needs a supervisor (Move)'));
    expect(d.pendingMove).toEqual({ child: 'C-1', childType: 'bag', from: 'S-1', to: 'S-2' });
    expect(c.view.parentOf('C-1')).toBe('S-1');
  });

  test('the approved move is ONE event container.child_moved (from, to, child, approvedBy), not an unlink and a link', () => {
    const pending = bagInS1ThenS2InHand().pendingMove!;
    const before = c.types().length;
    const d = c.apply(decideMove(c.view, TYPES, pending, 'u-sup', 'container.move'));
    expect(d).toMatchObject({ outcome: 'good', message: 'Bag C-1 moved into S-2 (2 of 3)' });
    expect(c.events().slice(before)).toEqual([{ type: 'container.child_moved', payload: { from: 'S-1', to: 'S-2', child: 'C-1', childType: 'bag', approvedBy: 'u-sup' } }]);
    expect(c.view.parentOf('C-1')).toBe('S-2');
    expect(c.view.container('S-1')?.children.map((x) => x.code)).toEqual(['C-2']);
    expect(c.view.lastLink()).toMatchObject({ parent: 'S-2', child: 'C-1', moved: true });
  });

  test('a move that fills the container closes it', () => {
    const pending = bagInS1ThenS2InHand().pendingMove!;
    c.fill('C-4');
    expect(c.apply(decideMove(c.view, TYPES, pending, 'u-sup', 'container.move')).message).toBe('Bag C-1 moved into S-2 (3 of 3): full and closed');
    expect(c.view.container('S-2')).toMatchObject({ status: 'closed', closeReason: 'full' });
  });

  test('the move is checked again when it is approved', () => {
    const pending = bagInS1ThenS2InHand().pendingMove!;
    expect(bad(decideMove(c.view, TYPES, null, 'u-sup', 'container.move'))).toEqual(refused('Nothing to move: scan the child first'));
    expect(bad(decideMove(c.view, TYPES, { ...pending, from: 'S-9' }, 'u-sup', 'container.move'))).toEqual(refused('C-1 is no longer in S-9: scan it again'));
    expect(bad(decideMove(c.view, TYPES, { ...pending, childType: 'crate' }, 'u-sup', 'container.move'))).toEqual(refused('C-1 is of type crate, which this station no longer knows'));
    c.fill('C-4', 'C-5');
    expect(bad(decideMove(c.view, TYPES, pending, 'u-sup', 'container.move'))).toEqual(refused('S-2 is no longer in hand: scan C-1 again'));
  });

  test('a move into a full container is refused (after a reopen)', () => {
    const pending = bagInS1ThenS2InHand().pendingMove!;
    c.fill('C-4', 'C-5');
    c.apply(decideReopen(c.view, { reason: 'recount' }, 'container.reopen'));
    expect(bad(decideMove(c.view, TYPES, pending, 'u-sup', 'container.move'))).toEqual(refused('S-2 is full (3 of 3): C-1 does not fit'));
  });

  test('a container cannot be moved into one that is inside it: the cycle is refused before any move is offered', () => {
    // X-1 holds X-2 holds X-3; X-3 in hand; X-1 is itself in X-9.
    c.fill('X-9', 'X-1', 'X-1', 'X-2', 'X-2', 'X-3', 'X-3');
    const d = c.scan('X-1');
    expect(bad(d)).toEqual(refused('X-1 cannot go into X-3: X-3 is inside X-1, and a container can never hold itself'));
    expect(d.pendingMove).toBeUndefined();
    expect(bad(decideMove(c.view, TYPES, { child: 'X-1', childType: 'box', from: 'X-9', to: 'X-3' }, 'u-sup', 'container.move')))
      .toEqual(refused('X-1 cannot go into X-3: X-3 is inside X-1, and a container can never hold itself'));
  });

  test('a type the container in hand may not hold is refused before any move is offered', () => {
    c.fill('X-1', 'C-1');
    c.closeShort();
    c.scan(PALLET);
    const d = c.scan('C-1');
    expect(d.message).toBe(`A pallet holds sack, not a bag: C-1 does not go into ${PALLET_CODE}`);
    expect(d.pendingMove).toBeUndefined();
  });
});

describe('capacity', () => {
  test('a reopened full container refuses another child', () => {
    c.fill('S-1', 'C-1', 'C-2', 'C-3');
    c.apply(decideReopen(c.view, { reason: 'check the count' }, 'container.reopen'));
    expect(bad(c.scan('C-4'))).toEqual(refused('S-1 is full (3 of 3): C-4 does not fit'));
  });
});

describe('closing', () => {
  test('short of capacity: nothing is recorded, the packer is asked to confirm; Confirm closes it (reason short)', () => {
    c.fill('S-1', 'C-1');
    const asked = decideClose(c.view, 'container.close');
    expect(asked).toMatchObject({ outcome: 'good', message: 'S-1 holds 1 of 3: confirm to close it short, or keep scanning', events: [] });
    expect(asked.confirmClose).toEqual({ container: 'S-1', count: 1, capacity: 3 });
    const done = c.apply(decideConfirmClose(c.view, asked.confirmClose!, 'container.confirm_close'));
    expect(done.message).toBe('S-1 closed short (1 of 3)');
    expect(c.events().at(-2)).toEqual({ type: 'container.closed', payload: { container: 'S-1', reason: 'short', count: 1 } });
    expect(c.view.current()).toBeNull();
  });

  test('an empty container closes empty, after the same confirmation', () => {
    c.fill('S-1');
    const asked = decideClose(c.view, 'container.close');
    expect(asked.message).toBe('S-1 holds 0 of 3: confirm to close it empty, or keep scanning');
    expect(c.apply(decideConfirmClose(c.view, asked.confirmClose!, 'container.confirm_close')).message).toBe('S-1 closed empty');
  });

  test('a confirmation is for the container and the count it asked about', () => {
    c.fill('S-1', 'C-1');
    const asked = decideClose(c.view, 'container.close').confirmClose!;
    expect(bad(decideConfirmClose(c.view, null, 'container.confirm_close'))).toEqual(refused('Nothing to confirm: press Close container first'));
    c.fill('C-2');
    expect(bad(decideConfirmClose(c.view, asked, 'container.confirm_close'))).toEqual(refused('S-1 changed since Close was pressed: press Close container again'));
  });

  test('at capacity (after a reopen) it closes at once (reason manual)', () => {
    c.fill('S-1', 'C-1', 'C-2', 'C-3');
    c.apply(decideReopen(c.view, { reason: 'check the count' }, 'container.reopen'));
    const d = c.apply(decideClose(c.view, 'container.close'));
    expect(d.message).toBe('S-1 closed (3 of 3)');
    expect(d.confirmClose).toBeUndefined();
    expect(c.view.container('S-1')?.closeReason).toBe('manual');
  });

  test('closing a sack on a pallet hands the pallet back', () => {
    c.scan(PALLET);
    c.fill('S-1', 'S-1', 'C-1');
    expect(c.closeShort().message).toBe(`S-1 closed short (1 of 3); back to ${PALLET_CODE}`);
    expect(c.view.current()?.code).toBe(PALLET_CODE);
  });

  test('nothing in hand: nothing to close', () => {
    expect(bad(decideClose(c.view, 'container.close'))).toEqual(refused('No container is open to close'));
  });
});

describe('undo (a reversal event)', () => {
  test('the last link into the container in hand', () => {
    c.fill('S-1', 'C-1', 'C-2');
    const d = c.apply(decideUndo(c.view, 'container.undo'));
    expect(d.message).toBe('Undone: C-2 taken out of S-1 (1 of 3)');
    expect(c.events().at(-1)).toEqual({ type: 'container.link_reversed', payload: { parent: 'S-1', child: 'C-2', reversesSeq: expect.any(Number), reason: 'undo' } });
    expect(c.view.current()?.children.map((x) => x.code)).toEqual(['C-1']);
  });

  test('the link that filled a container reopens it and takes it in hand again', () => {
    c.scan(PALLET);
    c.fill('S-1', 'S-1', 'C-1', 'C-2', 'C-3');
    expect(c.view.current()?.code).toBe(PALLET_CODE);
    const d = c.apply(decideUndo(c.view, 'container.undo'));
    expect(d.message).toBe('Undone: C-3 taken out of S-1, which is open again (2 of 3)');
    expect(d.events.map((e) => e.type)).toEqual(['container.link_reversed', 'container.reopened', 'container.focused']);
    expect(c.view.current()).toMatchObject({ code: 'S-1', status: 'open' });
  });

  test('the container in hand itself, just put into its parent: it comes out, and stays in hand', () => {
    c.scan(PALLET);
    c.fill('S-1', 'S-1');
    expect(c.apply(decideUndo(c.view, 'container.undo')).message).toBe(`Undone: S-1 taken out of ${PALLET_CODE} (0 of 2)`);
    expect(c.view.parentOf('S-1')).toBeNull();
    expect(c.view.current()?.code).toBe('S-1');
  });

  test('not a link into another open container', () => {
    c.fill('S-1', 'C-1', 'C-2', 'C-3', 'X-1', 'C-4');
    c.apply(decideReopen(c.view, { container: 'S-1', reason: 'recount' }, 'container.reopen'));
    expect(bad(decideUndo(c.view, 'container.undo'))).toEqual(refused('Nothing to undo: S-1 has no child to undo (the last link is into X-1)'));
  });

  test('not once the packer has moved on to another container', () => {
    c.fill('S-1', 'C-1', 'C-2', 'C-3', 'S-2');
    expect(bad(decideUndo(c.view, 'container.undo'))).toEqual(refused('Nothing to undo: S-2 has no child to undo (the last link is into S-1, which is closed)'));
  });

  test('not a container closed on purpose', () => {
    c.fill('S-1', 'C-1');
    c.closeShort();
    expect(bad(decideUndo(c.view, 'container.undo'))).toEqual(refused('Nothing to undo: no container is open (the last link is into S-1, which is closed)'));
  });

  test('not a supervisor\'s move', () => {
    c.fill('S-1', 'C-1');
    c.closeShort();
    c.fill('S-2');
    c.apply(decideMove(c.view, TYPES, c.scan('C-1').pendingMove!, 'u-sup', 'container.move'));
    expect(bad(decideUndo(c.view, 'container.undo'))).toEqual(refused('Nothing to undo here: C-1 was moved into S-2 by a supervisor; move it back instead'));
  });

  test('nothing linked: nothing to undo', () => {
    expect(bad(decideUndo(c.view, 'container.undo'))).toEqual(refused('Nothing to undo: no child is in a container'));
  });
});

describe('void (supervisor, with a reason)', () => {
  test('the container in hand: its children are free again, it leaves its parent, the parent is in hand', () => {
    c.scan(PALLET);
    c.fill('S-1', 'S-1', 'C-1', 'C-2');
    const d = c.apply(decideVoid(c.view, { reason: 'torn sack' }, 'container.void'));
    expect(d.message).toBe('S-1 voided; 2 children are free again');
    expect(d.events).toEqual([
      { type: 'container.voided', payload: { container: 'S-1', reason: 'torn sack', children: ['C-1', 'C-2'], parent: PALLET_CODE } },
      { type: 'container.focused', payload: { container: PALLET_CODE, reason: 'voided' } },
    ]);
    expect(c.view.parentOf('C-1')).toBeNull();
    expect(c.view.container(PALLET_CODE)?.children).toEqual([]);
    expect(c.view.current()?.code).toBe(PALLET_CODE);
    expect(bad(c.scan('S-1'))).toEqual(refused('S-1 was voided: use a new label'));
    // The freed bags go into another sack without a move.
    c.fill('S-2', 'S-2', 'C-1');
  });

  test('a named closed container, the one in hand stays in hand', () => {
    c.fill('S-1', 'C-1', 'C-2', 'C-3', 'S-2');
    const d = c.apply(decideVoid(c.view, { container: 'S-1', reason: 'wrong order' }, 'container.void'));
    expect(d.events.map((e) => e.type)).toEqual(['container.voided']);
    expect(c.view.current()?.code).toBe('S-2');
  });

  test('needs a reason, a known container, and one not voided already', () => {
    c.fill('S-1');
    expect(bad(decideVoid(c.view, {}, 'container.void'))).toEqual(refused('Voiding S-1 needs a reason'));
    expect(bad(decideVoid(c.view, { container: 'S-7', reason: 'x' }, 'container.void'))).toEqual(refused('S-7 is not a container opened at this station'));
    c.apply(decideVoid(c.view, { reason: 'x' }, 'container.void'));
    expect(bad(decideVoid(c.view, { container: 'S-1', reason: 'x' }, 'container.void'))).toEqual(refused('S-1 is already voided'));
    expect(bad(decideVoid(c.view, { reason: 'x' }, 'container.void'))).toEqual(refused('Nothing to void: no container is in hand (name the one to void)'));
  });
});

describe('reopen (supervisor, with a reason)', () => {
  test('the container closed last is reopened and in hand', () => {
    c.fill('S-1', 'C-1', 'C-2', 'C-3');
    const d = c.apply(decideReopen(c.view, { reason: 'one bag too many' }, 'container.reopen'));
    expect(d.message).toBe('S-1 reopened (3 of 3)');
    expect(d.events).toEqual([
      { type: 'container.reopened', payload: { container: 'S-1', reason: 'one bag too many' } },
      { type: 'container.focused', payload: { container: 'S-1', reason: 'reopened' } },
    ]);
    expect(c.view.current()).toMatchObject({ code: 'S-1', status: 'open', closeReason: null });
  });

  test('needs a reason, and a closed container', () => {
    expect(bad(decideReopen(c.view, { reason: 'x' }, 'container.reopen'))).toEqual(refused('Nothing to reopen: no container is closed'));
    c.fill('S-1', 'C-1', 'C-2', 'C-3');
    expect(bad(decideReopen(c.view, {}, 'container.reopen'))).toEqual(refused('Reopening S-1 needs a reason'));
    c.fill('S-2');
    expect(bad(decideReopen(c.view, { container: 'S-2', reason: 'x' }, 'container.reopen'))).toEqual(refused('S-2 is open already'));
    c.apply(decideVoid(c.view, { container: 'S-1', reason: 'x' }, 'container.void'));
    expect(bad(decideReopen(c.view, { container: 'S-1', reason: 'x' }, 'container.reopen'))).toEqual(refused('S-1 is voided: it cannot be reopened'));
    expect(bad(decideReopen(c.view, { container: 'S-8', reason: 'x' }, 'container.reopen'))).toEqual(refused('S-8 is not a container opened at this station'));
  });
});
