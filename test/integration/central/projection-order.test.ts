import fc from 'fast-check';
import { Pool } from 'pg';
import { uuidv7 } from 'uuidv7';
import { ingestBatch } from '../../../src/central/ingest';
import { projectAll } from '../../../src/central/projector';
import { inTransaction } from '../../../src/central/transaction';
import type { OutboxRow } from '../../../src/store/outbox';
import { postgresUnavailable, startPostgres, type PgCluster } from '../../helpers/postgres';
import { createCentralDb, type CentralDb } from './helpers/central-db';

jest.setTimeout(180_000);

const skip = postgresUnavailable();
if (skip) console.warn(`projection order tests skipped: ${skip}`);
const describePg = skip ? describe.skip : describe;

const timeouts = { statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 60_000 };

type Op =
  | { kind: 'open' | 'close' | 'aside' | 'reopen'; parent: number }
  | { kind: 'link'; parent: number; child: number }
  | { kind: 'undo'; pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('open' as const, 'close' as const, 'reopen' as const), parent: fc.nat(2) }) },
  // an empty parent set aside ('replaced'): central only applies it to an open bag without links
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('aside' as const), parent: fc.nat(2) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('link' as const), parent: fc.nat(2), child: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('undo' as const), pick: fc.nat(1000) }) },
);

/** The events a station would log for `ops`, with bag codes prefixed so runs and stations never share bags. */
function events(station: string, prefix: string, ops: Op[]): OutboxRow[] {
  const rows: OutboxRow[] = [];
  const links: Array<{ seq: number; parent: string; child: string }> = [];
  for (const o of ops) {
    const seq = rows.length + 1;
    let type: string;
    let payload: object;
    if (o.kind === 'link') {
      type = 'bag.child_linked';
      payload = { parent: `${prefix}P${o.parent}`, child: `${prefix}C${o.child}` };
      links.push({ seq, ...(payload as { parent: string; child: string }) });
    } else if (o.kind === 'undo') {
      const l = links[o.pick % Math.max(1, links.length)];
      if (!l) continue;
      type = 'bag.link_reversed';
      payload = { parent: l.parent, child: l.child, reversesSeq: l.seq, reason: 'undo' };
    } else {
      type = { open: 'bag.parent_opened', close: 'bag.parent_closed', aside: 'bag.parent_closed', reopen: 'bag.parent_reopened' }[o.kind];
      payload = { parent: `${prefix}P${o.parent}`, capacity: 5, reason: o.kind === 'aside' ? 'replaced' : 'manual', count: 0 };
    }
    rows.push({ seq, id: uuidv7(), stationId: station, type, payload: JSON.stringify(payload), deviceTime: new Date().toISOString(),
      correlationId: uuidv7(), deviceId: null, userId: null });
  }
  return rows;
}

/**
 * The set-based projection of a whole batch must decide exactly as applying the same events one by
 * one does (one event per batch is trivially in order): same bags, same links, same rejections.
 */
describePg('batch projection equals event-by-event projection', () => {
  let cluster: PgCluster;
  let central: CentralDb;
  let pool: Pool;
  let run = 0;

  beforeAll(async () => {
    cluster = await startPostgres();
    central = await createCentralDb(cluster);
    pool = new Pool({ connectionString: central.adminUrl, max: 2 });
  }, 60_000);

  afterAll(async () => {
    await pool?.end();
    await central?.close();
    await cluster?.teardown();
  });

  async function project(station: string, prefix: string, rows: OutboxRow[], batchSize: number): Promise<unknown> {
    await central.admin.query(`INSERT INTO central.stations (station_id, role_name) VALUES ($1, $1);
      INSERT INTO central.station_marks (station_id) VALUES ($1)`.replace(/\$1/g, `'${station}'`));
    for (let i = 0; i < rows.length; i += batchSize) {
      await inTransaction(pool, timeouts, (c) => ingestBatch(c, station, rows.slice(i, i + batchSize)));
      await projectAll(pool, timeouts);
    }
    const strip = (v: unknown) => (typeof v === 'string' ? v.replace(prefix, '') : v);
    const q = async (sql: string) => (await central.admin.query(sql, [station, `${prefix}%`])).rows.map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, strip(v)])));
    return {
      bags: await q(`SELECT code, status, link_count, closed_seq, capacity, opened_seq, close_reason FROM central.bags
        WHERE code LIKE $2 AND $1 = $1 ORDER BY code`),
      links: await q(`SELECT parent, child, seq, reversed_seq FROM central.bag_links WHERE station_id = $1 AND $2 = $2 ORDER BY seq`),
      rejections: await q(`SELECT seq, reason, winner_seq FROM central.rejections WHERE station_id = $1 AND $2 = $2 ORDER BY seq`),
    };
  }

  it('for random bag histories with undo, close, set-aside and reopen', async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), async (ops) => {
      run++;
      const whole = await project(`whole-${run}`, `w${run}-`, events(`whole-${run}`, `w${run}-`, ops), 1000);
      const single = await project(`single-${run}`, `s${run}-`, events(`single-${run}`, `s${run}-`, ops), 1);
      // batches of 7: undo of a link from an earlier batch takes the set-based path
      const sevens = await project(`sevens-${run}`, `v${run}-`, events(`sevens-${run}`, `v${run}-`, ops), 7);
      expect(whole).toEqual(single);
      expect(sevens).toEqual(single);
    }), { numRuns: 60 });
  });
});
