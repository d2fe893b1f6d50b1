import net from 'node:net';
import {
  NetworkPrinter, confirmPrinted, unknownJobHint, renderLabel, requestJob, retryJob, sendJob, type NetworkPrinterOptions, type PrintJob, type PrintResult, type Transition,
} from '../../../src/label';
import { HEAD_OPEN, PAPER_OUT, PAUSED, ZplPrinterSimulator, type SimStatus } from '../../helpers/zpl-printer';

jest.setTimeout(20_000);

const JOB = '0193a5c2-7d4e-7f00-8a1b-2c3d4e5f6a7b';
/** Short where a test waits for silence on purpose; generous where the simulator answers. */
const SILENCE_MS = 150;

let sim: ZplPrinterSimulator;

beforeEach(async () => {
  sim = new ZplPrinterSimulator();
  await sim.turnOn();
});

afterEach(async () => {
  await sim.turnOff();
});

function printer(options: Partial<NetworkPrinterOptions> = {}): NetworkPrinter {
  return new NetworkPrinter({ host: sim.host, port: sim.port, connectTimeoutMs: 5000, replyTimeoutMs: 5000, writeTimeoutMs: 5000, ...options });
}

function label(jobId = JOB, packer = 'Ana Müller'): string {
  return renderLabel({ jobId, containerCode: '00106141411234567897', containerType: 'pallet', childCount: 4, weightGrams: 5120, stationId: 'pack-07', packer, at: new Date('2026-12-01T23:55:00Z') }, { timeZone: 'UTC' });
}

function job(t: Transition): PrintJob {
  if (!t.ok) throw new Error(t.refusal);
  return t.job;
}

const newJob = (): PrintJob => job(requestJob({ jobId: JOB, containerCode: '00106141411234567897', containerType: 'pallet', zpl: label(), at: '2026-12-01T23:55:00.000Z', by: 'u-ana' }));

function failure(result: PrintResult) {
  if (result.ok) throw new Error(`printed: ${JSON.stringify(result)}`);
  return result.failure;
}

