// Part of the migration 1730000000005-plan-cached-functions.

/**
 * `central.judged_links(...)` in PL/pgSQL, giving the same rows as the SQL version of migration
 * 1730000000002 (see judged-links.sql.ts for what it does), with two changes for cost:
 * - its plans are cached per server connection (a SQL function with SET clauses is never inlined,
 *   so it was planned again on every call: about half a millisecond of each one-event batch);
 * - the stored state of the batch's parents is read first, by index (`code = ANY`), and hash-joined
 *   from an array. Before, with nested loops off for the interval join, the planner hash-joined
 *   `central.bags` itself: a scan of every bag ever seen, on every batch.
 */
export const JUDGED_LINKS_PLPGSQL_SQL = `
      CREATE OR REPLACE FUNCTION central.judged_links(p_station text, p_lo bigint, p_hi bigint, p_states central.bag_state[], p_pre central.bag_state[])
      RETURNS TABLE (seq bigint, id uuid, parent text, child text, status_at text, closed_station text, closed_seq bigint)
      LANGUAGE plpgsql STABLE SET search_path = pg_catalog, central SET enable_nestloop = off AS $$
      #variable_conflict use_column
      DECLARE
        v_stored central.bag_state[];
      BEGIN
        SELECT coalesce(array_agg(ROW(NULL, bg.code, bg.status, bg.closed_station, bg.closed_seq)::central.bag_state), '{}') INTO v_stored
        FROM central.bags bg
        WHERE bg.code = ANY (ARRAY(SELECT DISTINCT l.payload->>'parent' FROM central.station_events l
                                   WHERE l.station_id = p_station AND l.seq > p_lo AND l.seq < p_hi AND l.type = 'bag.child_linked'));
        RETURN QUERY
          WITH changes AS (
            SELECT s.seq, s.code, s.status, s.closed_station, s.closed_seq FROM unnest(p_states) AS s WHERE s.code IS NOT NULL
            UNION ALL
            SELECT p_lo, pre.code, pre.status, pre.closed_station, pre.closed_seq FROM unnest(p_pre) AS pre
          ), intervals AS (
            SELECT c.code, c.seq AS from_seq, coalesce(lead(c.seq) OVER (PARTITION BY c.code ORDER BY c.seq), p_hi) AS to_seq,
                   c.status, c.closed_station, c.closed_seq
            FROM changes c
          )
          SELECT e.seq, e.id, x.parent, x.child,
                 coalesce(CASE WHEN iv.code IS NOT NULL THEN iv.status ELSE b.status END, 'open'),
                 CASE WHEN iv.code IS NOT NULL THEN iv.closed_station ELSE b.closed_station END,
                 CASE WHEN iv.code IS NOT NULL THEN iv.closed_seq ELSE b.closed_seq END
          FROM central.station_events e
          CROSS JOIN LATERAL (SELECT e.payload->>'parent' AS parent, e.payload->>'child' AS child) x
          LEFT JOIN intervals iv ON iv.code = x.parent AND e.seq > iv.from_seq AND e.seq < iv.to_seq
          LEFT JOIN unnest(v_stored) AS b ON b.code = x.parent
          WHERE e.station_id = p_station AND e.seq > p_lo AND e.seq < p_hi AND e.type = 'bag.child_linked';
      END $$;`;
