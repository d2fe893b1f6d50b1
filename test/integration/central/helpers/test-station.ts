import { Pool } from 'pg';
import { ingestBatch } from '../../../../src/central/ingest';
import { projectAll } from '../../../../src/central/projector';
import { inTransaction, type Timeouts } from '../../../../src/central/transaction';
import type { CentralDb } from './central-db';
import { createStationDb, type StationDb } from './station-db';

/** What a suite must close after its tests: pools and station databases. */
export type Closable = { end(): Promise<void> } | StationDb;

export const closeAll = async (open: Closable[]): Promise<void> => {
  for (const o of open.splice(0)) await ('db' in o ? o.close() : o.end());
};

/**
 * A provisioned station: its own central role and pool (two connections, as the worker has), a
 * local store, and `ingest` sending its events straight to central in one transaction.
 */
export async function testStation(central: CentralDb, id: string, open: Closable[], timeouts: Timeouts) {
  const url = await central.provision(id);
  const pool = new Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined);
  const local = createStationDb(id);
  open.push(pool, local);
  return { id, url, pool, local, ingest: (rows = local.events()) => inTransaction(pool, timeouts, (c) => ingestBatch(c, id, rows)) };
}

/**
 * For a projection's tests (call inside the describe): stations made on demand and closed after the
 * suite, `project` sending a station's events to central and running the projector as a worker would,
 * and `q` reading central as its admin.
 */
export function projectionRig(pg: { readonly central: CentralDb }, timeouts: Timeouts) {
  const open: Closable[] = [];
  afterAll(() => closeAll(open));
  // central is read when a test runs: the suite starts it in its beforeAll
  const station = (id: string) => testStation(pg.central, id, open, timeouts);
  return {
    station,
    q: async (sql: string, params: unknown[] = []) => (await pg.central.admin.query(sql, params)).rows,
    project: async (s: Awaited<ReturnType<typeof station>>) => {
      await s.ingest();
      await projectAll(s.pool, timeouts);
    },
  };
}
