import fs from 'node:fs';
import path from 'node:path';
import type { StationConfig } from '../../src/config/schema';
import { databaseFile, openDatabase, storeMigrations, TABLE_ERA_VERSION } from '../../src/store';
import { stationRegistry } from '../../src/workflows';
import { existingAncestor } from '../health';

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}


function reason(err: unknown): string {
  return (err as Error)?.message ?? String(err);
}

export function checkDataDir(config: StationConfig): CheckResult {
  const name = 'data folder';
  const dir = config.dataDir;
  if (!fs.existsSync(dir)) {
    const base = existingAncestor(dir);
    try {
      fs.accessSync(base, fs.constants.W_OK);
      return { name, ok: true, detail: `${dir} does not exist yet; it will be created in ${base}` };
    } catch (err) {
      return { name, ok: false, detail: `${dir} does not exist and ${base} is not writable (${reason(err)})` };
    }
  }
  if (!fs.statSync(dir).isDirectory()) return { name, ok: false, detail: `${dir} is not a folder` };
  const probe = path.join(dir, `.doctor-${process.pid}`);
  try {
    const fd = fs.openSync(probe, 'w');
    try {
      fs.writeSync(fd, 'probe');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
      fs.rmSync(probe, { force: true });
    }
    return { name, ok: true, detail: `${dir} is writable` };
  } catch (err) {
    return { name, ok: false, detail: `${dir} is not writable (${reason(err)})` };
  }
}

export function checkDatabase(config: StationConfig): CheckResult {
  const name = 'database';
  const file = databaseFile(config.dataDir);
  if (!fs.existsSync(file)) return { name, ok: true, detail: `${file} does not exist yet; "station serve" creates it` };
  try {
    const db = openDatabase(file, { mustExist: true });
    try {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > TABLE_ERA_VERSION) return { name, ok: false, detail: `${file} is at schema ${version}, newer than this program (${TABLE_ERA_VERSION})` };
      const has = (table: string) => Boolean(db.prepare('SELECT count(*) FROM sqlite_master WHERE name = ?').pluck().get(table));
      const known = [...storeMigrations, ...stationRegistry().migrations].map((m) => m.id);
      const applied = new Set(has('schema_migrations') ? db.prepare('SELECT id FROM schema_migrations').pluck().all() as string[] : []);
      const unknown = [...applied].filter((id) => !known.includes(id));
      if (unknown.length > 0) return { name, ok: false, detail: `${file} has schema steps ${unknown.join(', ')}, newer than this program` };
      const pending = has('schema_migrations') ? known.filter((id) => !applied.has(id)).length : known.length;
      const events = has('events') ? db.prepare('SELECT count(*) FROM events').pluck().get() : 0;
      return { name, ok: true, detail: `${file}: integrity ok, schema ${applied.size} steps${pending > 0 ? ` (${pending} to apply at start)` : ''}, ${events} events` };
    } finally {
      db.close();
    }
  } catch (err) {
    return { name, ok: false, detail: reason(err) };
  }
}

export function checkFreeDisk(config: StationConfig): CheckResult {
  const name = 'free disk';
  const dir = existingAncestor(config.dataDir);
  try {
    const stats = fs.statfsSync(dir);
    const free = stats.bavail * stats.bsize;
    const mib = (n: number) => `${Math.floor(n / (1024 * 1024))} MiB`;
    // The threshold of GET /health too (config health.minFreeDiskMb): below it the station may refuse scans within a shift.
    const min = config.health.minFreeDiskMb * 1024 * 1024;
    if (free < min) return { name, ok: false, detail: `only ${mib(free)} free on ${dir}; need at least ${mib(min)}` };
    return { name, ok: true, detail: `${mib(free)} free on ${dir}` };
  } catch (err) {
    return { name, ok: false, detail: `cannot read free space of ${dir} (${reason(err)})` };
  }
}
