import { accept, refuse, type Decision } from '../../core/decision';
import type { Actor } from '../../core/events';
import type { CallContext, Kernel, ModuleRuntime, RequestHandler, Views, WorkflowModule } from '../../core/workflow';
import type { WeightTolerance } from '../../scale/tolerance';
import type { ScalePort, WeighResult } from '../../scale/port';
import type { ClosedContainer } from '../container/module';
import type { ContainerView } from '../container/view';
import type { SessionView } from '../session/view';
import { weighContract, type WeighEventPayload, type WeighSlice } from './contract';
import { WeighConfig } from './config';
import { decideAccept, decideAdjust, decideWeighing, expectedWeight, refuseRetry, type WeightRules } from './decide';
import { weighMigration } from './migrations.sqlite';
import { createWeighProjection } from './projection.sqlite';
import type { WeighView } from './view';
import { createWeighView } from './view.sqlite';
import { moduleWithHook } from './step';

const weighOf = (views: Views) => views.weigh as WeighView;
const containersOf = (views: Views) => views.container as ContainerView;

/** A container whose weight is settled: in tolerance, accepted by a supervisor, or not weighed at all (no scale). */
export interface SettledWeight {
  container: string;
  /** Null: the station has no scale, so the container was not weighed. */
  grams: number | null;
}

/** What runs once a weight is settled (the label): after the commit, with the call that settled it. */
export interface WeighHooks {
  settled?(weight: SettledWeight, call: CallContext, kernel: Kernel): void;
}

/** The module, and the container close hook that starts a weighing. */
export interface WeighStep {
  module: WorkflowModule;
  /** For `createContainerModule({ closed })`: weighs the container (or, with no scale, settles it unweighed). */
  closed(closed: ClosedContainer, kernel: Kernel): void;
}

interface Running {
  closed(closed: ClosedContainer): void;
}

/** The weighing step's command barcodes (the command sheet), e.g. CMD:WEIGH_ACCEPT: a supervisor approves at the prompt. */
const WEIGH_BARCODES = { WEIGH_RETRY: 'weigh.retry', WEIGH_ACCEPT: 'weigh.accept', SCALE_ZERO: 'weigh.zero', SCALE_TARE: 'weigh.tare' };

const OFF = 'No scale weighs containers at this station (config: scales)';

/**
 * The weighing step: a closed container is weighed on the configured scale and compared with its empty
 * weight plus its children, within the scale's tolerance. In tolerance, the weight is settled; out of it
 * (or over the type's maximum), a supervisor accepts it (`weigh.accept`, overridable) or it is weighed again
 * (`weigh.retry`). A failed weighing (no steady weight) is weighed again.
 */
export function createWeighStep(hooks: WeighHooks = {}): WeighStep {
  const { module, hookOf } = moduleWithHook({
    id: 'weigh',
    dependsOn: ['container', 'session'],
    contract: weighContract,
    migrations: [weighMigration],
    createView: (db) => createWeighView(db),
    project: (db) => createWeighProjection(db),
  }, (kernel) => startWeigh(kernel, hooks));
  return { module, closed: (closed, kernel) => hookOf(kernel)?.closed(closed) };
}

/** The actor signed in now: the one whose scan or press closed the container. */
function currentActor(views: Views): Actor | null {
  const s = (views.session as SessionView | undefined)?.current();
  return s ? { userId: s.userId, name: s.name, role: s.role, sessionId: s.sessionId } : null;
}

