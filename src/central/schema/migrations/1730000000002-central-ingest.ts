import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ingest path, server side. `central.ingest` runs as the calling station's role, so its INSERT
 * into station_events passes through row-level security; the steps a station must not do freely
 * (move its mark, write projections and rejections) are SECURITY DEFINER functions that check the
 * caller first. Everything happens in the caller's transaction: events, projections and the mark
 * commit together or not at all.
 *
 * Error codes of our own (class SG) tell the worker what happened:
 *   SG001 gap: the batch starts beyond mark + 1        SG002 malformed batch (client bug)
 *   SG003 the station's log differs from what central holds for the same seq
 *   SG004 the station is not provisioned              SG005 the mark moved under the caller
 */
export class CentralIngest1730000000002 implements MigrationInterface {
  name = 'CentralIngest1730000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION central.station_of(p_role name) RETURNS text
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, central AS $$
        SELECT station_id FROM central.stations WHERE role_name = p_role
      $$;

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
      END $$;

      -- serialises ingest per station: the row lock is held to the end of the caller's transaction
      CREATE FUNCTION central.lock_mark(p_station text) RETURNS bigint
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
      DECLARE v_mark bigint;
      BEGIN
        PERFORM central.assert_writer(p_station);
        SELECT acked_seq INTO v_mark FROM central.station_marks WHERE station_id = p_station FOR UPDATE;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'station % is not provisioned on this central database', p_station
            USING ERRCODE = 'SG004', HINT = 'run: station provision --central URL --station ' || p_station;
        END IF;
        RETURN v_mark;
      END $$;

      CREATE FUNCTION central.reject(p_station text, p_seq bigint, p_event uuid, p_type text, p_reason text,
                                     p_detail text, p_winner_station text, p_winner_seq bigint) RETURNS void
      LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
        INSERT INTO central.rejections (station_id, seq, event_id, type, reason, detail, winner_station, winner_seq)
        VALUES (p_station, p_seq, p_event, p_type, p_reason, p_detail, p_winner_station, p_winner_seq)
        ON CONFLICT (station_id, seq) DO NOTHING
      $$;

      -- a bag's state from one seq of a batch on: the state changes in the batch, and the state before it
      CREATE TYPE central.bag_state AS (seq bigint, code text, status text, closed_station text, closed_seq bigint);

      /*
       * Child links with seq in (p_lo, p_hi), each judged against its parent's state at its own seq:
       * parents changed in this batch have intervals (the state before the batch from p_lo, then one
       * interval per change in p_states); other parents keep their stored state throughout. A link
       * finds its interval by a hash join on the parent, so a batch is judged in one pass.
       */
      CREATE FUNCTION central.judged_links(p_station text, p_lo bigint, p_hi bigint, p_states central.bag_state[], p_pre central.bag_state[])
      RETURNS TABLE (seq bigint, id uuid, parent text, child text, status_at text, closed_station text, closed_seq bigint)
      LANGUAGE sql STABLE SET search_path = pg_catalog, central SET enable_nestloop = off AS $$
        WITH changes AS (
          SELECT s.seq, s.code, s.status, s.closed_station, s.closed_seq FROM unnest(p_states) AS s WHERE s.code IS NOT NULL
          UNION ALL
          SELECT p_lo, pre.code, pre.status, pre.closed_station, pre.closed_seq FROM unnest(p_pre) AS pre
        ), intervals AS (
          SELECT c.code, c.seq AS from_seq, coalesce(lead(c.seq) OVER (PARTITION BY c.code ORDER BY c.seq), p_hi) AS to_seq,
                 c.status, c.closed_station, c.closed_seq
          FROM changes c
        )
        SELECT e.seq, e.id, x.parent, x.child,
               coalesce(CASE WHEN iv.code IS NOT NULL THEN iv.status ELSE b.status END, 'open'),
               CASE WHEN iv.code IS NOT NULL THEN iv.closed_station ELSE b.closed_station END,
               CASE WHEN iv.code IS NOT NULL THEN iv.closed_seq ELSE b.closed_seq END
        FROM central.station_events e
        CROSS JOIN LATERAL (SELECT e.payload->>'parent' AS parent, e.payload->>'child' AS child) x
        LEFT JOIN intervals iv ON iv.code = x.parent AND e.seq > iv.from_seq AND e.seq < iv.to_seq
        LEFT JOIN LATERAL (SELECT bg.status, bg.closed_station, bg.closed_seq FROM central.bags bg
                           WHERE iv.code IS NULL AND bg.code = x.parent) b ON true
        WHERE e.station_id = p_station AND e.seq > p_lo AND e.seq < p_hi AND e.type = 'bag.child_linked'
      $$;

