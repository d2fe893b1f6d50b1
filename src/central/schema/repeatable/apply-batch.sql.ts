/**
 * `central.apply_batch(station, from, to)`: the mark step of `central.ingest` (the only part of ingest a
 * station may not do itself, hence SECURITY DEFINER). Events (from, to] are already in station_events;
 * it checks the mark and that no seq is missing, records the range in `central.ingest_log` under this
 * transaction's id for the projector, and moves the mark. It projects nothing: the projector does
 * that after the ingest has committed (projector.sql.ts), so a projection can never fail an ingest.
 */
export const APPLY_BATCH = {
  name: 'central.apply_batch',
  sql: `
CREATE OR REPLACE FUNCTION central.apply_batch(p_station text, p_from bigint, p_to bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
  v_mark bigint;
BEGIN
  v_mark := central.lock_mark(p_station);
  IF v_mark <> p_from THEN
    RAISE EXCEPTION 'mark of station % is %, not %', p_station, v_mark, p_from USING ERRCODE = 'SG005';
  END IF;
  -- the mark may only pass events central really holds: no gap can hide behind it
  IF (SELECT count(*) FROM central.station_events WHERE station_id = p_station AND seq > p_from AND seq <= p_to) <> p_to - p_from THEN
    RAISE EXCEPTION 'station % has a gap between % and %', p_station, p_from, p_to USING ERRCODE = 'SG001';
  END IF;
  INSERT INTO central.ingest_log (station_id, first_seq, last_seq) VALUES (p_station, p_from + 1, p_to);
  UPDATE central.station_marks SET acked_seq = p_to, updated_at = now() WHERE station_id = p_station;
END $$;`,
};
