import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sync health (issue 10): dead letters of ingest get a status like those of projection, and every
 * retry or skip of either kind is audited. Schema only: the functions (`central.retry_dead_letter`,
 * `central.skip_dead_letter`, `central.sync_status`, `central.station_health`) are a repeatable step
 * (src/central/schema/repeatable/dead-letters.sql.ts).
 *
 * - `central.dead_letters.status`: open, retried (the stored raw event was inserted after all) or skipped.
 * - `central.dead_letter_actions`: who (the session's login, and the role it acted as), when, retry or
 *   skip, which kind and which dead letter (station, seq), the reason given, and the outcome (a retry
 *   that failed again is audited too, with its error). Admin only: stations neither read nor write it.
 */
export class DeadLetterActions1730000000008 implements MigrationInterface {
  name = 'DeadLetterActions1730000000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE central.dead_letters
        ADD COLUMN status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'retried', 'skipped'));

      CREATE TABLE central.dead_letter_actions (
        id              bigserial PRIMARY KEY,
        at              timestamptz NOT NULL DEFAULT now(),
        who             text NOT NULL DEFAULT session_user,
        acting_role     text NOT NULL DEFAULT current_user,
        action          text NOT NULL CHECK (action IN ('retry', 'skip')),
        kind            text NOT NULL CHECK (kind IN ('ingest', 'projection')),
        dead_letter_id  bigint NOT NULL,
        station_id      text NOT NULL,
        seq             bigint NOT NULL,
        reason          text NOT NULL CHECK (btrim(reason) <> ''),
        outcome         text NOT NULL CHECK (outcome IN ('retried', 'failed', 'skipped')),
        error           text
      );
      CREATE INDEX dead_letter_actions_letter ON central.dead_letter_actions (kind, dead_letter_id);
      REVOKE ALL ON central.dead_letter_actions FROM PUBLIC;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION IF EXISTS central.retry_dead_letter(text, bigint, text), central.skip_dead_letter(text, bigint, text),
        central.sync_status(), central.station_health(), central.projection_lag();
      DELETE FROM central.repeatable_functions WHERE name IN ('central.dead_letters');
      DROP TABLE central.dead_letter_actions;
      ALTER TABLE central.dead_letters DROP COLUMN status;
    `);
  }
}
