// Part of the migration 1730000000002-central-ingest, indented as it was there (the executed SQL is unchanged).

/** `central.reject(...)`: records a conflict rejection for one event, once per (station, seq). */
export const REJECT_SQL = `
      CREATE FUNCTION central.reject(p_station text, p_seq bigint, p_event uuid, p_type text, p_reason text,
                                     p_detail text, p_winner_station text, p_winner_seq bigint) RETURNS void
      LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
        INSERT INTO central.rejections (station_id, seq, event_id, type, reason, detail, winner_station, winner_seq)
        VALUES (p_station, p_seq, p_event, p_type, p_reason, p_detail, p_winner_station, p_winner_seq)
        ON CONFLICT (station_id, seq) DO NOTHING
      $$;`;
