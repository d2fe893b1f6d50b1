import { requestJob, applyResult, type PrintJob } from '../../../../src/label/print-job';
import { renderLabel } from '../../../../src/label/zpl-template';
import { backoffMs, chipOf, chipOfFailure, decideConfirm, decideReprint, decideSent, requestedEvent } from '../../../../src/workflows/label/decide';
import { LabelsConfig } from '../../../../src/workflows/label/config';

const AT = '2026-12-02T00:00:00.000Z';
const request = (jobId: string) => ({
  jobId, containerCode: 'S-1', containerType: 'sack', at: AT, by: 'u-packer',
  zpl: renderLabel({ jobId, containerCode: 'S-1', containerType: 'sack', childCount: 3, weightGrams: 1812, stationId: 'pack-07', packer: 'Pat', at: new Date(AT) }, { timeZone: 'UTC' }),
});
const job = (jobId = '0190a0a0-0000-7000-8000-00000000000a'): PrintJob => {
  const made = requestJob(request(jobId));
  if (!made.ok) throw new Error(made.refusal);
  return made.job;
};
const after = (j: PrintJob, result: Parameters<typeof applyResult>[1]): PrintJob => {
  const t = applyResult(j, result, AT);
  if (!t.ok) throw new Error(t.refusal);
  return t.job;
};
const target = 'printer 127.0.0.1:9100';
const off = { ok: false as const, target, failure: { kind: 'unreachable' as const, reason: 'printer is off or unreachable (127.0.0.1:9100 refused the connection)', delivered: 'no' as const } };
const silentAfter = { ok: false as const, target, failure: { kind: 'timeout' as const, reason: 'printer did not answer in 0.3 s after the label was sent: it may or may not have received it', delivered: 'maybe' as const } };

describe('a job\'s steps as events', () => {
  test('requested carries the label and, for a reprint, what it repeats and why', () => {
    const j = job();
    expect(requestedEvent(j, 1812)).toEqual({ type: 'label.requested', payload: { jobId: j.jobId, container: 'S-1', containerType: 'sack', grams: 1812, zpl: j.zpl } });
  });
  test('sent, failed, unknown', () => {
    const j = job();
    expect(decideSent(j, after(j, { ok: true, target })).events).toEqual([{ type: 'label.sent', payload: { jobId: j.jobId, target } }]);
    expect(decideSent(j, after(j, off))).toMatchObject({ outcome: 'bad', events: [{ type: 'label.failed', payload: { jobId: j.jobId, kind: 'unreachable' } }] });
    const unknown = decideSent(j, after(j, silentAfter));
    expect(unknown.events).toEqual([{ type: 'label.unknown', payload: expect.objectContaining({ jobId: j.jobId, kind: 'timeout', reason: expect.stringMatching(/job id ends in 00000000000a/) }) }]);
  });
  test('a retry that fails for the same reason adds no event; another reason does', () => {
    const failed = after(job(), off);
    const retried = { ...failed, state: { status: 'requested' as const } };
    expect(decideSent(failed, after(retried, off)).events).toEqual([]);
    const paper = { ok: false as const, target, failure: { kind: 'not-ready' as const, reason: 'paper out', delivered: 'no' as const } };
    expect(decideSent(failed, after(retried, paper)).events).toEqual([{ type: 'label.failed', payload: { jobId: failed.jobId, target, kind: 'not-ready', reason: 'paper out' } }]);
  });
  test('a person confirms an unknown job only', () => {
    const unknown = after(job(), silentAfter);
    expect(decideConfirm(unknown, unknown.jobId, true, 'u-packer', AT, 'x').events).toEqual([{ type: 'label.confirmed', payload: { jobId: unknown.jobId, printed: true } }]);
    expect(decideConfirm(unknown, unknown.jobId, false, 'u-packer', AT, 'x')).toMatchObject({ outcome: 'good', message: 'Label for S-1 did not print: it is printed again' });
    const sent = after(job(), { ok: true, target });
    expect(decideConfirm(sent, sent.jobId, true, 'u', AT, 'x')).toMatchObject({ outcome: 'bad', message: `job ${sent.jobId} is sent, there is nothing to confirm` });
    expect(decideConfirm(null, 'j-9', true, 'u', AT, 'x')).toMatchObject({ outcome: 'bad', message: 'There is no print job j-9' });
  });
  test('a reprint is a new job with a reason, linked to the last one; refused for a job that did not print', () => {
    const sent = after(job(), { ok: true, target });
    const next = '0190a0a0-0000-7000-8000-00000000000b';
    const made = decideReprint(sent, { ...request(next), reason: 'label torn' }, 1812, 'label.reprint');
    expect(made.decision.events).toEqual([{ type: 'label.requested', payload: expect.objectContaining({ jobId: next, reprintOf: sent.jobId, reason: 'label torn' }) }]);
    expect(decideReprint(sent, { ...request(next), reason: 'x' }, 1812, 'r').decision.message).toBe('a reprint needs a reason (at least 3 characters)');
    expect(decideReprint(after(job(), off), { ...request(next), reason: 'label torn' }, 1812, 'r').decision.message).toMatch(/did not print: retry it instead/);
    expect(decideReprint(null, { ...request(next), reason: 'label torn' }, 1812, 'r').decision.message).toBe('No label was printed for S-1');
  });
});

test('the printer\'s chip and the back-off', () => {
  expect(chipOf(after(job(), { ok: true, target }).state)).toEqual({ status: 'connected', detail: 'ready' });
  expect(chipOf(after(job(), off).state)).toMatchObject({ status: 'disconnected' });
  expect(chipOfFailure('not-ready', 'paper out')).toEqual({ status: 'not-ready', detail: 'paper out' });
  expect(chipOfFailure('timeout', 'silent')).toMatchObject({ status: 'no-reply' });
  expect(chipOfFailure('bad-status', 'garbled')).toMatchObject({ status: 'error' });
  expect([1, 2, 3, 4, 5, 9].map((n) => backoffMs(n, { firstMs: 100, maxMs: 1000 }))).toEqual([100, 200, 400, 800, 1000, 1000]);
  expect(LabelsConfig.parse({ printer: { kind: 'spool', dir: '/x' } }).retry).toEqual({ firstMs: 2000, maxMs: 60_000 });
  expect(LabelsConfig.safeParse({ printer: { kind: 'spool', dir: '/x' }, extra: 1 }).success).toBe(false);
});
