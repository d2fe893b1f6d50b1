import { Client, Pool } from 'pg';
import { ingestBatch } from '../../../src/central/ingest';
import { projectAll } from '../../../src/central/projector';
import { pullReference, pullRejections } from '../../../src/central/reference-pull';
import { Replicator } from '../../../src/central/replicator';
import { inTransaction } from '../../../src/central/transaction';
import { addCentralUser } from '../../../src/central/users';
import { OutboxReader } from '../../../src/store/outbox';
import { findUser, unseenRejections } from '../../../src/store/reference-cache';
import { describeWithCentral } from './helpers/central-db';
import { testConfig } from './helpers/config';
import { createStationDb, type StationDb } from './helpers/station-db';
import { waitFor } from './helpers/wait';

jest.setTimeout(120_000);

const timeouts = { statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 60_000 };
const pull = { ...timeouts, settleMs: 0 };
const pin = (n: number) => `scrypt$16384$8$1$c2FsdC0${n}AAAAAAAAAAAAAAAA==$aGFzaC0${n}AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`;

describeWithCentral('users: central is the fleet\'s truth, the later central commit wins', (pg) => {
  const open: Array<{ end(): Promise<void> } | StationDb> = [];

  afterAll(async () => {
    for (const o of open) await ('db' in o ? o.close() : o.end());
  });

  /** A provisioned station with its own pool and local database; `sync` sends everything new in one batch and records the ack. */
  async function station(id: string) {
    const url = await pg.central.provision(id);
    const pool = new Pool({ connectionString: url, max: 1 });
    pool.on('error', () => undefined); // the suite's server goes down before these pools are ended
    const local = createStationDb(id);
    open.push(pool, local);
    const reader = new OutboxReader(local.file);
    open.push({ end: async () => reader.close() });
    return {
      id, url, pool, local,
      sync: async () => {
        const res = await inTransaction(pool, timeouts, (c) => ingestBatch(c, id, reader.readBatch(reader.ackedSeq(), 5000, 1 << 24)));
        reader.acknowledge(res.ackedSeq);
        await projectAll(pool, timeouts);
        return res;
      },
      pullUsers: () => pullReference(pool, local.db, pull),
      pullRejections: () => pullRejections(pool, local.db, id, timeouts),
      version: (userId: string) => findUser(local.db, userId)?.updatedAt ?? null,
    };
  }

  const centralUser = async (id: string) => (await pg.central.admin.query(`SELECT id, name, role, badge, active, pin_hash, last_station,
    last_seq::int FROM central.users WHERE id = $1`, [id])).rows[0];
  const rejections = async (stationId: string) => (await pg.central.admin.query(`SELECT seq::int, type, reason, detail, winner_station,
    winner_seq::int FROM central.rejections WHERE station_id = $1 ORDER BY seq`, [stationId])).rows;

  it('an admin adds users at central; a taken id or badge, or an unknown role, is a clear error', async () => {
    const added = await addCentralUser(pg.central.admin, { id: 'ana', name: 'Ana', role: 'dispatcher', badge: 'B-ANA', pinHash: pin(1) });
    expect(added).toEqual({ id: 'ana', name: 'Ana', role: 'dispatcher', badge: 'B-ANA', active: true, updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/) });
    await expect(addCentralUser(pg.central.admin, { id: 'ana', name: 'Other', role: 'packer', badge: 'B-OTHER' }))
      .rejects.toThrow('user id "ana" is already taken at central (by Ana)');
    await expect(addCentralUser(pg.central.admin, { id: 'anna', name: 'Anna', role: 'packer', badge: 'B-ANA' }))
      .rejects.toThrow('badge "B-ANA" is already taken at central by user "ana" (Ana)');
    await expect(addCentralUser(pg.central.admin, { id: 'x', name: 'X', role: 'boss' as never })).rejects.toThrow('role "boss" is not one of');
    await expect(addCentralUser(pg.central.admin, { id: 'x', name: 'X', role: 'packer', pinHash: '1234' }))
      .rejects.toThrow(/^user "x": the PIN hash is not in the form scrypt\$N\$r\$p\$salt\$hash$/);
    // a client works as well as a pool; a station role may not add users
    const client = new Client({ connectionString: pg.central.adminUrl });
    await client.connect();
    try {
      await expect(addCentralUser(client, { id: 'biller-1', name: 'Bea', role: 'biller', badge: null })).resolves.toMatchObject({ badge: null });
    } finally {
      await client.end();
    }
    const s = await station('users-role');
    await expect(addCentralUser(s.pool, { id: 'sneaky', name: 'S', role: 'admin' })).rejects.toThrow('this login may not add users at central');
  });

  it('flow down: central\'s row, with its PIN hash, reaches ref_users; a local edit central has not acknowledged is kept until it has', async () => {
    await addCentralUser(pg.central.admin, { id: 'cy', name: 'Cy', role: 'packer', badge: 'B-CY', pinHash: pin(2) });
    const s = await station('users-down');
    await s.pullUsers();
    expect(findUser(s.local.db, 'B-CY')).toMatchObject({ id: 'cy', name: 'Cy', role: 'packer', active: true, pinHash: pin(2) });
    const v1 = s.version('cy')!;

    // the station resets Cy's PIN (the user module projects it into ref_users with its seq) ...
    const [seq] = s.local.append([{ type: 'user.pin_reset', payload: { userId: 'cy', pinHash: pin(3), baseVersion: v1 } }]);
    s.local.db.prepare('UPDATE ref_users SET pin_hash = ?, local_seq = ? WHERE id = ?').run(pin(3), seq, 'cy');
    // ... while an admin renames Cy at central: the pull must not undo the station's new PIN
    await pg.central.admin.query(`UPDATE central.users SET name = 'Cy R.' WHERE id = 'cy'`);
    await s.pullUsers();
    expect(findUser(s.local.db, 'cy')).toMatchObject({ name: 'Cy', pinHash: pin(3), updatedAt: v1 });

    // central takes the reset (the later commit wins; an admin's change has no event to reject) and the next pull brings both changes
    await s.sync();
    expect(await centralUser('cy')).toMatchObject({ name: 'Cy R.', pin_hash: pin(3), last_station: 'users-down', last_seq: seq });
    expect(await rejections('users-down')).toEqual([]);
    await s.pullUsers();
    expect(findUser(s.local.db, 'cy')).toMatchObject({ name: 'Cy R.', pinHash: pin(3) });
    expect(s.local.db.prepare(`SELECT local_seq FROM ref_users WHERE id = 'cy'`).pluck().get()).toBeNull();
    expect(s.version('cy')! > v1).toBe(true);
  });

  it('flow up: a station\'s user changes are applied to central.users in seq order; user.unlocked changes nothing', async () => {
    const s = await station('users-up');
    const seqs = s.local.append([
      { type: 'user.created', payload: { userId: 'dee', name: 'Dee', role: 'packer', badge: 'B-DEE', pinHash: pin(4), baseVersion: null } },
      { type: 'user.role_changed', payload: { userId: 'dee', role: 'biller', baseVersion: null } },
      { type: 'user.pin_reset', payload: { userId: 'dee', pinHash: pin(5), baseVersion: null } },
      { type: 'user.disabled', payload: { userId: 'dee', baseVersion: null } },
      { type: 'user.unlocked', payload: { userId: 'dee' } },
    ]);
    await s.sync();
    expect(await centralUser('dee')).toEqual({ id: 'dee', name: 'Dee', role: 'biller', badge: 'B-DEE', active: false, pin_hash: pin(5),
      last_station: 'users-up', last_seq: seqs[3] });
    const [enabled] = s.local.append([{ type: 'user.enabled', payload: { userId: 'dee', baseVersion: null } }]);
    await s.sync();
    expect(await centralUser('dee')).toMatchObject({ active: true, last_seq: enabled });
    // a station's own earlier change never loses to its next one, whatever version it had seen
    expect(await rejections('users-up')).toEqual([]);
    // and it comes back down to every station
    const other = await station('users-up-2');
    await other.pullUsers();
    expect(findUser(other.local.db, 'B-DEE')).toMatchObject({ id: 'dee', role: 'biller', active: true, pinHash: pin(5) });
  });

  it('two stations change the same user offline: the later commit wins, the earlier change gets user_overwritten, and its station hears of it', async () => {
    await addCentralUser(pg.central.admin, { id: 'eve', name: 'Eve', role: 'packer', badge: 'B-EVE', pinHash: pin(6) });
    const a = await station('users-a');
    const b = await station('users-b');
    await a.pullUsers();
    await b.pullUsers();
    const v0 = a.version('eve');
    expect(b.version('eve')).toBe(v0);
    a.local.appendScans(3, 10);
    const [aSeq] = a.local.append([{ type: 'user.role_changed', payload: { userId: 'eve', role: 'supervisor', baseVersion: v0 } }]);
    const [bSeq] = b.local.append([{ type: 'user.role_changed', payload: { userId: 'eve', role: 'dispatcher', baseVersion: v0 } }]);

    await a.sync(); // A first: it had seen the current version, so nothing is lost
    expect(await centralUser('eve')).toMatchObject({ role: 'supervisor', last_station: 'users-a', last_seq: aSeq });
    await b.sync(); // B had not seen A's change: A's change has lost
    expect(await centralUser('eve')).toMatchObject({ role: 'dispatcher', last_station: 'users-b', last_seq: bSeq });
    expect(await rejections('users-b')).toEqual([]);
    expect(await rejections('users-a')).toEqual([{ seq: aSeq, type: 'user.role_changed', reason: 'user_overwritten',
      detail: `the change to user Eve (eve) was overwritten by station users-b (seq ${bSeq}), which had not seen it`,
      winner_station: 'users-b', winner_seq: bSeq }]);

    // the rejection reaches the losing station through its worker, and so does the winning row
    const r = new Replicator({ dbPath: a.local.file, stationId: 'users-a', config: testConfig(a.url, { referencePollMs: 100 }) });
    void r.start();
    try {
      await waitFor('the rejection to reach station A', () => unseenRejections(a.local.db).length === 1);
      expect(unseenRejections(a.local.db)).toEqual([expect.objectContaining({ seq: aSeq, type: 'user.role_changed', reason: 'user_overwritten',
        winnerStation: 'users-b', winnerSeq: bSeq })]);
      await waitFor('the winning row to come down', () => findUser(a.local.db, 'eve')?.role === 'dispatcher');
    } finally {
      await r.stop();
    }

    // a user.created for an id central already holds is a change too: here it overwrites B's change
    const c = await station('users-c');
    const [cSeq] = c.local.append([{ type: 'user.created', payload: { userId: 'eve', name: 'Eve C.', role: 'packer', badge: 'B-EVE', pinHash: pin(7), baseVersion: null } }]);
    await c.sync();
    expect(await centralUser('eve')).toMatchObject({ name: 'Eve C.', role: 'packer', badge: 'B-EVE', pin_hash: pin(7), last_station: 'users-c' });
    expect(await rejections('users-b')).toEqual([expect.objectContaining({ seq: bSeq, reason: 'user_overwritten', winner_station: 'users-c', winner_seq: cSeq })]);
    // B pulls the winner, and its next change is based on it: no conflict
    await b.pullUsers();
    const [bNext] = b.local.append([{ type: 'user.disabled', payload: { userId: 'eve', baseVersion: b.version('eve') } }]);
    await b.sync();
    expect(await centralUser('eve')).toMatchObject({ active: false, last_station: 'users-b', last_seq: bNext });
    expect(await rejections('users-c')).toEqual([]);
  });

  it('an admin\'s write at central clears who wrote the row last, so a later conflict blames no station event', async () => {
    const a = await station('users-last-a');
    const b = await station('users-last-b');
    const [created] = a.local.append([{ type: 'user.created', payload: { userId: 'kim', name: 'Kim', role: 'packer', badge: 'B-KIM', pinHash: pin(11), baseVersion: null } }]);
    await a.sync();
    expect(await centralUser('kim')).toMatchObject({ last_station: 'users-last-a', last_seq: created });
    await pg.central.admin.query(`UPDATE central.users SET active = false WHERE id = 'kim'`);
    expect(await centralUser('kim')).toMatchObject({ active: false, last_station: null, last_seq: null });
    const [enabled] = b.local.append([{ type: 'user.enabled', payload: { userId: 'kim', baseVersion: null } }]);
    await b.sync();
    expect(await centralUser('kim')).toMatchObject({ active: true, last_station: 'users-last-b', last_seq: enabled });
    expect(await rejections('users-last-a')).toEqual([]);
  });

  it('a new user whose badge another user holds is created without it, with a badge_taken rejection', async () => {
    await addCentralUser(pg.central.admin, { id: 'fay', name: 'Fay', role: 'packer', badge: 'B-FAY' });
    const s = await station('users-badge');
    const [seq] = s.local.append([{ type: 'user.created', payload: { userId: 'gus', name: 'Gus', role: 'packer', badge: 'B-FAY', pinHash: pin(8), baseVersion: null } }]);
    s.local.appendScans(2, 10);
    const res = await s.sync();
    expect(res.deadLettered).toBe(0);
    expect(await centralUser('gus')).toMatchObject({ name: 'Gus', badge: null, pin_hash: pin(8), active: true });
    expect(await centralUser('fay')).toMatchObject({ badge: 'B-FAY' });
    expect(await rejections('users-badge')).toEqual([{ seq, type: 'user.created', reason: 'badge_taken',
      detail: 'badge B-FAY of user gus is already held by user Fay (fay)', winner_station: null, winner_seq: null }]);
    // the same for a user.created of a user central already holds: the other fields change, the badge does not
    const [again] = s.local.append([{ type: 'user.created', payload: { userId: 'gus', name: 'Gus G.', role: 'biller', badge: 'B-FAY', pinHash: pin(9), baseVersion: null } }]);
    await s.sync();
    expect(await centralUser('gus')).toMatchObject({ name: 'Gus G.', role: 'biller', badge: null, pin_hash: pin(9), last_seq: again });
    expect((await rejections('users-badge')).map((r) => [r.seq, r.reason])).toEqual([[seq, 'badge_taken'], [again, 'badge_taken']]);
  });

  it('a login after central disabled the user is recorded with a user_disabled rejection; an active user\'s login is not', async () => {
    await addCentralUser(pg.central.admin, { id: 'hal', name: 'Hal', role: 'packer', badge: 'B-HAL', pinHash: pin(9) });
    await addCentralUser(pg.central.admin, { id: 'ivy', name: 'Ivy', role: 'packer', badge: 'B-IVY', pinHash: pin(10) });
    const s = await station('users-login');
    await s.pullUsers();
    await pg.central.admin.query(`UPDATE central.users SET active = false WHERE id = 'hal'`); // the station has not heard yet
    const [halLogin, , ivyLogin] = s.local.append([
      { type: 'session.started', payload: { sessionId: 's-1', userId: 'hal', name: 'Hal', role: 'packer' }, who: { userId: 'hal', role: 'packer', sessionId: 's-1' } },
      { type: 'session.ended', payload: { sessionId: 's-1', reason: 'logout' }, who: { userId: 'hal', role: 'packer', sessionId: 's-1' } },
      { type: 'session.started', payload: { sessionId: 's-2', userId: 'ivy', name: 'Ivy', role: 'packer' }, who: { userId: 'ivy', role: 'packer', sessionId: 's-2' } },
    ]);
    await s.sync();
    // Ivy is disabled by another station's event, which commits before Ivy's next login reaches central
    const admin = await station('users-admin');
    const [disabledAt] = admin.local.append([{ type: 'user.disabled', payload: { userId: 'ivy', baseVersion: s.version('ivy') } }]);
    await admin.sync();
    const [ivyAgain] = s.local.append([{ type: 'session.started', payload: { sessionId: 's-3', userId: 'ivy', name: 'Ivy', role: 'packer' } }]);
    await s.sync();
    expect(ivyLogin).toBeLessThan(ivyAgain!);
    expect(await rejections('users-login')).toEqual([
      { seq: halLogin, type: 'session.started', reason: 'user_disabled', detail: 'login by Hal (hal) on users-login after central disabled the user',
        winner_station: null, winner_seq: null },
      { seq: ivyAgain, type: 'session.started', reason: 'user_disabled', detail: 'login by Ivy (ivy) on users-login after central disabled the user',
        winner_station: 'users-admin', winner_seq: disabledAt },
    ]);
    // nothing was applied: the users are as central had them
    expect(await centralUser('hal')).toMatchObject({ active: false, last_station: null });
    await s.pullRejections();
    expect(unseenRejections(s.local.db).map((r) => r.reason)).toEqual(['user_disabled', 'user_disabled']);
  });

  it('the station role still cannot change events or users, nor call the user projection; only the ingest entry points are granted', async () => {
    const s = await station('users-rls');
    s.local.appendScans(2, 10);
    await s.sync();
    const c = new Client({ connectionString: s.url });
    await c.connect();
    const denied = (sql: string) => expect(c.query(sql)).rejects.toMatchObject({ code: '42501' });
    try {
      await denied(`UPDATE central.station_events SET hash = repeat('0', 64) WHERE station_id = 'users-rls'`);
      await denied(`UPDATE central.station_events SET payload = '{}' WHERE station_id = 'users-rls'`);
      await denied(`DELETE FROM central.station_events WHERE station_id = 'users-rls'`);
      await denied(`TRUNCATE central.station_events`);
      await denied(`UPDATE central.users SET active = true`);
      await denied(`INSERT INTO central.users (id, name, role) VALUES ('u', 'u', 'admin')`);
      await denied(`SELECT central.project_user('users-rls', 1, gen_random_uuid(), 'user.enabled', '{"userId":"hal"}')`);
      await denied(`SELECT central.dead_letter('users-a', 99, 'x', 'x', 'x', 'x', 'x', NULL, NULL, '22P02', 'x', NULL, NULL, NULL, NULL, NULL)`);
    } finally {
      await c.end();
    }
    const { rows } = await pg.central.admin.query(`SELECT DISTINCT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'central' AND has_function_privilege('central_station', p.oid, 'EXECUTE') ORDER BY 1`);
    // the statistics reads (migration 16) and floor_replication (17) return aggregates only, never another station's rows
    expect(rows.map((r) => r.proname)).toEqual(['apply_batch', 'container_lookup', 'dashboard', 'dashboard_now', 'dead_letter', 'floor_replication', 'heartbeat', 'ingest', 'ingest_staged', 'lock_mark',
      'packer_kpis', 'project', 'search_codes', 'station_dead_letters', 'station_health', 'station_of', 'station_resolve_dead_letter']);
    const { rows: signatures } = await pg.central.admin.query(`SELECT p.oid::regprocedure::text AS sig FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'central' AND p.proname IN ('ingest', 'dead_letter') ORDER BY 1`);
    expect(signatures.map((r) => r.sig)).toEqual([
      'central.dead_letter(text,bigint,text,text,text,text,text,text,text,text,text,text,text,text,text,text)',
      'central.ingest(text,bigint[],text[],text[],text[],text[],text[],text[],text[],text[],text[],text[],text[],text[])',
    ]);
  });

  it('a station of the previous release (nine arrays) still replicates; its events have no chain fields; partial chain arrays are refused', async () => {
    const s = await station('users-old');
    s.local.appendScans(3, 10);
    const rows = s.local.events();
    const arr = (f: (r: (typeof rows)[number]) => unknown) => rows.map(f);
    await inTransaction(s.pool, timeouts, (c) => c.query(`SELECT * FROM central.ingest($1, $2::bigint[], $3::text[], $4::text[], $5::text[],
      $6::text[], $7::text[], $8::text[], $9::text[])`, ['users-old', arr((r) => r.seq), arr((r) => r.id), arr((r) => r.type), arr((r) => r.payload),
      arr((r) => r.deviceTime), arr((r) => r.correlationId), arr((r) => r.deviceId), arr((r) => r.userId)]));
    const { rows: stored } = await pg.central.admin.query(`SELECT count(*)::int AS n, count(hash)::int AS hashed FROM central.station_events WHERE station_id = 'users-old'`);
    expect(stored).toEqual([{ n: rows.length, hashed: 0 }]);
    s.local.appendScans(1, 10);
    const next = s.local.events().slice(rows.length);
    await expect(inTransaction(s.pool, timeouts, (c) => c.query(`SELECT * FROM central.ingest($1, $2::bigint[], $3::text[], $4::text[], $5::text[],
      $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])`, ['users-old', next.map((r) => r.seq), next.map((r) => r.id), next.map((r) => r.type),
      next.map((r) => r.payload), next.map((r) => r.deviceTime), next.map((r) => r.correlationId), next.map((r) => r.deviceId), next.map((r) => r.userId),
      next.map((r) => r.role)]))).rejects.toMatchObject({ code: 'SG002' });
  });
});
