import type { HidPosLayoutName } from '../../src/scan/hid-pos-layouts';
import type { ScanTransport } from '../../src/ports';

/** One HID input report exactly as read, with the ids of the device that sent it. */
export interface RawReport {
  deviceId: string;
  /** Epoch ms when the report was read. */
  t: number;
  vendorId: number;
  productId: number;
  /** Present only when the scanner's config overrode the layout table; a replay then keeps it. */
  layout?: HidPosLayoutName;
  bytes: Uint8Array;
}

/**
 * A transport whose scans are reassembled from input reports (HID POS). A capture records these
 * reports rather than the scans, so a replay runs the reassembly again and a layout bug shows.
 */
export interface RawReportSource {
  tapReports(listener: (report: RawReport) => void): void;
}

export function isRawReportSource(transport: ScanTransport): transport is ScanTransport & RawReportSource {
  return typeof (transport as Partial<RawReportSource>).tapReports === 'function';
}
