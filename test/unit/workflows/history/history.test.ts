import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../../src/config/load';
import type { AppendContext, DomainEvent, StoredEvent } from '../../../../src/core/events';
import { composeModules, type Registry } from '../../../../src/core/registry';
import { Station } from '../../../../src/core/station';
import { createDecoder } from '../../../../src/scan/decode';
import { databaseFile, openStore, type Store } from '../../../../src/store';
import { auditModule } from '../../../../src/workflows/audit/module';
import { bagModule } from '../../../../src/workflows/bag/module';
import { containerModule } from '../../../../src/workflows/container/module';
import { candidates } from '../../../../src/workflows/history/codes';
import { HistoryEventsQuery, HistorySearch, SearchResult } from '../../../../src/workflows/history/contract';
import { historyModule } from '../../../../src/workflows/history/module';
import type { HistoryView } from '../../../../src/workflows/history/view';
import { sessionModule } from '../../../../src/workflows/session/module';
import { userModule } from '../../../../src/workflows/user/module';
import { memoryLogger } from '../../../helpers/memory-logger';
import { createUser, signIn } from '../../../helpers/sign-in';
import { requestsOf } from '../../../helpers/station-requests';

/** A valid SSCC (GS1 mod-10 check digit) for `n`. */
function sscc(n: number): string {
  const body = `0${String(n).padStart(16, '0')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

const PALLET = sscc(42);
const GTIN = '09506000134352';
const GS = '\x1d';
const withHistory = [userModule, sessionModule, containerModule, bagModule, auditModule, historyModule];
const withoutHistory = [userModule, sessionModule, containerModule, bagModule, auditModule];

let dir = '';
let store: Store;
const stores: Store[] = [];
const open = (registry: Registry = composeModules(withHistory)): Store => {
  store = openStore({ file: databaseFile(dir), stationId: 'pack-07', registry, checkpointIntervalMs: 60_000 });
  stores.push(store);
  return store;
};
const history = () => store.views.history as HistoryView;
const PAT: AppendContext = { correlationId: 'c-1', deviceId: 'serial-1', userId: 'u-pat', role: 'packer', sessionId: 's-1', approvedBy: null };
const SAM: AppendContext = { ...PAT, userId: 'u-sam', role: 'supervisor', sessionId: 's-2' };
const append = (events: DomainEvent[], context: AppendContext = PAT): StoredEvent[] => store.record(() => ({ events }), context).events;
const search = (code: string) => history().search(HistorySearch.parse({ code }).code);
const page = (code: string, more: Partial<HistoryEventsQuery> = {}) => history().events(HistoryEventsQuery.parse({ code, ...more }));

const opened = (container: string, type: string, capacity: number): DomainEvent => ({ type: 'container.opened', payload: { container, type, capacity } });
const linked = (parent: string, child: string, childType: string): DomainEvent => ({ type: 'container.child_linked', payload: { parent, child, childType } });

/** Pat packs a pallet (an SSCC) with sack S-1 (C-1, a GTIN, C-2: full) and sack S-2 (C-4, voided by Sam); C-3 went into S-2 and was undone. */
function packPallet(): Record<string, number> {
  append([{ type: 'user.created', payload: { userId: 'u-pat', name: 'Pat Packer', role: 'packer', badge: 'B-PAT1', pinHash: 'scrypt$x', baseVersion: null } }], { ...PAT, userId: null, role: null });
  append([{ type: 'user.created', payload: { userId: 'u-sam', name: 'Sam Supervisor', role: 'supervisor', badge: 'B-SAM1', pinHash: 'scrypt$x', baseVersion: null } }], { ...PAT, userId: null, role: null });
  const seqs: Record<string, number> = {};
  const [p] = append([opened(PALLET, 'pallet', 2)]);
  seqs.palletOpened = p!.seq;
  const [intoPallet, sackOpened] = append([linked(PALLET, 'S-1', 'sack'), opened('S-1', 'sack', 3)]);
  seqs.s1IntoPallet = intoPallet!.seq;
  seqs.s1Opened = sackOpened!.seq;
  const [c1, gtin, c2, closed] = append([linked('S-1', 'C-1', 'bag'), linked('S-1', GTIN, 'bag'), linked('S-1', 'C-2', 'bag'),
    { type: 'container.closed', payload: { container: 'S-1', reason: 'full', count: 3 } }]);
  Object.assign(seqs, { c1: c1!.seq, gtin: gtin!.seq, c2: c2!.seq, s1Closed: closed!.seq });
  append([{ type: 'container.focused', payload: { container: PALLET, reason: 'closed' } }, linked(PALLET, 'S-2', 'sack'), opened('S-2', 'sack', 3)]);
  const [c3] = append([linked('S-2', 'C-3', 'bag')]);
  const [undo] = append([{ type: 'container.link_reversed', payload: { parent: 'S-2', child: 'C-3', reversesSeq: c3!.seq, reason: 'undo' } }]);
  Object.assign(seqs, { c3: c3!.seq, c3Undone: undo!.seq });
  append([linked('S-2', 'C-4', 'bag')]);
  const [voided] = append([{ type: 'container.voided', payload: { container: 'S-2', reason: 'torn', children: ['C-4'], parent: PALLET } }], { ...SAM, approvedBy: null });
  seqs.s2Voided = voided!.seq;
  return seqs;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-'));
});
afterEach(() => {
  while (stores.length > 0) stores.pop()!.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('reading a code', () => {
  test('the text as given first, then the SSCC and the GTIN inside a GS1 scan, in every form a scan or a person gives it', () => {
    expect(candidates(' C-1 ')).toEqual([{ code: 'C-1', via: 'code' }]);
    for (const scan of [`(00)${PALLET}`, `00${PALLET}`, `]C100${PALLET}`, `${GS}00${PALLET}`, `https://id.example.com/00/${PALLET}`]) {
      expect([scan, candidates(scan)]).toEqual([scan, [{ code: scan, via: 'code' }, { code: PALLET, via: 'sscc' }]]);
    }
    expect(candidates(`(01)${GTIN}(10)ABC`)).toEqual([{ code: `(01)${GTIN}(10)ABC`, via: 'code' }, { code: GTIN, via: 'gtin' }]);
    expect(candidates(`]C101${GTIN}10ABC${GS}00${PALLET}`).slice(1)).toEqual([{ code: PALLET, via: 'sscc' }, { code: GTIN, via: 'gtin' }]);
    // An EAN-13 with its AIM id (]E0): the GTIN, padded to 14 digits.
    expect(candidates(']E09506000134352')).toEqual([{ code: ']E09506000134352', via: 'code' }, { code: GTIN, via: 'gtin' }]);
    // A bare SSCC is a code like any other: it is what a pallet is recorded as.
    expect(candidates(PALLET)).toEqual([{ code: PALLET, via: 'code' }]);
  });
});

