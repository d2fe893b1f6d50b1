/**
 * `central.project(limit)`: one step of the projector, in the caller's transaction.
 *
 * 1. Locks the one cursor row FOR UPDATE SKIP LOCKED. Another transaction holds it: returns busy at
 *    once (each station's worker runs a step after its ingest; one at a time is enough).
 * 2. Takes `pg_snapshot_xmin(pg_current_snapshot())`: every transaction with a lower id has finished.
 *    It reads the ingest_log entries after the cursor, below that xmin, in (txid, station_id,
 *    first_seq) order. An ingest that took its id early and commits late stays above xmin until it
 *    commits, so it holds back everything after it instead of being skipped; no entry can ever
 *    appear below the cursor. Central's order for projections is this transaction-id order: for
 *    ingests that do not overlap it is their commit order; of two that overlap, the one that took its
 *    id first (locked its station's mark first) goes first.
 * 3. Applies the registered projections (central.projections, in position order) that the entry's
 *    range holds events for (their `types`) to that range, at most `limit` events in all, an entry split where the limit falls. A range that fails is
 *    redone one event at a time: the event whose projection fails gets a projection dead letter and a
 *    'projection_failed' rejection for its station, and the others are applied. Transient errors
 *    (serialization, deadlock, lock wait, resources, shutdown) are raised: the whole step rolls back.
 * 4. Folds the statistics' pending deltas into their counters (`central.fold_statistics()`, once per
 *    step: the ranges only append them, so no range updates the hot counter rows), moves the cursor
 *    and deletes the entries it passed, in the same transaction as the projections: a step that dies
 *    is rolled back whole, so no event is projected twice or never.
 */
export const PROJECT = {
  name: 'central.project',
  sql: `
CREATE OR REPLACE FUNCTION central.project(p_limit integer DEFAULT 5000)
RETURNS TABLE (busy boolean, projected integer, failed integer, pending boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
#variable_conflict use_column
DECLARE
  v_cur central.projector_cursor%ROWTYPE;
  v_xmin xid8;
  v_fns text[];
  v_fn text;
  v_entry record;
  v_from bigint;
  v_to bigint;
  v_done integer := 0;
  v_failed integer := 0;
  ev record;
BEGIN
  SELECT * INTO v_cur FROM central.projector_cursor WHERE id = 1 FOR UPDATE SKIP LOCKED;
  IF NOT FOUND THEN
    RETURN QUERY SELECT true, 0, 0, true;
    RETURN;
  END IF;
  v_xmin := pg_snapshot_xmin(pg_current_snapshot());

  FOR v_entry IN
    SELECT l.txid, l.station_id, l.first_seq, l.last_seq FROM central.ingest_log l
    WHERE (l.txid, l.station_id, l.last_seq) > (v_cur.txid, v_cur.station_id, v_cur.seq) AND l.txid < v_xmin
    ORDER BY l.txid, l.station_id, l.first_seq
  LOOP
    EXIT WHEN v_done >= greatest(p_limit, 1);
    v_from := v_entry.first_seq - 1;
    IF v_entry.txid = v_cur.txid AND v_entry.station_id = v_cur.station_id THEN
      v_from := greatest(v_from, v_cur.seq);
    END IF;
    v_to := least(v_entry.last_seq, v_from + (greatest(p_limit, 1) - v_done));
    -- only the projections this range holds events for (central.projections.types; NULL: every event)
    SELECT coalesce(array_agg(p.fn::text ORDER BY p.position), '{}') INTO v_fns FROM central.projections p
    WHERE p.types IS NULL OR EXISTS (
      SELECT 1 FROM central.station_events e
      WHERE e.station_id = v_entry.station_id AND e.seq > v_from AND e.seq <= v_to
        AND (e.type = ANY (p.types) OR split_part(e.type, '.', 1) || '.' = ANY (p.types)));
    BEGIN
      FOREACH v_fn IN ARRAY v_fns LOOP
        EXECUTE format('SELECT %s($1, $2, $3)', v_fn) USING v_entry.station_id, v_from, v_to;
      END LOOP;
    EXCEPTION WHEN OTHERS THEN
      IF left(SQLSTATE, 2) IN ('08', '40', '53', '57', '58') OR SQLSTATE = '55P03' THEN RAISE; END IF;
      -- one event at a time: only the events a projection fails on are set aside
      FOR ev IN
        SELECT e.seq, e.id, e.type FROM central.station_events e
        WHERE e.station_id = v_entry.station_id AND e.seq > v_from AND e.seq <= v_to ORDER BY e.seq
      LOOP
        BEGIN
          FOR v_fn IN SELECT p.fn::text FROM central.projections p
                      WHERE p.types IS NULL OR ev.type = ANY (p.types) OR split_part(ev.type, '.', 1) || '.' = ANY (p.types)
                      ORDER BY p.position LOOP
            EXECUTE format('SELECT %s($1, $2, $3)', v_fn) USING v_entry.station_id, ev.seq - 1, ev.seq;
          END LOOP;
        EXCEPTION WHEN OTHERS THEN
          IF left(SQLSTATE, 2) IN ('08', '40', '53', '57', '58') OR SQLSTATE = '55P03' THEN RAISE; END IF;
          INSERT INTO central.projection_dead_letters (station_id, seq, type, sqlstate, error)
          VALUES (v_entry.station_id, ev.seq, ev.type, SQLSTATE, format('%s: %s', v_fn, SQLERRM))
          ON CONFLICT (station_id, seq) DO UPDATE SET sqlstate = excluded.sqlstate, error = excluded.error, at = now(), status = 'open';
          PERFORM central.reject(v_entry.station_id, ev.seq, ev.id, ev.type, 'projection_failed',
            format('central could not apply this event (%s, SQLSTATE %s): %s', v_fn, SQLSTATE, SQLERRM), NULL, NULL);
          v_failed := v_failed + 1;
        END;
      END LOOP;
    END;
    v_done := v_done + (v_to - v_from)::integer;
    v_cur.txid := v_entry.txid;
    v_cur.station_id := v_entry.station_id;
    v_cur.seq := v_to;
  END LOOP;

  IF v_done > 0 THEN
    -- the statistics' counters: the step's pending deltas, added once (statistics.sql.ts)
    PERFORM central.fold_statistics();
    UPDATE central.projector_cursor SET txid = v_cur.txid, station_id = v_cur.station_id, seq = v_cur.seq,
      projected = central.projector_cursor.projected + v_done, failed = central.projector_cursor.failed + v_failed, updated_at = now()
    WHERE id = 1;
    DELETE FROM central.ingest_log l WHERE (l.txid, l.station_id, l.last_seq) <= (v_cur.txid, v_cur.station_id, v_cur.seq);
  END IF;
  RETURN QUERY SELECT false, v_done, v_failed,
    EXISTS (SELECT 1 FROM central.ingest_log l WHERE (l.txid, l.station_id, l.last_seq) > (v_cur.txid, v_cur.station_id, v_cur.seq));
END $$;
REVOKE EXECUTE ON FUNCTION central.project(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION central.project(integer) TO central_station;`,
};
