import { z } from 'zod';
import { ScanResult } from './scan';

export const OpenParent = z.object({
  code: z.string(),
  capacity: z.number().int().positive(),
  children: z.array(z.string()),
});
export type OpenParent = z.infer<typeof OpenParent>;

/** An error the packer has not acknowledged yet. It stays on screen (and in state) until `error.ack`. */
export const PendingError = z.object({
  id: z.string(),
  message: z.string(),
  code: z.string().optional(),
  at: z.string(),
});
export type PendingError = z.infer<typeof PendingError>;

export const DeviceStatus = z.object({
  deviceId: z.string(),
  kind: z.enum(['serial', 'hid-pos', 'hid-keyboard', 'demo', 'wedge']),
  status: z.enum(['connected', 'disconnected', 'not-in-hid-pos-mode', 'permission-denied', 'error']),
  detail: z.string().optional(),
});
export type DeviceStatus = z.infer<typeof DeviceStatus>;

export const StationState = z.object({
  stationId: z.string(),
  openParent: OpenParent.nullable(),
  recentScans: z.array(ScanResult),
  pendingErrors: z.array(PendingError),
  devices: z.array(DeviceStatus),
  /** True when the demo panel may be shown (demo scanner on and not in kiosk mode). */
  demoPanel: z.boolean(),
});
export type StationState = z.infer<typeof StationState>;
