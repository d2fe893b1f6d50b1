import { z } from 'zod';
import { renderLabel, templateProblems, type LabelInput } from './zpl-template';

const ms = (name: string, min: number, max: number, fallback: number) =>
  z.number({ error: `${name} must be a number of milliseconds` }).int(`${name} must be a whole number of milliseconds`)
    .min(min, `${name} must be at least ${min}`).max(max, `${name} is at most ${max}`).default(fallback);

/** A ZPL printer on the network: raw TCP, usually port 9100. */
const NetworkTarget = z.object({
  kind: z.literal('network'),
  host: z.string().min(1, 'printer.host: the printer\'s name or IP address, e.g. 10.0.7.21'),
  port: z.number().int().min(1).max(65535, 'printer.port must be a TCP port (1-65535)').default(9100),
  /** How long to wait for the connection. */
  connectTimeoutMs: ms('printer.connectTimeoutMs', 10, 60_000, 3000),
  /** How long to wait for each `~HS` status reply (before and after the label). */
  replyTimeoutMs: ms('printer.replyTimeoutMs', 10, 60_000, 3000),
  /** How long writing the label may take. */
  writeTimeoutMs: ms('printer.writeTimeoutMs', 10, 60_000, 5000),
}).strict();

/** A file or device the ZPL is appended to (e.g. /dev/usb/lp0, or a file for a test bench). */
const FileTarget = z.object({
  kind: z.literal('file'),
  path: z.string().min(1, 'printer.path: the file or device to write the ZPL to'),
}).strict();

/** A folder another program picks labels up from: one `label-<job id>.zpl` per job, written atomically. */
const SpoolTarget = z.object({
  kind: z.literal('spool'),
  dir: z.string().min(1, 'printer.dir: the spool folder'),
}).strict();

export const PrinterTarget = z.discriminatedUnion('kind', [NetworkTarget, FileTarget, SpoolTarget], {
  error: 'printer.kind must be one of network, file, spool',
});

const Template = z.string().min(1, 'a template cannot be empty').superRefine((template, ctx) => {
  for (const problem of templateProblems(template)) ctx.addIssue({ code: 'custom', message: problem });
});

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The `labels` section of the station config. Per container type a template may replace the
 * default one; a type without its own uses `template` (or the built-in default).
 */
export const LabelConfig = z.object({
  printer: PrinterTarget,
  /** IANA time zone of the printed time; default the station's own. */
  timeZone: z.string().refine(validTimeZone, 'timeZone must be an IANA time zone, e.g. Europe/Berlin').optional(),
  barcode: z.object({
    code128Height: z.number().int().min(20, 'barcode.code128Height is at least 20 dots').max(1000).default(120),
    dataMatrixModule: z.number().int().min(2, 'barcode.dataMatrixModule is at least 2 dots').max(40).default(8),
  }).strict().default({ code128Height: 120, dataMatrixModule: 8 }),
  /** The template for every type without its own (default: the built-in one). */
  template: Template.optional(),
  types: z.record(
    z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'a container type is lower-case letters, digits, _ and -'),
    z.object({ template: Template }).strict(),
  ).default({}),
}).strict();

export type LabelConfigInput = z.input<typeof LabelConfig>;
export type LabelConfig = z.output<typeof LabelConfig>;
export type PrinterTarget = z.output<typeof PrinterTarget>;

/** The template for a container type: its own, else the config's, else undefined (the built-in default). */
export function templateFor(config: LabelConfig, containerType: string): string | undefined {
  return Object.hasOwn(config.types, containerType) ? config.types[containerType]!.template : config.template;
}

/** The ZPL of one label with the config's template for its container type, zone and barcode sizes. */
export function labelZpl(config: LabelConfig, input: LabelInput): string {
  return renderLabel(input, {
    template: templateFor(config, input.containerType),
    timeZone: config.timeZone,
    code128Height: config.barcode.code128Height,
    dataMatrixModule: config.barcode.dataMatrixModule,
  });
}
