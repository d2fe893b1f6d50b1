import { z } from 'zod';
import { aiDef } from '../../scan/gs1/dictionary';

/** A regex held as a string; a bad one fails validation naming its field. */
const Pattern = z.string().min(1, 'code.pattern must not be empty').superRefine((pattern, ctx) => {
  try {
    new RegExp(pattern);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `code.pattern is not a valid regular expression: ${(e as Error).message}` });
  }
});

const Ai = z.string().regex(/^\d{2,4}$/, 'code.ai: a GS1 AI is 2 to 4 digits, e.g. "00" (SSCC)')
  .refine((ai) => aiDef(ai) !== null, { message: 'code.ai is not a GS1 AI this station knows (see src/scan/data/gs1-ai.json)' });

/**
 * How a scan is recognised as this type: a regex on the scanned text, or a GS1 AI (`00`, the SSCC) in
 * its GS1 data, optionally with a regex on that AI's value. The container's code is the text, or the AI's value.
 */
export const ContainerCode = z.object({ pattern: Pattern.optional(), ai: Ai.optional() }).strict()
  .refine((c) => c.pattern !== undefined || c.ai !== undefined, {
    message: 'code: either { pattern: "<regex>" } or { ai: "00" } (with an optional pattern on the AI\'s value)',
  });
export type ContainerCode = z.infer<typeof ContainerCode>;

const TypeId = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'id: lower-case letters, digits, _ and -, at most 32, starting with a letter');

/** One kind of container. `holds: []` is a leaf (a bag): it goes into others but is never opened. */
export const ContainerType = z.object({
  id: TypeId,
  /** What the packer reads: "Sack", "Pallet". */
  name: z.string().min(1, 'name must not be empty').max(40, 'name is at most 40 characters'),
  code: ContainerCode,
  /** Children it takes; reaching it closes the container. Needed when it holds anything. */
  capacity: z.number({ error: 'capacity must be a whole number' }).int('capacity must be a whole number').min(1, 'capacity must be at least 1').max(10000, 'capacity is at most 10000').optional(),
  /** For the weighing step (src/workflows/weigh): the tare and the most it may weigh, in grams. */
  emptyWeightG: z.number().int('emptyWeightG must be whole grams').min(0, 'emptyWeightG cannot be negative').default(0),
  maxWeightG: z.number().int('maxWeightG must be whole grams').positive('maxWeightG must be positive').optional(),
  /**
   * What one of this type weighs as a child when it was never weighed itself (a bag of goods), in grams:
   * the weighing step counts it into the expected weight of the container it is in. Without it, a container
   * holding one is checked only against its `maxWeightG`.
   */
  itemWeightG: z.number().int('itemWeightG must be whole grams').positive('itemWeightG must be positive').optional(),
  /** The type ids it may hold (its own id too, for boxes in boxes). */
  holds: z.array(TypeId).default([]),
}).strict().superRefine((t, ctx) => {
  if (t.holds.length > 0 && t.capacity === undefined) ctx.addIssue({ code: 'custom', path: ['capacity'], message: `capacity: type "${t.id}" holds ${t.holds.join(', ')}, so it needs a capacity` });
  if (t.maxWeightG !== undefined && t.maxWeightG <= t.emptyWeightG) ctx.addIssue({ code: 'custom', path: ['maxWeightG'], message: `maxWeightG (${t.maxWeightG} g) must be more than emptyWeightG (${t.emptyWeightG} g)` });
  const twice = t.holds.find((h, i) => t.holds.indexOf(h) !== i);
  if (twice) ctx.addIssue({ code: 'custom', path: ['holds'], message: `holds: "${twice}" is listed twice` });
});
export type ContainerType = z.infer<typeof ContainerType>;

/**
 * The container workflow's config (key `container`). A scan is the first type in this list whose code
 * matches. Absent (or no types) means the workflow is off and bags work as before.
 */
export const ContainerConfig = z.object({
  types: z.array(ContainerType).default([]),
}).strict().superRefine((c, ctx) => {
  const ids = c.types.map((t) => t.id);
  c.types.forEach((t, i) => {
    if (ids.indexOf(t.id) !== i) ctx.addIssue({ code: 'custom', path: ['types', i, 'id'], message: `id: type "${t.id}" is defined twice` });
    t.holds.forEach((target, j) => {
      if (!ids.includes(target)) ctx.addIssue({ code: 'custom', path: ['types', i, 'holds', j], message: `holds: "${target}" is not a container type (known: ${ids.join(', ')})` });
    });
  });
});
export type ContainerConfig = z.infer<typeof ContainerConfig>;
