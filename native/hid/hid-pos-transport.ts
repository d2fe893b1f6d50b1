import type { HidPosScannerConfig } from '../../src/config/scanners';
import type { Logger } from '../../src/log/logger';
import type { ReconnectPolicy } from '../serial/reconnect-policy';
import type { ScanTransport, TransportSink } from '../../src/ports';
import { HidPosDecoder, type HidPosOutput } from '../../src/scan/hid-pos';
import type { RawReport, RawReportSource } from '../capture/raw-reports';
import { HidSupervisor } from '../hotplug/hid-supervisor';
import { StatusReporter } from '../hotplug/status-reporter';
import { BeepReports, beepReportsFor } from './beep-reports';
import { chooseInterface } from './choose-interface';
import { HidBackend, nodeHidBackend } from './hid-backend';
import { layoutFor } from './hid-pos-layout';

export interface HidPosTransportOptions {
  logger: Logger;
  /** Device listing and opening; node-hid unless a test injects a fake. */
  backend?: HidBackend;
  hotplug?: Partial<ReconnectPolicy>;
  /** Beep output reports to use instead of the per-vendor table. */
  beepReports?: BeepReports;
  now?: () => number;
}

/**
 * A USB scanner in HID POS mode. Opens only its usage-page 0x8C interface, reassembles scanned-data
 * reports (continued reports, report-id offset: src/scan's job) into one RawScan with the AIM id the
 * scanner reported, in the report layout its USB ids (or its config) choose, and sounds the device's
 * good/bad-read beep when the station has decided. Menu and command replies on the same report are
 * logged and dropped, never delivered as scans. Raw reports can be tapped (capture).
 */
export class HidPosTransport implements ScanTransport, RawReportSource {
  readonly kind = 'hid-pos' as const;
  readonly deviceId: string;
  private readonly log: Logger;
  private readonly status: StatusReporter;
  private readonly supervisor: HidSupervisor;
  private readonly decoder: HidPosDecoder;
  private readonly taps: ((report: RawReport) => void)[] = [];
  /** USB ids of the interface opened (the config's until one is). */
  private ids: { vendorId: number; productId: number };
  private readonly now: () => number;
  private readonly beepOverride: BeepReports | undefined;
  private beeps: BeepReports = {};
  private sink: TransportSink | undefined;
  private beepFailed = false;

  constructor(private readonly config: HidPosScannerConfig, options: HidPosTransportOptions) {
    this.deviceId = config.id;
    this.log = options.logger.child({ deviceId: config.id, transport: 'hid-pos' });
    this.status = new StatusReporter(config.id, this.kind, this.log);
    this.now = options.now ?? Date.now;
    this.beepOverride = options.beepReports;
    this.ids = { vendorId: config.vendorId, productId: config.productId };
    const layout = layoutFor(config, config.layout);
    this.decoder = new HidPosDecoder({ layout: layout.layout });
    this.log.info('HID POS report layout', { layout: layout.layout, because: layout.because });
    this.supervisor = new HidSupervisor({
      match: config,
      backend: options.backend ?? nodeHidBackend(),
      logger: this.log,
      policy: options.hotplug,
      choose: (interfaces, all) => {
        const choice = chooseInterface('hid-pos', config, interfaces, all);
        if (choice.kind === 'open') {
          this.beeps = this.beepOverride ?? beepReportsFor(choice.device);
          this.ids = { vendorId: choice.device.vendorId, productId: choice.device.productId };
        }
        return choice;
      },
      status: (status, detail) => this.status.report(status, detail),
      report: (data) => this.onReport(data),
      lost: () => this.dropPartial('the scanner disconnected'),
    });
  }

  async start(sink: TransportSink): Promise<void> {
    this.sink = sink;
    this.status.attach(sink);
    await this.supervisor.start();
  }

  async stop(): Promise<void> {
    await this.supervisor.stop();
    this.dropPartial('the transport stopped');
  }

  /** Sounds the scanner's good-read or bad-read beep, where it has one. Never throws. */
  async feedback(outcome: 'good' | 'bad'): Promise<void> {
    const report = this.beeps[outcome];
    const device = this.supervisor.device;
    if (!this.config.beep || !report || !device) return;
    try {
      await device.write(report);
      this.beepFailed = false;
    } catch (error) {
      // One warning per run of failures: a scanner that refuses beeps must not flood the log.
      if (!this.beepFailed) this.log.warn('scanner refused the beep output report', { outcome, error: error instanceof Error ? error.message : String(error) });
      this.beepFailed = true;
    }
  }

  /** Every input report as read, with the device's USB ids, for capture. */
  tapReports(listener: (report: RawReport) => void): void {
    this.taps.push(listener);
  }

  private onReport(data: Buffer): void {
    const at = this.now();
    this.tap(data, at);
    let outputs: HidPosOutput[];
    try {
      outputs = this.decoder.push(data, at);
    } catch (error) {
      // The decoder is meant to be total; a throw must still not take the transport down.
      this.log.error('HID POS report could not be decoded', { error: error instanceof Error ? error.message : String(error), hex: data.toString('hex') });
      this.decoder.reset();
      return;
    }
    for (const output of outputs) this.deliver(output);
  }

  private tap(data: Buffer, t: number): void {
    if (this.taps.length === 0) return;
    const report: RawReport = {
      deviceId: this.deviceId,
      t,
      ...this.ids,
      ...(this.config.layout ? { layout: this.config.layout } : {}),
      bytes: new Uint8Array(data),
    };
    for (const listener of this.taps) {
      try {
        listener(report);
      } catch {
        // A capture listener must never break scanning.
      }
    }
  }

  private deliver(output: HidPosOutput): void {
    if (output.kind === 'ignored') {
      this.log.info('HID POS report is not a scan; ignored', { reason: output.reason, length: output.bytes.length, ...(output.aim ? { aim: output.aim } : {}) });
      return;
    }
    if (!this.sink) return;
    const scan = {
      deviceId: this.deviceId,
      bytes: output.bytes,
      firstByteAt: output.firstByteAt,
      receivedAt: output.completedAt,
      ...(output.aim ? { aim: output.aim } : {}),
    };
    if (output.kind === 'scan') {
      this.sink.scan(scan);
      return;
    }
    this.log.warn('HID POS report rejected', { reason: output.reason, length: output.bytes.length });
    this.sink.rejected?.({ ...scan, reason: output.reason });
  }

  private dropPartial(why: string): void {
    const dropped = this.decoder.reset();
    if (dropped > 0) this.log.warn('incomplete HID POS scan dropped', { why, bytes: dropped });
  }
}
