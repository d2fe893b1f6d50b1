/**
 * The statistics' definition as one set-based recount over the events the projector has passed and
 * the projections' tables (part of the `central.project_statistics` step). Two uses:
 * - `central.catch_up_statistics()` fills empty statistics tables from it (one pass over the events,
 *   not the incremental function range by range);
 * - test/integration/central/statistics.test.ts compares the incremental tables with it after every
 *   batch, so incremental == recount == catch-up.
 * "Passed" is per station: up to the seq before the first ingest-log entry beyond the projector's
 * cursor (what it has not passed it will project itself). Admin only (EXECUTE revoked from PUBLIC).
 *
 * `mixed`: a close whose children linked since the container was last opened (and before the close)
 * were of more than one type, i.e. the running min and max child type of that segment differ (the
 * same as count(DISTINCT) > 1, without a self-join).
 */
const EVENT_TYPES = `(e.type LIKE 'container.%' OR e.type LIKE 'bag.%' OR e.type IN ('scan.rejected', 'override.approved', 'bill.added',
    'bill.removed', 'manifest.verified', 'manifest.completed', 'manifest.closed_short', 'weigh.weighed'))`;
/** The container an event is about (the parent for a link, the target for a move). */
export const CONTAINER_OF = `CASE e.type WHEN 'container.child_linked' THEN e.payload->>'parent' WHEN 'container.child_moved' THEN e.payload->>'to'
    ELSE e.payload->>'container' END`;

