import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { StoreError, toStoreError } from './errors';

import type { Db } from '../core/store-port';

export type { Db };

export interface OpenOptions {
  /** How long a write waits for another connection's lock before giving up. */
  busyTimeoutMs?: number;
  /** Refuse to create a new file (doctor inspects, it never creates). */
  mustExist?: boolean;
}

/**
 * Opens the station database with the durability settings every scan relies on: WAL so readers never
 * block the writer, `synchronous=FULL` so a committed scan survives a power cut, a busy timeout, and
 * foreign keys. A damaged file is refused at boot with a clear message instead of failing mid-shift.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (!options.mustExist) fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: options.mustExist ?? false });
  } catch (err) {
    throw toStoreError(`cannot open the database ${file}`, err);
  }
  try {
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    checkIntegrity(db, file);
  } catch (err) {
    db.close();
    throw toStoreError(`cannot use the database ${file}`, err);
  }
  return db;
}

/** Throws a StoreError listing SQLite's findings unless `PRAGMA integrity_check` says "ok". */
export function checkIntegrity(db: Db, file: string): void {
  const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
  const findings = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
  if (findings.length > 0) {
    throw new StoreError(`the database ${file} is damaged (integrity_check: ${findings.slice(0, 5).join('; ')}); `
      + 'move it aside and restore from the central copy', 'SQLITE_CORRUPT');
  }
}
