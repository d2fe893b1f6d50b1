import { spawn } from 'node:child_process';
import path from 'node:path';
import { Replicator } from '../../../src/central/replicator';
import { OutboxReader } from '../../../src/store/outbox';
import { postgresUnavailable, startPostgres, type PgCluster } from '../../helpers/postgres';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy';
import { testConfig } from './helpers/config';
import { centralCounts, createCentralDb, type CentralDb } from './helpers/central-db';
import { createStationDb, type StationDb } from './helpers/station-db';
import { sleep, waitFor } from './helpers/wait';

jest.setTimeout(180_000);

const skip = postgresUnavailable();
if (skip) console.warn(`replication fault tests skipped: ${skip}`);
const describePg = skip ? describe.skip : describe;

/**
 * Every fault test ends the same way: the station's acknowledged mark, central's mark and central's
 * row count are all equal to the number of events, with no duplicate and no gap.
 */
async function expectExactlyOnce(central: CentralDb, local: StationDb, stationId: string): Promise<void> {
  const total = local.events().length;
  const reader = new OutboxReader(local.file);
  const acked = reader.ackedSeq();
  reader.close();
  expect(acked).toBe(total);
  expect(await centralCounts(central.admin, stationId)).toEqual({ count: total, distinct: total, min: 1, max: total, mark: total, dead: 0 });
  expect(local.outboxCount()).toBe(0);
}

describePg('replication under faults', () => {
  let cluster: PgCluster;
  let central: CentralDb;
  let proxy: TcpProxy;

  beforeAll(async () => {
    cluster = await startPostgres();
    central = await createCentralDb(cluster);
    proxy = await startTcpProxy(cluster.port);
  }, 60_000);

  afterAll(async () => {
    await proxy?.close();
    await central?.close();
    await cluster?.teardown();
  });

  async function stationThroughProxy(id: string): Promise<{ url: string; local: StationDb }> {
    const url = new URL(await central.provision(id));
    url.port = String(proxy.port);
    return { url: url.toString(), local: createStationDb(id) };
  }

  it('survives stalled connections (client-side timeout) and a proxy refusing connections for a while', async () => {
    const { url, local } = await stationThroughProxy('stalls');
    local.appendScans(3000, 40);
    const r = new Replicator({ dbPath: local.file, stationId: 'stalls', config: testConfig(url, { statementTimeoutMs: 500 }) });
    void r.start();
    try {
      for (let i = 0; i < 3; i++) {
        await proxy.stallMidRequest(8_000); // a batch half sent, then silence both ways
        await waitFor('the worker to give up on the stalled connection', () => r.status().state === 'retrying', 30_000);
        proxy.setDown(true);
        proxy.resume();
        proxy.cutAll();
        await sleep(300);
        proxy.setDown(false);
        local.appendScans(1000, 40);
      }
      const total = local.events().length;
      await waitFor('the backlog to drain', () => r.status().queueDepth === 0 && r.status().centralMark === total);
    } finally {
      await r.stop();
    }
    await expectExactlyOnce(central, local, 'stalls');
    local.close();
  });

  it('survives a Postgres crash-restart mid-drain', async () => {
    if (!cluster.controllable) return console.warn('skipped: TEST_DATABASE_URL server cannot be restarted');
    const url = await central.provision('restart');
    const local = createStationDb('restart');
    local.appendScans(6000, 40);
    const r = new Replicator({ dbPath: local.file, stationId: 'restart', config: testConfig(url) });
    void r.start();
    try {
      for (let i = 0; i < 2; i++) {
        await waitFor('the drain to be under way', async () => (r.status().centralMark ?? 0) > 1000 * (i + 1), 60_000, 5);
        await cluster.restart('immediate');
        await central.admin.query('SELECT 1').catch(() => undefined); // the admin pool drops its dead connections
      }
      const total = local.events().length;
      await waitFor('the backlog to drain', () => r.status().queueDepth === 0 && r.status().centralMark === total);
    } finally {
      await r.stop();
    }
    await expectExactlyOnce(central, local, 'restart');
    local.close();
  });

  it('survives SIGKILL of the station process mid-batch', async () => {
    const url = await central.provision('killed');
    const local = createStationDb('killed');
    local.appendScans(5000, 40);
    const fixture = path.join(__dirname, 'fixtures', 'station-process.mjs');
    const distMain = path.resolve(__dirname, '../../../dist/src/central/replication.js');
    for (let i = 0; i < 3; i++) {
      const child = spawn(process.execPath, [fixture, distMain, local.file, 'killed', url], { stdio: ['ignore', 'pipe', 'inherit'] });
      let started = false;
      child.stdout.on('data', () => {
        started = true;
      });
      await waitFor('the station process to start replicating', () => started, 30_000);
      const before = (await centralCounts(central.admin, 'killed')).mark;
      await waitFor('a batch or two to commit', async () => (await centralCounts(central.admin, 'killed')).mark > before, 30_000, 5);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      local.appendScans(300, 40);
    }
    // a last run without a kill drains what is left
    const child = spawn(process.execPath, [fixture, distMain, local.file, 'killed', url, 'until-drained'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    await expectExactlyOnce(central, local, 'killed');
    local.close();
  });
});
