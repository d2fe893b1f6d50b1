/**
 * `central.ingest_staged(station, first, last)`: the batch (first..last] a station has just COPYed into
 * `central.ingest_staging` in this transaction goes into station_events, with the same checks and the
 * same exactly-once and poison handling as the array form `central.ingest` (kept for stations of the
 * previous release): the station's mark is locked and its writer checked (lock_mark), seqs must be
 * contiguous and follow the mark (SG002, SG001), a replay must be the same events (SG003), and a batch
 * holding an event that does not cast is taken one event at a time, the poison ones dead-lettered.
 * SECURITY DEFINER: it reads and empties the staging table, which stations may only insert into, and
 * writes station_events with the station id lock_mark has just proved the caller may write.
 */
export const INGEST_STAGED = {
  name: 'central.ingest_staged',
  sql: `
CREATE OR REPLACE FUNCTION central.ingest_staged(p_station text, p_first bigint, p_last bigint)
RETURNS TABLE (acked_seq bigint, inserted integer, dead_lettered integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
  v_tx xid8 := pg_current_xact_id();
  v_mark bigint;
  v_n bigint;
  v_min bigint;
  v_max bigint;
  v_ins integer := 0;
  v_dead integer := 0;
  v_count integer;
  r central.ingest_staging%ROWTYPE;
BEGIN
  v_mark := central.lock_mark(p_station);
  SELECT count(*), min(s.seq), max(s.seq) INTO v_n, v_min, v_max FROM central.ingest_staging s WHERE s.txid = v_tx;
  IF v_n = 0 THEN
    RETURN QUERY SELECT v_mark, 0, 0;
    RETURN;
  END IF;
  -- (txid, seq) is unique, so n rows from first to last are exactly the seqs first..last
  IF v_min IS DISTINCT FROM p_first OR v_max IS DISTINCT FROM p_last OR v_n <> p_last - p_first + 1 THEN
    RAISE EXCEPTION 'batch seqs must be contiguous and ascending: % events staged for % to %', v_n, p_first, p_last
      USING ERRCODE = 'SG002';
  END IF;
  IF p_first > v_mark + 1 THEN
    RAISE EXCEPTION 'gap: central holds station % up to seq %, batch starts at %', p_station, v_mark, p_first
      USING ERRCODE = 'SG001', DETAIL = v_mark::text;
  END IF;
  IF p_first <= v_mark AND EXISTS (
       SELECT 1 FROM central.ingest_staging s
       JOIN central.station_events e ON e.station_id = p_station AND e.seq = s.seq
       WHERE s.txid = v_tx AND s.seq <= v_mark AND e.id::text <> lower(s.id)) THEN
    RAISE EXCEPTION 'station % sent different events for seqs central already holds', p_station USING ERRCODE = 'SG003';
  END IF;
  IF p_last <= v_mark THEN
    DELETE FROM central.ingest_staging s WHERE s.txid = v_tx;
    RETURN QUERY SELECT v_mark, 0, 0;
    RETURN;
  END IF;

  BEGIN
    WITH staged AS (DELETE FROM central.ingest_staging s WHERE s.txid = v_tx RETURNING s.*)
    INSERT INTO central.station_events (station_id, seq, id, type, payload, device_time, correlation_id, device_id, user_id,
                                        role, session_id, approved_by, prev_hash, hash)
    SELECT p_station, s.seq, s.id::uuid, s.type, s.payload::jsonb, s.device_time::timestamptz, s.correlation_id, s.device_id,
           s.user_id, s.role, s.session_id, s.approved_by, s.prev_hash, s.hash
    FROM staged s WHERE s.seq > v_mark
    ON CONFLICT (station_id, seq) DO NOTHING;
    GET DIAGNOSTICS v_ins = ROW_COUNT;
    PERFORM central.apply_batch(p_station, v_mark, p_last);
  EXCEPTION WHEN data_exception OR integrity_constraint_violation THEN
    -- a poison event somewhere (the block rolled back, the staged rows are back): one at a time
    v_ins := 0;
    FOR r IN SELECT * FROM central.ingest_staging s WHERE s.txid = v_tx AND s.seq > v_mark ORDER BY s.seq LOOP
      BEGIN
        INSERT INTO central.station_events (station_id, seq, id, type, payload, device_time, correlation_id, device_id, user_id,
                                            role, session_id, approved_by, prev_hash, hash)
        VALUES (p_station, r.seq, r.id::uuid, r.type, r.payload::jsonb, r.device_time::timestamptz, r.correlation_id, r.device_id,
                r.user_id, r.role, r.session_id, r.approved_by, r.prev_hash, r.hash)
        ON CONFLICT (station_id, seq) DO NOTHING;
        GET DIAGNOSTICS v_count = ROW_COUNT;
        PERFORM central.apply_batch(p_station, r.seq - 1, r.seq);
        v_ins := v_ins + v_count;
      EXCEPTION WHEN data_exception OR integrity_constraint_violation THEN
        PERFORM central.dead_letter(p_station, r.seq, r.id, r.type, r.payload, r.device_time, r.correlation_id, r.device_id,
                                    r.user_id, SQLSTATE, SQLERRM, r.role, r.session_id, r.approved_by, r.prev_hash, r.hash);
        v_dead := v_dead + 1;
      END;
    END LOOP;
    DELETE FROM central.ingest_staging s WHERE s.txid = v_tx;
  END;
  RETURN QUERY SELECT p_last, v_ins, v_dead;
END $$;
REVOKE EXECUTE ON FUNCTION central.ingest_staged(text, bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION central.ingest_staged(text, bigint, bigint) TO central_station;`,
};
