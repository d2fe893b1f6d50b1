import {
  applyResult, confirmNotPrinted, parseHostStatus, unknownJobHint, confirmPrinted, renderLabel, reprintJob, requestJob, retryJob, sendJob, shortId,
  type LabelPrinter, type PrintJob, type PrintResult, type Transition,
} from '../../../src/label';
import { hostStatusReply } from '../../helpers/zpl-printer';

const JOB = '0193a5c2-7d4e-7f00-8a1b-2c3d4e5f6a7b';
const AT = '2026-12-01T23:55:00.000Z';
const target = 'printer 10.0.7.21:9100';

function label(jobId: string): string {
  return renderLabel({ jobId, containerCode: 'P-1001', containerType: 'bag', childCount: 3, weightGrams: null, stationId: 'pack-07', packer: 'Ana', at: new Date(AT) }, { timeZone: 'UTC' });
}

function job(t: Transition): PrintJob {
  if (!t.ok) throw new Error(t.refusal);
  return t.job;
}

const requested = (): PrintJob => job(requestJob({ jobId: JOB, containerCode: 'P-1001', containerType: 'bag', zpl: label(JOB), at: AT, by: 'u-ana' }));
const sent: PrintResult = { ok: true, target };
const refused: PrintResult = { ok: false, target, failure: { kind: 'unreachable', reason: 'printer is off or unreachable', delivered: 'no' } };
const timedOut: PrintResult = { ok: false, target, failure: { kind: 'timeout', reason: 'printer did not answer in 3 s after the label was sent', delivered: 'maybe' } };

describe('print job transitions', () => {
  test('requested → sent', () => {
    const done = job(applyResult(requested(), sent, AT));
    expect(done).toMatchObject({ attempts: 1, state: { status: 'sent', at: AT, target } });
  });

  test('a label that does not carry the job id is refused', () => {
    expect(requestJob({ jobId: 'other', containerCode: 'P-1001', containerType: 'bag', zpl: label(JOB), at: AT, by: 'u' })).toEqual({ ok: false, refusal: 'the label does not carry job id other: render it for this job' });
  });

  test('a failure before the label left → failed, and a retry is the same job again', () => {
    const failed = job(applyResult(requested(), refused, AT));
    expect(failed.state).toEqual({ status: 'failed', at: AT, target, kind: 'unreachable', reason: 'printer is off or unreachable' });
    const again = job(retryJob(failed));
    expect(again).toMatchObject({ jobId: JOB, zpl: failed.zpl, attempts: 1, state: { status: 'requested' } });
    expect(job(applyResult(again, sent, AT))).toMatchObject({ attempts: 2, state: { status: 'sent' } });
  });

  test('a timeout after the label left → unknown, never retried on its own', () => {
    const unknown = job(applyResult(requested(), timedOut, AT));
    expect(unknown.state).toMatchObject({ status: 'unknown', kind: 'timeout' });
    expect(unknown.state.status === 'unknown' && unknown.state.reason).toContain(`Look for a label whose job id ends in ${shortId(JOB)}`);
    expect(retryJob(unknown)).toMatchObject({ ok: false, refusal: expect.stringContaining('may have printed') });
  });

  test('a person decides an unknown job: it printed → sent (by whom); it did not → failed, then retry', () => {
    const unknown = job(applyResult(requested(), timedOut, AT));
    expect(job(confirmPrinted(unknown, { by: 'u-ana', at: AT })).state).toMatchObject({ status: 'sent', confirmedBy: 'u-ana' });
    const notPrinted = job(confirmNotPrinted(unknown, { by: 'u-ana', at: AT }));
    expect(notPrinted.state).toMatchObject({ status: 'failed', kind: 'confirmed-not-printed' });
    expect(job(retryJob(notPrinted)).state.status).toBe('requested');
    expect(confirmPrinted(requested(), { by: 'u', at: AT })).toMatchObject({ ok: false });
    expect(confirmNotPrinted(notPrinted, { by: 'u', at: AT })).toMatchObject({ ok: false });
  });

  test('nothing is sent twice: a sent job cannot be retried or sent again', () => {
    const done = job(applyResult(requested(), sent, AT));
    expect(retryJob(done)).toEqual({ ok: false, refusal: `job ${JOB} has printed; a reprint needs a reason` });
    expect(applyResult(done, sent, AT)).toEqual({ ok: false, refusal: `job ${JOB} is sent, not waiting to be sent` });
    expect(retryJob(requested())).toMatchObject({ ok: false });
  });

  test('a reprint is a new job, linked, and needs a reason', () => {
    const done = job(applyResult(requested(), sent, AT));
    const id2 = '0193a5c2-7d4e-7f00-8a1b-2c3d4e5f6a7c';
    const base = { jobId: id2, containerCode: 'P-1001', containerType: 'bag', zpl: label(id2), at: AT, by: 'u-sup' };
    expect(reprintJob(done, { ...base, reason: ' ' })).toEqual({ ok: false, refusal: 'a reprint needs a reason (at least 3 characters)' });
    expect(reprintJob(done, { ...base, jobId: JOB, zpl: label(JOB), reason: 'torn' })).toMatchObject({ ok: false, refusal: 'a reprint is a new job: give it a new id' });
    expect(reprintJob(done, { ...base, containerCode: 'P-2', reason: 'torn' })).toMatchObject({ ok: false });
    expect(reprintJob(requested(), { ...base, reason: 'torn' })).toMatchObject({ ok: false, refusal: expect.stringContaining('has not been sent') });
    expect(reprintJob(job(applyResult(requested(), refused, AT)), { ...base, reason: 'torn' })).toMatchObject({ ok: false, refusal: expect.stringContaining('retry it instead') });
    expect(job(reprintJob(done, { ...base, reason: ' label torn ' }))).toMatchObject({ jobId: id2, reprintOf: JOB, reprintReason: 'label torn', attempts: 0, state: { status: 'requested' } });
    const unknown = job(applyResult(requested(), timedOut, AT));
    expect(reprintJob(unknown, { ...base, reason: 'no label came out' }).ok).toBe(true);
  });
});

