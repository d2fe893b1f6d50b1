// Part of the migration 1730000000002-central-ingest, indented as it was there (the executed SQL is unchanged).

/**
 * `central.assert_writer(station)`: raises 42501 unless the session's role is that station's role, a
 * superuser or a member of the schema owner. The SECURITY DEFINER functions call it first.
 */
export const ASSERT_WRITER_SQL = `
      -- inside SECURITY DEFINER functions current_user is the owner, so the caller is session_user
      CREATE FUNCTION central.assert_writer(p_station text) RETURNS void
      LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, central AS $$
      DECLARE v_own text := central.station_of(session_user);
      BEGIN
        IF v_own = p_station THEN RETURN; END IF;
        IF v_own IS NULL AND (
             (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
          OR pg_has_role(session_user, (SELECT nspowner FROM pg_namespace WHERE nspname = 'central'), 'MEMBER')) THEN
          RETURN;
        END IF;
        RAISE EXCEPTION 'role % may not write events for station %', session_user, p_station USING ERRCODE = '42501';
      END $$;`;
