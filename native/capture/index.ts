// Capture and replay of raw scans: the recorder decorator, the file format and the replay transport.
import type { Logger } from '../../src/log/logger';
import type { ScanTransport } from '../../src/ports';
import { CaptureRecorder } from './capture-recorder';
import { CaptureWriter } from './capture-writer';

export { CaptureRecorder } from './capture-recorder';
export { CaptureWriter } from './capture-writer';
export { CaptureLine, CaptureReportLine, type CapturedReport, type CapturedScan, captureFileName, isCapturedReport, parseCaptureLine, toCaptureLine, toCaptureReportLine } from './capture-format';
export { isRawReportSource, type RawReport, type RawReportSource } from './raw-reports';
export { reassembleCapture, type NotAScan } from './reassemble';
export { readCapture, type Capture, type CaptureLineError } from './read-capture';
export { CaptureReplayTransport, type CaptureReplayOptions, type ReplaySummary } from './replay-transport';

/**
 * Wraps every transport in a recorder when `capture.enabled`; otherwise hands them back unchanged.
 * `capture.dir` is resolved by the config loader (`<dataDir>/captures` when empty). Call
 * `writer.flush()` on shutdown so the last lines reach the disk.
 */
export function withCapture(
  transports: ScanTransport[],
  capture: { enabled: boolean; dir: string },
  logger: Logger,
): { transports: ScanTransport[]; writer?: CaptureWriter } {
  if (!capture.enabled) return { transports };
  const writer = new CaptureWriter(capture.dir, logger.child({ component: 'capture' }));
  logger.info('recording raw scans for replay', { dir: capture.dir });
  return { transports: transports.map((t) => new CaptureRecorder(t, writer)), writer };
}
