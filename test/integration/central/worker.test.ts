import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { startReplication } from '../../../src/central/replication';
import { readReplicationStatus } from '../../../src/central/doctor';
import { centralCounts, describeWithCentral } from './helpers/central-db';
import { createStationDb, tempDir } from './helpers/station-db';
import { waitFor } from './helpers/wait';

jest.setTimeout(120_000);

describeWithCentral('replication worker thread', (pg) => {

  it('drains a backlog and then new events exactly once, off the scan path, and prunes the outbox', async () => {
    const url = await pg.central.provision('w1');
    const local = createStationDb('w1');
    local.appendScans(3000, 25);
    const handle = startReplication({
      dbPath: local.file, stationId: 'w1', statusIntervalMs: 50,
      central: { url, batch: { maxRows: 500, maxBytes: 1 << 20 }, pollIntervalMs: 20, referencePollMs: 500, referenceSettleMs: 0 },
    });
    try {
      // the scan path keeps committing while the worker drains
      for (let i = 0; i < 20; i++) {
        local.appendScans(50, 25);
        handle.nudge();
      }
      const total = local.events().length;
      await waitFor('central to hold every event', async () => (await centralCounts(pg.central.admin, 'w1')).mark === total);
      await waitFor('the worker to report idle with an empty queue',
        () => handle.status().state === 'idle' && handle.status().queueDepth === 0 && handle.status().reference.state === 'synced');
      expect(await centralCounts(pg.central.admin, 'w1')).toEqual({ count: total, distinct: total, min: 1, max: total, mark: total, dead: 0 });
      expect(local.outboxCount()).toBe(0);
      const s = handle.status();
      expect(s).toMatchObject({ stationId: 'w1', centralMark: total, localSeq: total, lagEvents: 0, stuck: false, lastError: null, oldestUnsentAgeMs: null });
      const { rows } = await pg.central.admin.query(`SELECT local_seq::int FROM central.heartbeats WHERE station_id = 'w1'`);
      expect(rows).toHaveLength(1);
    } finally {
      await handle.stop();
    }
    expect(handle.status().state).toBe('stopped');
    // station doctor, from another connection, sees the same picture
    const doctor = readReplicationStatus(local.file, 'w1', { configured: true });
    expect(doctor).toMatchObject({ queueDepth: 0, lagEvents: 0, stuck: false, reference: { state: 'synced' } });
    local.close();
  });

  it('is simply "not configured" without a central URL', async () => {
    const local = createStationDb('offline');
    local.appendScans(5);
    const handle = startReplication({ dbPath: local.file, stationId: 'offline', central: undefined });
    expect(handle.status().state).toBe('not-configured');
    await handle.stop();
    expect(readReplicationStatus(local.file, 'offline', { configured: false })).toMatchObject({
      state: 'not-configured', queueDepth: 5 + 1, stuck: false, reference: { state: 'not-synced' },
    });
    local.close();
  });
});

describe('station doctor on a store without the replication tables', () => {
  it('says what is missing instead of failing', () => {
    const dir = tempDir('central-old-');
    const file = path.join(dir, 'old.db');
    const db = new Database(file);
    db.exec('CREATE TABLE events (seq INTEGER PRIMARY KEY)');
    db.close();
    try {
      expect(readReplicationStatus(file, 'old', { configured: true })).toMatchObject({
        state: 'error', localWarning: expect.stringContaining('no replication tables'),
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
