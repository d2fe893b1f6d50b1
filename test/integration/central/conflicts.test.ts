import { Pool } from 'pg';
import { ingestBatch } from '../../../src/central/ingest';
import { Replicator } from '../../../src/central/replicator';
import { inTransaction } from '../../../src/central/transaction';
import { markRejectionSeen, unseenRejections } from '../../../src/store/reference-cache';
import { OutboxReader, type OutboxRow } from '../../../src/store/outbox';
import { postgresUnavailable, startPostgres, type PgCluster } from '../../helpers/postgres';
import { testConfig } from './helpers/config';
import { createCentralDb, type CentralDb } from './helpers/central-db';
import { createStationDb, type StationDb } from './helpers/station-db';
import { waitFor } from './helpers/wait';

jest.setTimeout(120_000);

const skip = postgresUnavailable();
if (skip) console.warn(`central conflict tests skipped: ${skip}`);
const describePg = skip ? describe.skip : describe;

const timeouts = { statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 60_000 };

/** Two stations that worked offline and now sync; whoever's batch commits first at central wins. */
describePg('conflicts are decided by central commit order', () => {
  let cluster: PgCluster;
  let central: CentralDb;
  const open: Array<{ end(): Promise<void> } | StationDb> = [];

  beforeAll(async () => {
    cluster = await startPostgres();
    central = await createCentralDb(cluster);
  }, 60_000);

  afterAll(async () => {
    for (const o of open) await ('db' in o ? o.close() : o.end());
    await central?.close();
    await cluster?.teardown();
  });

  async function station(id: string) {
    const url = await central.provision(id);
    const pool = new Pool({ connectionString: url, max: 1 });
    const local = createStationDb(id);
    open.push(pool, local);
    let sent = 0;
    return {
      url, local,
      /** Sends everything not yet sent as one batch. */
      sync: async () => {
        const rows = local.events().filter((r: OutboxRow) => r.seq > sent);
        const res = await inTransaction(pool, timeouts, (c) => ingestBatch(c, id, rows));
        sent = res.ackedSeq;
        return res;
      },
    };
  }

  const rejections = async (stationId: string) => (await central.admin.query(
    `SELECT seq::int, type, reason, winner_station, winner_seq::int FROM central.rejections WHERE station_id = $1 ORDER BY seq`, [stationId])).rows;
  const bag = async (code: string) => (await central.admin.query(
    `SELECT status, link_count, closed_station FROM central.bags WHERE code = $1`, [code])).rows[0];
  const activeParentOf = async (child: string) => (await central.admin.query(
    `SELECT parent FROM central.bag_links WHERE child = $1 AND reversed_seq IS NULL`, [child])).rows.map((r) => r.parent);

  it('the same child linked to two parents: the first commit wins, the other becomes a rejection', async () => {
    const a = await station('conf-a');
    const b = await station('conf-b');
    a.local.append([{ type: 'bag.parent_opened', payload: { parent: 'PA', capacity: 10 } }, { type: 'bag.child_linked', payload: { parent: 'PA', child: 'C1' } }]);
    b.local.append([{ type: 'bag.parent_opened', payload: { parent: 'PB', capacity: 10 } }, { type: 'bag.child_linked', payload: { parent: 'PB', child: 'C1' } },
      { type: 'bag.child_linked', payload: { parent: 'PB', child: 'C2' } }]);
    await b.sync(); // B reaches central first this time
    await a.sync();
    expect(await activeParentOf('C1')).toEqual(['PB']);
    expect(await rejections('conf-a')).toEqual([{ seq: 2, type: 'bag.child_linked', reason: 'child_linked_elsewhere', winner_station: 'conf-b', winner_seq: 2 }]);
    expect(await rejections('conf-b')).toEqual([]);
    expect(await bag('PA')).toMatchObject({ status: 'open', link_count: 0 });
    expect(await bag('PB')).toMatchObject({ status: 'open', link_count: 2 });
  });

  it('a bag closed twice: the second close is rejected, and links after the close are refused', async () => {
    const a = await station('close-a');
    const b = await station('close-b');
    a.local.append([{ type: 'bag.parent_opened', payload: { parent: 'PX', capacity: 3 } }, { type: 'bag.child_linked', payload: { parent: 'PX', child: 'X1' } },
      { type: 'bag.parent_closed', payload: { parent: 'PX', reason: 'manual', count: 1 } }]);
    b.local.append([{ type: 'bag.child_linked', payload: { parent: 'PX', child: 'X2' } }, { type: 'bag.parent_closed', payload: { parent: 'PX', reason: 'manual', count: 1 } },
      { type: 'bag.parent_reopened', payload: { parent: 'PX', reason: 'undo' } }]);
    await a.sync();
    await b.sync();
    expect(await bag('PX')).toEqual({ status: 'closed', link_count: 1, closed_station: 'close-a' });
    expect(await rejections('close-b')).toEqual([
      { seq: 1, type: 'bag.child_linked', reason: 'parent_closed', winner_station: 'close-a', winner_seq: 3 },
      { seq: 2, type: 'bag.parent_closed', reason: 'bag_already_closed', winner_station: 'close-a', winner_seq: 3 },
      { seq: 3, type: 'bag.parent_reopened', reason: 'closed_elsewhere', winner_station: 'close-a', winner_seq: 3 },
    ]);
  });

  it('applies a batch in seq order: undo frees a child, a reopen admits links, a repeated link is refused', async () => {
    const a = await station('order-a');
    const seqs = a.local.append([
      { type: 'bag.parent_opened', payload: { parent: 'PO', capacity: 2 } },
      { type: 'bag.child_linked', payload: { parent: 'PO', child: 'O1' } },
      { type: 'bag.child_linked', payload: { parent: 'PO', child: 'O2' } },
      { type: 'bag.parent_closed', payload: { parent: 'PO', reason: 'capacity', count: 2 } },
    ]);
    a.local.append([
      { type: 'bag.link_reversed', payload: { parent: 'PO', child: 'O2', reversesSeq: seqs[2], reason: 'wrong item' } },
      { type: 'bag.parent_reopened', payload: { parent: 'PO', reason: 'undo' } },
      { type: 'bag.child_linked', payload: { parent: 'PO', child: 'O3' } },
      { type: 'bag.child_linked', payload: { parent: 'PO', child: 'O3' } },
      { type: 'bag.child_linked', payload: { parent: 'PO', child: 'O2' } },
    ]);
    await a.sync();
    expect(await bag('PO')).toMatchObject({ status: 'open', link_count: 3 });
    expect(await activeParentOf('O2')).toEqual(['PO']);
    expect(await rejections('order-a')).toEqual([{ seq: 8, type: 'bag.child_linked', reason: 'child_already_linked', winner_station: 'order-a', winner_seq: 7 }]);
  });

  it('sends each station its rejections, for the supervisor to see', async () => {
    const a = await station('down-a');
    const b = await station('down-b');
    a.local.append([{ type: 'bag.child_linked', payload: { parent: 'PD', child: 'D1' } }]);
    b.local.append([{ type: 'bag.child_linked', payload: { parent: 'PE', child: 'D1' } }]);
    await a.sync();
    const r = new Replicator({ dbPath: b.local.file, stationId: 'down-b', config: testConfig(b.url) });
    void r.start();
    try {
      await waitFor('the rejection to reach station B', () => r.status().unseenRejections === 1);
    } finally {
      await r.stop();
    }
    const reader = new OutboxReader(b.local.file);
    const [seen] = unseenRejections(reader.connection);
    expect(seen).toMatchObject({ seq: 1, type: 'bag.child_linked', reason: 'child_linked_elsewhere', winnerStation: 'down-a', winnerSeq: 1 });
    markRejectionSeen(reader.connection, seen!.centralId);
    expect(unseenRejections(reader.connection)).toEqual([]);
    reader.close();
  });
});
