/**
 * The bag module's central projection: `central.project_bags(station, from, to)` applies the bag
 * events (from, to] of one station, already in station_events, to `central.bags` and
 * `central.bag_links`, with conflict rejections. The projector (src/central/schema/repeatable) calls
 * it in central's order. It is what apply_batch did inside the ingest transaction before issue 10,
 * limited to bag events (users have their own projection):
 * the few state changes (open, close, reopen) one by one, all links as one set judged against their
 * parent's state at their own seq (link_run, judged_links). A range whose undo touches a link of the
 * same range, or whose empty close follows a link or undo of that parent, goes run by run between its
 * non-link events. Only these two checks run, and only when the range holds an undo or an empty close.
 */
export const BAG_PROJECTION = {
  name: 'central.project_bags',
  sql: `
CREATE OR REPLACE FUNCTION central.project_bags(p_station text, p_from bigint, p_to bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
  v_prev bigint := p_from;
  v_parents text[];
  v_pre central.bag_state[];
  v_states central.bag_state[] := '{}';
  v_reversals integer;
  v_empty_closes integer;
  v_bag_events integer;
  ev record;
BEGIN
  SELECT count(*) FILTER (WHERE e.type = 'bag.link_reversed'),
         count(*) FILTER (WHERE e.type = 'bag.parent_closed' AND (e.payload->>'count')::int = 0),
         count(*)
  INTO v_reversals, v_empty_closes, v_bag_events
  FROM central.station_events e
  WHERE e.station_id = p_station AND e.seq > p_from AND e.seq <= p_to
    AND e.type IN ('bag.link_reversed', 'bag.parent_closed', 'bag.parent_opened', 'bag.parent_reopened', 'bag.child_linked');
  IF v_bag_events = 0 THEN RETURN; END IF;

  IF v_reversals > 0 AND EXISTS (
    SELECT 1 FROM central.station_events r
    WHERE r.station_id = p_station AND r.seq > p_from AND r.seq <= p_to AND r.type = 'bag.link_reversed'
      AND ((r.payload->>'reversesSeq')::bigint > p_from OR EXISTS (
        SELECT 1 FROM central.station_events l
        WHERE l.station_id = p_station AND l.seq > p_from AND l.seq <= p_to AND l.type = 'bag.child_linked'
          AND l.payload->>'child' = r.payload->>'child')))
  -- a set-aside applies only to a parent without links at its own seq: if a link or an undo of
  -- this range touched that parent before it, the set-based order would judge it too early
  OR v_empty_closes > 0 AND EXISTS (
    WITH touched AS (
      SELECT x.seq, CASE WHEN x.type = 'bag.child_linked' THEN x.payload->>'parent' ELSE u.parent END AS parent
      FROM central.station_events x
      LEFT JOIN central.bag_links u ON x.type = 'bag.link_reversed' AND u.station_id = p_station
                                   AND u.seq = (x.payload->>'reversesSeq')::bigint
      WHERE x.station_id = p_station AND x.seq > p_from AND x.seq <= p_to
        AND x.type IN ('bag.child_linked', 'bag.link_reversed')
    )
    SELECT 1 FROM central.station_events r JOIN touched t ON t.parent = r.payload->>'parent' AND t.seq < r.seq
    WHERE r.station_id = p_station AND r.seq > p_from AND r.seq <= p_to AND r.type = 'bag.parent_closed'
      AND (r.payload->>'count')::int = 0) THEN
    FOR ev IN
      SELECT seq, id, type, payload FROM central.station_events
      WHERE station_id = p_station AND seq > p_from AND seq <= p_to
        AND type IN ('bag.parent_opened', 'bag.parent_closed', 'bag.parent_reopened', 'bag.link_reversed')
      ORDER BY seq
    LOOP
      PERFORM central.link_run(p_station, v_prev, ev.seq, '{}', '{}');
      PERFORM central.project_event(p_station, ev.seq, ev.id, ev.type, ev.payload);
      v_prev := ev.seq;
    END LOOP;
    PERFORM central.link_run(p_station, v_prev, p_to + 1, '{}', '{}');
  ELSE
    SELECT coalesce(array_agg(DISTINCT e.payload->>'parent'), '{}') INTO v_parents
    FROM central.station_events e
    WHERE e.station_id = p_station AND e.seq > p_from AND e.seq <= p_to
      AND e.type IN ('bag.parent_opened', 'bag.parent_closed', 'bag.parent_reopened');
    SELECT coalesce(array_agg(ROW(NULL, p.code, b.status, b.closed_station, b.closed_seq)::central.bag_state), '{}') INTO v_pre
    FROM unnest(v_parents) AS p(code) LEFT JOIN central.bags b ON b.code = p.code;
    FOR ev IN
      SELECT seq, id, type, payload FROM central.station_events
      WHERE station_id = p_station AND seq > p_from AND seq <= p_to
        AND type IN ('bag.parent_opened', 'bag.parent_closed', 'bag.parent_reopened')
      ORDER BY seq
    LOOP
      PERFORM central.project_event(p_station, ev.seq, ev.id, ev.type, ev.payload);
      v_states := v_states || (SELECT ROW(ev.seq, b.code, b.status, b.closed_station, b.closed_seq)::central.bag_state
                               FROM central.bags b WHERE b.code = ev.payload->>'parent');
    END LOOP;
    PERFORM central.link_run(p_station, p_from, p_to + 1, v_states, v_pre);
    -- what is left (undo of links from earlier ranges) commutes with everything above
    IF v_reversals > 0 THEN
      FOR ev IN
        SELECT seq, id, type, payload FROM central.station_events
        WHERE station_id = p_station AND seq > p_from AND seq <= p_to AND type = 'bag.link_reversed'
        ORDER BY seq
      LOOP
        PERFORM central.project_event(p_station, ev.seq, ev.id, ev.type, ev.payload);
      END LOOP;
    END IF;
  END IF;
END $$;
REVOKE EXECUTE ON FUNCTION central.project_bags(text, bigint, bigint) FROM PUBLIC;
INSERT INTO central.projections (name, fn, position, types) VALUES ('bag', 'central.project_bags', 10, '{bag.}')
ON CONFLICT (name) DO UPDATE SET fn = excluded.fn, position = excluded.position, types = excluded.types;`,
};
