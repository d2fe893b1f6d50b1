import fc from 'fast-check';
import { Pool } from 'pg';
import { ChainWalker, CentralAuditError, verifyCentralChain, verifyCentralChainAt } from '../../../src/central/audit';
import { ingestBatch } from '../../../src/central/ingest';
import { Replicator } from '../../../src/central/replicator';
import { inTransaction } from '../../../src/central/transaction';
import { parsedPayload } from '../../../src/store/audit-reader';
import { chainHash, GENESIS_HASH, verifyChain, type StoredLink } from '../../../src/store/hash-chain';
import type { OutboxRow } from '../../../src/store/outbox';
import { describeWithCentral } from './helpers/central-db';
import { testConfig } from './helpers/config';
import { createStationDb, type StationDb } from './helpers/station-db';
import { waitFor } from './helpers/wait';

jest.setTimeout(120_000);

const timeouts = { statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 60_000 };

const asLink = (r: OutboxRow): StoredLink => ({
  stationId: r.stationId, seq: r.seq, id: r.id, type: r.type, payload: parsedPayload(r.payload), deviceTime: r.deviceTime,
  correlationId: r.correlationId, deviceId: r.deviceId, userId: r.userId, role: r.role ?? null, sessionId: r.sessionId ?? null,
  approvedBy: r.approvedBy ?? null, prevHash: r.prevHash ?? null, hash: r.hash ?? null,
});

describe('ChainWalker (central\'s page-by-page walk) agrees with verifyChain', () => {
  function chain(n: number): StoredLink[] {
    const links: StoredLink[] = [];
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= n; seq++) {
      const fields = { stationId: 'walk', seq, id: `id-${seq}`, type: 'bag.child_linked', payload: { parent: 'P', child: `C${seq}` },
        deviceTime: '2026-01-01T00:00:00.000Z', correlationId: `c${seq}`, deviceId: null, userId: 'u1', role: 'packer', sessionId: 's1', approvedBy: null };
      const hash = chainHash(fields, prev);
      links.push({ ...fields, prevHash: prev, hash });
      prev = hash;
    }
    return links;
  }
  type Tamper = { kind: 'payload' | 'delete' | 'rehash' | 'prev' | 'none'; at: number };
  const tamper: fc.Arbitrary<Tamper> = fc.record({ kind: fc.constantFrom('payload' as const, 'delete' as const, 'rehash' as const, 'prev' as const, 'none' as const), at: fc.nat(30) });

  it('for chains with an edited payload, a deleted event, a re-hashed event or a wrong prev_hash', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 30 }), fc.array(tamper, { maxLength: 3 }), (n, tampers) => {
      let links = chain(n);
      for (const t of tampers) {
        const i = t.at % Math.max(1, links.length);
        const link = links[i];
        if (!link) continue;
        if (t.kind === 'payload') links[i] = { ...link, payload: { parent: 'P', child: 'forged' } };
        if (t.kind === 'delete') links = links.filter((_, k) => k !== i);
        if (t.kind === 'rehash') links[i] = { ...link, payload: { x: 1 }, hash: chainHash({ ...link, payload: { x: 1 } }, link.prevHash!) };
        if (t.kind === 'prev') links[i] = { ...link, prevHash: '1'.repeat(64) };
      }
      const walker = new ChainWalker('walk');
      links.some((l) => !walker.push(l));
      expect(walker.verdict()).toEqual(verifyChain('walk', links));
    }), { numRuns: 300 });
  });
});

