/**
 * Sync health (issue 10): what is not yet projected, what is quarantined, and what a supervisor does
 * about a dead letter. Tables in migration 1730000000008-dead-letter-actions.
 *
 * - `central.projection_lag()`: per station, the ingested events the projector has not passed yet
 *   (ingest_log entries after the cursor), and when the oldest of them was ingested. Admin only.
 * - `central.sync_status()`: per station, central's mark, the station's local seq and queue depth from
 *   its last heartbeat, the projection lag and the open dead letters of ingest and of projection. Admin only.
 * - `central.station_health()`: the same figures for the calling station only (`station_of(session_user)`),
 *   so a kiosk can say what is unprojected or quarantined. SECURITY DEFINER, granted to central_station;
 *   it reads nothing of another station.
 * - `central.retry_dead_letter(kind, id, reason)`: projection: re-runs every registered projection on
 *   that one event (the cursor row locked, so no projector step runs meanwhile); success marks it
 *   'retried', failure leaves it open with the new error. Ingest: inserts the stored raw event into
 *   station_events and the ingest log (the projector then takes it, in central order from then on);
 *   success 'retried', still invalid: stays open with the new error. The mark already passed it.
 * - `central.skip_dead_letter(kind, id, reason)`: marks it 'skipped'.
 * - `central.station_dead_letters()` and `central.station_resolve_dead_letter(action, kind, id, reason,
 *   who)`: the same for a station's kiosk, limited to the calling station's own dead letters
 *   (another station's is refused as unknown, SG021). SECURITY DEFINER, granted to central_station;
 *   the audit row names the kiosk user and the station (`<who> at station <id>`).
 *
 * Retry and skip are audited in `central.dead_letter_actions` (who: session_user, or the kiosk user; acting_role:
 * current_user), a failed retry too. They are admin only: not SECURITY DEFINER, and EXECUTE is revoked
 * from PUBLIC, so a station role may not call them. A reason is required; only an open dead letter
 * can be retried or skipped.
 */
