/**
 * Shared set-up for the central benchmarks: a throwaway Postgres (the test harness's), a migrated
 * central database, and station databases filled with realistic bag scans.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { uuidv7 } from 'uuidv7';
import { migrateCentral } from '../src/central/commands';
import { provisionFleetLogin, provisionStations } from '../src/central/provision';
import { createEventLog } from '../src/store/event-log';
import { runMigrations } from '../src/store/migrate';
import { storeMigrations } from '../src/store/migrations';
import { stationRegistry } from '../src/workflows';
import { postgresUnavailable, startPostgres, type PgCluster } from '../test/helpers/postgres';

export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface CentralBench {
  cluster: PgCluster;
  adminUrl: string;
  /** Station id → its connection URL (its own role, or the fleet login when pooled). */
  stations: Map<string, string>;
  /** Station id → its token, for pooled stations. */
  tokens: Map<string, string>;
  dir: string;
  close(): Promise<void>;
}

/**
 * Starts Postgres, migrates a central database and provisions `stationIds` (each with its own role,
 * or `pooled`: tokens for one shared fleet login); null (with a message) when Postgres is absent.
 */
export async function centralBench(name: string, stationIds: string[], { pooled = false } = {}): Promise<CentralBench | null> {
  const why = postgresUnavailable();
  if (why) {
    console.log(`${name}: skipped: ${why}`);
    return null;
  }
  const cluster = await startPostgres();
  const db = await cluster.createDatabase('bench');
  const adminUrl = cluster.superUrl(db);
  await migrateCentral(adminUrl);
  const fleetUrl = pooled ? (await provisionFleetLogin(adminUrl)).url : null;
  const provisioned = stationIds.length ? await provisionStations(adminUrl, stationIds, { connectionLimit: 4, pooled }) : [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  return {
    cluster, adminUrl, dir,
    stations: new Map(provisioned.map((p) => [p.stationId, fleetUrl ?? p.url])),
    tokens: new Map(provisioned.flatMap((p) => (p.token ? [[p.stationId, p.token] as const] : []))),
    close: async () => {
      await cluster.teardown();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A scan as the store writes it: an event row plus its outbox row, in one transaction. */
export interface StationWriter {
  file: string;
  db: Database.Database;
  /** Appends `n` scans (child links, with a parent opened and closed every `capacity`), returns the last seq. */
  scans(n: number): number;
  close(): void;
}

/** `durable: false` skips the per-commit fsync, for simulating many stations on one machine. */
export function stationDb(dir: string, stationId: string, capacity = 50, durable = true): StationWriter {
  const file = path.join(dir, `${stationId}.db`);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${durable ? 'FULL' : 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  runMigrations(db, [...storeMigrations, ...stationRegistry().migrations]);
  // The store's own writer: every event carries who acted and its hash-chain link, as a real station's do.
  const log = createEventLog(db, stationId);
  const who = { deviceId: 'scanner-1', userId: 'packer-7', role: 'packer' as const, sessionId: 'bench-session', approvedBy: null };
  let seq = log.lastSeq();
  let scan = 0;
  const add = (type: string, payload: object) => {
    seq = log.append([{ type, payload }], { ...who, correlationId: uuidv7() })[0]!.seq;
  };
  const scans = db.transaction((n: number) => {
    for (let i = 0; i < n; i++, scan++) {
      const parent = `${stationId}-P${String(Math.floor(scan / capacity)).padStart(7, '0')}`;
      if (scan % capacity === 0) add('bag.parent_opened', { parent, capacity });
      add('bag.child_linked', { parent, child: `${stationId}-C${String(scan).padStart(9, '0')}` });
      if (scan % capacity === capacity - 1) add('bag.parent_closed', { parent, reason: 'capacity', count: capacity });
    }
    return seq;
  });
  return { file, db, scans: (n) => scans(n), close: () => db.close() };
}

/** Runs `tick(i)` n times at a fixed rate, correcting for drift. */
export async function paced(n: number, perSecond: number, tick: (i: number) => void): Promise<void> {
  const start = nowMs();
  for (let i = 0; i < n; i++) {
    const wait = start + (i * 1000) / perSecond - nowMs();
    if (wait > 0) await sleep(wait);
    tick(i);
  }
}

/** Commit time of each seq a station wrote, until a mark (acked, or projected) passes it: the lag samples. */
export class LagClock {
  private readonly pending: Array<{ seq: number; at: number }> = [];
  readonly samples: number[] = [];
  recording = true;

  committed(seq: number): void {
    this.pending.push({ seq, at: nowMs() });
  }

  reached(mark: number): void {
    const now = nowMs();
    while (this.pending.length && this.pending[0]!.seq <= mark) {
      const p = this.pending.shift()!;
      if (this.recording) this.samples.push(now - p.at);
    }
  }
}