export const STATISTICS_RECOUNT = `
CREATE OR REPLACE FUNCTION central.stats_projected_tops() RETURNS TABLE (station_id text, top bigint)
LANGUAGE sql STABLE SET search_path = pg_catalog, central AS $$
  SELECT s.station_id, least(s.top, coalesce((
    SELECT min(CASE WHEN l.txid = c.txid AND l.station_id = c.station_id THEN c.seq ELSE l.first_seq - 1 END)
    FROM central.ingest_log l
    WHERE l.station_id = s.station_id AND (l.txid, l.station_id, l.last_seq) > (c.txid, c.station_id, c.seq)), s.top))
  FROM (SELECT m.station_id, (SELECT max(e.seq) FROM central.station_events e WHERE e.station_id = m.station_id) AS top
        FROM central.station_marks m) s, central.projector_cursor c
  WHERE c.id = 1 AND s.top IS NOT NULL
$$;

CREATE OR REPLACE FUNCTION central.stats_recount_hourly() RETURNS SETOF central.stats_hourly
LANGUAGE sql STABLE SET search_path = pg_catalog, central AS $$
  WITH ev AS MATERIALIZED (
    SELECT e.station_id, e.seq, e.type, e.payload, e.device_time, e.received_at, coalesce(e.user_id, '') AS user_id
    FROM central.station_events e JOIN central.stats_projected_tops() t ON t.station_id = e.station_id AND e.seq <= t.top
    WHERE ${EVENT_TYPES}
  ), life AS (
    SELECT x.*, sum((x.kind = 'open')::int) OVER (PARTITION BY x.code ORDER BY x.station_id, x.seq) AS seg
    FROM (SELECT e.station_id, e.seq, CASE WHEN e.type IN ('container.opened', 'container.reopened') THEN 'open'
                   WHEN e.type = 'container.closed' THEN 'close' ELSE 'link' END AS kind,
                 ${CONTAINER_OF} AS code, e.payload->>'childType' AS child_type
          FROM ev e WHERE e.type IN ('container.opened', 'container.reopened', 'container.closed', 'container.child_linked',
            'container.child_moved')) x
  ), mix AS (
    SELECT y.station_id, y.seq, y.mixed FROM (
      SELECT l.station_id, l.seq, l.kind, min(l.child_type) OVER w <> max(l.child_type) OVER w AS mixed
      FROM life l WINDOW w AS (PARTITION BY l.code, l.seg ORDER BY l.station_id, l.seq)) y
    WHERE y.kind = 'close' AND y.mixed
  )
  SELECT date_trunc('hour', e.device_time, 'UTC'), e.station_id, e.user_id, count(*)::int,
    count(*) FILTER (WHERE e.type IN ('container.child_linked', 'bag.child_linked', 'manifest.verified'))::int,
    count(*) FILTER (WHERE e.type = 'scan.rejected')::int,
    count(*) FILTER (WHERE e.type IN ('container.opened', 'bag.parent_opened'))::int,
    count(*) FILTER (WHERE e.type IN ('container.closed', 'bag.parent_closed'))::int,
    coalesce(sum((e.payload->>'count')::integer) FILTER (WHERE e.type IN ('container.closed', 'bag.parent_closed')), 0)::int,
    count(m.seq)::int,
    count(*) FILTER (WHERE e.type = 'override.approved')::int,
    count(*) FILTER (WHERE e.type = 'container.voided')::int,
    count(*) FILTER (WHERE e.type = 'container.child_moved')::int,
    count(*) FILTER (WHERE e.type IN ('container.link_reversed', 'bag.link_reversed'))::int,
    count(*) FILTER (WHERE e.type IN ('container.reopened', 'bag.parent_reopened'))::int,
    count(*) FILTER (WHERE e.type = 'bill.added')::int,
    count(*) FILTER (WHERE e.type = 'bill.removed')::int,
    coalesce(sum(jsonb_array_length(e.payload->'lines')) FILTER (WHERE e.type IN ('manifest.completed', 'manifest.closed_short')), 0)::int,
    count(*) FILTER (WHERE e.type = 'weigh.weighed')::int,
    coalesce(sum(round((e.payload->>'grams')::numeric)) FILTER (WHERE e.type = 'weigh.weighed'), 0)::bigint,
    count(*) FILTER (WHERE abs(extract(epoch FROM e.received_at - e.device_time)) > 300)::int,
    max(e.received_at)
  FROM ev e LEFT JOIN mix m ON m.station_id = e.station_id AND m.seq = e.seq
  GROUP BY 1, 2, 3
$$;

-- the per-station rollup is a sum of the hourly rows (packers: the users other than '' in the hour)
CREATE OR REPLACE FUNCTION central.stats_recount_hourly_station() RETURNS SETOF central.stats_hourly_station
LANGUAGE sql STABLE SET search_path = pg_catalog, central AS $$
  SELECT h.hour, h.station, count(*) FILTER (WHERE h.user_id <> '')::int, sum(h.events)::int, sum(h.scans)::int, sum(h.refused)::int,
    sum(h.containers_opened)::int, sum(h.containers_closed)::int, sum(h.children)::int, sum(h.mixed)::int, sum(h.overrides)::int,
    sum(h.voids)::int, sum(h.moves)::int, sum(h.reversals)::int, sum(h.reopens)::int, sum(h.bills_added)::int, sum(h.bills_removed)::int,
    sum(h.manifest_lines)::int, sum(h.weighings)::int, sum(h.weight_grams)::bigint, sum(h.clock_skew)::int, max(h.last_received_at)
  FROM central.stats_hourly h GROUP BY 1, 2
$$;

-- open containers: the child types of the links since the last open (only the open containers' events are read)
CREATE OR REPLACE FUNCTION central.stats_recount_open() RETURNS SETOF central.stats_open_containers
LANGUAGE sql STABLE SET search_path = pg_catalog, central AS $$
  WITH open AS (
    SELECT c.code, c.opened_station, c.type, oe.device_time AS opened_at FROM central.containers c
    LEFT JOIN central.station_events oe ON oe.station_id = c.opened_station AND oe.seq = c.opened_seq
    WHERE c.status = 'open'
  ), life AS (
    SELECT y.*, max(y.seg) OVER (PARTITION BY y.code) AS last_seg FROM (
      SELECT x.*, sum((x.kind = 'open')::int) OVER (PARTITION BY x.code ORDER BY x.station_id, x.seq) AS seg
      FROM (SELECT e.station_id, e.seq, CASE WHEN e.type IN ('container.opened', 'container.reopened') THEN 'open' ELSE 'link' END AS kind,
                   ${CONTAINER_OF} AS code, e.payload->>'childType' AS child_type
            FROM central.station_events e JOIN central.stats_projected_tops() t ON t.station_id = e.station_id AND e.seq <= t.top
            WHERE e.type IN ('container.opened', 'container.reopened', 'container.child_linked', 'container.child_moved')
              AND ${CONTAINER_OF} IN (SELECT o.code FROM open o)) x) y
  )
  SELECT o.code, o.opened_station, o.type, o.opened_at,
    coalesce(t.types, '{}')
  FROM open o LEFT JOIN (
    SELECT l.code, array_agg(DISTINCT l.child_type ORDER BY l.child_type) AS types FROM life l
    WHERE l.kind = 'link' AND l.seg = l.last_seg AND l.child_type IS NOT NULL GROUP BY l.code) t ON t.code = o.code
$$;

CREATE OR REPLACE FUNCTION central.stats_recount_unbilled() RETURNS SETOF central.stats_unbilled
LANGUAGE sql STABLE SET search_path = pg_catalog, central AS $$
  SELECT c.code, c.closed_station, ce.device_time FROM central.containers c
  LEFT JOIN central.station_events ce ON ce.station_id = c.closed_station AND ce.seq = c.closed_seq
  WHERE c.status = 'closed' AND NOT EXISTS (SELECT 1 FROM central.bill_containers b WHERE b.container = c.code)
$$;

REVOKE EXECUTE ON FUNCTION central.stats_projected_tops(), central.stats_recount_hourly(), central.stats_recount_hourly_station(),
  central.stats_recount_open(), central.stats_recount_unbilled() FROM PUBLIC;
`;
