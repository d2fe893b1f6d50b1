import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APPLY_BATCH_SQL } from '../sql/apply-batch.sql';
import { APPLY_BATCH_GUARDED_SQL } from '../sql/apply-batch-guarded.sql';
import { JUDGED_LINKS_SQL } from '../sql/judged-links.sql';
import { JUDGED_LINKS_PLPGSQL_SQL } from '../sql/judged-links-plpgsql.sql';
import { STATION_OF_PLPGSQL_SQL } from '../sql/station-of-plpgsql.sql';
import { STATION_OF_POOLED_SQL } from '../sql/station-of-pooled.sql';

/**
 * Cost on the ingest path, same results (the projection and privilege tests run unchanged against
 * it): the two SQL-language functions become PL/pgSQL, which caches its plans per server
 * connection (SQL functions with SET clauses are planned on every call), and apply_batch runs its
 * order checks only for batches that need them. Owners, SECURITY DEFINER and grants stay, since
 * CREATE OR REPLACE keeps them.
 */
export class PlanCachedFunctions1730000000005 implements MigrationInterface {
  name = 'PlanCachedFunctions1730000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`${STATION_OF_PLPGSQL_SQL}\n${JUDGED_LINKS_PLPGSQL_SQL}\n${APPLY_BATCH_GUARDED_SQL}\n    `);
  }

  async down(q: QueryRunner): Promise<void> {
    const orReplace = (sql: string) => sql.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION');
    await q.query(`${STATION_OF_POOLED_SQL}\n${orReplace(JUDGED_LINKS_SQL)}\n${orReplace(APPLY_BATCH_SQL)}\n    `);
  }
}
