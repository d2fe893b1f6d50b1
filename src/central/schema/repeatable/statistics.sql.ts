import { STATISTICS_READS } from './statistics-read.sql';
import { CONTAINER_OF, STATISTICS_RECOUNT } from './statistics-recount.sql';

/**
 * Statistics for the supervisor screen (migration 1730000000016).
 *
 * `central.project_statistics(station, from, to)` is a projection: the projector calls it after the
 * module projections (position 90) for every range that holds scan, override, container, bag, bill,
 * manifest or weighing events. Ranges are small (an ingest, often ten events), so its cost is per
 * call, not per event: three statements at most, each reading the range once by primary key, with
 * plans cached per connection (`plan_cache_mode = force_generic_plan`: re-planning these statements
 * on every call cost more than running them). Per range:
 * 1. the counters grouped by (hour, user), appended to `stats_pending`; the projector adds a step's
 *    pending rows to `stats_hourly` and the (hour, station) rollup once, at the end of the step
 *    (`central.fold_statistics()`), so ranges never update the hot counter rows. `mixed` uses the
 *    running min and max child type per container segment (a window, no self-join), and for a
 *    container opened in an earlier range its stored child types;
 * 2. only if the range touched containers: their running state in `stats_open_containers` (child
 *    types since the last open, opened_at), from the containers projection (which ran first, in the
 *    same transaction) and the range's links;
 * 3. only if it touched closes or bills: `stats_unbilled` and the per-station count.
 * The catch-up of a central that already holds events is the recount (statistics-recount.sql.ts),
 * set-based over all events; the test proves the incremental tables equal that recount.
 *
 * What counts: `scans` are accepted packing scans (container.child_linked, bag.child_linked,
 * manifest.verified); `refused` the scans the station refused (scan.rejected); `containers_closed`
 * and `children` come from container.closed / bag.parent_closed and their `count`; `mixed` the
 * closes whose children (linked since the container was last opened) were of more than one type;
 * `reversals` are undos. These are what the stations recorded: a link central rejected still counts
 * as the packer's work. The hour is device time (UTC), see the migration.
 */
const EVENT_TYPES = `(e.type LIKE 'container.%' OR e.type LIKE 'bag.%' OR e.type IN ('scan.rejected', 'override.approved', 'bill.added',
           'bill.removed', 'manifest.verified', 'manifest.completed', 'manifest.closed_short', 'weigh.weighed'))`;
const COUNTERS = ['events', 'scans', 'refused', 'containers_opened', 'containers_closed', 'children', 'mixed', 'overrides', 'voids', 'moves',
  'reversals', 'reopens', 'bills_added', 'bills_removed', 'manifest_lines', 'weighings', 'weight_grams', 'clock_skew'];
const add = (t: string) => COUNTERS.map((c) => `${c} = ${t}.${c} + excluded.${c}`).join(', ');

