import type { LocalMigration } from '../core/workflow';
import type { Db } from './db';
import { StoreError } from './errors';

/**
 * `PRAGMA user_version` of a database whose steps are recorded in `schema_migrations`. Releases before
 * that table knew only user_version (1…103), so they refuse a database at this version as "newer".
 */
export const TABLE_ERA_VERSION = 200;

/** The steps of releases that recorded only `user_version`: the id each of those versions stands for. */
const BY_LEGACY_VERSION: ReadonlyArray<[number, string]> = [[1, 'core:001'], [2, 'bag:001'], [101, 'core:002'], [102, 'core:003'], [103, 'core:004']];

/**
 * Brings the schema up to date. Applied steps are recorded by id in `schema_migrations`; a database
 * from a release that had only `user_version` is seeded from it first. Each missing step runs in its own
 * transaction together with its record, so a crash leaves the schema at a whole step, and a step is
 * never skipped because another module's step carries a higher number.
 */
export function runMigrations(db: Db, migrations: readonly LocalMigration[]): { applied: string[] } {
  assertUnique(migrations);
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > TABLE_ERA_VERSION) throw newer(`schema version ${version}`);
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL) STRICT');
    if (version > 0 && version < TABLE_ERA_VERSION) {
      const seed = db.prepare<[string, string]>('INSERT OR IGNORE INTO schema_migrations (id, applied_at) VALUES (?, ?)');
      for (const [legacy, id] of BY_LEGACY_VERSION) if (legacy <= version) seed.run(id, `user_version ${version}`);
    }
  }).immediate();
  const done = new Set(db.prepare('SELECT id FROM schema_migrations').pluck().all() as string[]);
  const known = new Set(migrations.map((m) => m.id));
  const unknown = [...done].filter((id) => !known.has(id));
  if (unknown.length > 0) throw newer(`steps ${unknown.join(', ')}`);

  const record = db.prepare<[string, string]>('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
  const applied: string[] = [];
  for (const migration of migrations) {
    if (done.has(migration.id)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      migration.run?.(db);
      record.run(migration.id, new Date().toISOString());
      db.pragma(`user_version = ${TABLE_ERA_VERSION}`);
    }).immediate();
    applied.push(migration.id);
  }
  if (version !== TABLE_ERA_VERSION && applied.length === 0) db.pragma(`user_version = ${TABLE_ERA_VERSION}`);
  return { applied };
}

function newer(what: string): StoreError {
  return new StoreError(`the database has ${what}, newer than this program knows: install the newer station version`, null);
}

function assertUnique(migrations: readonly LocalMigration[]): void {
  const seen = new Set<string>();
  for (const m of migrations) {
    if (seen.has(m.id)) throw new Error(`migration "${m.id}" is listed twice`);
    seen.add(m.id);
  }
}
