import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CentralCommandError, migrateCentral } from '../../../src/central/commands';
import { provisionStation } from '../../../src/central/provision';
import { startReplication } from '../../../src/central/replication';
import { Replicator } from '../../../src/central/replicator';
import { centralMigrations } from '../../../src/central/schema/migrations';
import { freePort } from '../../helpers/postgres';
import { testConfig } from './helpers/config';
import { centralCounts, describeWithCentral } from './helpers/central-db';
import { createStationDb, tempDir } from './helpers/station-db';
import { waitFor } from './helpers/wait';

jest.setTimeout(120_000);

describeWithCentral('bad input gives a clear status, loses nothing and crashes nothing', (pg) => {

  it('an unreachable central: retrying, "unreachable", the queue intact (worker thread)', async () => {
    const local = createStationDb('nowhere');
    local.appendScans(100);
    const port = await freePort();
    const handle = startReplication({ dbPath: local.file, stationId: 'nowhere', statusIntervalMs: 20,
      central: { url: `postgres://station_nowhere:x@127.0.0.1:${port}/central`, backoff: { initialMs: 20, maxMs: 100 } } });
    try {
      await waitFor('the failure to show', () => handle.status().lastError !== null);
      expect(handle.status()).toMatchObject({ state: 'retrying', queueDepth: local.events().length, centralMark: null,
        lastError: { code: 'ECONNREFUSED', message: expect.stringContaining('central unreachable') } });
    } finally {
      await handle.stop();
    }
    expect(local.outboxCount()).toBe(local.events().length);
    local.close();
  });

  it('an invalid central config: an error status, not a crash', async () => {
    const handle = startReplication({ dbPath: '/nonexistent.db', stationId: 'x', central: { url: 'http://central' } });
    expect(handle.status()).toMatchObject({ state: 'error', lastError: { code: 'CONFIG', message: expect.stringContaining('url') } });
    await handle.stop();
  });

  it('a wrong password: an error that says so, the queue intact', async () => {
    const good = new URL(await pg.central.provision('badpw'));
    good.password = 'not-the-password';
    const local = createStationDb('badpw');
    local.appendScans(50);
    const r = new Replicator({ dbPath: local.file, stationId: 'badpw', config: testConfig(good.toString(), { stuckAfterMs: 1_000 }) });
    void r.start();
    try {
      await waitFor('the failure to show', () => r.status().lastError !== null);
      expect(r.status()).toMatchObject({ state: 'error', lastError: { code: '28P01', message: expect.stringContaining('wrong password') } });
      // the watchdog: a non-empty queue whose mark does not move raises "stuck"
      await waitFor('the stuck alert', () => r.status().stuck);
      expect(r.status().oldestUnsentAgeMs).toBeGreaterThan(0);
    } finally {
      await r.stop();
    }
    expect(local.outboxCount()).toBe(local.events().length);
    local.close();
  });

  it('missing migrations, then a station not provisioned: clear errors, and it recovers once an admin acts', async () => {
    const db = await pg.cluster.createDatabase('unmigrated');
    const adminUrl = pg.cluster.superUrl(db);
    await expect(provisionStation(adminUrl, 'late')).rejects.toThrow(/station migrate/);
    const local = createStationDb('late');
    local.appendScans(500);
    // before provisioning exists the only login is the admin's; the station must still not crash
    const r = new Replicator({ dbPath: local.file, stationId: 'late', config: testConfig(adminUrl) });
    void r.start();
    try {
      await waitFor('the missing schema to show', () => r.status().state === 'error');
      expect(r.status().lastError).toMatchObject({ message: expect.stringContaining('station migrate') });
      expect((await migrateCentral(adminUrl)).applied).toHaveLength(centralMigrations.length);
      expect((await migrateCentral(adminUrl)).text).toContain('already up to date');
      await waitFor('"not provisioned" to show', () => r.status().lastError?.code === 'SG004');
      expect(r.status().lastError?.message).toContain('station provision');
      await provisionStation(adminUrl, 'late');
      const total = local.events().length;
      await waitFor('the queue to drain', () => r.status().queueDepth === 0 && r.status().centralMark === total);
      expect(r.status()).toMatchObject({ state: 'idle', lastError: null });
    } finally {
      await r.stop();
    }
    local.close();
  });

  it('admin commands refuse bad input with a clear message', async () => {
    await expect(provisionStation(pg.central.adminUrl, 'Bad Id!')).rejects.toThrow(CentralCommandError);
    await expect(provisionStation(pg.central.adminUrl, 'Bad Id!')).rejects.toThrow(/not valid/);
    const port = await freePort();
    await expect(migrateCentral(`postgres://x:y@127.0.0.1:${port}/db`)).rejects.toThrow(/cannot connect .*central unreachable/);
    const again = await provisionStation(pg.central.adminUrl, 'twice');
    const rotated = await provisionStation(pg.central.adminUrl, 'twice');
    expect(rotated.url).not.toBe(again.url);
    expect(rotated.text).toContain('shown only once');
  });

  it('a full disk on the station: replication goes on, the prune waits for space, nothing is lost', async () => {
    const disk = mountSmallDisk();
    const url = await pg.central.provision('fulldisk');
    const local = createStationDb('fulldisk', disk.dir);
    local.appendScans(1500, 40);
    local.db.pragma('wal_checkpoint(TRUNCATE)');
    const fill = disk.fill(local);
    // the scan path can no longer commit, and what it committed before stays
    const before = local.events().length;
    expect(() => local.appendScans(200)).toThrow(/full/i);
    expect(local.events().length).toBe(before);

    const r = new Replicator({ dbPath: local.file, stationId: 'fulldisk', config: testConfig(url, { referencePollMs: 100 }) });
    void r.start();
    try {
      await waitFor('central to hold everything', async () => (await centralCounts(pg.central.admin, 'fulldisk')).mark === before);
      await waitFor('the local warning', () => r.status().localWarning !== null);
      expect(r.status()).toMatchObject({ queueDepth: before, localWarning: expect.stringMatching(/SQLITE_FULL|full/i) });
      expect(r.status().state === 'idle' || r.status().state === 'replicating').toBe(true);
      fill.release();
      await waitFor('the prune once there is room', () => r.status().queueDepth === 0 && r.status().localWarning === null);
    } finally {
      await r.stop();
      local.close();
      disk.unmount();
    }
    expect(await centralCounts(pg.central.admin, 'fulldisk')).toMatchObject({ count: before, distinct: before, mark: before });
  });
});

