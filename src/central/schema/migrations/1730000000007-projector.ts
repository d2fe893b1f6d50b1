import type { MigrationInterface, QueryRunner } from 'typeorm';

const REASONS = `'child_linked_elsewhere', 'child_already_linked', 'parent_closed', 'bag_already_closed', 'closed_elsewhere',
  'user_overwritten', 'user_disabled', 'badge_taken'`;

/**
 * Ingest, then project (issue 10). Schema only: the functions that use these tables (ingest's
 * apply_batch, the projector, the module projections) are repeatable steps (src/central/schema/repeatable),
 * created or replaced by `station migrate` whenever their text changes.
 *
 * - `central.ingest_log`: one row per ingest call that stored something, written in the ingest
 *   transaction: the station's seq range and that transaction's id (`xid8`). The projector follows it
 *   in (txid, station_id, first_seq) order and only below `pg_snapshot_xmin`, so a transaction that
 *   took its id early but commits late is never skipped (nothing below xmin can still commit).
 *   One row per batch, not a column per event: the drain pays one small insert per batch.
 * - `central.projector_cursor`: the one row the projector locks (FOR UPDATE SKIP LOCKED) and moves in
 *   the transaction that applied the projections; so nothing is projected twice or skipped.
 * - `central.projections`: the registered module projections, called in `position` order.
 * - `central.projection_dead_letters`: an event a projection failed on, with the error; the
 *   projector records it, rejects the event ('projection_failed') and goes on.
 * - `central.repeatable_functions`: the checksum of each repeatable function step last applied.
 *
 * Events already in station_events were projected by the previous ingest; they have no ingest_log row.
 *
 * Cost on the ingest path: the two hash checks of migration 1730000000006 (a regex per column per
 * row, about a third of the INSERT) become the same rule without a regex: 64 bytes, all of them
 * lower-case hex digits. NOT VALID as before: every row already there passed the stricter-looking
 * regex, which accepts exactly the same texts.
 */
export class Projector1730000000007 implements MigrationInterface {
  name = 'Projector1730000000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE central.ingest_log (
        txid        xid8 NOT NULL DEFAULT pg_current_xact_id(),
        station_id  text NOT NULL,
        first_seq   bigint NOT NULL CHECK (first_seq > 0),
        last_seq    bigint NOT NULL,
        logged_at   timestamptz NOT NULL DEFAULT now(),
        CHECK (last_seq >= first_seq),
        PRIMARY KEY (txid, station_id, first_seq)
      );

      CREATE TABLE central.projector_cursor (
        id          integer PRIMARY KEY CHECK (id = 1),
        txid        xid8 NOT NULL,
        station_id  text NOT NULL,
        seq         bigint NOT NULL,
        projected   bigint NOT NULL DEFAULT 0,
        failed      bigint NOT NULL DEFAULT 0,
        updated_at  timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO central.projector_cursor (id, txid, station_id, seq) VALUES (1, '0', '', 0);

      CREATE TABLE central.projections (
        name      text PRIMARY KEY,
        fn        regproc NOT NULL,
        position  integer NOT NULL UNIQUE
      );

      CREATE TABLE central.projection_dead_letters (
        id          bigserial PRIMARY KEY,
        station_id  text NOT NULL,
        seq         bigint NOT NULL,
        type        text NOT NULL,
        sqlstate    text NOT NULL,
        error       text NOT NULL,
        at          timestamptz NOT NULL DEFAULT now(),
        status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'retried', 'skipped')),
        UNIQUE (station_id, seq)
      );

      CREATE TABLE central.repeatable_functions (
        name        text PRIMARY KEY,
        checksum    text NOT NULL,
        applied_at  timestamptz NOT NULL DEFAULT now()
      );

      ALTER TABLE central.rejections DROP CONSTRAINT rejections_reason_check;
      ALTER TABLE central.rejections ADD CONSTRAINT rejections_reason_check CHECK (reason IN (${REASONS}, 'projection_failed'));

      ALTER TABLE central.station_events DROP CONSTRAINT station_events_prev_hash_hex, DROP CONSTRAINT station_events_hash_hex;
      ALTER TABLE central.station_events
        ADD CONSTRAINT station_events_prev_hash_hex CHECK (octet_length(prev_hash) = 64 AND ltrim(prev_hash, '0123456789abcdef') = '') NOT VALID,
        ADD CONSTRAINT station_events_hash_hex CHECK (octet_length(hash) = 64 AND ltrim(hash, '0123456789abcdef') = '') NOT VALID;

      ALTER TABLE central.projection_dead_letters ENABLE ROW LEVEL SECURITY;
      GRANT SELECT ON central.projection_dead_letters TO central_station;
      CREATE POLICY own_projection_dead_letters ON central.projection_dead_letters FOR SELECT TO central_station
        USING (station_id = (SELECT central.station_of(current_user)));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE central.station_events DROP CONSTRAINT station_events_prev_hash_hex, DROP CONSTRAINT station_events_hash_hex;
      ALTER TABLE central.station_events
        ADD CONSTRAINT station_events_prev_hash_hex CHECK (prev_hash ~ '^[0-9a-f]{64}$') NOT VALID,
        ADD CONSTRAINT station_events_hash_hex CHECK (hash ~ '^[0-9a-f]{64}$') NOT VALID;
      DELETE FROM central.rejections WHERE reason = 'projection_failed';
      ALTER TABLE central.rejections DROP CONSTRAINT rejections_reason_check;
      ALTER TABLE central.rejections ADD CONSTRAINT rejections_reason_check CHECK (reason IN (${REASONS}));
      DROP TABLE central.repeatable_functions, central.projection_dead_letters, central.projections,
        central.projector_cursor, central.ingest_log;
    `);
  }
}
