import { Pool } from 'pg';
import { ingestBatch, readMark } from '../../../../src/central/ingest';
import { Replicator } from '../../../../src/central/replicator';
import { inTransaction } from '../../../../src/central/transaction';
import { OutboxReader, type OutboxRow } from '../../../../src/store/outbox';
import { startTcpProxy } from '../../../helpers/tcp-proxy';
import { centralCounts, type CentralDb } from './central-db';
import { testConfig } from './config';
import { createStationDb, type StationDb } from './station-db';
import { waitFor } from './wait';

/** Stations the scenarios use; a PgBouncer setup must know their roles before it starts. */
export const EXACTLY_ONCE_STATIONS = ['replay', 'overlap', 'reorder', 'lostack', 'bytes', 'poison', 'reset', 'cuts'];

export interface ExactlyOnceContext {
  central: CentralDb;
  /** The station's URL, pointing wherever the scenario should connect (Postgres, or PgBouncer). */
  urlFor(stationId: string): string;
  /** A pooled station's token (its URL then names the fleet's shared login); absent for a station's own role. */
  tokenFor?(stationId: string): string;
}

const timeouts = { statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 60_000 };

/**
 * The exactly-once scenarios, defined once and run both straight against Postgres and through
 * PgBouncer in transaction mode. `ctx()` is read when each test runs (after beforeAll).
 */