describe('history.search on a real store', () => {
  test('a container: its type, status, count, chain outermost first and children; no weights table, no weights', () => {
    open();
    packPallet();
    expect(search('S-1')).toEqual({
      kind: 'container', query: 'S-1', code: 'S-1', via: 'code', source: 'container', type: 'sack', status: 'closed', closeReason: 'full',
      capacity: 3, count: 3, chain: [PALLET], children: [{ code: 'C-1', type: 'bag' }, { code: GTIN, type: 'bag' }, { code: 'C-2', type: 'bag' }], weights: null, labels: null,
    });
    expect(search(PALLET)).toMatchObject({ kind: 'container', type: 'pallet', status: 'open', count: 1, chain: [], children: [{ code: 'S-1', type: 'sack' }] });
    expect(search('S-2')).toMatchObject({ kind: 'container', status: 'voided', count: 0, chain: [], children: [] });
  });

  test('a child: which container holds it, and the chain to the outermost', () => {
    open();
    packPallet();
    expect(search('C-1')).toEqual({ kind: 'child', query: 'C-1', code: 'C-1', via: 'code', source: 'container', type: 'bag', parent: 'S-1', chain: [PALLET, 'S-1'] });
  });

  test('the SSCC inside a GS1 scan, and a GTIN', () => {
    open();
    packPallet();
    for (const scan of [`(00)${PALLET}`, `]C100${PALLET}`, `${GS}00${PALLET}`]) {
      expect([scan, search(scan)]).toEqual([scan, expect.objectContaining({ kind: 'container', query: scan, code: PALLET, via: 'sscc', type: 'pallet' })]);
    }
    expect(search(`(01)${GTIN}(10)LOT7`)).toEqual({ kind: 'child', query: `(01)${GTIN}(10)LOT7`, code: GTIN, via: 'gtin', source: 'container', type: 'bag', parent: 'S-1', chain: [PALLET, 'S-1'] });
  });

  test('an unknown code, and a GS1 scan whose keys are unknown too: nothing recorded, in words', () => {
    open();
    packPallet();
    expect(search('C-999')).toEqual({ kind: 'none', query: 'C-999', code: 'C-999', via: 'code', message: 'Nothing recorded for C-999 at this station' });
    const other = sscc(7);
    expect(search(`(00)${other}`)).toMatchObject({ kind: 'none', message: `Nothing recorded for (00)${other} at this station (nor for SSCC ${other} in that scan)` });
  });

  test('a code in no container now (undone, freed by a void) still has its history', () => {
    open();
    packPallet();
    expect(search('C-3')).toEqual({ kind: 'history-only', query: 'C-3', code: 'C-3', via: 'code', events: 2 });
    expect(search('C-4')).toMatchObject({ kind: 'history-only', events: 2 });
  });

  test('bags of the bag workflow: a parent bag and a child', () => {
    open();
    append([{ type: 'bag.parent_opened', payload: { parent: 'P-1001', capacity: 10 } }, { type: 'bag.child_linked', payload: { parent: 'P-1001', child: 'C-2001' } }]);
    expect(search('P-1001')).toEqual({
      kind: 'container', query: 'P-1001', code: 'P-1001', via: 'code', source: 'bag', type: 'bag', status: 'open', closeReason: null, capacity: 10, count: 1,
      chain: [], children: [{ code: 'C-2001', type: 'bag' }], weights: null, labels: null,
    });
    expect(search('C-2001')).toEqual({ kind: 'child', query: 'C-2001', code: 'C-2001', via: 'code', source: 'bag', type: null, parent: 'P-1001', chain: ['P-1001'] });
    expect(page('C-2001').rows.map((r) => [r.type, r.as])).toEqual([['bag.child_linked', ['child']]]);
    expect(page('P-1001').rows.map((r) => r.type)).toEqual(['bag.child_linked', 'bag.parent_opened']);
  });

  test('weights, where the station keeps a weights table: the container\'s newest first', () => {
    open();
    packPallet();
    store.db.exec('CREATE TABLE weights (seq INTEGER PRIMARY KEY, container TEXT NOT NULL, grams REAL, verdict TEXT)');
    store.db.prepare('INSERT INTO weights VALUES (?, ?, ?, ?)').run(1, 'S-1', 1234.5, 'ok');
    store.db.prepare('INSERT INTO weights VALUES (?, ?, ?, ?)').run(2, 'S-1', 1300, 'over');
    store.db.prepare('INSERT INTO weights VALUES (?, ?, ?, ?)').run(3, 'S-2', 99, 'ok');
    const view = composeModules(withHistory).createViews(store.db).history as HistoryView;
    expect(view.search('S-1')).toMatchObject({ weights: [{ seq: 2, container: 'S-1', grams: 1300, verdict: 'over' }, { seq: 1, container: 'S-1', grams: 1234.5, verdict: 'ok' }] });
    expect(view.search('C-1')).not.toHaveProperty('weights');
  });

  test('label jobs, where the station prints labels: the container\'s newest first, without their ZPL', () => {
    open();
    packPallet();
    store.db.exec(`CREATE TABLE label_jobs (job_id TEXT PRIMARY KEY, container TEXT NOT NULL, status TEXT, reason TEXT, reprint_of TEXT,
      reprint_reason TEXT, grams REAL, zpl TEXT, requested_seq INTEGER)`);
    const job = store.db.prepare('INSERT INTO label_jobs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    job.run('j-1', 'S-1', 'sent', null, null, null, 1300, '^XA^XZ', 10);
    job.run('j-2', 'S-1', 'failed', 'paper out', 'j-1', 'label damaged', 1300, '^XA^XZ', 11);
    job.run('j-3', 'S-2', 'sent', null, null, null, 99, '^XA^XZ', 12);
    const view = composeModules(withHistory).createViews(store.db).history as HistoryView;
    expect(view.search('S-1')).toMatchObject({ labels: [
      { job_id: 'j-2', status: 'failed', reason: 'paper out', reprint_of: 'j-1', reprint_reason: 'label damaged', grams: 1300, requested_seq: 11 },
      { job_id: 'j-1', status: 'sent', reason: null, reprint_of: null, reprint_reason: null, grams: 1300, requested_seq: 10 },
    ] });
    expect(JSON.stringify(view.search('S-1'))).not.toContain('^XA');
  });

  test('the answer is what the contract says', () => {
    open();
    packPallet();
    for (const code of ['S-1', 'C-1', `(00)${PALLET}`, 'C-3', 'nope']) expect(SearchResult.safeParse(search(code)).success).toBe(true);
  });
});

describe('history.events on a real store', () => {
  test('every event that names the code, newest first, with who, role, when, what and why', () => {
    open();
    const s = packPallet();
    const rows = page('S-1').rows;
    expect(rows.map((r) => [r.seq, r.type, r.as])).toEqual([
      [s.s1Closed, 'container.closed', ['container']],
      [s.c2, 'container.child_linked', ['parent']],
      [s.gtin, 'container.child_linked', ['parent']],
      [s.c1, 'container.child_linked', ['parent']],
      [s.s1Opened, 'container.opened', ['container']],
      [s.s1IntoPallet, 'container.child_linked', ['child']],
    ]);
    expect(rows[0]).toMatchObject({ userId: 'u-pat', userName: 'Pat Packer', role: 'packer', payload: { container: 'S-1', reason: 'full', count: 3 }, reason: 'full' });
    expect(rows[0]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const c3 = page('C-3').rows;
    expect(c3.map((r) => [r.seq, r.type, r.reason])).toEqual([[s.c3Undone, 'container.link_reversed', 'undo'], [s.c3, 'container.child_linked', null]]);
    const c4 = page('C-4').rows;
    expect(c4[0]).toMatchObject({ seq: s.s2Voided, type: 'container.voided', as: ['children'], userName: 'Sam Supervisor', role: 'supervisor', reason: 'torn' });
    expect(page(`(00)${PALLET}`)).toMatchObject({ code: PALLET, via: 'sscc', query: `(00)${PALLET}` });
    expect(page(`(00)${PALLET}`).rows.at(-1)).toMatchObject({ seq: s.palletOpened, type: 'container.opened' });
    expect(page('C-999')).toEqual({ query: 'C-999', code: 'C-999', via: 'code', rows: [], next: null });
  });

  test('keyset pages by seq, capped at 200 rows: the cursor of one page starts the next, the last says null', () => {
    open();
    append([{ type: 'bag.parent_opened', payload: { parent: 'P-BIG', capacity: 500 } }]);
    for (let i = 0; i < 250; i += 50) append(Array.from({ length: 50 }, (_, k) => ({ type: 'bag.child_linked', payload: { parent: 'P-BIG', child: `C-${i + k}` } })));
    const first = page('P-BIG', { limit: 200 });
    expect(first.rows).toHaveLength(200);
    expect(first.next).toBe(first.rows.at(-1)!.seq);
    const second = page('P-BIG', { limit: 200, before: first.next! });
    expect(second.rows).toHaveLength(51);
    expect(second.next).toBeNull();
    const seqs = [...first.rows, ...second.rows].map((r) => r.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(new Set(seqs).size).toBe(251);
    expect(second.rows.at(-1)!.type).toBe('bag.parent_opened');
    // Never more than 200: the contract refuses more, and the view holds to it anyway.
    expect(HistoryEventsQuery.safeParse({ code: 'P-BIG', limit: 201 }).success).toBe(false);
    expect(HistoryEventsQuery.parse({ code: 'P-BIG' }).limit).toBe(50);
    expect(history().events({ code: 'P-BIG', limit: 10_000 }).rows).toHaveLength(200);
    expect(page('P-BIG', { limit: 2, before: first.rows[1]!.seq }).rows.map((r) => r.seq)).toEqual([first.rows[2]!.seq, first.rows[3]!.seq]);
  });

  test('a log recorded before history:001 is indexed when the step runs', () => {
    open(composeModules(withoutHistory));
    const s = packPallet();
    stores.pop()!.close();
    open();
    expect(page('C-1').rows.map((r) => r.seq)).toEqual([s.c1]);
    expect(page('C-4').rows.map((r) => r.type)).toEqual(['container.voided', 'container.child_linked']);
    expect(page('S-1').rows).toHaveLength(6);
    // …and from then on by the trigger, as events are appended.
    const [more] = append([linked(PALLET, 'S-9', 'sack')]);
    expect(page('S-9').rows.map((r) => r.seq)).toEqual([more!.seq]);
  });

  test('events that name no container or bag code are not indexed', () => {
    open();
    packPallet();
    append([{ type: 'scan.rejected', payload: { code: 'S-1', codeClass: 'unknown', reason: 'no' } }]);
    expect(page('S-1').rows.every((r) => r.type.startsWith('container.'))).toBe(true);
    expect(store.db.prepare("SELECT count(*) FROM code_events WHERE code = 'u-pat'").pluck().get()).toBe(0);
  });
});

describe('through the station', () => {
  test('every role that may scan searches (and the biller); nobody signed in is refused', async () => {
    const config = loadConfig({ env: {}, overrides: { dataDir: dir } });
    config.session.demoUsers = false;
    const registry = composeModules(withHistory);
    open(registry);
    const station = new Station({ config, store, registry, logger: memoryLogger().logger, decode: createDecoder(config.scanRules) });
    try {
      const users = {
        packer: await createUser(store, { role: 'packer' }),
        biller: await createUser(store, { role: 'biller' }),
        supervisor: await createUser(store, { role: 'supervisor' }),
      };
      const h = requestsOf(station.endpoint);
      await expect(h['history.search']({ code: 'C-2001' })).rejects.toMatchObject({ code: 'forbidden', message: 'history.search: Scan your badge to start' });
      await expect(h['history.events']({ code: 'C-2001', limit: 50 })).rejects.toMatchObject({ code: 'forbidden' });

      await signIn(station, users.packer);
      for (const code of ['P-1001', 'C-2001', 'C-2002']) {
        const result = await station.submit({ deviceId: 'serial-1', bytes: new TextEncoder().encode(code), firstByteAt: 0, receivedAt: 0 });
        expect([code, result.outcome]).toEqual([code, 'good']);
      }
      expect(await h['history.search']({ code: 'C-2002' })).toMatchObject({ kind: 'child', source: 'bag', parent: 'P-1001', chain: ['P-1001'] });
      const trail = await h['history.events']({ code: 'C-2002', limit: 50 });
      expect(trail.rows).toEqual([expect.objectContaining({ type: 'bag.child_linked', userId: users.packer.userId, userName: users.packer.name, role: 'packer', as: ['child'] })]);

      for (const role of ['biller', 'supervisor'] as const) {
        await signIn(station, users[role]);
        expect([role, await h['history.search']({ code: 'P-1001' })]).toEqual([role, expect.objectContaining({ kind: 'container', count: 2 })]);
      }
      // A query records nothing.
      const before = store.log.lastSeq();
      await h['history.search']({ code: 'nothing-here' });
      expect(store.log.lastSeq()).toBe(before);
    } finally {
      await station.stop();
    }
  });

  test('the shift\'s history: a packer\'s own, newest first, in keyset pages; another user\'s only for a supervisor; the shift limit back', async () => {
    const config = loadConfig({ env: {}, overrides: { dataDir: dir } });
    config.session.demoUsers = false;
    config.session.shiftLimitMs = 12 * 3_600_000;
    const registry = composeModules(withHistory);
    open(registry);
    // the store stamps events with the real time; the station's clock runs ahead by `later` to ask the next day
    let later = 0;
    const station = new Station({ config, store, registry, logger: memoryLogger().logger, decode: createDecoder(config.scanRules), clock: () => new Date(Date.now() + later) });
    try {
      const packer = await createUser(store, { role: 'packer' });
      const other = await createUser(store, { role: 'dispatcher' });
      const supervisor = await createUser(store, { role: 'supervisor' });
      const h = requestsOf(station.endpoint);
      const scan = (code: string) => station.submit({ deviceId: 'serial-1', bytes: new TextEncoder().encode(code), firstByteAt: 0, receivedAt: 0 });
      await signIn(station, packer);
      for (const code of ['P-1001', 'C-2001', 'C-2002', 'C-2003']) await scan(code);
      const first = await h['history.shift']({ limit: 3 });
      expect(first.rows.map((r) => [r.type, r.userId])).toEqual([['bag.child_linked', packer.userId], ['bag.child_linked', packer.userId], ['bag.child_linked', packer.userId]]);
      expect(first.next).not.toBeNull();
      const second = await h['history.shift']({ limit: 3, before: first.next! });
      expect(second.rows.map((r) => r.type)).toEqual(['bag.parent_opened', 'session.started']);
      expect(second.rows.every((r) => r.seq < first.rows.at(-1)!.seq)).toBe(true);
      await expect(h['history.shift']({ userId: other.userId, limit: 50 })).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('may see only their own shift') });

      await signIn(station, supervisor);
      expect((await h['history.shift']({ userId: packer.userId, limit: 50 })).rows).toHaveLength(5);
      later = 13 * 3_600_000; // the next day's shift: yesterday's scans are not in it
      expect((await h['history.shift']({ userId: packer.userId, limit: 50 })).rows).toEqual([]);
    } finally {
      await station.stop();
    }
  });
});

describe('the search screen holds the scanner', () => {
  test('while it is open a hardware scan searches and records nothing; closed, or signed out, scans pack again', async () => {
    const config = loadConfig({ env: {}, overrides: { dataDir: dir } });
    config.session.demoUsers = false;
    const registry = composeModules(withHistory);
    open(registry);
    const station = new Station({ config, store, registry, logger: memoryLogger().logger, decode: createDecoder(config.scanRules) });
    const submit = (code: string) => station.submit({ deviceId: 'serial-1', bytes: new TextEncoder().encode(code), firstByteAt: 0, receivedAt: 0 });
    const slice = () => station.state().slices.history;
    try {
      const packer = await createUser(store, { role: 'packer' });
      const other = await createUser(store, { role: 'packer' });
      const h = requestsOf(station.endpoint);
      expect(await h['history.capture']({ on: true })).toMatchObject({ outcome: 'bad', message: 'Scan your badge to start' });
      await signIn(station, packer);
      expect(await submit('P-1001')).toMatchObject({ outcome: 'good' });

      expect(await h['history.capture']({ on: true })).toEqual({ capturing: true });
      const before = store.log.lastSeq();
      expect(await submit('C-2001')).toMatchObject({ outcome: 'good', message: 'Searching C-2001' });
      expect(await submit('C-2001')).toMatchObject({ outcome: 'good', message: 'Searching C-2001' });
      expect(store.log.lastSeq()).toBe(before);
      expect(slice()).toEqual({ capturing: true, scanned: { code: 'C-2001', n: 2 } });
      // A badge is still a badge; the hold ends with the session (it was this user's screen), and the next user packs.
      expect(await h['session.logout']({})).toMatchObject({ outcome: 'good' });
      expect(slice()).toMatchObject({ capturing: false });
      await signIn(station, other);
      expect(slice()).toMatchObject({ capturing: false });
      expect(await submit('C-2002')).toMatchObject({ outcome: 'good' });
      expect(store.log.lastSeq()).toBeGreaterThan(before);

      expect(await h['history.capture']({ on: true })).toEqual({ capturing: true });
      expect(await h['history.capture']({ on: false })).toEqual({ capturing: false });
      const packed = store.log.lastSeq();
      expect(await submit('C-2003')).toMatchObject({ outcome: 'good' });
      expect(store.log.lastSeq()).toBeGreaterThan(packed);
    } finally {
      await station.stop();
    }
  });
});
