import fc from 'fast-check';
import { decideClose, decideConfirmClose, decideMove, decideReopen, decideUndo, decideVoid } from '../../../../src/workflows/container/decide-commands';
import type { ConfirmClose, ContainerDecision, PendingMove } from '../../../../src/workflows/container/decide-scan';
import { ContainerDb, sscc, TYPES } from './container-db';

/** A few codes of each type, so that random scans meet the same containers again and again. */
const CODES: Array<string | ReturnType<typeof sscc>> = [
  'C-1', 'C-2', 'C-3', 'C-4', 'C-5', 'C-6', 'S-1', 'S-2', 'S-3', 'X-1', 'X-2', 'X-3', 'X-4', 'X-5', sscc(1), sscc(2),
];
const CONTAINERS = ['S-1', 'S-2', 'S-3', 'X-1', 'X-2', 'X-3', 'X-4', 'X-5', sscc(1).gs1[0]!.value];

type Op =
  | { kind: 'scan'; code: number }
  | { kind: 'move' }
  /** A move built by hand: any container into the one in hand, whatever the scan said (the approval may come late). */
  | { kind: 'force-move'; child: number }
  | { kind: 'close' }
  | { kind: 'confirm' }
  | { kind: 'undo' }
  /** -1: the container closed last (the one a supervisor reopens most often). */
  | { kind: 'reopen'; container: number }
  | { kind: 'void'; container: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('scan' as const), code: fc.nat(CODES.length - 1) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'move' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('force-move' as const), child: fc.nat(CONTAINERS.length - 1) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'close' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'confirm' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'undo' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reopen' as const), container: fc.integer({ min: -1, max: CONTAINERS.length - 1 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const), container: fc.nat(CONTAINERS.length - 1) }) },
);

/** What the tables say must always hold: no cycle, no container over capacity, only types it may hold, and what is in hand is open. */
function invariants(c: ContainerDb): void {
  const links = c.db.prepare('SELECT l.child, l.child_type AS childType, p.type AS parentType FROM container_links l JOIN containers p ON p.code = l.parent').all() as Array<{ child: string; childType: string; parentType: string }>;
  const parentOf = new Map((c.db.prepare('SELECT child, parent FROM container_links').all() as Array<{ child: string; parent: string }>).map((r) => [r.child, r.parent]));
  for (const start of parentOf.keys()) {
    const seen = new Set([start]);
    for (let at = parentOf.get(start); at !== undefined; at = parentOf.get(at)) {
      if (seen.has(at)) throw new Error(`cycle through ${start}: ${[...seen, at].join(' → ')}`);
      seen.add(at);
    }
  }
  const over = c.db.prepare('SELECT c.code, c.capacity, count(l.child) AS n FROM containers c JOIN container_links l ON l.parent = c.code GROUP BY c.code HAVING n > c.capacity').all();
  expect(over).toEqual([]);
  for (const l of links) expect([l.child, TYPES.byId(l.parentType)!.holds.includes(l.childType)]).toEqual([l.child, true]);
  const current = c.view.current();
  if (current) expect(current.status).toBe('open');
}

function run(c: ContainerDb, ops: readonly Op[]): void {
  let pending: PendingMove | null = null;
  let confirm: ConfirmClose | null = null;
  const apply = (d: ContainerDecision) => {
    c.apply(d);
    invariants(c);
    return d;
  };
  for (const o of ops) {
    switch (o.kind) {
      case 'scan': {
        const d = c.scan(CODES[o.code]!);
        invariants(c);
        pending = d.pendingMove ?? null;
        confirm = null;
        break;
      }
      case 'move': apply(decideMove(c.view, TYPES, pending, 'u-sup', 'move')); pending = null; break;
      case 'force-move': {
        const child = CONTAINERS[o.child]!;
        const to = c.view.current()?.code;
        const from = c.view.parentOf(child);
        const type = c.view.container(child)?.type ?? (child.startsWith('S-') ? 'sack' : child.startsWith('X-') ? 'box' : 'pallet');
        if (to && from) apply(decideMove(c.view, TYPES, { child, childType: type, from, to }, 'u-sup', 'move'));
        break;
      }
      case 'close': confirm = apply(decideClose(c.view, 'close')).confirmClose ?? null; break;
      case 'confirm': apply(decideConfirmClose(c.view, confirm, 'confirm')); confirm = null; break;
      case 'undo': apply(decideUndo(c.view, 'undo')); break;
      case 'reopen': apply(decideReopen(c.view, { container: CONTAINERS[o.container], reason: 'test' }, 'reopen')); break;
      case 'void': apply(decideVoid(c.view, { container: CONTAINERS[o.container]!, reason: 'test' }, 'void')); break;
    }
  }
}

/** The log alone rebuilds the tables. */
function replaysTheSame(c: ContainerDb): void {
  const replay = c.replayed();
  try {
    expect(replay.snapshot()).toEqual(c.snapshot());
  } finally {
    replay.close();
  }
}

/** Each sequence runs on a fresh database; `run` checks the invariants after every step, then the log is replayed. */
const holdsFor = (ops: fc.Arbitrary<Op[]>, numRuns: number) => fc.assert(fc.property(ops, (list) => {
  const c = new ContainerDb();
  try {
    run(c, list);
    replaysTheSame(c);
  } finally {
    c.close();
  }
}), { numRuns });

test('random scans, moves, closes, undos, reopens and voids never make a cycle, never overfill, always project cleanly, and replay to the same tables', () => {
  holdsFor(fc.array(op, { minLength: 1, maxLength: 80 }), 300);
});

test('a long run of boxes in boxes with moves and reopens', () => {
  holdsFor(fc.array(fc.oneof(
    fc.record({ kind: fc.constant('scan' as const), code: fc.constantFrom(9, 10, 11, 12, 13, 0, 1) }),
    fc.record({ kind: fc.constant('force-move' as const), child: fc.constantFrom(3, 4, 5, 6, 7) }),
    fc.constant({ kind: 'move' as const }),
    fc.constant({ kind: 'close' as const }),
    fc.constant({ kind: 'confirm' as const }),
    fc.constant({ kind: 'reopen' as const, container: -1 }),
  ), { minLength: 20, maxLength: 150 }), 200);
});
