import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStationRuntime, type StationRuntime } from '../../../main/compose';
import { loadConfig } from '../../../src/config/load';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy';
import { createUser, signIn } from '../../helpers/sign-in';
import { scanCodes } from '../../helpers/station-requests';
import { describeWithCentral } from './helpers/central-db';
import { waitFor } from './helpers/wait';

jest.setTimeout(120_000);

const TYPES = {
  types: [
    { id: 'bag', name: 'Bag', code: { pattern: '^C-[0-9]+$' }, holds: [] },
    { id: 'sack', name: 'Sack', code: { pattern: '^S-[0-9]+$' }, capacity: 3, holds: ['bag'] },
    { id: 'box', name: 'Box', code: { pattern: '^X-[0-9]+$' }, capacity: 3, holds: ['box', 'bag'] },
  ],
};

/**
 * The nesting flow offline, then reconciled (issue 11): two real stations (core, store, replication
 * worker) pack with central unreachable, behind a proxy that refuses every connection. Both move
 * the same bag. When central is back, station A syncs first, so A's move wins in central order and
 * B's comes back as a rejection, with B's link into and close of a sack A had closed first.
 */
describeWithCentral('containers offline, then reconciled', (pg) => {
  const dirs: string[] = [];
  const runtimes: StationRuntime[] = [];
  const proxies: TcpProxy[] = [];
  afterAll(async () => {
    for (const r of runtimes) await r.close();
    for (const p of proxies) await p.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  async function offlineStation(id: string) {
    const url = new URL(await pg.central.provision(id));
    const proxy = await startTcpProxy(Number(url.port));
    proxies.push(proxy);
    proxy.setDown(true);
    url.port = String(proxy.port);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `offline-${id}-`));
    dirs.push(dir);
    const config = loadConfig({ env: { STATION_ID: id }, overrides: { dataDir: dir } });
    config.log.dir = '';
    config.session.demoUsers = false;
    config.container = TYPES as typeof config.container;
    config.central = { url: url.toString(), pollIntervalMs: 100, referencePollMs: 300 } as typeof config.central;
    const runtime = openStationRuntime(config);
    runtimes.push(runtime);
    await signIn(runtime.station, await createUser(runtime.store, { role: 'supervisor' }));
    const scan = (...codes: string[]) => scanCodes(runtime.station, ...codes);
    const synced = () => waitFor(`${id} to sync`, () => {
      const r = runtime.station.state().replication;
      return r?.queueDepth === 0 && r.state === 'idle' && r.unprojected?.count === 0;
    }, 30_000);
    return { id, runtime, proxy, scan, synced };
  }

  const q = async (sql: string, params: unknown[] = []) => (await pg.central.admin.query(sql, params)).rows;

  it('packs and moves offline at two stations; on reconnect central keeps one winner and rejects the other', async () => {
    const a = await offlineStation('off-a');
    const b = await offlineStation('off-b');

    // A: a sack closed short, the bag moved into another sack; a box in a box with a bag in the inner one
    await a.scan('S-1', 'C-1', 'CMD:CONTAINER_CLOSE', 'CMD:CONTAINER_CONFIRM', 'S-2');
    expect(await a.scan('C-1')).toMatchObject({ outcome: 'bad', message: 'C-1 is in S-1: moving it into S-2 needs a supervisor (Move)' });
    expect(await a.scan('CMD:CONTAINER_MOVE')).toMatchObject({ outcome: 'good', message: 'Bag C-1 moved into S-2 (1 of 3)' });
    await a.scan('CMD:CONTAINER_CLOSE', 'CMD:CONTAINER_CONFIRM', 'X-1', 'X-2', 'X-2');
    expect(await a.scan('C-5')).toMatchObject({ outcome: 'good', message: 'Bag C-5 into X-2 (1 of 3)' });
    // B, at the same time: the same sack and bag, and its own move of that bag
    await b.scan('S-1', 'C-1', 'CMD:CONTAINER_CLOSE', 'CMD:CONTAINER_CONFIRM', 'S-3', 'C-1');
    expect(await b.scan('CMD:CONTAINER_MOVE')).toMatchObject({ outcome: 'good', message: 'Bag C-1 moved into S-3 (1 of 3)' });
    for (const s of [a, b]) await waitFor(`${s.id}'s queue to show`, () => (s.runtime.station.state().replication?.queueDepth ?? 0) > 0, 10_000);

    a.proxy.setDown(false);
    await a.synced();
    b.proxy.setDown(false);
    await b.synced();

    expect(await q(`SELECT child, parent, station_id FROM central.container_links WHERE child IN ('C-1', 'C-5', 'X-2') ORDER BY child`)).toEqual([
      { child: 'C-1', parent: 'S-2', station_id: 'off-a' },
      { child: 'C-5', parent: 'X-2', station_id: 'off-a' },
      { child: 'X-2', parent: 'X-1', station_id: 'off-a' },
    ]);
    expect(await q(`SELECT code, status, parent, child_count FROM central.containers ORDER BY code`)).toEqual([
      { code: 'S-1', status: 'closed', parent: null, child_count: 0 },
      { code: 'S-2', status: 'closed', parent: null, child_count: 1 },
      { code: 'S-3', status: 'open', parent: null, child_count: 0 },
      { code: 'X-1', status: 'open', parent: null, child_count: 1 },
      { code: 'X-2', status: 'open', parent: 'X-1', child_count: 1 },
    ]);
    const rejected = await q(`SELECT station_id, type, reason, winner_station FROM central.rejections WHERE type LIKE 'container.%' ORDER BY station_id, seq`);
    // in central order A had closed S-1 before B's link into it arrived
    expect(rejected).toEqual([
      { station_id: 'off-b', type: 'container.child_linked', reason: 'parent_closed', winner_station: null },
      { station_id: 'off-b', type: 'container.closed', reason: 'closed_elsewhere', winner_station: 'off-a' },
      { station_id: 'off-b', type: 'container.child_moved', reason: 'child_moved_elsewhere', winner_station: 'off-a' },
    ]);
    // B's supervisor is told: the rejections come down to B
    const bRejections = () => b.runtime.store.db.prepare(`SELECT type, reason FROM central_rejections WHERE type LIKE 'container.%' ORDER BY seq`).all();
    await waitFor('the rejections to reach B', () => bRejections().length === 3, 30_000);
    expect(bRejections()).toEqual([{ type: 'container.child_linked', reason: 'parent_closed' }, { type: 'container.closed', reason: 'closed_elsewhere' },
      { type: 'container.child_moved', reason: 'child_moved_elsewhere' }]);
  });
});
