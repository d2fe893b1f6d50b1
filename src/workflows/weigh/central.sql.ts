/**
 * The weigh module's central projection: `central.project_weights(station, from, to)` applies the
 * weigh events (from, to] of one station, in central order (the projector calls it), to
 * `central.container_weights` (migration 1730000000013). The station already judged each weight:
 * central records what it decided and rejects nothing.
 *
 * - `weigh.weighed` and `weigh.failed`: a weighing, keyed by its event (station, seq).
 * - `weigh.accepted`: the supervisor's acceptance of the weighing at `weighedSeq` of the same station;
 *   who accepted is the approver of the event, else its user (as on the station). The first
 *   acceptance stands.
 * - `weigh.adjusted` (a zero or tare) changes no weighing: the event in station_events is the record.
 *
 * Order: a station's events usually arrive in seq order, but an ingest dead letter retried later
 * (central.retry_dead_letter) puts an earlier weighing after its acceptance. So an acceptance of a
 * weighing central does not hold yet records the row from what it carries (container, grams), and
 * the weighing fills in the rest when it comes. Every statement is an upsert that changes nothing the
 * second time, so a range applied again (a dead-letter retry) leaves the table as it was.
 */
export const WEIGH_PROJECTION = {
  name: 'central.project_weights',
  sql: `
CREATE OR REPLACE FUNCTION central.project_weights(p_station text, p_from bigint, p_to bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
  ev record;
  p jsonb;
BEGIN
  FOR ev IN
    SELECT seq, type, payload, device_time, user_id, approved_by FROM central.station_events
    WHERE station_id = p_station AND seq > p_from AND seq <= p_to AND type LIKE 'weigh.%'
    ORDER BY seq
  LOOP
    p := ev.payload;
    CASE ev.type
    WHEN 'weigh.weighed', 'weigh.failed' THEN
      -- a failed weighing has no grams and no verdict, only the scale's reason
      INSERT INTO central.container_weights (station_id, seq, container, scale_id, grams, expected_grams, tolerance_grams, max_weight_g,
                                             verdict, within, failed_reason, failed_detail, weighed_at)
      VALUES (p_station, ev.seq, p->>'container', p->>'scaleId', (p->>'grams')::float8, (p->>'expectedGrams')::float8,
              (p->>'toleranceGrams')::float8, (p->>'maxWeightG')::float8, p->>'verdict', (p->>'within')::boolean,
              p->>'reason', p->>'detail', ev.device_time)
      ON CONFLICT (station_id, seq) DO UPDATE SET scale_id = excluded.scale_id, grams = excluded.grams,
        expected_grams = excluded.expected_grams, tolerance_grams = excluded.tolerance_grams, max_weight_g = excluded.max_weight_g,
        verdict = excluded.verdict, within = excluded.within, failed_reason = excluded.failed_reason,
        failed_detail = excluded.failed_detail, weighed_at = excluded.weighed_at, updated_at = now()
      WHERE central.container_weights.scale_id IS NULL; -- only a row its acceptance recorded first

    WHEN 'weigh.accepted' THEN
      INSERT INTO central.container_weights (station_id, seq, container, grams, accepted_seq, accepted_by, accepted_reason)
      VALUES (p_station, (p->>'weighedSeq')::bigint, p->>'container', (p->>'grams')::float8, ev.seq,
              coalesce(ev.approved_by, ev.user_id), p->>'reason')
      ON CONFLICT (station_id, seq) DO UPDATE SET accepted_seq = excluded.accepted_seq, accepted_by = excluded.accepted_by,
        accepted_reason = excluded.accepted_reason, updated_at = now()
      WHERE central.container_weights.accepted_seq IS NULL AND central.container_weights.container = excluded.container;

    ELSE
      NULL; -- weigh.adjusted: a zero or tare of the scale, no weighing
    END CASE;
  END LOOP;
END $$;
REVOKE EXECUTE ON FUNCTION central.project_weights(text, bigint, bigint) FROM PUBLIC;
INSERT INTO central.projections (name, fn, position, types) VALUES ('weigh', 'central.project_weights', 16, '{weigh.}')
ON CONFLICT (name) DO UPDATE SET fn = excluded.fn, position = excluded.position, types = excluded.types;`,
};
