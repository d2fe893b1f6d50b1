import { z } from 'zod';
import { LabelConfig } from '../../label/config';

/**
 * The label step's config (key `labels`): the label library's printer, template and barcode settings
 * (src/label/config.ts, docs/labels.md), and how a job that certainly did not print is tried again:
 * after `retry.firstMs`, then twice as long each time, at most `retry.maxMs` apart (and at once when a status
 * poll finds the printer ready). Absent: no labels.
 */
export const LabelsConfig = LabelConfig.extend({
  retry: z.object({
    firstMs: z.number().int().min(10, 'retry.firstMs must be at least 10').max(600_000).default(2000),
    maxMs: z.number().int().min(10, 'retry.maxMs must be at least 10').max(3_600_000).default(60_000),
  }).strict().default({ firstMs: 2000, maxMs: 60_000 }),
  /** A network printer is asked its status (`~HS`, nothing printed) this often, so its chip stays current; 0 turns it off. */
  statusPollMs: z.number().int().min(0).max(3_600_000, 'statusPollMs is at most 3600000').default(30_000),
}).strict();
export type LabelsConfig = z.output<typeof LabelsConfig>;
