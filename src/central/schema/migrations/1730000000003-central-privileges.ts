import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Least privilege. Every station role is a member of the NOLOGIN group `central_station`, which may:
 * insert its own events (row-level security checks station_id against the login role), read back its
 * own events, mark, rejections and dead letters, read the reference data, and call the ingest
 * functions. It has no UPDATE, DELETE or TRUNCATE on anything, and the SECURITY DEFINER functions
 * refuse to act for another station. Roles are cluster-wide, so the group is created only if absent.
 */
export class CentralPrivileges1730000000003 implements MigrationInterface {
  name = 'CentralPrivileges1730000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'central_station') THEN
          CREATE ROLE central_station NOLOGIN;
        END IF;
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO central_station', current_database());
      END $$;

      GRANT USAGE ON SCHEMA central TO central_station;

      REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA central FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION central.station_of(name), central.ingest(text, bigint[], text[], text[], text[], text[], text[], text[], text[]),
        central.heartbeat(text, bigint, integer, text), central.lock_mark(text),
        central.apply_batch(text, bigint, bigint), central.dead_letter(text, bigint, text, text, text, text, text, text, text, text, text)
        TO central_station;

      GRANT INSERT, SELECT ON central.station_events TO central_station;
      GRANT SELECT ON central.station_marks, central.rejections, central.dead_letters TO central_station;
      GRANT SELECT ON central.users, central.code_rules, central.bills, central.bags TO central_station;

      ALTER TABLE central.station_events ENABLE ROW LEVEL SECURITY;
      ALTER TABLE central.station_marks ENABLE ROW LEVEL SECURITY;
      ALTER TABLE central.rejections ENABLE ROW LEVEL SECURITY;
      ALTER TABLE central.dead_letters ENABLE ROW LEVEL SECURITY;

      -- (SELECT …) makes the lookup an init plan: evaluated once per statement, not once per row
      CREATE POLICY own_events_insert ON central.station_events FOR INSERT TO central_station
        WITH CHECK (station_id = (SELECT central.station_of(current_user)));
      CREATE POLICY own_events_select ON central.station_events FOR SELECT TO central_station
        USING (station_id = (SELECT central.station_of(current_user)));
      CREATE POLICY own_mark ON central.station_marks FOR SELECT TO central_station
        USING (station_id = (SELECT central.station_of(current_user)));
      CREATE POLICY own_rejections ON central.rejections FOR SELECT TO central_station
        USING (station_id = (SELECT central.station_of(current_user)));
      CREATE POLICY own_dead_letters ON central.dead_letters FOR SELECT TO central_station
        USING (station_id = (SELECT central.station_of(current_user)));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP POLICY own_dead_letters ON central.dead_letters;
      DROP POLICY own_rejections ON central.rejections;
      DROP POLICY own_mark ON central.station_marks;
      DROP POLICY own_events_select ON central.station_events;
      DROP POLICY own_events_insert ON central.station_events;
      REVOKE ALL ON ALL TABLES IN SCHEMA central FROM central_station;
      REVOKE ALL ON ALL FUNCTIONS IN SCHEMA central FROM central_station;
      REVOKE USAGE ON SCHEMA central FROM central_station;
      DO $$ BEGIN
        EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM central_station', current_database());
      END $$;
    `);
  }
}
