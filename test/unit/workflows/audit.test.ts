import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppendContext, DomainEvent } from '../../../src/core/events';
import { databaseFile, openStore, type Store } from '../../../src/store';
import { stationRegistry } from '../../../src/workflows';
import { AuditQuery, type AuditPage, type AuditRow } from '../../../src/workflows/audit/contract';
import type { AuditView } from '../../../src/workflows/audit/view';
import { createAuditView, prefixEnd, withoutPinHash } from '../../../src/workflows/audit/view.sqlite';

let dir = '';
let store: Store;
let now = Date.parse('2026-03-01T08:00:00.000Z');
const clock = () => new Date(now);
const audit = () => store.views.audit as AuditView;
/** Like the bridge: the query is parsed by the contract first (defaults, limits). */
const query = (q: Record<string, unknown> = {}): AuditPage => audit().events(AuditQuery.parse(q));

const ctx = (userId: string | null, role: AppendContext['role'] = null, approvedBy: string | null = null): AppendContext =>
  ({ correlationId: `c-${Math.random()}`, deviceId: 'demo', userId, role, sessionId: userId ? `s-${userId}` : null, approvedBy });
const rejected = (code: string, reason = 'unknown code'): DomainEvent => ({ type: 'scan.rejected', payload: { code, codeClass: 'unknown', reason } });
const append = (events: DomainEvent[], context: AppendContext, minutes = 1) => {
  now += minutes * 60_000;
  return store.record(() => ({ events }), context).events;
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-'));
  now = Date.parse('2026-03-01T08:00:00.000Z');
  store = openStore({ file: databaseFile(dir), stationId: 'pack-07', registry: stationRegistry(), checkpointIntervalMs: 60_000, clock });
  // Two users, created the way the admin screen does it (their payloads carry a PIN hash).
  append([
    { type: 'user.created', payload: { userId: 'u-ann', name: 'Ann Admin', role: 'admin', badge: 'B-ANN', pinHash: 'scrypt$16384$8$1$c2FsdA==$aGFzaA==', baseVersion: null } },
    { type: 'user.created', payload: { userId: 'u-sam', name: 'Sam Super', role: 'supervisor', badge: 'B-SAM', pinHash: 'scrypt$secret', baseVersion: null } },
  ], ctx(null));
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('rows carry who, role, station, session, time, what and why; the user names are joined; no PIN hash leaves', () => {
  append([{ type: 'user.pin_reset', payload: { userId: 'u-sam', pinHash: 'scrypt$new', baseVersion: null } }], ctx('u-ann', 'admin'));
  append([rejected('X-1', 'Unknown code X-1')], ctx('u-sam', 'supervisor'));
  append([{ type: 'override.approved', payload: { action: 'bag.undo', permission: 'pack.undo', requestedBy: 'u-nobody', supervisorId: 'u-sam', reason: 'Wrong item scanned' } }], ctx('u-nobody', 'packer', 'u-sam'));

  const page = query();
  expect(page.rows.map((r) => r.type)).toEqual(['override.approved', 'scan.rejected', 'user.pin_reset', 'user.created', 'user.created']);
  const [approved, refusal, reset] = page.rows as [AuditRow, AuditRow, AuditRow];
  expect(approved).toMatchObject({ userId: 'u-nobody', userName: null, role: 'packer', approvedBy: 'u-sam', approvedByName: 'Sam Super', reason: 'Wrong item scanned', stationId: 'pack-07' });
  expect(refusal).toMatchObject({ userId: 'u-sam', userName: 'Sam Super', role: 'supervisor', sessionId: 's-u-sam', at: '2026-03-01T08:03:00.000Z', reason: 'Unknown code X-1' });
  expect(reset).toMatchObject({ userId: 'u-ann', userName: 'Ann Admin', role: 'admin', approvedBy: null, approvedByName: null, reason: null, payload: { userId: 'u-sam', baseVersion: null } });
  for (const row of page.rows) expect(JSON.stringify(row)).not.toMatch(/pinHash|scrypt/);
  expect(page.rows.at(-1)!.payload).toEqual({ userId: 'u-ann', name: 'Ann Admin', role: 'admin', badge: 'B-ANN', baseVersion: null });
});

test('pinHash is stripped at any depth, other values are kept', () => {
  expect(withoutPinHash({ a: 1, pinHash: 'x', nested: { pinHash: 'y', keep: [{ pinHash: 'z', b: 2 }] } })).toEqual({ a: 1, nested: { keep: [{ b: 2 }] } });
  expect(withoutPinHash('text')).toBe('text');
  expect(withoutPinHash(null)).toBe(null);
});

test('the chain head is the newest event: its seq and hash, whatever the filter', () => {
  const last = append([rejected('A'), rejected('B')], ctx('u-sam', 'supervisor')).at(-1)!;
  const stored = store.db.prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
  expect(stored).toEqual({ seq: last.seq, hash: last.hash });
  expect(query().head).toEqual({ seq: last.seq, hash: last.hash });
  expect(query({ userId: 'u-nobody' })).toEqual({ rows: [], next: null, head: { seq: last.seq, hash: last.hash } });
  expect(last.hash).toMatch(/^[0-9a-f]{64}$/);
});

test('filters: user, exact type, type prefix, device time from/to (inclusive), and all of them together', () => {
  append([{ type: 'session.pin_failed', payload: { userId: 'u-sam', failures: 1 } }], ctx(null)); // 08:02
  append([rejected('A')], ctx('u-sam', 'supervisor')); // 08:03
  append([{ type: 'session.unlocked', payload: { userId: 'u-sam' } }], ctx('u-ann', 'admin')); // 08:04
  append([rejected('B')], ctx('u-ann', 'admin')); // 08:05
  append([{ type: 'session.pin_failed', payload: { userId: 'u-ann', failures: 1 } }], ctx('u-ann', 'admin')); // 08:06

  const seqsOf = (q: Record<string, unknown>) => query(q).rows.map((r) => `${r.type}@${r.at.slice(11, 16)}`);
  expect(seqsOf({ userId: 'u-ann' })).toEqual(['session.pin_failed@08:06', 'scan.rejected@08:05', 'session.unlocked@08:04']);
  expect(seqsOf({ type: 'scan.rejected' })).toEqual(['scan.rejected@08:05', 'scan.rejected@08:03']);
  expect(seqsOf({ type: 'session.' })).toEqual(['session.pin_failed@08:06', 'session.unlocked@08:04', 'session.pin_failed@08:02']);
  expect(seqsOf({ type: 'user.' })).toEqual(['user.created@08:01', 'user.created@08:01']);
  expect(seqsOf({ type: 'nothing.' })).toEqual([]);
  expect(seqsOf({ type: 'session.pin' })).toEqual([]); // not a prefix: an exact type only
  expect(seqsOf({ from: '2026-03-01T08:04:00.000Z', to: '2026-03-01T08:05:00Z' })).toEqual(['scan.rejected@08:05', 'session.unlocked@08:04']);
  // Another offset is the same instant: compared as the stored UTC text.
  expect(seqsOf({ from: '2026-03-01T09:05:00+01:00' })).toEqual(['session.pin_failed@08:06', 'scan.rejected@08:05']);
  expect(seqsOf({ userId: 'u-ann', type: 'session.', from: '2026-03-01T08:05:00Z' })).toEqual(['session.pin_failed@08:06']);
  expect(seqsOf({ userId: 'u-sam', type: 'session.' })).toEqual([]);
});

test('the contract refuses a type that is neither a type nor a prefix, a limit over 200, and unknown fields', () => {
  expect(AuditQuery.safeParse({ type: 'session' }).success).toBe(false);
  expect(AuditQuery.safeParse({ type: "x.' OR 1=1 --" }).success).toBe(false);
  expect(AuditQuery.safeParse({ limit: 201 }).success).toBe(false);
  expect(AuditQuery.safeParse({ offset: 10 }).success).toBe(false);
  expect(AuditQuery.safeParse({ from: 'yesterday' }).success).toBe(false);
  expect(AuditQuery.parse({}).limit).toBe(50);
  expect(prefixEnd('session.')).toBe('session/');
});

/** Walks every page with `before = next` and returns the seqs seen, checking each page on the way. */
function walk(q: Record<string, unknown>, limit: number): number[] {
  const seen: number[] = [];
  let before: number | undefined;
  for (let pages = 0; pages < 1000; pages += 1) {
    const page = query({ ...q, limit, ...(before === undefined ? {} : { before }) });
    expect(page.rows.length).toBeLessThanOrEqual(limit);
    const seqs = page.rows.map((r) => r.seq);
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs); // newest first
    seen.push(...seqs);
    if (page.next === null) return seen;
    expect(page.next).toBe(seqs.at(-1));
    before = page.next;
  }
  throw new Error('paging did not end');
}