/**
 * A real full disk: a 4 MB tmpfs when this process may mount one (root on Linux). Otherwise SQLite's
 * max_page_count on the writer connection stands in for it (the scan path then fails the same way,
 * but the worker's own prune does not), which the docs state.
 */
function mountSmallDisk(): { dir: string; fill(local: { db: import('better-sqlite3').Database }): { release(): void }; unmount(): void } {
  const dir = tempDir('central-fulldisk-');
  let mounted = false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir], { stdio: 'ignore' });
    mounted = true;
  } catch {
    console.warn('full-disk test: cannot mount a tmpfs here, simulating with PRAGMA max_page_count');
  }
  return {
    dir,
    fill: (local) => {
      if (!mounted) {
        const pages = local.db.pragma('page_count', { simple: true }) as number;
        local.db.pragma(`max_page_count = ${pages}`);
        return { release: () => local.db.pragma('max_page_count = 1073741823') };
      }
      const filler = path.join(dir, 'filler');
      const fd = fs.openSync(filler, 'w');
      const chunk = Buffer.alloc(4096);
      try {
        for (;;) fs.writeSync(fd, chunk);
      } catch {
        /* ENOSPC: the disk is full */
      } finally {
        fs.closeSync(fd);
      }
      return { release: () => fs.rmSync(filler) };
    },
    unmount: () => {
      if (mounted) execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
