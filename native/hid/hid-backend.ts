import type { Device } from 'node-hid';

/** One HID interface as `HID.devicesAsync()` lists it (a multi-interface scanner appears once per interface). */
export type HidDeviceInfo = Device;

/**
 * The part of node-hid's `HIDAsync` the transports use. Tests pass an EventEmitter of this shape fed
 * from recorded reports, so the adapter code under test is the code that runs against real devices.
 */
export interface HidHandle {
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  removeAllListeners(event?: string): unknown;
  /** First byte is the report id (0 for a device without numbered reports), as in hidapi. */
  write(report: number[] | Buffer): Promise<number>;
  close(): Promise<void>;
}

/** Listing and opening devices: injectable, so the hot-plug supervisor runs in tests without hardware. */
export interface HidBackend {
  list(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidHandle>;
}

/**
 * The real backend. node-hid is required on first use, not at import, so a station without HID
 * scanners never loads the native binding, and a binding that fails to load becomes a device status.
 */
export function nodeHidBackend(): HidBackend {
  const load = () => import('node-hid');
  return {
    list: async () => (await load()).devicesAsync(),
    open: async (path) => (await (await load()).HIDAsync.open(path)) as unknown as HidHandle,
  };
}