test('keyset pages: every row exactly once, none missing, at most 200 a page, for each filter', () => {
  const users = ['u-ann', 'u-sam', 'u-pat'];
  const types: Array<(i: number) => DomainEvent> = [
    (i) => rejected(`X-${i}`),
    (i) => ({ type: 'session.pin_failed', payload: { userId: 'u-pat', failures: 1 + (i % 3) } }),
    () => ({ type: 'session.unlocked', payload: { userId: 'u-pat' } }),
  ];
  // 450 events in batches (several per transaction share a device time).
  for (let i = 0; i < 450; i += 3) {
    append([0, 1, 2].map((k) => types[(i + k) % 3]!(i + k)), ctx(users[(i / 3) % 3]!, 'supervisor'), 0.5);
  }
  const all = store.db.prepare('SELECT seq, user_id AS userId, type, device_time AS at FROM events ORDER BY seq DESC').all() as Array<{ seq: number; userId: string | null; type: string; at: string }>;
  const expectSeqs = (keep: (e: (typeof all)[number]) => boolean) => all.filter(keep).map((e) => e.seq);

  const everything = walk({}, 200);
  expect(everything).toEqual(expectSeqs(() => true));
  expect(everything).toHaveLength(452);
  expect(walk({}, 7)).toEqual(everything);
  expect(walk({ userId: 'u-sam' }, 13)).toEqual(expectSeqs((e) => e.userId === 'u-sam'));
  expect(walk({ type: 'session.' }, 11)).toEqual(expectSeqs((e) => e.type.startsWith('session.')));
  expect(walk({ type: 'session.unlocked', userId: 'u-pat' }, 5)).toEqual(expectSeqs((e) => e.type === 'session.unlocked' && e.userId === 'u-pat'));
  const from = all[300]!.at;
  const to = all[100]!.at;
  expect(walk({ from, to, type: 'scan.' }, 9)).toEqual(expectSeqs((e) => e.at >= from && e.at <= to && e.type.startsWith('scan.')));

  // The default page is 50; the first page's next is its last seq; the last page has none.
  const first = query();
  expect(first.rows).toHaveLength(50);
  expect(first.next).toBe(first.rows.at(-1)!.seq);
  expect(query({ before: 3 }).next).toBeNull();
  expect(query({ before: 3 }).rows.map((r) => r.seq)).toEqual([2, 1]);
});

