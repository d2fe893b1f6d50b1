import { uuidv7 } from '../ids';
import type { CodeClass, DeviceHealth, PendingError, Permission, ReplicationSummary, ScanResult, StationState, StatePatch } from '../api';
import type { StationConfig } from '../config/schema';
import type { StationEndpoint } from '../dispatch';
import { EventHub } from '../event-hub';
import type { Logger } from '../log/logger';
import type { RawScan, RejectedScan, ScanTransport, TransportSink } from '../ports';
import type { Decoder } from '../scan/decode';
import { demoPanelStatuses, StationMemory } from '../station-memory';
import { ReplicationWatch } from '../station-replication';
import { storable } from '../api/text';
import { StoreError, type Shown, type StorePort } from './store-port';
import { createRequests, noActorMessage } from './commands';
import { refuse, type Decision } from './decision';
import { contextFor, type Actor } from './events';
import { gate } from './gate';
import { allows } from './permissions';
import { overridePrompt, type PendingOverride } from './override';
import { ScanPipeline, textFromUi, type Decoded } from './pipeline';
import type { Registry } from './registry';
import { route, type RouteTable } from './router';
import { startModules } from './start-modules';
import type { ScalePort } from '../scale/port';
import type { CentralPort } from './central-port';
import { ScaleDevices } from './scale-devices';
import type { CallContext, Identity, Kernel, ModuleRuntime, Views } from './workflow';

export interface StationOptions {
  config: StationConfig;
  store: StorePort;
  /** The composed workflow modules (the same registry the store was opened with). */
  registry: Registry;
  logger: Logger;
  /** Usually `createDecoder(config.scanRules)` from src/scan. */
  decode: Decoder;
  clock?: () => Date;
  /** Called after every transaction that appended events, once it was answered (a replication nudge). Must not throw. */
  onCommitted?: () => void;
  /** Called once a scan's answer and the screen refresh after it have gone out (a young-generation GC). Must not throw. */
  afterScanSettled?: () => void;
  /** The replication status to show; absent means `replication: null` in the state (tests, replay). */
  replication?: () => ReplicationSummary;
  replicationPollMs?: number;
  /** Central, for the modules that act there (a supervisor's retry of a quarantined event); absent: none. */
  central?: CentralPort;
  /** Decide as this actor whenever nobody is signed in (`station replay`: a capture has no PINs). */
  actAs?: Actor;
}

/** How many results `station.state` carries; `scans.recent` can ask for more. */
const STATE_RECENT = 20;
/** Device id recorded for the on-screen buttons. */
const BUTTONS = 'ui';
/**
 * How long the state patch that follows a scan waits: pushed in the same breath as the answer, it
 * would compete with it for the socket and the screen's wake-up; a millisecond later it does not (and a
 * burst of scans gets one patch).
 */
const PATCH_AFTER_SCAN_MS = 1;

/**
 * The station core: every scan, from a transport or from the UI, is decoded, routed (src/core/router.ts),
 * checked against the actor's rights and decided by the owning workflow inside ONE SQLite transaction;
 * only then is it answered good or bad. It names no workflow: the modules come from the registry.
 */
export class Station {
  readonly endpoint: StationEndpoint;
  private readonly memory = new StationMemory();
  private readonly pipeline: ScanPipeline;
  private readonly replication: ReplicationWatch | null;
  private readonly hub: EventHub;
  private readonly transports = new Map<string, ScanTransport>();
  private readonly scales: ScaleDevices;
  private readonly clock: () => Date;
  private readonly demoPanel: boolean;
  private readonly runtimes: ReadonlyMap<string, ModuleRuntime>;
  private readonly identity: Identity | null;
  private readonly routes: RouteTable;
  private override: PendingOverride | null = null;
  private readonly touched = new Set<string>();
  /** Answered since the last patch: the list of last scans follows the answer, it never rides with it. */
  private readonly resultsSincePatch: ScanResult[] = [];
  private patchTimer: NodeJS.Timeout | undefined;
  /** A scan's log lines: written with the patch after it, once the answer has been received. */
  private readonly logWhenSettled: Array<() => void> = [];

