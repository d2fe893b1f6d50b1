import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ScaleTransport } from '../../../native/scale';
import type { ScanResult } from '../../../src/api';
import type { Role } from '../../../src/api/roles';
import { loadConfig } from '../../../src/config/load';
import { Station } from '../../../src/core/station';
import { createDecoder } from '../../../src/scan/decode';
import { databaseFile, openStore, type Store } from '../../../src/store';
import { stationRegistry } from '../../../src/workflows';
import { memoryLogger } from '../../helpers/memory-logger';
import { ScaleSimulator, type SimState } from '../../helpers/scale-simulator';
import { createUser, signIn, type TestUser } from '../../helpers/sign-in';
import { requestsOf, scanCodes } from '../../helpers/station-requests';
import { waitFor } from '../central/helpers/wait';

/** Bags (500 g each as a child) into sacks of 3 (300 g empty, at most 25 kg). */
export const TYPES = {
  types: [
    { id: 'bag', name: 'Bag', code: { pattern: '^C-[0-9]+$' }, itemWeightG: 500, holds: [] },
    { id: 'sack', name: 'Sack', code: { pattern: '^S-[0-9]+$' }, capacity: 3, emptyWeightG: 300, maxWeightG: 25_000, holds: ['bag'] },
  ],
};

export interface HarnessOptions {
  /** A scale on a real pty speaking MT-SICS, with this script; none: no scale configured. */
  scale?: SimState[];
  /** Extra station config (e.g. `labels`). */
  config?: Record<string, unknown>;
}

/**
 * The station's own module list (src/workflows/index.ts) in a real Station with a real store in a temp
 * folder, signed in as a packer; optionally a scale on a real pty (the simulator) attached as the running
 * station attaches it.
 */
export class StationHarness {
  readonly log = memoryLogger();
  readonly users: Partial<Record<Role, TestUser>> = {};
  sim: ScaleSimulator | undefined;
  private constructor(readonly dir: string, public store: Store, public station: Station, private readonly make: () => { store: Store; station: Station }) {}

  static async start(options: HarnessOptions = {}): Promise<StationHarness> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'after-close-'));
    const sim = options.scale ? new ScaleSimulator({ protocol: 'mt-sics', dir, name: 'scale', baudRate: 115200, script: options.scale }) : undefined;
    await sim?.plugIn();
    const file = path.join(dir, 'station.json');
    fs.writeFileSync(file, JSON.stringify({
      dataDir: path.join(dir, 'data'),
      session: { demoUsers: false },
      container: TYPES,
      ...(sim ? {
        scales: [{ id: 'scale-1', path: sim.stationEnd, protocol: 'mt-sics', baudRate: 115200, replyTimeoutMs: 300, idlePollMs: 0, stableReadings: 2, tolerance: { grams: 20 } }],
        weigh: { timeoutMs: 1500 },
      } : {}),
      ...options.config,
    }));
    const config = loadConfig({ env: {}, file });
    const registry = stationRegistry();
    fs.mkdirSync(config.dataDir, { recursive: true });
    const store = openStore({ file: databaseFile(config.dataDir), stationId: config.stationId, registry, checkpointIntervalMs: 60_000 });
    const log = memoryLogger();
    const users: Partial<Record<Role, TestUser>> = {};
    for (const role of ['packer', 'supervisor', 'biller', 'dispatcher'] as const) users[role] = await createUser(store, { role });
    const make = () => {
      const again = openStore({ file: databaseFile(config.dataDir), stationId: config.stationId, registry, checkpointIntervalMs: 60_000 });
      return { store: again, station: new Station({ config, store: again, registry, logger: log.logger, decode: createDecoder(config.scanRules) }) };
    };
    const station = new Station({ config, store, registry, logger: log.logger, decode: createDecoder(config.scanRules) });
    const h = new StationHarness(dir, store, station, make);
    Object.assign(h.users, users);
    h.sim = sim;
    if (sim) await station.attachScale(new ScaleTransport(config.scales![0]!, { logger: log.logger }));
    await signIn(station, users.packer!);
    return h;
  }

  /** Stops the station and closes its store, then starts it again on the same database (no scale); the packer's session stands. */
  async restart(): Promise<void> {
    await this.station.stop();
    this.store.close();
    ({ store: this.store, station: this.station } = this.make());
  }

  get requests() {
    return requestsOf(this.station.endpoint);
  }

  scan(...codes: string[]): Promise<ScanResult> {
    return scanCodes(this.station, ...codes);
  }

  /** A sack filled with three bags: the third closes it. */
  async fillSack(n: number): Promise<ScanResult> {
    return this.scan(`S-${n}`, `C-${n}1`, `C-${n}2`, `C-${n}3`);
  }

  events(prefix: string): Array<{ seq: number; type: string; payload: Record<string, unknown>; userId: string | null; approvedBy: string | null }> {
    return (this.store.db.prepare('SELECT seq, type, payload, user_id AS userId, approved_by AS approvedBy FROM events WHERE type LIKE ? ORDER BY seq').all(`${prefix}%`) as Array<{ seq: number; type: string; payload: string; userId: string | null; approvedBy: string | null }>)
      .map((e) => ({ ...e, payload: JSON.parse(e.payload) as Record<string, unknown> }));
  }

  /** Waits (polling, no timing asserted) until `ok` holds; fails naming what it waited for. */
  until(what: string, ok: () => boolean, ms = 15_000): Promise<void> {
    return waitFor(what, ok, ms, 20);
  }

  async close(): Promise<void> {
    await this.station.stop();
    this.store.close();
    await this.sim?.unplug();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
