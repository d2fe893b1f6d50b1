import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ingest at COPY speed (issue 10): `central.ingest_staging`, where a station COPYs its batch before
 * `central.ingest_staged` (repeatable step, src/central/schema/repeatable/ingest-staged.sql.ts) moves it
 * into station_events. COPY cannot write a table under row-level security, and a temporary table would
 * be session state that a transaction pooler cannot carry, so this is one permanent table shared by
 * every station, keyed by the transaction that staged the rows:
 *
 * - `txid` always comes from its default (stations may insert every column but it), so a station can
 *   only stage rows for its own transaction, and uncommitted rows are invisible to everyone else;
 * - the function deletes what it took in the same transaction, so no staged row ever commits;
 * - every column but seq is text: a value that does not cast is a poison event for the function to
 *   dead-letter, never a COPY error that would stop the station's queue;
 * - UNLOGGED: nothing in it outlives its transaction, so it needs no WAL (a crash empties it).
 */
export class StagedIngest1730000000009 implements MigrationInterface {
  name = 'StagedIngest1730000000009';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNLOGGED TABLE central.ingest_staging (
        txid           xid8 NOT NULL DEFAULT pg_current_xact_id(),
        seq            bigint NOT NULL,
        id             text,
        type           text,
        payload        text,
        device_time    text,
        correlation_id text,
        device_id      text,
        user_id        text,
        role           text,
        session_id     text,
        approved_by    text,
        prev_hash      text,
        hash           text,
        -- a seq staged twice in one batch is refused at COPY, by name
        CONSTRAINT ingest_staging_batch_seq UNIQUE (txid, seq)
      );
      REVOKE ALL ON central.ingest_staging FROM PUBLIC;
      GRANT INSERT (seq, id, type, payload, device_time, correlation_id, device_id, user_id,
                    role, session_id, approved_by, prev_hash, hash) ON central.ingest_staging TO central_station;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE central.ingest_staging`);
  }
}