export function exactlyOnceScenarios(ctx: () => ExactlyOnceContext): void {
  const pools: Pool[] = [];
  const stations: StationDb[] = [];
  let central: CentralDb;

  beforeAll(() => {
    central = ctx().central;
  });

  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    stations.forEach((s) => s.close());
  });

  async function station(id: string, events: number): Promise<{ pool: Pool; local: StationDb; rows: OutboxRow[] }> {
    const pool = new Pool({ connectionString: ctx().urlFor(id), max: 2 });
    pool.on('error', () => undefined);
    pools.push(pool);
    const local = createStationDb(id);
    stations.push(local);
    if (events > 0) local.appendScans(events, 40);
    return { pool, local, rows: local.events() };
  }

  const timeoutsFor = (id: string) => ({ ...timeouts, stationToken: ctx().tokenFor?.(id) });
  const send = (pool: Pool, id: string, rows: OutboxRow[]) => inTransaction(pool, timeoutsFor(id), (c) => ingestBatch(c, id, rows));
  const chunks = <T>(xs: T[], size: number): T[][] => Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));

  it('stores every event once when the same batches are replayed many times', async () => {
    const { pool, rows } = await station('replay', 3000);
    const batches = chunks(rows, 250);
    for (let i = 0; i < batches.length; i++) {
      // each batch three times, plus a replay of every earlier batch (acknowledgements that never arrived)
      for (let k = 0; k < 3; k++) await send(pool, 'replay', batches[i]!);
      for (let j = i % 4; j < i; j += 4) {
        const again = await send(pool, 'replay', batches[j]!);
        expect(again.inserted).toBe(0);
      }
    }
    // a batch straddling the mark: the old half is skipped, the new half lands
    const c = await centralCounts(central.admin, 'replay');
    expect(c).toEqual({ count: rows.length, distinct: rows.length, min: 1, max: rows.length, mark: rows.length, dead: 0 });
    const { rows: ids } = await central.admin.query<{ id: string }>(`SELECT id FROM central.station_events WHERE station_id = 'replay' ORDER BY seq`);
    expect(ids.map((r) => r.id)).toEqual(rows.map((r) => r.id));
  });

  it('takes a batch that overlaps the mark and stores only its new part', async () => {
    const { pool, rows } = await station('overlap', 1000);
    await send(pool, 'overlap', rows.slice(0, 600));
    const r = await send(pool, 'overlap', rows.slice(400));
    expect(r).toEqual({ ackedSeq: rows.length, inserted: rows.length - 600, deadLettered: 0 });
    expect(await centralCounts(central.admin, 'overlap')).toMatchObject({ count: rows.length, distinct: rows.length, mark: rows.length });
  });

  it('refuses a gap, and acknowledgements applied out of order never move the station mark back', async () => {
    const { pool, local, rows } = await station('reorder', 2000);
    const [first, second, third] = chunks(rows, 700);
    await expect(send(pool, 'reorder', second!)).rejects.toMatchObject({ code: 'SG001' });
    expect((await centralCounts(central.admin, 'reorder')).count).toBe(0);

    const ack1 = await send(pool, 'reorder', first!);
    const ack2 = await send(pool, 'reorder', second!);
    const ack3 = await send(pool, 'reorder', third!);
    const reader = new OutboxReader(local.file);
    try {
      // the acknowledgements reach the station in the order 3, 1, 2
      for (const ack of [ack3, ack1, ack2]) reader.acknowledge(ack.ackedSeq);
      expect(reader.ackedSeq()).toBe(rows.length);
      expect(local.outboxCount()).toBe(0);
    } finally {
      reader.close();
    }
    expect(await centralCounts(central.admin, 'reorder')).toMatchObject({ count: rows.length, distinct: rows.length, mark: rows.length });
  });

  it('prunes only up to the acknowledged mark, so a lost acknowledgement costs one harmless replay', async () => {
    const { pool, local, rows } = await station('lostack', 1500);
    const reader = new OutboxReader(local.file);
    try {
      const first = reader.readBatch(0, 500, 1 << 20);
      await send(pool, 'lostack', first); // committed, but the station never hears of it
      expect(local.outboxCount()).toBe(rows.length);
      let mark = await inTransaction(pool, timeoutsFor('lostack'), (c) => readMark(c, 'lostack'));
      expect(mark).toBe(500);
      // the worker restarts from its own (older) mark and replays: nothing doubles
      const replay = await send(pool, 'lostack', reader.readBatch(0, 1000, 1 << 20));
      expect(replay.inserted).toBe(500);
      reader.acknowledge(replay.ackedSeq);
      expect(local.outboxCount()).toBe(rows.length - 1000);
      mark = replay.ackedSeq;
      const rest = await send(pool, 'lostack', reader.readBatch(mark, 5000, 1 << 20));
      reader.acknowledge(rest.ackedSeq);
    } finally {
      reader.close();
    }
    expect(local.outboxCount()).toBe(0);
    expect(await centralCounts(central.admin, 'lostack')).toMatchObject({ count: rows.length, distinct: rows.length, mark: rows.length });
  });

  it('caps a batch by bytes as well as rows', async () => {
    const { local } = await station('bytes', 200);
    const reader = new OutboxReader(local.file);
    try {
      const one = reader.readBatch(0, 1000, 1024);
      expect(one.length).toBeGreaterThan(0);
      expect(one.length).toBeLessThan(20);
      expect(reader.readBatch(0, 7, 1 << 20)).toHaveLength(7);
    } finally {
      reader.close();
    }
  });

  it('dead-letters a poison event with its error and still advances the mark past it', async () => {
    const { pool, local } = await station('poison', 0);
    local.appendScans(30, 10);
    const bad = local.appendRaw('bag.child_linked', '{not json');
    local.appendScans(30, 10);
    const rows = local.events();
    const r = await send(pool, 'poison', rows);
    expect(r).toEqual({ ackedSeq: rows.length, inserted: rows.length - 1, deadLettered: 1 });
    const { rows: dead } = await central.admin.query(`SELECT seq::int, payload, sqlstate FROM central.dead_letters WHERE station_id = 'poison'`);
    expect(dead).toEqual([{ seq: bad, payload: '{not json', sqlstate: '22P02' }]);
    expect(await centralCounts(central.admin, 'poison')).toMatchObject({ count: rows.length - 1, mark: rows.length, dead: 1 });
    // the replay after a lost acknowledgement neither re-inserts nor dead-letters again
    expect(await send(pool, 'poison', rows)).toEqual({ ackedSeq: rows.length, inserted: 0, deadLettered: 0 });
  });

  it('refuses a replay whose events differ from what central already holds (a reset station log)', async () => {
    const { pool, rows } = await station('reset', 100);
    await send(pool, 'reset', rows);
    const forged = rows.slice(0, 10).map((r) => ({ ...r, id: '01890a5d-ac96-774b-bcce-b302099a8057' }));
    await expect(send(pool, 'reset', forged)).rejects.toMatchObject({ code: 'SG003' });
  });

  it('drains through cut connections and lost commit acknowledgements without a duplicate or a gap', async () => {
    const proxy = await startTcpProxy(Number(new URL(ctx().urlFor('cuts')).port));
    const url = new URL(ctx().urlFor('cuts'));
    url.port = String(proxy.port);
    const local = createStationDb('cuts');
    stations.push(local);
    local.appendScans(3000, 40);
    const r = new Replicator({ dbPath: local.file, stationId: 'cuts', config: testConfig(url.toString(), { stationToken: ctx().tokenFor?.('cuts') }) });
    void r.start();
    try {
      for (let i = 0; i < 4; i++) {
        await proxy.cutMidRequest(8_000);
        await proxy.cutOnCommitReply();
        local.appendScans(100, 40);
      }
      const total = local.events().length;
      await waitFor('the backlog to drain', () => r.status().queueDepth === 0 && r.status().centralMark === total);
    } finally {
      await r.stop();
      await proxy.close();
    }
    const total = local.events().length;
    const reader = new OutboxReader(local.file);
    expect(reader.ackedSeq()).toBe(total);
    reader.close();
    expect(await centralCounts(central.admin, 'cuts')).toEqual({ count: total, distinct: total, min: 1, max: total, mark: total, dead: 0 });
  });
}
