import { z } from 'zod';
import { CodeClass, DeviceId } from './scan';

/**
 * One scan as the supervisor's diagnostics screen shows it: the bytes exactly as read (hex), the text
 * and everything the decoder made of them. Kept in memory only (the last 200), newest first; a frame
 * the transport refused appears too, with its reason in `error`.
 */
export const DiagnosticScan = z.object({
  /** When the frame was complete (ISO, ms). */
  at: z.string(),
  deviceId: DeviceId,
  /** The raw bytes as lowercase hex, no separators. */
  hex: z.string(),
  /** The decoded text (GS stays a GS); the bytes as latin1 for a refused frame. */
  text: z.string(),
  aim: z.string().nullable(),
  symbology: z.string().nullable(),
  gs1: z.array(z.object({ ai: z.string(), value: z.string() })).nullable(),
  codeClass: CodeClass,
  valid: z.boolean(),
  /** Set when `valid` is false: the decoder's or the transport's reason. */
  error: z.string().nullable(),
  /** A double read inside the duplicate window: logged, not recorded as an event. */
  duplicate: z.boolean(),
});
export type DiagnosticScan = z.infer<typeof DiagnosticScan>;

/** The most `diagnostics.recent` returns (and the station keeps). */
export const DIAGNOSTICS_KEPT = 200;
