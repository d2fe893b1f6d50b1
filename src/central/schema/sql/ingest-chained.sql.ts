// Part of the migration 1730000000006-users-and-audit-chain.

/**
 * `central.ingest(...)`, second version: as in ingest.sql.ts (same checks, same exactly-once and
 * poison handling), plus five more parallel arrays: the role, session and approver that caused each
 * event and its link in the station's hash chain (`prev_hash`, `hash`). The new arrays default to
 * NULL, so a station still on the previous release (nine arrays) keeps replicating during a fleet
 * roll-out; its events are stored without the new fields, like every event ingested before it.
 */
export const INGEST_CHAINED_SQL = `
      CREATE FUNCTION central.ingest(p_station text, p_seq bigint[], p_id text[], p_type text[], p_payload text[],
                                     p_device_time text[], p_correlation text[], p_device text[], p_user text[],
                                     p_role text[] DEFAULT NULL, p_session text[] DEFAULT NULL, p_approved text[] DEFAULT NULL,
                                     p_prev_hash text[] DEFAULT NULL, p_hash text[] DEFAULT NULL)
      RETURNS TABLE (acked_seq bigint, inserted integer, dead_lettered integer)
      LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, central AS $$
      DECLARE
        v_n integer := coalesce(cardinality(p_seq), 0);
        v_mark bigint;
        v_first bigint;
        v_last bigint;
        v_ins integer := 0;
        v_dead integer := 0;
        v_count integer;
      BEGIN
        v_mark := central.lock_mark(p_station);
        IF v_n = 0 THEN
          RETURN QUERY SELECT v_mark, 0, 0;
          RETURN;
        END IF;
        IF coalesce(cardinality(p_id), 0) <> v_n OR coalesce(cardinality(p_type), 0) <> v_n
           OR coalesce(cardinality(p_payload), 0) <> v_n OR coalesce(cardinality(p_device_time), 0) <> v_n
           OR coalesce(cardinality(p_correlation), 0) <> v_n OR coalesce(cardinality(p_device), 0) <> v_n
           OR coalesce(cardinality(p_user), 0) <> v_n
           -- the chain arrays are all absent (a station of the previous release) or all complete
           OR (NOT (p_role IS NULL AND p_session IS NULL AND p_approved IS NULL AND p_prev_hash IS NULL AND p_hash IS NULL)
               AND (coalesce(cardinality(p_role), -1) <> v_n OR coalesce(cardinality(p_session), -1) <> v_n
                    OR coalesce(cardinality(p_approved), -1) <> v_n OR coalesce(cardinality(p_prev_hash), -1) <> v_n
                    OR coalesce(cardinality(p_hash), -1) <> v_n)) THEN
          RAISE EXCEPTION 'batch arrays differ in length' USING ERRCODE = 'SG002';
        END IF;
        v_first := p_seq[1];
        v_last := p_seq[v_n];
        IF v_first IS NULL OR v_last - v_first + 1 <> v_n
           OR EXISTS (SELECT 1 FROM unnest(p_seq) WITH ORDINALITY AS u(s, i) WHERE u.s IS DISTINCT FROM v_first + u.i - 1) THEN
          RAISE EXCEPTION 'batch seqs must be contiguous and ascending' USING ERRCODE = 'SG002';
        END IF;
        IF v_first > v_mark + 1 THEN
          RAISE EXCEPTION 'gap: central holds station % up to seq %, batch starts at %', p_station, v_mark, v_first
            USING ERRCODE = 'SG001', DETAIL = v_mark::text;
        END IF;
        -- a replay must be the same events, or the station's log was reset under the same id
        IF v_first <= v_mark AND EXISTS (
             SELECT 1 FROM unnest(p_seq, p_id) AS u(s, id)
             JOIN central.station_events e ON e.station_id = p_station AND e.seq = u.s
             WHERE u.s <= v_mark AND e.id::text <> lower(u.id)) THEN
          RAISE EXCEPTION 'station % sent different events for seqs central already holds', p_station
            USING ERRCODE = 'SG003';
        END IF;
        IF v_last <= v_mark THEN
          RETURN QUERY SELECT v_mark, 0, 0;
          RETURN;
        END IF;

        BEGIN
          -- unnest pads an absent (NULL) array with NULLs
          INSERT INTO central.station_events (station_id, seq, id, type, payload, device_time, correlation_id, device_id, user_id,
                                              role, session_id, approved_by, prev_hash, hash)
          SELECT p_station, u.s, u.id::uuid, u.t, u.pl::jsonb, u.dt::timestamptz, u.c, u.d, u.usr, u.r, u.ses, u.ap, u.ph, u.h
          FROM unnest(p_seq, p_id, p_type, p_payload, p_device_time, p_correlation, p_device, p_user,
                      p_role, p_session, p_approved, p_prev_hash, p_hash)
               AS u(s, id, t, pl, dt, c, d, usr, r, ses, ap, ph, h)
          WHERE u.s > v_mark
          ON CONFLICT (station_id, seq) DO NOTHING;
          GET DIAGNOSTICS v_ins = ROW_COUNT;
          PERFORM central.apply_batch(p_station, v_mark, v_last);
        EXCEPTION WHEN data_exception OR integrity_constraint_violation THEN
          -- a poison event somewhere: take the batch one event at a time so the good ones still land
          v_ins := 0;
          FOR i IN 1..v_n LOOP
            CONTINUE WHEN p_seq[i] <= v_mark;
            BEGIN
              INSERT INTO central.station_events (station_id, seq, id, type, payload, device_time, correlation_id, device_id, user_id,
                                                  role, session_id, approved_by, prev_hash, hash)
              VALUES (p_station, p_seq[i], p_id[i]::uuid, p_type[i], p_payload[i]::jsonb, p_device_time[i]::timestamptz,
                      p_correlation[i], p_device[i], p_user[i], p_role[i], p_session[i], p_approved[i], p_prev_hash[i], p_hash[i])
              ON CONFLICT (station_id, seq) DO NOTHING;
              GET DIAGNOSTICS v_count = ROW_COUNT;
              PERFORM central.apply_batch(p_station, p_seq[i] - 1, p_seq[i]);
              v_ins := v_ins + v_count;
            EXCEPTION WHEN data_exception OR integrity_constraint_violation THEN
              PERFORM central.dead_letter(p_station, p_seq[i], p_id[i], p_type[i], p_payload[i], p_device_time[i],
                                          p_correlation[i], p_device[i], p_user[i], SQLSTATE, SQLERRM,
                                          p_role[i], p_session[i], p_approved[i], p_prev_hash[i], p_hash[i]);
              v_dead := v_dead + 1;
            END;
          END LOOP;
        END;
        RETURN QUERY SELECT v_last, v_ins, v_dead;
      END $$;`;
