import { Pool } from 'pg';
import { adminDataSource } from '../../../src/central/schema/data-source';
import { listDeadLetters, readSyncStatus, retryDeadLetter, skipDeadLetter, type StationSyncStatus } from '../../../src/central/health';
import { projectAll, projectStep } from '../../../src/central/projector';
import { inTransaction } from '../../../src/central/transaction';
import { describeWithCentral } from './helpers/central-db';
import { testStation } from './helpers/test-station';
import type { StationDb } from './helpers/station-db';
import { station as runStation } from '../cli/run-cli';
import type { DataSource } from 'typeorm';

jest.setTimeout(120_000);

const timeouts = { statementTimeoutMs: 60_000, idleInTransactionTimeoutMs: 60_000 };

/**
 * Sync health (issue 10): per station the ingest lag, projection lag and open dead letters; retry and
 * skip of a dead letter, audited, admin only; the station's own figures through `central.station_health()`.
 */
describeWithCentral('central sync health', (pg) => {
  const open: Array<{ end(): Promise<void> } | StationDb> = [];
  let ds: DataSource;

  beforeAll(async () => {
    ds = adminDataSource(pg.central.adminUrl);
    await ds.initialize();
    // a stock posting a CHECK refuses (a poison projection), and an event type station_events refuses (a poison ingest)
    await pg.central.admin.query(`CREATE TABLE central.test_stock (station_id text, seq bigint, qty integer CHECK (qty >= 0));
      CREATE FUNCTION central.test_post_stock(p_station text, p_from bigint, p_to bigint) RETURNS void
      LANGUAGE sql AS $$
        INSERT INTO central.test_stock SELECT station_id, seq, (payload->>'qty')::int FROM central.station_events
        WHERE station_id = p_station AND seq > p_from AND seq <= p_to AND type = 'test.stock'
      $$;
      INSERT INTO central.projections (name, fn, position) VALUES ('test-stock', 'central.test_post_stock', 30);
      ALTER TABLE central.station_events ADD CONSTRAINT test_forbidden CHECK (type <> 'test.forbidden') NOT VALID`);
  });

  afterAll(async () => {
    for (const o of open) await ('db' in o ? o.close() : o.end());
    await ds?.destroy();
  });

  const station = (id: string) => testStation(pg.central, id, open, timeouts);

  const q = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => (await pg.central.admin.query<T>(sql, params)).rows;
  const statusOf = async (id: string): Promise<StationSyncStatus> => (await readSyncStatus(ds)).stations.find((s) => s.stationId === id)!;
  const health = async (pool: Pool) => (await inTransaction(pool, timeouts, (c) => c.query('SELECT * FROM central.station_health()'))).rows[0];

  let s: Awaited<ReturnType<typeof station>>;
  let badStock = 0;
  let forbidden = 0;
  let nul = 0;

  it('status: a backlog, a held projector, a poison event of ingest and of projection', async () => {
    s = await station('health-a');
    const other = await station('health-b');
    s.local.appendScans(10);
    forbidden = s.local.appendRaw('test.forbidden', '{}');
    nul = s.local.appendRaw('scan.rejected', '{"code": "\\u0000"}'); // jsonb refuses the NUL
    badStock = s.local.append([{ type: 'test.stock', payload: { qty: 3 } }, { type: 'test.stock', payload: { qty: -1 } }])[1]!;
    s.local.appendScans(5);
    const all = s.local.events();
    expect(await s.ingest(all.slice(0, all.length - 3))).toMatchObject({ deadLettered: 2 });
    // the station says it holds more than central has: the heartbeat's local seq and queue depth
    await inTransaction(s.pool, timeouts, (c) => c.query('SELECT central.heartbeat($1, $2, $3, $4)', [s.id, all.length, 3, 'test']));

    // the projector held: the cursor is locked, a step is busy, everything ingested is unprojected
    const holder = await pg.central.admin.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM central.projector_cursor FOR UPDATE');
      expect(await inTransaction(s.pool, timeouts, (c) => projectStep(c))).toMatchObject({ busy: true });
      const st = await statusOf(s.id);
      expect(st).toMatchObject({ centralMark: all.length - 3, localSeq: all.length, queueDepth: 3, ingestLag: 3,
        unprojected: all.length - 5, deadLetters: { ingest: 2, projection: 0 } });
      expect(st.oldestUnprojectedAgeMs).toEqual(expect.any(Number));
      expect(st.oldestDeadLetterAgeMs).toEqual(expect.any(Number));
      // the station reads its own figures, and no other station's
      expect(await health(s.pool)).toMatchObject({ unprojected: String(all.length - 5), ingest_dead_letters: '2', projection_dead_letters: '0' });
      expect(await health(other.pool)).toMatchObject({ unprojected: '0', oldest_unprojected: null, ingest_dead_letters: '0', projection_dead_letters: '0' });
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }

    expect(await projectAll(s.pool, timeouts)).toEqual({ projected: all.length - 5, failed: 1 }); // the two ingest dead letters are not stored
    const st = await statusOf(s.id);
    expect(st).toMatchObject({ unprojected: 0, oldestUnprojectedAgeMs: null, deadLetters: { ingest: 2, projection: 1 } });
    expect(await health(s.pool)).toMatchObject({ unprojected: '0', ingest_dead_letters: '2', projection_dead_letters: '1' });
    const st2 = await statusOf(other.id);
    expect(st2).toMatchObject({ centralMark: 0, localSeq: null, ingestLag: null, unprojected: 0, deadLetters: { ingest: 0, projection: 0 } });

    const listed = await listDeadLetters(ds, { station: s.id });
    expect(listed.map((d) => [d.kind, d.seq, d.status])).toEqual(expect.arrayContaining([
      ['ingest', forbidden, 'open'], ['ingest', nul, 'open'], ['projection', badStock, 'open']]));
    expect(listed).toHaveLength(3);
    expect(await listDeadLetters(ds, { kind: 'projection' })).toHaveLength(1);
  });

  const idOf = async (kind: 'ingest' | 'projection', seq: number) =>
    (await listDeadLetters(ds, { station: 'health-a', kind, all: true })).find((d) => d.seq === seq)!.id;

  it('retry of a projection dead letter: fails again and stays open; after a fix it is projected; audited', async () => {
    const id = await idOf('projection', badStock);
    const again = await retryDeadLetter(ds, 'projection', id, 'try once more');
    expect(again).toMatchObject({ status: 'open', error: expect.stringContaining('test_stock_qty_check') });
    expect(await q(`SELECT status FROM central.projection_dead_letters WHERE id = $1`, [id])).toEqual([{ status: 'open' }]);

    await pg.central.admin.query('ALTER TABLE central.test_stock DROP CONSTRAINT test_stock_qty_check');
    expect(await retryDeadLetter(ds, 'projection', id, 'negative stock allowed now')).toMatchObject({ status: 'retried', error: null });
    expect(await q(`SELECT qty FROM central.test_stock WHERE station_id = 'health-a' AND seq = $1`, [badStock])).toEqual([{ qty: -1 }]);
    expect((await statusOf('health-a')).deadLetters.projection).toBe(0);
    await expect(retryDeadLetter(ds, 'projection', id, 'again')).rejects.toThrow(`projection dead letter ${id} is already retried`);

    const who = (await q<{ who: string }>('SELECT session_user AS who'))[0]!.who;
    expect(await q(`SELECT who, action, kind, station_id, seq::int, reason, outcome, error IS NOT NULL AS failed
      FROM central.dead_letter_actions WHERE kind = 'projection' AND dead_letter_id = $1 ORDER BY id`, [id])).toEqual([
      { who, action: 'retry', kind: 'projection', station_id: 'health-a', seq: badStock, reason: 'try once more', outcome: 'failed', failed: true },
      { who, action: 'retry', kind: 'projection', station_id: 'health-a', seq: badStock, reason: 'negative stock allowed now', outcome: 'retried', failed: false },
    ]);
  });

  it('retry of an ingest dead letter: once valid, stored and projected; still invalid, stays open', async () => {
    const nulId = await idOf('ingest', nul);
    expect(await retryDeadLetter(ds, 'ingest', nulId, 'maybe')).toMatchObject({ status: 'open', error: expect.stringContaining('Unicode') });

    const id = await idOf('ingest', forbidden);
    await pg.central.admin.query('ALTER TABLE central.station_events DROP CONSTRAINT test_forbidden');
    expect(await retryDeadLetter(ds, 'ingest', id, 'the type is allowed now')).toMatchObject({ status: 'retried' });
    expect(await q(`SELECT type FROM central.station_events WHERE station_id = 'health-a' AND seq = $1`, [forbidden])).toEqual([{ type: 'test.forbidden' }]);
    expect((await statusOf('health-a')).unprojected).toBe(1);
    expect(await projectAll(s.pool, timeouts)).toEqual({ projected: 1, failed: 0 });
    expect((await statusOf('health-a')).unprojected).toBe(0);
    expect(await q(`SELECT action, outcome FROM central.dead_letter_actions WHERE kind = 'ingest' ORDER BY id`))
      .toEqual([{ action: 'retry', outcome: 'failed' }, { action: 'retry', outcome: 'retried' }]);
  });

  it('skip: marked skipped, audited; a reason is required; unknown or already skipped is refused', async () => {
    const id = await idOf('ingest', nul);
    await expect(skipDeadLetter(ds, 'ingest', id, '  ')).rejects.toThrow('a reason is required');
    await expect(skipDeadLetter(ds, 'ingest', 999_999, 'x')).rejects.toThrow('there is no ingest dead letter 999999');
    expect(await skipDeadLetter(ds, 'ingest', id, 'the NUL cannot be stored; the scan was redone')).toEqual({ stationId: 'health-a', seq: nul });
    await expect(skipDeadLetter(ds, 'ingest', id, 'again')).rejects.toThrow(`ingest dead letter ${id} is already skipped`);
    await expect(retryDeadLetter(ds, 'ingest', id, 'again')).rejects.toThrow(`ingest dead letter ${id} is already skipped`);
    expect(await q(`SELECT action, outcome, reason FROM central.dead_letter_actions WHERE kind = 'ingest' AND dead_letter_id = $1 ORDER BY id`, [id]))
      .toEqual([{ action: 'retry', outcome: 'failed', reason: 'maybe' }, { action: 'skip', outcome: 'skipped', reason: 'the NUL cannot be stored; the scan was redone' }]);
    const st = await statusOf('health-a');
    expect(st).toMatchObject({ deadLetters: { ingest: 0, projection: 0 }, oldestDeadLetterAgeMs: null });
    expect(await health(s.pool)).toMatchObject({ ingest_dead_letters: '0', projection_dead_letters: '0' });
  });

  it('a station role may neither retry nor skip, nor read the audit', async () => {
    const t = await station('health-c');
    t.local.appendScans(2);
    t.local.appendRaw('scan.rejected', '{"code": "\\u0000"}');
    await t.ingest();
    const id = (await listDeadLetters(ds, { station: 'health-c' }))[0]!.id;
    for (const sql of [`SELECT * FROM central.retry_dead_letter('ingest', ${id}, 'x')`, `SELECT * FROM central.skip_dead_letter('ingest', ${id}, 'x')`,
      'SELECT * FROM central.dead_letter_actions', 'SELECT * FROM central.sync_status()', `UPDATE central.dead_letters SET status = 'skipped'`]) {
      await expect(inTransaction(t.pool, timeouts, (c) => c.query(sql))).rejects.toMatchObject({ code: '42501' });
    }
    expect(await q(`SELECT status FROM central.dead_letters WHERE id = $1`, [id])).toEqual([{ status: 'open' }]);
    // the CLI with a station's URL: a clear line, no password
    const r = runStation(['central', 'deadletters', 'skip', '--central', t.url, '--id', String(id), '--kind', 'ingest', '--reason', 'x']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('may not retry or skip dead letters');
    const password = decodeURIComponent(new URL(t.url).password);
    expect(r.stderr).not.toContain(password);
  });

  it('station central status and deadletters list|retry|skip', async () => {
    const url = pg.central.adminUrl;
    const st = runStation(['central', 'status', '--central', url, '--json']);
    expect(st.stderr).toBe('');
    expect(st.code).toBe(0);
    const parsed = JSON.parse(st.stdout) as { stations: StationSyncStatus[]; projector: { projected: number } };
    expect(parsed.stations.find((x) => x.stationId === 'health-c')).toMatchObject({ deadLetters: { ingest: 1, projection: 0 }, unprojected: expect.any(Number) });
    expect(parsed.projector.projected).toBeGreaterThan(0);
    const text = runStation(['central', 'status', '--central', url]);
    expect(text.stdout).toMatch(/health-c .*unprojected [1-9]\d* \(oldest \d+ s\).*dead letters ingest 1 projection 0 \(oldest \d+ s\)/);
    expect(text.stdout).toMatch(/projector cursor: /);

    const list = runStation(['central', 'deadletters', 'list', '--central', url, '--station', 'health-c']);
    expect(list.code).toBe(0);
    const id = Number(/#(\d+)/.exec(list.stdout)![1]);
    expect(runStation(['central', 'deadletters', 'skip', '--central', url, '--id', String(id), '--kind', 'ingest']).code).toBe(2);
    expect(runStation(['central', 'deadletters', 'skip', '--central', url, '--id', String(id), '--kind', 'nope', '--reason', 'x']).code).toBe(2);
    const unknown = runStation(['central', 'deadletters', 'retry', '--central', url, '--id', '424242', '--kind', 'projection', '--reason', 'x']);
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining('there is no projection dead letter 424242') });
    const retry = runStation(['central', 'deadletters', 'retry', '--central', url, '--id', String(id), '--kind', 'ingest', '--reason', 'x']);
    expect(retry).toMatchObject({ code: 1, stderr: expect.stringContaining('failed again and stays open') });
    const skip = runStation(['central', 'deadletters', 'skip', '--central', url, '--id', String(id), '--kind', 'ingest', '--reason', 'redone']);
    expect(skip).toMatchObject({ code: 0, stdout: expect.stringContaining('skipped') });
    expect(runStation(['central', 'deadletters', 'list', '--central', url, '--station', 'health-c']).stdout).toBe('no dead letters\n');
    expect(runStation(['central', 'deadletters', 'list', '--central', url, '--station', 'health-c', '--all']).stdout).toContain('skipped');
  });
});
