import { Client, Pool } from 'pg';
import { migrateCentral } from '../../../src/central/commands';
import { ingestBatch } from '../../../src/central/ingest';
import { projectAll, projectStep } from '../../../src/central/projector';
import { pullRejections } from '../../../src/central/reference-pull';
import { inTransaction } from '../../../src/central/transaction';
import { describeWithCentral } from './helpers/central-db';
import { testStation } from './helpers/test-station';
import type { StationDb } from './helpers/station-db';
import { waitFor } from './helpers/wait';
import { station as runStation } from '../cli/run-cli';
import { repeatableSteps } from '../../../src/central/schema/repeatable';

jest.setTimeout(180_000);

const timeouts = { statementTimeoutMs: 120_000, idleInTransactionTimeoutMs: 120_000 };

/**
 * The projector (docs/central.md, "Ingest, then project"): central order below pg_snapshot_xmin, a
 * cursor that moves with the projections, projection dead letters. Projections are checked by their
 * invariants for clean scans: every link once (none twice: a second try would be a rejection and a
 * doubled count), every parent closed at capacity, no rejection.
 */
describeWithCentral('central projector', (pg) => {
  const open: Array<{ end(): Promise<void> } | StationDb> = [];
  let admin: Pool;

  beforeAll(() => {
    admin = new Pool({ connectionString: pg.central.adminUrl, max: 3 });
    admin.on('error', () => undefined);
    open.push(admin);
  });

  afterAll(async () => {
    for (const o of open) await ('db' in o ? o.close() : o.end());
  });

  afterEach(async () => {
    await admin.query(`DELETE FROM central.projections WHERE name LIKE 'test-%'`);
  });

  const station = (id: string) => testStation(pg.central, id, open, timeouts);

  const q = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => (await admin.query<T>(sql, params)).rows;
  const cursor = async () => (await q<{ projected: string }>('SELECT projected FROM central.projector_cursor'))[0]!;

  async function expectProjectedOnce(id: string, local: StationDb): Promise<void> {
    const rows = local.events();
    const links = rows.filter((r) => r.type === 'bag.child_linked').length;
    const closes = rows.filter((r) => r.type === 'bag.parent_closed').length;
    expect(await q(`SELECT count(*)::int AS links, count(DISTINCT child)::int AS children FROM central.bag_links WHERE station_id = $1`, [id]))
      .toEqual([{ links, children: links }]);
    expect(await q(`SELECT count(*)::int AS n FROM central.rejections WHERE station_id = $1`, [id])).toEqual([{ n: 0 }]);
    const bags = await q<{ status: string; link_count: number; n: number }>(`SELECT status, link_count, count(*)::int AS n FROM central.bags
      WHERE code LIKE $1 GROUP BY 1, 2 ORDER BY 1, 2`, [`${id}-P%`]);
    expect(bags.filter((b) => b.status === 'closed')).toEqual([{ status: 'closed', link_count: 50, n: closes }]);
    expect(bags.reduce((s, b) => s + b.link_count * b.n, 0)).toBe(links);
  }

  it('two ingests that commit out of order: the one that commits late holds the other back, then both are projected, neither skipped', async () => {
    const a = await station('ooo-a');
    const b = await station('ooo-b');
    // both put the same child in a parent of their own: whichever central projects first has it
    a.local.append([{ type: 'bag.parent_opened', payload: { parent: 'OOO-PA', capacity: 5 } },
      { type: 'bag.child_linked', payload: { parent: 'OOO-PA', child: 'OOO-C1' } }]);
    b.local.append([{ type: 'bag.parent_opened', payload: { parent: 'OOO-PB', capacity: 5 } },
      { type: 'bag.child_linked', payload: { parent: 'OOO-PB', child: 'OOO-C1' } }]);
    await projectAll(admin, timeouts);
    const before = Number((await cursor()).projected);

    const ta = new Client({ connectionString: a.url });
    ta.on('error', () => undefined); // the restart test below cuts every connection
    await ta.connect();
    open.push(ta);
    await ta.query('BEGIN');
    await ingestBatch(ta, 'ooo-a', a.local.events()); // A takes its transaction id first (it locks its mark) ...
    const [{ xid: xa }] = (await ta.query('SELECT pg_current_xact_id()::text AS xid')).rows;
    const xb = await inTransaction(b.pool, timeouts, async (c) => {
      await ingestBatch(c, 'ooo-b', b.local.events());
      return (await c.query('SELECT pg_current_xact_id()::text AS xid')).rows[0].xid as string;
    }); // ... and B commits first
    expect(BigInt(xa)).toBeLessThan(BigInt(xb));

    // B is committed, A is not: stepping now must not pass A, which would then be skipped for ever
    for (let i = 0; i < 3; i++) {
      expect(await inTransaction(admin, timeouts, (c) => projectStep(c))).toEqual({ busy: false, projected: 0, failed: 0, pending: true });
    }
    expect(await q(`SELECT code FROM central.bags WHERE code LIKE 'OOO-%'`)).toEqual([]);

    await ta.query('COMMIT');
    expect(await projectAll(admin, timeouts)).toEqual({ projected: 4, failed: 0 });
    expect(Number((await cursor()).projected)).toBe(before + 4);
    // both applied, in central's order: A (the lower transaction id) has the child, B's link is the rejection
    expect(await q(`SELECT parent, station_id FROM central.bag_links WHERE child = 'OOO-C1' AND reversed_seq IS NULL`))
      .toEqual([{ parent: 'OOO-PA', station_id: 'ooo-a' }]);
    expect(await q(`SELECT station_id, seq::int, reason, winner_station, winner_seq::int FROM central.rejections WHERE station_id LIKE 'ooo-%'`))
      .toEqual([{ station_id: 'ooo-b', seq: 2, reason: 'child_linked_elsewhere', winner_station: 'ooo-a', winner_seq: 2 }]);
    expect(await q(`SELECT count(*)::int AS n FROM central.ingest_log`)).toEqual([{ n: 0 }]);
  });

  it('another transaction holding an id (even an idle one) holds the projector back, and nothing is lost when it ends', async () => {
    const s = await station('held');
    const holder = new Client({ connectionString: pg.central.adminUrl });
    holder.on('error', () => undefined); // the restart test below cuts every connection
    await holder.connect();
    open.push(holder);
    await holder.query('BEGIN');
    await holder.query('SELECT pg_current_xact_id()');
    s.local.appendScans(120);
    await s.ingest();
    expect(await inTransaction(admin, timeouts, (c) => projectStep(c))).toMatchObject({ projected: 0, pending: true });
    await holder.query('ROLLBACK');
    expect((await projectAll(admin, timeouts)).projected).toBe(s.local.events().length);
    await expectProjectedOnce('held', s.local);
  });

  it('one step at a time: a second projector skips the locked cursor and does nothing', async () => {
    const s = await station('skip');
    s.local.appendScans(60);
    await s.ingest();
    const first = new Client({ connectionString: pg.central.adminUrl });
    first.on('error', () => undefined); // the restart test below cuts every connection
    await first.connect();
    open.push(first);
    await first.query('BEGIN');
    await first.query('SELECT id FROM central.projector_cursor FOR UPDATE');
    expect(await inTransaction(s.pool, timeouts, (c) => projectStep(c))).toEqual({ busy: true, projected: 0, failed: 0, pending: true });
    await first.query('ROLLBACK');
    expect((await projectAll(s.pool, timeouts)).projected).toBe(s.local.events().length);
    await expectProjectedOnce('skip', s.local);
  });

  /** A projection that sleeps on the 'test.slow' event, so a step can be cut while it is in the middle of a batch. */
  async function slowProjection(): Promise<void> {
    await admin.query(`CREATE OR REPLACE FUNCTION central.test_slow(p_station text, p_from bigint, p_to bigint) RETURNS void
      LANGUAGE plpgsql AS $$ BEGIN
        IF EXISTS (SELECT 1 FROM central.station_events WHERE station_id = p_station AND seq > p_from AND seq <= p_to AND type = 'test.slow') THEN
          PERFORM pg_sleep(60);
        END IF;
      END $$;
      INSERT INTO central.projections (name, fn, position) VALUES ('test-slow', 'central.test_slow', 1000)`);
  }

  async function backlogWithSlowEvent(id: string) {
    const s = await station(id);
    s.local.appendScans(2000);
    s.local.appendRaw('test.slow', '{}');
    s.local.appendScans(2000);
    const rows = s.local.events();
    for (let i = 0; i < rows.length; i += 1500) await s.ingest(rows.slice(i, i + 1500));
    return s;
  }

  async function projectUntilSleeping(): Promise<{ step: Promise<unknown>; pid: number }> {
    const c = new Client({ connectionString: pg.central.adminUrl });
    c.on('error', () => undefined);
    await c.connect();
    const [{ pid }] = (await c.query('SELECT pg_backend_pid() AS pid')).rows;
    const step = (async () => {
      await c.query('BEGIN');
      await projectStep(c, 100_000);
      await c.query('COMMIT');
    })().finally(() => c.end().catch(() => undefined));
    step.catch(() => undefined);
    await waitFor('the projector to reach the slow event', async () =>
      (await q(`SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event = 'PgSleep'`, [pid])).length === 1, 30_000);
    return { step, pid };
  }

  it('a projector killed mid-batch: its step rolls back whole, and the next one projects every event once', async () => {
    await projectAll(admin, timeouts);
    const s = await backlogWithSlowEvent('killed');
    const before = Number((await cursor()).projected);
    await slowProjection();
    const { step, pid } = await projectUntilSleeping();
    // the first 1500 events were projected in that transaction before it reached the slow one
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await expect(step).rejects.toThrow();
    expect(await q(`SELECT count(*)::int AS n FROM central.bag_links WHERE station_id = 'killed'`)).toEqual([{ n: 0 }]);
    expect(Number((await cursor()).projected)).toBe(before);

    await admin.query(`DELETE FROM central.projections WHERE name = 'test-slow'`);
    expect((await projectAll(admin, timeouts)).projected).toBe(s.local.events().length);
    await expectProjectedOnce('killed', s.local);
  });

  it('Postgres restarted mid-projection: the step is lost whole, nothing twice, nothing never', async () => {
    if (!pg.cluster.controllable) return; // an external server (TEST_DATABASE_URL) is not ours to restart
    await projectAll(admin, timeouts);
    const s = await backlogWithSlowEvent('restarted');
    await slowProjection();
    const { step } = await projectUntilSleeping();
    await pg.cluster.restart('immediate');
    await expect(step).rejects.toThrow();
    const fresh = new Pool({ connectionString: pg.central.adminUrl, max: 2 });
    fresh.on('error', () => undefined);
    open.push(fresh);
    expect((await fresh.query(`SELECT count(*)::int AS n FROM central.bag_links WHERE station_id = 'restarted'`)).rows).toEqual([{ n: 0 }]);
    await fresh.query(`DELETE FROM central.projections WHERE name = 'test-slow'`);
    expect((await projectAll(fresh, timeouts)).projected).toBe(s.local.events().length);
    admin = fresh;
    await expectProjectedOnce('restarted', s.local);
  });

  it('a poison projection: a projection dead letter and a rejection for that event, and the events after it are projected', async () => {
    // a stock posting that a CHECK refuses, as a module projection would meet it
    await admin.query(`CREATE TABLE IF NOT EXISTS central.test_stock (station_id text, seq bigint, qty integer CHECK (qty >= 0));
      CREATE OR REPLACE FUNCTION central.test_post_stock(p_station text, p_from bigint, p_to bigint) RETURNS void
      LANGUAGE sql AS $$
        INSERT INTO central.test_stock SELECT station_id, seq, (payload->>'qty')::int FROM central.station_events
        WHERE station_id = p_station AND seq > p_from AND seq <= p_to AND type = 'test.stock'
      $$;
      INSERT INTO central.projections (name, fn, position) VALUES ('test-stock', 'central.test_post_stock', 30)`);
    const s = await station('poison-proj');
    s.local.appendScans(10);
    const [good, bad] = s.local.append([{ type: 'test.stock', payload: { qty: 3 } }, { type: 'test.stock', payload: { qty: -1 } }]);
    s.local.appendScans(45);
    const res = await s.ingest();
    expect(res).toMatchObject({ ackedSeq: s.local.events().length, deadLettered: 0 }); // ingest never sees a projection
    expect(await projectAll(s.pool, timeouts)).toEqual({ projected: s.local.events().length, failed: 1 });

    expect(await q(`SELECT seq::int, type, sqlstate, status, error LIKE '%test_stock_qty_check%' AS says FROM central.projection_dead_letters
      WHERE station_id = 'poison-proj'`)).toEqual([{ seq: bad, type: 'test.stock', sqlstate: '23514', status: 'open', says: true }]);
    expect(await q(`SELECT seq::int, reason FROM central.rejections WHERE station_id = 'poison-proj'`)).toEqual([{ seq: bad, reason: 'projection_failed' }]);
    expect(await q(`SELECT seq::int, qty FROM central.test_stock WHERE station_id = 'poison-proj'`)).toEqual([{ seq: good, qty: 3 }]);
    // everything else of the same range, before and after the poison, is projected
    expect(await q(`SELECT count(*)::int AS n FROM central.bag_links WHERE station_id = 'poison-proj'`)).toEqual([{ n: 55 }]);
    expect(await q(`SELECT status, link_count FROM central.bags WHERE code = 'poison-proj-P0'`)).toEqual([{ status: 'closed', link_count: 50 }]);
    // and the rejection comes down to the station, like any other
    expect(await pullRejections(s.pool, s.local.db, 'poison-proj', timeouts)).toBe(1);
    // the station may read its own projection dead letters (row-level security), no other station's
    expect((await s.pool.query(`SELECT station_id, seq::int FROM central.projection_dead_letters`)).rows).toEqual([{ station_id: 'poison-proj', seq: bad }]);
  });

  it('a projection is called only for ranges holding the event types it registered', async () => {
    await admin.query(`
      CREATE OR REPLACE FUNCTION central.test_typed(p_station text, p_from bigint, p_to bigint) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'called for (%, %]', p_from, p_to USING ERRCODE = '23514'; END $$;
      INSERT INTO central.projections (name, fn, position, types) VALUES ('test-typed', 'central.test_typed', 1001, '{test.typed}')`);
    const s = await station('typed-proj');
    s.local.appendScans(30, 10);
    await s.ingest();
    expect(await projectAll(s.pool, timeouts)).toEqual({ projected: s.local.events().length, failed: 0 });
    const [typed] = s.local.append([{ type: 'test.typed', payload: {} }]);
    s.local.appendScans(5, 10);
    await s.ingest();
    expect((await projectAll(s.pool, timeouts)).failed).toBe(1);
    expect(await q(`SELECT seq::int, error FROM central.projection_dead_letters WHERE station_id = 'typed-proj'`))
      .toEqual([{ seq: typed, error: `test_typed: called for (${typed! - 1}, ${typed}]` }]);
  });

  it('station central project --once: projects the backlog and says how much', async () => {
    const s = await station('cli-proj');
    s.local.appendScans(300);
    await s.ingest();
    const r = runStation(['central', 'project', '--central', pg.central.adminUrl, '--once']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^projected \d+ events\n$/);
    await expectProjectedOnce('cli-proj', s.local);
    expect(runStation(['central', 'nothing', '--central', pg.central.adminUrl]).code).toBe(2);
  });

  it('repeatable function steps: applied once, again only when their text changes', async () => {
    expect(await migrateCentral(pg.central.adminUrl)).toMatchObject({ applied: [], functions: [] });
    expect((await q(`SELECT name FROM central.repeatable_functions ORDER BY name`)).map((r) => r.name))
      .toEqual(repeatableSteps.map((x) => x.name).sort());
    // a function whose recorded text is not what the release holds is replaced (here: a checksum from an older release)
    await admin.query(`UPDATE central.repeatable_functions SET checksum = 'old' WHERE name = 'central.project_bags'`);
    await admin.query(`CREATE OR REPLACE FUNCTION central.project_bags(p_station text, p_from bigint, p_to bigint) RETURNS void
      LANGUAGE sql AS $$ SELECT $$`);
    expect(await migrateCentral(pg.central.adminUrl)).toMatchObject({ applied: [], functions: ['central.project_bags'] });
    expect((await q(`SELECT prosrc LIKE '%link_run%' AS real FROM pg_proc WHERE proname = 'project_bags'`))).toEqual([{ real: true }]);
    expect((await q(`SELECT name, fn::text, types FROM central.projections ORDER BY position`))).toEqual([
      { name: 'bag', fn: 'central.project_bags', types: ['bag.'] },
      { name: 'container', fn: 'central.project_containers', types: ['container.'] },
      { name: 'weigh', fn: 'central.project_weights', types: ['weigh.'] },
      { name: 'bill', fn: 'central.project_bills', types: ['bill.'] },
      { name: 'user', fn: 'central.project_users', types: ['user.', 'session.started'] },
      { name: 'label', fn: 'central.project_labels', types: ['label.'] },
      { name: 'manifest', fn: 'central.project_manifests', types: ['manifest.imported', 'manifest.completed', 'manifest.closed_short'] },
      { name: 'statistics', fn: 'central.project_statistics', types: ['scan.', 'override.', 'container.', 'bag.', 'bill.added', 'bill.removed', 'manifest.verified', 'manifest.completed', 'manifest.closed_short', 'weigh.weighed'] },
    ]);
  });
});
