/**
 * `central.station_of(role)`, second version (migration 1730000000004): the station a session acts
 * for. A station's own login role still maps to its station. A shared fleet login (a member of
 * `central_pooled`, so that one PgBouncer pool serves the whole fleet) maps to the station whose
 * token it set for this transaction with `SET LOCAL central.station_token`; the token's SHA-256 is
 * what `stations.token_hash` holds. No token, a wrong token, or a token set by a role outside
 * `central_pooled` maps to nothing, so row-level security and `assert_writer` refuse. The tokens
 * are 256 random bits, so a plain SHA-256 is enough (no slow hash: nothing to brute-force).
 */
export const STATION_OF_POOLED_SQL = `
      CREATE OR REPLACE FUNCTION central.station_of(p_role name) RETURNS text
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, central AS $$
        SELECT station_id FROM central.stations WHERE role_name = p_role
        UNION ALL
        SELECT s.station_id FROM central.stations s
        WHERE s.token_hash = sha256(convert_to(nullif(current_setting('central.station_token', true), ''), 'UTF8'))
          AND pg_has_role(p_role, 'central_pooled', 'MEMBER')
        LIMIT 1
      $$;`;
