// Part of the migration 1730000000002-central-ingest, indented as it was there (the executed SQL is unchanged).

/** `central.heartbeat(...)`: a station's last-seen time, local seq, queue depth and app version. */
export const HEARTBEAT_SQL = `
      CREATE FUNCTION central.heartbeat(p_station text, p_local_seq bigint, p_queue_depth integer, p_app_version text) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
      BEGIN
        PERFORM central.assert_writer(p_station);
        INSERT INTO central.heartbeats AS h (station_id, seen_at, local_seq, queue_depth, app_version)
        VALUES (p_station, now(), p_local_seq, p_queue_depth, p_app_version)
        ON CONFLICT (station_id) DO UPDATE
          SET seen_at = excluded.seen_at, local_seq = excluded.local_seq,
              queue_depth = excluded.queue_depth, app_version = excluded.app_version;
      END $$;`;