      -- inserts the accepted links of (p_lo, p_hi) as one set and records the refused ones as rejections
      CREATE FUNCTION central.link_run(p_station text, p_lo bigint, p_hi bigint, p_states central.bag_state[], p_pre central.bag_state[])
      RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
      DECLARE
        v_candidates bigint;
        v_linked bigint;
      BEGIN
        IF p_hi - p_lo <= 1 THEN RETURN; END IF;
        -- a parent first seen through a link (its opening event was on another station) gets a row
        INSERT INTO central.bags (code, status)
        SELECT DISTINCT e.payload->>'parent', 'open' FROM central.station_events e
        WHERE e.station_id = p_station AND e.seq > p_lo AND e.seq < p_hi AND e.type = 'bag.child_linked'
        ORDER BY 1
        ON CONFLICT (code) DO NOTHING;

        WITH j AS (
          SELECT * FROM central.judged_links(p_station, p_lo, p_hi, p_states, p_pre)
        ), ins AS (
          INSERT INTO central.bag_links (parent, child, station_id, seq)
          SELECT j.parent, j.child, p_station, j.seq FROM j WHERE j.status_at IN ('open', 'set_aside')
          ORDER BY j.seq
          ON CONFLICT (child) WHERE reversed_seq IS NULL DO NOTHING
          RETURNING parent
        ), counted AS (
          -- a set-aside parent that takes a link is open again, as one first seen through a link would be
          UPDATE central.bags b SET link_count = b.link_count + n.k,
                                    status = CASE WHEN b.status = 'set_aside' THEN 'open' ELSE b.status END,
                                    close_reason = CASE WHEN b.status = 'set_aside' THEN NULL ELSE b.close_reason END
          FROM (SELECT ins.parent, count(*)::int AS k FROM ins GROUP BY ins.parent) n
          WHERE b.code = n.parent
          RETURNING n.k
        )
        SELECT (SELECT count(*) FROM j), (SELECT coalesce(sum(k), 0) FROM counted) INTO v_candidates, v_linked;

        IF v_linked < v_candidates THEN
          INSERT INTO central.rejections (station_id, seq, event_id, type, reason, detail, winner_station, winner_seq)
          SELECT p_station, j.seq, j.id, 'bag.child_linked',
                 CASE WHEN j.status_at = 'closed' THEN 'parent_closed'
                      WHEN l.parent = j.parent THEN 'child_already_linked'
                      ELSE 'child_linked_elsewhere' END,
                 CASE WHEN j.status_at = 'closed' THEN format('parent %s was already closed', j.parent)
                      ELSE format('child %s is already in parent %s', j.child, l.parent) END,
                 CASE WHEN j.status_at = 'closed' THEN j.closed_station ELSE l.station_id END,
                 CASE WHEN j.status_at = 'closed' THEN j.closed_seq ELSE l.seq END
          FROM central.judged_links(p_station, p_lo, p_hi, p_states, p_pre) j
          LEFT JOIN central.bag_links mine ON mine.station_id = p_station AND mine.seq = j.seq
          LEFT JOIN central.bag_links l ON l.child = j.child AND l.reversed_seq IS NULL
          WHERE mine.seq IS NULL
          ON CONFLICT (station_id, seq) DO NOTHING;
        END IF;
      END $$;

