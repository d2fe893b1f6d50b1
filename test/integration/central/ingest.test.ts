import { describeWithCentral } from './helpers/central-db';
import { EXACTLY_ONCE_STATIONS, exactlyOnceScenarios } from './helpers/exactly-once';

jest.setTimeout(120_000);

describeWithCentral('central ingest, straight to Postgres: exactly once', (pg) => {
  const urls = new Map<string, string>();

  beforeAll(async () => {
    for (const id of EXACTLY_ONCE_STATIONS) urls.set(id, await pg.central.provision(id));
  });

  exactlyOnceScenarios(() => ({ central: pg.central, urlFor: (id) => urls.get(id)! }));
});
