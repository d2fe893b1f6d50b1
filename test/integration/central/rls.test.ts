import { Client } from 'pg';
import { inTransaction } from '../../../src/central/transaction';
import { ingestBatch } from '../../../src/central/ingest';
import { Pool } from 'pg';
import { postgresUnavailable, startPostgres, type PgCluster } from '../../helpers/postgres';
import { createCentralDb, type CentralDb } from './helpers/central-db';
import { createStationDb } from './helpers/station-db';

jest.setTimeout(120_000);

const skip = postgresUnavailable();
if (skip) console.warn(`central privilege tests skipped: ${skip}`);
const describePg = skip ? describe.skip : describe;

const timeouts = { statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 60_000 };

describePg('least privilege: each station role', () => {
  let cluster: PgCluster;
  let central: CentralDb;
  let a: Client;
  const ev = (station: string, seq: number) => [station, seq, '01890a5d-ac96-774b-bcce-b302099a8057', 'scan.rejected', '{}', new Date(), 'c1'];
  const insertEvent = `INSERT INTO central.station_events (station_id, seq, id, type, payload, device_time, correlation_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`;

  beforeAll(async () => {
    cluster = await startPostgres();
    central = await createCentralDb(cluster);
    const urlA = await central.provision('rls-a');
    const urlB = await central.provision('rls-b');
    // station B replicates a little, so there is something of B's that A must not see or touch
    const b = createStationDb('rls-b');
    b.appendScans(20, 5);
    const poolB = new Pool({ connectionString: urlB });
    await inTransaction(poolB, timeouts, (c) => ingestBatch(c, 'rls-b', b.events()));
    await poolB.end();
    b.close();
    await central.admin.query(`INSERT INTO central.rejections (station_id, seq, event_id, type, reason, detail)
      VALUES ('rls-b', 1, '01890a5d-ac96-774b-bcce-b302099a8057', 'bag.child_linked', 'parent_closed', 'test')`);
    a = new Client({ connectionString: urlA });
    await a.connect();
  }, 60_000);

  afterAll(async () => {
    await a?.end();
    await central?.close();
    await cluster?.teardown();
  });

  const denied = (sql: string, params: unknown[] = []) => expect(a.query(sql, params)).rejects.toMatchObject({ code: '42501' });

  it('may insert events only with its own station id', async () => {
    await denied(insertEvent, ev('rls-b', 100));
    await expect(a.query(insertEvent, ev('rls-a', 100))).resolves.toMatchObject({ rowCount: 1 });
  });

  it('cannot ingest, move a mark, dead-letter or heartbeat for another station', async () => {
    await denied(`SELECT * FROM central.ingest('rls-b', ARRAY[21]::bigint[], ARRAY['01890a5d-ac96-774b-bcce-b302099a8057'], ARRAY['x'],
      ARRAY['{}'], ARRAY['2024-01-01T00:00:00Z'], ARRAY['c'], ARRAY[NULL]::text[], ARRAY[NULL]::text[])`);
    await denied(`SELECT central.apply_batch('rls-b', 20, 25)`);
    await denied(`SELECT central.lock_mark('rls-b')`);
    await denied(`SELECT central.dead_letter('rls-b', 21, 'x', 'x', 'x', 'x', 'x', NULL, NULL, '22P02', 'x')`);
    await denied(`SELECT central.heartbeat('rls-b', 1, 0, NULL)`);
  });

  it('cannot update, delete or truncate events, its own included', async () => {
    await denied(`UPDATE central.station_events SET type = 'x' WHERE station_id = 'rls-a'`);
    await denied(`DELETE FROM central.station_events WHERE station_id = 'rls-a'`);
    await denied(`TRUNCATE central.station_events`);
    await denied(`UPDATE central.station_events SET type = 'x' WHERE station_id = 'rls-b'`);
  });

  it('cannot change marks, projections, rejections or dead letters, nor call the internal projection functions', async () => {
    await denied(`UPDATE central.station_marks SET acked_seq = 0`);
    await denied(`UPDATE central.bags SET status = 'open'`);
    await denied(`DELETE FROM central.bag_links`);
    await denied(`INSERT INTO central.rejections (station_id, seq, event_id, type, reason, detail) VALUES ('rls-a', 1, gen_random_uuid(), 'x', 'parent_closed', 'x')`);
    await denied(`DELETE FROM central.dead_letters`);
    await denied(`SELECT central.link_run('rls-b', 0, 10, '{}', '{}')`);
    await denied(`SELECT central.project_event('rls-b', 1, gen_random_uuid(), 'bag.parent_closed', '{"parent":"x"}')`);
    await denied(`SELECT central.reject('rls-b', 1, gen_random_uuid(), 'x', 'parent_closed', 'x', NULL, NULL)`);
    await denied(`INSERT INTO central.users (id, name, role) VALUES ('u', 'u', 'admin')`);
  });

  it('reads only what it needs: its own events, mark and rejections, plus reference data', async () => {
    expect((await a.query(`SELECT DISTINCT station_id FROM central.station_events`)).rows).toEqual([{ station_id: 'rls-a' }]);
    expect((await a.query(`SELECT station_id FROM central.station_marks`)).rows).toEqual([{ station_id: 'rls-a' }]);
    expect((await a.query(`SELECT * FROM central.rejections`)).rows).toEqual([]);
    await expect(a.query(`SELECT count(*) FROM central.bags`)).resolves.toBeTruthy();
    await expect(a.query(`SELECT count(*) FROM central.users`)).resolves.toBeTruthy();
    await denied(`SELECT * FROM central.stations`);
    await denied(`SELECT * FROM central.heartbeats`);
    await denied(`SELECT * FROM central.bag_links`);
  });

  it('cannot create objects or escalate', async () => {
    await denied(`CREATE TABLE central.evil (x int)`);
    await denied(`CREATE TABLE public.evil (x int)`);
    await denied(`ALTER TABLE central.station_events DISABLE ROW LEVEL SECURITY`);
    await expect(a.query(`SET ROLE central_super`)).rejects.toMatchObject({ code: '42501' });
  });
});
