import Database from 'better-sqlite3';
import { composeModules } from '../../../../src/core/registry';
import { runMigrations, storeMigrations } from '../../../../src/store';
import { createEventLog } from '../../../../src/store/event-log';
import type { BagLookup } from '../../../../src/workflows/bag/view';
import { bagModule } from '../../../../src/workflows/bag/module';
import { decideMove, decideReopen, decideUndo, decideVoid } from '../../../../src/workflows/container/decide-commands';
import { containerModule } from '../../../../src/workflows/container/module';
import type { ContainerView } from '../../../../src/workflows/container/view';
import { ContainerDb, sscc, TYPES } from './container-db';

let c: ContainerDb;
beforeEach(() => { c = new ContainerDb(); });
afterEach(() => c.close());

const WHO = { correlationId: 'c', deviceId: 'test', userId: null, role: null, sessionId: null, approvedBy: null };

/** A shift of every kind of event: opens, links, a move, a fill, an undo, a short close, a reopen and a void. */
function aShift(): void {
  c.scan(sscc(7));
  c.fill('S-1', 'S-1', 'C-1', 'C-2');
  c.closeShort();
  c.fill('S-2', 'S-2', 'C-3');
  c.apply(decideMove(c.view, TYPES, c.scan('C-2').pendingMove!, 'u-sup', 'container.move'));
  c.fill('C-4');
  c.apply(decideUndo(c.view, 'container.undo'));
  c.fill('C-5');
  c.apply(decideReopen(c.view, { container: 'S-1', reason: 'recount' }, 'container.reopen'));
  c.fill('C-6');
  c.closeShort();
  c.fill('X-1', 'C-7');
  c.apply(decideVoid(c.view, { container: 'X-1', reason: 'torn' }, 'container.void'));
}

test('the tables are derived from the log: replaying the same events into an empty database gives the same tables', () => {
  aShift();
  expect(c.types()).toEqual(expect.arrayContaining([
    'container.opened', 'container.child_linked', 'container.child_moved', 'container.link_reversed', 'container.closed',
    'container.reopened', 'container.voided', 'container.focused',
  ]));
  const replay = c.replayed();
  try {
    expect(replay.snapshot()).toEqual(c.snapshot());
    expect(replay.view.current()).toEqual(c.view.current());
  } finally {
    replay.close();
  }
});

test('what the view answers after a shift', () => {
  aShift();
  const pallet = sscc(7).gs1[0]!.value;
  expect(c.view.container('S-1')).toMatchObject({ status: 'closed', closeReason: 'short', children: [{ code: 'C-1', type: 'bag' }, { code: 'C-6', type: 'bag' }] });
  // The moved bag counts where it is now, in the order it arrived there.
  expect(c.view.container('S-2')).toMatchObject({ status: 'closed', closeReason: 'full', children: [{ code: 'C-3' }, { code: 'C-2' }, { code: 'C-5' }] });
  expect(c.view.container(pallet)?.children.map((x) => x.code)).toEqual(['S-1', 'S-2']);
  expect(c.view.container(pallet)).toMatchObject({ status: 'closed', closeReason: 'full' });
  expect(c.view.parentOf('C-4')).toBeNull();
  expect(c.view.parentOf('C-7')).toBeNull();
  expect(c.view.container('X-1')?.status).toBe('voided');
  expect(c.view.ancestors('C-1')).toEqual(['S-1', pallet]);
  expect(c.view.lastClosed()).toBe('S-1');
  expect(c.view.current()).toBeNull();
});

test.each([
  ['an undo of a link that does not stand', { type: 'container.link_reversed', payload: { parent: 'S-1', child: 'C-9', reversesSeq: 1, reason: 'undo' } }, 'no standing link 1 for C-9'],
  ['a move of a child that is not in `from`', { type: 'container.child_moved', payload: { from: 'S-9', to: 'S-1', child: 'C-1', childType: 'bag', approvedBy: 'u' } }, 'C-1 is not in S-9'],
  ['a close of a container that is not open', { type: 'container.closed', payload: { container: 'S-9', reason: 'manual', count: 0 } }, 'S-9 is not open'],
  ['a reopen of a container that is not closed', { type: 'container.reopened', payload: { container: 'S-1', reason: 'x' } }, 'S-1 is not closed'],
  ['a void of an unknown container', { type: 'container.voided', payload: { container: 'S-9', reason: 'x', children: [], parent: null } }, 'S-9 is not known'],
])('%s aborts the append: the projection never drifts from the log', (_what, event, message) => {
  c.fill('S-1', 'C-1');
  const before = c.log.lastSeq();
  expect(() => c.apply({ outcome: 'good', message: '', events: [event] })).toThrow(`container projection out of step with the log: ${message}`);
  expect(c.log.lastSeq()).toBe(before);
});

test('a child is in one container at most, and never in itself (the tables refuse it too)', () => {
  c.fill('S-1', 'C-1');
  c.closeShort();
  c.fill('S-2');
  expect(() => c.apply({ outcome: 'good', message: '', events: [{ type: 'container.child_linked', payload: { parent: 'S-2', child: 'C-1', childType: 'bag' } }] })).toThrow(/UNIQUE/);
  expect(() => c.apply({ outcome: 'good', message: '', events: [{ type: 'container.child_linked', payload: { parent: 'S-2', child: 'S-2', childType: 'sack' } }] })).toThrow(/CHECK/);
});

test('the ancestor query ends even if the table held a cycle', () => {
  c.fill('X-1', 'X-2', 'X-2');
  // Written behind the workflow's back: X-1 into X-2 while X-2 is in X-1.
  const seq = c.log.lastSeq();
  c.db.prepare("INSERT INTO container_links (child, child_type, parent, link_seq) VALUES ('X-1', 'box', 'X-2', ?)").run(seq);
  expect(c.view.ancestors('X-2').sort()).toEqual(['X-1', 'X-2']);
});

test('bag events keep projecting beside container events (the bag module is unchanged)', () => {
  const db = new Database(':memory:');
  try {
    db.pragma('foreign_keys = ON');
    const registry = composeModules([bagModule, containerModule]);
    runMigrations(db, [...storeMigrations, ...registry.migrations]);
    const views = registry.createViews(db);
    const log = createEventLog(db, 'test', registry.createProjector(db));
    db.transaction(() => log.append([
      { type: 'bag.parent_opened', payload: { parent: 'P-100', capacity: 3 } },
      { type: 'container.opened', payload: { container: 'S-1', type: 'sack', capacity: 3 } },
      { type: 'bag.child_linked', payload: { parent: 'P-100', child: 'C-100' } },
      { type: 'container.child_linked', payload: { parent: 'S-1', child: 'C-1', childType: 'bag' } },
    ], WHO))();
    expect((views.bag as BagLookup).openParent()).toMatchObject({ code: 'P-100', children: ['C-100'] });
    expect((views.container as ContainerView).current()).toMatchObject({ code: 'S-1', children: [{ code: 'C-1', type: 'bag' }] });
  } finally {
    db.close();
  }
});
