import { checkPrinter } from '../../../main/cli/doctor-printer';
import { StationConfig } from '../../../src/config/schema';
import { LabelSlice } from '../../../src/workflows/label/contract';
import { killAllScaleSimulators } from '../../helpers/scale-simulator';
import { PAPER_OUT, READY, ZplPrinterSimulator } from '../../helpers/zpl-printer';
import { StationHarness, type HarnessOptions } from '../weigh/station-harness';

jest.setTimeout(30_000);

let h: StationHarness | undefined;
let printer: ZplPrinterSimulator;
beforeEach(async () => {
  printer = new ZplPrinterSimulator();
  await printer.turnOn();
});
afterEach(async () => {
  await h?.close();
  h = undefined;
  await printer.turnOff();
  await killAllScaleSimulators();
});

/** A network printer on the TCP listener, with short timeouts and a quick retry. */
const labels = () => ({
  labels: {
    printer: { kind: 'network', host: printer.host, port: printer.port, connectTimeoutMs: 500, replyTimeoutMs: 300, writeTimeoutMs: 500 },
    timeZone: 'UTC',
    retry: { firstMs: 50, maxMs: 200 },
    statusPollMs: 50,
  },
});
const start = (options: HarnessOptions = {}) => StationHarness.start({ ...options, config: { ...labels(), ...options.config } });
const slice = () => LabelSlice.unwrap().parse(h!.station.state().slices.label);
const jobs = () => h!.events('label.');
const types = () => jobs().map((e) => e.type);

/**
 * Issue 11, the label step, through a real Station with the station's own module list, a scale on a
 * real pty and a printer on a real TCP listener.
 */
test('fill a sack: closed, weighed in tolerance, and its label printed once with the weight on it', async () => {
  h = await start({ scale: [{ grams: 1812 }] });
  await h.fillSack(1);
  await h.until('the label', () => types().includes('label.sent'));
  expect(types()).toEqual(['label.requested', 'label.sent']);
  const [requested] = jobs();
  expect(requested!.payload).toMatchObject({ container: 'S-1', containerType: 'sack', grams: 1812 });
  expect(h.events('weigh.weighed')[0]!.seq).toBeLessThan(requested!.seq);
  await printer.whenIdle();
  expect(printer.labels).toHaveLength(1);
  expect(printer.labels[0]).toContain(`job ${requested!.payload.jobId as string}`);
  expect(printer.labels[0]).toContain('1.812 kg');
  expect(slice()).toMatchObject({ printer: { status: 'connected' }, last: { container: 'S-1', status: 'sent' }, queued: [], unknown: [] });
});

test('out of tolerance: no label until a supervisor accepts the weight, then one with that weight', async () => {
  h = await start({ scale: [{ grams: 2400 }] });
  await h.fillSack(1);
  await h.until('the weighing', () => h!.events('weigh.weighed').length > 0);
  expect(jobs()).toEqual([]);
  await h.requests['weigh.accept']({});
  await h.scan(h.users.supervisor!.badge);
  await h.requests['override.approve']({ pin: h.users.supervisor!.pin, reason: 'cast iron pans' });
  await h.until('the label', () => types().includes('label.sent'));
  expect(printer.labels).toHaveLength(1);
  expect(printer.labels[0]).toContain('2.400 kg');
});

test('no scale: the label follows the close, "not weighed"', async () => {
  h = await start();
  await h.fillSack(1);
  await h.until('the label', () => types().includes('label.sent'));
  expect(printer.labels[0]).toContain('not weighed');
});

