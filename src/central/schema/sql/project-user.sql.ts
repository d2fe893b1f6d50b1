// Part of the migration 1730000000006-users-and-audit-chain.

/** Version text of a users row, as the reference pull sends it down (`updatedAt`) and stations send it back (`baseVersion`). */
const VERSION = `to_char(v_user.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * `central.project_user(...)`: a station's user change (`user.created`, `user.disabled`,
 * `user.enabled`, `user.pin_reset`, `user.role_changed`) applied to `central.users`, and the check
 * of a `session.started` against it. Called by project_event, in seq order, in the ingest
 * transaction (so central commit order decides between stations).
 *
 * - Central is the fleet's truth and the later central commit wins. A change carries the version
 *   of the row its station last pulled (`baseVersion`, null when it never saw the user). When that
 *   is not the row's version and the row was last written by another station's event, that earlier
 *   event has lost: it gets a `user_overwritten` rejection (which flows back to its own station),
 *   and the new change is applied. A change made at central itself (last_station NULL) has no event
 *   to reject. A station's own earlier change never loses to itself (it had it when it made the next).
 * - `user.created` for an id central already holds is a change of name, role, badge and PIN hash.
 * - A badge another user holds is not taken over: the rest of the change stands, and the event gets
 *   a `badge_taken` rejection naming the holder (a duplicate badge must not dead-letter the event,
 *   which would leave a hole in central's copy of the station's chain).
 * - A change to a user central does not know changes nothing.
 * - `session.started` by a user central has disabled: nothing to apply, a `user_disabled` rejection.
 */
export const PROJECT_USER_SQL = `
      -- an UPDATE that does not say which station event wrote the row (an admin's, at central) clears
      -- last_station/last_seq: a later conflict must never be blamed on an event whose change is gone
      CREATE FUNCTION central.users_last_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (NEW.last_station, NEW.last_seq) IS NOT DISTINCT FROM (OLD.last_station, OLD.last_seq) THEN
          NEW.last_station := NULL;
          NEW.last_seq := NULL;
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER users_last_write BEFORE UPDATE ON central.users FOR EACH ROW EXECUTE FUNCTION central.users_last_write();

      CREATE FUNCTION central.project_user(p_station text, p_seq bigint, p_id uuid, p_type text, p_payload jsonb) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
      DECLARE
        v_user_id text := p_payload->>'userId';
        v_badge text := p_payload->>'badge';
        v_taken boolean := false;
        v_rows integer := 0;
        v_user central.users%ROWTYPE;
        v_holder central.users%ROWTYPE;
      BEGIN
        IF p_type = 'session.started' THEN
          SELECT * INTO v_user FROM central.users WHERE id = v_user_id;
          IF FOUND AND NOT v_user.active THEN
            PERFORM central.reject(p_station, p_seq, p_id, p_type, 'user_disabled',
              format('login by %s (%s) on %s after central disabled the user', v_user.name, v_user.id, p_station),
              v_user.last_station, v_user.last_seq);
          END IF;
          RETURN;
        END IF;

        SELECT * INTO v_user FROM central.users WHERE id = v_user_id FOR UPDATE;
        IF NOT FOUND THEN
          IF p_type <> 'user.created' THEN
            RETURN; -- a change to a user central does not know: nothing to change
          END IF;
          -- a badge another user holds stays theirs (second attempt without it), the rest of the change stands
          FOR attempt IN 1..2 LOOP
            BEGIN
              INSERT INTO central.users (id, name, role, badge, pin_hash, last_station, last_seq)
              VALUES (v_user_id, p_payload->>'name', p_payload->>'role', CASE WHEN v_taken THEN NULL ELSE v_badge END,
                      p_payload->>'pinHash', p_station, p_seq)
              ON CONFLICT (id) DO NOTHING;
              GET DIAGNOSTICS v_rows = ROW_COUNT;
              EXIT;
            EXCEPTION WHEN unique_violation THEN
              v_taken := true;
            END;
          END LOOP;
          IF v_rows = 0 THEN
            -- created meanwhile by a transaction that committed first: a change to that row, below
            v_taken := false;
            SELECT * INTO v_user FROM central.users WHERE id = v_user_id FOR UPDATE;
          END IF;
        END IF;

        IF v_user.id IS NOT NULL THEN
          IF v_user.last_station IS NOT NULL AND v_user.last_station <> p_station
             AND (p_payload->>'baseVersion') IS DISTINCT FROM ${VERSION} THEN
            INSERT INTO central.rejections (station_id, seq, event_id, type, reason, detail, winner_station, winner_seq)
            SELECT e.station_id, e.seq, e.id, e.type, 'user_overwritten',
                   format('the change to user %s (%s) was overwritten by station %s (seq %s), which had not seen it',
                          v_user.name, v_user.id, p_station, p_seq),
                   p_station, p_seq
            FROM central.station_events e WHERE e.station_id = v_user.last_station AND e.seq = v_user.last_seq
            ON CONFLICT (station_id, seq) DO NOTHING;
          END IF;
          FOR attempt IN 1..2 LOOP
            BEGIN
              UPDATE central.users SET
                name = CASE WHEN p_type = 'user.created' THEN p_payload->>'name' ELSE name END,
                role = CASE WHEN p_type IN ('user.created', 'user.role_changed') THEN p_payload->>'role' ELSE role END,
                badge = CASE WHEN p_type = 'user.created' AND NOT v_taken THEN v_badge ELSE badge END,
                pin_hash = CASE WHEN p_type IN ('user.created', 'user.pin_reset') THEN p_payload->>'pinHash' ELSE pin_hash END,
                active = CASE p_type WHEN 'user.disabled' THEN false WHEN 'user.enabled' THEN true ELSE active END,
                last_station = p_station, last_seq = p_seq
              WHERE id = v_user_id;
              EXIT;
            EXCEPTION WHEN unique_violation THEN
              v_taken := true;
            END;
          END LOOP;
        END IF;

        IF v_taken THEN
          SELECT * INTO v_holder FROM central.users WHERE badge = v_badge;
          PERFORM central.reject(p_station, p_seq, p_id, p_type, 'badge_taken',
            format('badge %s of user %s is already held by user %s (%s)', v_badge, v_user_id, v_holder.name, v_holder.id),
            v_holder.last_station, v_holder.last_seq);
        END IF;
      END $$;`;
