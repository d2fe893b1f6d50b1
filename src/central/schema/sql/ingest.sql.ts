// Part of the migration 1730000000002-central-ingest, indented as it was there (the executed SQL is unchanged).

/**
 * `central.ingest(...)`: the one call a station makes per batch (SECURITY INVOKER, so its INSERT passes
 * row-level security). Error codes: see the migration `1730000000002-central-ingest`.
 */
export const INGEST_SQL = `
      /*
       * The one call a station makes per batch. Arrays are parallel, ordered by seq and contiguous;
       * values arrive as text and are cast here, so a malformed value is a data error this function
       * can catch (and dead-letter) instead of a client-side failure that would block the queue.
       * Returns the new mark; a replayed batch (lost acknowledgement) changes nothing.
       */
      CREATE FUNCTION central.ingest(p_station text, p_seq bigint[], p_id text[], p_type text[], p_payload text[],
                                     p_device_time text[], p_correlation text[], p_device text[], p_user text[])
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
           OR coalesce(cardinality(p_user), 0) <> v_n THEN
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
          INSERT INTO central.station_events (station_id, seq, id, type, payload, device_time, correlation_id, device_id, user_id)
          SELECT p_station, u.s, u.id::uuid, u.t, u.pl::jsonb, u.dt::timestamptz, u.c, u.d, u.usr
          FROM unnest(p_seq, p_id, p_type, p_payload, p_device_time, p_correlation, p_device, p_user)
               AS u(s, id, t, pl, dt, c, d, usr)
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
              INSERT INTO central.station_events (station_id, seq, id, type, payload, device_time, correlation_id, device_id, user_id)
              VALUES (p_station, p_seq[i], p_id[i]::uuid, p_type[i], p_payload[i]::jsonb, p_device_time[i]::timestamptz,
                      p_correlation[i], p_device[i], p_user[i])
              ON CONFLICT (station_id, seq) DO NOTHING;
              GET DIAGNOSTICS v_count = ROW_COUNT;
              PERFORM central.apply_batch(p_station, p_seq[i] - 1, p_seq[i]);
              v_ins := v_ins + v_count;
            EXCEPTION WHEN data_exception OR integrity_constraint_violation THEN
              PERFORM central.dead_letter(p_station, p_seq[i], p_id[i], p_type[i], p_payload[i], p_device_time[i],
                                          p_correlation[i], p_device[i], p_user[i], SQLSTATE, SQLERRM);
              v_dead := v_dead + 1;
            END;
          END LOOP;
        END;
        RETURN QUERY SELECT v_last, v_ins, v_dead;
      END $$;`;
