import { uuidv7 } from '../../ids';
import { refuse, type Decision } from '../../core/decision';
import type { CallContext, Kernel, ModuleRuntime, RequestHandler, Views, WorkflowModule } from '../../core/workflow';
import { labelZpl } from '../../label/config';
import { notReadyReason } from '../../label/host-status';
import { createPrinter, type LabelPrinter } from '../../label/printer';
import { requestJob, retryJob, sendJob, type PrintJob } from '../../label/print-job';
import type { ContainerView } from '../container/view';
import type { SettledWeight } from '../weigh/module';
import { moduleWithHook } from '../weigh/step';
import type { WeighView } from '../weigh/view';
import { COMMAND_SHEET_REPRINT, labelContract, type LabelJobRow, type LabelSlice, type PrinterChip } from './contract';
import type { LabelsConfig } from './config';
import { backoffMs, chipOf, chipOfFailure, decideConfirm, decideReprint, decideSent, requestedEvent } from './decide';
import { labelMigration } from './migrations.sqlite';
import { createLabelProjection } from './projection.sqlite';
import type { LabelView } from './view';
import { createLabelView } from './view.sqlite';

/** The label step's command barcodes (the command sheet): CMD:LABEL_REPRINT, CMD:LABEL_PRINTED, CMD:LABEL_NOT_PRINTED. */
const LABEL_BARCODES = { LABEL_REPRINT: 'label.reprint', LABEL_PRINTED: 'label.confirm_printed', LABEL_NOT_PRINTED: 'label.confirm_not_printed' };

const labelsOf = (views: Views) => views.label as LabelView;
const containersOf = (views: Views) => views.container as ContainerView;
const weightsOf = (views: Views) => views.weigh as WeighView | undefined;

export interface LabelStep {
  module: WorkflowModule;
  /** For the weighing step's `settled` hook: prints the container's label with its weight. */
  settled(weight: SettledWeight, call: CallContext, kernel: Kernel): void;
}

const OFF = 'Labels are not set up at this station (config: labels)';

/**
 * The label step: once a closed container's weight is settled (or right after the close, with no scale)
 * its label is printed. Every job is recorded: requested, then sent, failed (queued, tried again with
 * back-off until the printer answers, and printed once) or unknown (a person says whether it printed).
 * A reprint is a new job with a reason.
 */
export function createLabelStep(): LabelStep {
  const { module, hookOf } = moduleWithHook({
    id: 'label',
    dependsOn: ['container', 'weigh'],
    contract: labelContract,
    migrations: [labelMigration],
    createView: (db) => createLabelView(db),
    project: (db) => createLabelProjection(db),
  }, (kernel) => {
    const { runtime, settled } = startLabels(kernel);
    return { runtime, hook: settled };
  });
  return { module, settled: (weight, call, kernel) => hookOf(kernel)?.(weight, call) };
}

