import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `central.floor_replication()`: every station's replication as the supervisor screen shows it, for
 * stations to read (`central.sync_status()` is admin only). Per station, aggregates only, never a row
 * of another station: when central last moved its mark (its last ingest), the mark, the local seq and
 * time of its last heartbeat, the events ingested but not yet projected (the projector cursor's lag)
 * and the oldest of them, and its open dead letters (ingest and projection). SECURITY DEFINER with the
 * statistics reads' caller check (a station, the schema owner or a superuser).
 */
export class FloorReplication1730000000017 implements MigrationInterface {
  name = 'FloorReplication1730000000017';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION central.floor_replication()
      RETURNS TABLE (station text, last_ingest_at timestamptz, mark bigint, local_seq bigint, seen_at timestamptz, unprojected bigint,
                     oldest_unprojected timestamptz, dead_letters bigint)
      LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, central AS $$
      BEGIN
        PERFORM central.assert_stats_reader();
        RETURN QUERY
        SELECT s.station_id, m.updated_at, coalesce(m.acked_seq, 0), h.local_seq, h.seen_at, coalesce(p.events, 0)::bigint, p.oldest,
          (SELECT count(*) FROM central.dead_letters d WHERE d.station_id = s.station_id AND d.status = 'open')
          + (SELECT count(*) FROM central.projection_dead_letters d WHERE d.station_id = s.station_id AND d.status = 'open')
        FROM central.stations s
        LEFT JOIN central.station_marks m ON m.station_id = s.station_id
        LEFT JOIN central.heartbeats h ON h.station_id = s.station_id
        LEFT JOIN central.projection_lag() p ON p.station_id = s.station_id
        ORDER BY s.station_id;
      END $$;
      REVOKE EXECUTE ON FUNCTION central.floor_replication() FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION central.floor_replication() TO central_station;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION IF EXISTS central.floor_replication()');
  }
}
