import { Replicator } from '../../../src/central/replicator';
import { summarizeReplication } from '../../../src/station-replication';
import { describeWithCentral } from './helpers/central-db';
import { testConfig } from './helpers/config';
import { createStationDb } from './helpers/station-db';
import { waitFor } from './helpers/wait';

jest.setTimeout(120_000);

/** The worker reads central's sync health for its station with the heartbeat (issue 10). */
describeWithCentral('replication worker: central sync health', (pg) => {
  it('reports quarantined and unprojected events, so the kiosk never says synced', async () => {
    const url = await pg.central.provision('hw1');
    const local = createStationDb('hw1');
    local.appendScans(20);
    local.appendRaw('scan.rejected', '{"code": "\\u0000"}'); // jsonb refuses the NUL: an ingest dead letter
    // no cooperative projector step: what was stored stays unprojected
    const r = new Replicator({ dbPath: local.file, stationId: 'hw1', config: testConfig(url, { referencePollMs: 100, projector: { cooperative: false } }) });
    void r.start();
    try {
      await waitFor('the health to be read', () => (r.status().centralHealth?.ingestDeadLetters ?? 0) === 1 && r.status().queueDepth === 0);
      const s = r.status();
      expect(s.centralHealth).toMatchObject({ ingestDeadLetters: 1, projectionDeadLetters: 0, unprojected: local.events().length - 1 });
      const summary = summarizeReplication(s);
      expect(summary).toMatchObject({ queueDepth: 0, quarantined: 1, unprojected: { count: local.events().length - 1 } });
      expect(summary.unprojected?.oldestAgeMs).toEqual(expect.any(Number));
    } finally {
      await r.stop();
      local.close();
    }
  });
});

/** A supervisor's retry and skip from the kiosk: through the worker to the station-scoped functions. */
describeWithCentral('replication worker: retry and skip of a quarantined event', (pg) => {
  it('lists this station\'s dead letters only, resolves its own with the kiosk user audited, refuses another station\'s', async () => {
    const urls = { a: await pg.central.provision('hw-a'), b: await pg.central.provision('hw-b') };
    const [a, b] = [createStationDb('hw-a'), createStationDb('hw-b')];
    for (const s of [a, b]) {
      s.appendScans(3);
      s.appendRaw('scan.rejected', '{"code": "\\u0000"}');
    }
    const start = (id: string, url: string, dbPath: string) => {
      const r = new Replicator({ dbPath, stationId: id, config: testConfig(url, { referencePollMs: 100 }) });
      void r.start();
      return r;
    };
    const [ra, rb] = [start('hw-a', urls.a, a.file), start('hw-b', urls.b, b.file)];
    try {
      const quarantine = (r: Replicator) => r.status().centralHealth?.quarantine ?? [];
      await waitFor('both quarantines to be read', () => quarantine(ra).length === 1 && quarantine(rb).length === 1);
      const [mine] = quarantine(ra);
      const [theirs] = quarantine(rb);
      expect(mine).toMatchObject({ kind: 'ingest', seq: a.events().length, type: 'scan.rejected' });
      expect(mine!.id).not.toBe(theirs!.id);
      expect(summarizeReplication(ra.status()).quarantine).toEqual([mine]);

      await expect(ra.resolveDeadLetter({ action: 'skip', kind: 'ingest', id: theirs!.id, reason: 'not mine', who: 'Sam (u1)' }))
        .rejects.toMatchObject({ code: 'SG021' });
      await expect(ra.resolveDeadLetter({ action: 'skip', kind: 'ingest', id: mine!.id, reason: ' ', who: 'Sam (u1)' }))
        .rejects.toMatchObject({ code: 'SG020' });
      // the NUL is still not storable: the retry fails again, and says why
      const retried = await ra.resolveDeadLetter({ action: 'retry', kind: 'ingest', id: mine!.id, reason: 'try again', who: 'Sam (u1)' });
      expect(retried).toEqual({ status: 'open', error: 'unsupported Unicode escape sequence' });
      expect(await ra.resolveDeadLetter({ action: 'skip', kind: 'ingest', id: mine!.id, reason: 'garbled scan, nothing to keep', who: 'Sam (u1)' }))
        .toEqual({ status: 'skipped', error: null });
      expect(quarantine(ra)).toEqual([]);
      expect(quarantine(rb)).toHaveLength(1);
      const { rows } = await pg.central.admin.query(`SELECT who, action, outcome, reason FROM central.dead_letter_actions
        WHERE station_id = 'hw-a' ORDER BY id`);
      expect(rows).toEqual([
        { who: 'Sam (u1) at station hw-a', action: 'retry', outcome: 'failed', reason: 'try again' },
        { who: 'Sam (u1) at station hw-a', action: 'skip', outcome: 'skipped', reason: 'garbled scan, nothing to keep' },
      ]);
    } finally {
      await Promise.all([ra.stop(), rb.stop()]);
      a.close();
      b.close();
    }
  });
});
