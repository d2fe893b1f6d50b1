import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStationRuntime, type StationRuntime } from '../../../main/compose';
import { addCentralUser } from '../../../src/central/users';
import { loadConfig } from '../../../src/config/load';
import { hashPin } from '../../../src/workflows/user/pin';
import { postgresUnavailable, startPostgres, type PgCluster } from '../../helpers/postgres';
import { signIn, TEST_PIN_PARAMS } from '../../helpers/sign-in';
import { requestsOf } from '../../helpers/station-requests';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy';
import { createCentralDb, type CentralDb } from './helpers/central-db';
import { waitFor } from './helpers/wait';

jest.setTimeout(120_000);
const skip = postgresUnavailable();
const describePg = skip ? describe.skip : describe;
if (skip) console.log(`skipped: ${skip}`);

describePg('users offline: a user from central signs in while central is down', () => {
  let cluster: PgCluster;
  let central: CentralDb;
  let proxy: TcpProxy;
  let dir: string;
  let runtime: StationRuntime | undefined;

  beforeAll(async () => {
    cluster = await startPostgres();
    central = await createCentralDb(cluster);
    proxy = await startTcpProxy(cluster.port);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'offline-login-'));
  }, 60_000);

  afterAll(async () => {
    await runtime?.close();
    await proxy?.close();
    await central?.close();
    await cluster?.teardown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the user and its PIN hash come down; with central unreachable the badge + PIN still sign in, and the session replicates later', async () => {
    const pinHash = await hashPin('2468', TEST_PIN_PARAMS);
    await addCentralUser(central.admin, { id: 'olga', name: 'Olga', role: 'packer', badge: 'B-OLGA01', pinHash });
    const url = new URL(await central.provision('offline-1'));
    url.port = String(proxy.port);
    const config = loadConfig({ env: { STATION_ID: 'offline-1' }, overrides: { dataDir: dir } });
    config.log.dir = '';
    config.session.demoUsers = false;
    config.central = { ...(loadConfig({ env: { STATION_CENTRAL_URL: url.toString() } }).central!), referencePollMs: 200, referenceSettleMs: 0 };
    runtime = openStationRuntime(config);
    const db = runtime.store.db;
    await waitFor('Olga to come down with the reference data', () => db.prepare("SELECT count(*) FROM ref_users WHERE id = 'olga' AND pin_hash IS NOT NULL").pluck().get() === 1);

    proxy.setDown(true);
    proxy.cutAll();
    const h = requestsOf(runtime.station.endpoint);
    expect(await h['scan.submit']({ code: 'B-OLGA01', source: 'wedge' })).toMatchObject({ outcome: 'good', message: 'Olga: enter your PIN' });
    expect(await h['session.pin']({ pin: '1357' })).toMatchObject({ outcome: 'bad', message: 'Wrong PIN (1 of 5)' });
    await signIn(runtime.station, { badge: 'B-OLGA01', pin: '2468' });
    expect(await h['scan.submit']({ code: 'P-1001', source: 'wedge' })).toMatchObject({ outcome: 'good' });
    const started = db.prepare("SELECT seq, user_id, role, session_id FROM events WHERE type = 'session.started'").get() as { seq: number; user_id: string; role: string; session_id: string };
    expect(started).toMatchObject({ user_id: 'olga', role: 'packer' });
    expect(db.prepare("SELECT user_id, session_id FROM events WHERE type = 'bag.parent_opened'").get()).toEqual({ user_id: 'olga', session_id: started.session_id });

    proxy.setDown(false);
    await waitFor('the session to reach central', async () => (await central.admin.query(
      "SELECT count(*)::int AS n FROM central.station_events WHERE station_id = 'offline-1' AND type = 'session.started' AND user_id = 'olga' AND hash IS NOT NULL")).rows[0].n === 1);
    const rejected = await central.admin.query("SELECT count(*)::int AS n FROM central.rejections WHERE station_id = 'offline-1'");
    expect(rejected.rows[0].n).toBe(0);
  });
});
