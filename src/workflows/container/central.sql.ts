/**
 * The container module's central projection: `central.project_containers(station, from, to)` applies
 * the container events (from, to] of one station, in central order (the projector calls it), to
 * `central.containers` and `central.container_links` (migration 1730000000010). Central is the
 * fleet's truth: the first event in central order wins, and a later one that no longer fits comes
 * back to its station as a rejection, naming the winner where there is one:
 *
 * - a child linked while it is in another container: `child_linked_elsewhere`;
 * - a child moved out of a container it is no longer in (the same child moved at two stations
 *   offline): `child_moved_elsewhere`;
 * - a link into, or a move into, a container that is closed or voided: `parent_closed`;
 * - a close of a container another station closed first: `closed_elsewhere`.
 * An undo reverses its own link only if that link stood (a rejected link has nothing to undo). A
 * void frees the children and takes the container out of the one it was in. One event at a time:
 * container events are a few per scan, and each one's verdict depends on the one before.
 */
export const CONTAINER_PROJECTION = {
  name: 'central.project_containers',
  sql: `
CREATE OR REPLACE FUNCTION central.project_containers(p_station text, p_from bigint, p_to bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
  ev record;
  p jsonb;
  v_link central.container_links%ROWTYPE;
  v_status text;
  v_closed_station text;
BEGIN
  FOR ev IN
    SELECT seq, id, type, payload FROM central.station_events
    WHERE station_id = p_station AND seq > p_from AND seq <= p_to AND type LIKE 'container.%'
    ORDER BY seq
  LOOP
    p := ev.payload;
    CASE ev.type
    WHEN 'container.opened' THEN
      -- a container put into another before it was first opened (a box scanned into a box) is in it already
      INSERT INTO central.containers (code, type, status, parent, opened_station, opened_seq)
      VALUES (p->>'container', p->>'type', 'open', (SELECT l.parent FROM central.container_links l WHERE l.child = p->>'container'),
              p_station, ev.seq)
      ON CONFLICT (code) DO UPDATE SET status = 'open', type = excluded.type, parent = excluded.parent, child_count = 0,
        opened_station = excluded.opened_station, opened_seq = excluded.opened_seq, updated_at = now()
      WHERE central.containers.status = 'voided';

    WHEN 'container.child_linked' THEN
      SELECT status INTO v_status FROM central.containers WHERE code = p->>'parent';
      SELECT * INTO v_link FROM central.container_links WHERE child = p->>'child';
      IF v_status IN ('closed', 'voided') THEN
        PERFORM central.reject(p_station, ev.seq, ev.id, ev.type, 'parent_closed',
          format('%s is %s at central', p->>'parent', v_status), NULL, NULL);
      ELSIF v_link.child IS NOT NULL AND v_link.parent <> p->>'parent' THEN
        PERFORM central.reject(p_station, ev.seq, ev.id, ev.type, 'child_linked_elsewhere',
          format('%s is already in %s', p->>'child', v_link.parent), v_link.station_id, v_link.seq);
      ELSIF v_link.child IS NULL THEN
        INSERT INTO central.container_links (child, parent, station_id, seq) VALUES (p->>'child', p->>'parent', p_station, ev.seq);
        UPDATE central.containers SET child_count = child_count + 1, updated_at = now() WHERE code = p->>'parent';
        UPDATE central.containers SET parent = p->>'parent', updated_at = now() WHERE code = p->>'child';
      END IF;

    WHEN 'container.child_moved' THEN
      SELECT status INTO v_status FROM central.containers WHERE code = p->>'to';
      SELECT * INTO v_link FROM central.container_links WHERE child = p->>'child';
      IF v_link.child IS NULL OR v_link.parent <> p->>'from' THEN
        PERFORM central.reject(p_station, ev.seq, ev.id, ev.type, 'child_moved_elsewhere',
          format('%s is no longer in %s at central%s', p->>'child', p->>'from', coalesce(' but in ' || v_link.parent, '')),
          v_link.station_id, v_link.seq);
      ELSIF v_status IN ('closed', 'voided') THEN
        PERFORM central.reject(p_station, ev.seq, ev.id, ev.type, 'parent_closed',
          format('%s is %s at central', p->>'to', v_status), NULL, NULL);
      ELSE
        UPDATE central.container_links SET parent = p->>'to', station_id = p_station, seq = ev.seq, moved = true, linked_at = now()
        WHERE child = p->>'child';
        UPDATE central.containers SET child_count = child_count - 1, updated_at = now() WHERE code = p->>'from' AND child_count > 0;
        UPDATE central.containers SET child_count = child_count + 1, updated_at = now() WHERE code = p->>'to';
        UPDATE central.containers SET parent = p->>'to', updated_at = now() WHERE code = p->>'child';
      END IF;

    WHEN 'container.link_reversed' THEN
      DELETE FROM central.container_links
      WHERE child = p->>'child' AND parent = p->>'parent' AND station_id = p_station AND seq = (p->>'reversesSeq')::bigint;
      IF FOUND THEN
        UPDATE central.containers SET child_count = child_count - 1, updated_at = now() WHERE code = p->>'parent' AND child_count > 0;
        UPDATE central.containers SET parent = NULL, updated_at = now() WHERE code = p->>'child' AND parent = p->>'parent';
      END IF;

    WHEN 'container.closed' THEN
      SELECT status, closed_station INTO v_status, v_closed_station FROM central.containers WHERE code = p->>'container';
      IF v_status = 'closed' THEN
        PERFORM central.reject(p_station, ev.seq, ev.id, ev.type, 'closed_elsewhere',
          format('%s was already closed', p->>'container'), v_closed_station,
          (SELECT closed_seq FROM central.containers WHERE code = p->>'container'));
      ELSE
        UPDATE central.containers SET status = 'closed', closed_station = p_station, closed_seq = ev.seq, updated_at = now()
        WHERE code = p->>'container' AND status = 'open';
      END IF;

    WHEN 'container.reopened' THEN
      UPDATE central.containers SET status = 'open', updated_at = now() WHERE code = p->>'container' AND status = 'closed';

    WHEN 'container.voided' THEN
      UPDATE central.containers c SET parent = NULL, updated_at = now()
      FROM central.container_links l WHERE l.parent = p->>'container' AND c.code = l.child;
      DELETE FROM central.container_links WHERE parent = p->>'container';
      DELETE FROM central.container_links l WHERE l.child = p->>'container'
      RETURNING l.parent INTO v_link.parent;
      IF v_link.parent IS NOT NULL THEN
        UPDATE central.containers SET child_count = child_count - 1, updated_at = now() WHERE code = v_link.parent AND child_count > 0;
      END IF;
      UPDATE central.containers SET status = 'voided', parent = NULL, child_count = 0, updated_at = now() WHERE code = p->>'container';

    ELSE
      NULL; -- container.focused: which container is in hand at one station, nothing central keeps
    END CASE;
  END LOOP;
END $$;
REVOKE EXECUTE ON FUNCTION central.project_containers(text, bigint, bigint) FROM PUBLIC;
INSERT INTO central.projections (name, fn, position, types) VALUES ('container', 'central.project_containers', 15, '{container.}')
ON CONFLICT (name) DO UPDATE SET fn = excluded.fn, position = excluded.position, types = excluded.types;`,
};
