import { z } from 'zod';

/**
 * The weighing step's config (key `weigh`), all optional: which scale weighs a closed container (default:
 * the first in `scales`) and how long a weighing may take. The tolerance is the scale's own (`scales[].tolerance`).
 * Without a scale the step is off and the label (if any) prints "not weighed".
 */
export const WeighConfig = z.object({
  /** The id of the scale in `scales`; default: the first. */
  scale: z.string().min(1, 'weigh.scale: the id of a scale in scales').optional(),
  /** Give up waiting for a steady weight after this long (then `weigh.failed`, reason `unstable` …). */
  timeoutMs: z.number().int('weigh.timeoutMs must be whole milliseconds').min(100, 'weigh.timeoutMs must be at least 100').max(120_000, 'weigh.timeoutMs is at most 120000').default(10_000),
}).strict();
export type WeighConfig = z.infer<typeof WeighConfig>;
