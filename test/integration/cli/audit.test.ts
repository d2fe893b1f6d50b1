import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { ingestBatch } from '../../../src/central/ingest';
import { inTransaction } from '../../../src/central/transaction';
import { databaseFile, openStore } from '../../../src/store';
import { parsedPayload } from '../../../src/store/audit-reader';
import { chainHash } from '../../../src/store/hash-chain';
import { OutboxReader } from '../../../src/store/outbox';
import { stationRegistry } from '../../../src/workflows';
import { describeWithCentral } from '../central/helpers/central-db';
import { closedPort, station } from './run-cli';

jest.setTimeout(120_000);

const STATION = 'pack-audit';

interface Row {
  seq: number; id: string; station_id: string; type: string; payload: string; device_time: string; correlation_id: string;
  device_id: string | null; user_id: string | null; role: string | null; session_id: string | null; approved_by: string | null;
  prev_hash: string; hash: string;
}

let dir: string;
let configFile: string;
let dataDir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-cli-'));
  dataDir = path.join(dir, 'data');
  configFile = path.join(dir, 'station.json');
  fs.writeFileSync(configFile, JSON.stringify({ stationId: STATION, dataDir }));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** `n` events through the real store (its event log writes the chain), by a packer, one approved by a supervisor. */
function seed(n: number, stationId = STATION, into = dataDir): Row[] {
  const store = openStore({ file: databaseFile(into), stationId, registry: stationRegistry(), checkpointIntervalMs: 60_000 });
  try {
    const who = { deviceId: 'serial-1', userId: 'ana', role: 'packer' as const, sessionId: 'sess-1', approvedBy: null };
    for (let i = 1; i <= n; i++) {
      store.log.append([{ type: 'scan.rejected', payload: { code: `X-${i}`, codeClass: 'unknown', reason: 'unknown code' } }],
        { ...who, correlationId: `corr-${i}`, approvedBy: i === 2 ? 'sup-1' : null });
    }
  } finally {
    store.close();
  }
  return rows(into);
}

function rows(into = dataDir): Row[] {
  const db = new Database(databaseFile(into), { readonly: true });
  try {
    return db.prepare('SELECT * FROM events ORDER BY seq').all() as Row[];
  } finally {
    db.close();
  }
}

