import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTransports } from '../../../native/transports';
import { SerialScannerConfig } from '../../../src/config/scanners';
import { createLogger } from '../../../src/log/logger';
import type { ScanTransport } from '../../../src/ports';
import { RecordingSink } from './recording-sink';
import { SocatPair, killAllSocat, socatPair } from './socat-pair';

const logger = createLogger({ level: 'error' });
// A hang guard, not a speed check: under the full suite (Postgres, Chromium) on 2 cores, an unplug +
// replug round trip has taken longer than jest's default 5 s.
jest.setTimeout(20_000);

const fastReconnect = { initialBackoffMs: 20, maxBackoffMs: 200, presencePollMs: 50 };
const GS = 0x1d;
const CR = 0x0d;
const LF = 0x0a;

const bytes = (...parts: Array<string | number[] | Uint8Array>): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

let dir: string;
let transports: ScanTransport[] = [];

function serialScanner(id: string, pair: SocatPair, framing: Record<string, unknown>): SerialScannerConfig {
  return SerialScannerConfig.parse({ kind: 'serial', id, path: pair.stationEnd, baudRate: 115200, framing });
}

async function startTransports(configs: SerialScannerConfig[], sink: RecordingSink): Promise<ScanTransport[]> {
  const created = createTransports(configs, logger, { reconnect: fastReconnect });
  transports.push(...created);
  await Promise.all(created.map((t) => t.start(sink)));
  return created;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'serial-it-'));
});

afterEach(async () => {
  await Promise.all(transports.map((t) => t.stop()));
  transports = [];
  await killAllSocat();
  fs.rmSync(dir, { recursive: true, force: true });
});

afterAll(killAllSocat);