describe('network printer (raw TCP 9100 style)', () => {
  test('a ready printer: ~HS, the label, ~HS again; the printer has exactly the label; the socket is closed', async () => {
    const zpl = label();
    const result = await printer().print({ jobId: JOB, zpl });
    expect(result).toMatchObject({ ok: true, target: `printer 127.0.0.1:${sim.port}`, status: { ready: true } });
    expect(sim.labels).toEqual([zpl.trimEnd()]);
    expect(sim.statusRequests).toBe(2);
    await sim.whenIdle();
    expect(sim.openConnections).toBe(0);
  });

  test('hostile field data reaches the printer as one label and no control command', async () => {
    const zpl = label(JOB, '^XZ~JA^XA~HS_1~HS');
    expect((await printer().print({ jobId: JOB, zpl })).ok).toBe(true);
    expect(sim.labels).toHaveLength(1);
    expect(sim.statusRequests).toBe(2);
  });

  test('off: "printer is off or unreachable", nothing sent', async () => {
    await sim.turnOff();
    expect(failure(await printer().print({ jobId: JOB, zpl: label() }))).toEqual({
      kind: 'unreachable', reason: `printer is off or unreachable (127.0.0.1:${sim.port} refused the connection)`, delivered: 'no',
    });
  });

  test('stalls (accepts, never answers): "printer did not answer in N s", nothing sent, socket closed', async () => {
    sim.behaviour = { kind: 'stall' };
    const f = failure(await printer({ replyTimeoutMs: SILENCE_MS }).print({ jobId: JOB, zpl: label() }));
    expect(f).toMatchObject({ kind: 'timeout', delivered: 'no' });
    expect(f.reason).toMatch(/^printer did not answer in 0\.15 s \(no status reply; some printers stay silent while out of paper/);
    expect(sim.labels).toEqual([]);
    await sim.whenIdle();
  });

  test('no connection in time: "printer did not answer in N s (no connection …)", the socket destroyed', async () => {
    const sockets: net.Socket[] = [];
    const neverConnects = (): net.Socket => { const socket = new net.Socket(); sockets.push(socket); return socket; };
    const p = new NetworkPrinter({ host: '10.0.7.21', port: 9100, connectTimeoutMs: SILENCE_MS, replyTimeoutMs: 5000, writeTimeoutMs: 5000 }, neverConnects);
    expect(failure(await p.print({ jobId: JOB, zpl: label() }))).toEqual({ kind: 'timeout', reason: 'printer did not answer in 0.15 s (no connection to 10.0.7.21:9100)', delivered: 'no' });
    expect(sockets.map((s) => s.destroyed)).toEqual([true]);
  });

  test('a printer that stops reading mid-label: write timeout, it may have part of the label', async () => {
    sim.behaviour = { kind: 'stop-reading' };
    const huge = `^XA^FO0,0^FD${'x'.repeat(32 * 1024 * 1024)}^FS^XZ`;
    const f = failure(await printer({ writeTimeoutMs: SILENCE_MS }).print({ jobId: JOB, zpl: huge }));
    expect(f).toEqual({ kind: 'timeout', reason: 'printer did not take the label in 0.15 s: it may or may not have received it', delivered: 'maybe' });
    // (The simulator no longer reads, so it cannot notice the close; turnOff drops its end.)
  });

  test.each<[string, SimStatus, string]>([
    ['paper out', PAPER_OUT, 'paper out'],
    ['head open', HEAD_OPEN, 'print head open'],
    ['paused', PAUSED, 'paused'],
    ['paper out and paused', { paperOut: true, paused: true }, 'paper out, paused'],
  ])('%s: refused with the reason, the label never sent', async (_name, status, reason) => {
    sim.status = status;
    const f = failure(await printer().print({ jobId: JOB, zpl: label() }));
    expect(f).toMatchObject({ kind: 'not-ready', reason, delivered: 'no', status: { ready: false } });
    expect(sim.labels).toEqual([]);
    expect(sim.statusRequests).toBe(1);
    await sim.whenIdle();
  });

  test('a garbled status reply is refused with its specific error', async () => {
    sim.behaviour = { kind: 'garbage', reply: '\x02030,0,0\x03\r\n' };
    const f = failure(await printer({ replyTimeoutMs: SILENCE_MS }).print({ jobId: JOB, zpl: label() }));
    expect(f.kind).toBe('timeout'); // one string only: the reply never completes
    sim.behaviour = { kind: 'garbage', reply: '\x02030,0,0\x03\r\n\x02x\x03\r\n\x02y\x03\r\n' };
    expect(failure(await printer().print({ jobId: JOB, zpl: label() }))).toEqual({
      kind: 'bad-status', reason: 'the printer\'s status reply is garbled: status string 1 has 3 fields, expected at least 12 (interface settings, paper out, pause, label length, formats in buffer, buffer full, diagnostic mode, partial format, unused, corrupt RAM, under temperature, over temperature)', delivered: 'no',
    });
    expect(sim.labels).toEqual([]);
  });

  test('the printer hangs up on ~HS: connection lost, nothing sent', async () => {
    sim.behaviour = { kind: 'hang-up' };
    const f = failure(await printer().print({ jobId: JOB, zpl: label() }));
    expect(f).toMatchObject({ kind: 'connection-lost', delivered: 'no' });
    expect(f.reason).toContain('closed the connection before its status reply was complete');
  });

  test('paper runs out while the label goes in: received, with a note', async () => {
    sim.statusAfterLabel = PAPER_OUT;
    const result = await printer().print({ jobId: JOB, zpl: label() });
    expect(result).toMatchObject({ ok: true, status: { paperOut: true }, note: 'received; the printer now says paper out: the label prints once that is fixed' });
    expect(sim.labels).toHaveLength(1);
  });

  test('labels to one printer go one connection each, in the order asked', async () => {
    const p = printer();
    const ids = [1, 2, 3].map((n) => `${JOB.slice(0, -1)}${n}`);
    const results = await Promise.all(ids.map((id) => p.print({ jobId: id, zpl: label(id) })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(sim.labels.map((l) => /job ([0-9a-f-]+)/.exec(l)?.[1])).toEqual(ids);
    expect(sim.connections).toBe(3);
    expect(sim.statusRequests).toBe(6);
  });

  test('status() asks ~HS only', async () => {
    sim.status = { paused: true, formatsInBuffer: 2 };
    expect(await printer().status()).toMatchObject({ ok: true, status: { paused: true, formatsInBuffer: 2, ready: false } });
    expect(sim.labels).toEqual([]);
  });
});

describe('print jobs against the printer', () => {
  test('fails while the printer is off, prints exactly once when it is back', async () => {
    const p = printer();
    await sim.turnOff();
    const failed = await sendJob(p, newJob());
    expect(failed.state).toMatchObject({ status: 'failed', kind: 'unreachable' });
    expect(await sendJob(p, failed)).toBe(failed); // not retried by itself
    await sim.turnOn();
    const sent = await sendJob(p, job(retryJob(failed)));
    expect(sent).toMatchObject({ attempts: 2, state: { status: 'sent' } });
    expect(await sendJob(p, sent)).toBe(sent);
    expect(retryJob(sent).ok).toBe(false);
    expect(sim.labels).toHaveLength(1);
    expect(sim.labels[0]).toContain(`^FXscan-station label, job ${JOB}`);
  });

  test('a timeout before the label left is a safe retry: exactly one label', async () => {
    const p = printer({ replyTimeoutMs: SILENCE_MS });
    sim.behaviour = { kind: 'stall' };
    const failed = await sendJob(p, newJob());
    expect(failed.state).toMatchObject({ status: 'failed', kind: 'timeout' });
    sim.behaviour = { kind: 'answer' };
    expect((await sendJob(p, job(retryJob(failed)))).state.status).toBe('sent');
    expect(sim.labels).toHaveLength(1);
  });

  test('a timeout after the label left is unknown: no retry prints it twice; a person confirms', async () => {
    const p = printer({ replyTimeoutMs: SILENCE_MS });
    sim.behaviour = { kind: 'stall-after-labels', labels: 1 };
    const unknown = await sendJob(p, newJob());
    expect(unknown.state).toMatchObject({ status: 'unknown', kind: 'timeout' });
    expect(unknown.state.status === 'unknown' && unknown.state.reason).toContain('after the label was sent: it may or may not have received it');
    expect(sim.labels).toHaveLength(1);
    sim.behaviour = { kind: 'answer' };
    expect(retryJob(unknown)).toMatchObject({ ok: false });
    expect(await sendJob(p, unknown)).toBe(unknown);
    expect(sim.labels).toHaveLength(1);
    // What the station can tell the person: the printer's buffer (here: paused with the label in it).
    sim.status = { paused: true, formatsInBuffer: 1 };
    const status = await p.status();
    expect(status.ok && unknownJobHint(status.status)).toBe('the printer still holds 1 label it has not printed (paused): this one may be among them, so wait before printing again');
    expect(job(confirmPrinted(unknown, { by: 'u-ana', at: '2026-12-01T23:56:00.000Z' })).state).toMatchObject({ status: 'sent', confirmedBy: 'u-ana' });
    expect(sim.labels).toHaveLength(1);
    await sim.whenIdle();
  });
});
