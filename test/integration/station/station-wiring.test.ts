import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DiagnosticScan, EventName, ReplicationSummary, ScanResult } from '../../../src/api';
import { loadConfig } from '../../../src/config/load';
import type { StationConfig } from '../../../src/config/schema';
import type { RejectedScan, ScanTransport, TransportSink } from '../../../src/ports';
import { createDecoder } from '../../../src/scan/decode';
import { Station, type StationOptions } from '../../../src/core/station';
import { databaseFile, openStore, type Store } from '../../../src/store';
import { stationRegistry } from '../../../src/workflows';
import { memoryLogger } from '../../helpers/memory-logger';
import { signInAs } from '../../helpers/sign-in';
import { requestsOf } from '../../helpers/station-requests';

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

/** Events of the sign-in come first; the tests look at what follows it. */
let signedIn = 0;

/**
 * A station with a supervisor signed in (who may also read diagnostics) (badge + PIN, before anything is pushed or logged). What the tests
 * record, push and log starts after the sign-in; `signedIn` is its last seq.
 */
async function build(tweak: (config: StationConfig) => void = () => undefined, extra: Partial<StationOptions> = {}) {
  const config = loadConfig({ env: {}, overrides: { dataDir: dir } });
  config.session.demoUsers = false;
  tweak(config);
  const registry = stationRegistry();
  store = openStore({ file: databaseFile(dir), stationId: config.stationId, registry, checkpointIntervalMs: 60_000 });
  const log = memoryLogger();
  let ready = false;
  station = new Station({
    config, store, registry, logger: log.logger, decode: createDecoder(config.scanRules), ...extra,
    onCommitted: () => { if (ready) extra.onCommitted?.(); },
  });
  await signInAs(store, station, 'supervisor');
  signedIn = store.log.lastSeq();
  await new Promise((resolve) => setTimeout(resolve, 10)); // the sign-in's state patch and log lines go out
  log.entries.length = 0;
  ready = true;
  const pushed: Array<{ name: EventName; payload: unknown }> = [];
  station.endpoint.subscribe((name, payload) => pushed.push({ name, payload }));
  const results = () => pushed.filter((e) => e.name === 'scan.result').map((e) => e.payload as ScanResult);
  return { station, pushed, results, log, config, h: requestsOf(station.endpoint) };
}

function eventTypes(): string[] {
  return store.db.prepare('SELECT type FROM events WHERE seq > ? ORDER BY seq').pluck().all(signedIn) as string[];
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
    const { station, results } = await build();
    const transport = new ScriptedTransport('serial-1');
    await station.attach(transport);
    const bytes = new Uint8Array(100).fill(0x41);
    transport.reject({ bytes, firstByteAt: 1, receivedAt: 2, reason: 'scan longer than the 64-byte cap (framing.maxLength)' });

    const message = 'Unreadable scan from serial-1: scan longer than the 64-byte cap (framing.maxLength)';
    expect(results()).toEqual([expect.objectContaining({ deviceId: 'serial-1', outcome: 'bad', codeClass: 'unknown', message, code: `${'A'.repeat(64)}…`, seq: signedIn + 1 })]);
    expect(station.state().pendingErrors).toEqual([expect.objectContaining({ message })]);
    expect(eventTypes()).toEqual(['scan.rejected']);
    expect(JSON.parse(store.db.prepare('SELECT payload FROM events WHERE seq > ?').pluck().get(signedIn) as string)).toMatchObject({ reason: message });
    expect(transport.feedbackLog).toEqual(['bad']);
    // The diagnostics keep every byte, not the preview.
    const [entry] = await requestsOf(station.endpoint)['diagnostics.recent']({ limit: 5 });
    expect(entry).toMatchObject<Partial<DiagnosticScan>>({ hex: '41'.repeat(100), valid: false, error: 'scan longer than the 64-byte cap (framing.maxLength)', duplicate: false });
  });
});

describe('duplicate window', () => {
  test('a double read inside the window is logged and shown in diagnostics, never recorded or reported', async () => {
    const { station, results, log } = await build((c) => { c.scanRules.duplicateWindowMs = 500; });
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
    const diagnostics = await requestsOf(station.endpoint)['diagnostics.recent']({ limit: 10 });
    expect(diagnostics.filter((d) => d.deviceId === 'serial-1').map((d) => [d.text, d.duplicate])).toEqual([['P-100', false], ['C-100', false], ['P-100', true], ['P-100', false]]);
  });

  test('scans typed or clicked in the UI are never suppressed: each is answered', async () => {
    const { station } = await build((c) => { c.scanRules.duplicateWindowMs = 60_000; });
    const h = requestsOf(station.endpoint);
    expect((await h['scan.submit']({ code: 'P-100', source: 'demo' })).outcome).toBe('good');
    expect(await h['scan.submit']({ code: 'P-100', source: 'demo' })).toMatchObject({ outcome: 'bad', message: expect.stringContaining('P-100') });
  });
});

