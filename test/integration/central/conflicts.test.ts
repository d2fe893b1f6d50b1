import { Pool } from 'pg';
import { ingestBatch } from '../../../src/central/ingest';
import { projectAll } from '../../../src/central/projector';
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
      /** Sends everything not yet sent as one batch, or in batches of `size`. */
      sync: async (size = Infinity) => {
        const rows = local.events().filter((r: OutboxRow) => r.seq > sent);
        for (let i = 0; i < rows.length; i += size) {
          const res = await inTransaction(pool, timeouts, (c) => ingestBatch(c, id, rows.slice(i, i + size)));
          sent = res.ackedSeq;
          // then the projector, as the station's worker runs it after each ingest
          await projectAll(pool, timeouts);
        }
      },
    };
  }

  const rejections = async (stationId: string) => (await central.admin.query(
    `SELECT seq::int, type, reason, winner_station, winner_seq::int FROM central.rejections WHERE station_id = $1 ORDER BY seq`, [stationId])).rows;
  const bag = async (code: string) => (await central.admin.query(
    `SELECT status, link_count, closed_station FROM central.bags WHERE code = $1`, [code])).rows[0];
  const bagRow = async (code: string) => (await central.admin.query(
    `SELECT status, link_count, capacity, opened_station, close_reason FROM central.bags WHERE code = $1`, [code])).rows[0];
  const activeLinks = async (parent: string) => (await central.admin.query(
    `SELECT station_id, child FROM central.bag_links WHERE parent = $1 AND reversed_seq IS NULL ORDER BY station_id, seq`, [parent])).rows;
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

  describe('an empty parent set aside (reason "replaced") counts as never opened', () => {
    const opened = (parent: string, capacity = 10) => ({ type: 'bag.parent_opened', payload: { parent, capacity } });
    const linked = (parent: string, child: string) => ({ type: 'bag.child_linked', payload: { parent, child } });
    const setAside = (parent: string) => ({ type: 'bag.parent_closed', payload: { parent, reason: 'replaced', count: 0 } });
    const closed = (parent: string, count: number) => ({ type: 'bag.parent_closed', payload: { parent, reason: 'manual', count } });
    const undo = (parent: string, child: string, reversesSeq: number) =>
      ({ type: 'bag.link_reversed', payload: { parent, child, reversesSeq, reason: 'undo' } });

    it.each([
      ['in one batch', 'ra1', Infinity],
      ['event by event', 'ra2', 1],
    ])('the same station opens it again later and links a child: no rejection (%s)', async (_mode, id, size) => {
      const a = await station(id);
      const [p1, p2, c] = [`${id}-P1`, `${id}-P2`, `${id}-C1`];
      // P-1 opened, then P-2 scanned while P-1 was empty; later P-1 is scanned again (P-2 still empty)
      a.local.append([opened(p1), setAside(p1), opened(p2)]);
      await a.sync(size);
      expect(await bagRow(p1)).toEqual({ status: 'set_aside', link_count: 0, capacity: null, opened_station: null, close_reason: 'replaced' });
      a.local.append([setAside(p2), opened(p1, 8), linked(p1, c)]);
      await a.sync(size);
      expect(await rejections(id)).toEqual([]);
      expect(await bagRow(p1)).toEqual({ status: 'open', link_count: 1, capacity: 8, opened_station: id, close_reason: null });
      expect(await activeParentOf(c)).toEqual([p1]);
      expect(await bagRow(p2)).toMatchObject({ status: 'set_aside', link_count: 0 });
      // and it closes as any bag does
      a.local.append([closed(p1, 1)]);
      await a.sync(size);
      expect(await bag(p1)).toEqual({ status: 'closed', link_count: 1, closed_station: id });
      expect(await rejections(id)).toEqual([]);
    });

    it('an empty bag closed by hand is forgotten the same way: opening it again is no rejection', async () => {
      const a = await station('ra-manual');
      a.local.append([opened('RM-1'), closed('RM-1', 0)]);
      await a.sync();
      expect(await bagRow('RM-1')).toEqual({ status: 'set_aside', link_count: 0, capacity: null, opened_station: null, close_reason: 'manual' });
      a.local.append([opened('RM-1'), linked('RM-1', 'RM-C')]);
      await a.sync();
      expect(await rejections('ra-manual')).toEqual([]);
      expect(await bagRow('RM-1')).toMatchObject({ status: 'open', link_count: 1 });
    });

    it('set aside in one batch after an undo of a link from an earlier batch, then opened again', async () => {
      const a = await station('ra-undo');
      const [linkSeq] = a.local.append([opened('RU-1'), linked('RU-1', 'RU-C')]).slice(1);
      await a.sync();
      // the packer undoes the only child, then scans another parent: RU-1 is empty again and set aside
      a.local.append([undo('RU-1', 'RU-C', linkSeq!), setAside('RU-1'), opened('RU-2')]);
      await a.sync();
      expect(await bag('RU-1')).toMatchObject({ status: 'set_aside', link_count: 0 });
      a.local.append([setAside('RU-2'), opened('RU-1'), linked('RU-1', 'RU-C')]);
      await a.sync();
      expect(await rejections('ra-undo')).toEqual([]);
      expect(await bag('RU-1')).toMatchObject({ status: 'open', link_count: 1 });
      expect(await activeParentOf('RU-C')).toEqual(['RU-1']);
    });

    it('a link, its undo and the set-aside in the same batch', async () => {
      const a = await station('ra-same');
      a.local.append([opened('RS-1'), linked('RS-1', 'RS-C')]);
      a.local.append([undo('RS-1', 'RS-C', 2), setAside('RS-1'), opened('RS-2'), setAside('RS-2'), opened('RS-1'), linked('RS-1', 'RS-C')]);
      await a.sync();
      expect(await rejections('ra-same')).toEqual([]);
      expect(await bag('RS-1')).toMatchObject({ status: 'open', link_count: 1 });
      expect(await bag('RS-2')).toMatchObject({ status: 'set_aside', link_count: 0 });
      expect(await activeParentOf('RS-C')).toEqual(['RS-1']);
    });

    it('station A sets P-1 aside while station B opens it and links: no rejection, whichever commits first', async () => {
      // A first: A's set-aside lands, then B opens the code afresh
      const a1 = await station('rb-a1');
      const b1 = await station('rb-b1');
      a1.local.append([opened('RB-1'), setAside('RB-1'), opened('RB-A')]);
      b1.local.append([opened('RB-1', 5), linked('RB-1', 'RB-C1')]);
      await a1.sync();
      await b1.sync();
      expect(await bagRow('RB-1')).toEqual({ status: 'open', link_count: 1, capacity: 5, opened_station: 'rb-b1', close_reason: null });
      // B first, with a link: A's open joins the open bag, and A's set-aside leaves B's bag alone
      const a2 = await station('rb-a2');
      const b2 = await station('rb-b2');
      a2.local.append([opened('RB-2'), setAside('RB-2'), opened('RB-B')]);
      b2.local.append([opened('RB-2', 5), linked('RB-2', 'RB-C2')]);
      await b2.sync();
      await a2.sync();
      expect(await bagRow('RB-2')).toEqual({ status: 'open', link_count: 1, capacity: 5, opened_station: 'rb-b2', close_reason: null });
      // B first, before its link: B opened the bag first and may still use it, so A's set-aside leaves it open
      const a3 = await station('rb-a3');
      const b3 = await station('rb-b3');
      b3.local.append([opened('RB-3', 5)]);
      await b3.sync();
      a3.local.append([opened('RB-3'), setAside('RB-3'), opened('RB-C')]);
      await a3.sync();
      expect(await bag('RB-3')).toMatchObject({ status: 'open', link_count: 0 });
      b3.local.append([linked('RB-3', 'RB-C3'), closed('RB-3', 1)]);
      await b3.sync();
      expect(await bag('RB-3')).toEqual({ status: 'closed', link_count: 1, closed_station: 'rb-b3' });
      for (const s of ['rb-a1', 'rb-b1', 'rb-a2', 'rb-b2', 'rb-a3', 'rb-b3']) expect(await rejections(s)).toEqual([]);
      expect(await activeParentOf('RB-C1')).toEqual(['RB-1']);
      expect(await activeParentOf('RB-C2')).toEqual(['RB-2']);
      expect(await activeParentOf('RB-C3')).toEqual(['RB-3']);
    });

    it('a set-aside of a bag that holds another station\'s links is a no-op: the links stay, nothing is rejected', async () => {
      const a = await station('rc-a');
      const b = await station('rc-b');
      a.local.append([opened('RC-1')]);
      await a.sync(); // A opened RC-1 first
      b.local.append([opened('RC-1'), linked('RC-1', 'RC-C1'), linked('RC-1', 'RC-C2')]);
      await b.sync();
      a.local.append([setAside('RC-1'), opened('RC-2')]); // A's RC-1 was still empty on A
      await a.sync();
      expect(await bagRow('RC-1')).toEqual({ status: 'open', link_count: 2, capacity: 10, opened_station: 'rc-a', close_reason: null });
      expect(await activeLinks('RC-1')).toEqual([{ station_id: 'rc-b', child: 'RC-C1' }, { station_id: 'rc-b', child: 'RC-C2' }]);
      b.local.append([closed('RC-1', 2)]);
      await b.sync();
      expect(await bag('RC-1')).toEqual({ status: 'closed', link_count: 2, closed_station: 'rc-b' });
      expect(await rejections('rc-a')).toEqual([]);
      expect(await rejections('rc-b')).toEqual([]);
    });

    it('a set-aside of a bag another station has closed is not a rejection (the open before it still is)', async () => {
      const a = await station('rd-a');
      const b = await station('rd-b');
      a.local.append([opened('RD-1'), setAside('RD-1'), opened('RD-2')]);
      b.local.append([opened('RD-1'), linked('RD-1', 'RD-C'), closed('RD-1', 1)]);
      await b.sync();
      await a.sync();
      expect(await bag('RD-1')).toEqual({ status: 'closed', link_count: 1, closed_station: 'rd-b' });
      expect(await rejections('rd-a')).toEqual([
        { seq: 1, type: 'bag.parent_opened', reason: 'parent_closed', winner_station: 'rd-b', winner_seq: 3 },
      ]);
    });
  });
});
