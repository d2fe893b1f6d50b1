import type { DeviceStatus } from '../../src/api';
import type { Logger } from '../../src/log/logger';
import { ReconnectPolicy, backoffDelay } from '../serial/reconnect-policy';
import type { HidBackend, HidDeviceInfo, HidHandle } from '../hid/hid-backend';
import { UsbMatch, describeMatch, interfacesOf } from '../hid/device-match';
import { classifyHidOpenFailure } from '../hid/open-failure';
import { closeQuietly } from './close-quietly';

/** What a transport makes of the configured scanner's interfaces: one to open, or why there is none. */
export type InterfaceChoice =
  | { kind: 'open'; device: HidDeviceInfo & { path: string } }
  | { kind: 'unavailable'; status: DeviceStatus['status']; detail: string };

export const DEFAULT_HID_HOTPLUG_POLICY: ReconnectPolicy = {
  initialBackoffMs: 500,
  maxBackoffMs: 15_000,
  /** `HID.devicesAsync()` enumerates every HID device: every 2 s finds a replug fast enough. */
  presencePollMs: 2_000,
};

export interface HidSupervisorOptions {
  match: UsbMatch;
  backend: HidBackend;
  logger: Logger;
  policy?: Partial<ReconnectPolicy>;
  /** Picks the interface to open among the scanner's interfaces (`all` is every listed device, for hints). */
  choose(interfaces: HidDeviceInfo[], all: HidDeviceInfo[]): InterfaceChoice;
  status(status: DeviceStatus['status'], detail: string): void;
  /** An input report, as node-hid delivers it. */
  report(data: Buffer): void;
  /** The connection ended (unplug, read error): drop any half-received scan. */
  lost(): void;
}

/**
 * Keeps one USB HID scanner open across unplugs. It lists devices, opens the interface the transport
 * chooses, and while open checks every poll that the device is still listed (not every platform
 * reports an unplug as a read error). An unplug, error or close event ends in `disconnected`; the
 * device is then polled for and reopened, failed opens backing off up to a cap. Nothing here throws.
 */
export class HidSupervisor {
  private readonly policy: ReconnectPolicy;
  private readonly label: string;
  private running = false;
  /** Bumped on stop and on every lost connection, so late callbacks of an old attempt do nothing. */
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;
  private handle: HidHandle | undefined;
  private openPath = '';
  private failures = 0;

  constructor(private readonly options: HidSupervisorOptions) {
    this.policy = { ...DEFAULT_HID_HOTPLUG_POLICY, ...options.policy };
    this.label = `scanner ${describeMatch(options.match)}`;
  }

  /** The open device, for output reports (beeps); undefined while disconnected. */
  get device(): HidHandle | undefined {
    return this.handle;
  }

  /** Resolves after the first attempt, with `connected` or the reason it is not (yet) open reported. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.failures = 0;
    await this.attempt();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.generation += 1;
    this.clearTimer();
    const handle = this.handle;
    this.handle = undefined;
    if (handle) await closeQuietly(handle, this.options.logger);
  }

  private async attempt(): Promise<void> {
    this.timer = undefined;
    if (!this.running) return;
    const generation = this.generation;
    const all = await this.list(generation);
    if (!all) return;
    const choice = this.options.choose(interfacesOf(all, this.options.match), all);
    if (choice.kind === 'unavailable') {
      this.options.status(choice.status, choice.detail);
      return this.schedule(() => this.attempt(), this.policy.presencePollMs);
    }
    let handle: HidHandle;
    try {
      handle = await this.options.backend.open(choice.device.path);
    } catch (error) {
      if (generation !== this.generation) return;
      this.failures += 1;
      const failure = classifyHidOpenFailure(choice.device.path, error);
      this.options.status(failure.status, failure.detail);
      const wait = failure.status === 'disconnected' ? this.policy.presencePollMs : backoffDelay(this.failures, this.policy);
      return this.schedule(() => this.attempt(), wait);
    }
    if (generation !== this.generation || !this.running) {
      void closeQuietly(handle, this.options.logger); // stop() ran while the open was in flight
      return;
    }
    this.attach(handle, choice.device.path);
  }

  /** Lists devices; a failure is reported and retried with backoff, and gives undefined. */
  private async list(generation: number): Promise<HidDeviceInfo[] | undefined> {
    try {
      const all = await this.options.backend.list();
      return generation === this.generation ? all : undefined;
    } catch (error) {
      if (generation !== this.generation) return undefined;
      this.failures += 1;
      const message = error instanceof Error ? error.message : String(error);
      this.options.status('error', `cannot list HID devices (${message}); retrying`);
      this.schedule(() => this.attempt(), backoffDelay(this.failures, this.policy));
      return undefined;
    }
  }

  private attach(handle: HidHandle, path: string): void {
    this.handle = handle;
    this.openPath = path;
    const generation = this.generation;
    handle.on('data', (report) => {
      if (generation !== this.generation) return;
      this.failures = 0; // a working connection: the next loss starts the backoff afresh
      this.options.report(report);
    });
    handle.on('error', (error) => this.lose(generation, `read error: ${error.message}`));
    handle.on('close', () => this.lose(generation, 'the device was closed'));
    this.options.status('connected', `${this.label} open at ${path}`);
    this.schedule(() => this.watch(generation), this.policy.presencePollMs);
  }

  /** While open: is the device still listed? A listing error proves nothing, so it only waits. */
  private async watch(generation: number): Promise<void> {
    this.timer = undefined;
    let present = true;
    try {
      const all = await this.options.backend.list();
      present = interfacesOf(all, this.options.match).some((d) => d.path === this.openPath);
    } catch (error) {
      this.options.logger.debug('HID listing failed while connected', { error: error instanceof Error ? error.message : String(error) });
    }
    if (generation !== this.generation) return;
    if (!present) return this.lose(generation, 'it is no longer listed');
    this.failures = 0; // stayed open a whole poll interval
    this.schedule(() => this.watch(generation), this.policy.presencePollMs);
  }

  private lose(generation: number, why: string): void {
    if (generation !== this.generation || !this.handle) return;
    this.generation += 1;
    this.clearTimer();
    const handle = this.handle;
    this.handle = undefined;
    void closeQuietly(handle, this.options.logger);
    this.options.lost();
    if (!this.running) return;
    this.options.status('disconnected', `${this.label} was unplugged or closed (${why}); waiting for it to come back`);
    // A device that fails right after every open backs off like a failed open instead of flapping.
    this.failures += 1;
    this.schedule(() => this.attempt(), backoffDelay(this.failures, this.policy));
  }

  private schedule(next: () => Promise<void>, ms: number): void {
    if (!this.running) return;
    this.clearTimer();
    this.timer = setTimeout(() => void next(), ms);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
