import { HidPosDecoder } from '../../src/scan/hid-pos';
import { layoutFor } from '../hid/hid-pos-layout';
import { type CapturedReport, type CapturedScan, isCapturedReport } from './capture-format';

export interface NotAScan {
  deviceId: string;
  t: number;
  reason: string;
}

/**
 * Turns a capture's items, in file order, into scans: scan lines as they are, raw HID POS report lines
 * through the same reassembly the transport runs, one decoder per device, with the layout its USB ids
 * choose today (or the one its config had set). Menu and command replies come back in `notScans`.
 */
export function reassembleCapture(items: (CapturedScan | CapturedReport)[]): { scans: CapturedScan[]; notScans: NotAScan[] } {
  const decoders = new Map<string, HidPosDecoder>();
  const scans: CapturedScan[] = [];
  const notScans: NotAScan[] = [];
  for (const item of items) {
    if (!isCapturedReport(item)) {
      scans.push(item);
      continue;
    }
    const { report } = item;
    const key = `${report.deviceId}\u0000${report.vendorId}:${report.productId}:${report.layout ?? ''}`;
    let decoder = decoders.get(key);
    if (!decoder) {
      decoder = new HidPosDecoder({ layout: layoutFor(report, report.layout).layout });
      decoders.set(key, decoder);
    }
    for (const out of decoder.push(report.bytes, report.t)) {
      const scan = {
        deviceId: report.deviceId,
        bytes: out.bytes,
        firstByteAt: out.firstByteAt,
        receivedAt: out.completedAt,
        ...(out.aim ? { aim: out.aim } : {}),
      };
      if (out.kind === 'scan') scans.push({ kind: 'hid-pos', scan });
      else if (out.kind === 'rejected') scans.push({ kind: 'hid-pos', scan, reason: out.reason });
      else notScans.push({ deviceId: report.deviceId, t: out.completedAt, reason: out.reason });
    }
  }
  return { scans, notScans };
}
