import { z } from 'zod';

/** The usual line settings of each protocol, used where the config leaves them out. */
export const PROTOCOL_LINE_DEFAULTS = {
  'mt-sics': { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
  'toledo-8217': { baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 },
  continuous: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
} as const;

const Tolerance = z.object({
  grams: z.number({ error: 'tolerance.grams must be a number of grams' }).min(0, 'tolerance.grams cannot be negative').optional(),
  percent: z.number({ error: 'tolerance.percent must be a number' }).min(0, 'tolerance.percent cannot be negative').max(100, 'tolerance.percent is at most 100').optional(),
}).strict();

/**
 * One serial scale. `protocol` picks the parser; line settings default to the protocol's usual ones
 * (Toledo 8217: 7E1). `stableReadings` equal stable readings in a row make a weight accepted.
 */
export const ScaleConfig = z.object({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, 'a scale id is letters, digits, _ . : -, at most 64'),
  path: z.string().min(1, 'path: the serial port of the scale, e.g. /dev/ttyUSB0 or COM3'),
  protocol: z.enum(['mt-sics', 'toledo-8217', 'continuous'], { error: 'protocol must be one of mt-sics, toledo-8217, continuous' }),
  baudRate: z.number().int().positive('baudRate must be a positive whole number').optional(),
  dataBits: z.union([z.literal(7), z.literal(8)], { error: 'dataBits must be 7 or 8' }).optional(),
  parity: z.enum(['none', 'even', 'odd'], { error: 'parity must be none, even or odd' }).optional(),
  stopBits: z.union([z.literal(1), z.literal(2)], { error: 'stopBits must be 1 or 2' }).optional(),
  /** The unit a scale that prints none reports in (Toledo 8217). */
  unit: z.enum(['g', 'kg', 'lb', 'oz']).default('kg'),
  stableReadings: z.number().int('stableReadings must be a whole number').min(1, 'stableReadings must be at least 1').max(50, 'stableReadings is at most 50').default(3),
  /** How long one command waits for its reply (continuous: for the next line) before the scale counts as not answering. */
  replyTimeoutMs: z.number().int().min(50, 'replyTimeoutMs must be at least 50').max(30_000).default(1000),
  /** Between two polls of a request-reply scale while waiting for a stable weight. */
  pollIntervalMs: z.number().int().min(0).max(5000).default(0),
  /**
   * While no weighing runs, a request-reply scale is asked for a weight this often, so its status
   * (connected, unstable, overload, underload, no-reply) stays current on screen and in `station doctor`;
   * a continuous scale that sends no line for `replyTimeoutMs` is no-reply. 0 turns this off.
   */
  idlePollMs: z.number().int().min(0).max(60_000, 'idlePollMs is at most 60000').default(2000),
  tolerance: Tolerance.default({ grams: 10 }),
}).strict().transform((scale) => ({ ...PROTOCOL_LINE_DEFAULTS[scale.protocol], ...stripUndefined(scale) }));

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export type ScaleConfigInput = z.input<typeof ScaleConfig>;
export type ScaleConfig = z.output<typeof ScaleConfig>;

/** The list in the station config: each scale its own id and its own port. */
export const ScaleConfigList = z.array(ScaleConfig)
  .refine((list) => new Set(list.map((s) => s.id)).size === list.length, 'each scale needs its own id')
  .refine((list) => new Set(list.map((s) => s.path)).size === list.length, 'two scales cannot share one port');
