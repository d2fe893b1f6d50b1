import { refuse, type Decision } from '../../core/decision';
import type { CallContext, Kernel, ModuleRuntime, RequestHandler, ScanHandler, Views, WorkflowModule } from '../../core/workflow';
import { containerContract, type ContainerEventPayload, type ContainerSlice } from './contract';
import { decideClose, decideConfirmClose, decideMove, decideReopen, decideUndo, decideVoid, type Correction } from './decide-commands';
import { decideScan, type ConfirmClose, type ContainerDecision, type PendingMove } from './decide-scan';
import { containerMigration, openContainersIndex } from './migrations.sqlite';
import { createContainerProjection } from './projection.sqlite';
import { withCentralTypes } from './central-types';
import { compileTypes, recognise, type ContainerTypes } from './types';
import type { ContainerView } from './view';
import { createContainerView } from './view.sqlite';

const containersOf = (views: Views) => views.container as ContainerView;

/** A container that has just closed, as the after-commit hooks get it. */
export interface ClosedContainer {
  container: string;
  type: string;
  reason: ContainerEventPayload<'container.closed'>['reason'];
  count: number;
  emptyWeightG: number;
  maxWeightG: number | null;
  correlationId: string;
}

/**
 * Where the next steps plug in, after the close has committed: weighing the container (its tare and
 * maximum are in `ClosedContainer`) and printing its label. A hook records what it did as events of
 * its own (through the kernel); a hook that throws is logged and the close stands.
 */
export interface ContainerHooks {
  closed?(closed: ClosedContainer, kernel: Kernel): void;
}

const NOT_SET_UP = 'Containers are not set up at this station (config: container.types)';

/** The container workflow; `hooks` are the after-commit steps (none yet: the scale and labels come next). */
export function createContainerModule(hooks: ContainerHooks = {}): WorkflowModule {
  return {
    id: 'container',
    contract: containerContract,
    migrations: [containerMigration, openContainersIndex],
    createView: (db) => createContainerView(db),
    project: (db) => createContainerProjection(db),
    start: (kernel) => startContainers(kernel, hooks),
  };
}

/** Containers nested to any depth, by the configured types: open, fill, close (full, by hand, short), undo, move, void, reopen. */
export const containerModule: WorkflowModule = createContainerModule();

function startContainers(kernel: Kernel, hooks: ContainerHooks): ModuleRuntime {
  const types = compileTypes(withCentralTypes(kernel.config.container, containersOf(kernel.views).centralTypes(), kernel.logger));
  const names = Object.keys(containerContract.commands);
  if (types.list.length === 0) {
    // Off: bags work as before; the commands exist (the API is the same everywhere) and say why not.
    const off: RequestHandler = (_: unknown, call) => kernel.act(call, 'command', () => refuse(call.trigger, 'command', NOT_SET_UP));
    return { commands: Object.fromEntries(names.map((n) => [n, off])) };
  }
  let confirm: ConfirmClose | null = null;
  let pendingMove: PendingMove | null = null;

  /** The decision with what happens once it committed: the prompts in memory, the slice pushed, the close hooks. */
  const after = (d: ContainerDecision, call: CallContext, memory: () => void): Decision => ({
    ...d,
    touches: [...(d.touches ?? []), 'container'],
    effect: () => {
      d.effect?.();
      memory();
      if (d.outcome === 'good') runClosedHooks(d, call);
    },
  });
  const runClosedHooks = (d: Decision, call: CallContext) => {
    if (!hooks.closed) return;
    for (const event of d.events) {
      if (event.type !== 'container.closed') continue;
      const p = event.payload as ContainerEventPayload<'container.closed'>;
      const row = containersOf(kernel.views).container(p.container);
      const type = row ? types.byId(row.type) : null;
      try {
        hooks.closed({ container: p.container, type: row?.type ?? '', reason: p.reason, count: p.count, emptyWeightG: type?.emptyWeightG ?? 0, maxWeightG: type?.maxWeightG ?? null, correlationId: call.correlationId }, kernel);
      } catch (err) {
        kernel.logger.error('a container close hook failed', { container: p.container, error: String(err) });
      }
    }
  };
  const act = (call: CallContext, decide: (view: ContainerView) => ContainerDecision, memory: (d: ContainerDecision) => void) =>
    kernel.act(call, 'command', (views) => {
      const d = decide(containersOf(views));
      return after(d, call, () => memory(d));
    });

  const scan: ScanHandler = {
    permission: 'pack.scan',
    decide: (views, s, call) => {
      const d = decideScan(containersOf(views), types, s.text, s.codeClass, recognise(types, s.text, s.gs1));
      return after(d, call, () => { confirm = null; pendingMove = d.pendingMove ?? null; });
    },
  };
  const correction = (p: Correction | undefined, call: CallContext): Correction => ({ container: p?.container, reason: p?.reason ?? call.approval?.reason });
  const commands: Record<string, RequestHandler> = {
    'container.close': (_: unknown, call) => act(call, (v) => decideClose(v, call.trigger), (d) => { confirm = d.confirmClose ?? null; }),
    'container.confirm_close': (_: unknown, call) => act(call, (v) => decideConfirmClose(v, confirm, call.trigger), () => { confirm = null; }),
    'container.cancel': (_: unknown, call) => act(call, () => cancel(confirm, pendingMove, call.trigger), () => { confirm = null; pendingMove = null; }),
    'container.undo': (_: unknown, call) => act(call, (v) => decideUndo(v, call.trigger), clearConfirm),
    'container.move': (_: unknown, call) => act(call, (v) => decideMove(v, types, pendingMove, call.approval?.by ?? call.actor?.userId ?? 'unknown', call.trigger), () => { pendingMove = null; }),
    'container.void': (p: Correction, call) => act(call, (v) => decideVoid(v, correction(p, call), call.trigger), clearConfirm),
    'container.reopen': (p: Correction, call) => act(call, (v) => decideReopen(v, correction(p, call), call.trigger), clearConfirm),
  };
  function clearConfirm(d: ContainerDecision): void {
    if (d.outcome === 'good') confirm = null;
  }

  return {
    scans: { parent: scan, child: scan, unknown: scan },
    commandBarcodes: {
      CONTAINER_CLOSE: 'container.close', CONTAINER_CONFIRM: 'container.confirm_close', CONTAINER_CANCEL: 'container.cancel',
      CONTAINER_UNDO: 'container.undo', CONTAINER_MOVE: 'container.move',
    },
    commands,
    slice: () => containerSlice(containersOf(kernel.views), types, confirm, pendingMove),
  };
}

function cancel(confirm: ConfirmClose | null, pendingMove: PendingMove | null, trigger: string): ContainerDecision {
  if (!confirm && !pendingMove) return refuse(trigger, 'command', 'Nothing to cancel');
  return { outcome: 'good', message: confirm ? `${confirm.container} stays open` : `${pendingMove!.child} stays in ${pendingMove!.from}`, events: [] };
}

/** The slice the screen shows: the container in hand with its children and where it sits, and the open prompts. */
export function containerSlice(view: ContainerView, types: ContainerTypes, confirm: ConfirmClose | null, pendingMove: PendingMove | null): ContainerSlice {
  const c = view.current();
  return {
    current: c ? {
      code: c.code, type: c.type, typeName: types.byId(c.type)?.name ?? c.type, capacity: c.capacity, children: c.children,
      path: view.ancestors(c.code).reverse(),
    } : null,
    confirmClose: confirm,
    pendingMove: pendingMove ? { child: pendingMove.child, from: pendingMove.from, to: pendingMove.to } : null,
  };
}
