import type { LocalMigration } from '../../core/workflow';
import { GENESIS_HASH, chainHash } from '../hash-chain';

interface LegacyRow {
  seq: number; id: string; station_id: string; type: string; payload: string; device_time: string;
  correlation_id: string; device_id: string | null; user_id: string | null;
}

/**
 * Who acted and the audit chain (docs/audit.md). Every event gains its role, session and approving
 * supervisor, and its link: `prev_hash` and `hash`. Events recorded before this step are chained here,
 * in seq order, exactly as new ones are (user, role, session, approver null), so an upgraded station's
 * whole history verifies. The append-only trigger is lifted for this one UPDATE and put back.
 */
export const auditChain: LocalMigration = {
  id: 'core:005',
  sql: `
    ALTER TABLE events ADD COLUMN role TEXT;
    ALTER TABLE events ADD COLUMN session_id TEXT;
    ALTER TABLE events ADD COLUMN approved_by TEXT;
    ALTER TABLE events ADD COLUMN prev_hash TEXT;
    ALTER TABLE events ADD COLUMN hash TEXT;
    CREATE INDEX events_by_user ON events(user_id, seq);
    CREATE INDEX events_by_type ON events(type, seq);
  `,
  run(db) {
    const rows = db.prepare('SELECT seq, id, station_id, type, payload, device_time, correlation_id, device_id, user_id FROM events ORDER BY seq').iterate() as Iterable<LegacyRow>;
    const links: Array<[string, string, number]> = [];
    let prev = GENESIS_HASH;
    for (const r of rows) {
      const hash = chainHash({
        stationId: r.station_id, seq: r.seq, id: r.id, type: r.type, payload: JSON.parse(r.payload), deviceTime: r.device_time,
        correlationId: r.correlation_id, deviceId: r.device_id, userId: r.user_id, role: null, sessionId: null, approvedBy: null,
      }, prev);
      links.push([prev, hash, r.seq]);
      prev = hash;
    }
    db.exec('DROP TRIGGER events_no_update');
    const update = db.prepare<[string, string, number]>('UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?');
    for (const link of links) update.run(...link);
    db.exec("CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;");
  },
};