describe('serial transport on a real pty pair', () => {
  test('delivers a framed scan byte-exactly: GS and a CR inside the data survive a CRLF suffix', async () => {
    const pair = socatPair(dir, 'gs1');
    await pair.plugIn();
    const sink = new RecordingSink();
    await startTransports([serialScanner('serial-1', pair, { suffix: 'CRLF', interByteTimeoutMs: 1000 })], sink);
    expect(sink.statuses.at(-1)).toMatchObject({ deviceId: 'serial-1', kind: 'serial', status: 'connected' });

    const data = bytes(']C1010950123456789', [GS], '10LOT', [CR], 'NEXT', [0x00, 0xff]);
    const scan = sink.nextScan();
    await pair.send(bytes(data, [CR, LF]));
    const received = await scan;
    expect(Buffer.from(received.bytes)).toEqual(Buffer.from(data));
    expect(received.deviceId).toBe('serial-1');
    expect(received.receivedAt).toBeGreaterThanOrEqual(received.firstByteAt);
  });

  test('frames by inter-byte timeout when the scanner sends no suffix', async () => {
    const pair = socatPair(dir, 'timeout');
    await pair.plugIn();
    const sink = new RecordingSink();
    await startTransports([serialScanner('serial-1', pair, { suffix: 'none', interByteTimeoutMs: 30 })], sink);

    const scan = sink.nextScan();
    await pair.send(bytes('P-1001'));
    expect(Buffer.from((await scan).bytes).toString('latin1')).toBe('P-1001');
  });

  test('rejects an over-long frame with its reason and keeps reading the next scan', async () => {
    const pair = socatPair(dir, 'long');
    await pair.plugIn();
    const sink = new RecordingSink();
    await startTransports([serialScanner('serial-1', pair, { suffix: 'CR', maxLength: 32 })], sink);

    const rejection = sink.waitFor(sink.rejections, () => true);
    const after = sink.nextScan();
    await pair.send(bytes('X'.repeat(100), [CR], 'C-2002', [CR]));
    expect(await rejection).toMatchObject({ deviceId: 'serial-1', reason: expect.stringContaining('32-byte cap') });
    expect(Buffer.from((await after).bytes).toString('latin1')).toBe('C-2002');
    expect(sink.scans).toHaveLength(1);
  });

  test('line noise and binary junk come through byte-exactly (the decoder judges them) and do not disturb framing', async () => {
    const pair = socatPair(dir, 'noise');
    await pair.plugIn();
    const sink = new RecordingSink();
    await startTransports([serialScanner('serial-1', pair, { suffix: 'CR', maxLength: 64 })], sink);

    const junk = bytes([0x00, 0xff, 0xfe, 0x1b, 0x07, 0x80, 0x7f, LF, 0x01]);
    const noiseBurst = bytes(Array.from({ length: 200 }, (_, i) => (i * 37 + 11) % 256).filter((b) => b !== CR));
    const rejection = sink.waitFor(sink.rejections, () => true);
    await pair.send(bytes(junk, [CR], noiseBurst, [CR], 'C-3003', [CR]));
    await sink.waitFor(sink.scans, (s) => Buffer.from(s.bytes).toString('latin1') === 'C-3003');

    expect(sink.scans.map((s) => Buffer.from(s.bytes))).toEqual([Buffer.from(junk), Buffer.from('C-3003')]);
    expect((await rejection).reason).toMatch(/64-byte cap/);
  });

  test('two scanners on one station each tag their scans with their own device id', async () => {
    const left = socatPair(dir, 'left');
    const right = socatPair(dir, 'right');
    await Promise.all([left.plugIn(), right.plugIn()]);
    const sink = new RecordingSink();
    await startTransports([
      serialScanner('pack-left', left, { suffix: 'CR' }),
      serialScanner('pack-right', right, { suffix: 'LF' }),
    ], sink);
    expect(sink.statuses.filter((s) => s.status === 'connected').map((s) => s.deviceId).sort()).toEqual(['pack-left', 'pack-right']);

    const fromLeft = sink.waitFor(sink.scans, (s) => s.deviceId === 'pack-left');
    const fromRight = sink.waitFor(sink.scans, (s) => s.deviceId === 'pack-right');
    await Promise.all([left.send(bytes('P-LEFT', [CR])), right.send(bytes('P-RIGHT', [LF]))]);
    expect(Buffer.from((await fromLeft).bytes).toString()).toBe('P-LEFT');
    expect(Buffer.from((await fromRight).bytes).toString()).toBe('P-RIGHT');
  });

  test('unplug reports disconnected with the reason; replug reconnects and scanning resumes', async () => {
    const pair = socatPair(dir, 'hotplug');
    await pair.plugIn();
    const sink = new RecordingSink();
    await startTransports([serialScanner('serial-1', pair, { suffix: 'CR' })], sink);

    const first = sink.nextScan();
    await pair.send(bytes('P-1', [CR]));
    expect(Buffer.from((await first).bytes).toString()).toBe('P-1');

    const disconnected = sink.nextStatus('disconnected');
    await pair.unplug();
    expect((await disconnected).detail).toMatch(/unplugged or closed|not present/);

    const connected = sink.nextStatus('connected');
    await pair.plugIn();
    await connected;

    const second = sink.nextScan();
    await pair.send(bytes('C-2', [CR]));
    expect(await second).toMatchObject({ deviceId: 'serial-1' });
    expect(Buffer.from((await second).bytes).toString()).toBe('C-2');
  });

  test('a scanner absent at start reports disconnected without throwing, then connects when plugged in', async () => {
    const pair = socatPair(dir, 'late');
    const sink = new RecordingSink();
    await startTransports([serialScanner('serial-1', pair, { suffix: 'CR' })], sink);
    expect(sink.statuses).toEqual([expect.objectContaining({ status: 'disconnected', detail: expect.stringContaining('not present') })]);

    const connected = sink.nextStatus('connected');
    await pair.plugIn();
    await connected;
    const scan = sink.nextScan();
    await pair.send(bytes('P-LATE', [CR]));
    expect(Buffer.from((await scan).bytes).toString()).toBe('P-LATE');
  });

  test('a path that is not a serial port gives an error status and is retried, never a crash', async () => {
    const notAPort = path.join(dir, 'plain-file');
    fs.writeFileSync(notAPort, '');
    const sink = new RecordingSink();
    await startTransports([SerialScannerConfig.parse({ kind: 'serial', id: 'serial-1', path: notAPort })], sink);
    expect(sink.statuses.at(-1)).toMatchObject({ status: 'error', detail: expect.stringContaining(notAPort) });
  });
});
