import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, StoreError } from '../../../src/store';
import { useTempDir } from './temp-dir';

const dir = useTempDir();

test('the database is opened with WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
  const db = openDatabase(path.join(dir(), 'nested', 'a.db'), { busyTimeoutMs: 1234 });
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  expect(db.pragma('synchronous', { simple: true })).toBe(2);
  expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  expect(db.pragma('busy_timeout', { simple: true })).toBe(1234);
  db.close();
});

test('a damaged file is refused at boot with a message naming it', () => {
  const file = path.join(dir(), 'a.db');
  const db = new Database(file);
  db.exec('CREATE TABLE t (x TEXT); CREATE INDEX t_x ON t(x);');
  const insert = db.prepare('INSERT INTO t VALUES (?)');
  for (let i = 0; i < 2000; i++) insert.run(`row-${i}-${'x'.repeat(50)}`);
  db.close();
  // Scribble over the middle of the file (past the header), as a bad sector would.
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(4096, 0xab), 0, 4096, 8192);
  fs.closeSync(fd);
  let caught: unknown;
  try {
    openDatabase(file);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(StoreError);
  expect((caught as Error).message).toContain(file);
  expect((caught as Error).message).toMatch(/damaged|malformed/);
});

test('a file that is not a database is refused with a clear message', () => {
  const file = path.join(dir(), 'a.db');
  fs.writeFileSync(file, 'this is not sqlite at all'.repeat(100));
  expect(() => openDatabase(file)).toThrow(`cannot use the database ${file}: the database file is damaged: run "station doctor" (SQLITE_NOTADB)`);
});

test('mustExist refuses to create a missing file', () => {
  const file = path.join(dir(), 'missing.db');
  expect(() => openDatabase(file, { mustExist: true })).toThrow(StoreError);
  expect(fs.existsSync(file)).toBe(false);
});