  constructor(private readonly options: StationOptions) {
    this.clock = options.clock ?? (() => new Date());
    const { logger, config } = options;
    this.hub = new EventHub((err) => logger.error('a station event listener failed', { error: String(err) }));
    this.scales = new ScaleDevices((status) => this.setDevice(status), logger);
    this.demoPanel = !config.kiosk && config.scanners.some((s) => s.kind === 'demo');
    this.pipeline = new ScanPipeline(options.decode, config.scanRules.duplicateWindowMs, logger);
    this.replication = options.replication
      ? new ReplicationWatch(options.replication, () => this.emitState(), (err) => logger.warn('cannot read the replication status', { error: String(err) }), options.replicationPollMs)
      : null;
    this.restoreScreen();
    for (const panel of demoPanelStatuses(config)) this.memory.setDevice(panel);
    const kernel: Kernel = {
      config, views: options.store.views, logger, clock: this.clock,
      act: (call, codeClass, decide) => this.process(call, call.trigger, codeClass, decide),
      record: (call, decide) => { this.process(call, call.trigger, 'command', decide, { silent: true }); },
      touch: (...ids) => { for (const id of ids) this.touched.add(id); this.patchSoon(); },
      central: options.central ?? null, replication: () => options.replication?.() ?? null,
      scale: (id) => this.scales.get(id), noteDevice: (status) => this.memory.noteDevice(status),
    };
    const started = startModules(options.registry, kernel);
    this.runtimes = started.runtimes;
    this.identity = started.identity;
    this.routes = started.routes;
    this.endpoint = {
      handlers: createRequests({
        registry: options.registry,
        runtimes: this.runtimes,
        identity: this.identity,
        act: (call, codeClass, decide) => this.process(call, call.trigger, codeClass, decide),
        submit: ({ code, source }) => this.submit(textFromUi(code, source, this.clock().getTime())),
        acknowledge: ({ id }) => this.acknowledge(id),
        state: () => this.state(),
        memory: this.memory,
        diagnostics: ({ limit }) => this.pipeline.diagnostics.recent(limit),
        override: { get: () => this.override, set: (next) => { this.override = next; this.patchSoon(); } },
        buttonCall: (trigger) => this.call(BUTTONS, trigger),
      }),
      subscribe: (listener) => this.hub.subscribe(listener),
    };
    this.replication?.start();
  }

  /** Starts a transport and routes its scans and statuses here. A transport that fails to start is reported, not fatal. */
  async attach(transport: ScanTransport): Promise<void> {
    this.transports.set(transport.deviceId, transport);
    this.setDevice({ deviceId: transport.deviceId, kind: transport.kind, status: 'disconnected', detail: 'starting' });
    const sink: TransportSink = {
      scan: (raw) => { this.fromTransport(raw, transport); },
      status: (status) => this.setDevice(status),
      rejected: (rejection) => { this.refuseFrame(rejection, transport); },
    };
    try {
      await transport.start(sink);
    } catch (err) {
      this.options.logger.error('scanner transport failed to start', { deviceId: transport.deviceId, error: String(err) });
      this.setDevice({ deviceId: transport.deviceId, kind: transport.kind, status: 'error', detail: (err as Error).message ?? String(err) });
    }
  }

  /** A serial scale: a device chip beside the scanners, and what the modules weigh with (scale-devices.ts). */
  attachScale(port: ScalePort): Promise<void> {
    return this.scales.attach(port);
  }

  /** Stops every attached transport, the modules' timers and the replication poll; the store is closed by its owner. */
  async stop(): Promise<void> {
    this.replication?.stop();
    for (const runtime of this.runtimes.values()) runtime.stop?.();
    if (this.patchTimer) clearTimeout(this.patchTimer);
    this.patchTimer = undefined;
    this.writeSettledLogs();
    const stopping = [...this.transports.values()].map((t) => t.stop().catch((err: unknown) => {
      this.options.logger.warn('scanner transport failed to stop', { deviceId: t.deviceId, error: String(err) });
    }));
    this.transports.clear();
    await Promise.all([...stopping, this.scales.stop()]);
  }