describe('diagnostics.recent', () => {
  test('every decoded scan as hex + text with its decode, newest first, limited', async () => {
    const { station } = await build();
    const transport = new ScriptedTransport('serial-1');
    await station.attach(transport);
    transport.scan(new Uint8Array([0x5d, 0x43, 0x31, ...Buffer.from('0109506000134352'), 0x1d, ...Buffer.from('10ABC')]), Date.parse('2026-01-02T03:04:05.678Z'));
    transport.scan(new Uint8Array([0xff, 0x00, 0x80]));
    const h = requestsOf(station.endpoint);
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
    const { station } = await build();
    const h = requestsOf(station.endpoint);
    for (let i = 0; i < 205; i++) await h['scan.submit']({ code: `X-${i}`, source: 'wedge' });
    const all = await h['diagnostics.recent']({ limit: 200 });
    expect(all).toHaveLength(200);
    expect(all[0]!.text).toBe('X-204');
    expect(all.at(-1)!.text).toBe('X-5');
  });
});

describe('device list and hooks', () => {
  test('a demo scanner without a replay file is a connected device', async () => {
    const { station } = await build((c) => { c.scanners = [{ kind: 'demo', id: 'demo', replayIntervalMs: 1000 }]; });
    expect(station.state().devices).toEqual([{ deviceId: 'demo', kind: 'demo', status: 'connected', detail: 'on-screen demo panel' }]);
  });

  test('onCommitted runs after each committed scan, after the answer, and a throwing hook changes nothing', async () => {
    const calls: string[] = [];
    const { station, log } = await build(() => undefined, {
      onCommitted: () => {
        calls.push(`hook after seq ${store.log.lastSeq()}`);
        throw new Error('boom');
      },
    });
    station.endpoint.subscribe((name, payload) => { if (name === 'scan.result') calls.push(`result ${(payload as ScanResult).seq}`); });
    const h = requestsOf(station.endpoint);
    await h['scan.submit']({ code: 'P-001', source: 'demo' });
    await h['scan.submit']({ code: 'C-001', source: 'demo' });
    const [one, two] = [signedIn + 1, signedIn + 2];
    expect(calls).toEqual([`result ${one}`, `hook after seq ${one}`, `result ${two}`, `hook after seq ${two}`]);
    expect(log.at('warn').map((e) => e.message)).toEqual(['the after-commit hook failed', 'the after-commit hook failed']);
    expect((await h['scan.submit']({ code: 'C-002', source: 'demo' })).outcome).toBe('good');
  });

  test('replication status is in the state and pushed when it changes', async () => {
    let current: ReplicationSummary = { state: 'idle', queueDepth: 0, oldestUnsentAgeMs: null, lagMs: 0, stuck: false, unseenRejections: 0 };
    const { station, pushed } = await build(() => undefined, { replication: () => current, replicationPollMs: 20 });
    expect(station.state().replication).toEqual(current);
    current = { state: 'retrying', queueDepth: 3, oldestUnsentAgeMs: 1500, lagMs: 1500, stuck: false, unseenRejections: 0, detail: 'connection refused' };
    await new Promise((r) => setTimeout(r, 100));
    const states = pushed.filter((e) => e.name === 'state.changed').map((e) => (e.payload as { replication: unknown }).replication);
    expect(states).toEqual([current]); // once, although it was polled several times
  });

  test('a station without replication reports null', async () => {
    const { station } = await build();
    expect(station.state().replication).toBeNull();
  });
});

describe('a scan\'s log line', () => {
  const settled = () => new Promise((resolve) => setTimeout(resolve, 30));

  test('is written after the answer, once the state refresh went out, with the scan\'s correlation id', async () => {
    const { station, pushed, log } = await build();
    const transport = new ScriptedTransport('serial-1');
    await station.attach(transport);
    transport.scan('P-100');
    const decided = () => log.entries.filter((e) => e.message === 'scan decided');
    expect(pushed.map((e) => e.name)).toContain('scan.result');
    expect(decided()).toEqual([]); // not on the answer's way out

    await settled();
    const result = pushed.find((e) => e.name === 'scan.result')!.payload as ScanResult;
    expect(decided()).toEqual([expect.objectContaining({
      level: 'info', correlationId: result.correlationId, deviceId: 'serial-1', code: 'P-100', outcome: 'good', seq: signedIn + 1,
    })]);
    const names = pushed.map((e) => e.name);
    // The refresh after a scan is the patch of the slices it touched.
    expect(names.lastIndexOf('state.patch')).toBeGreaterThan(names.indexOf('scan.result'));
  });

  test('still pending when the station stops is written then, not lost', async () => {
    const { station, log } = await build();
    const transport = new ScriptedTransport('serial-1');
    await station.attach(transport);
    transport.scan('P-100');
    transport.scan('C-100');
    await station.stop();
    expect(log.entries.filter((e) => e.message === 'scan decided').map((e) => e.code)).toEqual(['P-100', 'C-100']);
  });
});
