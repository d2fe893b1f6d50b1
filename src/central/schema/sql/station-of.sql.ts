// Part of the migration 1730000000002-central-ingest, indented as it was there (the executed SQL is unchanged).

/**
 * `central.station_of(role)`: the station a login role writes for (NULL for any other role). Used by
 * `assert_writer` and by the row-level security policies of the privileges migration.
 */
export const STATION_OF_SQL = `
      CREATE FUNCTION central.station_of(p_role name) RETURNS text
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, central AS $$
        SELECT station_id FROM central.stations WHERE role_name = p_role
      $$;`;
