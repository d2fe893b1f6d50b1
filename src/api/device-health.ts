import { z } from 'zod';
import { DeviceStatus } from './state';

/**
 * One device's health record (scanner, scale or label printer) for the supervisor's screen and the
 * host's GET /health: its status now, when it last did anything, how often it failed and came back,
 * and the latest problem in words. Memory only: it describes this run of the station.
 */
export const DeviceHealth = z.object({
  deviceId: z.string(),
  kind: DeviceStatus.shape.kind,
  status: DeviceStatus.shape.status,
  detail: z.string().nullable(),
  /** Working now: connected, or a scale that answers (a moving or out-of-range weight is not a fault). */
  ok: z.boolean(),
  /** When the current status began (ISO). */
  since: z.string(),
  /** Its last status change or scan (ISO). */
  lastEventAt: z.string(),
  /** How many times it went from working (or from another problem) into a problem. */
  errors: z.number().int().nonnegative(),
  /** How many times it came back to working after having worked before. */
  reconnects: z.number().int().nonnegative(),
  lastProblem: z.object({ at: z.string(), status: DeviceStatus.shape.status, message: z.string() }).nullable(),
});
export type DeviceHealth = z.infer<typeof DeviceHealth>;
