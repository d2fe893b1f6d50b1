import path from 'node:path';
import { openDatabase, runMigrations, migrations, StoreError } from '../../../src/store';
import { useTempDir } from './temp-dir';

const dir = useTempDir();

const latest = migrations.at(-1)!.version;

test('a fresh database gets every migration and the latest user_version', () => {
  const db = openDatabase(path.join(dir(), 'a.db'));
  expect(runMigrations(db, migrations)).toEqual({ from: 0, to: latest });
  expect(db.pragma('user_version', { simple: true })).toBe(latest);
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
  expect(tables).toEqual(expect.arrayContaining(['bag_links', 'bag_parents', 'events', 'meta', 'outbox', 'pending_errors', 'recent_scans']));
  expect(runMigrations(db, migrations)).toEqual({ from: latest, to: latest });
  db.close();
});

test('a failing migration leaves the schema at the last whole step', () => {
  const db = openDatabase(path.join(dir(), 'a.db'));
  const broken = [...migrations, { version: latest + 1, name: 'broken', sql: 'CREATE TABLE half (x INTEGER); SELECT nope FROM missing;' }];
  expect(() => runMigrations(db, broken)).toThrow(/no such table: missing/);
  expect(db.pragma('user_version', { simple: true })).toBe(latest);
  expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
  db.close();
});

test('migrations out of order are refused before anything runs', () => {
  const db = openDatabase(path.join(dir(), 'a.db'));
  expect(() => runMigrations(db, [migrations[1]!, migrations[0]!])).toThrow('migrations out of order: 2 (bag parents and links) before 1 (event log and outbox)');
  expect(db.pragma('user_version', { simple: true })).toBe(0);
  db.close();
});

test('a database from a newer program is refused', () => {
  const db = openDatabase(path.join(dir(), 'a.db'));
  db.pragma('user_version = 999');
  expect(() => runMigrations(db, migrations)).toThrow(StoreError);
  expect(() => runMigrations(db, migrations)).toThrow(`the database is at schema version 999, newer than this program knows (${latest})`);
  db.close();
});
