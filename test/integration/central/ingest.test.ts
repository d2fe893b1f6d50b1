import { postgresUnavailable, startPostgres, type PgCluster } from '../../helpers/postgres';
import { createCentralDb, type CentralDb } from './helpers/central-db';
import { EXACTLY_ONCE_STATIONS, exactlyOnceScenarios } from './helpers/exactly-once';

jest.setTimeout(120_000);

const skip = postgresUnavailable();
if (skip) console.warn(`central ingest tests skipped: ${skip}`);
const describePg = skip ? describe.skip : describe;

describePg('central ingest, straight to Postgres: exactly once', () => {
  let cluster: PgCluster;
  let central: CentralDb;
  const urls = new Map<string, string>();

  beforeAll(async () => {
    cluster = await startPostgres();
    central = await createCentralDb(cluster);
    for (const id of EXACTLY_ONCE_STATIONS) urls.set(id, await central.provision(id));
  }, 60_000);

  afterAll(async () => {
    await central?.close();
    await cluster?.teardown();
  });

  exactlyOnceScenarios(() => ({ central, urlFor: (id) => urls.get(id)! }));
});
