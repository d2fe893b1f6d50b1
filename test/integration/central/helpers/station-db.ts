import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { uuidv7 } from 'uuidv7';
import { parsedPayload } from '../../../../src/store/audit-reader';
import { chainHash, GENESIS_HASH } from '../../../../src/store/hash-chain';
import { runMigrations } from '../../../../src/store/migrate';
import { storeMigrations } from '../../../../src/store/migrations';
import type { OutboxRow } from '../../../../src/store/outbox';
import { userMigration } from '../../../../src/workflows/user/migrations.sqlite';

/**
 * The station-side schema replication needs: the store's own steps (event log with its audit chain,
 * replication state, reference cache) and the user module's (PIN hash and local edits of ref_users).
 */
export const stationMigrations = [...storeMigrations, userMigration];

/** Who caused an event (the store takes this from the session). */
export interface Who {
  userId: string | null;
  role: string | null;
  sessionId: string | null;
  approvedBy: string | null;
}

const DEFAULT_WHO: Who = { userId: 'u1', role: null, sessionId: null, approvedBy: null };

export interface StationDb {
  file: string;
  db: Database.Database;
  /** Appends events (and their outbox rows), chained, in one transaction, as the store does per scan. */
  append(events: Array<{ type: string; payload: unknown; who?: Partial<Who> }>): number[];
  /** `n` child links into rolling parents (opening/closing a parent every `capacity` links). */
  appendScans(n: number, capacity?: number): void;
  /** A raw row, e.g. with a payload that is not JSON. */
  appendRaw(type: string, payloadText: string): number;
  events(): OutboxRow[];
  outboxCount(): number;
  close(): void;
}

export function tempDir(prefix = 'central-station-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A station database in `dir`, or in a temp dir of its own that close() removes. */
export function createStationDb(stationId: string, dir?: string): StationDb {
  const ownDir = dir === undefined;
  dir ??= tempDir();
  const file = path.join(dir, 'station.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  runMigrations(db, stationMigrations);
  const insert = db.prepare(`INSERT INTO events (seq, id, station_id, type, payload, device_time, correlation_id, device_id, user_id,
    role, session_id, approved_by, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, 'scanner-1', ?, ?, ?, ?, ?, ?)`);
  const outbox = db.prepare('INSERT INTO outbox (seq) VALUES (?)');
  const head = db.prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1');
  const appendTexts = db.transaction((rows: Array<{ type: string; text: string; who?: Partial<Who> }>) => {
    const seqs: number[] = [];
    const last = head.get() as { seq: number; hash: string | null } | undefined;
    let seq = (last?.seq ?? 0) + 1;
    let prev = last?.hash ?? GENESIS_HASH;
    for (const r of rows) {
      const who = { ...DEFAULT_WHO, ...r.who };
      const fields = { stationId, seq, id: uuidv7(), type: r.type, payload: parsedPayload(r.text), deviceTime: new Date().toISOString(),
        correlationId: uuidv7(), deviceId: 'scanner-1', ...who };
      const hash = chainHash(fields, prev);
      insert.run(seq, fields.id, stationId, r.type, r.text, fields.deviceTime, fields.correlationId, who.userId, who.role, who.sessionId,
        who.approvedBy, prev, hash);
      outbox.run(seq);
      prev = hash;
      seqs.push(seq++);
    }
    return seqs;
  });
  let parentNo = 0;
  let inParent = 0;
  return {
    file,
    db,
    append: (events) => appendTexts(events.map((e) => ({ type: e.type, text: JSON.stringify(e.payload), who: e.who }))),
    appendScans: (n, capacity = 50) => {
      const rows: Array<{ type: string; text: string }> = [];
      for (let i = 0; i < n; i++) {
        const parent = `${stationId}-P${parentNo}`;
        if (inParent === 0) rows.push({ type: 'bag.parent_opened', text: JSON.stringify({ parent, capacity }) });
        rows.push({ type: 'bag.child_linked', text: JSON.stringify({ parent, child: `${stationId}-C${parentNo}-${inParent}` }) });
        if (++inParent === capacity) {
          rows.push({ type: 'bag.parent_closed', text: JSON.stringify({ parent, reason: 'capacity', count: capacity }) });
          inParent = 0;
          parentNo++;
        }
      }
      appendTexts(rows);
    },
    appendRaw: (type, text) => appendTexts([{ type, text }])[0]!,
    events: () => db.prepare(`SELECT seq, id, station_id AS stationId, type, payload, device_time AS deviceTime,
        correlation_id AS correlationId, device_id AS deviceId, user_id AS userId, role, session_id AS sessionId,
        approved_by AS approvedBy, prev_hash AS prevHash, hash FROM events ORDER BY seq`).all() as OutboxRow[],
    outboxCount: () => db.prepare('SELECT count(*) FROM outbox').pluck().get() as number,
    close: () => {
      db.close();
      if (ownDir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
