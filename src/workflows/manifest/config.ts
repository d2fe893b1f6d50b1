import { z } from 'zod';

/**
 * The manifest workflow's config (key `manifests`), all optional: the largest file an import takes, and
 * whether a completed manifest is weighed on a scale against its lines' unit weights (the scale's own
 * tolerance applies). Without a scale, or with lines lacking unit weights, there is no weight check.
 */
export const ManifestsConfig = z.object({
  /** Files above this are refused before they are read. */
  maxBytes: z.number().int().positive('manifests.maxBytes must be a positive number of bytes').max(22 * 1024 * 1024, 'manifests.maxBytes is at most 23068672 (22 MiB)').default(10 * 1024 * 1024),
  /** The id of the scale in `scales` that weighs a completed manifest's goods; default: the first; `false`: no weight check. */
  scale: z.union([z.string().min(1), z.literal(false)]).optional(),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
}).strict();
export type ManifestsConfig = z.infer<typeof ManifestsConfig>;
