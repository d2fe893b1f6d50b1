import type { Logger } from '../../src/log/logger';
import type { RawScan, ScanTransport, TransportSink } from '../../src/ports';
import type { CapturedScan } from './capture-format';

export interface CaptureReplayOptions {
  logger: Logger;
  /** This transport's own id; every scan keeps the device id it was captured from. */
  deviceId?: string;
  /** 1 replays with the captured gaps, 2 twice as fast; 0 or Infinity as fast as possible. */
  speed?: number;
  /**
   * 'shifted' (default) moves every time by one constant to the replay's start, so the gaps stay exactly
   * as captured at any speed and time-based rules (duplicate window) decide as they did live;
   * 'original' keeps the captured epoch ms.
   */
  timestamps?: 'shifted' | 'original';
  now?: () => number;
}

export interface ReplaySummary {
  delivered: number;
  rejected: number;
  /** True when stop() ended the replay before the last scan. */
  stopped: boolean;
}

/**
 * Feeds a capture file's scans to the station as a transport: same bytes, AIM ids and device ids,
 * with the captured timing (scaled) or as fast as possible. Refused frames are handed back as refused.
 */
export class CaptureReplayTransport implements ScanTransport {
  readonly kind = 'demo' as const;
  readonly deviceId: string;
  /** Resolves when the last scan was delivered or the replay was stopped. */
  readonly finished: Promise<ReplaySummary>;
  private readonly speed: number;
  private readonly now: () => number;
  private readonly log: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private delivered = 0;
  private rejected = 0;
  private resolveFinished: (summary: ReplaySummary) => void = () => undefined;

  constructor(private readonly scans: CapturedScan[], private readonly options: CaptureReplayOptions) {
    this.deviceId = options.deviceId ?? 'replay';
    const speed = options.speed ?? 1;
    this.speed = speed > 0 ? speed : Infinity;
    this.now = options.now ?? Date.now;
    this.log = options.logger.child({ deviceId: this.deviceId, transport: 'capture-replay' });
    this.finished = new Promise((resolve) => { this.resolveFinished = resolve; });
  }

  async start(sink: TransportSink): Promise<void> {
    if (this.running) return;
    this.running = true;
    const pace = Number.isFinite(this.speed) ? `at ${this.speed}× speed` : 'as fast as possible';
    sink.status({ deviceId: this.deviceId, kind: this.kind, status: 'connected', detail: `replaying ${this.scans.length} captured scans ${pace}` });
    const first = this.scans[0];
    const origin = { captured: first?.scan.receivedAt ?? 0, replay: this.now() };
    this.next(sink, 0, origin);
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.finish(true);
  }

  private next(sink: TransportSink, index: number, origin: { captured: number; replay: number }): void {
    const item = this.scans[index];
    if (!item) {
      this.running = false;
      sink.status({ deviceId: this.deviceId, kind: this.kind, status: 'connected', detail: `replay finished: ${this.delivered} scans, ${this.rejected} refused frames` });
      this.finish(false);
      return;
    }
    const previous = this.scans[index - 1];
    const gap = previous ? Math.max(0, item.scan.receivedAt - previous.scan.receivedAt) : 0;
    const wait = Number.isFinite(this.speed) ? gap / this.speed : 0;
    // Always through the timer queue, even at full speed, so a big capture never blocks the event loop.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.running) return;
      this.deliver(sink, item, origin);
      this.next(sink, index + 1, origin);
    }, wait);
  }

  private deliver(sink: TransportSink, item: CapturedScan, origin: { captured: number; replay: number }): void {
    const scan = this.options.timestamps === 'original' ? item.scan : this.shift(item.scan, origin);
    if (item.reason === undefined) {
      this.delivered += 1;
      sink.scan(scan);
      return;
    }
    this.rejected += 1;
    if (sink.rejected) sink.rejected({ ...scan, reason: item.reason });
    else this.log.info('captured frame was refused by its transport', { reason: item.reason, deviceId: scan.deviceId });
  }

  private shift(scan: RawScan, origin: { captured: number; replay: number }): RawScan {
    const offset = origin.replay - origin.captured;
    return { ...scan, receivedAt: scan.receivedAt + offset, firstByteAt: scan.firstByteAt + offset };
  }

  private finish(stopped: boolean): void {
    this.resolveFinished({ delivered: this.delivered, rejected: this.rejected, stopped });
  }
}