test('printer off: failed, stays queued, and prints exactly once when it is back', async () => {
  await printer.turnOff();
  h = await start();
  await h.fillSack(1);
  await h.until('the failure', () => types().includes('label.failed'));
  expect(slice()).toMatchObject({ printer: { status: 'disconnected' }, queued: [{ container: 'S-1', status: 'failed' }] });
  expect(jobs().find((e) => e.type === 'label.failed')!.payload.reason).toMatch(/printer is off or unreachable/);
  // Tried again quietly while it is off: the same reason is recorded once.

  printer.status = PAPER_OUT;
  await printer.turnOn();
  await h.until('paper out', () => slice().printer.status === 'not-ready');
  expect(slice().printer.detail).toBe('paper out');
  printer.status = READY;
  await h.until('the label', () => types().includes('label.sent'));
  await printer.whenIdle();
  expect(printer.labels).toHaveLength(1);
  // Between: one failure per reason (off; paper out if a try came while it was out), never the same twice.
  expect(types()[0]).toBe('label.requested');
  expect(types().at(-1)).toBe('label.sent');
  const reasons = jobs().filter((e) => e.type === 'label.failed').map((e) => e.payload.reason as string);
  expect(types().slice(1, -1)).toEqual(reasons.map(() => 'label.failed'));
  expect(new Set(reasons).size).toBe(reasons.length);
  expect(reasons.slice(1)).toEqual(reasons.length > 1 ? ['paper out'] : []);
  expect(slice()).toMatchObject({ printer: { status: 'connected' }, queued: [] });
  const sentJob = jobs()[0]!.payload.jobId;
  expect(new Set(jobs().map((e) => e.payload.jobId))).toEqual(new Set([sentJob]));
});

test('after a restart: a failed job is still queued and prints once; a job the station was sending is unknown', async () => {
  await printer.turnOff();
  h = await start();
  await h.fillSack(1);
  await h.until('the failure', () => types().includes('label.failed'));
  await h.restart();
  await printer.turnOn();
  await h.until('the label', () => types().includes('label.sent'));
  await printer.whenIdle();
  expect(printer.labels).toHaveLength(1);
  expect(types()).toEqual(['label.requested', 'label.failed', 'label.sent']);

  // A job recorded as requested whose outcome never was (the station stopped mid-send) is for a person to decide.
  printer.behaviour = { kind: 'stall' };
  await h.fillSack(2);
  await h.restart();
  await h.until('unknown', () => types().includes('label.unknown'));
  await printer.whenIdle();
  printer.behaviour = { kind: 'answer' };
  await h.fillSack(3);
  await h.until('the next label', () => types().filter((t) => t === 'label.sent').length === 2);
  expect(jobs().find((e) => e.type === 'label.unknown')!.payload).toMatchObject({ reason: 'the station stopped while this label was being sent' });
  expect(slice().unknown).toEqual([expect.objectContaining({ container: 'S-2' })]);
  await printer.whenIdle();
  expect(printer.labels.map((l) => /\^FD>:(S-\d)/.exec(l)![1])).toEqual(['S-1', 'S-3']);
});

test('a timeout after the label was sent: unknown, never sent again; a person says it did not print, and it prints once more', async () => {
  printer.behaviour = { kind: 'stall-after-labels', labels: 1 };
  h = await start();
  await h.fillSack(1);
  await h.until('unknown', () => types().includes('label.unknown'));
  const jobId = jobs()[0]!.payload.jobId as string;
  expect(slice().unknown).toEqual([expect.objectContaining({ jobId, status: 'unknown' })]);
  expect(jobs().at(-1)!.payload.reason).toMatch(/may or may not have received it.*job id ends in/);
  printer.behaviour = { kind: 'answer' };
  // Other labels go through the printer; this one is not sent again on its own.
  await h.fillSack(2);
  await h.until('the second sack\'s label', () => types().includes('label.sent'));
  expect(printer.labels).toHaveLength(2);
  expect(slice().unknown).toEqual([expect.objectContaining({ jobId })]);

  expect(await h.requests['label.confirm_printed']({ jobId: 'nope' })).toMatchObject({ outcome: 'bad', message: 'There is no print job nope' });
  expect(await h.requests['label.confirm_not_printed']({ jobId })).toMatchObject({ outcome: 'good' });
  await h.until('the job printed', () => jobs().filter((e) => e.type === 'label.sent' && e.payload.jobId === jobId).length === 1);
  expect(printer.labels).toHaveLength(3);
  expect(printer.labels[2]).toBe(printer.labels[0]);
  expect(await h.requests['label.confirm_printed']({ jobId })).toMatchObject({ outcome: 'bad', message: `job ${jobId} is sent, there is nothing to confirm` });
});