  /** One framed scan from any source: decode, route, decide, commit, then report. */
  submit(raw: RawScan, transport?: ScanTransport): ScanResult | Promise<ScanResult> {
    return this.decideDecoded(raw, this.pipeline.decode(raw, false), transport);
  }

  deviceHealth(): DeviceHealth[] { return this.memory.deviceHealth(); } // the host's GET /health; the query needs dashboard.view

  state(): StationState {
    const slices = Object.fromEntries([...this.runtimes].flatMap(([id, r]) => (r.slice ? [[id, r.slice()]] : [])));
    return {
      stationId: this.options.config.stationId,
      language: this.options.config.language,
      slices: slices as StationState['slices'],
      prompt: overridePrompt(this.override),
      recentScans: this.memory.recentResults(STATE_RECENT),
      pendingErrors: this.memory.pendingErrors(),
      devices: this.memory.deviceStatuses(),
      demoPanel: this.demoPanel,
      replication: this.replication?.current() ?? null,
    };
  }

  private call(deviceId: string, trigger: string, correlationId = uuidv7()): CallContext {
    return { actor: this.identity?.actor() ?? this.options.actAs ?? null, deviceId, correlationId, trigger, approval: null };
  }

  /** A double read of a valid code inside the duplicate window is only logged and shown in diagnostics. */
  private fromTransport(raw: RawScan, transport: ScanTransport): void {
    const decoded = this.pipeline.decode(raw, true);
    if (decoded) void this.decideDecoded(raw, decoded, transport);
  }

  private decideDecoded(raw: RawScan, decoded: Decoded, transport: ScanTransport | undefined): ScanResult | Promise<ScanResult> {
    const call = this.call(raw.deviceId, '');
    if ('failure' in decoded) {
      // The decoder is meant to be total; if it is not, the scan is still refused and recorded.
      const text = Buffer.from(raw.bytes).toString('latin1');
      return this.process({ ...call, trigger: text }, text, 'unknown', () => refuse(text, 'unknown', decoded.failure, { bytes: raw.bytes }), { transport });
    }
    const { scan } = decoded;
    const code = scan.valid && scan.codeClass !== 'unknown' ? scan.key : scan.text;
    const scanCall = { ...call, trigger: code };
    const to = route(scan, this.routes, (codeClass) => this.override !== null && codeClass === 'badge');
    switch (to.kind) {
      // An unreadable scan keeps its bytes (as hex) beside the printable code.
      case 'refuse': return this.process(scanCall, code, scan.codeClass, () => refuse(code, scan.codeClass, to.reason, scan.valid ? {} : { bytes: raw.bytes }), { transport });
      case 'prompt': return this.process(scanCall, code, 'badge', () => this.supervisorBadge(code), { transport });
      case 'command': return this.endpoint.handlers[to.name]!({}, { call: scanCall }) as ScanResult | Promise<ScanResult>;
      case 'scan': {
        const { handler } = to;
        const verdict = handler.permission === 'public' ? null : this.gateScan(scanCall, handler.permission);
        if (verdict) return this.process(scanCall, code, scan.codeClass, () => refuse(code, scan.codeClass, verdict), { transport });
        if (scanCall.actor) this.identity?.activity();
        return this.process(scanCall, code, scan.codeClass, (views) => handler.decide(views, scan, scanCall), { transport });
      }
    }
  }

  /** Null when the actor may; else the refusal in words. */
  private gateScan(call: CallContext, permission: Permission): string | null {
    const verdict = gate(call.actor, permission, 'scan this code', noActorMessage(this.identity));
    return verdict.allowed ? null : verdict.reason;
  }

