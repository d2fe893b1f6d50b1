import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ScaleTransport } from '../../../native/scale';
import type { ReplicationSummary, ScanResult } from '../../../src/api';
import type { Role } from '../../../src/api/roles';
import { loadConfig } from '../../../src/config/load';
import type { StationConfig } from '../../../src/config/schema';
import { Station } from '../../../src/core/station';
import { createDecoder } from '../../../src/scan/decode';
import { databaseFile, openStore, type Store } from '../../../src/store';
import { stationRegistry } from '../../../src/workflows';
import { memoryLogger } from '../../helpers/memory-logger';
import { ScaleSimulator, type SimState } from '../../helpers/scale-simulator';
import { createUser, signIn, type TestUser } from '../../helpers/sign-in';
import { requestsOf, scanCodes } from '../../helpers/station-requests';
import { TYPES } from '../weigh/station-harness';
import { waitFor } from '../central/helpers/wait';

export const SHIFTS = { shifts: [{ id: 'early', start: '06:00', end: '14:00' }, { id: 'night', start: '22:00', end: '06:00' }], timeZone: 'UTC' };

export interface EodHarnessOptions {
  scale?: SimState[];
  config?: Record<string, unknown>;
  /** The station's clock starts here and moves only when the test sets it. */
  at: string;
  replication?: () => ReplicationSummary;
  /** Extra users, created before the station starts (e.g. a packer with a formula for a name). */
  users?: Array<Partial<TestUser> & { role: Role }>;
}

/**
 * A real Station (the station's own module list, a real store in a temp folder, optionally a scale on
 * a real pty) whose clock the test sets: the events' device time (the store's clock) is what the test says it is.
 */
export class EodHarness {
  now: Date;
  readonly users: Partial<Record<Role, TestUser>> = {};
  sim: ScaleSimulator | undefined;
  store!: Store;
  station!: Station;
  config!: StationConfig;
  private constructor(readonly dir: string, at: string) { this.now = new Date(at); }

  static async start(o: EodHarnessOptions): Promise<EodHarness> {
    const h = new EodHarness(fs.mkdtempSync(path.join(os.tmpdir(), 'eod-')), o.at);
    h.sim = o.scale ? new ScaleSimulator({ protocol: 'mt-sics', dir: h.dir, name: 'scale', baudRate: 115200, script: o.scale }) : undefined;
    await h.sim?.plugIn();
    const file = path.join(h.dir, 'station.json');
    fs.writeFileSync(file, JSON.stringify({
      dataDir: path.join(h.dir, 'data'),
      // the test's clock moves by hours: no idle lock or shift limit gets in the way
      session: { demoUsers: false, idleLockMs: 24 * 3_600_000, shiftLimitMs: 7 * 24 * 3_600_000 },
      container: TYPES,
      eod: SHIFTS,
      ...(h.sim ? {
        scales: [{ id: 'scale-1', path: h.sim.stationEnd, protocol: 'mt-sics', baudRate: 115200, replyTimeoutMs: 300, idlePollMs: 0, stableReadings: 2, tolerance: { grams: 20 } }],
        weigh: { timeoutMs: 1500 },
      } : {}),
      ...o.config,
    }));
    h.config = loadConfig({ env: {}, file });
    const registry = stationRegistry();
    fs.mkdirSync(h.config.dataDir, { recursive: true });
    h.store = openStore({ file: databaseFile(h.config.dataDir), stationId: h.config.stationId, registry, checkpointIntervalMs: 60_000, clock: () => h.now });
    for (const role of ['packer', 'supervisor', 'biller', 'dispatcher'] as const) h.users[role] = await createUser(h.store, { role });
    for (const u of o.users ?? []) await createUser(h.store, u);
    const log = memoryLogger();
    h.station = new Station({
      config: h.config, store: h.store, registry, logger: log.logger, decode: createDecoder(h.config.scanRules), clock: () => h.now,
      ...(o.replication ? { replication: o.replication } : {}),
    });
    if (h.sim) await h.station.attachScale(new ScaleTransport(h.config.scales![0]!, { logger: log.logger }));
    return h;
  }

  /** Sets the station clock (ISO time). */
  at(iso: string): void {
    this.now = new Date(iso);
  }

  get requests() {
    return requestsOf(this.station.endpoint);
  }

  scan(...codes: string[]): Promise<ScanResult> {
    return scanCodes(this.station, ...codes);
  }

  async as(role: Role | TestUser): Promise<void> {
    if (this.station.state().slices.session?.user) await this.requests['session.logout']({});
    await signIn(this.station, typeof role === 'string' ? this.users[role]! : role);
  }

  count(type: string): number {
    return this.store.db.prepare('SELECT count(*) FROM events WHERE type = ?').pluck().get(type) as number;
  }

  lastSeq(): number {
    return this.store.db.prepare('SELECT max(seq) FROM events').pluck().get() as number;
  }

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