export const STATISTICS = {
  name: 'central.project_statistics',
  sql: `
CREATE OR REPLACE FUNCTION central.project_statistics(p_station text, p_from bigint, p_to bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  v_containers text[];
  v_billable text[];
BEGIN
  WITH ev AS MATERIALIZED (
    SELECT e.seq, e.type, e.payload, e.device_time, e.received_at, coalesce(e.user_id, '') AS user_id
    FROM central.station_events e
    WHERE e.station_id = p_station AND e.seq > p_from AND e.seq <= p_to AND ${EVENT_TYPES}
  ), life AS (
    -- each open (or reopen) starts a segment of its container; the running min/max child type per segment
    SELECT y.*, min(y.child_type) OVER w AS lo, max(y.child_type) OVER w AS hi FROM (
      SELECT x.*, sum((x.kind = 'open')::int) OVER (PARTITION BY x.code ORDER BY x.seq) AS seg
      FROM (SELECT e.seq, CASE WHEN e.type IN ('container.opened', 'container.reopened') THEN 'open' WHEN e.type = 'container.closed' THEN 'close'
                     ELSE 'link' END AS kind, ${CONTAINER_OF} AS code, e.payload->>'childType' AS child_type
            FROM ev e WHERE e.type IN ('container.opened', 'container.reopened', 'container.closed', 'container.child_linked',
              'container.child_moved')) x) y
    WINDOW w AS (PARTITION BY y.code, y.seg ORDER BY y.seq)
  ), mix AS (
    -- segment 0 continues the container's stored segment: its child types from earlier ranges count too
    SELECT l.seq FROM life l LEFT JOIN central.stats_open_containers o ON l.seg = 0 AND o.code = l.code
    WHERE l.kind = 'close' AND (l.lo <> l.hi OR (SELECT count(DISTINCT t) FROM unnest(o.child_types || l.lo) t) > 1)
  ), d AS (
    SELECT date_trunc('hour', e.device_time, 'UTC') AS hour, e.user_id, count(*)::int AS events,
      count(*) FILTER (WHERE e.type IN ('container.child_linked', 'bag.child_linked', 'manifest.verified'))::int AS scans,
      count(*) FILTER (WHERE e.type = 'scan.rejected')::int AS refused,
      count(*) FILTER (WHERE e.type IN ('container.opened', 'bag.parent_opened'))::int AS containers_opened,
      count(*) FILTER (WHERE e.type IN ('container.closed', 'bag.parent_closed'))::int AS containers_closed,
      coalesce(sum((e.payload->>'count')::integer) FILTER (WHERE e.type IN ('container.closed', 'bag.parent_closed')), 0)::int AS children,
      count(m.seq)::int AS mixed,
      count(*) FILTER (WHERE e.type = 'override.approved')::int AS overrides,
      count(*) FILTER (WHERE e.type = 'container.voided')::int AS voids,
      count(*) FILTER (WHERE e.type = 'container.child_moved')::int AS moves,
      count(*) FILTER (WHERE e.type IN ('container.link_reversed', 'bag.link_reversed'))::int AS reversals,
      count(*) FILTER (WHERE e.type IN ('container.reopened', 'bag.parent_reopened'))::int AS reopens,
      count(*) FILTER (WHERE e.type = 'bill.added')::int AS bills_added,
      count(*) FILTER (WHERE e.type = 'bill.removed')::int AS bills_removed,
      coalesce(sum(jsonb_array_length(e.payload->'lines')) FILTER (WHERE e.type IN ('manifest.completed', 'manifest.closed_short')), 0)::int
        AS manifest_lines,
      count(*) FILTER (WHERE e.type = 'weigh.weighed')::int AS weighings,
      coalesce(sum(round((e.payload->>'grams')::numeric)) FILTER (WHERE e.type = 'weigh.weighed'), 0)::bigint AS weight_grams,
      count(*) FILTER (WHERE abs(extract(epoch FROM e.received_at - e.device_time)) > 300)::int AS clock_skew,
      max(e.received_at) AS last_received_at
    FROM ev e LEFT JOIN mix m ON m.seq = e.seq
    GROUP BY 1, 2
  ), pend AS (
    -- appended only: the counters are added once per step, by central.fold_statistics()
    INSERT INTO central.stats_pending (hour, station, user_id, ${COUNTERS.join(', ')}, last_received_at)
    SELECT d.hour, p_station, d.user_id, ${COUNTERS.map((c) => `d.${c}`).join(', ')}, d.last_received_at FROM d
  )
  -- which containers' open or billed state this range may have changed
  SELECT array_agg(DISTINCT ${CONTAINER_OF}) FILTER (WHERE e.type LIKE 'container.%'),
    array_agg(DISTINCT e.payload->>'container') FILTER (WHERE e.type IN ('container.closed', 'container.reopened', 'container.voided',
      'bill.added', 'bill.removed'))
  INTO v_containers, v_billable
  FROM ev e;

  IF v_containers IS NOT NULL THEN
    WITH gone AS (
      DELETE FROM central.stats_open_containers o USING central.containers c
      WHERE o.code = ANY (v_containers) AND c.code = o.code AND c.status <> 'open'
    ), life AS (
      SELECT x.*, sum((x.kind = 'open')::int) OVER (PARTITION BY x.code ORDER BY x.seq) AS seg
      FROM (SELECT e.seq, CASE WHEN e.type IN ('container.opened', 'container.reopened') THEN 'open' ELSE 'link' END AS kind,
                   ${CONTAINER_OF} AS code, e.payload->>'childType' AS child_type
            FROM central.station_events e
            WHERE e.station_id = p_station AND e.seq > p_from AND e.seq <= p_to
              AND e.type IN ('container.opened', 'container.reopened', 'container.child_linked', 'container.child_moved')) x
    ), fresh AS (
      -- the child types of each container's last segment in this range; a reopen (segment > 0) starts afresh
      SELECT y.code, y.seg > 0 AS reset, coalesce(array_agg(DISTINCT y.child_type ORDER BY y.child_type) FILTER (WHERE y.kind = 'link' AND y.child_type IS NOT NULL),
               '{}') AS types
      FROM (SELECT l.*, max(l.seg) OVER (PARTITION BY l.code) AS last_seg FROM life l) y
      WHERE y.seg = y.last_seg GROUP BY y.code, y.seg
    )
    INSERT INTO central.stats_open_containers AS o (code, station, type, opened_at, child_types)
    SELECT c.code, c.opened_station, c.type, oe.device_time,
      CASE WHEN f.reset OR o.code IS NULL THEN coalesce(f.types, '{}')
        ELSE ARRAY(SELECT DISTINCT t FROM unnest(o.child_types || coalesce(f.types, '{}')) t ORDER BY t) END
    FROM central.containers c
    LEFT JOIN fresh f ON f.code = c.code
    LEFT JOIN central.stats_open_containers o ON o.code = c.code
    LEFT JOIN central.station_events oe ON oe.station_id = c.opened_station AND oe.seq = c.opened_seq
    WHERE c.code = ANY (v_containers) AND c.status = 'open'
    ON CONFLICT (code) DO UPDATE SET station = excluded.station, type = excluded.type, opened_at = excluded.opened_at,
      child_types = excluded.child_types;
  END IF;

  IF v_billable IS NOT NULL THEN
    WITH want AS (
      SELECT c.code, c.closed_station AS station, ce.device_time AS closed_at FROM central.containers c
      LEFT JOIN central.station_events ce ON ce.station_id = c.closed_station AND ce.seq = c.closed_seq
      WHERE c.code = ANY (v_billable) AND c.status = 'closed' AND NOT EXISTS (SELECT 1 FROM central.bill_containers b WHERE b.container = c.code)
    ), gone AS (
      DELETE FROM central.stats_unbilled u WHERE u.code = ANY (v_billable)
        AND NOT EXISTS (SELECT 1 FROM want w WHERE w.code = u.code AND w.station = u.station)
      RETURNING u.station, -1 AS n
    ), added AS (
      -- closed again (after a reopen) still unbilled: the row stays, with the newer close
      INSERT INTO central.stats_unbilled AS u (code, station, closed_at) SELECT w.code, w.station, w.closed_at FROM want w
      ON CONFLICT (code) DO UPDATE SET closed_at = excluded.closed_at
      RETURNING u.station, (u.xmax = 0)::int AS n
    ), delta AS (
      SELECT x.station, sum(x.n)::int AS n FROM (SELECT * FROM gone UNION ALL SELECT * FROM added) x GROUP BY 1 HAVING sum(x.n) <> 0
    ), upd AS (
      UPDATE central.stats_station s SET unbilled = s.unbilled + d.n FROM delta d WHERE s.station = d.station RETURNING s.station
    )
    -- a station's first unbilled container (never negative: what is gone was counted before)
    INSERT INTO central.stats_station (station, unbilled)
    SELECT d.station, d.n FROM delta d WHERE NOT EXISTS (SELECT 1 FROM upd WHERE upd.station = d.station);
  END IF;
END $$;
REVOKE EXECUTE ON FUNCTION central.project_statistics(text, bigint, bigint) FROM PUBLIC;
-- the end of a projector step (central.project calls it once, in the step's transaction): the step's
-- pending deltas, taken out in the same statement, summed per (hour, station, user) and added to
-- stats_hourly, and per (hour, station) to the rollup; a user's first row in an hour is one more packer
CREATE OR REPLACE FUNCTION central.fold_statistics() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  WITH p AS (
    DELETE FROM central.stats_pending RETURNING *
  ), d AS (
    SELECT p.hour, p.station, p.user_id, ${COUNTERS.map((c) => `sum(p.${c}) AS ${c}`).join(', ')}, max(p.last_received_at) AS last_received_at
    FROM p GROUP BY 1, 2, 3
  ), ins AS (
    INSERT INTO central.stats_hourly AS h (hour, station, user_id, ${COUNTERS.join(', ')}, last_received_at)
    SELECT d.hour, d.station, d.user_id, ${COUNTERS.map((c) => `d.${c}`).join(', ')}, d.last_received_at FROM d
    ON CONFLICT (hour, station, user_id) DO UPDATE SET ${add('h')}, last_received_at = greatest(h.last_received_at, excluded.last_received_at)
    RETURNING h.hour, h.station, h.user_id, h.xmax = 0 AS new
  )
  INSERT INTO central.stats_hourly_station AS s (hour, station, packers, ${COUNTERS.join(', ')}, last_received_at)
  SELECT d.hour, d.station, count(*) FILTER (WHERE i.new AND d.user_id <> '')::int, ${COUNTERS.map((c) => `sum(d.${c})`).join(', ')},
    max(d.last_received_at)
  FROM d JOIN ins i ON i.hour = d.hour AND i.station = d.station AND i.user_id = d.user_id GROUP BY d.hour, d.station
  ON CONFLICT (hour, station) DO UPDATE SET packers = s.packers + excluded.packers, ${add('s')},
    last_received_at = greatest(s.last_received_at, excluded.last_received_at);
END $$;
REVOKE EXECUTE ON FUNCTION central.fold_statistics() FROM PUBLIC;
${STATISTICS_RECOUNT}
-- the catch-up, for a central that held events before statistics existed: the recount of what the
-- projector has passed, with its cursor locked (the rest it projects itself); refused once any
-- statistics exist, so nothing is counted twice
CREATE OR REPLACE FUNCTION central.catch_up_statistics() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central SET work_mem = '256MB' AS $$
BEGIN
  PERFORM 1 FROM central.projector_cursor WHERE id = 1 FOR UPDATE;
  IF EXISTS (SELECT 1 FROM central.stats_hourly) OR EXISTS (SELECT 1 FROM central.stats_open_containers)
     OR EXISTS (SELECT 1 FROM central.stats_unbilled) THEN
    RAISE EXCEPTION 'statistics exist already: catch-up is for a central without any';
  END IF;
  INSERT INTO central.stats_hourly SELECT * FROM central.stats_recount_hourly();
  INSERT INTO central.stats_hourly_station SELECT * FROM central.stats_recount_hourly_station();
  INSERT INTO central.stats_open_containers SELECT * FROM central.stats_recount_open();
  INSERT INTO central.stats_unbilled SELECT * FROM central.stats_recount_unbilled();
  INSERT INTO central.stats_station (station, unbilled) SELECT u.station, count(*)::int FROM central.stats_unbilled u GROUP BY 1;
  RETURN (SELECT coalesce(sum(t.top), 0) FROM central.stats_projected_tops() t);
END $$;
REVOKE EXECUTE ON FUNCTION central.catch_up_statistics() FROM PUBLIC;
${STATISTICS_READS}
INSERT INTO central.projections (name, fn, position, types) VALUES ('statistics', 'central.project_statistics', 90,
  '{scan.,override.,container.,bag.,bill.added,bill.removed,manifest.verified,manifest.completed,manifest.closed_short,weigh.weighed}')
ON CONFLICT (name) DO UPDATE SET fn = excluded.fn, position = excluded.position, types = excluded.types;`,
};
