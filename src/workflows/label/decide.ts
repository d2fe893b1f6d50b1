import { accept, refuse, type Decision } from '../../core/decision';
import { confirmNotPrinted, confirmPrinted, reprintJob, shortId, type JobRequest, type PrintJob } from '../../label/print-job';
import type { PrinterChip } from './contract';

/** A new job (or a reprint) as its `label.requested` event. */
export function requestedEvent(job: PrintJob, grams: number | null) {
  return {
    type: 'label.requested' as const,
    payload: {
      jobId: job.jobId, container: job.containerCode, containerType: job.containerType, grams, zpl: job.zpl,
      ...(job.reprintOf ? { reprintOf: job.reprintOf, reason: job.reprintReason } : {}),
    },
  };
}

/**
 * What one send made of a job, as events: `label.sent`, `label.unknown`, or `label.failed`. A failure
 * with the same reason as the one already recorded adds nothing (the retry loop keeps trying quietly).
 */
export function decideSent(before: PrintJob, after: PrintJob): Decision {
  const s = after.state;
  const tail = shortId(after.jobId);
  switch (s.status) {
    case 'sent': return accept(`Label for ${after.containerCode} printed (job …${tail})`, [
      { type: 'label.sent', payload: { jobId: after.jobId, target: s.target, ...(s.note ? { note: s.note } : {}) } },
    ]);
    case 'unknown': return {
      outcome: 'bad', message: `Label for ${after.containerCode}: ${s.reason}. Say whether it printed`,
      events: [{ type: 'label.unknown', payload: { jobId: after.jobId, target: s.target, kind: s.kind, reason: s.reason } }],
    };
    case 'failed': {
      const same = before.state.status === 'failed' && before.state.reason === s.reason;
      return {
        outcome: 'bad', message: `Label for ${after.containerCode} not printed: ${s.reason}. It prints when the printer is back`,
        events: same ? [] : [{ type: 'label.failed', payload: { jobId: after.jobId, target: s.target, kind: s.kind, reason: s.reason } }],
      };
    }
    case 'requested': return refuse(after.jobId, 'command', `job ${after.jobId} was not sent`);
  }
}

/** A person's answer for an unknown job. */
export function decideConfirm(job: PrintJob | null, jobId: string, printed: boolean, by: string, at: string, trigger: string): Decision {
  if (!job) return refuse(trigger, 'command', `There is no print job ${jobId}`);
  const t = (printed ? confirmPrinted : confirmNotPrinted)(job, { by, at });
  if (!t.ok) return refuse(trigger, 'command', t.refusal);
  return accept(printed ? `Label for ${job.containerCode} printed (confirmed)` : `Label for ${job.containerCode} did not print: it is printed again`, [
    { type: 'label.confirmed', payload: { jobId, printed } },
  ]);
}

/** A reprint: a new job linked to the container's last one, with a reason. */
export function decideReprint(original: PrintJob | null, request: JobRequest & { reason: string }, grams: number | null, trigger: string): { decision: Decision; job: PrintJob | null } {
  if (!original) return { decision: refuse(trigger, 'command', `No label was printed for ${request.containerCode}`), job: null };
  const t = reprintJob(original, request);
  if (!t.ok) return { decision: refuse(trigger, 'command', t.refusal), job: null };
  return { decision: accept(`Reprinting the label for ${request.containerCode}`, [requestedEvent(t.job, grams)]), job: t.job };
}

/** The printer's chip from where a job stands after a send. */
export function chipOf(state: PrintJob['state']): PrinterChip {
  switch (state.status) {
    case 'requested': return { status: 'connected', detail: 'sending' };
    case 'sent': return { status: 'connected', detail: state.note ?? 'ready' };
    case 'failed': case 'unknown': return chipOfFailure(state.kind, state.reason);
  }
}

/** The printer's chip from a failure's kind and words. */
export function chipOfFailure(kind: string, reason: string): PrinterChip {
  switch (kind) {
    case 'unreachable': return { status: 'disconnected', detail: reason };
    case 'timeout': return { status: 'no-reply', detail: reason };
    case 'not-ready': return { status: 'not-ready', detail: reason };
    default: return { status: 'error', detail: reason };
  }
}

/** The wait before the next try of a failed job: doubling from `firstMs`, at most `maxMs`. */
export function backoffMs(failures: number, retry: { firstMs: number; maxMs: number }): number {
  return Math.min(retry.maxMs, retry.firstMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
}
