// Part of the migration 1730000000002-central-ingest, indented as it was there (the executed SQL is unchanged).

/** `central.link_run(...)`: applies a run of child links as one set and rejects the refused ones. */
export const LINK_RUN_SQL = `
      -- inserts the accepted links of (p_lo, p_hi) as one set and records the refused ones as rejections
      CREATE FUNCTION central.link_run(p_station text, p_lo bigint, p_hi bigint, p_states central.bag_state[], p_pre central.bag_state[])
      RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
      DECLARE
        v_candidates bigint;
        v_linked bigint;
      BEGIN
        IF p_hi - p_lo <= 1 THEN RETURN; END IF;
        -- a parent first seen through a link (its opening event was on another station) gets a row
        INSERT INTO central.bags (code, status)
        SELECT DISTINCT e.payload->>'parent', 'open' FROM central.station_events e
        WHERE e.station_id = p_station AND e.seq > p_lo AND e.seq < p_hi AND e.type = 'bag.child_linked'
        ORDER BY 1
        ON CONFLICT (code) DO NOTHING;

        WITH j AS (
          SELECT * FROM central.judged_links(p_station, p_lo, p_hi, p_states, p_pre)
        ), ins AS (
          INSERT INTO central.bag_links (parent, child, station_id, seq)
          SELECT j.parent, j.child, p_station, j.seq FROM j WHERE j.status_at IN ('open', 'set_aside')
          ORDER BY j.seq
          ON CONFLICT (child) WHERE reversed_seq IS NULL DO NOTHING
          RETURNING parent
        ), counted AS (
          -- a set-aside parent that takes a link is open again, as one first seen through a link would be
          UPDATE central.bags b SET link_count = b.link_count + n.k,
                                    status = CASE WHEN b.status = 'set_aside' THEN 'open' ELSE b.status END,
                                    close_reason = CASE WHEN b.status = 'set_aside' THEN NULL ELSE b.close_reason END
          FROM (SELECT ins.parent, count(*)::int AS k FROM ins GROUP BY ins.parent) n
          WHERE b.code = n.parent
          RETURNING n.k
        )
        SELECT (SELECT count(*) FROM j), (SELECT coalesce(sum(k), 0) FROM counted) INTO v_candidates, v_linked;

        IF v_linked < v_candidates THEN
          INSERT INTO central.rejections (station_id, seq, event_id, type, reason, detail, winner_station, winner_seq)
          SELECT p_station, j.seq, j.id, 'bag.child_linked',
                 CASE WHEN j.status_at = 'closed' THEN 'parent_closed'
                      WHEN l.parent = j.parent THEN 'child_already_linked'
                      ELSE 'child_linked_elsewhere' END,
                 CASE WHEN j.status_at = 'closed' THEN format('parent %s was already closed', j.parent)
                      ELSE format('child %s is already in parent %s', j.child, l.parent) END,
                 CASE WHEN j.status_at = 'closed' THEN j.closed_station ELSE l.station_id END,
                 CASE WHEN j.status_at = 'closed' THEN j.closed_seq ELSE l.seq END
          FROM central.judged_links(p_station, p_lo, p_hi, p_states, p_pre) j
          LEFT JOIN central.bag_links mine ON mine.station_id = p_station AND mine.seq = j.seq
          LEFT JOIN central.bag_links l ON l.child = j.child AND l.reversed_seq IS NULL
          WHERE mine.seq IS NULL
          ON CONFLICT (station_id, seq) DO NOTHING;
        END IF;
      END $$;`;
