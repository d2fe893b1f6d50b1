import type { RequestSpec } from '../api/contract';
import type { ScanResult, StationState, DiagnosticScan } from '../api';
import type { StationMemory } from '../station-memory';
import { commands as apiCommands, queries as apiQueries } from '../api';
import { accept, refuse, type Decision } from './decision';
import { ForbiddenError, gate } from './gate';
import { allows } from './permissions';
import type { PendingOverride } from './override';
import type { Registry } from './registry';
import type { CodeClass } from '../api';
import type { CallContext, Identity, ModuleRuntime, RequestHandler, Views } from './workflow';

/** How a bridge (or a scanned command barcode, with its own call) reaches a request. */
export type EndpointHandler = (payload: unknown, meta?: { call?: CallContext }) => unknown;

interface RequestsDeps {
  registry: Registry;
  runtimes: ReadonlyMap<string, ModuleRuntime>;
  identity: Identity | null;
  act(call: CallContext, codeClass: CodeClass, decide: (views: Views) => Decision): ScanResult;
  submit(p: { code: string; source: 'wedge' | 'demo' }): unknown;
  acknowledge(p: { id: string }): unknown;
  state(): StationState;
  memory: Pick<StationMemory, 'recentResults' | 'deviceHealth'>;
  diagnostics(p: { limit: number }): DiagnosticScan[];
  override: { get(): PendingOverride | null; set(next: PendingOverride | null): void };
  buttonCall(trigger: string): CallContext;
}

/**
 * Every request of the API with the permission gate in front of it. A command refused for lack of a
 * right is answered and recorded like a refused scan; one whose contract allows it opens the
 * supervisor prompt instead. A query refused throws ForbiddenError (the bridges' `forbidden`).
 */
export function createRequests(deps: RequestsDeps): Record<string, EndpointHandler> {
  const handlers = new Map<string, RequestHandler>();
  for (const [id, runtime] of deps.runtimes) {
    for (const [name, handler] of [...Object.entries(runtime.commands ?? {}), ...Object.entries(runtime.queries ?? {})]) {
      const spec = deps.registry.requests.get(name);
      if (!spec || spec.owner !== id) throw new Error(`module "${id}" handles "${name}", which its contract does not declare`);
      handlers.set(name, handler);
    }
  }
  for (const [name, spec] of deps.registry.requests) if (!handlers.has(name)) throw new Error(`module "${spec.owner}" declares "${name}" but does not handle it`);

  const core: Record<string, RequestHandler> = {
    'scan.submit': deps.submit as RequestHandler,
    'error.ack': deps.acknowledge as RequestHandler,
    'station.state': deps.state as RequestHandler,
    'scans.recent': (({ limit }: { limit: number }) => deps.memory.recentResults(limit)) as RequestHandler,
    'station.device_health': (() => deps.memory.deviceHealth()) as RequestHandler,
    'diagnostics.recent': deps.diagnostics as RequestHandler,
    'override.approve': ((p: { pin: string; reason: string }, call: CallContext) => approve(p, call)) as RequestHandler,
    'override.cancel': ((_: unknown, call: CallContext) => {
      const open = deps.override.get();
      deps.override.set(null);
      return deps.act(call, 'command', () => (open ? accept('Approval cancelled', []) : refuse('override.cancel', 'command', 'No approval is waiting')));
    }) as RequestHandler,
  };
  for (const [name, handler] of Object.entries(core)) handlers.set(name, handler);

  const specOf = (name: string): RequestSpec => {
    const spec = (apiCommands as Record<string, RequestSpec>)[name] ?? (apiQueries as Record<string, RequestSpec>)[name];
    if (!spec) throw new Error(`"${name}" is not in the API contract (src/api/requests.ts)`);
    return spec;
  };
  const isCommand = (name: string) => Object.hasOwn(apiCommands, name);

  /** The supervisor's PIN for the open prompt: the refused action then runs with the approval, in one transaction. */
  async function approve(p: { pin: string; reason: string }, call: CallContext): Promise<unknown> {
    const pending = deps.override.get();
    if (!pending?.supervisor) return deps.act(call, 'command', () => refuse('override.approve', 'command', pending ? 'A supervisor scans their badge first' : 'No approval is waiting'));
    const check = await deps.identity!.checkPin(pending.supervisor.userId, p.pin, { ...call, actor: null });
    if (deps.override.get() !== pending) return deps.act(call, 'command', () => refuse('override.approve', 'command', 'The approval was cancelled'));
    if (!check.ok) {
      deps.override.set({ ...pending, error: check.message });
      return deps.act({ ...call, actor: null }, 'command', () => refuse('override.approve', 'command', check.message));
    }
    deps.override.set(null);
    // Between the badge and the PIN the requester's session may have ended, or the approver's role changed.
    if (deps.identity?.actor()?.sessionId !== pending.requestedBy.sessionId) {
      return deps.act(call, 'command', () => refuse('override.approve', 'command', `${pending.requestedBy.name} is no longer signed in: ask again`));
    }
    if (!allows(check.user.role, 'override.approve')) {
      return deps.act(call, 'command', () => refuse('override.approve', 'command', `${check.user.name} may not approve: a supervisor must scan their badge`));
    }
    const approved: CallContext = {
      actor: pending.requestedBy, deviceId: pending.deviceId, correlationId: call.correlationId, trigger: pending.trigger,
      approval: { by: check.user.userId, reason: p.reason, permission: pending.permission },
    };
    return handlers.get(pending.action)!(pending.payload as never, approved);
  }

  const gated = (name: string): EndpointHandler => {
    const spec = specOf(name);
    const handler = handlers.get(name)!;
    return (payload, meta) => {
      const call = meta?.call ?? deps.buttonCall(name);
      const verdict = gate(call.actor, spec.permission, spec.label ?? name, noActorMessage(deps.identity), spec.overridable === true);
      if (verdict.allowed) {
        if (call.actor) deps.identity?.activity();
        return handler(payload as never, call);
      }
      if (!isCommand(name)) throw new ForbiddenError(`${name}: ${verdict.reason}`);
      if (verdict.overridable && call.actor) {
        deps.override.set({ action: name, label: spec.label ?? name, payload, permission: spec.permission, requestedBy: call.actor, deviceId: call.deviceId, trigger: call.trigger, supervisor: null, error: null });
      }
      return deps.act(call, 'command', () => refuse(call.trigger, 'command', verdict.reason));
    };
  };
  return Object.fromEntries([...handlers.keys()].map((name) => [name, gated(name)]));
}

/** The identity's words for "nobody may act now", asked only when needed. */
export function noActorMessage(identity: Identity | null): () => string {
  return () => identity?.noActorMessage() ?? 'No one is signed in';
}
