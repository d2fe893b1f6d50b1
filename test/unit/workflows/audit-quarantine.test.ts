import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config/load';
import type { CentralPort, DeadLetterDecision, DeadLetterOutcome } from '../../../src/core/central-port';
import { Station } from '../../../src/core/station';
import { createDecoder } from '../../../src/scan/decode';
import { databaseFile, openStore, type Store } from '../../../src/store';
import { stationRegistry } from '../../../src/workflows';
import { ResolveQuarantined } from '../../../src/workflows/audit/contract';
import { decideQuarantineRefused, decideQuarantineResolved } from '../../../src/workflows/audit/decide';
import { memoryLogger } from '../../helpers/memory-logger';
import { createUser, signIn } from '../../helpers/sign-in';
import { requestsOf } from '../../helpers/station-requests';

/**
 * A supervisor's retry or skip of an event central quarantined (issue 10). Central's side runs against
 * real Postgres (test/integration/central/health-worker.test.ts); here the station's side: the
 * permission, the reason, and what is recorded for each answer central can give. The port below
 * answers as central's function does, from a script.
 */
const request = { action: 'retry', kind: 'ingest', id: 7, reason: 'fixed the payload' } as const;

describe('decide', () => {
  test('central\'s answer is recorded as audit.quarantine_resolved; a failed retry is a refusal on screen with the error', () => {
    expect(decideQuarantineResolved(request, { status: 'retried', error: null })).toEqual({
      outcome: 'good', message: 'Central applied ingest dead letter 7 again',
      events: [{ type: 'audit.quarantine_resolved', payload: { ...request, outcome: 'retried', error: null } }],
    });
    expect(decideQuarantineResolved({ ...request, action: 'skip' }, { status: 'skipped', error: null }).message).toBe('Central skipped ingest dead letter 7');
    const failed = decideQuarantineResolved(request, { status: 'open', error: 'invalid input syntax for type json' });
    expect(failed).toMatchObject({ outcome: 'bad', message: 'Central could not apply ingest dead letter 7 again: invalid input syntax for type json' });
    expect(failed.events.map((e) => e.type)).toEqual(['scan.rejected', 'audit.quarantine_resolved']);
    expect(decideQuarantineRefused(request, 'central is unreachable')).toMatchObject({
      outcome: 'bad', message: 'Cannot retry ingest dead letter 7: central is unreachable', events: [{ type: 'scan.rejected' }],
    });
  });

  test('the request needs a reason, a known action and kind, and a positive id', () => {
    expect(ResolveQuarantined.safeParse({ ...request, reason: '   ' }).error?.issues[0]?.message).toBe('a reason is required');
    expect(ResolveQuarantined.safeParse({ ...request, action: 'delete' }).success).toBe(false);
    expect(ResolveQuarantined.safeParse({ ...request, kind: 'other' }).success).toBe(false);
    expect(ResolveQuarantined.safeParse({ ...request, id: 0 }).success).toBe(false);
    expect(ResolveQuarantined.safeParse({ ...request, extra: 1 }).success).toBe(false);
  });
});

describe('through the station', () => {
  let dir = '';
  let store: Store;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-quarantine-'));
    store = openStore({ file: databaseFile(dir), stationId: 'pack-07', registry: stationRegistry(), checkpointIntervalMs: 60_000 });
  });
  afterEach(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function stationWith(central?: CentralPort) {
    const config = loadConfig({ env: {}, overrides: { dataDir: dir } });
    config.session.demoUsers = false;
    return new Station({ config, store, registry: stationRegistry(), logger: memoryLogger().logger, decode: createDecoder(config.scanRules), central });
  }
  const resolved = () => store.db.prepare(`SELECT payload, user_id FROM events WHERE type = 'audit.quarantine_resolved' ORDER BY seq`).all() as Array<{ payload: string; user_id: string }>;

  test('a supervisor retries: central gets the kiosk user, the answer is recorded; a packer is refused before central hears of it', async () => {
    const asked: DeadLetterDecision[] = [];
    const answers: Array<DeadLetterOutcome | Error> = [{ status: 'open', error: 'still not JSON' }, { status: 'skipped', error: null },
      Object.assign(new Error('ingest dead letter 7 is already skipped'), { code: 'SG022' })];
    const station = stationWith({
      resolveDeadLetter: async (d) => {
        asked.push(d);
        const next = answers.shift()!;
        if (next instanceof Error) throw next;
        return next;
      },
    });
    try {
      const supervisor = await createUser(store, { role: 'supervisor' });
      const packer = await createUser(store, { role: 'packer' });
      const h = requestsOf(station.endpoint);

      await signIn(station, packer);
      expect((await h['audit.resolve_quarantined'](request)).message).toMatch(/may not retry or skip an event central quarantined/);
      expect(asked).toEqual([]);

      await signIn(station, supervisor);
      expect(await h['audit.resolve_quarantined'](request)).toMatchObject({ outcome: 'bad', message: 'Central could not apply ingest dead letter 7 again: still not JSON' });
      expect(await h['audit.resolve_quarantined']({ ...request, action: 'skip', reason: 'garbled scan' })).toMatchObject({ outcome: 'good' });
      expect(await h['audit.resolve_quarantined']({ ...request, action: 'skip', reason: 'again' }))
        .toMatchObject({ outcome: 'bad', message: 'Cannot skip ingest dead letter 7: ingest dead letter 7 is already skipped' });
      expect(asked.map((d) => [d.action, d.who])).toEqual([['retry', `${supervisor.name} (${supervisor.userId})`], ['skip', `${supervisor.name} (${supervisor.userId})`],
        ['skip', `${supervisor.name} (${supervisor.userId})`]]);
      expect(resolved().map((r) => [JSON.parse(r.payload).outcome, r.user_id])).toEqual([['open', supervisor.userId], ['skipped', supervisor.userId]]);
    } finally {
      station.stop();
    }
  });

  test('a station without central says so', async () => {
    const station = stationWith();
    try {
      await signIn(station, await createUser(store, { role: 'supervisor' }));
      expect(await requestsOf(station.endpoint)['audit.resolve_quarantined'](request))
        .toMatchObject({ outcome: 'bad', message: 'Cannot retry ingest dead letter 7: this station replicates to no central database' });
    } finally {
      station.stop();
    }
  });
});
