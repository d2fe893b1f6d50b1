import { uuidv7 } from './ids';
import type { CodeClass, PendingError, ReplicationSummary, ScanResult, StationState } from './api';
import type { StationConfig } from './config/schema';
import { decideClose, decideScan, decideUndo, refuse, type BagLookup, type Decision } from './domain/bags';
import type { StationEndpoint } from './dispatch';
import { EventHub } from './event-hub';
import type { Logger } from './log/logger';
import type { RawScan, RejectedScan, ScanTransport, TransportSink } from './ports';
import type { DecodedScan, Decoder } from './scan/decode';
import { DuplicateFilter } from './scan/duplicates';
import { decodedEntry, ScanDiagnostics, undecodedEntry } from './station-diagnostics';
import { StationMemory } from './station-memory';
import { ReplicationWatch } from './station-replication';
import { StoreError, type Shown, type Store } from './store';

export interface StationOptions {
  config: StationConfig;
  store: Store;
  logger: Logger;
  /** Usually `createDecoder(config.scanRules)` from src/scan. */
  decode: Decoder;
  clock?: () => Date;
  /**
   * Called after every transaction that appended events, once the scan was answered (e.g. to nudge
   * replication). Must be cheap and must not throw; a throw is logged and ignored.
   */
  onCommitted?: () => void;
  /**
   * Called once a scan's answer and the screen refresh after it have gone out: the quiet moment for
   * housekeeping that must not land inside a scan (a young-generation GC). Must not throw.
   */
  afterScanSettled?: () => void;
  /** The replication status to show; absent means `replication: null` in the state (tests, replay). */
  replication?: () => ReplicationSummary;
  replicationPollMs?: number;
}

/** How many results `station.state` carries; `scans.recent` can ask for more. */
const STATE_RECENT = 20;
/** Device id recorded for the on-screen "Close bag" / "Undo last" buttons. */
const BUTTONS = 'ui';
/**
 * How long the full `state.changed` that follows a scan waits. Pushed in the same breath as the
 * answer, its several KB compete with the answer for the socket and for the screen's wake-up; a
 * millisecond later they do not (and a burst of scans gets one refresh).
 */
const STATE_AFTER_SCAN_MS = 1;
/** A refused frame's bytes in its event and on screen are cut here; the diagnostics ring keeps them all. */
const REFUSED_PREVIEW = 64;

/** Decoded, or the decoder failed (it is meant to be total) with this reason. */
type Decoded = { scan: DecodedScan } | { failure: string };

interface Attempt {
  deviceId: string;
  code: string;
  codeClass: CodeClass;
  decide: (bags: BagLookup) => Decision;
  transport?: ScanTransport;
  correlationId?: string;
}

/**
 * The station core: every scan, from a transport or from the UI, goes through `process`, which lets
 * the bag workflow decide inside ONE SQLite transaction and only then reports good or bad. A store
 * failure refuses the scan with its reason and the station keeps running.
 */
export class Station {
  readonly endpoint: StationEndpoint;
  private readonly memory = new StationMemory();
  private readonly diagnostics = new ScanDiagnostics();
  private readonly duplicates: DuplicateFilter;
  private readonly replication: ReplicationWatch | null;
  private readonly hub: EventHub;
  private readonly transports = new Map<string, ScanTransport>();
  private readonly clock: () => Date;
  private readonly demoPanel: boolean;
  private stateTimer: NodeJS.Timeout | undefined;
  /** A scan's log lines: written with the state refresh after it, once the answer has been received. */
  private readonly logWhenSettled: Array<() => void> = [];

