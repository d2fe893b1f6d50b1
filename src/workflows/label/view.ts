import type { PrintJob } from '../../label/print-job';

/** The read-only questions of the label step, from `label_jobs`. */
export interface LabelView {
  job(jobId: string): PrintJob | null;
  /** The newest job for this container. */
  lastOf(container: string): PrintJob | null;
  /** The newest job. */
  last(): PrintJob | null;
  /** Jobs in this state, oldest first. */
  withStatus(status: PrintJob['state']['status']): PrintJob[];
}
