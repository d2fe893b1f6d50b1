import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DeviceStatus, EventName } from '../../../src/api';
import { loadConfig } from '../../../src/config/load';
import { createLogger } from '../../../src/log/logger';
import type { ScanTransport, TransportSink } from '../../../src/ports';
import { createDecoder } from '../../../src/scan/decode';
import { Station } from '../../../src/core/station';
import { databaseFile, openStore, type Store } from '../../../src/store';
import { stationRegistry } from '../../../src/workflows';
import { signInAs } from '../../helpers/sign-in';
import { requestsOf } from '../../helpers/station-requests';

/** A transport driven by the test: it hands scans to the station and records the feedback it gets. */
class ScriptedTransport implements ScanTransport {
  readonly kind = 'serial' as const;
  sink: TransportSink | null = null;
  readonly feedbackLog: Array<{ outcome: 'good' | 'bad'; committedSeq: number }> = [];
  feedback?: (outcome: 'good' | 'bad') => Promise<void>;
  constructor(readonly deviceId: string) {}
  async start(sink: TransportSink) {
    this.sink = sink;
    sink.status({ deviceId: this.deviceId, kind: 'serial', status: 'connected' });
  }
  async stop() { this.sink = null; }
  scan(text: string) {
    const now = Date.now();
    this.sink!.scan({ deviceId: this.deviceId, bytes: new TextEncoder().encode(text), firstByteAt: now, receivedAt: now });
  }
}

let dir: string;
let store: Store;
const logger = createLogger({ level: 'error' });

const stations: Station[] = [];

/** A station on the test's folder, with a user of `role` signed in (a restart on the same folder comes back to that session). */
async function build(capacity = 3, role: 'packer' | 'supervisor' = 'supervisor') {
  const config = loadConfig({ env: {}, overrides: { dataDir: dir } });
  config.bags.capacity = capacity;
  config.session.demoUsers = false;
  const registry = stationRegistry();
  store = openStore({ file: databaseFile(dir), stationId: config.stationId, registry, checkpointIntervalMs: 60_000 });
  const station = new Station({ config, store, registry, logger, decode: createDecoder(config.scanRules) });
  stations.push(station);
  if (station.state().slices.session.status !== 'active') await signInAs(store, station, role);
  const signedIn = store.log.lastSeq();
  const pushed: Array<{ name: EventName; payload: unknown }> = [];
  station.endpoint.subscribe((name, payload) => pushed.push({ name, payload }));
  return { station, pushed, config, signedIn, h: requestsOf(station.endpoint) };
}

beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'station-')); });
afterEach(async () => {
  for (const station of stations.splice(0)) await station.stop();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a transport scan is acknowledged to the scanner only after it committed', async () => {
  const { station, pushed, signedIn } = await build();
  const transport = new ScriptedTransport('serial-1');
  // Feedback looks into the database at the moment it is given: the event must already be there.
  transport.feedback = async (outcome) => {
    transport.feedbackLog.push({ outcome, committedSeq: store.log.lastSeq() });
  };
  await station.attach(transport);
  transport.scan('P-777');
  transport.scan('C-001');
  transport.scan('C-001');
  expect(transport.feedbackLog).toEqual([{ outcome: 'good', committedSeq: signedIn + 1 }, { outcome: 'good', committedSeq: signedIn + 2 }, { outcome: 'bad', committedSeq: signedIn + 3 }]);
  const results = pushed.filter((e) => e.name === 'scan.result').map((e) => e.payload);
  expect(results).toEqual([
    expect.objectContaining({ deviceId: 'serial-1', code: 'P-777', outcome: 'good', seq: signedIn + 1 }),
    expect.objectContaining({ code: 'C-001', outcome: 'good', message: 'Child 1 of 3 linked to P-777', seq: signedIn + 2 }),
    expect.objectContaining({ code: 'C-001', outcome: 'bad', message: 'C-001 is already in this bag (P-777)', seq: signedIn + 3 }),
  ]);
  expect(station.state().devices).toContainEqual<DeviceStatus>({ deviceId: 'serial-1', kind: 'serial', status: 'connected' });
  expect(pushed).toContainEqual({ name: 'device.status', payload: { deviceId: 'serial-1', kind: 'serial', status: 'connected' } });
});

test('a transport that fails to start is reported as an error, not a crash', async () => {
  const { station } = await build();
  const broken: ScanTransport = { deviceId: 'serial-9', kind: 'serial', start: async () => { throw new Error('EACCES /dev/ttyS9'); }, stop: async () => {} };
  await station.attach(broken);
  expect(station.state().devices).toContainEqual({ deviceId: 'serial-9', kind: 'serial', status: 'error', detail: 'EACCES /dev/ttyS9' });
});

test('a full disk refuses the scan with its reason, keeps what was committed, and the station keeps going', async () => {
  const { station, h } = await build(1000);
  expect((await h['scan.submit']({ code: 'P-100', source: 'wedge' })).outcome).toBe('good');
  store.db.pragma(`max_page_count = ${store.db.pragma('page_count', { simple: true })}`);
  // Enough refused scans to need a new page.
  let refused;
  for (let i = 0; i < 200 && !refused; i++) {
    const r = await h['scan.submit']({ code: `C-${String(i).padStart(3, '0')}${'X'.repeat(15)}`, source: 'wedge' });
    if (r.seq === undefined) refused = r;
  }
  expect(refused).toMatchObject({ outcome: 'bad', message: expect.stringMatching(/not recorded: the disk is full: free some space on the station \(SQLITE_FULL\)$/) });
  expect(station.state().pendingErrors[0]).toMatchObject({ message: refused!.message });
  store.db.pragma('max_page_count = 1073741823');
  const next = await h['scan.submit']({ code: 'C-NEXT', source: 'wedge' });
  expect(next).toMatchObject({ outcome: 'good' });
  expect(station.state().slices.bag.openParent?.children.at(-1)).toBe('C-NEXT');
});

test('buttons close and undo; the open parent is rebuilt from the store after a restart', async () => {
  const first = await build();
  const { h } = first;
  await h['scan.submit']({ code: 'P-200', source: 'demo' });
  await h['scan.submit']({ code: 'C-201', source: 'demo' });
  await h['scan.submit']({ code: 'C-202', source: 'demo' });
  expect(await h['bag.undo']({})).toMatchObject({ outcome: 'good', deviceId: 'ui', code: 'bag.undo', message: 'Undone: C-202 removed from P-200 (1 of 3)' });
  await first.station.stop();
  store.close();

  const second = await build();
  expect(second.station.state()).toMatchObject({ slices: { bag: { openParent: { code: 'P-200', capacity: 3, children: ['C-201'] } } }, demoPanel: true });
  expect(await second.h['bag.close']({})).toMatchObject({ outcome: 'good', message: 'P-200 closed with 1 of 3' });
  expect(second.station.state().slices.bag.openParent).toBeNull();
});