      -- one bag state change (open, close, reopen, reverse a link), decided against the committed state
      /*
       * A parent closed empty (bag.parent_closed with count 0: set aside because the packer scanned
       * another parent while this one was still empty, or closed empty by hand) is dropped from the
       * station's bag tables, so its label can be opened again later. Central agrees: such a bag gets
       * the status 'set_aside', which behaves like a bag never opened (an open or a link takes it, a
       * close closes it), instead of 'closed', which would make a later open of the same code a false
       * parent_closed rejection. The row is kept rather than deleted so that the change reaches the
       * stations' reference data (ref_bags) by its updated_at. Besides project_event (the set-aside
       * itself, and open/close of a set-aside bag), link_run takes links into a set-aside bag and
       * apply_batch goes run by run when a set-aside depends on a link or undo of the same batch.
       */
      CREATE FUNCTION central.project_event(p_station text, p_seq bigint, p_id uuid, p_type text, p_payload jsonb) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
      DECLARE
        v_parent text := p_payload->>'parent';
        v_bag central.bags%ROWTYPE;
        v_link central.bag_links%ROWTYPE;
      BEGIN
        CASE p_type
        WHEN 'bag.parent_opened' THEN
          INSERT INTO central.bags AS b (code, status, capacity, opened_station, opened_seq)
          VALUES (v_parent, 'open', (p_payload->>'capacity')::int, p_station, p_seq)
          ON CONFLICT (code) DO UPDATE
            SET status = 'open', close_reason = NULL,
                capacity = coalesce(b.capacity, excluded.capacity),
                opened_station = coalesce(b.opened_station, excluded.opened_station),
                opened_seq = coalesce(b.opened_seq, excluded.opened_seq)
            WHERE b.status IN ('open', 'set_aside');
          IF NOT FOUND THEN
            SELECT * INTO v_bag FROM central.bags WHERE code = v_parent;
            PERFORM central.reject(p_station, p_seq, p_id, p_type, 'parent_closed',
              format('parent %s was already closed', v_parent), v_bag.closed_station, v_bag.closed_seq);
          END IF;
        WHEN 'bag.parent_closed' THEN
          IF (p_payload->>'count')::int = 0 THEN
            -- an empty parent closed (set aside for another parent, or closed empty by hand): the station forgets it, so central
            -- returns it to "never opened". A bag that holds links, or that another station opened
            -- first (it may still be using it), stays as it is; a set-aside is never a rejection.
            UPDATE central.bags SET status = 'set_aside', capacity = NULL, opened_station = NULL, opened_seq = NULL,
                                    close_reason = p_payload->>'reason'
            WHERE code = v_parent AND status = 'open' AND link_count = 0 AND opened_station = p_station;
            RETURN;
          END IF;
          UPDATE central.bags SET status = 'closed', closed_station = p_station, closed_seq = p_seq,
                                  close_reason = p_payload->>'reason'
          WHERE code = v_parent AND status IN ('open', 'set_aside');
          IF NOT FOUND THEN
            SELECT * INTO v_bag FROM central.bags WHERE code = v_parent;
            IF FOUND THEN
              PERFORM central.reject(p_station, p_seq, p_id, p_type, 'bag_already_closed',
                format('parent %s was already closed', v_parent), v_bag.closed_station, v_bag.closed_seq);
            ELSE
              INSERT INTO central.bags (code, status, closed_station, closed_seq, close_reason)
              VALUES (v_parent, 'closed', p_station, p_seq, p_payload->>'reason');
            END IF;
          END IF;
        WHEN 'bag.parent_reopened' THEN
          SELECT * INTO v_bag FROM central.bags WHERE code = v_parent FOR UPDATE;
          IF FOUND AND v_bag.status = 'closed' THEN
            IF v_bag.closed_station = p_station THEN
              UPDATE central.bags SET status = 'open', closed_station = NULL, closed_seq = NULL, close_reason = NULL
              WHERE code = v_parent;
            ELSE
              PERFORM central.reject(p_station, p_seq, p_id, p_type, 'closed_elsewhere',
                format('parent %s was closed by station %s', v_parent, v_bag.closed_station),
                v_bag.closed_station, v_bag.closed_seq);
            END IF;
          END IF;
        WHEN 'bag.link_reversed' THEN
          -- a link that lost a conflict was never applied, so there is nothing to reverse
          UPDATE central.bag_links SET reversed_station = p_station, reversed_seq = p_seq
          WHERE station_id = p_station AND seq = (p_payload->>'reversesSeq')::bigint AND reversed_seq IS NULL
          RETURNING * INTO v_link;
          IF FOUND THEN
            UPDATE central.bags SET link_count = link_count - 1 WHERE code = v_link.parent;
          END IF;
        ELSE
          NULL; -- events without a projection (e.g. scan.rejected) are kept in station_events only
        END CASE;
      END $$;

