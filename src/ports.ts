import type { DeviceStatus } from './api';

/** One complete scan as a transport delivers it: bytes exactly as read, framing already applied. */
export interface RawScan {
  deviceId: string;
  bytes: Uint8Array;
  /** Epoch ms of the first byte of this scan and of the moment the frame was complete. */
  firstByteAt: number;
  receivedAt: number;
  /** Symbology identifier reported out of band (HID POS), when the transport has one. */
  aim?: string;
}

/** Bytes a transport could not turn into a scan (e.g. over the length cap), kept so the station can show why. */
export interface RejectedScan extends RawScan {
  /** Words for the packer or supervisor, e.g. "scan longer than the 4096-byte cap …". */
  reason: string;
}

/** Where a transport delivers scans and its device status. */
export interface TransportSink {
  scan(raw: RawScan): void;
  status(status: DeviceStatus): void;
  /** Optional: a frame the transport refused. A sink without it loses only the on-screen reason (the transport logs it). */
  rejected?(rejection: RejectedScan): void;
}

/**
 * A scanner input port. `src/` defines it; `native/` implements it (serialport, node-hid, demo replay).
 * start() must not throw for a missing device: it reports `disconnected` and keeps trying.
 */
export interface ScanTransport {
  readonly deviceId: string;
  readonly kind: DeviceStatus['kind'];
  start(sink: TransportSink): Promise<void>;
  stop(): Promise<void>;
  /** Optional device feedback (HID POS good/bad-read beep) after the station accepted or refused a scan. */
  feedback?(outcome: 'good' | 'bad'): Promise<void>;
}