/** Runs SQL on the station database the way someone with file access could, past the append-only triggers. */
function tamper(sql: string): void {
  const db = new Database(databaseFile(dataDir));
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

const recomputed = (r: Row, payload: string, prev: string) => chainHash({
  stationId: r.station_id, seq: r.seq, id: r.id, type: r.type, payload: parsedPayload(payload), deviceTime: r.device_time, correlationId: r.correlation_id,
  deviceId: r.device_id, userId: r.user_id, role: r.role, sessionId: r.session_id, approvedBy: r.approved_by,
}, prev);

const verify = (...extra: string[]) => station(['audit', 'verify', '--config', configFile, ...extra]);

describe('station audit verify: the local chain', () => {
  test('an intact log: its head, exit 0', () => {
    const events = seed(5);
    const r = verify();
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`local ${STATION} (${databaseFile(dataDir)}): intact, 5 events; head seq 5 ${events[4]!.hash}\naudit chain intact\n`);
    expect(r.code).toBe(0);
  });

  test('a payload edited behind the append-only trigger is found at its seq, with the expected and the stored hash; exit 1', () => {
    const events = seed(6);
    const forged = '{"code":"X-3","codeClass":"unknown","reason":"nothing to see"}';
    tamper(`DROP TRIGGER events_no_update; UPDATE events SET payload = '${forged}' WHERE seq = 3`);
    const r = verify();
    expect(r.stdout).toBe([
      `local ${STATION} (${databaseFile(dataDir)}): BROKEN at station ${STATION} seq 3: hash: the event is not what was recorded (its content or fields changed)`,
      `  expected ${recomputed(events[2]!, forged, events[1]!.hash)}`,
      `  found    ${events[2]!.hash}`,
      `  intact before it: 2 events; head seq 2 ${events[1]!.hash}`,
      'audit chain BROKEN', ''].join('\n'));
    expect(r.code).toBe(1);
  });

  test('an edited approver, and a payload that is no longer JSON, are found too', () => {
    const events = seed(4);
    tamper(`DROP TRIGGER events_no_update; UPDATE events SET approved_by = NULL WHERE seq = 2`);
    expect(verify().stdout).toContain(`BROKEN at station ${STATION} seq 2: hash`);
    tamper(`UPDATE events SET approved_by = 'sup-1' WHERE seq = 2; UPDATE events SET payload = 'not json' WHERE seq = 4`);
    const r = verify('--json');
    expect(JSON.parse(r.stdout)).toEqual({ intact: false, chains: [{ source: 'local', stationId: STATION, where: databaseFile(dataDir), checked: 3, lastSeq: 3,
      head: events[2]!.hash, mark: 0, note: null,
      broken: { stationId: STATION, seq: 4, kind: 'hash', expected: recomputed(events[3]!, 'not json', events[2]!.hash), found: events[3]!.hash } }] });
    expect(r.code).toBe(1);
  });

  test('a deleted event is found at its seq; a deleted last event is found against the acknowledged mark', () => {
    seed(5);
    tamper('DROP TRIGGER events_no_delete; DELETE FROM outbox WHERE seq = 3; DELETE FROM events WHERE seq = 3');
    let r = verify('--json');
    expect(JSON.parse(r.stdout).chains[0].broken).toEqual({ stationId: STATION, seq: 3, kind: 'missing', expected: 'seq 3', found: 'seq 4' });
    expect(r.code).toBe(1);
    r = verify();
    expect(r.stdout).toContain(`BROKEN at station ${STATION} seq 3: missing: seqs skip here (an event was deleted)\n  expected seq 3\n  found    seq 4\n`);

    fs.rmSync(dataDir, { recursive: true });
    seed(5);
    tamper('DROP TRIGGER events_no_delete; UPDATE replication_state SET acked_seq = 5; DELETE FROM outbox; DELETE FROM events WHERE seq = 5');
    r = verify('--json');
    expect(JSON.parse(r.stdout).chains[0]).toMatchObject({ mark: 5, broken: { seq: 5, kind: 'missing', expected: 'seq 5',
      found: '(none: the log ends at seq 4, central acknowledged seq 5)' } });
    expect(r.code).toBe(1);
  });

  test('bad usage, no database, or a database from before the audit chain: a clear message, exit 2', () => {
    const usage = [station(['audit']), station(['audit', 'check']), verify('--station', 'other'), verify('--central', 'http://db/x'),
      verify('--central', 'postgres://a:b@127.0.0.1:1/c', '--station', 'Bad Id')];
    expect(usage.map((r) => r.code)).toEqual([2, 2, 2, 2, 2]);
    expect(usage[0]!.stderr).toContain('expected: station audit verify');
    expect(usage[2]!.stderr).toContain('--station names whose central copy to verify: it needs --central URL');
    expect(usage[3]!.stderr).toContain('expected a postgres:// or postgresql:// URL');
    expect(usage[4]!.stderr).toContain('--station: "Bad Id" is not a station id');

    const none = verify();
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`station: cannot open the station database ${databaseFile(dataDir)}`);

    fs.mkdirSync(dataDir, { recursive: true });
    fs.copyFileSync(path.resolve(__dirname, '../../fixtures/store/station-0.1.0.db'), databaseFile(dataDir));
    const old = verify();
    expect(old.code).toBe(2);
    expect(old.stderr).toMatch(/has no audit chain yet \(no such column: .*\): start the station once so it migrates its store/);
  });
});

