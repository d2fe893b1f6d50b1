import { Client, Pool } from 'pg';
import { ingestBatch, readMark } from '../../../src/central/ingest';
import { provisionFleetLogin, provisionStation } from '../../../src/central/provision';
import { inTransaction } from '../../../src/central/transaction';
import { pgbouncerUnavailable, startPgBouncer, type PgBouncer } from '../../helpers/pgbouncer';
import { postgresUnavailable, startPostgres, type PgCluster } from '../../helpers/postgres';
import { createCentralDb, type CentralDb } from './helpers/central-db';
import { EXACTLY_ONCE_STATIONS, exactlyOnceScenarios } from './helpers/exactly-once';
import { createStationDb } from './helpers/station-db';

jest.setTimeout(120_000);

const skip = postgresUnavailable() ?? pgbouncerUnavailable();
if (skip) console.warn(`pooled fleet tests skipped: ${skip}`);
const describePg = skip ? describe.skip : describe;

const timeouts = { statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 60_000 };
const insertEvent = `INSERT INTO central.station_events (station_id, seq, id, type, payload, device_time, correlation_id)
  VALUES ($1, $2, gen_random_uuid(), 'scan.rejected', '{}', now(), 'c1')`;

/** Runs `sql` as the fleet login inside one transaction that presents `token` (or none). */
async function asFleet(client: Client, token: string | null, sql: string, params: unknown[] = []) {
  await client.query('BEGIN');
  try {
    if (token !== null) await client.query(`SET LOCAL central.station_token = '${token}'`);
    const result = await client.query(sql, params);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}

describePg('pooled fleet: one shared login, each station proven by its token', () => {
  let cluster: PgCluster;
  let central: CentralDb;
  let bouncer: PgBouncer;
  let fleet: Client;
  let tokenA: string;
  let tokenB: string;
  const tokens = new Map<string, string>();
  let fleetUrl: string;

  beforeAll(async () => {
    cluster = await startPostgres();
    central = await createCentralDb(cluster);
    fleetUrl = (await provisionFleetLogin(central.adminUrl)).url;
    tokenA = (await provisionStation(central.adminUrl, 'pool-a', { pooled: true })).token!;
    tokenB = (await provisionStation(central.adminUrl, 'pool-b', { pooled: true })).token!;
    for (const id of EXACTLY_ONCE_STATIONS) tokens.set(id, (await provisionStation(central.adminUrl, id, { pooled: true })).token!);
    // B has replicated a little, so there is something of B's that A must not see or touch
    const b = createStationDb('pool-b');
    b.appendScans(20, 5);
    const poolB = new Pool({ connectionString: fleetUrl });
    await inTransaction(poolB, { ...timeouts, stationToken: tokenB }, (c) => ingestBatch(c, 'pool-b', b.events()));
    await poolB.end();
    b.close();
    // the whole fleet through ONE PgBouncer pool of 2 server connections
    const u = new URL(fleetUrl);
    bouncer = await startPgBouncer({ upstreamPort: cluster.port, users: [{ name: u.username, password: decodeURIComponent(u.password) }],
      poolSize: 2, maxDbConnections: 2 });
    fleet = new Client({ connectionString: fleetUrl });
    await fleet.connect();
  }, 60_000);

  afterAll(async () => {
    await fleet?.end();
    await bouncer?.stop();
    await central?.close();
    await cluster?.teardown();
  });

  const denied = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: '42501' });

  it('acts only for the station whose token it presents', async () => {
    await expect(asFleet(fleet, tokenA, insertEvent, ['pool-a', 1])).resolves.toMatchObject({ rowCount: 1 });
    await denied(asFleet(fleet, tokenA, insertEvent, ['pool-b', 100]));
    await denied(asFleet(fleet, tokenA, `SELECT central.lock_mark('pool-b')`));
    await denied(asFleet(fleet, tokenA, `SELECT central.heartbeat('pool-b', 1, 0, NULL)`));
    expect((await asFleet(fleet, tokenA, `SELECT DISTINCT station_id FROM central.station_events`)).rows).toEqual([{ station_id: 'pool-a' }]);
    expect((await asFleet(fleet, tokenB, `SELECT station_id FROM central.station_marks`)).rows).toEqual([{ station_id: 'pool-b' }]);
  });

  it('without a token, or with a wrong one, may write nothing and sees no station data', async () => {
    const wrong = 'f'.repeat(64);
    for (const token of [null, wrong, '']) {
      await denied(asFleet(fleet, token, insertEvent, ['pool-a', 2]));
      await denied(asFleet(fleet, token, `SELECT central.lock_mark('pool-a')`));
      expect((await asFleet(fleet, token, `SELECT count(*)::int AS n FROM central.station_events`)).rows).toEqual([{ n: 0 }]);
      expect((await asFleet(fleet, token, `SELECT count(*)::int AS n FROM central.station_marks`)).rows).toEqual([{ n: 0 }]);
    }
  });

  it('the token lasts one transaction: the next transaction on the same connection has none', async () => {
    await asFleet(fleet, tokenA, 'SELECT 1');
    await denied(asFleet(fleet, null, insertEvent, ['pool-a', 3]));
  });

  it('cannot update, delete or truncate, even with a valid token', async () => {
    await denied(asFleet(fleet, tokenA, `UPDATE central.station_events SET type = 'x' WHERE station_id = 'pool-a'`));
    await denied(asFleet(fleet, tokenA, `DELETE FROM central.station_events WHERE station_id = 'pool-a'`));
    await denied(asFleet(fleet, tokenA, `TRUNCATE central.station_events`));
    await denied(asFleet(fleet, tokenA, `UPDATE central.station_marks SET acked_seq = 0`));
    await denied(asFleet(fleet, tokenA, `DELETE FROM central.bag_links`));
    await denied(asFleet(fleet, tokenA, `SELECT * FROM central.stations`));
  });

  it('a station\'s own role cannot borrow another station\'s token', async () => {
    const ownUrl = await central.provision('own-role');
    const own = new Client({ connectionString: ownUrl });
    await own.connect();
    try {
      await denied(asFleet(own, tokenA, insertEvent, ['pool-a', 4]));
      await expect(asFleet(own, tokenA, insertEvent, ['own-role', 1])).resolves.toMatchObject({ rowCount: 1 });
    } finally {
      await own.end();
    }
  });

  it('provisioning again issues a new token and the old one stops working', async () => {
    const old = (await provisionStation(central.adminUrl, 'pool-rot', { pooled: true })).token!;
    const pool = new Pool({ connectionString: fleetUrl, max: 1 });
    try {
      await expect(inTransaction(pool, { ...timeouts, stationToken: old }, (c) => readMark(c, 'pool-rot'))).resolves.toBe(0);
      const fresh = (await provisionStation(central.adminUrl, 'pool-rot', { pooled: true })).token!;
      expect(fresh).not.toBe(old);
      await expect(inTransaction(pool, { ...timeouts, stationToken: old }, (c) => readMark(c, 'pool-rot'))).rejects.toMatchObject({ code: 'SG004' });
      await expect(inTransaction(pool, { ...timeouts, stationToken: fresh }, (c) => readMark(c, 'pool-rot'))).resolves.toBe(0);
    } finally {
      await pool.end();
    }
  });

  describe('exactly once, every station through the one shared PgBouncer pool', () => {
    exactlyOnceScenarios(() => ({
      central,
      urlFor: () => {
        const u = new URL(fleetUrl);
        u.port = String(bouncer.port);
        return u.toString();
      },
      tokenFor: (id) => tokens.get(id)!,
    }));
  });
});
