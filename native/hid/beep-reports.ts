import table from './beep-reports.json';
import type { HidDeviceInfo } from './hid-backend';

/** The output reports that sound a scanner's good-read and bad-read beeps, report id first. */
export interface BeepReports {
  good?: Buffer;
  bad?: Buffer;
}

interface VendorEntry {
  vendorId: number;
  good?: string;
  bad?: string;
}

const fromHex = (hex: string | undefined): Buffer | undefined => (hex ? Buffer.from(hex.replace(/\s+/g, ''), 'hex') : undefined);

/**
 * The beep reports this scanner offers. HID POS names the usages (Sound Good Read Beep 0x86, Sound
 * Error Beep 0x85 on page 0x8C), but where they sit in which output report is in the device's report
 * descriptor, which node-hid does not expose; so the reports come from a per-vendor table of what
 * vendors document. An unknown vendor gets none: no guessed bytes are ever written to a device.
 */
export function beepReportsFor(device: Pick<HidDeviceInfo, 'vendorId'>): BeepReports {
  const entry = (table.vendors as VendorEntry[]).find((v) => v.vendorId === device.vendorId);
  return entry ? { good: fromHex(entry.good), bad: fromHex(entry.bad) } : {};
}
