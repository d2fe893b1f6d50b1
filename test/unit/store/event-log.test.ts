import Database from 'better-sqlite3';
import { databaseFile, openStore, StoreError, type Store } from '../../../src/store';
import { createEventLog } from '../../../src/store/event-log';
import { stationRegistry } from '../../../src/workflows';
import { useTempDir } from './temp-dir';

const dir = useTempDir();
const ctx = { correlationId: 'corr-1', deviceId: 'serial-1', userId: null, role: null, sessionId: null, approvedBy: null };
const rejected = (code: string) => ({ type: 'scan.rejected' as const, payload: { code, codeClass: 'unknown', reason: 'test' } });
let store: Store;

beforeEach(() => {
  store = openStore({ file: databaseFile(dir()), stationId: 'st-1', registry: stationRegistry(), checkpointIntervalMs: 60_000, clock: () => new Date('2026-01-02T03:04:05.678Z') });
});
afterEach(() => store.close());

test('events get gapless seqs, UUIDv7 ids, device time with ms, and an outbox row each, in one go', () => {
  const stored = store.log.append([rejected('a'), rejected('b'), rejected('c')], ctx);
  expect(stored.map((e) => e.seq)).toEqual([1, 2, 3]);
  for (const e of stored) {
    expect(e.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(e).toMatchObject({ stationId: 'st-1', deviceTime: '2026-01-02T03:04:05.678Z', correlationId: 'corr-1', deviceId: 'serial-1', userId: null });
  }
  expect(new Set(stored.map((e) => e.id)).size).toBe(3);
  expect(store.db.prepare('SELECT seq FROM outbox ORDER BY seq').pluck().all()).toEqual([1, 2, 3]);
  const row = store.db.prepare('SELECT * FROM events WHERE seq = 2').get();
  expect(row).toEqual({
    seq: 2, id: stored[1]!.id, station_id: 'st-1', type: 'scan.rejected', payload: '{"code":"b","codeClass":"unknown","reason":"test"}',
    device_time: '2026-01-02T03:04:05.678Z', correlation_id: 'corr-1', device_id: 'serial-1', user_id: null,
    role: null, session_id: null, approved_by: null, prev_hash: stored[0]!.hash, hash: stored[1]!.hash,
  });
});

test('the log is append-only: UPDATE and DELETE are refused', () => {
  store.log.append([rejected('a')], ctx);
  expect(() => store.db.prepare("UPDATE events SET type = 'x'").run()).toThrow('events are append-only');
  expect(() => store.db.prepare('DELETE FROM events').run()).toThrow('events are append-only');
});

test('a failing projection rolls the whole append back and leaves no gap', () => {
  let fail = true;
  const log = createEventLog(store.db, 'st-1', () => { if (fail) throw new Error('projection broke'); });
  expect(() => log.append([rejected('a'), rejected('b')], ctx)).toThrow('projection broke');
  expect(store.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(0);
  expect(store.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
  fail = false;
  expect(log.append([rejected('c')], ctx).map((e) => e.seq)).toEqual([1]);
});

test('a decision and its events commit together or not at all', () => {
  expect(() => store.record(() => ({ events: [rejected('a'), { type: 'bag.link_reversed', payload: { parent: 'P-1', child: 'C-1', reversesSeq: 99, reason: 'x' } }] }), ctx))
    .toThrow(StoreError);
  expect(store.log.lastSeq()).toBe(0);
});

test('a full disk refuses the write with a specific message and keeps what was committed', () => {
  store.log.append([rejected('kept')], ctx);
  const pages = store.db.pragma('page_count', { simple: true }) as number;
  // Cap the file at its current size: the next growing write fails exactly like a full disk.
  store.db.pragma(`max_page_count = ${pages}`);
  const big = { type: 'scan.rejected' as const, payload: { code: 'x'.repeat(200_000), codeClass: 'unknown', reason: 'big' } };
  let caught: unknown;
  try {
    store.record(() => ({ events: [big] }), ctx);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(StoreError);
  expect((caught as StoreError).message).toBe('not recorded: the disk is full: free some space on the station (SQLITE_FULL)');
  expect(store.db.prepare('SELECT payload FROM events').pluck().all()).toEqual(['{"code":"kept","codeClass":"unknown","reason":"test"}']);
  store.db.pragma('max_page_count = 1073741823');
  expect(store.record(() => ({ events: [rejected('after')] }), ctx).events[0]!.seq).toBe(2);
});

test('a database locked by another program refuses the write, then works again', () => {
  store.close();
  store = openStore({ file: databaseFile(dir()), stationId: 'st-1', registry: stationRegistry(), checkpointIntervalMs: 60_000, busyTimeoutMs: 20 });
  const other = new Database(databaseFile(dir()));
  other.exec('BEGIN IMMEDIATE');
  expect(() => store.record(() => ({ events: [rejected('a')] }), ctx))
    .toThrow('not recorded: the database is locked by another program: is a second station running on this data folder? (SQLITE_BUSY)');
  other.exec('ROLLBACK');
  other.close();
  expect(store.record(() => ({ events: [rejected('a')] }), ctx).events[0]!.seq).toBe(1);
});
