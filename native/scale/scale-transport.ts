import { SerialPort } from 'serialport';
import type { Logger } from '../../src/log/logger';
import type { ScaleConfig } from '../../src/scale/config';
import {
  LineSplitter, StabilityFilter, createProtocol, printable,
  type CommandResult, type ScaleCommand, type ScalePort, type ScaleProtocol, type ScaleReading, type ScaleStatus, type ScaleStatusName,
  type WeighOptions, type WeighResult,
} from '../../src/scale';
import { connectAttempt } from '../serial/connect-attempt';
import { DEFAULT_RECONNECT_POLICY, ReconnectPolicy } from '../serial/reconnect-policy';

const DEFAULT_WEIGH_TIMEOUT_MS = 10_000;

export interface ScaleTransportOptions {
  logger: Logger;
  reconnect?: Partial<ReconnectPolicy>;
}

type Reply = { kind: 'reading'; reading: ScaleReading } | { kind: 'command'; result: CommandResult } | { kind: 'no-reply' | 'disconnected'; detail: string };

interface Pending {
  command: ScaleCommand | 'listen';
  resolve(reply: Reply): void;
}

/**
 * A serial scale (MT-SICS, Toledo 8217 or a continuous line) on `serialport`. Like the serial scanner
 * transport it opens the port with the configured line settings (7E1 included), reports a missing or
 * closed port as `disconnected` and polls for it (hot-plug), retries a failing open with backoff, and
 * never throws at its caller. On top of that: one command at a time, each with a reply timeout
 * (`no-reply`), and `weigh()` polls until `stableReadings` equal stable readings in a row.
 */
export class ScaleTransport implements ScalePort {
  readonly scaleId: string;
  readonly canZero: boolean;
  readonly canTare: boolean;
  private readonly protocol: ScaleProtocol;
  private readonly splitter: LineSplitter;
  private readonly policy: ReconnectPolicy;
  private readonly log: Logger;
  private port: SerialPort | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private running = false;
  private current: ScaleStatus;
  private readonly statusListeners = new Set<(status: ScaleStatus) => void>();
  private readonly readingListeners = new Set<(reading: ScaleReading) => void>();
  private pending: Pending | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private weighing = false;
  private idleTimer: NodeJS.Timeout | undefined;
  private lastLineAt = 0;

  constructor(private readonly config: ScaleConfig, options: ScaleTransportOptions) {
    this.scaleId = config.id;
    this.protocol = createProtocol(config.protocol, { unit: config.unit });
    this.canZero = this.protocol.supports.has('zero');
    this.canTare = this.protocol.supports.has('tare');
    this.splitter = new LineSplitter(this.protocol.terminator);
    this.policy = { ...DEFAULT_RECONNECT_POLICY, ...options.reconnect };
    this.log = options.logger.child({ scaleId: config.id, transport: 'scale', protocol: config.protocol, path: config.path });
    this.current = { scaleId: config.id, status: 'disconnected', detail: `${config.path} not opened yet` };
  }

  status(): ScaleStatus {
    return this.current;
  }