test('the hint for an unknown job from the printer\'s status', () => {
  expect(unknownJobHint(parseHostStatus(hostStatusReply({})))).toBe('the printer is ready and holds no waiting labels: if no label came out, it did not print');
  expect(unknownJobHint(parseHostStatus(hostStatusReply({ paperOut: true })))).toBe('the printer says paper out and holds no waiting labels: if no label came out, it did not print');
  expect(unknownJobHint(parseHostStatus(hostStatusReply({ formatsInBuffer: 2 })))).toBe('the printer still holds 2 labels it has not printed: this one may be among them, so wait before printing again');
});

describe('sendJob', () => {
  function fakePrinter(results: PrintResult[]): LabelPrinter & { calls: string[] } {
    const calls: string[] = [];
    return { description: target, calls, print: async (request) => { calls.push(request.jobId); return results.shift()!; } };
  }

  test('sends a requested job once; is idempotent for any other state', async () => {
    const printer = fakePrinter([sent]);
    const done = await sendJob(printer, requested(), () => new Date(AT));
    expect(done.state).toMatchObject({ status: 'sent', at: AT });
    expect(await sendJob(printer, done)).toBe(done);
    expect(printer.calls).toEqual([JOB]);
  });

  test('a failed or unknown job is not sent until retried or decided', async () => {
    const printer = fakePrinter([refused, timedOut]);
    const failed = await sendJob(printer, requested());
    expect(await sendJob(printer, failed)).toBe(failed);
    const unknown = await sendJob(printer, job(retryJob(failed)));
    expect(unknown.state.status).toBe('unknown');
    expect(await sendJob(printer, unknown)).toBe(unknown);
    expect(printer.calls).toEqual([JOB, JOB]);
  });
});
