import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { finished } from 'node:stream/promises';
import { copyBatch, ingestBatch } from '../../../src/central/ingest';
import { inTransaction } from '../../../src/central/transaction';
import { describeWithCentral } from './helpers/central-db';
import { closeAll, testStation, type Closable } from './helpers/test-station';

jest.setTimeout(120_000);

const timeouts = { statementTimeoutMs: 60_000, idleInTransactionTimeoutMs: 60_000 };

/**
 * The COPY path of ingest (migration 1730000000009, ingest-staged.sql.ts): one staging table shared by
 * every station, keyed by the staging transaction. What makes that safe is tested here: a station can
 * neither choose the key nor read or empty the table, every staged row is gone when the transaction
 * commits, and a malformed batch is refused by name.
 */
describeWithCentral('central ingest through COPY staging', (pg) => {
  const open: Closable[] = [];
  afterAll(() => closeAll(open));
  const station = (id: string) => testStation(pg.central, id, open, timeouts);
  const staged = async () => (await pg.central.admin.query<{ n: number }>('SELECT count(*)::int AS n FROM central.ingest_staging')).rows[0]!.n;

  /** COPYs `text` as the station, then runs `after` in the same transaction. */
  async function stageAs(url: string, text: string, columns: string, after?: (c: Client) => Promise<unknown>) {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      await c.query('BEGIN');
      const copy = c.query(copyFrom(`COPY central.ingest_staging (${columns}) FROM STDIN`));
      const done = finished(copy);
      copy.end(text);
      await done;
      const result = await after?.(c);
      await c.query('COMMIT');
      return result;
    } finally {
      await c.end();
    }
  }

  it('stores a batch with the events byte for byte and leaves nothing staged', async () => {
    const s = await station('staged-a');
    s.local.appendScans(3, 5);
    const rows = s.local.events();
    const result = await inTransaction(s.pool, timeouts, (c) => ingestBatch(c, 'staged-a', copyBatch(rows)));
    expect(result).toEqual({ ackedSeq: rows.length, inserted: rows.length, deadLettered: 0 });
    const { rows: central } = await pg.central.admin.query(`SELECT seq::int, id::text, payload::text, hash FROM central.station_events
      WHERE station_id = 'staged-a' ORDER BY seq`);
    expect(central.map((r) => [r.seq, r.id, JSON.parse(r.payload), r.hash])).toEqual(rows.map((r) => [r.seq, r.id, JSON.parse(r.payload), r.hash]));
    expect(await staged()).toBe(0);
  });

  it('carries tabs, newlines, backslashes and non-ASCII in any field through the COPY text format', async () => {
    const s = await station('staged-b');
    s.local.appendScans(1, 5);
    const [row] = s.local.events();
    const odd = { ...row!, deviceId: 'dev\t1\\x\n\r', userId: 'Jürgen ✓ \\N', payload: JSON.stringify({ note: 'tab\tnl\nback\\slash ✓' }) };
    expect(copyBatch([odd]).copy!.toString()).not.toMatch(/dev\t1/);
    await inTransaction(s.pool, timeouts, (c) => ingestBatch(c, 'staged-b', copyBatch([odd])));
    const { rows: [stored] } = await pg.central.admin.query(`SELECT device_id, user_id, payload->>'note' AS note FROM central.station_events
      WHERE station_id = 'staged-b'`);
    expect(stored).toEqual({ device_id: 'dev\t1\\x\n\r', user_id: 'Jürgen ✓ \\N', note: 'tab\tnl\nback\\slash ✓' });
  });

  it('refuses a station that tries to pick the staging key, read the table or empty it', async () => {
    const s = await station('staged-c');
    await expect(stageAs(s.url, '1\t1\n', 'txid, seq')).rejects.toMatchObject({ code: '42501' });
    const c = new Client({ connectionString: s.url });
    await c.connect();
    try {
      for (const sql of ['SELECT * FROM central.ingest_staging', 'DELETE FROM central.ingest_staging', 'TRUNCATE central.ingest_staging',
        'UPDATE central.ingest_staging SET seq = 1']) {
        await expect(c.query(sql)).rejects.toMatchObject({ code: '42501' });
      }
    } finally {
      await c.end();
    }
  });

  it('refuses a seq staged twice, a batch with a hole, and a batch for another station, and keeps nothing of them', async () => {
    const s = await station('staged-d');
    await station('staged-e');
    s.local.appendScans(3, 5);
    const rows = s.local.events();
    const text = (list: typeof rows) => copyBatch(list).copy!.toString();
    const columns = 'seq, id, type, payload, device_time, correlation_id, device_id, user_id, role, session_id, approved_by, prev_hash, hash';
    await expect(stageAs(s.url, text([rows[0]!, rows[0]!]), columns)).rejects.toMatchObject({ code: '23505', constraint: 'ingest_staging_batch_seq' });
    await expect(stageAs(s.url, text([rows[0]!, rows[2]!]), columns,
      (c) => c.query('SELECT * FROM central.ingest_staged($1, 1, 3)', ['staged-d']))).rejects.toMatchObject({ code: 'SG002' });
    await expect(stageAs(s.url, text(rows), columns,
      (c) => c.query('SELECT * FROM central.ingest_staged($1, 1, $2)', ['staged-e', rows.length]))).rejects.toMatchObject({ code: '42501' });
    expect(await staged()).toBe(0);
    const { rows: [n] } = await pg.central.admin.query(`SELECT count(*)::int AS n FROM central.station_events WHERE station_id IN ('staged-d', 'staged-e')`);
    expect(n).toEqual({ n: 0 });
  });

  it('dead-letters a poison event from a staged batch and stores the rest', async () => {
    const s = await station('staged-f');
    s.local.appendScans(2, 5);
    const rows = s.local.events();
    const poisoned = rows.map((r, i) => (i === 1 ? { ...r, deviceTime: 'not a time' } : r));
    const result = await inTransaction(s.pool, timeouts, (c) => ingestBatch(c, 'staged-f', copyBatch(poisoned)));
    expect(result).toEqual({ ackedSeq: rows.length, inserted: rows.length - 1, deadLettered: 1 });
    const { rows: dead } = await pg.central.admin.query(`SELECT seq::int, sqlstate FROM central.dead_letters WHERE station_id = 'staged-f'`);
    expect(dead).toEqual([{ seq: rows[1]!.seq, sqlstate: '22007' }]);
    expect(await staged()).toBe(0);
  });
});
