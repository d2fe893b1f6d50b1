import type { DeviceStatus } from '../../src/api';

export interface HidOpenFailure {
  status: DeviceStatus['status'];
  detail: string;
}

/** Linux: /dev/hidraw* is root-only unless a udev rule hands it to the station user. */
export const HIDRAW_PERMISSION_HINT =
  'install the udev rule from native/udev (it gives the station user access to the scanner\'s /dev/hidraw* node), then unplug and replug the scanner';

/**
 * Turns a failed `HIDAsync.open` into a status someone can act on. node-hid reports failures as text
 * ("cannot open device with path /dev/hidraw3: Permission denied" and similar), so the text is what we
 * classify, plus `code` where a test double or a future binding sets one.
 */
export function classifyHidOpenFailure(path: string, error: unknown, platform: NodeJS.Platform = process.platform): HidOpenFailure {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const text = `${code} ${message}`;
  if (/EACCES|EPERM|permission denied|access denied/i.test(text)) {
    const hint = platform === 'linux'
      ? HIDRAW_PERMISSION_HINT
      : 'another program may hold the scanner open, or the system refuses access to this interface';
    return { status: 'permission-denied', detail: `cannot open HID device ${path}: permission denied; ${hint}` };
  }
  if (/ENOENT|ENODEV|ENXIO|no such (file|device)/i.test(text)) {
    return { status: 'disconnected', detail: `HID device ${path} disappeared while opening; waiting for it` };
  }
  if (/EBUSY|resource busy/i.test(text)) {
    return { status: 'error', detail: `HID device ${path} is in use by another program (${message}); retrying` };
  }
  return { status: 'error', detail: `cannot open HID device ${path}: ${message}; retrying` };
}
