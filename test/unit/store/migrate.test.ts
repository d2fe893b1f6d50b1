import path from 'node:path';
import type { LocalMigration } from '../../../src/core/workflow';
import { openDatabase, runMigrations, storeMigrations, StoreError, TABLE_ERA_VERSION, type Db } from '../../../src/store';
import { stationRegistry } from '../../../src/workflows';
import { useTempDir } from './temp-dir';

const dir = useTempDir();

/** What the station runs: the store's own steps, then the modules' in dependsOn order. */
const all: readonly LocalMigration[] = [...storeMigrations, ...stationRegistry().migrations];
const ids = all.map((m) => m.id);

const applied = (db: Db) => db.prepare('SELECT id FROM schema_migrations ORDER BY rowid').pluck().all() as string[];
const tableExists = (db: Db, name: string) => db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(name) === 1;
const userVersion = (db: Db) => db.pragma('user_version', { simple: true }) as number;
let db: Db;
beforeEach(() => { db = openDatabase(path.join(dir(), 'a.db')); });
afterEach(() => db.close());

test('a fresh database gets every step, each recorded by id, and the table-era user_version', () => {
  expect(ids).toEqual(expect.arrayContaining(['core:001', 'core:002', 'core:003', 'core:004', 'core:005', 'bag:001', 'user:001', 'session:001']));
  expect(runMigrations(db, all)).toEqual({ applied: ids });
  expect(applied(db)).toEqual(ids);
  expect(userVersion(db)).toBe(TABLE_ERA_VERSION);
  for (const table of ['bag_links', 'bag_parents', 'events', 'meta', 'outbox', 'pending_errors', 'recent_scans', 'sessions', 'pin_lockouts', 'ref_users']) {
    expect(tableExists(db, table)).toBe(true);
  }
  // A second run finds nothing to do.
  expect(runMigrations(db, all)).toEqual({ applied: [] });
  expect(applied(db)).toEqual(ids);
});

test('a failing step leaves the schema at the last whole step, and the steps after it do not run', () => {
  const broken: LocalMigration = { id: 'broken:001', sql: 'CREATE TABLE half (x INTEGER); SELECT nope FROM missing;' };
  const after: LocalMigration = { id: 'later:001', sql: 'CREATE TABLE later (x INTEGER);' };
  expect(() => runMigrations(db, [...all, broken, after])).toThrow(/no such table: missing/);
  expect(applied(db)).toEqual(ids);
  expect(tableExists(db, 'half')).toBe(false);
  expect(tableExists(db, 'later')).toBe(false);
  expect(userVersion(db)).toBe(TABLE_ERA_VERSION);
  // Fixed, the same database takes the rest.
  expect(runMigrations(db, [...all, { ...broken, sql: 'CREATE TABLE half (x INTEGER);' }, after])).toEqual({ applied: ['broken:001', 'later:001'] });
});

test('a step that fails in its code part (run) rolls back its SQL too', () => {
  runMigrations(db, all);
  const step: LocalMigration = { id: 'coded:001', sql: 'CREATE TABLE coded (x INTEGER);', run: () => { throw new Error('hashing failed'); } };
  expect(() => runMigrations(db, [...all, step])).toThrow('hashing failed');
  expect(tableExists(db, 'coded')).toBe(false);
  expect(applied(db)).not.toContain('coded:001');
});

test('a step with a lower number, added by another module, is still applied on a database already past it', () => {
  runMigrations(db, all);
  // A new module's first step: numbered 001, far below core:005, and listed before steps this database has.
  const scale: LocalMigration = { id: 'scale:001', sql: 'CREATE TABLE scale_readings (n INTEGER PRIMARY KEY, grams INTEGER NOT NULL) STRICT;' };
  const withScale = [...storeMigrations, scale, ...stationRegistry().migrations];
  expect(runMigrations(db, withScale)).toEqual({ applied: ['scale:001'] });
  expect(tableExists(db, 'scale_readings')).toBe(true);
  expect(applied(db)).toEqual([...ids, 'scale:001']);
  expect(runMigrations(db, withScale)).toEqual({ applied: [] });
});

test('a database of a release that knew only user_version is seeded from it, then gets the steps it lacks', () => {
  // Release 0.0.x stopped at user_version 2: the event log and the bag tables.
  const legacy = all.filter((m) => m.id === 'core:001' || m.id === 'bag:001');
  for (const m of legacy) db.exec(m.sql);
  db.pragma('user_version = 2');
  const result = runMigrations(db, all);
  expect(result.applied).toEqual(ids.filter((id) => id !== 'core:001' && id !== 'bag:001'));
  expect(db.prepare('SELECT id, applied_at FROM schema_migrations ORDER BY rowid LIMIT 2').all()).toEqual([
    { id: 'core:001', applied_at: 'user_version 2' },
    { id: 'bag:001', applied_at: 'user_version 2' },
  ]);
  expect(userVersion(db)).toBe(TABLE_ERA_VERSION);
});

test('a database with steps this program does not know is refused before anything runs', () => {
  db.exec('CREATE TABLE schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL) STRICT');
  db.prepare("INSERT INTO schema_migrations VALUES ('core:001', 'x'), ('future:007', 'x'), ('bag:009', 'x')").run();
  db.pragma(`user_version = ${TABLE_ERA_VERSION}`);
  let caught: unknown;
  try {
    runMigrations(db, all);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(StoreError);
  expect((caught as Error).message).toMatch(/^the database has steps (bag:009, future:007|future:007, bag:009), newer than this program knows: install the newer station version$/);
  expect(tableExists(db, 'events')).toBe(false);
});

test.each([201, 999])('a database at user_version %i (a newer program) is refused', (version) => {
  db.pragma(`user_version = ${version}`);
  expect(() => runMigrations(db, all)).toThrow(StoreError);
  expect(() => runMigrations(db, all)).toThrow(`the database has schema version ${version}, newer than this program knows: install the newer station version`);
  expect(tableExists(db, 'schema_migrations')).toBe(false);
  expect(userVersion(db)).toBe(version);
});

test('a step listed twice is refused before anything runs', () => {
  expect(() => runMigrations(db, [...all, all[0]!])).toThrow('migration "core:001" is listed twice');
  expect(tableExists(db, 'events')).toBe(false);
});
