import type { MigrationInterface, QueryRunner } from 'typeorm';
import { JUDGED_LINKS_SQL } from '../sql/judged-links.sql';
import { JUDGED_LINKS_PLPGSQL_SQL } from '../sql/judged-links-plpgsql.sql';
import { STATION_OF_PLPGSQL_SQL } from '../sql/station-of-plpgsql.sql';
import { STATION_OF_POOLED_SQL } from '../sql/station-of-pooled.sql';

/**
 * The two SQL-language functions on the ingest path become PL/pgSQL, which caches its plans per
 * server connection; SQL functions with SET clauses are planned on every call. Same results: the
 * projection and privilege tests run unchanged against it. Owners, SECURITY DEFINER and grants
 * stay, since CREATE OR REPLACE keeps them.
 */
export class PlanCachedFunctions1730000000005 implements MigrationInterface {
  name = 'PlanCachedFunctions1730000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`${STATION_OF_PLPGSQL_SQL}\n${JUDGED_LINKS_PLPGSQL_SQL}\n    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`${STATION_OF_POOLED_SQL}\n${JUDGED_LINKS_SQL.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION')}\n    `);
  }
}