export const DEAD_LETTERS = {
  name: 'central.dead_letters',
  sql: `
CREATE OR REPLACE FUNCTION central.projection_lag()
RETURNS TABLE (station_id text, events bigint, oldest timestamptz)
LANGUAGE sql STABLE SET search_path = pg_catalog, central AS $$
  SELECT l.station_id,
         sum(l.last_seq - CASE WHEN l.txid = c.txid AND l.station_id = c.station_id THEN greatest(l.first_seq - 1, c.seq)
                               ELSE l.first_seq - 1 END)::bigint,
         min(l.logged_at)
  FROM central.ingest_log l CROSS JOIN central.projector_cursor c
  WHERE c.id = 1 AND (l.txid, l.station_id, l.last_seq) > (c.txid, c.station_id, c.seq)
  GROUP BY l.station_id
$$;

CREATE OR REPLACE FUNCTION central.sync_status()
RETURNS TABLE (station_id text, acked_seq bigint, local_seq bigint, queue_depth integer, seen_at timestamptz, app_version text,
               unprojected bigint, oldest_unprojected timestamptz, ingest_dead_letters bigint, projection_dead_letters bigint,
               oldest_dead_letter timestamptz)
LANGUAGE sql STABLE SET search_path = pg_catalog, central AS $$
  SELECT s.station_id, coalesce(m.acked_seq, 0), h.local_seq, h.queue_depth, h.seen_at, h.app_version,
         coalesce(p.events, 0), p.oldest,
         (SELECT count(*) FROM central.dead_letters d WHERE d.station_id = s.station_id AND d.status = 'open'),
         (SELECT count(*) FROM central.projection_dead_letters d WHERE d.station_id = s.station_id AND d.status = 'open'),
         (SELECT min(x.at) FROM (SELECT d.received_at AS at FROM central.dead_letters d WHERE d.station_id = s.station_id AND d.status = 'open'
                                 UNION ALL
                                 SELECT d.at FROM central.projection_dead_letters d WHERE d.station_id = s.station_id AND d.status = 'open') x)
  FROM central.stations s
  LEFT JOIN central.station_marks m ON m.station_id = s.station_id
  LEFT JOIN central.heartbeats h ON h.station_id = s.station_id
  LEFT JOIN central.projection_lag() p ON p.station_id = s.station_id
  ORDER BY s.station_id
$$;

CREATE OR REPLACE FUNCTION central.station_health()
RETURNS TABLE (unprojected bigint, oldest_unprojected timestamptz, ingest_dead_letters bigint, projection_dead_letters bigint,
               oldest_dead_letter timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
  -- inside SECURITY DEFINER current_user is the owner: the caller is session_user
  v_station text := central.station_of(session_user);
BEGIN
  IF v_station IS NULL THEN
    RAISE EXCEPTION 'role % is not a station', session_user USING ERRCODE = '42501';
  END IF;
  -- this station's rows only (the ingest_log entries after the cursor are few: what the projector has not passed)
  RETURN QUERY SELECT coalesce(p.events, 0), p.oldest,
    (SELECT count(*) FROM central.dead_letters d WHERE d.station_id = v_station AND d.status = 'open'),
    (SELECT count(*) FROM central.projection_dead_letters d WHERE d.station_id = v_station AND d.status = 'open'),
    (SELECT min(x.at) FROM (SELECT d.received_at AS at FROM central.dead_letters d WHERE d.station_id = v_station AND d.status = 'open'
                            UNION ALL
                            SELECT d.at FROM central.projection_dead_letters d WHERE d.station_id = v_station AND d.status = 'open') x)
    FROM (SELECT 1) one LEFT JOIN central.projection_lag() p ON p.station_id = v_station;
END $$;

-- the three-argument forms of the first release of this step: replaced by the ones with p_who
DROP FUNCTION IF EXISTS central.retry_dead_letter(text, bigint, text);
DROP FUNCTION IF EXISTS central.skip_dead_letter(text, bigint, text);

CREATE OR REPLACE FUNCTION central.retry_dead_letter(p_kind text, p_id bigint, p_reason text, p_who text DEFAULT NULL)
RETURNS TABLE (station_id text, seq bigint, status text, error text)
LANGUAGE plpgsql SET search_path = pg_catalog, central AS $$
#variable_conflict use_column
DECLARE
  v_station text;
  v_seq bigint;
  v_status text;
  v_fns text[];
  v_fn text;
  v_ok boolean := true;
  v_state text;
  v_error text;
  d central.dead_letters%ROWTYPE;
  pd central.projection_dead_letters%ROWTYPE;
BEGIN
  IF p_reason IS NULL OR btrim(p_reason) = '' THEN
    RAISE EXCEPTION 'a reason is required' USING ERRCODE = 'SG020';
  END IF;
  IF p_kind = 'projection' THEN
    -- no projector step meanwhile: the retried event is applied between two steps
    PERFORM 1 FROM central.projector_cursor WHERE id = 1 FOR UPDATE;
    SELECT * INTO pd FROM central.projection_dead_letters WHERE id = p_id FOR UPDATE;
    IF NOT FOUND THEN RAISE EXCEPTION 'there is no projection dead letter %', p_id USING ERRCODE = 'SG021'; END IF;
    v_station := pd.station_id; v_seq := pd.seq; v_status := pd.status;
  ELSIF p_kind = 'ingest' THEN
    SELECT * INTO d FROM central.dead_letters WHERE id = p_id FOR UPDATE;
    IF NOT FOUND THEN RAISE EXCEPTION 'there is no ingest dead letter %', p_id USING ERRCODE = 'SG021'; END IF;
    v_station := d.station_id; v_seq := d.seq; v_status := d.status;
  ELSE
    RAISE EXCEPTION 'kind must be ingest or projection, not %', p_kind USING ERRCODE = 'SG020';
  END IF;
  IF v_status <> 'open' THEN
    RAISE EXCEPTION '% dead letter % is already %', p_kind, p_id, v_status USING ERRCODE = 'SG022';
  END IF;

  BEGIN
    IF p_kind = 'projection' THEN
      SELECT coalesce(array_agg(p.fn::text ORDER BY p.position), '{}') INTO v_fns FROM central.projections p;
      FOREACH v_fn IN ARRAY v_fns LOOP
        EXECUTE format('SELECT %s($1, $2, $3)', v_fn) USING v_station, v_seq - 1, v_seq;
      END LOOP;
    ELSE
      INSERT INTO central.station_events (station_id, seq, id, type, payload, device_time, correlation_id, device_id, user_id,
                                          role, session_id, approved_by, prev_hash, hash)
      VALUES (d.station_id, d.seq, d.event_id::uuid, d.type, d.payload::jsonb, d.device_time::timestamptz, d.correlation_id,
              d.device_id, d.user_id, d.role, d.session_id, d.approved_by, d.prev_hash, d.hash);
      INSERT INTO central.ingest_log (station_id, first_seq, last_seq) VALUES (d.station_id, d.seq, d.seq);
    END IF;
  EXCEPTION WHEN OTHERS THEN
    IF left(SQLSTATE, 2) IN ('08', '40', '53', '57', '58') OR SQLSTATE = '55P03' THEN RAISE; END IF;
    v_ok := false;
    v_state := SQLSTATE;
    v_error := CASE WHEN p_kind = 'projection' THEN format('%s: %s', v_fn, SQLERRM) ELSE SQLERRM END;
  END;

  IF p_kind = 'projection' THEN
    IF v_ok THEN
      UPDATE central.projection_dead_letters SET status = 'retried' WHERE id = p_id;
    ELSE
      UPDATE central.projection_dead_letters SET sqlstate = v_state, error = v_error, at = now() WHERE id = p_id;
    END IF;
  ELSE
    IF v_ok THEN
      UPDATE central.dead_letters SET status = 'retried' WHERE id = p_id;
    ELSE
      UPDATE central.dead_letters SET sqlstate = v_state, error = v_error WHERE id = p_id;
    END IF;
  END IF;
  INSERT INTO central.dead_letter_actions (who, action, kind, dead_letter_id, station_id, seq, reason, outcome, error)
  VALUES (coalesce(p_who, session_user), 'retry', p_kind, p_id, v_station, v_seq, btrim(p_reason),
          CASE WHEN v_ok THEN 'retried' ELSE 'failed' END, v_error);
  RETURN QUERY SELECT v_station, v_seq, CASE WHEN v_ok THEN 'retried' ELSE 'open' END, v_error;
END $$;

CREATE OR REPLACE FUNCTION central.skip_dead_letter(p_kind text, p_id bigint, p_reason text, p_who text DEFAULT NULL)
RETURNS TABLE (station_id text, seq bigint, status text)
LANGUAGE plpgsql SET search_path = pg_catalog, central AS $$
#variable_conflict use_column
DECLARE
  v_station text;
  v_seq bigint;
  v_status text;
BEGIN
  IF p_reason IS NULL OR btrim(p_reason) = '' THEN
    RAISE EXCEPTION 'a reason is required' USING ERRCODE = 'SG020';
  END IF;
  IF p_kind = 'projection' THEN
    SELECT d.station_id, d.seq, d.status INTO v_station, v_seq, v_status FROM central.projection_dead_letters d WHERE d.id = p_id FOR UPDATE;
  ELSIF p_kind = 'ingest' THEN
    SELECT d.station_id, d.seq, d.status INTO v_station, v_seq, v_status FROM central.dead_letters d WHERE d.id = p_id FOR UPDATE;
  ELSE
    RAISE EXCEPTION 'kind must be ingest or projection, not %', p_kind USING ERRCODE = 'SG020';
  END IF;
  IF v_station IS NULL THEN RAISE EXCEPTION 'there is no % dead letter %', p_kind, p_id USING ERRCODE = 'SG021'; END IF;
  IF v_status <> 'open' THEN
    RAISE EXCEPTION '% dead letter % is already %', p_kind, p_id, v_status USING ERRCODE = 'SG022';
  END IF;
  IF p_kind = 'projection' THEN
    UPDATE central.projection_dead_letters SET status = 'skipped' WHERE id = p_id;
  ELSE
    UPDATE central.dead_letters SET status = 'skipped' WHERE id = p_id;
  END IF;
  INSERT INTO central.dead_letter_actions (who, action, kind, dead_letter_id, station_id, seq, reason, outcome)
  VALUES (coalesce(p_who, session_user), 'skip', p_kind, p_id, v_station, v_seq, btrim(p_reason), 'skipped');
  RETURN QUERY SELECT v_station, v_seq, 'skipped'::text;
END $$;

CREATE OR REPLACE FUNCTION central.station_dead_letters()
RETURNS TABLE (kind text, id bigint, seq bigint, type text, error text, at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
  v_station text := central.station_of(session_user);
BEGIN
  IF v_station IS NULL THEN
    RAISE EXCEPTION 'role % is not a station', session_user USING ERRCODE = '42501';
  END IF;
  RETURN QUERY SELECT x.kind, x.id, x.seq, x.type, x.error, x.at FROM (
      SELECT 'ingest'::text AS kind, d.id, d.seq, d.type, d.error, d.received_at AS at
      FROM central.dead_letters d WHERE d.station_id = v_station AND d.status = 'open'
      UNION ALL
      SELECT 'projection', d.id, d.seq, d.type, d.error, d.at
      FROM central.projection_dead_letters d WHERE d.station_id = v_station AND d.status = 'open') x
    ORDER BY x.seq LIMIT 50;
END $$;

CREATE OR REPLACE FUNCTION central.station_resolve_dead_letter(p_action text, p_kind text, p_id bigint, p_reason text, p_who text)
RETURNS TABLE (status text, error text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
  v_station text := central.station_of(session_user);
  v_owner text;
BEGIN
  IF v_station IS NULL THEN
    RAISE EXCEPTION 'role % is not a station', session_user USING ERRCODE = '42501';
  END IF;
  IF p_who IS NULL OR btrim(p_who) = '' THEN
    RAISE EXCEPTION 'the station user who acts is required' USING ERRCODE = 'SG020';
  END IF;
  IF p_kind = 'ingest' THEN
    SELECT d.station_id INTO v_owner FROM central.dead_letters d WHERE d.id = p_id;
  ELSIF p_kind = 'projection' THEN
    SELECT d.station_id INTO v_owner FROM central.projection_dead_letters d WHERE d.id = p_id;
  ELSE
    RAISE EXCEPTION 'kind must be ingest or projection, not %', p_kind USING ERRCODE = 'SG020';
  END IF;
  -- another station's dead letter is as unknown as a missing one
  IF v_owner IS DISTINCT FROM v_station THEN
    RAISE EXCEPTION 'there is no % dead letter % for station %', p_kind, p_id, v_station USING ERRCODE = 'SG021';
  END IF;
  IF p_action = 'retry' THEN
    RETURN QUERY SELECT r.status, r.error FROM central.retry_dead_letter(p_kind, p_id, p_reason, format('%s at station %s', btrim(p_who), v_station)) r;
  ELSIF p_action = 'skip' THEN
    RETURN QUERY SELECT r.status, NULL::text FROM central.skip_dead_letter(p_kind, p_id, p_reason, format('%s at station %s', btrim(p_who), v_station)) r;
  ELSE
    RAISE EXCEPTION 'action must be retry or skip, not %', p_action USING ERRCODE = 'SG020';
  END IF;
END $$;

REVOKE EXECUTE ON FUNCTION central.projection_lag(), central.sync_status(), central.station_health(),
  central.retry_dead_letter(text, bigint, text, text), central.skip_dead_letter(text, bigint, text, text),
  central.station_dead_letters(), central.station_resolve_dead_letter(text, text, bigint, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION central.station_health(), central.station_dead_letters(),
  central.station_resolve_dead_letter(text, text, bigint, text, text) TO central_station;`,
};
