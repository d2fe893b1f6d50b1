import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CodeClass, ScanResult } from '../../../../src/api';
import { loadConfig } from '../../../../src/config/load';
import { Station } from '../../../../src/core/station';
import type { RawScan } from '../../../../src/ports';
import type { DecodedScan } from '../../../../src/scan/decode';
import { databaseFile, openStore, type Store } from '../../../../src/store';
import type { BagLookup } from '../../../../src/workflows/bag/view';
import { stationRegistry } from '../../../../src/workflows';
import { memoryLogger } from '../../../helpers/memory-logger';
import { createUser, signIn, type TestUser } from '../../../helpers/sign-in';
import { requestsOf } from '../../../helpers/station-requests';

/** A decoded scan as src/scan hands it over, for a code whose class the test states. */
export function decoded(text: string, codeClass: CodeClass, extra: Partial<DecodedScan> = {}): DecodedScan {
  const bytes = new TextEncoder().encode(text);
  const command = codeClass === 'command' ? text.replace(/^CMD:/, '') : null;
  return {
    raw: bytes, deviceId: 'serial-1', firstByteAt: 0, receivedAt: 0, aim: null, symbology: null, text, gs1: null,
    codeClass, command, key: text, valid: true, error: null, ...extra,
  };
}

function classOf(code: string): CodeClass {
  if (code.startsWith('P-')) return 'parent';
  if (code.startsWith('C-')) return 'child';
  if (code.startsWith('B-')) return 'badge';
  if (code.startsWith('CMD:')) return 'command';
  return 'unknown';
}

/** The answer the station gives (a scan result: outcome and message, like a decision). */
export type Answer = ScanResult;

function now(answer: unknown): Answer {
  if (answer instanceof Promise) throw new Error('expected the station to answer this at once');
  return answer as Answer;
}

/**
 * Runs the bag workflow through the real Station (router, permission gate, the bag module's handlers)
 * against a real store in a temp folder, signed in as a supervisor (who may undo), so every decision is
 * recorded and projected exactly as the station does it. Codes are classified by their prefix (the
 * decoder's rules are src/scan's tests); `extra` overrides the decoded scan (a garbled read).
 */
export class BagHarness {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bags-'));
  readonly store: Store;
  readonly station: Station;
  readonly log = memoryLogger();
  /** The last seq of the sign-in: the workflow's own events come after it. */
  base = 0;
  user!: TestUser;
  private nextExtra: Partial<DecodedScan> = {};

  private constructor(capacity: number) {
    const config = loadConfig({ env: {}, overrides: { dataDir: this.dir } });
    config.bags.capacity = capacity;
    config.session.demoUsers = false;
    const registry = stationRegistry();
    this.store = openStore({ file: databaseFile(this.dir), stationId: 'test', registry, checkpointIntervalMs: 60_000 });
    this.station = new Station({
      config, store: this.store, registry, logger: this.log.logger,
      decode: (raw: RawScan) => {
        const text = new TextDecoder().decode(raw.bytes);
        const extra = this.nextExtra;
        this.nextExtra = {};
        return decoded(text, classOf(text), { deviceId: raw.deviceId, ...extra });
      },
    });
  }

  /** A station with a supervisor signed in. */
  static async start(capacity = 3): Promise<BagHarness> {
    const h = new BagHarness(capacity);
    h.user = await createUser(h.store, { role: 'supervisor' });
    await signIn(h.station, h.user);
    h.base = h.store.log.lastSeq();
    return h;
  }

  scan(code: string, extra: Partial<DecodedScan> = {}): Answer {
    this.nextExtra = extra;
    const bytes = new TextEncoder().encode(code);
    return now(this.station.submit({ deviceId: 'serial-1', bytes, firstByteAt: 0, receivedAt: 0 }));
  }

  close(): Answer {
    return now(this.station.endpoint.handlers['bag.close']!({}));
  }

  undo(): Answer {
    return now(this.station.endpoint.handlers['bag.undo']!({}));
  }

  get requests() {
    return requestsOf(this.station.endpoint);
  }

  get bags(): BagLookup {
    return this.store.views.bag as BagLookup;
  }

  get open() {
    return this.bags.openParent();
  }

  /** Event types recorded since the sign-in. */
  eventTypes(): string[] {
    return (this.store.db.prepare('SELECT type FROM events WHERE seq > ? ORDER BY seq').pluck().all(this.base) as string[]);
  }

  async dispose(): Promise<void> {
    await this.station.stop();
    this.store.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
