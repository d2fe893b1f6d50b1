import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config/load';
import type { AppendContext, DomainEvent } from '../../../src/core/events';
import { Station } from '../../../src/core/station';
import { createDecoder } from '../../../src/scan/decode';
import { databaseFile, openStore, type Store } from '../../../src/store';
import { countUnseenRejections, markRejectionSeen, saveRejections, type ReceivedRejection } from '../../../src/store/reference-cache';
import { stationRegistry } from '../../../src/workflows';
import { RejectionsQuery } from '../../../src/workflows/audit/contract';
import { decideRejectionSeen } from '../../../src/workflows/audit/decide';
import type { AuditView } from '../../../src/workflows/audit/view';
import { memoryLogger } from '../../helpers/memory-logger';
import { createUser, signIn } from '../../helpers/sign-in';
import { requestsOf } from '../../helpers/station-requests';

let dir = '';
let store: Store;
let now = Date.parse('2026-03-01T08:00:00.000Z');
const clock = () => new Date(now);
const audit = () => store.views.audit as AuditView;

const ctx = (userId: string | null, role: AppendContext['role'] = null): AppendContext =>
  ({ correlationId: `c-${Math.random()}`, deviceId: 'demo', userId, role, sessionId: userId ? `s-${userId}` : null, approvedBy: null });
const append = (events: DomainEvent[], context: AppendContext) => {
  now += 60_000;
  return store.record(() => ({ events }), context).events;
};
/** A rejection as the replication worker's pull stores it. */
const rejection = (centralId: number, seq: number, over: Partial<ReceivedRejection> = {}): ReceivedRejection => ({
  centralId, seq, eventId: `e-${seq}`, type: 'bag.child_linked', reason: 'child_linked_elsewhere',
  detail: `child C-${seq} is in P-9 at pack-02`, winnerStation: 'pack-02', winnerSeq: 40 + seq, createdAt: `2026-03-01T09:0${centralId}:00.000Z`, ...over,
});
const seenAt = (centralId: number) => store.db.prepare('SELECT seen_at FROM central_rejections WHERE central_id = ?').pluck().get(centralId);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-rejections-'));
  now = Date.parse('2026-03-01T08:00:00.000Z');
  store = openStore({ file: databaseFile(dir), stationId: 'pack-07', registry: stationRegistry(), checkpointIntervalMs: 60_000, clock });
  append([{ type: 'user.created', payload: { userId: 'u-pat', name: 'Pat Packer', role: 'packer', badge: 'B-PAT', pinHash: 'scrypt$x', baseVersion: null } }], ctx(null));
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the view', () => {
  test('rows carry what central said and who did the rejected event when, from the local log by seq', () => {
    const [opened, linked] = append([
      { type: 'bag.parent_opened', payload: { parent: 'P-1', capacity: 10 } },
      { type: 'bag.child_linked', payload: { parent: 'P-1', child: 'C-1' } },
    ], ctx('u-pat', 'packer'));
    saveRejections(store.db, [rejection(1, linked!.seq), rejection(2, 999, { type: 'session.started', reason: 'user_disabled', winnerStation: null, winnerSeq: null })]);

    const [unknown, child] = audit().rejections(50);
    expect(child).toEqual({
      centralId: 1, seq: linked!.seq, eventType: 'bag.child_linked', reason: 'child_linked_elsewhere', detail: `child C-${linked!.seq} is in P-9 at pack-02`,
      winnerStation: 'pack-02', winnerSeq: 40 + linked!.seq, createdAt: '2026-03-01T09:01:00.000Z', seenAt: null,
      userId: 'u-pat', userName: 'Pat Packer', deviceTime: linked!.deviceTime,
    });
    // A seq the local log does not hold: central's words only, no who or when.
    expect(unknown).toMatchObject({ centralId: 2, seq: 999, eventType: 'session.started', userId: null, userName: null, deviceTime: null, winnerStation: null });
    expect(audit().rejection(1)).toEqual(child);
    expect(audit().rejection(3)).toBeNull();
    expect(audit().unseenCount()).toBe(2);
    expect(opened!.seq).toBeLessThan(linked!.seq);
  });

  test('unseen first (newest first), then the most recently seen; at most the limit, never more than 200', () => {
    saveRejections(store.db, [1, 2, 3, 4, 5].map((id) => rejection(id, 100 + id)));
    markRejectionSeen(store.db, 1, new Date('2026-03-01T10:00:00.000Z'));
    markRejectionSeen(store.db, 4, new Date('2026-03-01T09:00:00.000Z'));
    markRejectionSeen(store.db, 2, new Date('2026-03-01T11:00:00.000Z'));
    expect(audit().rejections(50).map((r) => r.centralId)).toEqual([5, 3, 2, 1, 4]);
    expect(audit().rejections(3).map((r) => r.centralId)).toEqual([5, 3, 2]);
    expect(audit().unseenCount()).toBe(2);

    saveRejections(store.db, Array.from({ length: 230 }, (_, i) => rejection(10 + i, 1000 + i)));
    expect(audit().rejections(10_000)).toHaveLength(200);
    expect(audit().rejections(0)).toHaveLength(1);
    expect(RejectionsQuery.parse({})).toEqual({ limit: 50 });
    expect(RejectionsQuery.safeParse({ limit: 201 }).success).toBe(false);
  });
});

