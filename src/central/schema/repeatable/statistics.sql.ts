import { STATISTICS_READS } from './statistics-read.sql';

/**
 * Statistics for the supervisor screen (migration 1730000000016).
 *
 * `central.project_statistics(station, from, to)` is a projection: the projector calls it after the
 * module projections (position 90) for every range that holds scan, override, container, bag, bill,
 * manifest or weighing events. It is set-based: one INSERT … ON CONFLICT DO UPDATE per range adds
 * the range's counters grouped by (hour, station, user), so its upkeep is a few statements per range,
 * not per event. Then, only when the range touched containers or bills, it re-reads the touched
 * containers' state from the projections (which ran first, in the same transaction) into the open and
 * unbilled tables. The catch-up of a central that already holds events is the very same function,
 * called over each station's whole seq range (`central.catch_up_statistics()`).
 *
 * What counts: `scans` are accepted packing scans (container.child_linked, bag.child_linked,
 * manifest.verified); `refused` the scans the station refused (scan.rejected); `containers_closed`
 * and `children` come from container.closed / bag.parent_closed and their `count`; `mixed` the
 * closes whose children (linked since the container was last opened) were of more than one type;
 * `reversals` are undos. These are what the stations recorded: a link central rejected still counts
 * as the packer's work. The hour is device time (UTC), see the migration.
 *
 * The read functions return aggregates only, SECURITY DEFINER, for stations (and admins).
 */
