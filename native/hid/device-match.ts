import type { HidDeviceInfo } from './hid-backend';

/** How a configured USB scanner is recognised again after a replug. */
export interface UsbMatch {
  vendorId: number;
  productId: number;
  serialNumber?: string;
}

/** HID usage pages and usages the transports look for. */
export const USAGE = {
  /** HID POS: Barcode Scanner page 0x8C, usage 0x02 "Barcode Scanner". */
  posPage: 0x8c,
  posScanner: 0x02,
  /** Generic Desktop page 0x01, usage 0x06 "Keyboard". */
  desktopPage: 0x01,
  keyboard: 0x06,
} as const;

export const hex4 = (n: number): string => `0x${n.toString(16).padStart(4, '0')}`;

export function describeMatch(match: UsbMatch): string {
  const serial = match.serialNumber ? ` serial ${match.serialNumber}` : '';
  return `${hex4(match.vendorId)}:${hex4(match.productId)}${serial}`;
}

/** The listed interfaces that belong to the configured scanner (all of them: it may expose several). */
export function interfacesOf(devices: HidDeviceInfo[], match: UsbMatch): HidDeviceInfo[] {
  return devices.filter((d) =>
    d.vendorId === match.vendorId
    && d.productId === match.productId
    && (match.serialNumber === undefined || d.serialNumber === match.serialNumber)
    && typeof d.path === 'string' && d.path.length > 0);
}

export function hasUsage(device: HidDeviceInfo, page: number, usage: number): boolean {
  return device.usagePage === page && device.usage === usage;
}

/** The libusb driver on Linux reports no usage page; such an interface can only be tried. */
export function usageUnknown(device: HidDeviceInfo): boolean {
  return !device.usagePage;
}

/** "0x008c/0x02, 0x0001/0x06" — for hints about which mode a present scanner is in. */
export function describeUsages(devices: HidDeviceInfo[]): string {
  const seen = new Set(devices.map((d) => `${hex4(d.usagePage ?? 0)}/0x${(d.usage ?? 0).toString(16).padStart(2, '0')}`));
  return [...seen].join(', ');
}

/**
 * Scanners often change their product id when switched between HID POS, keyboard and CDC modes. When
 * the configured one is absent, a device of the same vendor is a useful hint for whoever set it up.
 */
export function sameVendorHint(devices: HidDeviceInfo[], match: UsbMatch): string {
  const others = devices.filter((d) => d.vendorId === match.vendorId && d.productId !== match.productId);
  if (others.length === 0) return '';
  const products = [...new Set(others.map((d) => hex4(d.productId)))].join(', ');
  return `; a device of the same vendor is present with product id ${products}: the scanner may be in another mode (see docs/scanners-hid.md) or the configured productId is wrong`;
}