      /*
       * Applies events (p_from, p_to] that are already in station_events and moves the mark to p_to.
       * Usually the batch's few bag state changes are applied one by one and all its links as one set.
       * An undo that touches a child linked in the same batch (or a link of the same batch) makes
       * order matter link by link, so such a batch goes run by run between its non-link events.
       */
      CREATE FUNCTION central.apply_batch(p_station text, p_from bigint, p_to bigint) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
      DECLARE
        v_mark bigint;
        v_prev bigint := p_from;
        v_parents text[];
        v_pre central.bag_state[];
        v_states central.bag_state[] := '{}';
        ev record;
      BEGIN
        v_mark := central.lock_mark(p_station);
        IF v_mark <> p_from THEN
          RAISE EXCEPTION 'mark of station % is %, not %', p_station, v_mark, p_from USING ERRCODE = 'SG005';
        END IF;
        -- the mark may only pass events central really holds: no gap can hide behind it
        IF (SELECT count(*) FROM central.station_events WHERE station_id = p_station AND seq > p_from AND seq <= p_to) <> p_to - p_from THEN
          RAISE EXCEPTION 'station % has a gap between % and %', p_station, p_from, p_to USING ERRCODE = 'SG001';
        END IF;

        IF EXISTS (
          SELECT 1 FROM central.station_events r
          WHERE r.station_id = p_station AND r.seq > p_from AND r.seq <= p_to AND r.type = 'bag.link_reversed'
            AND ((r.payload->>'reversesSeq')::bigint > p_from OR EXISTS (
              SELECT 1 FROM central.station_events l
              WHERE l.station_id = p_station AND l.seq > p_from AND l.seq <= p_to AND l.type = 'bag.child_linked'
                AND l.payload->>'child' = r.payload->>'child')))
        -- a set-aside applies only to a parent without links at its own seq: if a link or an undo of
        -- this batch touched that parent before it, the set-based order would judge it too early
        OR EXISTS (
          WITH touched AS (
            SELECT x.seq, CASE WHEN x.type = 'bag.child_linked' THEN x.payload->>'parent' ELSE u.parent END AS parent
            FROM central.station_events x
            LEFT JOIN central.bag_links u ON x.type = 'bag.link_reversed' AND u.station_id = p_station
                                         AND u.seq = (x.payload->>'reversesSeq')::bigint
            WHERE x.station_id = p_station AND x.seq > p_from AND x.seq <= p_to
              AND x.type IN ('bag.child_linked', 'bag.link_reversed')
          )
          SELECT 1 FROM central.station_events r JOIN touched t ON t.parent = r.payload->>'parent' AND t.seq < r.seq
          WHERE r.station_id = p_station AND r.seq > p_from AND r.seq <= p_to AND r.type = 'bag.parent_closed'
            AND (r.payload->>'count')::int = 0) THEN
          FOR ev IN
            SELECT seq, id, type, payload FROM central.station_events
            WHERE station_id = p_station AND seq > p_from AND seq <= p_to AND type <> 'bag.child_linked'
            ORDER BY seq
          LOOP
            PERFORM central.link_run(p_station, v_prev, ev.seq, '{}', '{}');
            PERFORM central.project_event(p_station, ev.seq, ev.id, ev.type, ev.payload);
            v_prev := ev.seq;
          END LOOP;
          PERFORM central.link_run(p_station, v_prev, p_to + 1, '{}', '{}');
        ELSE
          SELECT coalesce(array_agg(DISTINCT e.payload->>'parent'), '{}') INTO v_parents
          FROM central.station_events e
          WHERE e.station_id = p_station AND e.seq > p_from AND e.seq <= p_to
            AND e.type IN ('bag.parent_opened', 'bag.parent_closed', 'bag.parent_reopened');
          SELECT coalesce(array_agg(ROW(NULL, p.code, b.status, b.closed_station, b.closed_seq)::central.bag_state), '{}') INTO v_pre
          FROM unnest(v_parents) AS p(code) LEFT JOIN central.bags b ON b.code = p.code;
          FOR ev IN
            SELECT seq, id, type, payload FROM central.station_events
            WHERE station_id = p_station AND seq > p_from AND seq <= p_to
              AND type IN ('bag.parent_opened', 'bag.parent_closed', 'bag.parent_reopened')
            ORDER BY seq
          LOOP
            PERFORM central.project_event(p_station, ev.seq, ev.id, ev.type, ev.payload);
            v_states := v_states || (SELECT ROW(ev.seq, b.code, b.status, b.closed_station, b.closed_seq)::central.bag_state
                                     FROM central.bags b WHERE b.code = ev.payload->>'parent');
          END LOOP;
          PERFORM central.link_run(p_station, p_from, p_to + 1, v_states, v_pre);
          -- what is left (undo of links from earlier batches) commutes with everything above
          FOR ev IN
            SELECT seq, id, type, payload FROM central.station_events
            WHERE station_id = p_station AND seq > p_from AND seq <= p_to
              AND type NOT IN ('bag.child_linked', 'bag.parent_opened', 'bag.parent_closed', 'bag.parent_reopened')
            ORDER BY seq
          LOOP
            PERFORM central.project_event(p_station, ev.seq, ev.id, ev.type, ev.payload);
          END LOOP;
        END IF;
        UPDATE central.station_marks SET acked_seq = p_to, updated_at = now() WHERE station_id = p_station;
      END $$;

