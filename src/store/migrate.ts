import type { Db } from './db';
import { StoreError } from './errors';
import type { Migration } from './migrations/migration';

/**
 * Brings the schema up to date. `PRAGMA user_version` holds the last applied version; each newer
 * migration runs in its own transaction together with the version bump, so a crash leaves the
 * schema at a whole step. Because only the highest version is recorded, a new migration must carry
 * a higher number than every migration already shipped.
 */
export function runMigrations(db: Db, migrations: readonly Migration[]): { from: number; to: number } {
  assertOrdered(migrations);
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) {
    throw new StoreError(`the database is at schema version ${from}, newer than this program knows (${latest}): `
      + 'install the newer station version', null);
  }
  for (const migration of migrations) {
    if (migration.version <= from) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return { from, to: Math.max(from, latest) };
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (!Number.isInteger(m.version) || m.version < 1) throw new Error(`migration "${m.name}" has a bad version ${m.version}`);
    const previous = migrations[i - 1];
    if (previous && m.version <= previous.version) {
      throw new Error(`migrations out of order: ${previous.version} (${previous.name}) before ${m.version} (${m.name})`);
    }
  });
}
