import type { Db } from '../../store/db';
import type { PrintJob } from '../../label/print-job';
import type { LabelView } from './view';

interface Row {
  job_id: string; container: string; container_type: string; zpl: string; status: PrintJob['state']['status']; kind: string | null; reason: string | null;
  target: string | null; reprint_of: string | null; reprint_reason: string | null; requested_at: string; requested_by: string | null; changed_at: string;
}

/** A row as the label library's job (its pure transitions take it from here). */
function toJob(r: Row | undefined): PrintJob | null {
  if (!r) return null;
  const at = r.changed_at;
  const target = r.target ?? '';
  const state: PrintJob['state'] = r.status === 'requested' ? { status: 'requested' }
    : r.status === 'sent' ? { status: 'sent', at, target }
      : { status: r.status, at, target, kind: (r.kind ?? 'io-error') as never, reason: r.reason ?? '' };
  return {
    jobId: r.job_id, containerCode: r.container, containerType: r.container_type, zpl: r.zpl, requestedAt: r.requested_at, requestedBy: r.requested_by ?? '',
    attempts: 0, state, ...(r.reprint_of ? { reprintOf: r.reprint_of } : {}), ...(r.reprint_reason ? { reprintReason: r.reprint_reason } : {}),
  };
}

export function createLabelView(db: Db): LabelView {
  const job = db.prepare<[string]>('SELECT * FROM label_jobs WHERE job_id = ?');
  const lastOf = db.prepare<[string]>('SELECT * FROM label_jobs WHERE container = ? ORDER BY requested_seq DESC LIMIT 1');
  const last = db.prepare('SELECT * FROM label_jobs ORDER BY requested_seq DESC LIMIT 1');
  const withStatus = db.prepare<[string]>('SELECT * FROM label_jobs WHERE status = ? ORDER BY requested_seq');
  return {
    job: (id) => toJob(job.get(id) as Row | undefined),
    lastOf: (container) => toJob(lastOf.get(container) as Row | undefined),
    last: () => toJob(last.get() as Row | undefined),
    withStatus: (status) => (withStatus.all(status) as Row[]).map((r) => toJob(r)!),
  };
}