describe('decide', () => {
  test('an unseen rejection becomes audit.rejection_seen with its seq, type and reason', () => {
    saveRejections(store.db, [rejection(7, 42, { type: 'user.disabled', reason: 'user_overwritten' })]);
    expect(decideRejectionSeen(audit(), 7)).toEqual({
      outcome: 'good', message: 'Rejection of user.disabled #42 marked seen',
      events: [{ type: 'audit.rejection_seen', payload: { centralId: 7, seq: 42, type: 'user.disabled', reason: 'user_overwritten' } }],
    });
  });

  test('an unknown or already seen rejection is refused in words', () => {
    saveRejections(store.db, [rejection(7, 42)]);
    markRejectionSeen(store.db, 7, new Date('2026-03-01T10:00:00.000Z'));
    expect(decideRejectionSeen(audit(), 8)).toMatchObject({ outcome: 'bad', message: 'No rejection 8 from central at this station' });
    expect(decideRejectionSeen(audit(), 7)).toMatchObject({
      outcome: 'bad', message: 'The rejection of bag.child_linked #42 was already marked seen (2026-03-01T10:00:00.000Z)',
      events: [{ type: 'scan.rejected' }],
    });
  });
});

describe('the projection', () => {
  test('audit.rejection_seen sets seen_at to the event\'s device time, once: a second one leaves the first time', () => {
    saveRejections(store.db, [rejection(1, 11), rejection(2, 12)]);
    const [first] = append([{ type: 'audit.rejection_seen', payload: { centralId: 1, seq: 11, type: 'bag.child_linked', reason: 'child_linked_elsewhere' } }], ctx('u-sam', 'supervisor'));
    expect(seenAt(1)).toBe(first!.deviceTime);
    expect(seenAt(2)).toBeNull();
    append([{ type: 'audit.rejection_seen', payload: { centralId: 1, seq: 11, type: 'bag.child_linked', reason: 'child_linked_elsewhere' } }], ctx('u-sam', 'supervisor'));
    expect(seenAt(1)).toBe(first!.deviceTime);
    expect(countUnseenRejections(store.db)).toBe(1);
    // The event is in the log, with who did it, like any other.
    const logged = store.db.prepare("SELECT user_id, role FROM events WHERE type = 'audit.rejection_seen' ORDER BY seq LIMIT 1").get();
    expect(logged).toEqual({ user_id: 'u-sam', role: 'supervisor' });
  });
});

describe('through the station', () => {
  test('a supervisor lists and marks seen; the trail names them; a packer is refused both', async () => {
    const config = loadConfig({ env: {}, overrides: { dataDir: dir } });
    config.session.demoUsers = false;
    const registry = stationRegistry();
    const station = new Station({ config, store, registry, logger: memoryLogger().logger, decode: createDecoder(config.scanRules) });
    try {
      const supervisor = await createUser(store, { role: 'supervisor' });
      const packer = await createUser(store, { role: 'packer' });
      saveRejections(store.db, [rejection(1, 2, { type: 'user.created', reason: 'badge_taken' })]);
      const h = requestsOf(station.endpoint);

      await signIn(station, packer);
      await expect(h['audit.rejections']({ limit: 50 })).rejects.toThrow(/may not read the rejections from central/);
      expect((await h['audit.rejection_seen']({ centralId: 1 })).message).toMatch(/may not mark a rejection from central as seen/);
      expect(seenAt(1)).toBeNull();

      await signIn(station, supervisor);
      const list = await h['audit.rejections']({ limit: 50 });
      expect(list.unseen).toBe(1);
      expect(list.rows[0]).toMatchObject({ centralId: 1, seq: 2, eventType: 'user.created', reason: 'badge_taken', seenAt: null, userId: null });
      const answer = await h['audit.rejection_seen']({ centralId: 1 });
      expect(answer).toMatchObject({ outcome: 'good', message: 'Rejection of user.created #2 marked seen' });
      expect((await h['audit.rejections']({ limit: 50 })).unseen).toBe(0);
      expect((await h['audit.rejection_seen']({ centralId: 1 })).outcome).toBe('bad');

      const trail = await h['audit.events']({ type: 'audit.', limit: 50 });
      expect(trail.rows).toHaveLength(1);
      expect(trail.rows[0]).toMatchObject({ type: 'audit.rejection_seen', userId: supervisor.userId, role: 'supervisor', payload: { centralId: 1, seq: 2, type: 'user.created', reason: 'badge_taken' } });
    } finally {
      await station.stop();
    }
  });
});
