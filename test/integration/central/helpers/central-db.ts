import { Pool } from 'pg';
import { migrateCentral } from '../../../../src/central/commands';
import { provisionStation } from '../../../../src/central/provision';
import { postgresUnavailable, startPostgres, type PgCluster } from '../../../helpers/postgres';

export interface CentralDb {
  name: string;
  adminUrl: string;
  admin: Pool;
  /** Provisions a station and returns its own connection URL. */
  provision(stationId: string): Promise<string>;
  close(): Promise<void>;
}

/** A fresh, migrated central database on the test cluster. */
export async function createCentralDb(cluster: PgCluster, prefix = 'central'): Promise<CentralDb> {
  const name = await cluster.createDatabase(prefix);
  const adminUrl = cluster.superUrl(name);
  await migrateCentral(adminUrl);
  const admin = new Pool({ connectionString: adminUrl, max: 3 });
  admin.on('error', () => undefined); // idle connections die when a test restarts the server
  return {
    name,
    adminUrl,
    admin,
    provision: async (stationId) => (await provisionStation(adminUrl, stationId)).url,
    close: () => admin.end(),
  };
}

/** Central's view of one station: count, distinct seqs, the range and the mark. */
export async function centralCounts(admin: Pool, stationId: string): Promise<{ count: number; distinct: number; min: number; max: number; mark: number; dead: number }> {
  const { rows } = await admin.query(`SELECT
      (SELECT count(*) FROM central.station_events WHERE station_id = $1)::int AS count,
      (SELECT count(DISTINCT seq) FROM central.station_events WHERE station_id = $1)::int AS distinct,
      (SELECT coalesce(min(seq), 0) FROM central.station_events WHERE station_id = $1)::int AS min,
      (SELECT coalesce(max(seq), 0) FROM central.station_events WHERE station_id = $1)::int AS max,
      (SELECT acked_seq FROM central.station_marks WHERE station_id = $1)::int AS mark,
      (SELECT count(*) FROM central.dead_letters WHERE station_id = $1)::int AS dead`, [stationId]);
  return rows[0];
}

export interface CentralSuite {
  cluster: PgCluster;
  central: CentralDb;
}

/**
 * A describe block with its own throwaway Postgres and migrated central database, torn down after.
 * Skipped, with the reason, only where the server binaries are absent. Read `pg.central` inside hooks
 * and tests: it is filled in by the suite's first beforeAll.
 */
export function describeWithCentral(title: string, body: (pg: CentralSuite) => void): void {
  const skip = postgresUnavailable();
  if (skip) console.warn(`${title}: skipped: ${skip}`);
  (skip ? describe.skip : describe)(title, () => {
    const pg = {} as CentralSuite;
    beforeAll(async () => {
      pg.cluster = await startPostgres();
      pg.central = await createCentralDb(pg.cluster);
    }, 60_000);
    afterAll(async () => {
      await pg.central?.close();
      await pg.cluster?.teardown();
    });
    body(pg);
  });
}
