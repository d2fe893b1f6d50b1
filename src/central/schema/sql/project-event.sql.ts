// Part of the migration 1730000000002-central-ingest, indented as it was there (the executed SQL is unchanged).

/** `central.project_event(...)`: applies one bag state change to the projections (or rejects it). */
export const PROJECT_EVENT_SQL = `
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
      END $$;`;