function startWeigh(kernel: Kernel, hooks: WeighHooks): { runtime: ModuleRuntime; hook: Running } {
  const config = WeighConfig.parse(kernel.config.weigh ?? {});
  const scaleConfig = config.scale === undefined ? kernel.config.scales?.[0] : kernel.config.scales?.find((s) => s.id === config.scale);
  const settle = (weight: SettledWeight, call: CallContext) => {
    try {
      hooks.settled?.(weight, call, kernel);
    } catch (err) {
      kernel.logger.error('the weight settled hook failed', { container: weight.container, error: String(err) });
    }
  };
  const callFor = (closed: ClosedContainer, deviceId: string): CallContext => ({
    actor: currentActor(kernel.views), deviceId, correlationId: closed.correlationId, trigger: closed.container, approval: null,
  });

  if (!scaleConfig) {
    const off: RequestHandler = (_: unknown, call) => kernel.act(call, 'command', () => refuse(call.trigger, 'command', config.scale ? `${OFF}: no scale "${config.scale}"` : OFF));
    return {
      runtime: { commands: Object.fromEntries(Object.keys(weighContract.commands).map((n) => [n, off])), commandBarcodes: WEIGH_BARCODES },
      hook: { closed: (closed) => settle({ container: closed.container, grams: null }, callFor(closed, 'weigh')) },
    };
  }
  const scaleId = scaleConfig.id;
  const tolerance: WeightTolerance = scaleConfig.tolerance;
  const typeRules = (typeId: string): WeightRules | null => {
    const t = kernel.config.container?.types.find((x) => x.id === typeId);
    return t ? { emptyWeightG: t.emptyWeightG, maxWeightG: t.maxWeightG ?? null, itemWeightG: t.itemWeightG ?? null, leaf: t.holds.length === 0 } : null;
  };
  let weighing: string | null = null;
  let stopped = false;
  const aborts = new Set<AbortController>();

  /** What the weighing says, decided against the tables as they are when the weight came. */
  const decided = (views: Views, container: string, result: WeighResult, call: CallContext): Decision => {
    const c = containersOf(views).container(container);
    const rules = (c && typeRules(c.type)) ?? { emptyWeightG: 0, maxWeightG: null, itemWeightG: null, leaf: false };
    const children = (c?.children ?? []).map((child) => ({ code: child.code, rules: typeRules(child.type), measuredGrams: weighOf(views).acceptedGrams(child.code) }));
    const d = decideWeighing(container, scaleId, result, rules, expectedWeight(rules, children), tolerance);
    const weighed = d.events.find((e) => e.type === 'weigh.weighed')?.payload as WeighEventPayload<'weigh.weighed'> | undefined;
    return { ...d, touches: ['weigh'], effect: () => { if (weighed?.within) settle({ container, grams: weighed.grams }, call); } };
  };

  async function weigh(container: string, call: CallContext): Promise<void> {
    if (stopped) return;
    const scale = kernel.scale(scaleId);
    weighing = container;
    kernel.touch('weigh');
    const abort = new AbortController();
    aborts.add(abort);
    let result: WeighResult;
    try {
      result = scale
        ? await scale.weigh({ timeoutMs: config.timeoutMs, signal: abort.signal })
        : { ok: false, reason: 'disconnected', detail: `scale ${scaleId} is not attached to this station`, elapsedMs: 0 };
    } catch (err) {
      result = { ok: false, reason: 'error', detail: String(err), elapsedMs: 0 };
    } finally {
      aborts.delete(abort);
      weighing = null;
    }
    if (stopped) return;
    kernel.act({ ...call, trigger: container }, 'command', (views) => decided(views, container, result, call));
  }
  // One weighing at a time: a container closed while another is on the scale is weighed next.
  let queue: Promise<void> = Promise.resolve();
  const start = (container: string, call: CallContext) => {
    queue = queue.then(() => weigh(container, call)).catch((err: unknown) => { kernel.logger.error('weighing failed', { container, error: String(err) }); });
  };

  const commands: Record<string, RequestHandler> = {
    'weigh.accept': (p: { container?: string; reason?: string }, call) => kernel.act(call, 'command', (views) => {
      const d = decideAccept(weighOf(views), { container: p?.container, reason: p?.reason ?? call.approval?.reason }, call.trigger);
      const ok = d.events.find((e) => e.type === 'weigh.accepted')?.payload as WeighEventPayload<'weigh.accepted'> | undefined;
      return { ...d, touches: ['weigh'], effect: () => { if (ok) settle({ container: ok.container, grams: ok.grams }, call); } };
    }),
    'weigh.retry': (p: { container?: string }, call) => kernel.act(call, 'command', (views) => {
      const go = refuseRetry(weighOf(views), p?.container, weighing, call.trigger);
      if ('outcome' in go) return go;
      return accept(`Weighing ${go.container} again: leave it on the scale`, [], { touches: ['weigh'], effect: () => start(go.container, call) });
    }),
    'weigh.zero': (_p: unknown, call) => adjust('zero', call),
    'weigh.tare': (_p: unknown, call) => adjust('tare', call),
  };

  /** Zero or tare at a packer's touch: not while a container is on the scale being weighed. */
  async function adjust(command: 'zero' | 'tare', call: CallContext): Promise<unknown> {
    const scale = kernel.scale(scaleId);
    const refused = (why: string) => kernel.act(call, 'command', () => refuse(call.trigger, 'command', why));
    if (!scale) return refused(`Scale ${scaleId} is not attached to this station`);
    if (!(command === 'zero' ? scale.canZero : scale.canTare)) return refused(`This scale's protocol (${scaleConfig!.protocol}) has no ${command}`);
    if (weighing) return refused(`The scale is weighing ${weighing}: ${command} it once that is done`);
    const reply = await (command === 'zero' ? scale.zero() : scale.tare());
    return kernel.act(call, 'command', () => decideAdjust(scaleId, command, reply, call.trigger));
  }

  return {
    runtime: {
      commands,
      commandBarcodes: WEIGH_BARCODES,
      slice: (): WeighSlice => weighSlice(weighOf(kernel.views), scaleId, weighing, kernel.scale(scaleId)),
      stop: () => {
        stopped = true;
        for (const abort of aborts) abort.abort();
      },
    },
    hook: { closed: (closed) => start(closed.container, callFor(closed, scaleId)) },
  };
}

/** The slice the screen shows: the container on the scale, and the last weighing with what it needs. */
export function weighSlice(view: WeighView, scaleId: string, weighing: string | null, scale: Pick<ScalePort, 'canZero' | 'canTare'> | null): WeighSlice {
  const w = view.last();
  return {
    scaleId,
    canZero: scale?.canZero ?? false,
    canTare: scale?.canTare ?? false,
    weighing,
    last: w ? {
      container: w.container, grams: w.grams, expectedGrams: w.expectedGrams, toleranceGrams: w.toleranceGrams, maxWeightG: w.maxWeightG,
      verdict: w.verdict, status: w.grams === null ? 'failed' : w.accepted ? 'accepted' : 'needs-supervisor', failure: w.failure, at: w.at,
    } : null,
  };
}
