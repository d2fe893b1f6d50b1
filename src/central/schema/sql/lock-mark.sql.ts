// Part of the migration 1730000000002-central-ingest, indented as it was there (the executed SQL is unchanged).

/** `central.lock_mark(station)`: locks the station's mark row and returns the mark (SG004 if not provisioned). */
export const LOCK_MARK_SQL = `
      -- serialises ingest per station: the row lock is held to the end of the caller's transaction
      CREATE FUNCTION central.lock_mark(p_station text) RETURNS bigint
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
      DECLARE v_mark bigint;
      BEGIN
        PERFORM central.assert_writer(p_station);
        SELECT acked_seq INTO v_mark FROM central.station_marks WHERE station_id = p_station FOR UPDATE;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'station % is not provisioned on this central database', p_station
            USING ERRCODE = 'SG004', HINT = 'run: station provision --central URL --station ' || p_station;
        END IF;
        RETURN v_mark;
      END $$;`;
