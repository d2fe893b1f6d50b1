/**
 * The bill module's central projection: `central.project_bills(station, from, to)` applies the bill
 * events (from, to] of one station, in central order (the projector calls it), to `central.bills` and
 * `central.bill_containers` (migration 1730000000015). The first event in central order wins; a later
 * one that no longer fits comes back to its station as a rejection, never as an error (an error would
 * make it a projection dead letter):
 *
 * - a container added while it is on another bill: `container_on_other_bill`, naming that bill and
 *   the add that put it there;
 * - an add to, or a removal from, a bill that is not open at central (finalised, dispatched), and a
 *   finalise or dispatch that does not fit the bill's status at central: `bill_not_open`, naming the
 *   event that set the status.
 * A bill central has not seen opened (its opening event set aside) is opened by its first add, so its
 * containers are not lost; the opening event fills in who opened it when it comes. The bill's totals
 * and `containers` (its lines as the bill module's BillLine, in central order) are recomputed from
 * the lines at each add and removal, so they always match them. Who finalised or dispatched it is the
 * event's user. Every print counts one copy, whichever station printed it. One event at a time: each
 * verdict depends on the one before.
 */
export const BILL_PROJECTION = {
  name: 'central.project_bills',
  sql: `
CREATE OR REPLACE FUNCTION central.project_bills(p_station text, p_from bigint, p_to bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
  ev record;
  p jsonb;
  v_bill central.bills%ROWTYPE;
  v_on central.bill_containers%ROWTYPE;
  v_lines jsonb;
  v_want text;
BEGIN
  FOR ev IN
    SELECT seq, id, type, payload, user_id FROM central.station_events
    WHERE station_id = p_station AND seq > p_from AND seq <= p_to AND type LIKE 'bill.%'
    ORDER BY seq
  LOOP
    p := ev.payload;
    v_bill := NULL;
    v_on := NULL;
    v_lines := NULL;
    IF ev.type <> 'bill.opened' THEN
      SELECT * INTO v_bill FROM central.bills WHERE id = p->>'bill' FOR UPDATE;
    END IF;
    CASE ev.type
    WHEN 'bill.opened' THEN
      INSERT INTO central.bills (id, number, status, opened_station, opened_seq, opened_by)
      VALUES (p->>'bill', p->>'bill', 'open', p_station, ev.seq, ev.user_id)
      ON CONFLICT (id) DO UPDATE SET opened_station = excluded.opened_station, opened_seq = excluded.opened_seq, opened_by = excluded.opened_by
      WHERE central.bills.opened_station IS NULL;

    WHEN 'bill.added' THEN
      SELECT * INTO v_on FROM central.bill_containers WHERE container = p->>'container';
      IF v_bill.id IS NOT NULL AND v_bill.status <> 'open' THEN
        PERFORM central.reject(p_station, ev.seq, ev.id, ev.type, 'bill_not_open',
          format('bill %s is %s at central', v_bill.id, v_bill.status), v_bill.status_station, v_bill.status_seq);
      ELSIF v_on.container IS NOT NULL AND v_on.bill <> p->>'bill' THEN
        PERFORM central.reject(p_station, ev.seq, ev.id, ev.type, 'container_on_other_bill',
          format('%s is already on bill %s (added at %s, seq %s)', v_on.container, v_on.bill, v_on.station_id, v_on.seq),
          v_on.station_id, v_on.seq);
      ELSIF v_on.container IS NULL THEN
        IF v_bill.id IS NULL THEN
          -- its opening never reached the projection: the add opens it, so the container is not lost
          INSERT INTO central.bills (id, number, status) VALUES (p->>'bill', p->>'bill', 'open')
          RETURNING * INTO v_bill;
        END IF;
        INSERT INTO central.bill_containers (container, bill, station_id, seq) VALUES (p->>'container', p->>'bill', p_station, ev.seq);
        v_lines := v_bill.containers || jsonb_build_array(jsonb_build_object('container', p->'container', 'type', p->'type',
          'children', p->'children', 'grams', p->'grams', 'estimatedGrams', p->'estimatedGrams'));
      END IF;

    WHEN 'bill.removed' THEN
      IF v_bill.status <> 'open' THEN
        PERFORM central.reject(p_station, ev.seq, ev.id, ev.type, 'bill_not_open',
          format('bill %s is %s at central', v_bill.id, v_bill.status), v_bill.status_station, v_bill.status_seq);
      ELSE
        DELETE FROM central.bill_containers WHERE container = p->>'container' AND bill = p->>'bill';
        IF FOUND THEN
          SELECT coalesce(jsonb_agg(l.e ORDER BY l.i), '[]') INTO v_lines
          FROM jsonb_array_elements(v_bill.containers) WITH ORDINALITY AS l(e, i) WHERE l.e->>'container' <> p->>'container';
        END IF;
      END IF;

    WHEN 'bill.finalised', 'bill.dispatched' THEN
      v_want := CASE ev.type WHEN 'bill.finalised' THEN 'open' ELSE 'finalised' END;
      IF v_bill.id IS NULL OR v_bill.status <> v_want THEN
        PERFORM central.reject(p_station, ev.seq, ev.id, ev.type, 'bill_not_open',
          format('bill %s is %s at central', p->>'bill', coalesce(v_bill.status, 'unknown')), v_bill.status_station, v_bill.status_seq);
      ELSIF ev.type = 'bill.finalised' THEN
        UPDATE central.bills SET status = 'finalised', finalised_by = ev.user_id, status_station = p_station, status_seq = ev.seq
        WHERE id = v_bill.id;
      ELSE
        UPDATE central.bills SET status = 'dispatched', dispatched_by = ev.user_id, status_station = p_station, status_seq = ev.seq
        WHERE id = v_bill.id;
      END IF;

    WHEN 'bill.reversed' THEN
      -- open again with every container still on it; the next finalise and dispatch name their own users
      UPDATE central.bills SET status = 'open', finalised_by = NULL, dispatched_by = NULL, status_station = p_station, status_seq = ev.seq
      WHERE id = v_bill.id AND status IN ('dispatched', 'finalised');

    WHEN 'bill.summary_printed' THEN
      UPDATE central.bills SET printed = printed + 1 WHERE id = v_bill.id;

    ELSE
      NULL; -- a bill event central keeps nothing for
    END CASE;

    IF v_lines IS NOT NULL THEN
      UPDATE central.bills b SET containers = v_lines, count = t.n, measured_grams = t.m, estimated_grams = t.e, total_grams = t.m + t.e
      FROM (SELECT count(*)::integer AS n, coalesce(sum((l->>'grams')::numeric), 0) AS m,
                   coalesce(sum((l->>'estimatedGrams')::numeric) FILTER (WHERE l->>'grams' IS NULL), 0) AS e
            FROM jsonb_array_elements(v_lines) AS l) t
      WHERE b.id = v_bill.id;
    END IF;
  END LOOP;
END $$;
REVOKE EXECUTE ON FUNCTION central.project_bills(text, bigint, bigint) FROM PUBLIC;
INSERT INTO central.projections (name, fn, position, types) VALUES ('bill', 'central.project_bills', 17, '{bill.}')
ON CONFLICT (name) DO UPDATE SET fn = excluded.fn, position = excluded.position, types = excluded.types;`,
};
