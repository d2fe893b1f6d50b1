import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CodeClass } from '../../../src/api';
import { decideClose, decideScan, decideUndo, type BagLookup, type Decision } from '../../../src/domain/bags';
import type { DecodedScan } from '../../../src/scan/decode';
import { databaseFile, openStore, type Store } from '../../../src/store';

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

/**
 * Runs bag decisions against a real store in a temp folder, so every decision is also recorded and
 * projected exactly as the station does it.
 */
export class BagHarness {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bags-'));
  readonly store: Store = openStore({ file: databaseFile(this.dir), stationId: 'test', checkpointIntervalMs: 60_000 });

  constructor(private readonly capacity = 3) {}

  scan(code: string, extra: Partial<DecodedScan> = {}): Decision {
    return this.decide((bags) => decideScan(bags, decoded(code, classOf(code), extra), { capacity: this.capacity }));
  }

  close(): Decision {
    return this.decide((bags) => decideClose(bags, 'bag.close'));
  }

  undo(): Decision {
    return this.decide((bags) => decideUndo(bags, 'scan.undo'));
  }

  decide(fn: (bags: BagLookup) => Decision): Decision {
    return this.store.record(fn, { correlationId: 'c', deviceId: 'serial-1', userId: null }).decision;
  }

  get open() {
    return this.store.bags.openParent();
  }

  eventTypes(): string[] {
    return (this.store.db.prepare('SELECT type FROM events ORDER BY seq').pluck().all() as string[]);
  }

  dispose(): void {
    this.store.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
