import type { Logger } from '../../src/log/logger';
import type { TransportSink } from '../../src/ports';
import type { FrameOutput } from '../../src/scan/framer';

/**
 * Hands one framer output to the station: a complete frame as a scan, a refused one (over-long,
 * cut short) as a rejection with its reason, so the packer sees why nothing was recorded.
 */
export function deliverFrame(sink: TransportSink, deviceId: string, output: FrameOutput, log: Logger): void {
  const scan = { deviceId, bytes: output.bytes, firstByteAt: output.firstByteAt, receivedAt: output.completedAt };
  if (output.kind === 'frame') {
    sink.scan(scan);
    return;
  }
  log.warn('scan rejected by the transport', { reason: output.reason, length: output.bytes.length });
  sink.rejected?.({ ...scan, reason: output.reason });
}
