import { z } from 'zod';
import { defineContract } from '../../api/contract';
import { ScanResult } from '../../api/scan';

const Code = z.string().min(1);
const JobId = z.string().min(1).max(64);
const Reason = z.string().trim().min(3, 'a reprint needs a reason (at least 3 characters)').max(500);
const Kind = z.string();

/** The printer as a device chip: `connected` (ready), `not-ready` (paper out, head open …), `no-reply`, `disconnected` (off, unreachable), `error`. */
export const PrinterChip = z.object({
  status: z.enum(['connected', 'not-ready', 'no-reply', 'disconnected', 'error']),
  detail: z.string(),
});
export type PrinterChip = z.infer<typeof PrinterChip>;

export const LabelJobRow = z.object({
  jobId: JobId,
  container: Code,
  status: z.enum(['requested', 'sent', 'failed', 'unknown']),
  reason: z.string().nullable(),
  reprintOf: JobId.nullable(),
});
export type LabelJobRow = z.infer<typeof LabelJobRow>;

/** The label step's slice; absent without `labels`. `queued`: jobs that did not print and are tried again; `unknown`: jobs a person must decide. */
export const LabelSlice = z.object({
  printer: PrinterChip.extend({ target: z.string() }),
  last: LabelJobRow.nullable(),
  queued: z.array(LabelJobRow),
  unknown: z.array(LabelJobRow),
}).optional();
export type LabelSlice = z.infer<typeof LabelSlice>;

/** Which job: none named (a command barcode) means the oldest a person must decide. */
const ForJob = z.object({ jobId: JobId.optional() }).strict();
/** No container named (a command barcode) means the last one labelled; no reason, the command sheet's. */
const Reprint = z.object({ container: Code.optional(), reason: Reason.optional() }).strict();

/** The reason a reprint from the command barcode sheet records (CMD:LABEL_REPRINT carries no words of its own). */
export const COMMAND_SHEET_REPRINT = 'label damaged or missing (reprinted from the command barcode sheet)';

/** A container's label, printed once its weight is settled; every job's steps as events, never printed twice by accident. */
export const labelContract = defineContract({
  id: 'label',
  events: {
    /** A label is asked for: a new job (a reprint names the job it repeats and why). `zpl` is the label exactly as sent, also on a retry. */
    'label.requested': z.object({
      jobId: JobId, container: Code, containerType: z.string(), grams: z.number().nullable(), zpl: z.string(),
      reprintOf: JobId.optional(), reason: Reason.optional(),
    }),
    /** The printer confirmed it has the label. */
    'label.sent': z.object({ jobId: JobId, target: z.string(), note: z.string().optional() }),
    /** It certainly did not get it: the job stays queued and is tried again (recorded once per reason). */
    'label.failed': z.object({ jobId: JobId, target: z.string(), kind: Kind, reason: z.string() }),
    /** It may have got it (a timeout after the label left): never tried again on its own; a person decides. */
    'label.unknown': z.object({ jobId: JobId, target: z.string(), kind: Kind, reason: z.string() }),
    /** A person's answer for an unknown job: it printed (sent), or it did not (failed, tried again). */
    'label.confirmed': z.object({ jobId: JobId, printed: z.boolean() }),
  },
  commands: {
    'label.reprint': { payload: Reprint, result: ScanResult, permission: 'pack.close', label: 'Reprint the label' },
    'label.confirm_printed': { payload: ForJob, result: ScanResult, permission: 'pack.close', label: 'It printed' },
    'label.confirm_not_printed': { payload: ForJob, result: ScanResult, permission: 'pack.close', label: 'It did not print' },
  },
  slice: LabelSlice,
});

type LabelEvents = typeof labelContract.events;
export type LabelEventPayload<T extends keyof LabelEvents> = z.infer<LabelEvents[T]>;
