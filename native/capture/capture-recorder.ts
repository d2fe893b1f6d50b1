import type { RawScan, RejectedScan, ScanTransport, TransportSink } from '../../src/ports';
import { toCaptureLine, toCaptureReportLine } from './capture-format';
import type { CaptureWriter } from './capture-writer';
import { isRawReportSource, type RawReport } from './raw-reports';

/**
 * Wraps any transport (same interface) and records every scan it delivers, bytes and timings exactly,
 * for `station replay`. The scan reaches the station first; the recording is queued behind it, so a
 * slow or failing disk never delays or breaks scanning. A transport that reassembles scans from input
 * reports (HID POS) is recorded as those reports, with its USB ids, instead of its scans: a replay
 * then runs the reassembly again, so a report-layout bug shows up in the replay too.
 */
export class CaptureRecorder implements ScanTransport {
  readonly deviceId: string;
  readonly kind: ScanTransport['kind'];
  /** Present only when the wrapped transport has feedback, so the station's optional call stays optional. */
  readonly feedback?: (outcome: 'good' | 'bad') => Promise<void>;

  constructor(
    private readonly inner: ScanTransport,
    private readonly writer: CaptureWriter,
  ) {
    this.deviceId = inner.deviceId;
    this.kind = inner.kind;
    const feedback = inner.feedback?.bind(inner);
    if (feedback) this.feedback = feedback;
    this.reports = isRawReportSource(inner);
    if (isRawReportSource(inner)) inner.tapReports((report) => this.recordReport(report));
  }

  /** True when the inner transport's raw reports are recorded (and so not its scans). */
  private readonly reports: boolean;

  start(sink: TransportSink): Promise<void> {
    const recording: TransportSink = {
      scan: (raw: RawScan) => {
        sink.scan(raw);
        this.record(raw);
      },
      status: (status) => sink.status(status),
    };
    if (sink.rejected) {
      const rejected = sink.rejected.bind(sink);
      recording.rejected = (rejection: RejectedScan) => {
        rejected(rejection);
        this.record(rejection, rejection.reason);
      };
    } else {
      // The station may not listen for refused frames, but the capture still keeps them.
      recording.rejected = (rejection: RejectedScan) => this.record(rejection, rejection.reason);
    }
    return this.inner.start(recording);
  }

  stop(): Promise<void> {
    return this.inner.stop();
  }

  private recordReport(report: RawReport): void {
    try {
      this.writer.write(toCaptureReportLine(report), report.t);
    } catch {
      // Never let recording break a scan.
    }
  }

  private record(raw: RawScan, reason?: string): void {
    if (this.reports) return; // its reports are on file: a replay reassembles these scans from them
    try {
      this.writer.write(toCaptureLine(raw, this.kind, reason), raw.receivedAt);
    } catch {
      // toCaptureLine is total for a well-formed RawScan; recording must never break a scan regardless.
    }
  }
}
