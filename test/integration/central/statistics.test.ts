import fc from 'fast-check';
import { projectAll } from '../../../src/central/projector';
import { describeWithCentral } from './helpers/central-db';
import { closeAll, testStation, type Closable } from './helpers/test-station';

jest.setTimeout(180_000);

const timeouts = { statementTimeoutMs: 60_000, idleInTransactionTimeoutMs: 60_000 };
type Ev = { type: string; payload: Record<string, unknown>; who?: { userId: string } };

/**
 * What a station would record, from random choices: containers opened, filled, closed, undone,
 * voided, moved and reopened, refused scans, overrides, weighings and bills. Codes carry the station
 * and round, so each container belongs to one station.
 */
function simulate(station: string, round: number, choices: number[], seqBase: number): Ev[] {
  const out: Ev[] = [];
  const open: Array<{ code: string; type: string; children: string[]; lastLink?: { child: string; seq: number } }> = [];
  const closed: string[] = [];
  const billed = new Set<string>();
  let n = 0;
  const bill = `${station}-B${String(round).padStart(6, '0')}`;
  const push = (e: Ev, user: string) => out.push({ ...e, who: { userId: user } }) - 1 + seqBase;
  for (const c of choices) {
    const user = `u${c % 5}`;
    const cur = open[open.length - 1];
    const kind = c % 17;
    if (!cur || kind === 0) {
      const type = ['bag', 'sack', 'pallet'][c % 3]!;
      const code = `${station}-${round}-${type.toUpperCase()}-${n++}`;
      open.push({ code, type, children: [] });
      push({ type: 'container.opened', payload: { container: code, type, capacity: 20 } }, user);
    } else if (kind <= 6) {
      const sack = cur.type === 'pallet' ? closed.find((s) => s.includes('-SACK-') && !billed.has(s)) : undefined;
      const child = sack ?? `${station}-${round}-ITEM-${n++}`;
      if (sack) closed.splice(closed.indexOf(sack), 1);
      const childType = sack ? 'sack' : ['item', 'item', 'fragile'][c % 3]!;
      const seq = push({ type: 'container.child_linked', payload: { parent: cur.code, child, childType } }, user);
      cur.children.push(child);
      cur.lastLink = { child, seq };
    } else if (kind === 7) {
      push({ type: 'scan.rejected', payload: { code: 'XX', codeClass: 'unknown', reason: 'not a code' } }, user);
    } else if (kind === 8 && cur.lastLink) {
      push({ type: 'container.link_reversed', payload: { parent: cur.code, child: cur.lastLink.child, reversesSeq: cur.lastLink.seq, reason: 'wrong' } }, user);
      cur.children.splice(cur.children.indexOf(cur.lastLink.child), 1);
      cur.lastLink = undefined;
    } else if (kind === 9 || kind === 10) {
      push({ type: 'container.closed', payload: { container: cur.code, reason: 'manual', count: cur.children.length } }, user);
      push({ type: 'weigh.weighed', payload: { container: cur.code, scaleId: 's1', grams: 100 + c, expectedGrams: null, toleranceGrams: null,
        maxWeightG: null, within: true, verdict: 'within' } }, user);
      closed.push(open.pop()!.code);
    } else if (kind === 11) {
      push({ type: 'override.approved', payload: { action: 'container.void', permission: 'pack.undo', requestedBy: user, supervisorId: 'sup', reason: 'r' } }, user);
      push({ type: 'container.voided', payload: { container: cur.code, reason: 'broken', children: cur.children, parent: null } }, user);
      open.pop();
    } else if (kind === 12 && open.length > 1 && cur.children.length) {
      const to = open[0]!;
      const child = cur.children.pop()!;
      push({ type: 'container.child_moved', payload: { from: cur.code, to: to.code, child, childType: 'item', approvedBy: 'sup' } }, user);
      to.children.push(child);
      cur.lastLink = undefined;
    } else if (kind === 13 && closed.length && !billed.has(closed[closed.length - 1]!)) {
      const code = closed.pop()!;
      push({ type: 'container.reopened', payload: { container: code, reason: 'one more' } }, user);
      open.push({ code, type: code.split('-')[2]!.toLowerCase(), children: [] });
    } else if (kind === 14 || kind === 15) {
      const code = closed.find((x) => !billed.has(x));
      if (code) {
        if (!billed.size) push({ type: 'bill.opened', payload: { bill } }, user);
        billed.add(code);
        push({ type: 'bill.added', payload: { bill, container: code, type: 'bag', children: 1, grams: null, estimatedGrams: 10 } }, user);
      }
    } else if (kind === 16 && billed.size) {
      const code = [...billed][0]!;
      billed.delete(code);
      push({ type: 'bill.removed', payload: { bill, container: code, reason: 'not this one' } }, user);
    }
  }
  return out;
}

