import type { ScannerConfig } from '../../src/config/scanners';
import type { StationConfig } from '../../src/config/schema';
import type { HidDeviceInfo } from '../../native/hid';
import type { CheckResult } from './doctor-checks';

type HidScanner = Extract<ScannerConfig, { kind: 'hid-pos' | 'hid-keyboard' }>;

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

/** Whether a scanner's device node exists. COM ports are not files, so Windows is not checked here. */
export async function checkSerialScanner(scanner: Extract<ScannerConfig, { kind: 'serial' }>, platform = process.platform): Promise<CheckResult> {
  const name = `scanner ${scanner.id}`;
  if (platform === 'win32') return { name, ok: true, detail: `${scanner.path}: not checked on this OS (COM ports are not files)` };
  const { isPortPresent } = await import('../../native/serial/port-presence');
  return await isPortPresent(scanner.path, platform)
    ? { name, ok: true, detail: `${scanner.path} exists (whether it opens is known only to the running station)` }
    : { name, ok: false, detail: `${scanner.path} does not exist: is the scanner plugged in and in USB-CDC (serial) mode?` };
}

export function checkHidScanner(scanner: HidScanner, devices: HidDeviceInfo[] | string): CheckResult {
  const name = `scanner ${scanner.id}`;
  const id = `${hex4(scanner.vendorId)}:${hex4(scanner.productId)}${scanner.serialNumber ? ` serial ${scanner.serialNumber}` : ''}`;
  if (typeof devices === 'string') return { name, ok: true, detail: `USB ${id}: not checked (${devices})` };
  const found = devices.some((d) => d.vendorId === scanner.vendorId && d.productId === scanner.productId
    && (scanner.serialNumber === undefined || d.serialNumber === scanner.serialNumber));
  return found
    ? { name, ok: true, detail: `USB ${id} is present` }
    : { name, ok: false, detail: `USB ${id} is not present: is the scanner plugged in and in ${scanner.kind === 'hid-pos' ? 'HID POS' : 'keyboard'} mode?` };
}

/** The HID device list, or why it cannot be had (node-hid binding or libusb missing). */
async function listHid(): Promise<HidDeviceInfo[] | string> {
  try {
    const { nodeHidBackend } = await import('../../native/hid');
    return await nodeHidBackend().list();
  } catch (err) {
    return `cannot list HID devices: ${(err as Error).message ?? String(err)}`;
  }
}

/**
 * Device presence for each configured scanner. Whether a device is connected and working is known
 * only inside the running station; from here we can only say whether it is there at all.
 */
export async function checkScanners(config: StationConfig): Promise<CheckResult[]> {
  const hid = config.scanners.some((s) => s.kind === 'hid-pos' || s.kind === 'hid-keyboard') ? await listHid() : [];
  const checks: CheckResult[] = [];
  for (const scanner of config.scanners) {
    if (scanner.kind === 'serial') checks.push(await checkSerialScanner(scanner));
    else if (scanner.kind === 'hid-pos' || scanner.kind === 'hid-keyboard') checks.push(checkHidScanner(scanner, hid));
  }
  return checks;
}