describeWithCentral('station audit verify --central', (pg) => {
  const PASSWORD_HINT = /:[^:@/]+@/;

  /** Seeds the local store and replicates all of it; returns the station's own URL. */
  async function replicated(n: number, stationId = STATION): Promise<{ url: string; events: Row[] }> {
    const events = seed(n, stationId);
    const url = await pg.central.provision(stationId);
    const pool = new Pool({ connectionString: url, max: 1 });
    const reader = new OutboxReader(databaseFile(dataDir));
    try {
      const res = await inTransaction(pool, { statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 60_000 },
        (c) => ingestBatch(c, stationId, reader.readBatch(0, 10_000, 1 << 24)));
      reader.acknowledge(res.ackedSeq);
    } finally {
      reader.close();
      await pool.end();
    }
    return { url, events };
  }

  const secretOf = (url: string) => decodeURIComponent(new URL(url).password);

  test('both copies intact: exit 0, and the URL is shown without its password', async () => {
    const { url, events } = await replicated(7);
    const r = verify('--central', url);
    const shown = url.replace(PASSWORD_HINT, ':***@');
    expect(r.stdout).toBe([
      `local ${STATION} (${databaseFile(dataDir)}): intact, 7 events; head seq 7 ${events[6]!.hash}`,
      `central ${STATION} (${shown}): intact, 7 events up to central's mark 7; head seq 7 ${events[6]!.hash}`,
      'audit chain intact', ''].join('\n'));
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(secretOf(url));
  });

  test('central\'s copy tampered by a superuser: exit 1 at central\'s seq while the local copy is intact', async () => {
    const { url, events } = await replicated(6, 'pack-audit-2');
    fs.writeFileSync(configFile, JSON.stringify({ stationId: 'pack-audit-2', dataDir }));
    await pg.central.admin.query(`UPDATE central.station_events SET payload = '{"code": "X-4"}' WHERE station_id = 'pack-audit-2' AND seq = 4`);
    const r = verify('--central', url, '--json');
    const report = JSON.parse(r.stdout);
    expect(report.intact).toBe(false);
    expect(report.chains[0]).toMatchObject({ source: 'local', broken: null, lastSeq: 6 });
    expect(report.chains[1]).toMatchObject({ source: 'central', stationId: 'pack-audit-2', mark: 6, checked: 3, lastSeq: 3, head: events[2]!.hash,
      broken: { stationId: 'pack-audit-2', seq: 4, kind: 'hash', expected: recomputed(events[3]!, '{"code": "X-4"}', events[2]!.hash), found: events[3]!.hash } });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain(secretOf(url));

    // an admin's machine, no station database there: --station reads only central's copy
    fs.rmSync(dataDir, { recursive: true });
    const admin = verify('--central', pg.central.adminUrl, '--station', 'pack-audit-2');
    expect(admin.stdout).toContain('central pack-audit-2 (');
    expect(admin.stdout).toContain('BROKEN at station pack-audit-2 seq 4: hash');
    expect(admin.stdout).toMatch(/^local: skipped \(no station database at /);
    expect(admin.code).toBe(1);
    expect(admin.stdout + admin.stderr).not.toContain(secretOf(pg.central.adminUrl));
  });

  test('central unreachable, or a wrong password: one clear line, exit 2, never the password', async () => {
    seed(2);
    const port = await closedPort();
    const unreachable = verify('--central', `postgres://station_x:Sup3rSecret@127.0.0.1:${port}/central`);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toBe(`station: cannot read central's copy on postgres://station_x:***@127.0.0.1:${port}/central: `
      + `central unreachable: connect ECONNREFUSED 127.0.0.1:${port}\n`);
    const wrong = new URL(pg.central.adminUrl);
    wrong.password = 'Wr0ngSecret';
    const refused = verify('--central', wrong.toString());
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('password authentication failed');
    expect(refused.stdout + refused.stderr).not.toContain('Wr0ngSecret');
  });
});