  /** The override prompt's badge: a supervisor who may approve moves it on to the PIN. */
  private supervisorBadge(badge: string): Decision {
    const pending = this.override!;
    const user = this.identity?.findBadge(badge) ?? null;
    let error: string | null = null;
    if (!user || !user.active) error = `Badge ${badge} is not an active user`;
    else if (!allows(user.role, 'override.approve')) error = `${user.name} may not approve: a supervisor must scan their badge`;
    const next = { ...pending, supervisor: error ? pending.supervisor : user, error };
    const effect = () => { this.override = next; };
    return error ? refuse(badge, 'badge', error, { effect }) : { outcome: 'good', message: `${user!.name}: enter your PIN and a reason`, events: [], effect };
  }

  /** A frame the transport refused: recorded as `scan.rejected`, answered bad, left on screen until acknowledged. */
  private refuseFrame(rejection: RejectedScan, transport: ScanTransport): ScanResult {
    const { code, reason } = this.pipeline.refused(rejection);
    return this.process(this.call(rejection.deviceId, code), code, 'unknown', () => refuse(code, 'unknown', reason, { bytes: rejection.bytes }), { transport });
  }

  /**
   * ONE transaction: the decision, its events with the call's who (and the supervisor's approval when
   * there is one), and the screen rows; then the answer, then the touched slices a moment later.
   */
  private process(call: CallContext, code: string, codeClass: CodeClass, decide: (views: Views) => Decision,
    how: { transport?: ScanTransport; silent?: boolean } = {}): ScanResult {
    const { correlationId, deviceId } = call;
    const at = this.clock().toISOString();
    const base = { correlationId, deviceId, code: storable(code), codeClass, at };
    const context = contextFor(call.actor, correlationId, deviceId, call.approval?.by ?? null);
    let shown: Shown;
    let decision: Decision | null = null;
    let eventTypes: string[] = [];
    let notRecorded: string | null = null;
    const approve = (d: Decision): Decision => (call.approval && d.outcome === 'good' ? {
      ...d,
      events: [...d.events, { type: 'override.approved', payload: { action: call.trigger, permission: call.approval.permission, requestedBy: call.actor?.userId ?? null, supervisorId: call.approval.by, reason: call.approval.reason } }],
    } : d);
    try {
      const resultOf = (d: Decision, events: readonly { seq: number }[]): ScanResult => ({ ...base, outcome: d.outcome, message: d.message, seq: events.at(-1)?.seq });
      // A silent record (a timer's lock, start-up data) is not shown now, so it is not stored for the screen either:
      // else it would appear among the recent scans after a restart only.
      const recorded = this.options.store.record((views) => approve(decide(views)), context,
        how.silent ? undefined : (d, events) => { const result = resultOf(d, events); return { result, error: this.errorFor(result) }; });
      shown = recorded.shown ?? { result: resultOf(recorded.decision, recorded.events), error: null };
      decision = recorded.decision;
      eventTypes = recorded.events.map((e) => e.type);
    } catch (err) {
      const reason = err instanceof StoreError ? err.message : `internal error (${(err as Error).message ?? String(err)})`;
      const result: ScanResult = { ...base, outcome: 'bad', message: `Scan ${code} ${reason.startsWith('not recorded') ? reason : `not recorded: ${reason}`}` };
      // Nothing was committed (disk full, read-only …): kept in memory only, it survives a page reload but not a restart.
      shown = { result, error: this.errorFor(result) };
      notRecorded = reason;
    }
    decision?.effect?.();
    this.dropOverrideOfEndedSession();
    for (const type of eventTypes) {
      const owner = this.options.registry.ownerOf(type);
      if (owner) this.touched.add(owner);
    }
    for (const id of decision?.touches ?? []) this.touched.add(id);
    if (!how.silent) this.report(shown, how.transport);
    const { logger } = this.options;
    const { outcome, message, seq } = shown.result;
    this.logWhenSettled.push(notRecorded === null
      ? () => logger.info('scan decided', { correlationId, deviceId, code, outcome, message, seq, userId: context.userId })
      : () => logger.error('scan not recorded', { correlationId, deviceId, code, error: notRecorded }));
    this.patchSoon();
    if (eventTypes.length > 0) this.afterCommit(correlationId);
    return shown.result;
  }

