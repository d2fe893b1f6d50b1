import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../../src/config/load';
import { Station } from '../../../src/core/station';
import { createDecoder } from '../../../src/scan/decode';
import { databaseFile, openStore, storeMigrations, TABLE_ERA_VERSION, type Store } from '../../../src/store';
import { readLocalChain } from '../../../src/store/audit-reader';
import { GENESIS_HASH, verifyChain } from '../../../src/store/hash-chain';
import type { BagLookup } from '../../../src/workflows/bag/view';
import { stationRegistry } from '../../../src/workflows';
import { memoryLogger } from '../../helpers/memory-logger';
import { signInAs } from '../../helpers/sign-in';
import { requestsOf } from '../../helpers/station-requests';
import { useTempDir } from './temp-dir';

/**
 * test/fixtures/store/station-0.1.0.db was written by release 0.1.0 (user_version 103, no
 * schema_migrations, no hash chain): station pack-07, 4 events, P-1001 open with C-2001 and C-2002,
 * one pending error. Opened by this release it must keep all of it and come out chained.
 */
const FIXTURE = path.resolve(__dirname, '../../fixtures/store/station-0.1.0.db');
const STATION = 'pack-07';
const LEGACY_IDS = ['core:001', 'bag:001', 'core:002', 'core:003', 'core:004'];

const dir = useTempDir('release-0.1.0-');
let store: Store | undefined;
afterEach(() => { store?.close(); store = undefined; });

function openCopy(): Store {
  const file = databaseFile(dir());
  fs.copyFileSync(FIXTURE, file);
  store = openStore({ file, stationId: STATION, registry: stationRegistry(), checkpointIntervalMs: 60_000 });
  return store;
}

test('the fixture is what release 0.1.0 left behind', () => {
  const text = fs.readFileSync(FIXTURE);
  expect(text.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
  // user_version is the big-endian int at byte 60 of the header.
  expect(text.readUInt32BE(60)).toBe(103);
});

test('opening it keeps the events, the open bag, the pending error and the recent scans', () => {
  const s = openCopy();
  const events = s.db.prepare('SELECT seq, type, payload, station_id AS stationId FROM events ORDER BY seq').all();
  expect(events).toEqual([
    { seq: 1, type: 'bag.parent_opened', payload: '{"parent":"P-1001","capacity":3}', stationId: STATION },
    { seq: 2, type: 'bag.child_linked', payload: '{"parent":"P-1001","child":"C-2001"}', stationId: STATION },
    { seq: 3, type: 'bag.child_linked', payload: '{"parent":"P-1001","child":"C-2002"}', stationId: STATION },
    { seq: 4, type: 'scan.rejected', payload: '{"code":"C-2001","codeClass":"child","reason":"C-2001 is already in this bag (P-1001)"}', stationId: STATION },
  ]);
  expect(s.db.prepare('SELECT code, capacity, status FROM bag_parents').all()).toEqual([{ code: 'P-1001', capacity: 3, status: 'open' }]);
  expect((s.views.bag as BagLookup).openParent()).toEqual({ code: 'P-1001', capacity: 3, status: 'open', closeReason: null, children: ['C-2001', 'C-2002'] });
  expect(s.screen.pendingErrors()).toEqual([{ id: 'e1', message: 'C-2001 is already in this bag (P-1001)', code: 'C-2001', at: '2026-11-30T08:00:00.000Z' }]);
  expect(s.screen.recentResults().map((r) => r.seq)).toEqual([4, 3, 2, 1]); // newest first
  expect(s.db.prepare('SELECT seq FROM outbox ORDER BY seq').pluck().all()).toEqual([1, 2, 3, 4]);
});

test('schema_migrations is seeded from user_version 103 and the newer steps are applied', () => {
  const s = openCopy();
  const rows = s.db.prepare('SELECT id, applied_at FROM schema_migrations ORDER BY rowid').all() as Array<{ id: string; applied_at: string }>;
  expect(rows.slice(0, LEGACY_IDS.length)).toEqual(LEGACY_IDS.map((id) => ({ id, applied_at: 'user_version 103' })));
  const all = [...storeMigrations, ...stationRegistry().migrations].map((m) => m.id);
  expect(rows.map((r) => r.id).sort()).toEqual([...all].sort());
  for (const r of rows.slice(LEGACY_IDS.length)) expect(r.applied_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  expect(s.db.pragma('user_version', { simple: true })).toBe(TABLE_ERA_VERSION);
});

test('the old events are chained and verify; a new event links onto the old head', () => {
  const s = openCopy();
  const links = s.db.prepare('SELECT seq, prev_hash AS prevHash, hash, user_id AS userId, role, session_id AS sessionId, approved_by AS approvedBy FROM events ORDER BY seq').all() as
    Array<{ seq: number; prevHash: string; hash: string; userId: null; role: null; sessionId: null; approvedBy: null }>;
  expect(links[0]!.prevHash).toBe(GENESIS_HASH);
  for (const [i, link] of links.entries()) {
    expect(link).toMatchObject({ hash: expect.stringMatching(/^[0-9a-f]{64}$/), userId: null, role: null, sessionId: null, approvedBy: null });
    if (i > 0) expect(link.prevHash).toBe(links[i - 1]!.hash);
  }
  const before = verifyChain(STATION, readLocalChain(s.db));
  expect(before).toEqual({ checked: 4, head: links[3]!.hash, lastSeq: 4, broken: null });

  const [added] = s.log.append([{ type: 'scan.rejected', payload: { code: 'X', codeClass: 'unknown', reason: 'after the upgrade' } }],
    { correlationId: 'c2', deviceId: 'serial-1', userId: null, role: null, sessionId: null, approvedBy: null });
  expect(added).toMatchObject({ seq: 5, prevHash: links[3]!.hash });
  const after = verifyChain(STATION, readLocalChain(s.db));
  expect(after).toEqual({ checked: 5, head: added!.hash, lastSeq: 5, broken: null });
});

test('a station started on it carries on with the open bag', async () => {
  const s = openCopy();
  const config = loadConfig({ env: { STATION_ID: STATION }, overrides: { dataDir: dir() } });
  config.session.demoUsers = false;
  const registry = stationRegistry();
  const station = new Station({ config, store: s, registry, logger: memoryLogger().logger, decode: createDecoder(config.scanRules) });
  try {
    expect(station.state().slices.bag.openParent).toEqual({ code: 'P-1001', capacity: 3, children: ['C-2001', 'C-2002'] });
    expect(station.state().pendingErrors.map((e) => e.id)).toEqual(['e1']);
    await signInAs(s, station, 'packer');
    expect(await requestsOf(station.endpoint)['scan.submit']({ code: 'C-2003', source: 'wedge' }))
      .toMatchObject({ outcome: 'good', message: 'Child 3 of 3 linked to P-1001: bag full and closed' });
    expect(verifyChain(STATION, readLocalChain(s.db)).broken).toBeNull();
  } finally {
    await station.stop();
  }
});
