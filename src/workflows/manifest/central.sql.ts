/**
 * The manifest module's central projection: `central.project_manifests(station, from, to)` applies
 * the manifest events (from, to] of one station, in central order (the projector calls it, in its
 * transaction), to `central.manifests`, `central.stock_postings` and `central.warehouse_inventory`
 * (migration 1730000000014).
 *
 * - `manifest.imported` inserts the manifest (status open). The first one in central order wins (an
 *   ERP's row at central, or another station's import). The same id again with the same warehouse,
 *   direction and lines changes nothing; with others it is rejected `manifest_differs`, naming the
 *   import that won, and central keeps the first.
 * - `manifest.completed` / `manifest.closed_short` post stock, once per manifest id: the first posting
 *   in central order is judged (posted or refused) and recorded; any later one (a replay, a second
 *   completion, another station) is a no-op without a rejection. The lines are summed per product,
 *   the inventory rows are locked in (warehouse, product) order, and if any product would go below
 *   zero (an `out` of a product without a row counts as 0 in stock) nothing of the manifest moves:
 *   the posting is recorded as refused and the event rejected `stock_negative`, naming every short
 *   line. Otherwise every line moves and the manifest's status becomes completed or closed-short.
 * A business refusal never raises (a raise would dead-letter the event); only a malformed event does.
 * Registered for these three types only: the `manifest.verified` scans (the bulk of a manifest's
 * events) have nothing at central to apply, and the projector then never calls this for them.
 */
export const MANIFEST_PROJECTION = {
  name: 'central.project_manifests',
  sql: `
CREATE OR REPLACE FUNCTION central.project_manifests(p_station text, p_from bigint, p_to bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
  ev record;
  p jsonb;
  v_old central.manifests%ROWTYPE;
  v_products text[];
  v_wanted bigint[];
  v_short text;
BEGIN
  FOR ev IN
    SELECT seq, id, type, payload FROM central.station_events
    WHERE station_id = p_station AND seq > p_from AND seq <= p_to
      AND type IN ('manifest.imported', 'manifest.completed', 'manifest.closed_short')
    ORDER BY seq
  LOOP
    p := ev.payload;
    IF ev.type = 'manifest.imported' THEN
      INSERT INTO central.manifests (id, reference, warehouse, direction, lines, source_station, source_seq)
      VALUES (p->>'manifest', p->>'reference', p->>'warehouse', p->>'direction', p->'lines', p_station, ev.seq)
      ON CONFLICT (id) DO NOTHING;
      IF NOT FOUND THEN
        SELECT * INTO v_old FROM central.manifests WHERE id = p->>'manifest';
        IF (v_old.warehouse, v_old.direction, v_old.lines) IS DISTINCT FROM (p->>'warehouse', p->>'direction', p->'lines') THEN
          PERFORM central.reject(p_station, ev.seq, ev.id, ev.type, 'manifest_differs',
            format('manifest %s is already at central (%s, %s, %s lines, from %s); this import was not kept', v_old.id,
              v_old.warehouse, v_old.direction, jsonb_array_length(v_old.lines), coalesce(v_old.source_station, 'central')),
            v_old.source_station, v_old.source_seq);
        END IF;
      END IF;
      CONTINUE;
    END IF;

    -- the manifest id is the idempotency key: only the first posting in central order is judged
    INSERT INTO central.stock_postings (manifest, station_id, seq, warehouse, direction, lines, outcome)
    VALUES (p->>'manifest', p_station, ev.seq, p->>'warehouse', p->>'direction', p->'lines', 'posted')
    ON CONFLICT DO NOTHING;
    CONTINUE WHEN NOT FOUND;

    -- one quantity per product: two lines of the same product must be covered together
    SELECT coalesce(array_agg(a.product ORDER BY a.product), '{}'), coalesce(array_agg(a.wanted ORDER BY a.product), '{}')
    INTO v_products, v_wanted
    FROM (SELECT l.product, sum(l.quantity)::bigint AS wanted
          FROM jsonb_to_recordset(p->'lines') AS l(line integer, product text, quantity bigint) GROUP BY l.product) a;

    -- rows locked in key order: two postings sharing products never deadlock
    PERFORM 1 FROM central.warehouse_inventory i WHERE i.warehouse = p->>'warehouse' AND i.product = ANY (v_products)
    ORDER BY i.warehouse, i.product FOR UPDATE;

    IF p->>'direction' = 'out' THEN
      SELECT string_agg(format('%s (%s %s): %s wanted, %s in stock at %s', s.label,
               CASE WHEN s.product ~ '^[0-9]{14}$' THEN 'GTIN' ELSE 'code' END, s.product, s.wanted, s.stock, p->>'warehouse'),
             '; ' ORDER BY s.first_line)
      INTO v_short
      FROM (SELECT a.product, a.wanted, coalesce(i.quantity, 0) AS stock, ln.first_line,
                   CASE WHEN ln.n = 1 THEN 'line ' ELSE 'lines ' END || ln.list AS label
            FROM unnest(v_products, v_wanted) AS a(product, wanted)
            LEFT JOIN central.warehouse_inventory i ON i.warehouse = p->>'warehouse' AND i.product = a.product
            CROSS JOIN LATERAL (SELECT count(*) AS n, min(l.line) AS first_line, string_agg(l.line::text, ', ' ORDER BY l.line) AS list
                                FROM jsonb_to_recordset(p->'lines') AS l(line integer, product text)
                                WHERE l.product = a.product) ln
            WHERE a.wanted > coalesce(i.quantity, 0)) s;
      IF v_short IS NOT NULL THEN
        UPDATE central.stock_postings SET outcome = 'refused', detail = v_short WHERE manifest = p->>'manifest';
        PERFORM central.reject(p_station, ev.seq, ev.id, ev.type, 'stock_negative',
          format('manifest %s moved no stock: %s', p->>'manifest', v_short), NULL, NULL);
        CONTINUE;
      END IF;
      UPDATE central.warehouse_inventory i SET quantity = i.quantity - a.wanted
      FROM unnest(v_products, v_wanted) AS a(product, wanted)
      WHERE i.warehouse = p->>'warehouse' AND i.product = a.product AND a.wanted > 0;
    ELSE
      -- the CHECK is judged on the row proposed for insert too: only positive quantities go this way
      INSERT INTO central.warehouse_inventory (warehouse, product, quantity)
      SELECT p->>'warehouse', a.product, a.wanted FROM unnest(v_products, v_wanted) AS a(product, wanted)
      WHERE a.wanted > 0 ORDER BY a.product
      ON CONFLICT (warehouse, product) DO UPDATE SET quantity = central.warehouse_inventory.quantity + excluded.quantity;
    END IF;
    UPDATE central.manifests SET status = CASE ev.type WHEN 'manifest.completed' THEN 'completed' ELSE 'closed-short' END
    WHERE id = p->>'manifest';
  END LOOP;
END $$;
REVOKE EXECUTE ON FUNCTION central.project_manifests(text, bigint, bigint) FROM PUBLIC;
INSERT INTO central.projections (name, fn, position, types)
VALUES ('manifest', 'central.project_manifests', 25, '{manifest.imported,manifest.completed,manifest.closed_short}')
ON CONFLICT (name) DO UPDATE SET fn = excluded.fn, position = excluded.position, types = excluded.types;`,
};
