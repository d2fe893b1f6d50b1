/**
 * The supervisor screen's reads over the statistics (part of the `central.project_statistics` step).
 * SECURITY DEFINER, EXECUTE granted only to `central_station` (revoked from PUBLIC; the owner and
 * superusers may call them anyway): each returns aggregates or a container's own state, never another
 * station's events, so the stats tables themselves stay unreadable to stations. No per-call role
 * check: the grant is the check, and the role lookup cost more than the read. Each is one query by
 * primary key (or its leading column), its plan cached per connection (force_generic_plan).
 * `central.assert_stats_reader()` stays for reads that want the station check (floor_replication).
 *
 * `central.packer_kpis` ranks packers fairly by a complexity-adjusted rate:
 *   rate      = scans / active hours (hours with any event of that user)
 *   C         = (1 + closes / scans) × (1 + mixed closes / closes) × (1 + manifest lines / scans)
 *   weight    = C(user) / C(floor, same period)
 *   adjusted  = rate × weight
 * Small containers (more closes per scan), mixed containers and manifest checking are slower work,
 * so they raise C; the floor's C is 1 after normalising, so an average packer keeps their own rate.
 */
const SUMMED = ['events', 'scans', 'refused', 'containers_opened', 'containers_closed', 'children', 'mixed', 'overrides', 'voids', 'moves',
  'reversals', 'reopens', 'bills_added', 'bills_removed', 'manifest_lines', 'weighings'];

