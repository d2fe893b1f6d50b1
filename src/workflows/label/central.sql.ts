/**
 * The label module's central projection: `central.project_labels(station, from, to)` applies the
 * label events (from, to] of one station, in central order (the projector calls it), to
 * `central.label_jobs` (migration 1730000000013): one row per print job, where it stands now. The
 * station already decided each step (it never prints twice by accident): central records the
 * outcome it reports and rejects nothing.
 *
 * - `label.requested`: the job (a reprint names the job it repeats and why), status `requested`.
 * - `label.sent`, `label.failed`, `label.unknown`: the job's status, with the printer's reason.
 * - `label.confirmed`: a person's answer for an unknown job: `sent` (it printed) or `failed`.
 *
 * A job's status is set by its newest event (`last_seq`): an outcome older than the one recorded
 * changes nothing, so a range applied again (a dead-letter retry) leaves the row as it was. An
 * outcome for a job central does not hold is recorded, not rejected: its request is missing only when
 * it was dead-lettered at ingest and comes later (central.retry_dead_letter), and a rejection would
 * tell the station of a fault that is central's. The row then waits with no container, and the
 * request fills in what it carries without moving the status back. Job ids are UUIDv7: an event of
 * another station for a job this row holds is not this job's and changes nothing.
 */
export const LABEL_PROJECTION = {
  name: 'central.project_labels',
  sql: `
CREATE OR REPLACE FUNCTION central.project_labels(p_station text, p_from bigint, p_to bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
  ev record;
  p jsonb;
  v_printed boolean;
BEGIN
  FOR ev IN
    SELECT seq, type, payload, user_id FROM central.station_events
    WHERE station_id = p_station AND seq > p_from AND seq <= p_to AND type LIKE 'label.%'
    ORDER BY seq
  LOOP
    p := ev.payload;
    IF ev.type = 'label.requested' THEN
      INSERT INTO central.label_jobs (job_id, station_id, container, container_type, grams, status, reprint_of, reprint_reason,
                                      requested_seq, requested_by, last_seq)
      VALUES (p->>'jobId', p_station, p->>'container', p->>'containerType', (p->>'grams')::float8, 'requested',
              p->>'reprintOf', p->>'reason', ev.seq, ev.user_id, ev.seq)
      ON CONFLICT (job_id) DO UPDATE SET container = excluded.container, container_type = excluded.container_type,
        grams = excluded.grams, reprint_of = excluded.reprint_of, reprint_reason = excluded.reprint_reason,
        requested_seq = excluded.requested_seq, requested_by = excluded.requested_by, updated_at = now()
      WHERE central.label_jobs.requested_seq IS NULL AND central.label_jobs.station_id = excluded.station_id;
    ELSIF ev.type IN ('label.sent', 'label.failed', 'label.unknown', 'label.confirmed') THEN
      v_printed := (p->>'printed')::boolean;
      INSERT INTO central.label_jobs (job_id, station_id, status, kind, reason, target, last_seq)
      VALUES (p->>'jobId', p_station,
              CASE ev.type WHEN 'label.sent' THEN 'sent' WHEN 'label.failed' THEN 'failed' WHEN 'label.unknown' THEN 'unknown'
                           ELSE CASE WHEN v_printed THEN 'sent' ELSE 'failed' END END,
              CASE WHEN ev.type IN ('label.failed', 'label.unknown') THEN p->>'kind'
                   WHEN ev.type = 'label.confirmed' AND NOT v_printed THEN 'confirmed-not-printed' END,
              CASE ev.type WHEN 'label.sent' THEN p->>'note' WHEN 'label.confirmed' THEN
                     CASE WHEN v_printed THEN 'confirmed printed by a person' ELSE 'no label found by a person' END
                   ELSE p->>'reason' END,
              p->>'target', ev.seq)
      ON CONFLICT (job_id) DO UPDATE SET status = excluded.status, kind = excluded.kind, reason = excluded.reason,
        target = coalesce(excluded.target, central.label_jobs.target), last_seq = excluded.last_seq, updated_at = now()
      WHERE central.label_jobs.last_seq < excluded.last_seq AND central.label_jobs.station_id = excluded.station_id;
    END IF;
  END LOOP;
END $$;
REVOKE EXECUTE ON FUNCTION central.project_labels(text, bigint, bigint) FROM PUBLIC;
INSERT INTO central.projections (name, fn, position, types) VALUES ('label', 'central.project_labels', 22, '{label.}')
ON CONFLICT (name) DO UPDATE SET fn = excluded.fn, position = excluded.position, types = excluded.types;`,
};