export const STATISTICS = {
  name: 'central.project_statistics',
  sql: `
CREATE OR REPLACE FUNCTION central.project_statistics(p_station text, p_from bigint, p_to bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
  v_containers text[];
  v_billable text[];
BEGIN
  -- the container lifecycle in this range: each open (or reopen) starts a segment of that container
  WITH ev AS MATERIALIZED (
    SELECT e.seq, e.type, e.payload, e.device_time, e.received_at, coalesce(e.user_id, '') AS user_id
    FROM central.station_events e
    WHERE e.station_id = p_station AND e.seq > p_from AND e.seq <= p_to
      AND (e.type LIKE 'container.%' OR e.type LIKE 'bag.%' OR e.type IN ('scan.rejected', 'override.approved', 'bill.added',
           'bill.removed', 'manifest.verified', 'manifest.completed', 'manifest.closed_short', 'weigh.weighed'))
  ), life AS (
    SELECT x.*, sum((x.kind = 'open')::int) OVER (PARTITION BY x.code ORDER BY x.seq) AS seg
    FROM (SELECT seq, CASE WHEN type IN ('container.opened', 'container.reopened') THEN 'open' WHEN type = 'container.closed' THEN 'close' ELSE 'link' END AS kind,
                 CASE type WHEN 'container.child_linked' THEN payload->>'parent' WHEN 'container.child_moved' THEN payload->>'to'
                   ELSE payload->>'container' END AS code,
                 payload->>'childType' AS child_type
          FROM ev WHERE type IN ('container.opened', 'container.reopened', 'container.closed', 'container.child_linked', 'container.child_moved')) x
  ), mix AS (
    -- a close is mixed when the children linked since the last open (earlier ranges: the open row's types) differ in type
    SELECT c.seq, (SELECT count(DISTINCT t) FROM unnest(coalesce(c.types, '{}') || coalesce(o.child_types, '{}')) t) > 1 AS mixed
    FROM (SELECT c.seq, c.code, c.seg, array_agg(l.child_type) FILTER (WHERE l.seq IS NOT NULL) AS types
          FROM life c LEFT JOIN life l ON l.code = c.code AND l.seg = c.seg AND l.kind = 'link' AND l.seq < c.seq
          WHERE c.kind = 'close' GROUP BY c.seq, c.code, c.seg) c
    LEFT JOIN central.stats_open_containers o ON c.seg = 0 AND o.code = c.code
  )
  INSERT INTO central.stats_hourly AS h (hour, station, user_id, events, scans, refused, containers_opened, containers_closed, children,
    mixed, overrides, voids, moves, reversals, reopens, bills_added, bills_removed, manifest_lines, weighings, weight_grams, clock_skew,
    last_received_at)
  SELECT date_trunc('hour', e.device_time, 'UTC'), p_station, e.user_id, count(*),
    count(*) FILTER (WHERE e.type IN ('container.child_linked', 'bag.child_linked', 'manifest.verified')),
    count(*) FILTER (WHERE e.type = 'scan.rejected'),
    count(*) FILTER (WHERE e.type IN ('container.opened', 'bag.parent_opened')),
    count(*) FILTER (WHERE e.type IN ('container.closed', 'bag.parent_closed')),
    coalesce(sum((e.payload->>'count')::integer) FILTER (WHERE e.type IN ('container.closed', 'bag.parent_closed')), 0),
    count(*) FILTER (WHERE m.mixed),
    count(*) FILTER (WHERE e.type = 'override.approved'),
    count(*) FILTER (WHERE e.type = 'container.voided'),
    count(*) FILTER (WHERE e.type = 'container.child_moved'),
    count(*) FILTER (WHERE e.type IN ('container.link_reversed', 'bag.link_reversed')),
    count(*) FILTER (WHERE e.type IN ('container.reopened', 'bag.parent_reopened')),
    count(*) FILTER (WHERE e.type = 'bill.added'),
    count(*) FILTER (WHERE e.type = 'bill.removed'),
    coalesce(sum(jsonb_array_length(e.payload->'lines')) FILTER (WHERE e.type IN ('manifest.completed', 'manifest.closed_short')), 0),
    count(*) FILTER (WHERE e.type = 'weigh.weighed'),
    coalesce(sum(round((e.payload->>'grams')::numeric)) FILTER (WHERE e.type = 'weigh.weighed'), 0),
    count(*) FILTER (WHERE abs(extract(epoch FROM e.received_at - e.device_time)) > 300),
    max(e.received_at)
  FROM ev e LEFT JOIN mix m ON m.seq = e.seq
  GROUP BY 1, 3
  ON CONFLICT (hour, station, user_id) DO UPDATE SET events = h.events + excluded.events, scans = h.scans + excluded.scans,
    refused = h.refused + excluded.refused, containers_opened = h.containers_opened + excluded.containers_opened,
    containers_closed = h.containers_closed + excluded.containers_closed, children = h.children + excluded.children,
    mixed = h.mixed + excluded.mixed, overrides = h.overrides + excluded.overrides, voids = h.voids + excluded.voids,
    moves = h.moves + excluded.moves, reversals = h.reversals + excluded.reversals, reopens = h.reopens + excluded.reopens,
    bills_added = h.bills_added + excluded.bills_added, bills_removed = h.bills_removed + excluded.bills_removed,
    manifest_lines = h.manifest_lines + excluded.manifest_lines, weighings = h.weighings + excluded.weighings,
    weight_grams = h.weight_grams + excluded.weight_grams, clock_skew = h.clock_skew + excluded.clock_skew,
    last_received_at = greatest(h.last_received_at, excluded.last_received_at);

  -- which containers' open or billed state this range may have changed
  SELECT array_agg(DISTINCT CASE e.type WHEN 'container.child_linked' THEN e.payload->>'parent' WHEN 'container.child_moved' THEN e.payload->>'to'
           ELSE e.payload->>'container' END) FILTER (WHERE e.type LIKE 'container.%'),
         array_agg(DISTINCT e.payload->>'container') FILTER (WHERE e.type IN ('container.closed', 'container.reopened', 'container.voided',
           'bill.added', 'bill.removed'))
  INTO v_containers, v_billable
  FROM central.station_events e
  WHERE e.station_id = p_station AND e.seq > p_from AND e.seq <= p_to
    AND e.type IN ('container.opened', 'container.reopened', 'container.closed', 'container.voided', 'container.child_linked',
                   'container.child_moved', 'bill.added', 'bill.removed');

  IF v_containers IS NOT NULL THEN
    DELETE FROM central.stats_open_containers o USING central.containers c
    WHERE o.code = ANY (v_containers) AND c.code = o.code AND c.status <> 'open';
    -- child types since the container was last opened: a reopen in this range starts afresh
    WITH life AS (
      SELECT x.*, sum((x.kind = 'open')::int) OVER (PARTITION BY x.code ORDER BY x.seq) AS seg
      FROM (SELECT e.seq, CASE WHEN e.type IN ('container.opened', 'container.reopened') THEN 'open' ELSE 'link' END AS kind,
                   CASE e.type WHEN 'container.child_linked' THEN e.payload->>'parent' WHEN 'container.child_moved' THEN e.payload->>'to'
                     ELSE e.payload->>'container' END AS code, e.payload->>'childType' AS child_type
            FROM central.station_events e
            WHERE e.station_id = p_station AND e.seq > p_from AND e.seq <= p_to
              AND e.type IN ('container.opened', 'container.reopened', 'container.child_linked', 'container.child_moved')) x
    ), last_seg AS (
      SELECT l.code, max(l.seg) AS seg FROM life l GROUP BY l.code
    ), fresh AS (
      SELECT s.code, s.seg > 0 AS reset,
        coalesce(array_agg(DISTINCT l.child_type ORDER BY l.child_type) FILTER (WHERE l.kind = 'link'), '{}') AS types
      FROM last_seg s JOIN life l ON l.code = s.code AND l.seg = s.seg GROUP BY s.code, s.seg
    )
    INSERT INTO central.stats_open_containers (code, station, type, opened_at, child_types)
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
    WITH gone AS (
      DELETE FROM central.stats_unbilled u WHERE u.code = ANY (v_billable)
        AND NOT EXISTS (SELECT 1 FROM central.containers c WHERE c.code = u.code AND c.status = 'closed' AND c.closed_station = u.station
                        AND NOT EXISTS (SELECT 1 FROM central.bill_containers b WHERE b.container = c.code))
      RETURNING u.station
    )
    UPDATE central.stats_station s SET unbilled = s.unbilled - g.n
    FROM (SELECT station, count(*)::int AS n FROM gone GROUP BY station) g WHERE s.station = g.station;
    WITH added AS (
      INSERT INTO central.stats_unbilled (code, station, closed_at)
      SELECT c.code, c.closed_station, ce.device_time FROM central.containers c
      LEFT JOIN central.station_events ce ON ce.station_id = c.closed_station AND ce.seq = c.closed_seq
      WHERE c.code = ANY (v_billable) AND c.status = 'closed'
        AND NOT EXISTS (SELECT 1 FROM central.bill_containers b WHERE b.container = c.code)
      -- closed again (after a reopen) still unbilled: the row stays, with the newer close
      ON CONFLICT (code) DO UPDATE SET closed_at = excluded.closed_at
      RETURNING station, xmax = 0 AS inserted
    )
    INSERT INTO central.stats_station AS s (station, unbilled) SELECT station, count(*)::int FROM added WHERE inserted GROUP BY station
    ON CONFLICT (station) DO UPDATE SET unbilled = s.unbilled + excluded.unbilled;
  END IF;
END $$;
REVOKE EXECUTE ON FUNCTION central.project_statistics(text, bigint, bigint) FROM PUBLIC;

-- the catch-up, for a central that held events before statistics existed: the same projection over
-- each station's events the projector has passed (what it has not passed it will project itself),
-- with the cursor locked; refused once any statistics exist, so nothing is counted twice
CREATE OR REPLACE FUNCTION central.catch_up_statistics() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
  v_cur central.projector_cursor%ROWTYPE;
  r record;
  v_n bigint := 0;
BEGIN
  SELECT * INTO v_cur FROM central.projector_cursor WHERE id = 1 FOR UPDATE;
  IF EXISTS (SELECT 1 FROM central.stats_hourly) OR EXISTS (SELECT 1 FROM central.stats_open_containers) THEN
    RAISE EXCEPTION 'statistics exist already: catch-up is for a central without any';
  END IF;
  FOR r IN
    SELECT s.station_id, least(s.top, coalesce((
      SELECT min(CASE WHEN l.txid = v_cur.txid AND l.station_id = v_cur.station_id THEN v_cur.seq ELSE l.first_seq - 1 END)
      FROM central.ingest_log l
      WHERE l.station_id = s.station_id AND (l.txid, l.station_id, l.last_seq) > (v_cur.txid, v_cur.station_id, v_cur.seq)), s.top)) AS top
    FROM (SELECT m.station_id, (SELECT max(e.seq) FROM central.station_events e WHERE e.station_id = m.station_id) AS top
          FROM central.station_marks m) s
    WHERE s.top IS NOT NULL ORDER BY s.station_id
  LOOP
    -- one range per station: a container's open, links and close are judged together, as in one projector range
    PERFORM central.project_statistics(r.station_id, 0, r.top);
    v_n := v_n + r.top;
  END LOOP;
  RETURN v_n;
END $$;
REVOKE EXECUTE ON FUNCTION central.catch_up_statistics() FROM PUBLIC;
${STATISTICS_READS}
INSERT INTO central.projections (name, fn, position, types) VALUES ('statistics', 'central.project_statistics', 90,
  '{scan.,override.,container.,bag.,bill.added,bill.removed,manifest.verified,manifest.completed,manifest.closed_short,weigh.weighed}')
ON CONFLICT (name) DO UPDATE SET fn = excluded.fn, position = excluded.position, types = excluded.types;`,
};
