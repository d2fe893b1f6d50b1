import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { uuidv7 } from 'uuidv7';
import { runMigrations } from '../../../../src/store/migrate';
import { eventLog } from '../../../../src/store/migrations/001-event-log';
import { replicationState } from '../../../../src/store/migrations/101-replication-state';
import { referenceCache } from '../../../../src/store/migrations/102-reference-cache';
import type { OutboxRow } from '../../../../src/store/outbox';

/** The station-side schema replication needs: the event log plus replication's own tables. */
export const stationMigrations = [eventLog, replicationState, referenceCache];

export interface StationDb {
  file: string;
  db: Database.Database;
  /** Appends events (and their outbox rows) in one transaction, as the store does per scan. */
  append(events: Array<{ type: string; payload: unknown }>): number[];
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
  const insert = db.prepare(`INSERT INTO events (seq, id, station_id, type, payload, device_time, correlation_id, device_id, user_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, 'scanner-1', 'u1')`);
  const outbox = db.prepare('INSERT INTO outbox (seq) VALUES (?)');
  const nextSeq = () => (db.prepare('SELECT coalesce(max(seq), 0) + 1 FROM events').pluck().get() as number);
  const appendTexts = db.transaction((rows: Array<{ type: string; text: string }>) => {
    const seqs: number[] = [];
    let seq = nextSeq();
    for (const r of rows) {
      insert.run(seq, uuidv7(), stationId, r.type, r.text, new Date().toISOString(), uuidv7());
      outbox.run(seq);
      seqs.push(seq++);
    }
    return seqs;
  });
  let parentNo = 0;
  let inParent = 0;
  return {
    file,
    db,
    append: (events) => appendTexts(events.map((e) => ({ type: e.type, text: JSON.stringify(e.payload) }))),
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
        correlation_id AS correlationId, device_id AS deviceId, user_id AS userId FROM events ORDER BY seq`).all() as OutboxRow[],
    outboxCount: () => db.prepare('SELECT count(*) FROM outbox').pluck().get() as number,
    close: () => {
      db.close();
      if (ownDir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
