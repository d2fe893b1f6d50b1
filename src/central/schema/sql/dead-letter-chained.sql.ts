// Part of the migration 1730000000006-users-and-audit-chain.

/**
 * `central.dead_letter(...)`, second version: as in dead-letter.sql.ts, and the poison event's role,
 * session, approver and chain link are kept verbatim too. They are trailing parameters with NULL
 * defaults, so the eleven-argument call of the previous version still means the same.
 */
export const DEAD_LETTER_CHAINED_SQL = `
      CREATE FUNCTION central.dead_letter(p_station text, p_seq bigint, p_id text, p_type text, p_payload text,
                                          p_device_time text, p_correlation text, p_device text, p_user text,
                                          p_sqlstate text, p_error text,
                                          p_role text DEFAULT NULL, p_session text DEFAULT NULL, p_approved text DEFAULT NULL,
                                          p_prev_hash text DEFAULT NULL, p_hash text DEFAULT NULL) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
      DECLARE v_mark bigint;
      BEGIN
        v_mark := central.lock_mark(p_station);
        IF v_mark <> p_seq - 1 THEN
          RAISE EXCEPTION 'mark of station % is %, not %', p_station, v_mark, p_seq - 1 USING ERRCODE = 'SG005';
        END IF;
        INSERT INTO central.dead_letters (station_id, seq, event_id, type, payload, device_time, correlation_id,
                                          device_id, user_id, role, session_id, approved_by, prev_hash, hash, sqlstate, error)
        VALUES (p_station, p_seq, p_id, p_type, p_payload, p_device_time, p_correlation, p_device, p_user,
                p_role, p_session, p_approved, p_prev_hash, p_hash, p_sqlstate, p_error)
        ON CONFLICT (station_id, seq) DO NOTHING;
        UPDATE central.station_marks SET acked_seq = p_seq, updated_at = now() WHERE station_id = p_station;
      END $$;`;
