import type { MigrationInterface, QueryRunner } from 'typeorm';
import { STATION_OF_SQL } from '../sql/station-of.sql';
import { STATION_OF_POOLED_SQL } from '../sql/station-of-pooled.sql';

/**
 * Fleets behind one PgBouncer pool. PgBouncer keeps a server pool per (database, user), so with a
 * login role per station the server connections cannot be shared, and beyond a few dozen busy
 * stations every transaction waits for another role's connection to be closed and reopened. A
 * pooled station instead logs in with the fleet's shared login (a member of `central_pooled` and of
 * `central_station`) and proves which station it is with its own secret token, set per transaction
 * (`SET LOCAL central.station_token`, so nothing outlives the transaction on a shared server
 * connection). Row-level security and the SECURITY DEFINER checks keep asking `station_of`, which
 * now also answers for a token. A station may keep its own role too: either way proves identity.
 */
export class PooledStations1730000000004 implements MigrationInterface {
  name = 'PooledStations1730000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'central_pooled') THEN
          CREATE ROLE central_pooled NOLOGIN;
        END IF;
      END $$;
      ALTER TABLE central.stations ALTER COLUMN role_name DROP NOT NULL;
      ALTER TABLE central.stations ADD COLUMN token_hash bytea UNIQUE;
      ALTER TABLE central.stations ADD CONSTRAINT stations_has_identity CHECK (role_name IS NOT NULL OR token_hash IS NOT NULL);
      ${STATION_OF_POOLED_SQL}
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ${STATION_OF_SQL.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION')}
      DELETE FROM central.stations WHERE role_name IS NULL;
      ALTER TABLE central.stations DROP CONSTRAINT stations_has_identity;
      ALTER TABLE central.stations DROP COLUMN token_hash;
      ALTER TABLE central.stations ALTER COLUMN role_name SET NOT NULL;
    `);
  }
}
