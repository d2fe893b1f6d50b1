import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Replicator } from '../../../src/central/replicator';
import { loadConfig } from '../../../src/config/load';
import { Station } from '../../../src/core/station';
import { createLogger } from '../../../src/log/logger';
import type { ScanTransport, TransportSink } from '../../../src/ports';
import { createDecoder } from '../../../src/scan/decode';
import { databaseFile, openStore } from '../../../src/store';
import { stationRegistry } from '../../../src/workflows';
import { postgresUnavailable, startPostgres, type PgCluster } from '../../helpers/postgres';
import { centralCounts, createCentralDb, type CentralDb } from './helpers/central-db';
import { testConfig } from './helpers/config';
import { waitFor } from './helpers/wait';

jest.setTimeout(180_000);
const skip = postgresUnavailable();
const describePg = skip ? describe.skip : describe;
if (skip) console.log(`skipped: ${skip}`);

/** A scanner whose frames the test hands in, as the serial and HID transports do: decoded ones and refused ones. */
class HandFedScanner implements ScanTransport {
  readonly deviceId = 'serial-1';
  readonly kind = 'serial' as const;
  sink!: TransportSink;
  async start(sink: TransportSink) { this.sink = sink; }
  async stop() {}
}

describePg('every event a station can record, central can store', () => {
  let cluster: PgCluster;
  let central: CentralDb;
  beforeAll(async () => { cluster = await startPostgres(); central = await createCentralDb(cluster); }, 60_000);
  afterAll(async () => { await central?.close(); await cluster?.teardown(); });

  it('refused scans of random bytes (all 256 values among them) replicate with no dead letter and no gap', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'any-bytes-'));
    const config = loadConfig({ env: { STATION_ID: 'bytes-1' }, overrides: { dataDir: dir } });
    config.session.demoUsers = false;
    config.scanRules.duplicateWindowMs = 0;
    const registry = stationRegistry();
    const store = openStore({ file: databaseFile(dir), stationId: config.stationId, registry, checkpointIntervalMs: 60_000 });
    let replicator: Replicator | undefined;
    try {
      const station = new Station({ config, store, registry, logger: createLogger({ level: 'error' }), decode: createDecoder(config.scanRules) });
      const scanner = new HandFedScanner();
      await station.attach(scanner);
      const every = Uint8Array.from({ length: 256 }, (_, i) => i);
      const frames = [every, Uint8Array.of(0), Uint8Array.of(0x50, 0x2d, 0, 0x31), ...fc.sample(fc.uint8Array({ minLength: 1, maxLength: 80 }), { numRuns: 300, seed: 9 })];
      frames.forEach((bytes, i) => {
        const frame = { deviceId: scanner.deviceId, bytes, firstByteAt: i, receivedAt: i };
        // Half arrive as scans (decoded, refused by the rules), half as frames the transport itself refused.
        if (i % 2 === 0) scanner.sink.scan(frame);
        else scanner.sink.rejected!({ ...frame, reason: 'a frame the test refused' });
      });
      await station.stop();
      const rejected = store.db.prepare("SELECT payload FROM events WHERE type = 'scan.rejected'").pluck().all() as string[];
      expect(rejected).toHaveLength(frames.length);
      for (const text of rejected) expect(text).not.toContain('\\u0000');
      // The raw bytes of every unreadable scan are kept beside its printable code, exactly.
      const withBytes = rejected.map((t) => JSON.parse(t) as { bytes?: string }).filter((p) => p.bytes !== undefined);
      expect(withBytes.map((p) => p.bytes)).toContain(Buffer.from(every).toString('hex'));

      const total = store.log.lastSeq();
      replicator = new Replicator({ dbPath: databaseFile(dir), stationId: 'bytes-1', config: testConfig(await central.provision('bytes-1')) });
      void replicator.start();
      await waitFor('central to hold the whole log', () => replicator!.status().centralMark === total, 30_000);
      expect(await centralCounts(central.admin, 'bytes-1')).toEqual({ count: total, distinct: total, min: 1, max: total, mark: total, dead: 0 });
    } finally {
      await replicator?.stop();
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
