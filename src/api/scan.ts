import { z } from 'zod';

/** What kind of code a scan is, decided by the station's scan rules. */
export const CodeClass = z.enum(['parent', 'child', 'badge', 'command', 'unknown']);
export type CodeClass = z.infer<typeof CodeClass>;

/** Where a scan came from: a configured device id (`serial-1`), `wedge` (keyboard in the page) or `demo`. */
export const DeviceId = z.string().min(1).max(64).regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');

/** The outcome of one scan, pushed to every UI after its SQLite transaction committed (or was refused). */
export const ScanResult = z.object({
  correlationId: z.string(),
  deviceId: DeviceId,
  code: z.string(),
  codeClass: CodeClass,
  outcome: z.enum(['good', 'bad']),
  /** Human words for the packer: "Child 3 of 10 linked to P-1001" or the reason it was refused. */
  message: z.string(),
  /** Event seq that recorded it; absent only when nothing could be stored (e.g. disk full). */
  seq: z.number().int().positive().optional(),
  at: z.string(),
});
export type ScanResult = z.infer<typeof ScanResult>;