  constructor(private readonly options: StationOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.hub = new EventHub((err) => options.logger.error('a station event listener failed', { error: String(err) }));
    this.demoPanel = !options.config.kiosk && options.config.scanners.some((s) => s.kind === 'demo');
    this.duplicates = new DuplicateFilter(options.config.scanRules.duplicateWindowMs);
    this.replication = options.replication
      ? new ReplicationWatch(options.replication, () => this.emitState(), (err) => {
        options.logger.warn('cannot read the replication status', { error: String(err) });
      }, options.replicationPollMs)
      : null;
    this.replication?.start();
    this.restoreScreen();
    this.showPanelScanners();
    this.endpoint = {
      handlers: {
        'scan.submit': ({ code, source }) => this.submit(this.rawFromText(code, source)),
        'bag.close': () => this.button('bag.close', (bags) => decideClose(bags, 'bag.close')),
        'scan.undo': () => this.button('scan.undo', (bags) => decideUndo(bags, 'scan.undo')),
        'error.ack': ({ id }) => this.acknowledge(id),
        'station.state': () => this.state(),
        'scans.recent': ({ limit }) => this.memory.recentResults(limit),
        'diagnostics.recent': ({ limit }) => this.diagnostics.recent(limit),
      },
      subscribe: (listener) => this.hub.subscribe(listener),
    };
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

  /** Stops every attached transport and the replication poll; the store is closed by its owner. */
  async stop(): Promise<void> {
    this.replication?.stop();
    if (this.stateTimer) clearTimeout(this.stateTimer);
    this.stateTimer = undefined;
    this.writeSettledLogs();
    const stopping = [...this.transports.values()].map((t) => t.stop().catch((err: unknown) => {
      this.options.logger.warn('scanner transport failed to stop', { deviceId: t.deviceId, error: String(err) });
    }));
    this.transports.clear();
    await Promise.all(stopping);
  }

  /** One framed scan from any source: decode, decide, commit, then report. */
  submit(raw: RawScan, transport?: ScanTransport): ScanResult {
    return this.decideDecoded(raw, this.decode(raw, false), transport);
  }

  /**
   * A scan from a device. A double read of a valid code inside the duplicate window is only logged
   * and shown in diagnostics: no event, no result, no error for the packer. (UI submissions are never
   * filtered: they must be answered, and a click twice is meant.)
   */
  private fromTransport(raw: RawScan, transport: ScanTransport): ScanResult | null {
    const decoded = this.decode(raw, true);
    return decoded ? this.decideDecoded(raw, decoded, transport) : null;
  }

  /** Decodes and records the scan in the diagnostics ring; null when it is a suppressed duplicate. */
  private decode(raw: RawScan, filterDuplicates: true): Decoded | null;
  private decode(raw: RawScan, filterDuplicates: false): Decoded;
  private decode(raw: RawScan, filterDuplicates: boolean): Decoded | null {
    let scan: DecodedScan;
    try {
      scan = this.options.decode(raw);
    } catch (err) {
      const failure = `Unreadable scan: ${(err as Error).message ?? String(err)}`;
      this.diagnostics.add(undecodedEntry({ ...raw, reason: failure }));
      return { failure };
    }
    const verdict = filterDuplicates && scan.valid ? this.duplicates.check(scan.key, raw.receivedAt) : null;
    const duplicate = verdict?.duplicate === true;
    this.diagnostics.add(() => decodedEntry(scan, duplicate));
    if (verdict?.duplicate) {
      this.options.logger.child({ correlationId: uuidv7() }).info('duplicate scan suppressed', {
        deviceId: raw.deviceId, code: scan.key, reason: verdict.reason,
      });
      return null;
    }
    return { scan };
  }

  private decideDecoded(raw: RawScan, decoded: Decoded, transport: ScanTransport | undefined): ScanResult {
    const correlationId = uuidv7();
    if ('failure' in decoded) {
      // The decoder is meant to be total; if it is not, the scan is still refused and recorded.
      const text = Buffer.from(raw.bytes).toString('latin1');
      return this.process({ deviceId: raw.deviceId, code: text, codeClass: 'unknown', decide: () => refuse(text, 'unknown', decoded.failure), transport, correlationId });
    }
    const { scan } = decoded;
    this.options.logger.debug('scan decoded', {
      correlationId, deviceId: raw.deviceId, text: scan.text, codeClass: scan.codeClass, aim: scan.aim, valid: scan.valid, error: scan.error,
    });
    const policy = { capacity: this.options.config.bags.capacity };
    return this.process({
      deviceId: raw.deviceId, code: scan.valid && scan.codeClass !== 'unknown' ? scan.key : scan.text, codeClass: scan.codeClass, decide: (bags) => decideScan(bags, scan, policy), transport, correlationId,
    });
  }

  /**
   * A frame the transport refused (over the length cap, a broken HID POS continuation …): recorded
   * as `scan.rejected` for the audit trail, answered bad, and left on screen until acknowledged.
   */
  private refuseFrame(rejection: RejectedScan, transport: ScanTransport): ScanResult {
    this.diagnostics.add(undecodedEntry(rejection));
    const text = Buffer.from(rejection.bytes.subarray(0, REFUSED_PREVIEW)).toString('latin1');
    const code = rejection.bytes.length > REFUSED_PREVIEW ? `${text}…` : text;
    const reason = `Unreadable scan from ${rejection.deviceId}: ${rejection.reason}`;
    return this.process({ deviceId: rejection.deviceId, code, codeClass: 'unknown', decide: () => refuse(code, 'unknown', reason), transport });
  }

  state(): StationState {
    const open = this.options.store.bags.openParent();
    return {
      stationId: this.options.config.stationId,
      openParent: open ? { code: open.code, capacity: open.capacity, children: open.children } : null,
      recentScans: this.memory.recentResults(STATE_RECENT),
      pendingErrors: this.memory.pendingErrors(),
      devices: this.memory.deviceStatuses(),
      demoPanel: this.demoPanel,
      replication: this.replication?.current() ?? null,
    };
  }

  private button(name: 'bag.close' | 'scan.undo', decide: (bags: BagLookup) => Decision): ScanResult {
    return this.process({ deviceId: BUTTONS, code: name, codeClass: 'command', decide });
  }

  private process(attempt: Attempt): ScanResult {
    const correlationId = attempt.correlationId ?? uuidv7();
    const at = this.clock().toISOString();
    const base = { correlationId, deviceId: attempt.deviceId, code: attempt.code, codeClass: attempt.codeClass, at };
    let shown: Shown;
    let committed = false;
    let notRecorded: string | null = null;
    try {
      // The result and its pending error are built inside the transaction and stored with its events.
      const recorded = this.options.store.record(attempt.decide, { correlationId, deviceId: attempt.deviceId, userId: null }, (decision, events) => {
        const result: ScanResult = { ...base, outcome: decision.outcome, message: decision.message, seq: events.at(-1)?.seq };
        return { result, error: this.errorFor(result) };
      });
      shown = recorded.shown!;
      committed = recorded.events.length > 0;
    } catch (err) {
      const reason = err instanceof StoreError ? err.message : `internal error (${(err as Error).message ?? String(err)})`;
      const result: ScanResult = {
        ...base, outcome: 'bad', message: `Scan ${attempt.code} ${reason.startsWith('not recorded') ? reason : `not recorded: ${reason}`}`,
      };
      // Nothing was committed (disk full, read-only …), so this error and result are kept in memory
      // only: they survive a page reload but not a restart. Writing them would fail for the same reason.
      shown = { result, error: this.errorFor(result) };
      notRecorded = reason;
    }
    // Answer first; the after-commit hook comes once the packer and the scanner have it, the log line
    // with the state refresh: its file write, handed to another thread, would compete with the screen's
    // wake-up for the answer (at the info level it added ~0.2 ms to every scan's latency).
    this.report(shown, attempt.transport);
    // `correlationId` as a field, as a child logger would add it, without making one per scan.
    const { logger } = this.options;
    const { outcome, message, seq } = shown.result;
    this.logWhenSettled.push(notRecorded === null
      ? () => logger.info('scan decided', { correlationId, deviceId: attempt.deviceId, code: attempt.code, outcome, message, seq })
      : () => logger.error('scan not recorded', { correlationId, deviceId: attempt.deviceId, code: attempt.code, error: notRecorded }));
    if (committed) this.afterCommit(correlationId);
    return shown.result;
  }

  private errorFor(result: ScanResult): PendingError | null {
    return result.outcome === 'bad' ? { id: uuidv7(), message: result.message, code: result.code, at: result.at } : null;
  }

  /** After the packer and the scanner were answered: the hook (a replication nudge) never delays them. */
  private afterCommit(correlationId: string): void {
    try {
      this.options.onCommitted?.();
    } catch (err) {
      this.options.logger.warn('the after-commit hook failed', { correlationId, error: String(err) });
    }
  }

  /**
   * Tells every UI and the scanner itself. Runs only after the transaction committed (or failed). The
   * result goes out first (the bridges push it within this call), then the scanner's feedback; the
   * screen's lists are updated at once (a `station.state` request sees them), the full `state.changed`
   * push follows a moment later.
   */
  private report({ result, error }: Shown, transport: ScanTransport | undefined): void {
    this.hub.emit('scan.result', result);
    transport?.feedback?.(result.outcome).catch((err: unknown) => {
      this.options.logger.warn('scanner feedback failed', { deviceId: transport.deviceId, correlationId: result.correlationId, error: String(err) });
    });
    this.memory.addResult(result);
    if (error) this.memory.addError(error);
    this.emitStateSoon();
  }

  /**
   * The packer saw the error: it leaves the screen now and its stored row is deleted. If the delete
   * fails, the error is still cleared on screen, and comes back after a restart (shown twice, never lost).
   */
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

  /** Start-up: the pending errors and recent results stored before the restart. */
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

  /** `state.changed` after STATE_AFTER_SCAN_MS; any state push before then makes it unnecessary. */
  private emitStateSoon(): void {
    if (this.stateTimer) return;
    this.stateTimer = setTimeout(() => {
      this.stateTimer = undefined;
      this.emitState();
      this.options.afterScanSettled?.();
    }, STATE_AFTER_SCAN_MS);
    this.stateTimer.unref();
  }

  private writeSettledLogs(): void {
    for (const write of this.logWhenSettled.splice(0)) write();
  }

  private emitState(): void {
    if (this.stateTimer) clearTimeout(this.stateTimer);
    this.stateTimer = undefined;
    try {
      this.hub.emit('state.changed', this.state());
    } catch (err) {
      this.options.logger.error('cannot read the station state', { error: String(err) });
    }
    this.writeSettledLogs();
  }

  /** A demo scanner without a replay file is the on-screen panel: always there while the station runs. */
  private showPanelScanners(): void {
    for (const scanner of this.options.config.scanners) {
      if (scanner.kind !== 'demo' || scanner.replayFile) continue;
      const detail = this.options.config.kiosk ? 'on-screen demo panel (hidden in kiosk mode)' : 'on-screen demo panel';
      this.memory.setDevice({ deviceId: scanner.id, kind: 'demo', status: 'connected', detail });
    }
  }

  private rawFromText(code: string, source: 'wedge' | 'demo'): RawScan {
    const now = this.clock().getTime();
    return { deviceId: source, bytes: new TextEncoder().encode(code), firstByteAt: now, receivedAt: now };
  }
}