test('the statements walk the indexes in seq order (no sort of the log) and never use OFFSET', () => {
  // The view's own statements, as it prepares them.
  const sources: string[] = [];
  const spy = new Proxy(store.db, { get: (db, key) => (key === 'prepare' ? (sql: string) => { sources.push(sql); return db.prepare(sql); } : Reflect.get(db, key, db)) });
  const view = createAuditView(spy);
  const params = { userId: 'u', type: 'scan.rejected', from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z', before: 10 };
  for (const q of [{}, { userId: 'u' }, { type: 'scan.rejected' }, { type: 'session.' }, { from: params.from, to: params.to }]) view.events(AuditQuery.parse(q));
  const plan = (sql: string) => {
    const names = [...sql.matchAll(/@(\w+)/g)].map((m) => m[1]!);
    const bound = Object.fromEntries(names.map((n) => [n, n === 'limit' ? 51 : (params as Record<string, unknown>)[n] ?? 'x']));
    return (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(bound) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
  };
  const pages = sources.filter((sql) => sql.includes('FROM events e'));
  expect(pages).toHaveLength(4);
  for (const sql of pages) expect(plan(sql)).not.toMatch(/TEMP B-TREE/);
  expect(plan(pages.find((sql) => sql.includes('e.user_id = @userId'))!)).toMatch(/events_by_user/);
  expect(plan(pages.find((sql) => sql.includes('e.type = @type'))!)).toMatch(/events_by_type/);
  for (const sql of sources) expect(sql).not.toMatch(/\bOFFSET\b/i);
});