  onStatus(listener: (status: ScaleStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onReading(listener: (reading: ScaleReading) => void): () => void {
    this.readingListeners.add(listener);
    return () => this.readingListeners.delete(listener);
  }

  /** Resolves after the first open attempt, with `connected` or the reason it is not (yet) open reported. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.failures = 0;
    await this.attempt();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.stopIdleWatch();
    this.settle({ kind: 'disconnected', detail: 'the scale was stopped' });
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  async weigh(options: WeighOptions = {}): Promise<WeighResult> {
    const started = Date.now();
    const elapsed = (): number => Date.now() - started;
    if (this.weighing) return { ok: false, reason: 'busy', detail: 'the scale is already weighing', elapsedMs: 0 };
    this.weighing = true;
    try {
      const deadline = started + (options.timeoutMs ?? DEFAULT_WEIGH_TIMEOUT_MS);
      const filter = new StabilityFilter(this.config.stableReadings);
      let last: { reason: 'unstable' | 'overload' | 'underload' | 'error'; detail: string } = { reason: 'unstable', detail: 'no stable weight yet' };
      if (this.protocol.mode === 'continuous') this.splitter.reset(); // a reading counts only once weighing has started
      for (;;) {
        if (options.signal?.aborted) return { ok: false, ...last, detail: `cancelled: ${last.detail}`, elapsedMs: elapsed() };
        if (Date.now() >= deadline) return { ok: false, ...last, detail: `no stable weight within ${options.timeoutMs ?? DEFAULT_WEIGH_TIMEOUT_MS} ms: ${last.detail}`, elapsedMs: elapsed() };
        const reply = this.protocol.mode === 'continuous' ? await this.listen() : await this.request('weigh');
        if (reply.kind === 'no-reply' || reply.kind === 'disconnected') return { ok: false, reason: reply.kind, detail: reply.detail, elapsedMs: elapsed() };
        if (reply.kind !== 'reading') continue;
        const verdict = filter.push(reply.reading);
        if (verdict.kind === 'accepted') {
          this.report('connected', `${this.config.path}: stable weight ${verdict.grams} g`);
          return { ok: true, grams: verdict.grams, unit: verdict.unit, readings: verdict.readings, elapsedMs: elapsed() };
        }
        if (verdict.kind === 'rejected') {
          const reading = verdict.reading;
          const reason = reading.kind === 'error' ? 'error' : reading.kind;
          last = { reason, detail: reading.detail };
          this.report(reason, reading.detail);
        } else {
          this.report('connected', `${this.config.path}: settling (${verdict.equal}/${verdict.needed} equal stable readings)`);
        }
        if (this.config.pollIntervalMs > 0 && this.protocol.mode === 'request-reply') await delay(this.config.pollIntervalMs);
      }
    } finally {
      this.weighing = false;
    }
  }

  zero(): Promise<CommandResult> {
    return this.command('zero');
  }

  tare(): Promise<CommandResult> {
    return this.command('tare');
  }

  private async command(command: 'zero' | 'tare'): Promise<CommandResult> {
    if (!this.protocol.supports.has(command)) return { kind: 'unsupported', detail: `${this.config.protocol} scales have no ${command} command` };
    const reply = await this.request(command);
    if (reply.kind === 'command') return reply.result;
    if (reply.kind === 'reading') return { kind: 'error', detail: 'the scale answered with a weight instead' };
    return reply;
  }

  /** Sends one command and waits for its reply line; one command at a time, in call order. */
  private request(command: ScaleCommand): Promise<Reply> {
    const run = this.queue.then(() => this.exchange(command));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private exchange(command: ScaleCommand | 'listen'): Promise<Reply> {
    const port = this.port;
    if (!port?.isOpen) return Promise.resolve({ kind: 'disconnected', detail: this.current.detail });
    return new Promise<Reply>((resolve) => {
      const timer = setTimeout(() => {
        if (this.pending !== pending) return;
        this.pending = undefined;
        const detail = command === 'listen'
          ? `${this.config.path}: no line from the scale for ${this.config.replyTimeoutMs} ms (is it sending?)`
          : `${this.config.path}: no reply to ${JSON.stringify(this.protocol.encode(command).trim())} within ${this.config.replyTimeoutMs} ms (check the cable, baud rate and parity)`;
        this.report('no-reply', detail);
        resolve({ kind: 'no-reply', detail });
      }, this.config.replyTimeoutMs);
      const pending: Pending = {
        command,
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
      };
      this.pending = pending;
      if (command !== 'listen') {
        port.write(Buffer.from(this.protocol.encode(command), 'latin1'), (error) => {
          if (error) this.log.warn('scale write failed', { error: error.message });
        });
      }
    });
  }

  /** Continuous scales: the next weight line (no command is sent). */
  private listen(): Promise<Reply> {
    return this.exchange('listen');
  }

  private onLine(line: string): void {
    this.lastLineAt = Date.now();
    const pending = this.pending;
    if (pending && (pending.command === 'zero' || pending.command === 'tare')) {
      const result = this.protocol.parseCommandReply(pending.command, line);
      if (result) return this.settle({ kind: 'command', result });
    }
    const reading = this.protocol.parseWeight(line);
    if (!reading) {
      this.log.debug('scale line ignored (not a reply)', { line: printable(line) });
      return;
    }
    for (const listener of this.readingListeners) listener(reading);
    if (!this.weighing && this.protocol.mode === 'continuous') this.reportReading(reading);
    else if (this.current.status === 'no-reply') this.report('connected', `${this.config.path}: answering again`);
    if (pending && pending.command !== 'zero' && pending.command !== 'tare') this.settle({ kind: 'reading', reading });
    else if (pending && reading.kind === 'error') this.settle({ kind: 'command', result: { kind: 'error', detail: reading.detail } }); // ES/ET/EL to a zero or tare
  }

  /** The status a reading shows while no weighing runs. */
  private reportReading(reading: ScaleReading): void {
    if (reading.kind === 'weight') {
      if (reading.stable) this.report('connected', `${this.config.path}: answering (${this.config.protocol})`);
      else this.report('unstable', `the weight is moving (${reading.grams} g)`);
    } else {
      this.report(reading.kind, reading.detail);
    }
  }

  /**
   * Keeps the status current between weighings: asks a request-reply scale for a weight every
   * `idlePollMs`; for a continuous scale, checks that lines keep coming.
   */
  private startIdleWatch(): void {
    this.stopIdleWatch();
    const every = this.config.idlePollMs;
    if (every <= 0) return;
    this.lastLineAt = Date.now();
    const tick = async (): Promise<void> => {
      if (!this.running || !this.port) return;
      if (!this.weighing) {
        if (this.protocol.mode === 'continuous') {
          if (Date.now() - this.lastLineAt > this.config.replyTimeoutMs) {
            this.report('no-reply', `${this.config.path}: no line from the scale for ${this.config.replyTimeoutMs} ms (is it sending?)`);
          }
        } else {
          const reply = await this.request('weigh-now');
          if (reply.kind === 'reading' && !this.weighing) this.reportReading(reply.reading);
        }
      }
      if (this.running && this.port) this.idleTimer = setTimeout(() => void tick(), every);
    };
    this.idleTimer = setTimeout(() => void tick(), every);
  }

  private stopIdleWatch(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  private settle(reply: Reply): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.resolve(reply);
  }

  private report(status: ScaleStatusName, detail: string): void {
    if (status === this.current.status && detail === this.current.detail) return;
    const changed = status !== this.current.status;
    this.current = { scaleId: this.scaleId, status, detail };
    if (changed) this.log.log(status === 'connected' ? 'info' : 'warn', `scale ${status}`, { detail });
    for (const listener of this.statusListeners) listener(this.current);
  }

  private async attempt(): Promise<void> {
    this.retryTimer = undefined;
    if (!this.running) return;
    const outcome = await connectAttempt(this.config, 'scale', this.failures, this.policy, () => this.running);
    if (!outcome) return;
    if (outcome.kind === 'waiting') {
      if (outcome.failed) this.failures += 1;
      this.report(outcome.failure.status as ScaleStatusName, outcome.failure.detail);
      return this.retryIn(outcome.retryInMs);
    }
    this.attach(outcome.port);
  }

  private attach(port: SerialPort): void {
    this.port = port;
    this.failures = 0;
    this.splitter.reset();
    port.on('data', (chunk: Buffer) => {
      if (port !== this.port) return;
      for (const line of this.splitter.push(chunk)) this.onLine(line);
    });
    port.on('error', (error: Error) => this.log.warn('scale port error', { error: error.message }));
    port.on('close', (error?: Error | null) => this.onClose(port, error ?? undefined));
    const { baudRate, dataBits, parity, stopBits } = this.config;
    this.report('connected', `${this.config.path} open at ${baudRate} baud ${dataBits}${parity[0]!.toUpperCase()}${stopBits} (${this.config.protocol})`);
    this.startIdleWatch();
  }

  private onClose(port: SerialPort, error: Error | undefined): void {
    if (port !== this.port) return;
    this.port = undefined;
    this.stopIdleWatch();
    const why = error?.message ?? 'the port was closed';
    const detail = `${this.config.path} was unplugged or closed (${why}); waiting for it to come back`;
    this.settle({ kind: 'disconnected', detail });
    if (!this.running) return;
    this.report('disconnected', detail);
    this.retryIn(this.policy.initialBackoffMs);
  }

  private retryIn(ms: number): void {
    if (!this.running) return;
    this.retryTimer = setTimeout(() => void this.attempt(), ms);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
