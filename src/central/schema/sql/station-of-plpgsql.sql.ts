// Part of the migration 1730000000005-plan-cached-functions.

/**
 * `central.station_of(role)` in PL/pgSQL: the same answer as station-of-pooled.sql.ts (a station's
 * own role, or the fleet login's token for this transaction), with its plans cached per server
 * connection instead of planned on each of the three calls every batch makes. The token lookup
 * runs only when there is a token and the role may present one.
 */
export const STATION_OF_PLPGSQL_SQL = `
      CREATE OR REPLACE FUNCTION central.station_of(p_role name) RETURNS text
      LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, central AS $$
      DECLARE
        v_station text;
        v_token text := nullif(current_setting('central.station_token', true), '');
      BEGIN
        SELECT s.station_id INTO v_station FROM central.stations s WHERE s.role_name = p_role;
        IF FOUND OR v_token IS NULL OR NOT pg_has_role(p_role, 'central_pooled', 'MEMBER') THEN
          RETURN v_station;
        END IF;
        SELECT s.station_id INTO v_station FROM central.stations s WHERE s.token_hash = sha256(convert_to(v_token, 'UTF8'));
        RETURN v_station;
      END $$;`;
