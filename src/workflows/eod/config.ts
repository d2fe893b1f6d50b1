import { z } from 'zod';

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM (00:00 to 23:59)');

/** One shift: `end` at or before `start` means it runs past midnight (night of D = D start → D+1 end). */
export const ShiftConfig = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'lower-case letters, digits, _ and -'),
  start: Clock,
  end: Clock,
}).strict();
export type ShiftConfig = z.infer<typeof ShiftConfig>;

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** End of day (docs/end-of-day.md): the shifts a day is summarised by, and the zone their times are in. */
export const EodConfig = z.object({
  shifts: z.array(ShiftConfig).default([])
    .refine((list) => new Set(list.map((s) => s.id)).size === list.length, 'each shift needs its own id'),
  timeZone: z.string().refine(validZone, 'an IANA time zone such as Europe/Berlin or UTC').default('UTC'),
}).strict();
export type EodConfig = z.infer<typeof EodConfig>;
