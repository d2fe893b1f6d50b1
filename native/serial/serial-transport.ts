import { SerialPort } from 'serialport';
import type { SerialScannerConfig } from '../../src/config/scanners';
import type { Logger } from '../../src/log/logger';
import type { ScanTransport, TransportSink } from '../../src/ports';
import { Framer, type FrameOutput } from '../../src/scan/framer';
import { DeadlinePump } from '../hotplug/deadline-pump';
import { deliverFrame } from '../hotplug/deliver-frame';
import { StatusReporter } from '../hotplug/status-reporter';
import { connectAttempt } from './connect-attempt';
import { DEFAULT_RECONNECT_POLICY, ReconnectPolicy } from './reconnect-policy';

/** One wrapper for every port: it only patches each opened port's `read`. */

export interface SerialTransportOptions {
  logger: Logger;
  reconnect?: Partial<ReconnectPolicy>;
}

/**
 * A serial or USB-CDC scanner on `serialport`. It opens the port, frames the byte stream with the
 * shared framer, and survives unplugging: a closed or missing port becomes a `disconnected` status,
 * an absent port is polled for (hot-plug), and a present port that fails to open is retried with
 * capped exponential backoff. Nothing here throws at the station.
 */
export class SerialTransport implements ScanTransport {
  readonly kind = 'serial' as const;
  readonly deviceId: string;
  private readonly policy: ReconnectPolicy;
  private readonly log: Logger;
  private sink: TransportSink | undefined;
  private port: SerialPort | undefined;
  private pump: DeadlinePump<Uint8Array, FrameOutput> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly status: StatusReporter;
  private failures = 0;
  private running = false;

  constructor(private readonly config: SerialScannerConfig, options: SerialTransportOptions) {
    this.deviceId = config.id;
    this.policy = { ...DEFAULT_RECONNECT_POLICY, ...options.reconnect };
    this.log = options.logger.child({ deviceId: config.id, transport: 'serial', path: config.path });
    this.status = new StatusReporter(config.id, this.kind, this.log);
  }

  /** Resolves after the first open attempt, with `connected` or the reason it is not (yet) open reported. */
  async start(sink: TransportSink): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.sink = sink;
    this.status.attach(sink);
    this.failures = 0;
    await this.attempt();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.pump?.dispose();
    this.pump = undefined;
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private async attempt(): Promise<void> {
    this.retryTimer = undefined;
    if (!this.running) return;
    const outcome = await connectAttempt(this.config, 'scanner', this.failures, this.policy, () => this.running);
    if (!outcome) return;
    if (outcome.kind === 'waiting') {
      if (outcome.failed) this.failures += 1;
      this.status.report(outcome.failure.status, outcome.failure.detail);
      return this.retryIn(outcome.retryInMs);
    }
    this.attach(outcome.port);
  }

  private attach(port: SerialPort): void {
    this.port = port;
    this.failures = 0;
    this.pump?.dispose();
    this.pump = new DeadlinePump(new Framer(this.config.framing), (output) => this.deliver(output));
    const pump = this.pump;
    port.on('data', (chunk: Buffer) => pump.push(chunk));
    // Read/write errors are followed by 'close' when they end the connection; alone they are only logged.
    port.on('error', (error: Error) => this.log.warn('serial port error', { error: error.message }));
    port.on('close', (error?: Error | null) => this.onClose(port, error ?? undefined));
    this.status.report('connected', `${this.config.path} open at ${this.config.baudRate} baud`);
  }

  private onClose(port: SerialPort, error: Error | undefined): void {
    if (port !== this.port) return; // closed by stop(), or an older connection
    this.port = undefined; // the pump stays until the next attach: its pending timer may still end a scan
    if (!this.running) return;
    const why = error?.message ?? 'the port was closed';
    this.status.report('disconnected', `${this.config.path} was unplugged or closed (${why}); waiting for it to come back`);
    this.retryIn(this.policy.initialBackoffMs);
  }

  private retryIn(ms: number): void {
    if (!this.running) return;
    this.retryTimer = setTimeout(() => void this.attempt(), ms);
  }

  private deliver(output: FrameOutput): void {
    if (!this.running || !this.sink) return;
    deliverFrame(this.sink, this.deviceId, output, this.log);
  }
}
