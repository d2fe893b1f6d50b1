import Database from 'better-sqlite3';
import { Pool } from 'pg';
import { pullReference } from '../../../src/central/reference-pull';
import { Replicator } from '../../../src/central/replicator';
import { activeCodeRules, findBag, findOpenBill, findUser, getCheckpoint, REFERENCE_SOURCES, referenceStatus } from '../../../src/store/reference-cache';
import { postgresUnavailable, startPostgres, type PgCluster } from '../../helpers/postgres';
import { testConfig } from './helpers/config';
import { createCentralDb, type CentralDb } from './helpers/central-db';
import { createStationDb } from './helpers/station-db';
import { waitFor } from './helpers/wait';

jest.setTimeout(120_000);

const skip = postgresUnavailable();
if (skip) console.warn(`reference data tests skipped: ${skip}`);
const describePg = skip ? describe.skip : describe;

const pull = { statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 60_000, settleMs: 0 };

describePg('reference data flows down by (updated_at, id) checkpoint', () => {
  let cluster: PgCluster;
  let central: CentralDb;
  let url: string;
  let pool: Pool;

  beforeAll(async () => {
    cluster = await startPostgres();
    central = await createCentralDb(cluster);
    url = await central.provision('ref');
    pool = new Pool({ connectionString: url, max: 1 });
  }, 60_000);

  afterAll(async () => {
    await pool?.end();
    await central?.close();
    await cluster?.teardown();
  });

  it('a fresh station with no central says "not yet synced" and finds nothing, without failing', () => {
    const local = createStationDb('ref');
    expect(referenceStatus(local.db)).toEqual({ state: 'not-synced' });
    expect(findUser(local.db, 'badge-1')).toBeNull();
    expect(findBag(local.db, 'P1')).toBeNull();
    expect(activeCodeRules(local.db)).toEqual([]);
    local.close();
  });

  it('pulls users, code rules, bags and open bills through the worker, then only what changed', async () => {
    await central.admin.query(`INSERT INTO central.users (id, name, role, badge) VALUES ('u1', 'Ana', 'packer', 'B-1'), ('u2', 'Bo', 'supervisor', 'B-2');
      INSERT INTO central.code_rules (id, rule) VALUES ('sscc', '{"prefix": "00", "class": "parent"}');
      INSERT INTO central.bills (id, number, status) VALUES ('b1', 'BILL-1', 'open'), ('b2', 'BILL-2', 'closed');
      INSERT INTO central.bags (code, status, capacity) VALUES ('KNOWN-1', 'open', 10)`);
    const local = createStationDb('ref');
    const r = new Replicator({ dbPath: local.file, stationId: 'ref', config: testConfig(url, { referencePollMs: 200 }) });
    void r.start();
    try {
      await waitFor('the first reference pull', () => r.status().reference.state === 'synced');
      expect(findUser(local.db, 'B-1')).toMatchObject({ id: 'u1', name: 'Ana', role: 'packer', active: true });
      expect(findOpenBill(local.db, 'BILL-1')).toMatchObject({ id: 'b1' });
      expect(findOpenBill(local.db, 'BILL-2')).toBeNull();
      expect(findBag(local.db, 'KNOWN-1')).toMatchObject({ status: 'open', capacity: 10 });
      expect(activeCodeRules(local.db)).toEqual([{ id: 'sscc', rule: { prefix: '00', class: 'parent' } }]);

      const before = getCheckpoint(local.db, 'users');
      await central.admin.query(`UPDATE central.users SET active = false WHERE id = 'u1'; UPDATE central.bills SET status = 'closed' WHERE id = 'b1'`);
      await waitFor('the change to come down', () => findUser(local.db, 'u1')?.active === false && findOpenBill(local.db, 'BILL-1') === null);
      const after = getCheckpoint(local.db, 'users')!;
      expect(after.lastId).toBe('u1');
      expect(after.updatedAt > before!.updatedAt).toBe(true);
      const newest = REFERENCE_SOURCES.map((s) => getCheckpoint(local.db, s)!.updatedAt).sort().at(-1);
      expect(r.status().reference).toMatchObject({ state: 'synced', version: newest });
    } finally {
      await r.stop();
      local.close();
    }
  });

  it('pages through many rows sharing one updated_at without losing or repeating any', async () => {
    await central.admin.query(`INSERT INTO central.users (id, name, role) SELECT 'bulk-' || lpad(i::text, 5, '0'), 'n', 'packer' FROM generate_series(1, 2500) i`);
    const local = createStationDb('ref');
    const stored = await pullReference(pool, local.db, pull);
    const cached = local.db.prepare(`SELECT count(*) FROM ref_users WHERE id LIKE 'bulk-%'`).pluck().get();
    expect(cached).toBe(2500);
    expect(stored).toBeGreaterThanOrEqual(2500);
    expect(await pullReference(pool, local.db, pull)).toBe(0); // caught up: nothing pulled twice
    local.close();
  });

  it('leaves rows younger than the settle time for a later pull', async () => {
    const local = createStationDb('ref');
    await pullReference(pool, local.db, pull);
    await central.admin.query(`INSERT INTO central.bills (id, number, status) VALUES ('fresh', 'BILL-FRESH', 'open')`);
    expect(await pullReference(pool, local.db, { ...pull, settleMs: 3_600_000 })).toBe(0);
    expect(findOpenBill(local.db, 'BILL-FRESH')).toBeNull();
    expect(await pullReference(pool, local.db, pull)).toBe(1);
    expect(findOpenBill(local.db, 'BILL-FRESH')).toMatchObject({ id: 'fresh' });
    const readonly = new Database(local.file, { readonly: true });
    expect(referenceStatus(readonly).state).toBe('synced');
    readonly.close();
    local.close();
  });
});