      -- a poison event: kept verbatim with the error, and the mark moves past it
      CREATE FUNCTION central.dead_letter(p_station text, p_seq bigint, p_id text, p_type text, p_payload text,
                                          p_device_time text, p_correlation text, p_device text, p_user text,
                                          p_sqlstate text, p_error text) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
      DECLARE v_mark bigint;
      BEGIN
        v_mark := central.lock_mark(p_station);
        IF v_mark <> p_seq - 1 THEN
          RAISE EXCEPTION 'mark of station % is %, not %', p_station, v_mark, p_seq - 1 USING ERRCODE = 'SG005';
        END IF;
        INSERT INTO central.dead_letters (station_id, seq, event_id, type, payload, device_time, correlation_id,
                                          device_id, user_id, sqlstate, error)
        VALUES (p_station, p_seq, p_id, p_type, p_payload, p_device_time, p_correlation, p_device, p_user, p_sqlstate, p_error)
        ON CONFLICT (station_id, seq) DO NOTHING;
        UPDATE central.station_marks SET acked_seq = p_seq, updated_at = now() WHERE station_id = p_station;
      END $$;

      CREATE FUNCTION central.heartbeat(p_station text, p_local_seq bigint, p_queue_depth integer, p_app_version text) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
      BEGIN
        PERFORM central.assert_writer(p_station);
        INSERT INTO central.heartbeats AS h (station_id, seen_at, local_seq, queue_depth, app_version)
        VALUES (p_station, now(), p_local_seq, p_queue_depth, p_app_version)
        ON CONFLICT (station_id) DO UPDATE
          SET seen_at = excluded.seen_at, local_seq = excluded.local_seq,
              queue_depth = excluded.queue_depth, app_version = excluded.app_version;
      END $$;

      /*
       * The one call a station makes per batch. Arrays are parallel, ordered by seq and contiguous;
       * values arrive as text and are cast here, so a malformed value is a data error this function
       * can catch (and dead-letter) instead of a client-side failure that would block the queue.
       * Returns the new mark; a replayed batch (lost acknowledgement) changes nothing.
       */
      CREATE FUNCTION central.ingest(p_station text, p_seq bigint[], p_id text[], p_type text[], p_payload text[],
                                     p_device_time text[], p_correlation text[], p_device text[], p_user text[])
      RETURNS TABLE (acked_seq bigint, inserted integer, dead_lettered integer)
      LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, central AS $$
      DECLARE
        v_n integer := coalesce(cardinality(p_seq), 0);
        v_mark bigint;
        v_first bigint;
        v_last bigint;
        v_ins integer := 0;
        v_dead integer := 0;
        v_count integer;
      BEGIN
        v_mark := central.lock_mark(p_station);
        IF v_n = 0 THEN
          RETURN QUERY SELECT v_mark, 0, 0;
          RETURN;
        END IF;
        IF coalesce(cardinality(p_id), 0) <> v_n OR coalesce(cardinality(p_type), 0) <> v_n
           OR coalesce(cardinality(p_payload), 0) <> v_n OR coalesce(cardinality(p_device_time), 0) <> v_n
           OR coalesce(cardinality(p_correlation), 0) <> v_n OR coalesce(cardinality(p_device), 0) <> v_n
           OR coalesce(cardinality(p_user), 0) <> v_n THEN
          RAISE EXCEPTION 'batch arrays differ in length' USING ERRCODE = 'SG002';
        END IF;
        v_first := p_seq[1];
        v_last := p_seq[v_n];
        IF v_first IS NULL OR v_last - v_first + 1 <> v_n
           OR EXISTS (SELECT 1 FROM unnest(p_seq) WITH ORDINALITY AS u(s, i) WHERE u.s IS DISTINCT FROM v_first + u.i - 1) THEN
          RAISE EXCEPTION 'batch seqs must be contiguous and ascending' USING ERRCODE = 'SG002';
        END IF;
        IF v_first > v_mark + 1 THEN
          RAISE EXCEPTION 'gap: central holds station % up to seq %, batch starts at %', p_station, v_mark, v_first
            USING ERRCODE = 'SG001', DETAIL = v_mark::text;
        END IF;
        -- a replay must be the same events, or the station's log was reset under the same id
        IF v_first <= v_mark AND EXISTS (
             SELECT 1 FROM unnest(p_seq, p_id) AS u(s, id)
             JOIN central.station_events e ON e.station_id = p_station AND e.seq = u.s
             WHERE u.s <= v_mark AND e.id::text <> lower(u.id)) THEN
          RAISE EXCEPTION 'station % sent different events for seqs central already holds', p_station
            USING ERRCODE = 'SG003';
        END IF;
        IF v_last <= v_mark THEN
          RETURN QUERY SELECT v_mark, 0, 0;
          RETURN;
        END IF;

