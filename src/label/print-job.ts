import { notReadyReason, type HostStatus } from './host-status';
import type { LabelPrinter, PrintFailureKind, PrintResult } from './printer';
import { jobIdOf } from './zpl-template';

/**
 * A print job: one label, one id (a UUIDv7 made by the caller, also printed on the label and kept
 * in its `^FX` comment), and pure state transitions the label workflow records as events:
 *
 *   requested ──send──▶ sent                       the printer confirmed it has the label
 *       │      └──────▶ failed   (reason)          it certainly did not get it: retry is safe
 *       │      └──────▶ unknown  (reason)          it may have got it: a person decides
 *       ▲                 │  failed ──retry──▶ requested (same id, same label)
 *       └─────────────────┘  unknown ──"it printed"──▶ sent  /  ──"it did not print"──▶ failed
 *
 * Why `unknown` instead of an automatic retry after a timeout: once the label's bytes have left,
 * nothing the station can ask afterwards tells it whether *this* label printed. `~HS` only counts
 * formats still waiting in the buffer (a printed one is gone, and another station's label counts
 * the same), `~HQ` odometers are not on every printer and move for other jobs too, and `^HV` echoes
 * go back on the connection that timed out. So the printer module proves receipt the one way it
 * can (a `~HS` answered after `^XZ`), and when that proof is missing the job stops at `unknown`:
 * the packer looks for the label with that job id and says "it printed" or "it did not print"
 * (then the same job may be retried), or a supervisor reprints with a reason. A retry is only ever
 * automatic after a failure that came before a byte of the label left.
 *
 * A reprint is a new job with its own id, linked to the one it repeats, and needs a reason.
 */

export type PrintJobState =
  | { status: 'requested' }
  | { status: 'sent'; at: string; target: string; note?: string; confirmedBy?: string }
  | { status: 'failed'; at: string; target: string; kind: PrintFailureKind | 'confirmed-not-printed'; reason: string }
  | { status: 'unknown'; at: string; target: string; kind: PrintFailureKind; reason: string };

export interface PrintJob {
  jobId: string;
  containerCode: string;
  containerType: string;
  /** The label, carrying `jobId` in its `^FX` comment. */
  zpl: string;
  requestedAt: string;
  /** The user who asked for it (or whose action printed it). */
  requestedBy: string;
  /** Sends so far. */
  attempts: number;
  reprintOf?: string;
  reprintReason?: string;
  state: PrintJobState;
}

export type Transition = { ok: true; job: PrintJob } | { ok: false; refusal: string };

const ok = (job: PrintJob): Transition => ({ ok: true, job });
const refuse = (refusal: string): Transition => ({ ok: false, refusal });

export interface JobRequest {
  jobId: string;
  containerCode: string;
  containerType: string;
  zpl: string;
  at: string;
  by: string;
}

/** A new job. The label must carry the job's id (render it with the same id). */
export function requestJob(request: JobRequest): Transition {
  if (jobIdOf(request.zpl) !== request.jobId) return refuse(`the label does not carry job id ${request.jobId}: render it for this job`);
  return ok({
    jobId: request.jobId,
    containerCode: request.containerCode,
    containerType: request.containerType,
    zpl: request.zpl,
    requestedAt: request.at,
    requestedBy: request.by,
    attempts: 0,
    state: { status: 'requested' },
  });
}

/** What a send's result makes of a requested job. */
export function applyResult(job: PrintJob, result: PrintResult, at: string): Transition {
  if (job.state.status !== 'requested') return refuse(`job ${job.jobId} is ${job.state.status}, not waiting to be sent`);
  const attempts = job.attempts + 1;
  if (result.ok) return ok({ ...job, attempts, state: { status: 'sent', at, target: result.target, ...(result.note ? { note: result.note } : {}) } });
  const { kind, reason, delivered } = result.failure;
  if (delivered === 'no') return ok({ ...job, attempts, state: { status: 'failed', at, target: result.target, kind, reason } });
  return ok({
    ...job,
    attempts,
    state: { status: 'unknown', at, target: result.target, kind, reason: `${reason}. Look for a label whose job id ends in ${shortId(job.jobId)} before printing again` },
  });
}

