/**
 * Statistics at scale: a central seeded with a floor's history (central-seed-stats.ts), then, as a
 * station's role, the supervisor reads against their naive baselines in the same run: the dashboard
 * (an 8-hour shift) against COUNT(*) … GROUP BY over station_events; a container lookup against a scan
 * of the events; a code search against ILIKE over the events' payloads. 5 rounds, the median of each
 * round's p99. Then the projector's upkeep per event with the statistics projection registered
 * against the same work without it (unregistered), alternating, 5 rounds.
 * Size: BENCH_STATS_CONTAINERS (default 200k, about 2.6M events, so `npm run bench` stays short) and
 * BENCH_STATS_EVENTS; the goals are meant for 2M containers.
 */
import { Client, Pool } from 'pg';
import { uuidv7 } from 'uuidv7';
import { ingestBatch } from '../src/central/ingest';
import { projectAll } from '../src/central/projector';
import { inTransaction } from '../src/central/transaction';
import type { OutboxRow } from '../src/store/outbox';
import { centralBench, nowMs } from './central-fixtures';
import { seedStatistics } from './central-seed-stats';
import { percentile, report } from './report';

const CONTAINERS = Number(process.env.BENCH_STATS_CONTAINERS ?? 200_000);
const EVENTS = Number(process.env.BENCH_STATS_EVENTS ?? CONTAINERS * 10);
const ROUNDS = 5;
const UPKEEP_EVENTS = Number(process.env.BENCH_STATS_UPKEEP ?? 20_000);
const timeouts = { statementTimeoutMs: 600_000, idleInTransactionTimeoutMs: 600_000 };
const median = (xs: number[]) => percentile(xs, 50);