test('a reprint needs a reason: a second job, linked and audited with who asked', async () => {
  h = await start();
  await h.fillSack(1);
  await h.until('the label', () => types().includes('label.sent'));
  const first = jobs()[0]!.payload.jobId as string;
  expect(await h.requests['label.reprint']({ container: 'S-1', reason: '  ' } as never)).toMatchObject({ outcome: 'bad' });
  expect(await h.requests['label.reprint']({ container: 'S-1', reason: 'label torn' })).toMatchObject({ outcome: 'good', message: 'Reprinting the label for S-1' });
  await h.until('the reprint', () => types().filter((t) => t === 'label.sent').length === 2);
  const reprint = jobs().filter((e) => e.type === 'label.requested')[1]!;
  expect(reprint).toMatchObject({ userId: 'u-packer', payload: { container: 'S-1', reprintOf: first, reason: 'label torn' } });
  expect(reprint.payload.jobId).not.toBe(first);
  await printer.whenIdle();
  expect(printer.labels).toHaveLength(2);
  expect(await h.requests['label.reprint']({ container: 'S-9', reason: 'label torn' })).toMatchObject({ outcome: 'bad' });
});

test('between jobs the printer is asked its status: its chip follows it off and on, and nothing prints', async () => {
  h = await start();
  await h.until('ready', () => slice().printer.status === 'connected');
  await printer.turnOff();
  await h.until('off', () => slice().printer.status === 'disconnected');
  expect(slice().printer.detail).toMatch(/printer is off or unreachable/);
  printer.status = PAPER_OUT;
  await printer.turnOn();
  await h.until('paper out', () => slice().printer.status === 'not-ready');
  expect(printer.labels).toEqual([]);
  expect(jobs()).toEqual([]);
});

test('station doctor asks the printer once: ready, not ready (in words), off', async () => {
  const config = StationConfig.parse(labels());
  expect(await checkPrinter(config)).toEqual([{ name: 'label printer', ok: true, detail: `printer ${printer.host}:${printer.port} answers and is ready` }]);
  printer.status = PAPER_OUT;
  expect(await checkPrinter(config)).toEqual([{ name: 'label printer', ok: false, detail: `printer ${printer.host}:${printer.port} answers but is not ready: paper out` }]);
  expect(printer.labels).toEqual([]);
  await printer.turnOff();
  expect((await checkPrinter(config))[0]).toMatchObject({ ok: false, detail: expect.stringMatching(/printer is off or unreachable/) });
  expect(await checkPrinter(StationConfig.parse({}))).toEqual([]);
});

test('the command sheet: CMD:LABEL_REPRINT reprints the last label with the sheet\'s reason; CMD:LABEL_NOT_PRINTED answers the oldest unknown job', async () => {
  h = await start();
  expect(await h.scan('CMD:LABEL_REPRINT')).toMatchObject({ outcome: 'bad', message: 'No label has been printed here yet: nothing to reprint' });
  expect(await h.scan('CMD:LABEL_PRINTED')).toMatchObject({ outcome: 'bad', message: 'No label is waiting for an answer' });
  await h.fillSack(1);
  await h.until('the label', () => types().includes('label.sent'));
  expect(await h.scan('CMD:LABEL_REPRINT')).toMatchObject({ outcome: 'good', message: 'Reprinting the label for S-1' });
  await h.until('the reprint', () => types().filter((t) => t === 'label.sent').length === 2);
  expect(jobs().filter((e) => e.type === 'label.requested')[1]).toMatchObject({
    userId: 'u-packer', payload: { container: 'S-1', reason: 'label damaged or missing (reprinted from the command barcode sheet)' },
  });

  printer.behaviour = { kind: 'stall-after-labels', labels: printer.labels.length + 1 };
  await h.fillSack(2);
  await h.until('unknown', () => types().includes('label.unknown'));
  const unknownJob = jobs().find((e) => e.type === 'label.unknown')!.payload.jobId as string;
  printer.behaviour = { kind: 'answer' };
  expect(await h.scan('CMD:LABEL_NOT_PRINTED')).toMatchObject({ outcome: 'good' });
  await h.until('sent again', () => jobs().some((e) => e.type === 'label.sent' && e.payload.jobId === unknownJob));
  expect(jobs().filter((e) => e.type === 'label.confirmed')).toEqual([expect.objectContaining({ payload: { jobId: unknownJob, printed: false } })]);
});
