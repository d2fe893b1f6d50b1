import type { InterfaceChoice } from '../hotplug/hid-supervisor';
import type { HidDeviceInfo } from './hid-backend';
import { USAGE, UsbMatch, describeMatch, describeUsages, hasUsage, sameVendorHint, usageUnknown } from './device-match';

type Mode = 'hid-pos' | 'hid-keyboard';

const WANTED: Record<Mode, { page: number; usage: number; name: string }> = {
  'hid-pos': { page: USAGE.posPage, usage: USAGE.posScanner, name: 'HID POS (usage page 0x8C)' },
  'hid-keyboard': { page: USAGE.desktopPage, usage: USAGE.keyboard, name: 'keyboard' },
};

function openable(device: HidDeviceInfo | undefined): InterfaceChoice | undefined {
  return device?.path ? { kind: 'open', device: { ...device, path: device.path } } : undefined;
}

/** Words for a scanner present in the other mode than configured. */
function wrongModeDetail(mode: Mode, match: UsbMatch, interfaces: HidDeviceInfo[]): string {
  const label = `scanner ${describeMatch(match)}`;
  const offers = describeUsages(interfaces);
  if (mode === 'hid-pos') {
    const keyboard = interfaces.some((d) => hasUsage(d, USAGE.desktopPage, USAGE.keyboard));
    return `${label} is connected but not in HID POS mode (it offers usage ${offers}${keyboard ? ', a keyboard' : ''}); `
      + 'scan the "USB HID POS" programming barcode from the scanner\'s manual (see docs/scanners-hid.md), or configure it as kind "hid-keyboard"';
  }
  return `${label} is connected but not in keyboard mode (it offers usage ${offers}); configure it as kind "hid-pos" instead, or program it for USB keyboard mode`;
}

/**
 * Which of the configured scanner's interfaces to open. A scanner may expose several (HID POS plus a
 * vendor page for configuration, or a keyboard as well): only the wanted one is opened. The libusb
 * driver reports no usage page, so there an interface of unknown usage is tried.
 */
export function chooseInterface(mode: Mode, match: UsbMatch, interfaces: HidDeviceInfo[], all: HidDeviceInfo[]): InterfaceChoice {
  const wanted = WANTED[mode];
  const choice = openable(interfaces.find((d) => hasUsage(d, wanted.page, wanted.usage))) ?? openable(interfaces.find(usageUnknown));
  if (choice) return choice;
  if (interfaces.length > 0) {
    return { kind: 'unavailable', status: mode === 'hid-pos' ? 'not-in-hid-pos-mode' : 'error', detail: wrongModeDetail(mode, match, interfaces) };
  }
  return {
    kind: 'unavailable',
    status: 'disconnected',
    detail: `scanner ${describeMatch(match)} is not plugged in; waiting for it${sameVendorHint(all, match)}`,
  };
}
