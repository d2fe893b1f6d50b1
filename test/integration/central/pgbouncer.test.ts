import { pgbouncerUnavailable, startPgBouncer, type PgBouncer } from '../../helpers/pgbouncer';
import { postgresUnavailable, startPostgres, type PgCluster } from '../../helpers/postgres';
import { createCentralDb, type CentralDb } from './helpers/central-db';
import { EXACTLY_ONCE_STATIONS, exactlyOnceScenarios } from './helpers/exactly-once';

jest.setTimeout(120_000);

const skip = postgresUnavailable() ?? pgbouncerUnavailable();
if (skip) console.warn(`PgBouncer tests skipped: ${skip}`);
const describePg = skip ? describe.skip : describe;

/** The same exactly-once scenarios with PgBouncer (transaction pool mode) between the stations and Postgres. */
describePg('central ingest through PgBouncer in transaction mode: exactly once', () => {
  let cluster: PgCluster;
  let central: CentralDb;
  let bouncer: PgBouncer;
  const urls = new Map<string, string>();

  beforeAll(async () => {
    cluster = await startPostgres();
    central = await createCentralDb(cluster);
    const users: Array<{ name: string; password: string }> = [];
    for (const id of EXACTLY_ONCE_STATIONS) {
      const url = new URL(await central.provision(id));
      users.push({ name: decodeURIComponent(url.username), password: decodeURIComponent(url.password) });
      urls.set(id, url.toString());
    }
    // a small server pool, so transactions of different clients really share server connections
    bouncer = await startPgBouncer({ upstreamPort: cluster.port, users, poolSize: 2, maxDbConnections: 4 });
    for (const [id, url] of urls) {
      const u = new URL(url);
      u.port = String(bouncer.port);
      urls.set(id, u.toString());
    }
  }, 60_000);

  afterAll(async () => {
    await bouncer?.stop();
    await central?.close();
    await cluster?.teardown();
  });

  exactlyOnceScenarios(() => ({ central, urlFor: (id) => urls.get(id)! }));
});