  /** A prompt opened for a session that has since ended or locked waits for nobody: it closes. */
  private dropOverrideOfEndedSession(): void {
    if (this.override && this.identity?.actor()?.sessionId !== this.override.requestedBy.sessionId) this.override = null;
  }

  private errorFor(result: ScanResult): PendingError | null {
    return result.outcome === 'bad' ? { id: uuidv7(), message: result.message, code: result.code, at: result.at } : null;
  }

  private afterCommit(correlationId: string): void {
    try {
      this.options.onCommitted?.();
    } catch (err) {
      this.options.logger.warn('the after-commit hook failed', { correlationId, error: String(err) });
    }
  }

  /** The result goes out first (the bridges push it within this call), then the scanner's feedback. */
  private report({ result, error }: Shown, transport: ScanTransport | undefined): void {
    this.hub.emit('scan.result', result);
    transport?.feedback?.(result.outcome).catch((err: unknown) => {
      this.options.logger.warn('scanner feedback failed', { deviceId: transport.deviceId, correlationId: result.correlationId, error: String(err) });
    });
    this.memory.addResult(result);
    this.resultsSincePatch.unshift(result);
    if (error) this.memory.addError(error);
  }

  /** The packer saw the error: it leaves the screen now and its stored row is deleted (if that fails, it shows again after a restart). */
  private acknowledge(id: string): { acknowledged: boolean } {
    const acknowledged = this.memory.acknowledge(id);
    if (!acknowledged) return { acknowledged };
    try {
      this.options.store.screen.acknowledge(id);
    } catch (err) {
      this.options.logger.warn('cannot store the acknowledgement; the error will show again after a restart', { id, error: String(err) });
    }
    this.emitState();
    return { acknowledged };
  }

  private restoreScreen(): void {
    try {
      this.memory.restore(this.options.store.screen.recentResults(), this.options.store.screen.pendingErrors());
    } catch (err) {
      this.options.logger.error('cannot read the stored pending errors and recent scans', { error: String(err) });
    }
  }

  private setDevice(status: Parameters<StationMemory['setDevice']>[0]): void {
    this.memory.setDevice(status);
    this.hub.emit('device.status', status);
    this.emitState();
  }

  private patchSoon(): void {
    if (this.patchTimer) return;
    this.patchTimer = setTimeout(() => {
      this.patchTimer = undefined;
      this.emitPatch();
      this.options.afterScanSettled?.();
    }, PATCH_AFTER_SCAN_MS);
    this.patchTimer.unref();
  }

  /** Only the touched slices are read and pushed, with the pending errors and the prompt. */
  private emitPatch(): void {
    const slices: Record<string, unknown> = {};
    try {
      for (const id of this.touched) {
        const runtime = this.runtimes.get(id);
        if (runtime?.slice) slices[id] = runtime.slice();
      }
      this.touched.clear();
      const results = this.resultsSincePatch.splice(0, STATE_RECENT);
      this.resultsSincePatch.length = 0;
      const patch: StatePatch = { slices, results, pendingErrors: this.memory.pendingErrors(), prompt: overridePrompt(this.override) };
      this.hub.emit('state.patch', patch);
    } catch (err) {
      this.options.logger.error('cannot read the station state', { error: String(err) });
    }
    this.writeSettledLogs();
  }

  private writeSettledLogs(): void {
    for (const write of this.logWhenSettled.splice(0)) write();
  }

  private emitState(): void {
    if (this.patchTimer) clearTimeout(this.patchTimer);
    this.patchTimer = undefined;
    this.touched.clear();
    this.resultsSincePatch.length = 0;
    try {
      this.hub.emit('state.changed', this.state());
    } catch (err) {
      this.options.logger.error('cannot read the station state', { error: String(err) });
    }
    this.writeSettledLogs();
  }
}
