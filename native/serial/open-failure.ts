import type { DeviceStatus } from '../../src/api';

export interface OpenFailure {
  status: DeviceStatus['status'];
  detail: string;
}

/** Linux/macOS: access to serial ports goes through a group; the udev rule in native/udev sets it. */
const PERMISSION_HINT =
  'add the station user to the "dialout" group (Arch: "uucp") or install native/udev/60-scan-station.rules, then log in again';

/**
 * Turns a failed open into a status the packer and `station doctor` can act on. serialport's
 * bindings report errors as text only ("Error: Permission denied, cannot open …" on Linux/macOS,
 * "Opening COM3: Access denied" on Windows), so the text is what we classify.
 */
export function classifyOpenFailure(path: string, error: unknown): OpenFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (/permission denied|access denied|EACCES|EPERM/i.test(message)) {
    // On Windows "Access denied" almost always means another program holds the COM port.
    const hint = /access denied/i.test(message) ? 'close any other program using the port' : PERMISSION_HINT;
    return { status: 'permission-denied', detail: `cannot open ${path}: permission denied; ${hint}` };
  }
  if (/no such file|file not found|ENOENT|ENODEV|ENXIO|no such device/i.test(message)) {
    return { status: 'disconnected', detail: `${path} is not present; plug the scanner in (waiting for it)` };
  }
  if (/cannot lock|resource busy|EBUSY/i.test(message)) {
    return { status: 'error', detail: `${path} is in use by another program (${message}); retrying` };
  }
  return { status: 'error', detail: `cannot open ${path}: ${message}; retrying` };
}
