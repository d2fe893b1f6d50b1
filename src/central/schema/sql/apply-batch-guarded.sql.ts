// Part of the migration 1730000000005-plan-cached-functions.

/**
 * `central.apply_batch(station, from, to)`, second version: as in apply-batch.sql.ts, but the two
 * order checks (an undo touching a link of the same batch, an empty close after a link or undo of
 * the same parent) run only when the batch holds an undo or an empty close, found in one pass.
 * Before, they ran on every batch, and after five calls PL/pgSQL's generic plan could make them a
 * nested loop over the batch: a 20,000-event batch then ran past the statement timeout.
 */
export const APPLY_BATCH_GUARDED_SQL = `
      CREATE OR REPLACE FUNCTION central.apply_batch(p_station text, p_from bigint, p_to bigint) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
      DECLARE
        v_mark bigint;
        v_prev bigint := p_from;
        v_parents text[];
        v_pre central.bag_state[];
        v_states central.bag_state[] := '{}';
        v_reversals integer;
        v_empty_closes integer;
        ev record;
      BEGIN
        v_mark := central.lock_mark(p_station);
        IF v_mark <> p_from THEN
          RAISE EXCEPTION 'mark of station % is %, not %', p_station, v_mark, p_from USING ERRCODE = 'SG005';
        END IF;
        -- the mark may only pass events central really holds: no gap can hide behind it
        IF (SELECT count(*) FROM central.station_events WHERE station_id = p_station AND seq > p_from AND seq <= p_to) <> p_to - p_from THEN
          RAISE EXCEPTION 'station % has a gap between % and %', p_station, p_from, p_to USING ERRCODE = 'SG001';
        END IF;

        -- one pass first: most batches have neither undos nor empty closes, and the checks below are
        -- joins within the batch that a generic plan can turn quadratic on a large batch
        SELECT count(*) FILTER (WHERE e.type = 'bag.link_reversed'),
               count(*) FILTER (WHERE e.type = 'bag.parent_closed' AND (e.payload->>'count')::int = 0)
        INTO v_reversals, v_empty_closes
        FROM central.station_events e
        WHERE e.station_id = p_station AND e.seq > p_from AND e.seq <= p_to AND e.type IN ('bag.link_reversed', 'bag.parent_closed');

        IF v_reversals > 0 AND EXISTS (
          SELECT 1 FROM central.station_events r
          WHERE r.station_id = p_station AND r.seq > p_from AND r.seq <= p_to AND r.type = 'bag.link_reversed'
            AND ((r.payload->>'reversesSeq')::bigint > p_from OR EXISTS (
              SELECT 1 FROM central.station_events l
              WHERE l.station_id = p_station AND l.seq > p_from AND l.seq <= p_to AND l.type = 'bag.child_linked'
                AND l.payload->>'child' = r.payload->>'child')))
        -- a set-aside applies only to a parent without links at its own seq: if a link or an undo of
        -- this batch touched that parent before it, the set-based order would judge it too early
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
            WHERE station_id = p_station AND seq > p_from AND seq <= p_to AND type <> 'bag.child_linked'
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
          -- what is left (undo of links from earlier batches) commutes with everything above
          FOR ev IN
            SELECT seq, id, type, payload FROM central.station_events
            WHERE station_id = p_station AND seq > p_from AND seq <= p_to
              AND type NOT IN ('bag.child_linked', 'bag.parent_opened', 'bag.parent_closed', 'bag.parent_reopened')
            ORDER BY seq
          LOOP
            PERFORM central.project_event(p_station, ev.seq, ev.id, ev.type, ev.payload);
          END LOOP;
        END IF;
        UPDATE central.station_marks SET acked_seq = p_to, updated_at = now() WHERE station_id = p_station;
      END $$;`;
