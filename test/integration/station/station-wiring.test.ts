import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DiagnosticScan, EventName, ReplicationSummary, ScanResult } from '../../../src/api';
import { loadConfig } from '../../../src/config/load';
import type { StationConfig } from '../../../src/config/schema';
import type { RejectedScan, ScanTransport, TransportSink } from '../../../src/ports';
import { createDecoder } from '../../../src/scan/decode';
import { Station, type StationOptions } from '../../../src/station';
import { databaseFile, openStore, type Store } from '../../../src/store';
import { memoryLogger } from '../../helpers/memory-logger';

/** A device transport driven by the test, recording the feedback the station gives it. */
class ScriptedTransport implements ScanTransport {
  readonly kind = 'serial' as const;
  sink: TransportSink | null = null;
  readonly feedbackLog: Array<'good' | 'bad'> = [];
  constructor(readonly deviceId: string) {}
  async start(sink: TransportSink) { this.sink = sink; }
  async stop() { this.sink = null; }
  async feedback(outcome: 'good' | 'bad') { this.feedbackLog.push(outcome); }
  scan(bytes: Uint8Array | string, receivedAt = Date.now()) {
    const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
    this.sink!.scan({ deviceId: this.deviceId, bytes: data, firstByteAt: receivedAt, receivedAt });
  }
  reject(rejection: Omit<RejectedScan, 'deviceId'>) {
    this.sink!.rejected!({ deviceId: this.deviceId, ...rejection });
  }
}

let dir: string;
let store: Store;
let station: Station | undefined;

function build(tweak: (config: StationConfig) => void = () => undefined, extra: Partial<StationOptions> = {}) {
  const config = loadConfig({ env: {}, overrides: { dataDir: dir } });
  tweak(config);
  store = openStore({ file: databaseFile(dir), stationId: config.stationId, checkpointIntervalMs: 60_000 });
  const log = memoryLogger();
  station = new Station({ config, store, logger: log.logger, decode: createDecoder(config.scanRules), ...extra });
  const pushed: Array<{ name: EventName; payload: unknown }> = [];
  station.endpoint.subscribe((name, payload) => pushed.push({ name, payload }));
  const results = () => pushed.filter((e) => e.name === 'scan.result').map((e) => e.payload as ScanResult);
  return { station, pushed, results, log, config };
}

function eventTypes(): string[] {
  return store.db.prepare('SELECT type FROM events ORDER BY seq').pluck().all() as string[];
}

beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'station-wiring-')); });
afterEach(async () => {
  await station?.stop();
  station = undefined;
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('frames the transport refused', () => {
  test('become a bad result, a pending error, a scan.rejected event and bad feedback', async () => {
    const { station, results } = build();
    const transport = new ScriptedTransport('serial-1');
    await station.attach(transport);
    const bytes = new Uint8Array(100).fill(0x41);
    transport.reject({ bytes, firstByteAt: 1, receivedAt: 2, reason: 'scan longer than the 64-byte cap (framing.maxLength)' });

    const message = 'Unreadable scan from serial-1: scan longer than the 64-byte cap (framing.maxLength)';
    expect(results()).toEqual([expect.objectContaining({ deviceId: 'serial-1', outcome: 'bad', codeClass: 'unknown', message, code: `${'A'.repeat(64)}…`, seq: 1 })]);
    expect(station.state().pendingErrors).toEqual([expect.objectContaining({ message })]);
    expect(eventTypes()).toEqual(['scan.rejected']);
    expect(JSON.parse(store.db.prepare('SELECT payload FROM events').pluck().get() as string)).toMatchObject({ reason: message });
    expect(transport.feedbackLog).toEqual(['bad']);
    // The diagnostics keep every byte, not the preview.
    const [entry] = await station.endpoint.handlers['diagnostics.recent']({ limit: 5 });
    expect(entry).toMatchObject<Partial<DiagnosticScan>>({ hex: '41'.repeat(100), valid: false, error: 'scan longer than the 64-byte cap (framing.maxLength)', duplicate: false });
  });
});

describe('duplicate window', () => {
  test('a double read inside the window is logged and shown in diagnostics, never recorded or reported', async () => {
    const { station, results, log } = build((c) => { c.scanRules.duplicateWindowMs = 500; });
    const transport = new ScriptedTransport('serial-1');
    await station.attach(transport);
    transport.scan('P-100', 10_000);
    transport.scan('P-100', 10_200); // double read: suppressed
    transport.scan('C-100', 10_300);
    transport.scan('P-100', 11_000); // outside the (sliding) window: a real second scan, refused by the workflow

    expect(results().map((r) => [r.code, r.outcome])).toEqual([['P-100', 'good'], ['C-100', 'good'], ['P-100', 'bad']]);
    expect(eventTypes()).toEqual(['bag.parent_opened', 'bag.child_linked', 'scan.rejected']);
    expect(transport.feedbackLog).toEqual(['good', 'good', 'bad']);
    const suppressed = log.entries.filter((e) => e.message === 'duplicate scan suppressed');
    expect(suppressed).toEqual([expect.objectContaining({
      level: 'info', deviceId: 'serial-1', code: 'P-100', correlationId: expect.any(String), reason: 'same code read again after 200 ms (duplicate window 500 ms)',
    })]);
    const diagnostics = await station.endpoint.handlers['diagnostics.recent']({ limit: 10 });
    expect(diagnostics.map((d) => [d.text, d.duplicate])).toEqual([['P-100', false], ['C-100', false], ['P-100', true], ['P-100', false]]);
  });

  test('scans typed or clicked in the UI are never suppressed: each is answered', async () => {
    const { station } = build((c) => { c.scanRules.duplicateWindowMs = 60_000; });
    const h = station.endpoint.handlers;
    expect((await h['scan.submit']({ code: 'P-100', source: 'demo' })).outcome).toBe('good');
    expect(await h['scan.submit']({ code: 'P-100', source: 'demo' })).toMatchObject({ outcome: 'bad', message: expect.stringContaining('P-100') });
  });
});

describe('diagnostics.recent', () => {
  test('every decoded scan as hex + text with its decode, newest first, limited', async () => {
    const { station } = build();
    const transport = new ScriptedTransport('serial-1');
    await station.attach(transport);
    transport.scan(new Uint8Array([0x5d, 0x43, 0x31, ...Buffer.from('0109506000134352'), 0x1d, ...Buffer.from('10ABC')]), Date.parse('2026-01-02T03:04:05.678Z'));
    transport.scan(new Uint8Array([0xff, 0x00, 0x80]));
    const h = station.endpoint.handlers;
    const [junk, gs1] = await h['diagnostics.recent']({ limit: 50 });
    expect(gs1).toEqual<DiagnosticScan>({
      at: '2026-01-02T03:04:05.678Z', deviceId: 'serial-1', hex: Buffer.from(']C10109506000134352\x1d10ABC', 'latin1').toString('hex'),
      text: '0109506000134352\x1d10ABC', aim: ']C1', symbology: 'gs1-128',
      gs1: [{ ai: '01', value: '09506000134352' }, { ai: '10', value: 'ABC' }], codeClass: 'unknown', valid: true, error: null, duplicate: false,
    });
    expect(junk).toMatchObject({ hex: 'ff0080', valid: false, error: expect.any(String), codeClass: 'unknown' });
    expect(await h['diagnostics.recent']({ limit: 1 })).toEqual([junk]);
  });

  test('keeps the last 200 only', async () => {
    const { station } = build();
    const h = station.endpoint.handlers;
    for (let i = 0; i < 205; i++) await h['scan.submit']({ code: `X-${i}`, source: 'wedge' });
    const all = await h['diagnostics.recent']({ limit: 200 });
    expect(all).toHaveLength(200);
    expect(all[0]!.text).toBe('X-204');
    expect(all.at(-1)!.text).toBe('X-5');
  });
});

describe('device list and hooks', () => {
  test('a demo scanner without a replay file is a connected device', () => {
    const { station } = build((c) => { c.scanners = [{ kind: 'demo', id: 'demo', replayIntervalMs: 1000 }]; });
    expect(station.state().devices).toEqual([{ deviceId: 'demo', kind: 'demo', status: 'connected', detail: 'on-screen demo panel' }]);
  });

  test('onCommitted runs after each committed scan, after the answer, and a throwing hook changes nothing', async () => {
    const calls: string[] = [];
    const { station, log } = build(() => undefined, {
      onCommitted: () => {
        calls.push(`hook after seq ${store.log.lastSeq()}`);
        throw new Error('boom');
      },
    });
    station.endpoint.subscribe((name, payload) => { if (name === 'scan.result') calls.push(`result ${(payload as ScanResult).seq}`); });
    const h = station.endpoint.handlers;
    await h['scan.submit']({ code: 'P-001', source: 'demo' });
    await h['scan.submit']({ code: 'C-001', source: 'demo' });
    expect(calls).toEqual(['result 1', 'hook after seq 1', 'result 2', 'hook after seq 2']);
    expect(log.at('warn').map((e) => e.message)).toEqual(['the after-commit hook failed', 'the after-commit hook failed']);
    expect((await h['scan.submit']({ code: 'C-002', source: 'demo' })).outcome).toBe('good');
  });

  test('replication status is in the state and pushed when it changes', async () => {
    let current: ReplicationSummary = { state: 'idle', queueDepth: 0, oldestUnsentAgeMs: null, lagMs: 0, stuck: false };
    const { station, pushed } = build(() => undefined, { replication: () => current, replicationPollMs: 20 });
    expect(station.state().replication).toEqual(current);
    current = { state: 'retrying', queueDepth: 3, oldestUnsentAgeMs: 1500, lagMs: 1500, stuck: false, detail: 'connection refused' };
    await new Promise((r) => setTimeout(r, 100));
    const states = pushed.filter((e) => e.name === 'state.changed').map((e) => (e.payload as { replication: unknown }).replication);
    expect(states).toEqual([current]); // once, although it was polled several times
  });

  test('a station without replication reports null', () => {
    const { station } = build();
    expect(station.state().replication).toBeNull();
  });
});

describe('a scan\'s log line', () => {
  const settled = () => new Promise((resolve) => setTimeout(resolve, 30));

  test('is written after the answer, once the state refresh went out, with the scan\'s correlation id', async () => {
    const { station, pushed, log } = build();
    const transport = new ScriptedTransport('serial-1');
    await station.attach(transport);
    transport.scan('P-100');
    const decided = () => log.entries.filter((e) => e.message === 'scan decided');
    expect(pushed.map((e) => e.name)).toContain('scan.result');
    expect(decided()).toEqual([]); // not on the answer's way out

    await settled();
    const result = pushed.find((e) => e.name === 'scan.result')!.payload as ScanResult;
    expect(decided()).toEqual([expect.objectContaining({
      level: 'info', correlationId: result.correlationId, deviceId: 'serial-1', code: 'P-100', outcome: 'good', seq: 1,
    })]);
    const names = pushed.map((e) => e.name);
    expect(names.lastIndexOf('state.changed')).toBeGreaterThan(names.indexOf('scan.result'));
  });

  test('still pending when the station stops is written then, not lost', async () => {
    const { station, log } = build();
    const transport = new ScriptedTransport('serial-1');
    await station.attach(transport);
    transport.scan('P-100');
    transport.scan('C-100');
    await station.stop();
    expect(log.entries.filter((e) => e.message === 'scan decided').map((e) => e.code)).toEqual(['P-100', 'C-100']);
  });
});