// the full recount (src/central/schema/repeatable/statistics-recount.sql.ts, also the catch-up): plain
// SQL over the events and the projections, to compare with the incremental tables
const COLUMNS = `hour, station, user_id, events, scans, refused, containers_opened, containers_closed, children, mixed, overrides,
  voids, moves, reversals, reopens, bills_added, bills_removed, manifest_lines, weighings, weight_grams::text, clock_skew, last_received_at`;
const HOURLY = `SELECT ${COLUMNS} FROM central.stats_recount_hourly() ORDER BY 1, 2, 3`;
const STORED_HOURLY = `SELECT ${COLUMNS} FROM central.stats_hourly ORDER BY 1, 2, 3`;
const ROLLUP = `SELECT * FROM central.stats_recount_hourly_station() ORDER BY 1, 2`;
const STORED_ROLLUP = `SELECT * FROM central.stats_hourly_station ORDER BY 1, 2`;
const OPEN = `SELECT code, station, type, opened_at, child_types FROM central.stats_recount_open() ORDER BY 1`;
const UNBILLED = `SELECT code, station, closed_at FROM central.stats_recount_unbilled() ORDER BY 1`;

/**
 * The statistics projection (src/central/schema/repeatable/statistics.sql.ts) against a full recount:
 * random station work goes through ingest and the projector (in ranges of any size), and the
 * incremental tables must equal what plain SQL over the events and the projections says, after each batch.
 */
