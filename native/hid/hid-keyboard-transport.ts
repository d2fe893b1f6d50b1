import type { HidKeyboardScannerConfig } from '../../src/config/scanners';
import type { Logger } from '../../src/log/logger';
import type { ScanTransport, TransportSink } from '../../src/ports';
import type { FrameOutput } from '../../src/scan/framer';
import { HidKeyboardScanner } from '../../src/scan/keyboard/hid-keyboard';
import type { ReconnectPolicy } from '../serial/reconnect-policy';
import { DeadlinePump } from '../hotplug/deadline-pump';
import { deliverFrame } from '../hotplug/deliver-frame';
import { HidSupervisor } from '../hotplug/hid-supervisor';
import { StatusReporter } from '../hotplug/status-reporter';
import { chooseInterface } from './choose-interface';
import { HidBackend, nodeHidBackend } from './hid-backend';

export interface HidKeyboardTransportOptions {
  logger: Logger;
  backend?: HidBackend;
  hotplug?: Partial<ReconnectPolicy>;
  /** Injected for tests of the Windows/macOS refusal. */
  platform?: NodeJS.Platform;
  now?: () => number;
}

/** Why keyboard-mode scanners cannot be read directly off Linux, in words for the status line and UI. */
export const KEYBOARD_MODE_UNSUPPORTED =
  'keyboard-mode scanners cannot be opened directly on this system (Windows and macOS keep keyboards to themselves); '
  + 'use the keyboard wedge in the kiosk window, or switch the scanner to HID POS mode (see docs/scanners-hid.md)';

/**
 * A USB scanner in keyboard mode, read from its hidraw node (Linux only). Boot-keyboard reports are
 * turned into the scan's bytes with the configured layout by src/scan's keyboard decoder; a scan
 * ends at the scanner's Enter/Tab suffix or after `interKeyTimeoutMs` without a key.
 */
export class HidKeyboardTransport implements ScanTransport {
  readonly kind = 'hid-keyboard' as const;
  readonly deviceId: string;
  private readonly log: Logger;
  private readonly status: StatusReporter;
  private readonly supervisor: HidSupervisor;
  private readonly scanner: HidKeyboardScanner;
  private readonly pump: DeadlinePump<Uint8Array, FrameOutput>;
  private readonly platform: NodeJS.Platform;
  private sink: TransportSink | undefined;

  constructor(config: HidKeyboardScannerConfig, options: HidKeyboardTransportOptions) {
    this.deviceId = config.id;
    this.platform = options.platform ?? process.platform;
    this.log = options.logger.child({ deviceId: config.id, transport: 'hid-keyboard' });
    this.status = new StatusReporter(config.id, this.kind, this.log);
    this.scanner = new HidKeyboardScanner({ layout: config.layout, interKeyTimeoutMs: config.interKeyTimeoutMs });
    this.pump = new DeadlinePump(this.scanner, (output) => this.deliver(output), options.now);
    this.supervisor = new HidSupervisor({
      match: config,
      backend: options.backend ?? nodeHidBackend(),
      logger: this.log,
      policy: options.hotplug,
      choose: (interfaces, all) => chooseInterface('hid-keyboard', config, interfaces, all),
      status: (status, detail) => this.status.report(status, detail),
      report: (data) => this.pump.push(data),
      // Held keys are forgotten; a scan already typed ends at its inter-key deadline as usual.
      lost: () => this.scanner.reset(),
    });
  }

  async start(sink: TransportSink): Promise<void> {
    this.sink = sink;
    this.status.attach(sink);
    if (this.platform !== 'linux') {
      this.status.report('error', KEYBOARD_MODE_UNSUPPORTED);
      return;
    }
    await this.supervisor.start();
  }

  async stop(): Promise<void> {
    await this.supervisor.stop();
    this.pump.dispose();
    this.scanner.reset();
  }

  private deliver(output: FrameOutput): void {
    if (!this.sink) return;
    deliverFrame(this.sink, this.deviceId, output, this.log);
  }
}
