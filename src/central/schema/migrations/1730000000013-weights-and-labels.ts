import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Weights and labels at central: what the weigh and label modules' projections maintain
 * (`central.project_weights`, src/workflows/weigh/central.sql.ts; `central.project_labels`,
 * src/workflows/label/central.sql.ts). Schema only.
 *
 * - `central.container_weights`: one row per weighing (`weigh.weighed` or `weigh.failed`), keyed by
 *   the event that recorded it. A failed one has no grams, only the scale's reason. `accepted_*`: the
 *   supervisor's `weigh.accepted` of a weight out of tolerance. A row whose `scale_id` is NULL is a
 *   weighing central knows only from its acceptance (the weighing itself is not at central yet).
 * - `central.label_jobs`: one row per print job (job ids are UUIDv7, unique fleet-wide): its
 *   container, where it stands and the event that put it there (`last_seq`). `container` is NULL
 *   while central knows the job only from an outcome (its request is not at central yet).
 * Both are read by container. Stations may read them, as they read the container tables.
 */
export class WeightsAndLabels1730000000013 implements MigrationInterface {
  name = 'WeightsAndLabels1730000000013';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE central.container_weights (
        station_id      text NOT NULL,
        seq             bigint NOT NULL,
        container       text NOT NULL,
        scale_id        text,
        grams           double precision,
        expected_grams  double precision,
        tolerance_grams double precision,
        max_weight_g    double precision,
        verdict         text CHECK (verdict IN ('within', 'too-heavy', 'too-light', 'over-max')),
        within          boolean,
        failed_reason   text,
        failed_detail   text,
        weighed_at      timestamptz,
        accepted_seq    bigint,
        accepted_by     text,
        accepted_reason text,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (station_id, seq),
        CHECK (grams IS NULL OR failed_reason IS NULL)
      );
      CREATE INDEX container_weights_container ON central.container_weights (container, station_id, seq);

      CREATE TABLE central.label_jobs (
        job_id         text PRIMARY KEY,
        station_id     text NOT NULL,
        container      text,
        container_type text,
        grams          double precision,
        status         text NOT NULL CHECK (status IN ('requested', 'sent', 'failed', 'unknown')),
        kind           text,
        reason         text,
        target         text,
        reprint_of     text,
        reprint_reason text,
        requested_seq  bigint,
        requested_by   text,
        last_seq       bigint NOT NULL,
        updated_at     timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX label_jobs_container ON central.label_jobs (container, requested_seq);
      CREATE INDEX label_jobs_reprint_of ON central.label_jobs (reprint_of) WHERE reprint_of IS NOT NULL;

      REVOKE ALL ON central.container_weights, central.label_jobs FROM PUBLIC;
      GRANT SELECT ON central.container_weights, central.label_jobs TO central_station;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM central.projections WHERE name IN ('weigh', 'label');
      DROP FUNCTION IF EXISTS central.project_weights(text, bigint, bigint);
      DROP FUNCTION IF EXISTS central.project_labels(text, bigint, bigint);
      DELETE FROM central.repeatable_functions WHERE name IN ('central.project_weights', 'central.project_labels');
      DROP TABLE central.label_jobs; DROP TABLE central.container_weights;
    `);
  }
}
