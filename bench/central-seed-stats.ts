/**
 * Seeds a migrated central with a floor's history, server-side with generate_series (no rows cross
 * the wire): ~20 stations, ~150 packers with skewed rates (a few do most of the work), containers of
 * 8–20 children (bags of items, some mixed; sacks; pallets of sacks), refused scans, undos, voids
 * with their overrides, weighings and bills, spread over 60 days of device time, a few events with a
 * station clock far from central's. The projections' tables (containers, bill_containers) are
 * written as the projections would leave them; the statistics then come from
 * `central.catch_up_statistics()`, the set-based recount that the statistics test proves equal to the
 * incremental projection. Run directly: `node dist/bench/central-seed-stats.js ADMIN_URL`.
 * Size: BENCH_STATS_CONTAINERS (default 2M here) and BENCH_STATS_EVENTS (a target: children per
 * container are skewed to meet it, but never below 8, so the events may come out above it).
 */
import { Client } from 'pg';

export interface SeedSize { containers: number; events: number }
export interface Seeded { containers: number; events: number; seconds: { events: number; projections: number; statistics: number } }

export const STATIONS = 20;
export const PACKERS = 150;
const DAYS = 60;
const now = () => Number(process.hrtime.bigint()) / 1e9;

export async function seedStatistics(admin: Client, size: SeedSize): Promise<Seeded> {
  // mean children from the event target: open + close + children + ~1.3 extras per container
  const mean = Math.max(8.2, size.events / size.containers - 3.3);
  const shape = Math.min(40, Math.max(0.2, 13 / (mean - 7.5) - 1)); // children = 8 + floor(13 · r^shape)
  await admin.query(`SET synchronous_commit = off; SET maintenance_work_mem = '256MB'; SET work_mem = '64MB'`);
  await admin.query(`INSERT INTO central.stations (station_id, role_name)
    SELECT format('floor-%s', lpad(s::text, 2, '0')), format('seed_floor_%s', s) FROM generate_series(1, ${STATIONS}) s ON CONFLICT DO NOTHING`);
  let t = now();
  // one row per container: who, where, when, how many children and which extra events, and its first seq
  await admin.query(`SELECT setseed(0.42)`);
  await admin.query(`CREATE UNLOGGED TABLE seed_c AS
    WITH c AS (
      SELECT i, floor(${PACKERS} * random() ^ 2)::int AS packer, random() AS r1, random() AS r2, random() AS r3, random() AS r4
      FROM generate_series(1, ${size.containers}) i
    ), d AS (
      SELECT i, packer, format('floor-%s', lpad((packer % ${STATIONS} + 1)::text, 2, '0')) AS station,
        CASE WHEN r1 < 0.05 THEN 'pallet' WHEN r1 < 0.30 THEN 'sack' ELSE 'bag' END AS type,
        8 + floor(13 * r2 ^ ${shape})::int AS k,
        timestamptz '2026-01-01 06:00Z' + (i::float8 / ${size.containers} * ${DAYS}) * interval '1 day' AS at,
        i > ${size.containers} - 300 AS still_open,
        array_remove(ARRAY[CASE WHEN r3 < 0.3 THEN 'scan.rejected' END, CASE WHEN r4 < 0.02 THEN 'container.link_reversed' END,
          CASE WHEN r4 > 0.99 THEN 'override.approved' END,
          CASE WHEN i > ${size.containers} - 300 THEN NULL WHEN r4 > 0.99 THEN 'container.voided' ELSE 'container.closed' END,
          CASE WHEN i <= ${size.containers} - 300 AND r4 <= 0.99 THEN 'weigh.weighed' END,
          CASE WHEN i <= ${size.containers} - 3000 AND r4 <= 0.99 THEN 'bill.added' END], NULL) AS extras,
        r3 < 0.1 AS mixed
      FROM c
    )
    SELECT d.*, format('%s-%s-%s', upper(left(type, 3)), station, lpad(i::text, 8, '0')) AS code, 1 + k + cardinality(extras) AS n,
      sum(1 + k + cardinality(extras)) OVER (PARTITION BY station ORDER BY i) - (1 + k + cardinality(extras)) AS seq0
    FROM d`);
  await admin.query(`ALTER TABLE seed_c ADD PRIMARY KEY (i)`);
  // the events: j = 0 opens, 1..k link, then the extras in order
  await admin.query(`INSERT INTO central.station_events (station_id, seq, id, type, payload, device_time, received_at, correlation_id, device_id, user_id)
    SELECT c.station, c.seq0 + j + 1, gen_random_uuid(), x.type,
      CASE x.type
        WHEN 'container.opened' THEN jsonb_build_object('container', c.code, 'type', c.type, 'capacity', 20)
        WHEN 'container.child_linked' THEN jsonb_build_object('parent', c.code, 'child', c.code || '-' || j,
          'childType', CASE WHEN c.type = 'pallet' THEN 'sack' WHEN c.mixed AND j % 3 = 0 THEN 'fragile' ELSE 'item' END)
        WHEN 'scan.rejected' THEN jsonb_build_object('code', 'X' || j, 'codeClass', 'unknown', 'reason', 'not a known code')
        WHEN 'container.link_reversed' THEN jsonb_build_object('parent', c.code, 'child', c.code || '-' || c.k, 'reversesSeq', c.seq0 + c.k + 1, 'reason', 'wrong item')
        WHEN 'override.approved' THEN jsonb_build_object('action', 'container.void', 'permission', 'pack.undo', 'requestedBy', 'p' || c.packer, 'supervisorId', 'sup-1', 'reason', 'damaged')
        WHEN 'container.voided' THEN jsonb_build_object('container', c.code, 'reason', 'damaged', 'children', '[]'::jsonb, 'parent', NULL)
        WHEN 'container.closed' THEN jsonb_build_object('container', c.code, 'reason', 'full', 'count', c.k)
        WHEN 'weigh.weighed' THEN jsonb_build_object('container', c.code, 'scaleId', 's1', 'grams', 400 + c.k * 150, 'expectedGrams', NULL,
          'toleranceGrams', NULL, 'maxWeightG', NULL, 'within', true, 'verdict', 'within')
        ELSE jsonb_build_object('bill', format('%s-B%s', c.station, lpad((c.i / 400)::text, 6, '0')), 'container', c.code, 'type', c.type,
          'children', c.k, 'grams', 400 + c.k * 150, 'estimatedGrams', NULL)
      END,
      c.at + j * interval '9 seconds',
      c.at + j * interval '9 seconds' + CASE WHEN (c.i + j) % 211 = 0 THEN interval '11 minutes' ELSE interval '2 seconds' END,
      'seed', 'scanner-1', 'p' || c.packer
    FROM seed_c c, generate_series(0, c.n - 1) j,
      LATERAL (SELECT CASE WHEN j = 0 THEN 'container.opened' WHEN j <= c.k THEN 'container.child_linked' ELSE c.extras[j - c.k] END AS type) x`);
  const events = Number((await admin.query(`SELECT sum(n)::bigint AS n FROM seed_c`)).rows[0].n);
  const eventsS = now() - t;
  t = now();
  // what the container and bill projections would hold
  await admin.query(`INSERT INTO central.containers (code, type, status, parent, child_count, opened_station, opened_seq, closed_station, closed_seq)
    SELECT code, type, CASE WHEN still_open THEN 'open' WHEN 'container.voided' = ANY (extras) THEN 'voided' ELSE 'closed' END, NULL,
      CASE WHEN still_open OR 'container.closed' = ANY (extras) THEN k ELSE 0 END, station, seq0 + 1,
      CASE WHEN 'container.closed' = ANY (extras) THEN station END,
      CASE WHEN 'container.closed' = ANY (extras) THEN seq0 + 1 + k + array_position(extras, 'container.closed') END
    FROM seed_c`);
  await admin.query(`INSERT INTO central.bill_containers (container, bill, station_id, seq)
    SELECT code, format('%s-B%s', station, lpad((i / 400)::text, 6, '0')), station, seq0 + n FROM seed_c WHERE 'bill.added' = ANY (extras)`);
  await admin.query(`INSERT INTO central.station_marks (station_id, acked_seq)
    SELECT station, max(seq0 + n) FROM seed_c GROUP BY station ON CONFLICT (station_id) DO UPDATE SET acked_seq = excluded.acked_seq`);
  await admin.query(`DROP TABLE seed_c`);
  await admin.query(`ANALYZE central.station_events; ANALYZE central.containers; ANALYZE central.bill_containers`);
  const projectionsS = now() - t;
  t = now();
  await admin.query(`SELECT central.catch_up_statistics()`);
  await admin.query(`ANALYZE central.stats_hourly; ANALYZE central.stats_open_containers; ANALYZE central.stats_unbilled`);
  return { containers: size.containers, events, seconds: { events: eventsS, projections: projectionsS, statistics: now() - t } };
}

if (require.main === module) {
  const url = process.argv[2];
  if (!url) throw new Error('usage: central-seed-stats ADMIN_URL');
  const size = { containers: Number(process.env.BENCH_STATS_CONTAINERS ?? 2_000_000), events: Number(process.env.BENCH_STATS_EVENTS ?? 20_000_000) };
  const admin = new Client({ connectionString: url });
  void admin.connect().then(() => seedStatistics(admin, size)).then((r) => console.log(JSON.stringify(r)), (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  }).finally(() => admin.end());
}
