import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DeviceStatus } from '../../../src/api';
import type { RawScan, RejectedScan, ScanTransport, TransportSink } from '../../../src/ports';
import { CaptureRecorder, CaptureReplayTransport, CaptureWriter, captureFileName, readCapture, withCapture } from '../../../native/capture';
import { memoryLogger } from '../../helpers/memory-logger';

/** A transport the test drives by hand: whatever it is told to deliver, it delivers. */
class ManualTransport implements ScanTransport {
  readonly kind = 'hid-pos' as const;
  sink: TransportSink | undefined;
  feedbacks: string[] = [];
  constructor(readonly deviceId: string) {}
  async start(sink: TransportSink): Promise<void> { this.sink = sink; }
  async stop(): Promise<void> { this.sink = undefined; }
  async feedback(outcome: 'good' | 'bad'): Promise<void> { this.feedbacks.push(outcome); }
}

function collectingSink() {
  const scans: RawScan[] = [];
  const rejected: RejectedScan[] = [];
  const statuses: DeviceStatus[] = [];
  const sink: TransportSink = { scan: (s) => scans.push(s), status: (s) => statuses.push(s), rejected: (r) => rejected.push(r) };
  return { sink, scans, rejected, statuses };
}

const T0 = new Date(2026, 4, 17, 10, 0, 0).getTime();
/** Every byte value once, so a round trip that mangles any byte (NUL, CR, LF, GS, 0xFF …) fails. */
const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);
const SCANS: RawScan[] = [
  { deviceId: 'pos-1', bytes: ALL_BYTES, firstByteAt: T0 - 12, receivedAt: T0, aim: ']d2' },
  { deviceId: 'pos-1', bytes: new TextEncoder().encode('0109506000134352\x1d10ABC'), firstByteAt: T0 + 750, receivedAt: T0 + 760, aim: ']C1' },
  { deviceId: 'kbd-2', bytes: new TextEncoder().encode('PARENT-1\r\nx'), firstByteAt: T0 + 2000, receivedAt: T0 + 2040 },
];

let dir: string;
beforeEach(async () => { dir = await fs.mkdtemp(path.join(os.tmpdir(), 'capture-test-')); });
afterEach(async () => { await fs.rm(dir, { recursive: true, force: true }); });

async function record(scans: RawScan[], rejection?: RejectedScan): Promise<string> {
  const { logger } = memoryLogger();
  const writer = new CaptureWriter(dir, logger);
  const transports = new Map(['pos-1', 'kbd-2'].map((id) => [id, new ManualTransport(id)]));
  const station = collectingSink();
  for (const t of transports.values()) await new CaptureRecorder(t, writer).start(station.sink);
  for (const scan of scans) transports.get(scan.deviceId)!.sink!.scan(scan);
  if (rejection) transports.get(rejection.deviceId)!.sink!.rejected!(rejection);
  expect(station.scans).toEqual(scans); // the station got every scan, unchanged, before any disk write
  await writer.flush();
  return path.join(dir, captureFileName(T0));
}

describe('capture → file → replay', () => {
  it('replays byte-exact scans with device ids, AIM ids and original times', async () => {
    const file = await record(SCANS);
    const capture = await readCapture(file);
    expect(capture.errors).toEqual([]);
    expect(capture.scans.map((c) => c.kind)).toEqual(['hid-pos', 'hid-pos', 'hid-pos']);

    const replay = new CaptureReplayTransport(capture.scans, { logger: memoryLogger().logger, speed: Infinity, timestamps: 'original' });
    const out = collectingSink();
    await replay.start(out.sink);
    await expect(replay.finished).resolves.toEqual({ delivered: 3, rejected: 0, stopped: false });
    expect(out.scans).toEqual(SCANS);
    expect(Buffer.from(out.scans[0]!.bytes).equals(Buffer.from(ALL_BYTES))).toBe(true);
  });

  it('shifts times by one constant by default, so the captured gaps stay exact', async () => {
    const capture = await readCapture(await record(SCANS));
    const start = T0 + 86_400_000;
    const replay = new CaptureReplayTransport(capture.scans, { logger: memoryLogger().logger, speed: Infinity, now: () => start });
    const out = collectingSink();
    await replay.start(out.sink);
    await replay.finished;
    expect(out.scans.map((s) => [s.firstByteAt - start, s.receivedAt - start])).toEqual([[-12, 0], [750, 760], [2000, 2040]]);
  });

  it('keeps refused frames as refused, with their reason', async () => {
    const rejection: RejectedScan = { deviceId: 'pos-1', bytes: new Uint8Array([1, 2, 3]), firstByteAt: T0 + 1, receivedAt: T0 + 5, reason: 'scan longer than the cap' };
    const capture = await readCapture(await record([SCANS[0]!], rejection));
    const replay = new CaptureReplayTransport(capture.scans, { logger: memoryLogger().logger, speed: 0, timestamps: 'original' });
    const out = collectingSink();
    await replay.start(out.sink);
    await expect(replay.finished).resolves.toEqual({ delivered: 1, rejected: 1, stopped: false });
    expect(out.rejected).toEqual([rejection]);
  });

  it('passes feedback through to the wrapped transport, and has none when it has none', async () => {
    const inner = new ManualTransport('pos-1');
    const recorder = new CaptureRecorder(inner, new CaptureWriter(dir, memoryLogger().logger));
    await recorder.feedback?.('bad');
    expect(inner.feedbacks).toEqual(['bad']);
    const bare: ScanTransport = { deviceId: 'x', kind: 'serial', start: async () => undefined, stop: async () => undefined };
    expect(new CaptureRecorder(bare, new CaptureWriter(dir, memoryLogger().logger)).feedback).toBeUndefined();
  });

  it('withCapture wraps only when enabled', () => {
    const t = new ManualTransport('pos-1');
    const { logger } = memoryLogger();
    expect(withCapture([t], { enabled: false, dir }, logger).transports[0]).toBe(t);
    const wrapped = withCapture([t], { enabled: true, dir }, logger);
    expect(wrapped.transports[0]).toBeInstanceOf(CaptureRecorder);
    expect(wrapped.transports[0]!.deviceId).toBe('pos-1');
  });
});

describe('replay timing', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  async function timedReplay(speed: number) {
    const capture = await (async () => { jest.useRealTimers(); const c = await readCapture(await record(SCANS)); jest.useFakeTimers(); return c; })();
    const replay = new CaptureReplayTransport(capture.scans, { logger: memoryLogger().logger, speed });
    const out = collectingSink();
    await replay.start(out.sink);
    return { replay, out };
  }

  it('keeps the captured gaps at speed 1', async () => {
    const { out } = await timedReplay(1);
    await jest.advanceTimersByTimeAsync(0);
    expect(out.scans).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(759);
    expect(out.scans).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(out.scans).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1279);
    expect(out.scans).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(out.scans).toHaveLength(3);
  });

  it('halves them at speed 2, and stop() ends the replay early', async () => {
    const { replay, out } = await timedReplay(2);
    await jest.advanceTimersByTimeAsync(380);
    expect(out.scans).toHaveLength(2);
    await replay.stop();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(out.scans).toHaveLength(2);
    await expect(replay.finished).resolves.toEqual({ delivered: 2, rejected: 0, stopped: true });
  });
});