export const STATISTICS_READS = `
CREATE OR REPLACE FUNCTION central.assert_stats_reader() RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, central AS $$
BEGIN
  -- inside SECURITY DEFINER current_user is the owner: the caller is session_user
  IF central.station_of(session_user) IS NULL
     AND NOT (SELECT r.rolsuper FROM pg_roles r WHERE r.rolname = session_user)
     AND NOT pg_has_role(session_user, (SELECT n.nspowner FROM pg_namespace n WHERE n.nspname = 'central'), 'MEMBER') THEN
    RAISE EXCEPTION 'role % may not read statistics', session_user USING ERRCODE = '42501';
  END IF;
END $$;

-- per station per hour (hours starting in [from, to)), and the floor's total per hour (station NULL): a few rows per hour
CREATE OR REPLACE FUNCTION central.dashboard(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (station text, hour timestamptz, packers bigint, events bigint, scans bigint, refused bigint, containers_opened bigint,
               containers_closed bigint, children bigint, mixed bigint, overrides bigint, voids bigint, moves bigint, reversals bigint,
               reopens bigint, bills_added bigint, bills_removed bigint, manifest_lines bigint, weighings bigint, weight_grams numeric,
               clock_skew bigint, last_received_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, central SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN QUERY
  -- the stations' rows are the rollup as kept; the floor sums them, and counts a packer at two stations once
  SELECT s.station, s.hour, s.packers::bigint, ${SUMMED.map((c) => `s.${c}::bigint`).join(', ')}, s.weight_grams::numeric, s.clock_skew::bigint,
    s.last_received_at
  FROM central.stats_hourly_station s WHERE s.hour >= p_from AND s.hour < p_to
  UNION ALL
  SELECT NULL, s.hour, (SELECT count(DISTINCT h.user_id) FROM central.stats_hourly h WHERE h.hour = s.hour AND h.user_id <> ''),
    ${SUMMED.map((c) => `sum(s.${c})::bigint`).join(', ')}, sum(s.weight_grams), sum(s.clock_skew)::bigint, max(s.last_received_at)
  FROM central.stats_hourly_station s WHERE s.hour >= p_from AND s.hour < p_to GROUP BY s.hour
  ORDER BY 2, 1 NULLS LAST;
END $$;

-- now: open containers (and the oldest's opening time) and closed containers on no bill, per station and floor
CREATE OR REPLACE FUNCTION central.dashboard_now()
RETURNS TABLE (station text, open_containers bigint, oldest_open_at timestamptz, unbilled bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, central SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN QUERY
  WITH per AS (
    SELECT coalesce(o.station, u.station) AS station, coalesce(o.n, 0) AS n, o.oldest, coalesce(u.unbilled, 0)::bigint AS unbilled
    FROM (SELECT c.station, count(*) AS n, min(c.opened_at) AS oldest FROM central.stats_open_containers c GROUP BY c.station) o
    FULL JOIN central.stats_station u ON u.station = o.station
  )
  SELECT p.station, p.n, p.oldest, p.unbilled FROM per p
  UNION ALL
  SELECT NULL, coalesce(sum(p.n), 0)::bigint, min(p.oldest), coalesce(sum(p.unbilled), 0)::bigint FROM per p
  ORDER BY 1 NULLS LAST;
END $$;

CREATE OR REPLACE FUNCTION central.packer_kpis(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (user_id text, active_hours bigint, scans bigint, rate_per_hour numeric, misscan_rate numeric, overrides bigint,
               voids bigint, reversals bigint, containers_closed bigint, avg_children numeric, mixed_share numeric,
               manifest_lines bigint, complexity numeric, adjusted_rate numeric)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, central SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN QUERY
  WITH u AS (
    SELECT h.user_id, count(DISTINCT h.hour) AS hours, sum(h.scans) AS scans, sum(h.refused) AS refused,
      sum(h.overrides) AS overrides, sum(h.voids) AS voids, sum(h.reversals) AS reversals, sum(h.containers_closed) AS closes,
      sum(h.children) AS children, sum(h.mixed) AS mixed, sum(h.manifest_lines) AS lines
    FROM central.stats_hourly h WHERE h.hour >= p_from AND h.hour < p_to AND h.user_id <> '' GROUP BY h.user_id
  ), c AS (
    SELECT u.*, (1 + u.closes::numeric / nullif(u.scans, 0)) * (1 + u.mixed::numeric / nullif(u.closes, 0))
      * (1 + u.lines::numeric / nullif(u.scans, 0)) AS cx FROM u
  ), fl AS (
    SELECT (1 + sum(u.closes)::numeric / nullif(sum(u.scans), 0)) * (1 + sum(u.mixed)::numeric / nullif(sum(u.closes), 0))
      * (1 + sum(u.lines)::numeric / nullif(sum(u.scans), 0)) AS cx FROM u
  )
  SELECT c.user_id, c.hours, c.scans::bigint, round(c.scans / c.hours::numeric, 2),
    round(c.refused / nullif(c.scans + c.refused, 0)::numeric, 4), c.overrides::bigint, c.voids::bigint, c.reversals::bigint,
    c.closes::bigint, round(c.children / nullif(c.closes, 0)::numeric, 2), round(c.mixed / nullif(c.closes, 0)::numeric, 4),
    c.lines::bigint, round(coalesce(c.cx / f.cx, 1), 4), round(c.scans / c.hours::numeric * coalesce(c.cx / f.cx, 1), 2)
  FROM c, fl f
  ORDER BY 14 DESC, 1;
END $$;

CREATE OR REPLACE FUNCTION central.container_lookup(p_code text)
RETURNS TABLE (code text, type text, status text, parent text, parent_type text, children integer, opened_station text,
               opened_at timestamptz, closed_station text, bill text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, central SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN QUERY
  SELECT c.code, c.type, c.status, c.parent, p.type, c.child_count, c.opened_station, oe.device_time, c.closed_station, b.bill
  FROM central.containers c
  LEFT JOIN central.containers p ON p.code = c.parent
  LEFT JOIN central.station_events oe ON oe.station_id = c.opened_station AND oe.seq = c.opened_seq
  LEFT JOIN central.bill_containers b ON b.container = c.code
  WHERE c.code = p_code;
END $$;

-- container codes containing the query (trigram index), or starting with it (no pg_trgm, or under
-- 3 characters, which trigrams cannot narrow): pages of at most 200 by code, after p_after
CREATE OR REPLACE FUNCTION central.search_codes(p_query text, p_after text DEFAULT NULL, p_limit integer DEFAULT 50)
RETURNS TABLE (code text, type text, status text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
  v_like text := replace(replace(replace(coalesce(p_query, ''), '\\', '\\\\'), '%', '\\%'), '_', '\\_');
  v_limit integer := least(greatest(coalesce(p_limit, 50), 1), 200);
BEGIN
  IF length(v_like) = 0 THEN RETURN; END IF;
  IF length(p_query) >= 3 AND EXISTS (SELECT 1 FROM pg_extension x WHERE x.extname = 'pg_trgm') THEN
    RETURN QUERY SELECT c.code, c.type, c.status FROM central.containers c
      WHERE c.code ILIKE '%' || v_like || '%' AND (p_after IS NULL OR c.code > p_after) ORDER BY c.code LIMIT v_limit;
  ELSE
    RETURN QUERY SELECT c.code, c.type, c.status FROM central.containers c
      WHERE c.code LIKE v_like || '%' AND (p_after IS NULL OR c.code > p_after) ORDER BY c.code LIMIT v_limit;
  END IF;
END $$;

REVOKE EXECUTE ON FUNCTION central.assert_stats_reader(), central.dashboard(timestamptz, timestamptz), central.dashboard_now(),
  central.packer_kpis(timestamptz, timestamptz), central.container_lookup(text), central.search_codes(text, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION central.dashboard(timestamptz, timestamptz), central.dashboard_now(),
  central.packer_kpis(timestamptz, timestamptz), central.container_lookup(text), central.search_codes(text, text, integer) TO central_station;
`;
