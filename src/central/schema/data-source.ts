import { DataSource } from 'typeorm';
import { centralEntities } from './entities';
import { centralMigrations } from './migrations';

/** Table (in schema public) where TypeORM records which central migrations ran. */
export const MIGRATIONS_TABLE = 'central_migrations';

/**
 * An admin connection for migrations and provisioning. Never `synchronize`: the schema changes only
 * through the reviewed migrations. Kept off the ingest path, which uses raw SQL through `pg`.
 */
export function adminDataSource(url: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: centralEntities,
    migrations: centralMigrations,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'all',
    synchronize: false,
    logging: false,
    applicationName: 'station-admin',
    connectTimeoutMS: 10_000,
    extra: { max: 1 },
  });
}
