/**
 * The user module's central projection: `central.project_users(station, from, to)` hands the user
 * changes and logins among events (from, to] of one station to `central.project_user`, in seq order
 * (see project-user.sql.ts in src/central/schema/sql for what each one does). The projector calls it
 * in central's order, so the later central commit still wins. The audit chain needs no projection:
 * its fields are stored with each event by ingest.
 */
export const USER_PROJECTION = {
  name: 'central.project_users',
  sql: `
CREATE OR REPLACE FUNCTION central.project_users(p_station text, p_from bigint, p_to bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
  ev record;
BEGIN
  FOR ev IN
    SELECT seq, id, type, payload FROM central.station_events
    WHERE station_id = p_station AND seq > p_from AND seq <= p_to
      AND type IN ('user.created', 'user.disabled', 'user.enabled', 'user.pin_reset', 'user.role_changed', 'session.started')
    ORDER BY seq
  LOOP
    PERFORM central.project_user(p_station, ev.seq, ev.id, ev.type, ev.payload);
  END LOOP;
END $$;
REVOKE EXECUTE ON FUNCTION central.project_users(text, bigint, bigint) FROM PUBLIC;
INSERT INTO central.projections (name, fn, position, types) VALUES ('user', 'central.project_users', 20, '{user.,session.started}')
ON CONFLICT (name) DO UPDATE SET fn = excluded.fn, position = excluded.position, types = excluded.types;`,
};
