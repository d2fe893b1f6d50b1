import { z } from 'zod';
import { defineContract } from '../../api/contract';
import { ScanResult } from '../../api/scan';

const Code = z.string().min(1);
const Grams = z.number().nonnegative();
const Reason = z.string().trim().min(1).max(500);

/** `within`: in tolerance and under the maximum; `over-max`: above the type's `maxWeightG`. */
export const WeighVerdict = z.enum(['within', 'too-heavy', 'too-light', 'over-max']);
export type WeighVerdict = z.infer<typeof WeighVerdict>;

/** The last weighing, as the screen shows it. */
export const LastWeighing = z.object({
  container: Code,
  /** Null when the weighing failed. */
  grams: Grams.nullable(),
  expectedGrams: Grams.nullable(),
  toleranceGrams: Grams.nullable(),
  maxWeightG: z.number().nullable(),
  /** Null when the weighing failed (see `failure`). */
  verdict: WeighVerdict.nullable(),
  /** `accepted`: in tolerance, or a supervisor accepted it; `needs-supervisor`: out of tolerance; `failed`: no weight. */
  status: z.enum(['accepted', 'needs-supervisor', 'failed']),
  failure: z.object({ reason: z.string(), detail: z.string() }).nullable(),
  at: z.string(),
});
export type LastWeighing = z.infer<typeof LastWeighing>;

/** The weighing step's slice; absent on a station with no scale for it. `weighing`: the container on the scale now. */
export const WeighSlice = z.object({
  scaleId: z.string(),
  /** Whether the scale's protocol has these commands (MT-SICS: both; Toledo 8217 and a continuous line: none). */
  canZero: z.boolean(),
  canTare: z.boolean(),
  weighing: Code.nullable(),
  last: LastWeighing.nullable(),
}).optional();
export type WeighSlice = z.infer<typeof WeighSlice>;

/** Which container (default: the last one weighed) and, for an accept, why. */
const Which = z.object({ container: Code.optional(), reason: Reason.optional() }).strict();

/** Weighing a container once it closed: compared with its empty weight plus its children, within the scale's tolerance. */
export const weighContract = defineContract({
  id: 'weigh',
  events: {
    /**
     * A steady weight of a closed container. `expectedGrams` (the type's empty weight plus its children) and
     * `toleranceGrams` are null when a child's weight is not known: then only `maxWeightG` is checked.
     */
    'weigh.weighed': z.object({
      container: Code, scaleId: z.string(), grams: Grams, expectedGrams: Grams.nullable(), toleranceGrams: Grams.nullable(),
      maxWeightG: z.number().nullable(), within: z.boolean(), verdict: WeighVerdict,
    }),
    /** No steady weight: `reason` is the scale's (`unstable`, `overload`, `no-reply`, `disconnected` …). */
    'weigh.failed': z.object({ container: Code, scaleId: z.string(), reason: z.string(), detail: z.string() }),
    /** A supervisor accepted a weight out of tolerance (the weighing recorded at `weighedSeq`). */
    'weigh.accepted': z.object({ container: Code, weighedSeq: z.number().int().positive(), grams: Grams, reason: Reason }),
    /** The scale zeroed or tared at a packer's touch: what the scale answered (`done`, or why not). */
    'weigh.adjusted': z.object({ scaleId: z.string(), command: z.enum(['zero', 'tare']), outcome: z.string(), grams: Grams.nullable(), detail: z.string().nullable() }),
  },
  commands: {
    'weigh.accept': { payload: Which, result: ScanResult, permission: 'weight.accept', overridable: true, label: 'Accept the weight' },
    'weigh.retry': { payload: Which, result: ScanResult, permission: 'pack.close', label: 'Weigh again' },
    'weigh.zero': { payload: z.object({}).strict(), result: ScanResult, permission: 'pack.close', label: 'Zero the scale' },
    'weigh.tare': { payload: z.object({}).strict(), result: ScanResult, permission: 'pack.close', label: 'Tare the scale' },
  },
  slice: WeighSlice,
});

type WeighEvents = typeof weighContract.events;
export type WeighEventPayload<T extends keyof WeighEvents> = z.infer<WeighEvents[T]>;
