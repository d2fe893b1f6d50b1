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