function startLabels(kernel: Kernel, printerFor: (config: LabelsConfig) => LabelPrinter = (c) => createPrinter(c.printer)): {
  runtime: ModuleRuntime; settled: (weight: SettledWeight, call: CallContext) => void;
} {
  const config = kernel.config.labels;
  if (!config) {
    const off: RequestHandler = (_: unknown, call) => kernel.act(call, 'command', () => refuse(call.trigger, 'command', OFF));
    return { runtime: { commands: Object.fromEntries(Object.keys(labelContract.commands).map((n) => [n, off])), commandBarcodes: LABEL_BARCODES }, settled: () => undefined };
  }
  const printer = printerFor(config);
  // A network printer is asked at start; a file or spool target shows how its last write went.
  let chip: PrinterChip = printer.status ? { status: 'disconnected', detail: 'not asked yet' } : { status: 'connected', detail: 'ready' };
  // The printer's health record (errors, reconnects) is kept by the core beside the other devices'.
  const noteChip = (c: PrinterChip) => kernel.noteDevice?.({ deviceId: 'printer', kind: 'printer', status: c.status, detail: `${printer.description}: ${c.detail}` });
  noteChip(chip);
  let stopped = false;
  let chain: Promise<void> = Promise.resolve();
  let retryTimer: NodeJS.Timeout | undefined;
  let failures = 0;
  const calls = new Map<string, CallContext>();
  const setChip = (next: PrinterChip) => {
    if (next.status !== chip.status || next.detail !== chip.detail) {
      chip = next;
      noteChip(next);
      kernel.touch('label');
    }
  };
  const background = (trigger: string): CallContext => ({ actor: null, deviceId: 'label', correlationId: uuidv7(), trigger, approval: null });

  /** One try of a job that waits (requested) or certainly did not print (failed); anything else is left alone. */
  async function sendOne(jobId: string): Promise<void> {
    if (stopped) return;
    const job = labelsOf(kernel.views).job(jobId);
    if (!job || (job.state.status !== 'requested' && job.state.status !== 'failed')) return;
    const ready = job.state.status === 'failed' ? retryJob(job) : { ok: true as const, job };
    if (!ready.ok) return;
    const after = await sendJob(printer, ready.job, kernel.clock);
    if (stopped) return;
    setChip(chipOf(after.state));
    const decision = decideSent(job, after);
    const call = calls.get(jobId) ?? background(job.containerCode);
    if (decision.events.length > 0) kernel.act({ ...call, trigger: job.containerCode }, 'command', () => ({ ...decision, touches: ['label'] }));
    if (after.state.status === 'failed') {
      failures += 1;
      scheduleRetry();
    } else {
      calls.delete(jobId);
      if (after.state.status === 'sent' && failures > 0) {
        // The printer is back: what waited goes now, in order.
        failures = 0;
        retryQueued();
      }
    }
  }
  const send = (jobId: string) => {
    chain = chain.then(() => sendOne(jobId)).catch((err: unknown) => { kernel.logger.error('a label could not be sent', { jobId, error: String(err) }); });
  };
  const retryQueued = () => {
    for (const job of labelsOf(kernel.views).withStatus('failed')) send(job.jobId);
  };
  function scheduleRetry(): void {
    if (retryTimer || stopped) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      retryQueued();
    }, backoffMs(failures, config!.retry));
  }

  /** A new job for a container: its label rendered with this job's id, recorded as requested, then sent. */
  const newJob = (views: Views, container: string, grams: number | null, call: CallContext, reprint?: { reason: string }): { decision: Decision; job: PrintJob | null } => {
    const c = containersOf(views).container(container);
    if (!c) return { decision: refuse(call.trigger, 'command', `${container} is not a container opened at this station`), job: null };
    const jobId = uuidv7();
    const at = kernel.clock();
    let zpl: string;
    try {
      zpl = labelZpl(config, { jobId, containerCode: container, containerType: c.type, childCount: c.children.length, weightGrams: grams, stationId: kernel.config.stationId, packer: call.actor?.name ?? '', at });
    } catch (err) {
      return { decision: refuse(call.trigger, 'command', `No label for ${container}: ${(err as Error).message}`), job: null };
    }
    const request = { jobId, containerCode: container, containerType: c.type, zpl, at: at.toISOString(), by: call.actor?.userId ?? '' };
    if (reprint) return decideReprint(labelsOf(views).lastOf(container), { ...request, reason: reprint.reason }, grams, call.trigger);
    const created = requestJob(request);
    if (!created.ok) return { decision: refuse(call.trigger, 'command', created.refusal), job: null };
    return { decision: { outcome: 'good', message: `Printing the label for ${container}`, events: [requestedEvent(created.job, grams)] }, job: created.job };
  };
  const withSend = (made: { decision: Decision; job: PrintJob | null }, call: CallContext): Decision => ({
    ...made.decision,
    touches: ['label'],
    effect: () => {
      if (!made.job || made.decision.outcome !== 'good') return;
      calls.set(made.job.jobId, call);
      send(made.job.jobId);
    },
  });

  const settled = (weight: SettledWeight, call: CallContext) => {
    // A label that cannot be made (a code the template refuses) is said on screen; a new job is recorded quietly.
    const made = newJob(kernel.views, weight.container, weight.grams, call);
    if (made.decision.outcome === 'bad') kernel.act({ ...call, trigger: weight.container }, 'command', () => made.decision);
    else kernel.record(call, () => withSend(made, call));
  };
  const confirm = (printed: boolean): RequestHandler => (p: { jobId?: string }, call) => kernel.act(call, 'command', (views) => {
    const jobId = p?.jobId ?? labelsOf(views).withStatus('unknown')[0]?.jobId;
    if (!jobId) return refuse(call.trigger, 'command', 'No label is waiting for an answer');
    return {
      ...decideConfirm(labelsOf(views).job(jobId), jobId, printed, call.actor?.userId ?? 'unknown', kernel.clock().toISOString(), call.trigger),
      touches: ['label'],
      effect: () => { if (!printed) send(jobId); },
    };
  });
  const commands: Record<string, RequestHandler> = {
    'label.reprint': (p: { container?: string; reason?: string }, call) => kernel.act(call, 'command', (views) => {
      const container = p?.container ?? labelsOf(views).last()?.containerCode;
      if (!container) return refuse(call.trigger, 'command', 'No label has been printed here yet: nothing to reprint');
      const reason = p?.reason ?? call.approval?.reason ?? COMMAND_SHEET_REPRINT;
      return withSend(newJob(views, container, weightsOf(views)?.acceptedGrams(container) ?? null, call, { reason }), call);
    }),
    'label.confirm_printed': confirm(true),
    'label.confirm_not_printed': confirm(false),
  };

  // After a restart: a job still `requested` may have been on its way when the station stopped, so a person
  // decides it; the failed ones are tried again. After the constructor, so the station is complete.
  const startUp = setTimeout(() => {
    const view = labelsOf(kernel.views);
    for (const job of view.withStatus('requested')) {
      kernel.record(background(job.containerCode), () => ({
        outcome: 'bad', message: '', touches: ['label'],
        events: [{ type: 'label.unknown', payload: { jobId: job.jobId, target: printer.description, kind: 'connection-lost', reason: 'the station stopped while this label was being sent' } }],
      }));
    }
    if (view.withStatus('failed').length > 0) retryQueued();
    void poll();
  }, 0);

  /** The printer's status between jobs; a ready printer takes the queued jobs at once. */
  let pollTimer: NodeJS.Timeout | undefined;
  async function poll(): Promise<void> {
    if (!printer.status || stopped) return;
    const s = await printer.status();
    if (stopped) return;
    const ready = s.ok && !notReadyReason(s.status);
    setChip(s.ok ? (ready ? { status: 'connected', detail: 'ready' } : { status: 'not-ready', detail: notReadyReason(s.status)! }) : chipOfFailure(s.failure.kind, s.failure.reason));
    if (ready && labelsOf(kernel.views).withStatus('failed').length > 0) retryQueued();
    if (config!.statusPollMs > 0) pollTimer = setTimeout(() => { void poll(); }, config!.statusPollMs);
  }

  return {
    runtime: {
      commands,
      commandBarcodes: LABEL_BARCODES,
      slice: (): LabelSlice => labelSlice(labelsOf(kernel.views), { ...chip, target: printer.description }),
      stop: () => {
        stopped = true;
        clearTimeout(startUp);
        if (retryTimer) clearTimeout(retryTimer);
        if (pollTimer) clearTimeout(pollTimer);
      },
    },
    settled,
  };
}

const rowOf = (j: PrintJob): LabelJobRow => ({
  jobId: j.jobId, container: j.containerCode, status: j.state.status, reason: j.state.status === 'failed' || j.state.status === 'unknown' ? j.state.reason : null, reprintOf: j.reprintOf ?? null,
});

/** The slice the screen shows: the printer's chip, the last job, what waits for the printer and what waits for a person. */
export function labelSlice(view: LabelView, printer: NonNullable<LabelSlice>['printer']): LabelSlice {
  const last = view.last();
  return { printer, last: last ? rowOf(last) : null, queued: view.withStatus('failed').map(rowOf), unknown: view.withStatus('unknown').map(rowOf) };
}