describeWithCentral('central\'s copy of a station\'s chain', (pg) => {
  const open: Array<{ end(): Promise<void> } | StationDb> = [];
  afterAll(async () => {
    for (const o of open) await ('db' in o ? o.close() : o.end());
  });

  /** A station whose events (scans, a login, a supervisor's override, a user change) are all at central. */
  async function replicated(id: string, scans = 120) {
    const url = await pg.central.provision(id);
    const pool = new Pool({ connectionString: url, max: 1 });
    pool.on('error', () => undefined);
    const local = createStationDb(id);
    open.push(pool, local);
    const who = { userId: 'ana', role: 'packer', sessionId: 'sess-1' };
    local.append([{ type: 'session.started', payload: { sessionId: 'sess-1', userId: 'ana', name: 'Ana', role: 'packer' }, who }]);
    local.appendScans(scans, 25);
    local.append([
      { type: 'override.approved', payload: { action: 'bag.close', permission: 'pack.close', requestedBy: 'ana', supervisorId: 'sup', reason: 'x' }, who: { ...who, approvedBy: 'sup' } },
      { type: 'user.created', payload: { userId: `${id}-u`, name: 'Ümlaut "quoted" ✓', role: 'biller', badge: `B-${id}`, pinHash: null, baseVersion: null }, who },
      { type: 'scan.rejected', payload: { code: 'X-1', codeClass: 'unknown', reason: 'unknown code', n: 1.5, big: 12345678901, nested: { b: [1, 2], a: null } }, who },
    ]);
    const rows = local.events();
    await inTransaction(pool, timeouts, (c) => ingestBatch(c, id, rows));
    return { url, pool, local, rows };
  }

  it('verifies after replication, page by page, through the station\'s own role and through an admin', async () => {
    const { url, pool, local, rows } = await replicated('audit-ok');
    const last = rows.at(-1)!;
    const expected = { checked: rows.length, lastSeq: last.seq, head: last.hash, broken: null, stationId: 'audit-ok', mark: rows.length, deadLetter: null };
    expect(verifyChain('audit-ok', rows.map(asLink))).toMatchObject({ broken: null, head: last.hash });
    expect(await verifyCentralChain(pool, 'audit-ok', { pageSize: 7 })).toEqual(expected);
    expect(await verifyCentralChainAt(pg.central.adminUrl, 'audit-ok')).toEqual(expected);
    // and after more events, through the worker thread's code path
    local.append([{ type: 'session.ended', payload: { sessionId: 'sess-1', reason: 'logout' }, who: { userId: 'ana', role: 'packer', sessionId: 'sess-1' } }]);
    local.appendScans(30, 25);
    const r = new Replicator({ dbPath: local.file, stationId: 'audit-ok', config: testConfig(url) });
    void r.start();
    const total = local.events().length;
    try {
      await waitFor('the new events to reach central', () => r.status().centralMark === total);
    } finally {
      await r.stop();
    }
    expect(await verifyCentralChainAt(url, 'audit-ok', { pageSize: 50 })).toMatchObject({ checked: total, lastSeq: total, head: local.events().at(-1)!.hash, broken: null });
  });

  it('a payload edited at central (as superuser) is found at its seq, with the recomputed and the stored hash', async () => {
    const { rows } = await replicated('audit-edit');
    const n = 40;
    const row = rows[n - 1]!;
    await pg.central.admin.query(`UPDATE central.station_events SET payload = jsonb_set(payload, '{child}', '"FORGED"') WHERE station_id = 'audit-edit' AND seq = $1`, [n]);
    const forged = { ...asLink(row), payload: { ...(JSON.parse(row.payload) as object), child: 'FORGED' } };
    const v = await verifyCentralChainAt(pg.central.adminUrl, 'audit-edit', { pageSize: 16 });
    expect(v.broken).toEqual({ stationId: 'audit-edit', seq: n, kind: 'hash', expected: chainHash(forged, rows[n - 2]!.hash!), found: row.hash });
    expect(v).toMatchObject({ checked: n - 1, lastSeq: n - 1, head: rows[n - 2]!.hash });
  });

  it('a row deleted at central is found at its seq; so is a deleted last row, and a re-hashed row breaks the link after it', async () => {
    await replicated('audit-del');
    await pg.central.admin.query(`DELETE FROM central.station_events WHERE station_id = 'audit-del' AND seq = 17`);
    expect((await verifyCentralChainAt(pg.central.adminUrl, 'audit-del', { pageSize: 10 })).broken)
      .toEqual({ stationId: 'audit-del', seq: 17, kind: 'missing', expected: 'seq 17', found: 'seq 18' });

    const tail = await replicated('audit-tail');
    const lastSeq = tail.rows.length;
    await pg.central.admin.query(`DELETE FROM central.station_events WHERE station_id = 'audit-tail' AND seq = $1`, [lastSeq]);
    expect((await verifyCentralChainAt(pg.central.adminUrl, 'audit-tail')).broken).toEqual({ stationId: 'audit-tail', seq: lastSeq, kind: 'missing',
      expected: `seq ${lastSeq}`, found: `(none: central's copy ends at seq ${lastSeq - 1}, its mark is ${lastSeq})` });

    // a forger who also recomputes the edited row's hash still breaks the next link
    const re = await replicated('audit-rehash');
    const row = re.rows[9]!;
    const forged = { ...asLink(row), payload: { forged: true } };
    const rehash = chainHash(forged, row.prevHash!);
    await pg.central.admin.query(`UPDATE central.station_events SET payload = '{"forged": true}', hash = $2 WHERE station_id = 'audit-rehash' AND seq = $1`, [10, rehash]);
    expect((await verifyCentralChainAt(pg.central.adminUrl, 'audit-rehash')).broken)
      .toEqual({ stationId: 'audit-rehash', seq: 11, kind: 'prev_hash', expected: rehash, found: re.rows[10]!.prevHash });
  });

  it('a dead-lettered event is named as the reason for the missing seq', async () => {
    const url = await pg.central.provision('audit-dead');
    const local = createStationDb('audit-dead');
    open.push(local);
    local.appendScans(5, 10);
    const bad = local.appendRaw('scan.rejected', '{"code": "\\u0000"}'); // valid JSON, but jsonb refuses the NUL
    local.appendScans(5, 10);
    const pool = new Pool({ connectionString: url, max: 1 });
    pool.on('error', () => undefined);
    open.push(pool);
    expect(await inTransaction(pool, timeouts, (c) => ingestBatch(c, 'audit-dead', local.events()))).toMatchObject({ deadLettered: 1 });
    const { rows } = await pg.central.admin.query(`SELECT hash, prev_hash FROM central.dead_letters WHERE station_id = 'audit-dead'`);
    expect(rows).toEqual([{ hash: local.events()[bad - 1]!.hash, prev_hash: local.events()[bad - 1]!.prevHash }]);
    const v = await verifyCentralChain(pool, 'audit-dead');
    expect(v.broken).toMatchObject({ seq: bad, kind: 'missing' });
    expect(v.deadLetter).toEqual({ seq: bad, sqlstate: '22P05', error: expect.stringContaining('unsupported Unicode escape sequence') });
  });

  it('another station\'s copy or a wrong password: a clear error without the password', async () => {
    const { url } = await replicated('audit-own', 5);
    await replicated('audit-other', 5);
    await expect(verifyCentralChainAt(url, 'audit-other')).rejects.toThrow(new CentralAuditError(
      'central has no station "audit-other" that this login may read (not provisioned, or the login may read only its own station)'));
    const wrong = new URL(url);
    wrong.password = 'Wr0ngSecret';
    const err = await verifyCentralChainAt(wrong.toString(), 'audit-own').catch((e: Error) => e);
    expect(err).toBeInstanceOf(CentralAuditError);
    expect((err as Error).message).toMatch(/^cannot read central's copy on postgres:\/\/station_audit-own:\*\*\*@.*password authentication failed/);
    expect((err as Error).message).not.toContain('Wr0ngSecret');
  });
});
