import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A parent closed empty (`bag.parent_closed` with count 0: set aside because the packer scanned another
 * parent while this one was still empty, or closed empty by hand) is dropped from the station's bag tables, so its label can
 * be opened again later. Central agrees: such a bag gets the status `set_aside`, which behaves like a
 * bag never opened (an open or a link takes it, a close closes it), instead of `closed`, which made a
 * later open of the same code a false `parent_closed` rejection. The row is kept rather than deleted
 * so that the change reaches the stations' reference data (`ref_bags`) by its updated_at.
 *
 * Redefines only the functions involved: project_event (the set-aside itself, and open/close of a
 * set-aside bag), link_run (links into a set-aside bag) and apply_batch (a batch whose set-aside
 * depends on a link or undo of the same batch goes run by run, so batch and per-event agree).
 * CREATE OR REPLACE keeps their owner and grants.
 */
export class CentralSetAside1730000000004 implements MigrationInterface {
  name = 'CentralSetAside1730000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE central.bags DROP CONSTRAINT bags_status_check,
        ADD CONSTRAINT bags_status_check CHECK (status IN ('open', 'closed', 'set_aside'));

      CREATE OR REPLACE FUNCTION central.link_run(p_station text, p_lo bigint, p_hi bigint, p_states central.bag_state[], p_pre central.bag_state[])
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

      CREATE OR REPLACE FUNCTION central.project_event(p_station text, p_seq bigint, p_id uuid, p_type text, p_payload jsonb) RETURNS void
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

      CREATE OR REPLACE FUNCTION central.apply_batch(p_station text, p_from bigint, p_to bigint) RETURNS void
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
    `);
  }

  /** Back to the definitions of 1730000000002, where a set-aside bag had no row. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM central.bags WHERE status = 'set_aside';
      ALTER TABLE central.bags DROP CONSTRAINT bags_status_check,
        ADD CONSTRAINT bags_status_check CHECK (status IN ('open', 'closed'));

      CREATE OR REPLACE FUNCTION central.link_run(p_station text, p_lo bigint, p_hi bigint, p_states central.bag_state[], p_pre central.bag_state[])
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
          SELECT j.parent, j.child, p_station, j.seq FROM j WHERE j.status_at = 'open'
          ORDER BY j.seq
          ON CONFLICT (child) WHERE reversed_seq IS NULL DO NOTHING
          RETURNING parent
        ), counted AS (
          UPDATE central.bags b SET link_count = b.link_count + n.k
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

      CREATE OR REPLACE FUNCTION central.project_event(p_station text, p_seq bigint, p_id uuid, p_type text, p_payload jsonb) RETURNS void
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
            SET capacity = coalesce(b.capacity, excluded.capacity),
                opened_station = coalesce(b.opened_station, excluded.opened_station),
                opened_seq = coalesce(b.opened_seq, excluded.opened_seq)
            WHERE b.status = 'open';
          IF NOT FOUND THEN
            SELECT * INTO v_bag FROM central.bags WHERE code = v_parent;
            PERFORM central.reject(p_station, p_seq, p_id, p_type, 'parent_closed',
              format('parent %s was already closed', v_parent), v_bag.closed_station, v_bag.closed_seq);
          END IF;
        WHEN 'bag.parent_closed' THEN
          UPDATE central.bags SET status = 'closed', closed_station = p_station, closed_seq = p_seq,
                                  close_reason = p_payload->>'reason'
          WHERE code = v_parent AND status = 'open';
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

      CREATE OR REPLACE FUNCTION central.apply_batch(p_station text, p_from bigint, p_to bigint) RETURNS void
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
                AND l.payload->>'child' = r.payload->>'child'))) THEN
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
    `);
  }
}