        BEGIN
          INSERT INTO central.station_events (station_id, seq, id, type, payload, device_time, correlation_id, device_id, user_id)
          SELECT p_station, u.s, u.id::uuid, u.t, u.pl::jsonb, u.dt::timestamptz, u.c, u.d, u.usr
          FROM unnest(p_seq, p_id, p_type, p_payload, p_device_time, p_correlation, p_device, p_user)
               AS u(s, id, t, pl, dt, c, d, usr)
          WHERE u.s > v_mark
          ON CONFLICT (station_id, seq) DO NOTHING;
          GET DIAGNOSTICS v_ins = ROW_COUNT;
          PERFORM central.apply_batch(p_station, v_mark, v_last);
        EXCEPTION WHEN data_exception OR integrity_constraint_violation THEN
          -- a poison event somewhere: take the batch one event at a time so the good ones still land
          v_ins := 0;
          FOR i IN 1..v_n LOOP
            CONTINUE WHEN p_seq[i] <= v_mark;
            BEGIN
              INSERT INTO central.station_events (station_id, seq, id, type, payload, device_time, correlation_id, device_id, user_id)
              VALUES (p_station, p_seq[i], p_id[i]::uuid, p_type[i], p_payload[i]::jsonb, p_device_time[i]::timestamptz,
                      p_correlation[i], p_device[i], p_user[i])
              ON CONFLICT (station_id, seq) DO NOTHING;
              GET DIAGNOSTICS v_count = ROW_COUNT;
              PERFORM central.apply_batch(p_station, p_seq[i] - 1, p_seq[i]);
              v_ins := v_ins + v_count;
            EXCEPTION WHEN data_exception OR integrity_constraint_violation THEN
              PERFORM central.dead_letter(p_station, p_seq[i], p_id[i], p_type[i], p_payload[i], p_device_time[i],
                                          p_correlation[i], p_device[i], p_user[i], SQLSTATE, SQLERRM);
              v_dead := v_dead + 1;
            END;
          END LOOP;
        END;
        RETURN QUERY SELECT v_last, v_ins, v_dead;
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION central.ingest(text, bigint[], text[], text[], text[], text[], text[], text[], text[]);
      DROP FUNCTION central.heartbeat(text, bigint, integer, text);
      DROP FUNCTION central.dead_letter(text, bigint, text, text, text, text, text, text, text, text, text);
      DROP FUNCTION central.apply_batch(text, bigint, bigint);
      DROP FUNCTION central.project_event(text, bigint, uuid, text, jsonb);
      DROP FUNCTION central.link_run(text, bigint, bigint, central.bag_state[], central.bag_state[]);
      DROP FUNCTION central.judged_links(text, bigint, bigint, central.bag_state[], central.bag_state[]);
      DROP TYPE central.bag_state;
      DROP FUNCTION central.reject(text, bigint, uuid, text, text, text, text, bigint);
      DROP FUNCTION central.lock_mark(text);
      DROP FUNCTION central.assert_writer(text);
      DROP FUNCTION central.station_of(name);
    `);
  }
}
