import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openStationRuntime, type StationRuntime } from '../../../main/compose';
import { loadConfig } from '../../../src/config/load';
import { saveRejections } from '../../../src/store/reference-cache';
import { createUser, signIn } from '../../helpers/sign-in';
import { requestsOf } from '../../helpers/station-requests';

let dir: string;
let runtime: StationRuntime | undefined;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compose-')); });
afterEach(async () => {
  await runtime?.close();
  runtime = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The station config for this test's folder, without log files (their async writes would outlive the folder). */
function configFor(env: NodeJS.ProcessEnv = {}) {
  const config = loadConfig({ env, overrides: { dataDir: dir } });
  config.log.dir = '';
  return config;
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitFor<T>(what: string, read: () => T | undefined, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

test('without central: replication is "not-configured" in the state, and a demo panel is a connected device', async () => {
  runtime = openStationRuntime(configFor());
  await runtime.attachDevices();
  const state = runtime.station.state();
  expect(state.replication).toMatchObject({ state: 'not-configured', queueDepth: 0, stuck: false });
  expect(state.devices).toContainEqual(expect.objectContaining({ deviceId: 'demo', kind: 'demo', status: 'connected' }));
});

test('without central: rejections received before still count, from the station\'s own connection', async () => {
  runtime = openStationRuntime(configFor());
  expect(runtime.replication.status().unseenRejections).toBe(0);
  saveRejections(runtime.store.db, [{ centralId: 1, seq: 1, eventId: 'e-1', type: 'session.started', reason: 'user_disabled', detail: 'login after central disabled the user', winnerStation: null, winnerSeq: null, createdAt: new Date().toISOString() }]);
  expect(runtime.replication.status()).toMatchObject({ state: 'not-configured', unseenRejections: 1 });
});

test('with an unreachable central: scans still commit, and the queue shows in the state', async () => {
  const port = await closedPort();
  const config = configFor({ STATION_CENTRAL_URL: `postgres://station_x:pw@127.0.0.1:${port}/central` });
  config.session.demoUsers = false;
  runtime = openStationRuntime(config);
  await signIn(runtime.station, await createUser(runtime.store, { role: 'packer' }));
  const h = requestsOf(runtime.station.endpoint);
  expect((await h['scan.submit']({ code: 'P-1001', source: 'demo' })).outcome).toBe('good');
  expect((await h['scan.submit']({ code: 'C-2001', source: 'demo' })).outcome).toBe('good');
  const recorded = runtime.store.log.lastSeq(); // the user, the sign-in and the two scans
  const replication = await waitFor('the queue to show', () => {
    const r = runtime!.station.state().replication;
    return r && r.queueDepth === recorded && r.state !== 'starting' ? r : undefined;
  });
  expect(replication).toMatchObject({ state: expect.stringMatching(/retrying|error/), queueDepth: recorded, lagMs: null, detail: expect.any(String) });
});

test('capture: scans from transports are recorded, and close() flushes them', async () => {
  const replayFile = path.join(dir, 'codes.txt');
  fs.writeFileSync(replayFile, 'P-1001\nC-2001\n');
  const config = configFor();
  config.scanners = [{ kind: 'demo', id: 'demo-replay', replayFile, replayIntervalMs: 10 }];
  config.capture = { enabled: true, dir: path.join(dir, 'captures') };
  runtime = openStationRuntime(config);
  const results: string[] = [];
  runtime.station.endpoint.subscribe((name, payload) => { if (name === 'scan.result') results.push((payload as { code: string }).code); });
  await runtime.attachDevices();
  await waitFor('both replayed scans', () => (results.length === 2 ? true : undefined));
  await runtime.close();
  runtime = undefined;
  const [file] = fs.readdirSync(config.capture.dir);
  const lines = fs.readFileSync(path.join(config.capture.dir, file!), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  expect(lines.map((l) => Buffer.from(l.hex, 'hex').toString())).toEqual(['P-1001', 'C-2001']);
});
