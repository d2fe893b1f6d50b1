import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The counters both stats_hourly and its (hour, station) rollup carry, in one place (the migration's own copy: shipped, never edited). */
const COUNTER_COLUMNS = `events            integer NOT NULL DEFAULT 0,
        scans             integer NOT NULL DEFAULT 0,
        refused           integer NOT NULL DEFAULT 0,
        containers_opened integer NOT NULL DEFAULT 0,
        containers_closed integer NOT NULL DEFAULT 0,
        children          integer NOT NULL DEFAULT 0,
        mixed             integer NOT NULL DEFAULT 0,
        overrides         integer NOT NULL DEFAULT 0,
        voids             integer NOT NULL DEFAULT 0,
        moves             integer NOT NULL DEFAULT 0,
        reversals         integer NOT NULL DEFAULT 0,
        reopens           integer NOT NULL DEFAULT 0,
        bills_added       integer NOT NULL DEFAULT 0,
        bills_removed     integer NOT NULL DEFAULT 0,
        manifest_lines    integer NOT NULL DEFAULT 0,
        weighings         integer NOT NULL DEFAULT 0,
        weight_grams      bigint NOT NULL DEFAULT 0,
        clock_skew        integer NOT NULL DEFAULT 0,`;

/**
 * Statistics for the supervisor screen, kept up incrementally by `central.project_statistics`
 * (src/central/schema/repeatable/statistics.sql.ts), a projection like the modules'. Schema only.
 *
 * - `central.stats_hourly`: counters per (hour, station, user). The hour is the event's device time
 *   (when the packer did it, by the station's clock), in UTC: a station that replicates late still
 *   lands its work in the hour it was done. Device time never orders anything; `clock_skew` counts
 *   the events whose device time is more than 5 minutes from central's receive time, and
 *   `last_received_at` is the newest receive time in the bucket. `user_id` '' is "nobody signed in".
 * - `central.stats_hourly_station`: the same counters summed per (hour, station), and `packers` (the
 *   users other than '' with a row in that hour), kept with the hourly rows: the dashboard reads only
 *   these, a few rows per hour of its window.
 * - `central.stats_pending`: the counter deltas of one projector step, per (hour, station, user),
 *   appended by each range and folded into the two tables above once, at the end of the step
 *   (`central.fold_statistics()`), in the same transaction: empty whenever no step is running, so
 *   UNLOGGED (nothing in it outlives a transaction, and it costs no WAL).
 * - `central.stats_open_containers`: one row per open container (a few per packer): when it was
 *   opened (device time of its opening event) and the child types linked since it was last opened.
 * - `central.stats_unbilled`: each closed container that is on no bill, and `central.stats_station`
 *   its count per station (the station that closed it), so the dashboard never counts rows.
 * - Code search over `central.containers.code`: a trigram index (pg_trgm) where the extension can be
 *   created, else a text_pattern_ops btree (prefix search only); `central.search_codes` uses
 *   whichever exists.
 * No station may read these tables: stations get aggregates through the SECURITY DEFINER read
 * functions only (another station's rows are not theirs to see).
 */
export class Statistics1730000000016 implements MigrationInterface {
  name = 'Statistics1730000000016';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE central.stats_hourly (
        hour              timestamptz NOT NULL,
        station           text NOT NULL,
        user_id           text NOT NULL,
        ${COUNTER_COLUMNS}
        last_received_at  timestamptz,
        PRIMARY KEY (hour, station, user_id)
      );

      CREATE TABLE central.stats_hourly_station (
        hour              timestamptz NOT NULL,
        station           text NOT NULL,
        packers           integer NOT NULL DEFAULT 0,
        ${COUNTER_COLUMNS}
        last_received_at  timestamptz,
        PRIMARY KEY (hour, station)
      );

      -- no key: append-only within a step, emptied by the fold at its end
      CREATE UNLOGGED TABLE central.stats_pending (LIKE central.stats_hourly INCLUDING DEFAULTS);

      CREATE TABLE central.stats_open_containers (
        code        text PRIMARY KEY,
        station     text NOT NULL,
        type        text NOT NULL,
        opened_at   timestamptz,
        child_types text[] NOT NULL DEFAULT '{}'
      );
      CREATE INDEX stats_open_containers_age ON central.stats_open_containers (station, opened_at);

      CREATE TABLE central.stats_unbilled (
        code      text PRIMARY KEY,
        station   text NOT NULL,
        closed_at timestamptz
      );
      CREATE TABLE central.stats_station (
        station  text PRIMARY KEY,
        unbilled integer NOT NULL DEFAULT 0 CHECK (unbilled >= 0)
      );

      -- trigram search if pg_trgm can be had (a trusted extension: the database owner may create it)
      DO $do$
      BEGIN
        BEGIN
          CREATE EXTENSION IF NOT EXISTS pg_trgm;
        EXCEPTION WHEN OTHERS THEN
          RAISE NOTICE 'pg_trgm unavailable (%): container codes get prefix search only', SQLERRM;
        END;
        IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
          EXECUTE format('CREATE INDEX containers_code_trgm ON central.containers USING gin (code %I.gin_trgm_ops)',
            (SELECT n.nspname FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace WHERE x.extname = 'pg_trgm'));
        ELSE
          CREATE INDEX containers_code_prefix ON central.containers (code text_pattern_ops);
        END IF;
      END $do$;

      REVOKE ALL ON central.stats_hourly, central.stats_hourly_station, central.stats_pending, central.stats_open_containers, central.stats_unbilled, central.stats_station FROM PUBLIC;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM central.projections WHERE name = 'statistics';
      DROP FUNCTION IF EXISTS central.project_statistics(text, bigint, bigint);
      DROP FUNCTION IF EXISTS central.catch_up_statistics(); DROP FUNCTION IF EXISTS central.stats_recount_hourly();
      DROP FUNCTION IF EXISTS central.stats_recount_hourly_station(); DROP FUNCTION IF EXISTS central.stats_recount_open();
      DROP FUNCTION IF EXISTS central.stats_recount_unbilled();
      -- the projector calls it at the end of every step: nothing left to fold
      CREATE OR REPLACE FUNCTION central.fold_statistics() RETURNS void LANGUAGE sql AS $f$ SELECT $f$;
      DROP TABLE central.stats_station; DROP TABLE central.stats_unbilled;
      DROP TABLE central.stats_open_containers; DROP TABLE central.stats_hourly_station; DROP TABLE central.stats_pending; DROP TABLE central.stats_hourly;
      DROP INDEX IF EXISTS central.containers_code_trgm; DROP INDEX IF EXISTS central.containers_code_prefix;`);
  }
}
