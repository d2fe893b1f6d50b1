// Part of the migration 1730000000002-central-ingest, indented as it was there (the executed SQL is unchanged).

/** `central.judged_links(...)`: a batch's child links, each with its parent's state at the link's own seq. */
export const JUDGED_LINKS_SQL = `
      /*
       * Child links with seq in (p_lo, p_hi), each judged against its parent's state at its own seq:
       * parents changed in this batch have intervals (the state before the batch from p_lo, then one
       * interval per change in p_states); other parents keep their stored state throughout. A link
       * finds its interval by a hash join on the parent, so a batch is judged in one pass.
       */
      CREATE FUNCTION central.judged_links(p_station text, p_lo bigint, p_hi bigint, p_states central.bag_state[], p_pre central.bag_state[])
      RETURNS TABLE (seq bigint, id uuid, parent text, child text, status_at text, closed_station text, closed_seq bigint)
      LANGUAGE sql STABLE SET search_path = pg_catalog, central SET enable_nestloop = off AS $$
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
        LEFT JOIN LATERAL (SELECT bg.status, bg.closed_station, bg.closed_seq FROM central.bags bg
                           WHERE iv.code IS NULL AND bg.code = x.parent) b ON true
        WHERE e.station_id = p_station AND e.seq > p_lo AND e.seq < p_hi AND e.type = 'bag.child_linked'
      $$;`;