async function main(): Promise<void> {
  const bench = await centralBench('central-stats', ['up-a', 'up-b']);
  if (!bench) return;
  const admin = new Client({ connectionString: bench.adminUrl });
  const station = new Pool({ connectionString: bench.stations.get('up-a'), max: 1 });
  try {
    await admin.connect();
    const seeded = await seedStatistics(admin, { containers: CONTAINERS, events: EVENTS });
    console.log(`seeded ${seeded.containers} containers, ${seeded.events} events: events ${seeded.seconds.events.toFixed(0)} s, ` +
      `projection tables ${seeded.seconds.projections.toFixed(0)} s, statistics catch-up ${seeded.seconds.statistics.toFixed(0)} s`);
    const size = `${(seeded.containers / 1e6).toFixed(2)}M containers, ${(seeded.events / 1e6).toFixed(1)}M events`;
    const { rows: [span] } = await admin.query(`SELECT max(hour) AS last FROM central.stats_hourly`);
    const to = new Date(new Date(span.last).getTime() + 3600_000);
    const from = new Date(to.getTime() - 8 * 3600_000);
    const codes = (await admin.query(`SELECT code FROM central.containers TABLESAMPLE SYSTEM (1) LIMIT 500`)).rows.map((r) => r.code as string);
    const pick = (i: number) => codes[(i * 7919) % codes.length]!;
    // a search term: 6 digits from the middle of a code (a few matches)
    const term = (i: number) => pick(i).slice(-6);

    const sc = await station.connect();
    const timed = async (c: { query: (s: string, p: unknown[]) => Promise<unknown> }, n: number, sql: (i: number) => [string, unknown[]]) => {
      const ms: number[] = [];
      for (let i = 0; i < n; i++) {
        const [s, p] = sql(i);
        const t = nowMs();
        await c.query(s, p);
        ms.push(nowMs() - t);
      }
      return percentile(ms, 99);
    };
    // the naive baselines scan every event: few samples at full size
    const naiveN = Math.max(1, Math.min(20, Math.round(2e6 / seeded.events)));
    const figs = { dash: [] as number[], dashNaive: [] as number[], look: [] as number[], lookNaive: [] as number[], find: [] as number[], findNaive: [] as number[] };
    for (let r = 0; r < ROUNDS; r++) {
      figs.dash.push(await timed(sc, 200, () => ['SELECT * FROM central.dashboard($1, $2)', [from, to]]));
      figs.dashNaive.push(await timed(admin, naiveN, () => [`SELECT station_id, date_trunc('hour', device_time, 'UTC'), count(*),
        count(*) FILTER (WHERE type = 'container.child_linked'), count(*) FILTER (WHERE type = 'scan.rejected'),
        count(*) FILTER (WHERE type = 'container.closed') FROM central.station_events
        WHERE device_time >= $1 AND device_time < $2 GROUP BY GROUPING SETS ((1, 2), (2))`, [from, to]]));
      figs.look.push(await timed(sc, 500, (i) => ['SELECT * FROM central.container_lookup($1)', [pick(i + r)]]));
      figs.lookNaive.push(await timed(admin, naiveN, (i) => [`SELECT type, payload FROM central.station_events
        WHERE payload->>'container' = $1 OR payload->>'parent' = $1`, [pick(i + r)]]));
      figs.find.push(await timed(sc, 200, (i) => ['SELECT * FROM central.search_codes($1, NULL, 50)', [term(i + r)]]));
      figs.findNaive.push(await timed(admin, naiveN, (i) => [`SELECT DISTINCT payload->>'container' AS code FROM central.station_events
        WHERE type = 'container.opened' AND payload::text ILIKE '%' || $1 || '%' ORDER BY 1 LIMIT 50`, [term(i + r)]]));
    }
    sc.release();
    report({ name: `dashboard (8 h shift), p99, ${size}`, value: median(figs.dash), unit: 'ms',
      baseline: { name: 'COUNT(*) GROUP BY over station_events', value: median(figs.dashNaive) }, goal: '≤ 2 ms', met: median(figs.dash) <= 2 });
    report({ name: `container lookup, p99, ${size}`, value: median(figs.look), unit: 'ms',
      baseline: { name: 'scan of station_events', value: median(figs.lookNaive) }, goal: '≤ 1 ms', met: median(figs.look) <= 1 });
    report({ name: `code search (50 per page), p99, ${size}`, value: median(figs.find), unit: 'ms',
      baseline: { name: 'ILIKE over event payloads', value: median(figs.findNaive) }, goal: '≤ 20 ms', met: median(figs.find) <= 20 });

    // upkeep: the same container work projected with and without the statistics projection
    const registration = (await admin.query(`SELECT name, fn::text, position, types FROM central.projections WHERE name = 'statistics'`)).rows[0];
    const withStats: number[] = [];
    const without: number[] = [];
    const pools = new Map(['up-a', 'up-b'].map((id) => [id, new Pool({ connectionString: bench.stations.get(id), max: 1 })]));
    const seqs = new Map([['up-a', 0], ['up-b', 0]]);
    for (let r = 0; r < ROUNDS * 2; r++) {
      const stats = r % 2 === 0;
      const id = stats ? 'up-a' : 'up-b';
      if (stats) await admin.query(`INSERT INTO central.projections (name, fn, position, types) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [registration.name, registration.fn, registration.position, registration.types]);
      else await admin.query(`DELETE FROM central.projections WHERE name = 'statistics'`);
      const rows = work(id, r, seqs.get(id)!, UPKEEP_EVENTS);
      seqs.set(id, rows[rows.length - 1]!.seq);
      const pool = pools.get(id)!;
      // small batches, as online stations send them: one ingest-log entry each
      for (let i = 0; i < rows.length; i += 10) await inTransaction(pool, timeouts, (c) => ingestBatch(c, id, rows.slice(i, i + 10)));
      const t = nowMs();
      await projectAll(pool, timeouts, { timeoutMs: 3_600_000 });
      (stats ? withStats : without).push((nowMs() - t) * 1000 / rows.length);
    }
    await admin.query(`INSERT INTO central.projections (name, fn, position, types) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [registration.name, registration.fn, registration.position, registration.types]);
    for (const p of pools.values()) await p.end();
    report({ name: `projector with statistics, ${UPKEEP_EVENTS} container events in 10-event ingests, on ${size}`, value: median(withStats), unit: 'µs/event',
      baseline: { name: 'the projector without statistics', value: median(without) },
      goal: 'upkeep small against the projection itself', met: median(withStats) - median(without) <= 0.5 * median(without) });
    console.log(`statistics upkeep: ${(median(withStats) - median(without)).toFixed(1)} µs per event`);
  } finally {
    await station.end();
    await admin.end();
    await bench.close();
  }
}

/** Container work at one station: bags of 12 items, opened, filled, closed, with a refused scan now and then. */
function work(stationId: string, round: number, lastSeq: number, n: number): OutboxRow[] {
  const rows: OutboxRow[] = [];
  let seq = lastSeq;
  const add = (type: string, payload: object) => rows.push({ seq: ++seq, id: uuidv7(), stationId, type, payload: JSON.stringify(payload),
    deviceTime: new Date().toISOString(), correlationId: uuidv7(), deviceId: 'scanner-1', userId: `p${seq % 7}` });
  for (let b = 0; rows.length < n; b++) {
    const code = `UP-${stationId}-${round}-${b}`;
    add('container.opened', { container: code, type: 'bag', capacity: 12 });
    for (let i = 0; i < 12; i++) add('container.child_linked', { parent: code, child: `${code}-${i}`, childType: 'item' });
    if (b % 5 === 0) add('scan.rejected', { code: 'X', codeClass: 'unknown', reason: 'not a known code' });
    add('container.closed', { container: code, reason: 'full', count: 12 });
  }
  return rows;
}

main().catch((err: unknown) => {
  console.error(`central-stats benchmark failed: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
