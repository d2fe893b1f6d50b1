import type { PendingError, ScanResult } from '../../../src/api';
import { databaseFile, openStore, PENDING_ERRORS_KEPT, RECENT_SCANS_KEPT, type Store } from '../../../src/store';
import { RECENT_SCANS_PRUNE_EVERY } from '../../../src/store/screen-state';
import { stationRegistry } from '../../../src/workflows';
import { useTempDir } from './temp-dir';

const dir = useTempDir();
const ctx = { correlationId: 'corr-1', deviceId: 'serial-1', userId: null, role: null, sessionId: null, approvedBy: null };
const rejected = (code: string) => ({
  outcome: 'bad' as const, message: `refused ${code}`,
  events: [{ type: 'scan.rejected' as const, payload: { code, codeClass: 'unknown', reason: 'test' } }],
});
const open = () => openStore({ file: databaseFile(dir()), stationId: 'st-1', registry: stationRegistry(), checkpointIntervalMs: 60_000 });

/** What the station does: the result with the seq of the last event, and a pending error when bad. */
function show(code: string, errorId: string | null) {
  return (decision: { outcome: 'good' | 'bad'; message: string }, events: ReadonlyArray<{ seq: number }>) => {
    const result: ScanResult = {
      correlationId: `corr-${code}`, deviceId: 'serial-1', code, codeClass: 'unknown', outcome: decision.outcome,
      message: decision.message, seq: events.at(-1)?.seq, at: '2026-01-02T03:04:05.678Z',
    };
    const error: PendingError | null = errorId ? { id: errorId, message: decision.message, code, at: result.at } : null;
    return { result, error };
  };
}

let store: Store;
beforeEach(() => { store = open(); });
afterEach(() => store.close());

test('a refusal, its result and its pending error are written in one transaction and survive a reopen', () => {
  const { events, shown } = store.record(() => rejected('X-1'), ctx, show('X-1', 'err-1'));
  expect(events[0]!.seq).toBe(1);
  expect(shown!.result).toMatchObject({ code: 'X-1', outcome: 'bad', seq: 1 });
  expect(store.db.prepare('SELECT id, seq FROM pending_errors').all()).toEqual([{ id: 'err-1', seq: 1 }]);

  store.close();
  store = open();
  expect(store.screen.pendingErrors()).toEqual([{ id: 'err-1', message: 'refused X-1', code: 'X-1', at: '2026-01-02T03:04:05.678Z' }]);
  expect(store.screen.recentResults()).toEqual([shown!.result]);
});

test('nothing is stored when the transaction fails, and a failing show rolls back the events', () => {
  expect(() => store.record(() => { throw new Error('decide broke'); }, ctx, show('X-1', 'err-1'))).toThrow('decide broke');
  expect(() => store.record(() => rejected('X-2'), ctx, () => { throw new Error('show broke'); })).toThrow('show broke');
  // The same error id twice violates UNIQUE: the second refusal is rolled back as a whole.
  store.record(() => rejected('X-3'), ctx, show('X-3', 'err-3'));
  expect(() => store.record(() => rejected('X-4'), ctx, show('X-4', 'err-3'))).toThrow();
  expect(store.log.lastSeq()).toBe(1);
  expect(store.screen.pendingErrors().map((e) => e.id)).toEqual(['err-3']);
  expect(store.screen.recentResults().map((r) => r.code)).toEqual(['X-3']);
});

test('without show, record writes no screen rows', () => {
  expect(store.record(() => rejected('X-1'), ctx).shown).toBeNull();
  expect(store.screen.recentResults()).toEqual([]);
  expect(store.screen.pendingErrors()).toEqual([]);
});

test('an acknowledged error is deleted and stays deleted after a reopen', () => {
  store.record(() => rejected('X-1'), ctx, show('X-1', 'err-1'));
  store.record(() => rejected('X-2'), ctx, show('X-2', 'err-2'));
  expect(store.screen.acknowledge('err-1')).toBe(true);
  expect(store.screen.acknowledge('err-1')).toBe(false);
  expect(store.screen.acknowledge('nope')).toBe(false);
  store.close();
  store = open();
  expect(store.screen.pendingErrors().map((e) => e.id)).toEqual(['err-2']);
  // The results and the events stay: acknowledging is about the screen, not the log.
  expect(store.screen.recentResults().map((r) => r.code)).toEqual(['X-2', 'X-1']);
  expect(store.log.lastSeq()).toBe(2);
});

test('both tables keep only their newest rows, newest first', () => {
  const total = 2 * RECENT_SCANS_KEPT + 7;
  const storedResults = () => store.db.prepare('SELECT count(*) FROM recent_scans').pluck().get() as number;
  for (let i = 1; i <= total; i++) {
    store.record(() => rejected(`X-${i}`), ctx, show(`X-${i}`, `err-${i}`));
    // Pruned in batches: never more than a batch beyond what is kept.
    expect(storedResults()).toBeLessThan(RECENT_SCANS_KEPT + RECENT_SCANS_PRUNE_EVERY);
  }
  expect(storedResults()).toBeGreaterThanOrEqual(RECENT_SCANS_KEPT);
  expect(store.db.prepare('SELECT count(*) FROM pending_errors').pluck().get()).toBe(PENDING_ERRORS_KEPT);
  const recent = store.screen.recentResults();
  expect(recent).toHaveLength(RECENT_SCANS_KEPT);
  expect(recent[0]!.code).toBe(`X-${total}`);
  expect(recent.at(-1)!.code).toBe(`X-${total - RECENT_SCANS_KEPT + 1}`);
  const pending = store.screen.pendingErrors();
  expect(pending.map((e) => e.id)).toEqual(Array.from({ length: PENDING_ERRORS_KEPT }, (_, i) => `err-${total - i}`));
  expect(store.screen.recentResults(3).map((r) => r.code)).toEqual([`X-${total}`, `X-${total - 1}`, `X-${total - 2}`]);
});

test('a good result is stored without a pending error; a row that does not parse is skipped', () => {
  const good = { outcome: 'good' as const, message: 'P-1 opened', events: [{ type: 'bag.parent_opened' as const, payload: { parent: 'P-1', capacity: 3 } }] };
  store.record(() => good, ctx, show('P-1', null));
  store.db.prepare("INSERT INTO recent_scans (result) VALUES ('not json'), ('{\"code\":1}')").run();
  expect(store.screen.recentResults().map((r) => [r.code, r.outcome, r.seq])).toEqual([['P-1', 'good', 1]]);
  expect(store.screen.pendingErrors()).toEqual([]);
});

test('the screen tables are not append-only: rows may be deleted (the events still may not)', () => {
  store.record(() => rejected('X-1'), ctx, show('X-1', 'err-1'));
  expect(() => store.db.prepare('DELETE FROM recent_scans').run()).not.toThrow();
  expect(() => store.db.prepare('DELETE FROM events').run()).toThrow('events are append-only');
});