describeWithCentral('central statistics', (pg) => {
  const open: Closable[] = [];
  afterAll(() => closeAll(open));
  const q = async (sql: string, params: unknown[] = []) => (await pg.central.admin.query(sql, params)).rows;
  const stations: Array<Awaited<ReturnType<typeof testStation>>> = [];
  beforeAll(async () => {
    for (const id of ['st-a', 'st-b', 'st-c']) stations.push(await testStation(pg.central, id, open, timeouts));
  });

  it('the incremental statistics equal a full recount, batch after batch', async () => {
    let round = 0;
    await fc.assert(fc.asyncProperty(
      fc.array(fc.array(fc.nat(10_000), { minLength: 40, maxLength: 120 }), { minLength: 3, maxLength: 3 }),
      fc.array(fc.integer({ min: 0, max: 6 * 60 }), { minLength: 3, maxLength: 3 }),
      fc.integer({ min: 1, max: 400 }),
      async (work, minutesBack, limit) => {
        round++;
        for (const [i, s] of stations.entries()) {
          const base = s.local.db.prepare('SELECT coalesce(max(seq), 0) FROM events').pluck().get() as number;
          s.local.append(simulate(s.id, round, work[i]!, base + 1));
          // device times spread over hours, a few far from central's receive time (clock skew); the
          // local log is append-only, so the rows are shifted on their way to central
          const rows = s.local.events().filter((e) => e.seq > base).map((e) => ({ ...e,
            deviceTime: new Date(Date.now() - (minutesBack[i]! + (e.seq % 7 === 0 ? 30 : 0)) * 60_000 + e.seq * 1000).toISOString() }));
          await s.ingest(rows);
          // small steps too: a container's open, links and close land in different ranges
          await projectAll(s.pool, timeouts, { limit });
        }
        expect(await q(`SELECT count(*)::int AS n FROM central.projection_dead_letters`)).toEqual([{ n: 0 }]);
        expect(await q(STORED_HOURLY)).toEqual(await q(HOURLY));
        expect(await q(STORED_ROLLUP)).toEqual(await q(ROLLUP));
        expect(await q(`SELECT code, station, type, opened_at, child_types FROM central.stats_open_containers ORDER BY 1`)).toEqual(await q(OPEN));
        expect(await q(`SELECT code, station, closed_at FROM central.stats_unbilled ORDER BY 1`)).toEqual(await q(UNBILLED));
        expect(await q(`SELECT station, unbilled FROM central.stats_station WHERE unbilled > 0 ORDER BY 1`)).toEqual(
          await q(`SELECT station, count(*)::int AS unbilled FROM (${UNBILLED}) u GROUP BY 1 ORDER BY 1`));
      }), { seed: 20_251_116, numRuns: 5, endOnFailure: true });
    expect((await q(`SELECT sum(events)::int AS n FROM central.stats_hourly`))[0].n).toBeGreaterThan(300);
    // the catch-up (the recount, set-based) from empty tables gives what the increments built
    const tables = ['stats_hourly', 'stats_hourly_station', 'stats_open_containers', 'stats_unbilled', 'stats_station'];
    const order = { stats_hourly: '1, 2, 3', stats_hourly_station: '1, 2' } as Record<string, string>;
    // a station whose unbilled went back to 0 keeps its row in the increments
    const read = async () => Promise.all(tables.map((t) => q(`SELECT * FROM central.${t} ${t === 'stats_station' ? 'WHERE unbilled > 0' : ''}
      ORDER BY ${order[t] ?? '1'}`)));
    const incremental = await read();
    await q(`DELETE FROM central.stats_hourly; DELETE FROM central.stats_hourly_station; DELETE FROM central.stats_open_containers;
      DELETE FROM central.stats_unbilled; DELETE FROM central.stats_station`);
    await q(`SELECT central.catch_up_statistics()`);
    expect(await read()).toEqual(incremental);
    await expect(q(`SELECT central.catch_up_statistics()`)).rejects.toThrow(/statistics exist already/);
  });

  it('a station cannot read the statistics tables, but can call the aggregate functions', async () => {
    const s = stations[0]!;
    for (const table of ['stats_hourly', 'stats_open_containers', 'stats_unbilled', 'stats_station']) {
      await expect(s.pool.query(`SELECT * FROM central.${table}`)).rejects.toMatchObject({ code: '42501' });
    }
    const from = new Date(Date.now() - 24 * 3600_000);
    const to = new Date(Date.now() + 3600_000);
    const dash = (await s.pool.query(`SELECT * FROM central.dashboard($1, $2)`, [from, to])).rows;
    const floor = dash.filter((r) => r.station === null);
    const all = await q(`SELECT sum(scans)::bigint::text AS scans FROM central.stats_hourly`);
    expect(floor.reduce((n, r) => n + Number(r.scans), 0)).toBe(Number(all[0].scans));
    expect(new Set(dash.map((r) => r.station))).toEqual(new Set(['st-a', 'st-b', 'st-c', null]));
    const now = (await s.pool.query(`SELECT * FROM central.dashboard_now()`)).rows;
    expect(now.find((r) => r.station === null)).toMatchObject({ unbilled: String((await q(UNBILLED)).length) });
    const kpis = (await s.pool.query(`SELECT * FROM central.packer_kpis($1, $2)`, [from, to])).rows;
    expect(kpis.map((k) => k.user_id).sort()).toEqual(['u0', 'u1', 'u2', 'u3', 'u4']);
    const [some] = await q(`SELECT code, type, status, parent, child_count FROM central.containers WHERE parent IS NOT NULL LIMIT 1`);
    expect((await s.pool.query(`SELECT code, type, status, parent, children FROM central.container_lookup($1)`, [some.code])).rows)
      .toEqual([{ code: some.code, type: some.type, status: some.status, parent: some.parent, children: some.child_count }]);
    // keyset pages: two pages of 5 are the first 10 matches, in code order
    const page1 = (await s.pool.query(`SELECT code FROM central.search_codes('SACK', NULL, 5)`)).rows.map((r) => r.code);
    const page2 = (await s.pool.query(`SELECT code FROM central.search_codes('SACK', $1, 5)`, [page1[4]])).rows.map((r) => r.code);
    const first10 = (await q(`SELECT code FROM central.containers WHERE code LIKE '%SACK%' ORDER BY code LIMIT 10`)).map((r) => r.code);
    expect([...page1, ...page2]).toEqual(first10);
    expect((await s.pool.query(`SELECT count(*)::int AS n FROM central.search_codes('%', NULL, 1000)`)).rows).toEqual([{ n: 0 }]);
  });
});