/** Another try of a job that certainly did not print: the same id and label. */
export function retryJob(job: PrintJob): Transition {
  switch (job.state.status) {
    case 'failed': return ok({ ...job, state: { status: 'requested' } });
    case 'requested': return refuse(`job ${job.jobId} is already waiting to be sent`);
    case 'sent': return refuse(`job ${job.jobId} has printed; a reprint needs a reason`);
    case 'unknown': return refuse(`job ${job.jobId} may have printed (${job.state.reason}); say whether it printed, or reprint it with a reason`);
  }
}

export interface PersonDecision {
  by: string;
  at: string;
}

/** A person saw the label of an `unknown` job: it printed. */
export function confirmPrinted(job: PrintJob, decision: PersonDecision): Transition {
  if (job.state.status !== 'unknown') return refuse(`job ${job.jobId} is ${job.state.status}, there is nothing to confirm`);
  return ok({ ...job, state: { status: 'sent', at: decision.at, target: job.state.target, confirmedBy: decision.by, note: 'confirmed printed by a person' } });
}

/** A person looked and found no label of an `unknown` job: it may be retried. */
export function confirmNotPrinted(job: PrintJob, decision: PersonDecision): Transition {
  if (job.state.status !== 'unknown') return refuse(`job ${job.jobId} is ${job.state.status}, there is nothing to confirm`);
  return ok({ ...job, state: { status: 'failed', at: decision.at, target: job.state.target, kind: 'confirmed-not-printed', reason: `no label found by ${decision.by} after: ${job.state.reason}` } });
}

export interface ReprintRequest extends JobRequest {
  reason: string;
}

/** A second label for a job that printed (or may have): a new job, linked, with a reason. */
export function reprintJob(original: PrintJob, request: ReprintRequest): Transition {
  const reason = request.reason.trim();
  if (reason.length < 3) return refuse('a reprint needs a reason (at least 3 characters)');
  if (request.jobId === original.jobId) return refuse('a reprint is a new job: give it a new id');
  if (request.containerCode !== original.containerCode) return refuse(`a reprint is for the same container (${original.containerCode})`);
  if (original.state.status === 'requested') return refuse(`job ${original.jobId} has not been sent yet`);
  if (original.state.status === 'failed') return refuse(`job ${original.jobId} did not print: retry it instead`);
  const created = requestJob(request);
  return created.ok ? ok({ ...created.job, reprintOf: original.jobId, reprintReason: reason }) : created;
}

/**
 * What the printer's status (`printer.status()`) tells the person deciding an `unknown` job. It
 * cannot say whether this label printed, but labels still waiting in the buffer may be this one,
 * and an empty buffer on a ready printer means whatever it received has come out.
 */
export function unknownJobHint(status: HostStatus): string {
  const reason = notReadyReason(status);
  const n = status.formatsInBuffer;
  if (n > 0) return `the printer still holds ${n} label${n === 1 ? '' : 's'} it has not printed${reason ? ` (${reason})` : ''}: this one may be among them, so wait before printing again`;
  if (reason) return `the printer says ${reason} and holds no waiting labels: if no label came out, it did not print`;
  return 'the printer is ready and holds no waiting labels: if no label came out, it did not print';
}

/** The tail of a UUIDv7, the part that differs between jobs, as printed with `{{job}}`. */
export function shortId(jobId: string): string {
  return jobId.slice(-12);
}

/**
 * Sends a requested job and returns what became of it. Idempotent: a job that is sent, failed or
 * unknown is returned as it is and nothing goes to the printer (retry or decide first).
 */
export async function sendJob(printer: LabelPrinter, job: PrintJob, now: () => Date = () => new Date()): Promise<PrintJob> {
  if (job.state.status !== 'requested') return job;
  const result = await printer.print({ jobId: job.jobId, zpl: job.zpl });
  const next = applyResult(job, result, now().toISOString());
  if (!next.ok) throw new Error(next.refusal);
  return next.job;
}
