import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { startPostgres, type PgCluster } from '../../helpers/postgres';
import { REPO_ROOT } from './station-host';

const CLI = path.join(REPO_ROOT, 'dist', 'main', 'cli', 'station.js');
/** The admin's own commands (the same an IT admin runs), from the build. */
export const stationCli = (...args: string[]): string => execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

/** A real central for an e2e run: a Postgres started for it, migrated and a station provisioned, as IT does it. */
export interface E2eCentral {
  cluster: PgCluster;
  adminUrl: string;
  /** The provisioned station's URL, for its `central.url`. */
  stationUrl: string;
  /** Runs `fn` on a connection as central's admin. */
  query<T>(fn: (c: Client) => Promise<T>): Promise<T>;
}

export async function startCentral(stationId = 'station-1'): Promise<E2eCentral> {
  const cluster = await startPostgres();
  const adminUrl = cluster.superUrl(await cluster.createDatabase('e2e'));
  stationCli('migrate', '--central', adminUrl);
  const provisioned = stationCli('provision', '--central', adminUrl, '--station', stationId);
  const stationUrl = /url: "([^"]+)"/.exec(provisioned)?.[1];
  if (!stationUrl) throw new Error(`station provision printed no url:\n${provisioned}`);
  return {
    cluster, adminUrl, stationUrl,
    async query(fn) {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      try {
        return await fn(c);
      } finally {
        await c.end();
      }
    },
  };
}
