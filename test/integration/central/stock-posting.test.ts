import { projectAll } from '../../../src/central/projector';
import { pullReference, pullRejections } from '../../../src/central/reference-pull';
import { unseenRejections } from '../../../src/store/reference-cache';
import { refManifests, stockLevel } from '../../../src/store/ref-stock';
import { describeWithCentral } from './helpers/central-db';
import { closeAll, testStation, type Closable } from './helpers/test-station';

jest.setTimeout(120_000);

const timeouts = { statementTimeoutMs: 60_000, idleInTransactionTimeoutMs: 60_000 };
const GTIN_A = '09506000134352';
const GTIN_B = '09506000134369';

type Line = [line: number, product: string, quantity: number];
const posting = (lines: Line[]) => lines.map(([line, product, quantity]) => ({ line, product, quantity }));
const completed = (manifest: string, warehouse: string, lines: Line[], direction = 'out') =>
  ({ type: 'manifest.completed', payload: { manifest, warehouse, direction, lines: posting(lines) } });
const closedShort = (manifest: string, warehouse: string, lines: Line[], direction = 'out') =>
  ({ type: 'manifest.closed_short', payload: { manifest, warehouse, direction, reason: 'two missing', lines: posting(lines) } });
const imported = (manifest: string, warehouse: string, lines: Line[], direction = 'out') => ({
  type: 'manifest.imported',
  payload: {
    manifest, reference: `REF-${manifest}`, warehouse, direction, source: { file: `${manifest}.csv`, format: 'csv' },
    lines: lines.map(([line, product, quantity]) => ({ line, code: /^\d{14}$/.test(product) ? null : product,
      gtin: /^\d{14}$/.test(product) ? product : null, lot: null, expiry: null, quantity, unitWeightG: null, description: null })),
  },
});

/**
 * Stock posting at central (src/workflows/manifest/central.sql.ts): a completed or short-closed
 * manifest moves stock once, all lines or none, and a posting that would take stock below zero comes
 * back to its station as a `stock_negative` rejection. Inventory is seeded as the schema owner (an
 * ERP's job); the stations' events are written as the manifest module records them.
 */
describeWithCentral('central stock posting', (pg) => {
  const open: Closable[] = [];
  afterAll(() => closeAll(open));
  const station = (id: string) => testStation(pg.central, id, open, timeouts);
  const q = async (sql: string, params: unknown[] = []) => (await pg.central.admin.query(sql, params)).rows;
  const seed = (warehouse: string, stock: Record<string, number>) => q(`INSERT INTO central.warehouse_inventory (warehouse, product, quantity)
    SELECT $1, key, value::bigint FROM jsonb_each_text($2::jsonb)`, [warehouse, JSON.stringify(stock)]);
  const stock = async (warehouse: string) => Object.fromEntries((await q(`SELECT product, quantity::int FROM central.warehouse_inventory
    WHERE warehouse = $1 ORDER BY product`, [warehouse])).map((r) => [r.product, r.quantity]));
  const postings = (warehouse: string) => q(`SELECT manifest, station_id, seq::int, outcome, detail FROM central.stock_postings
    WHERE warehouse = $1 ORDER BY manifest`, [warehouse]);
  const rejections = (id: string) => q(`SELECT seq::int, type, reason, detail FROM central.rejections WHERE station_id = $1 ORDER BY seq`, [id]);
  const project = async (s: Awaited<ReturnType<typeof station>>) => {
    await s.ingest();
    await projectAll(s.pool, timeouts);
  };

  it('a completed manifest moves stock out, a received one in (creating a product row), and marks the manifest', async () => {
    await seed('W1', { [GTIN_A]: 10, [GTIN_B]: 5 });
    const s = await station('sp-move');
    s.local.append([imported('M-1', 'W1', [[1, GTIN_A, 3], [2, GTIN_B, 5], [3, GTIN_A, 2]]), completed('M-1', 'W1', [[1, GTIN_A, 3], [2, GTIN_B, 5], [3, GTIN_A, 2]]),
      completed('IN-1', 'W1', [[1, 'ITEM-7', 12], [2, GTIN_B, 1]], 'in')]);
    await project(s);
    expect(await stock('W1')).toEqual({ [GTIN_A]: 5, [GTIN_B]: 1, 'ITEM-7': 12 });
    expect(await postings('W1')).toEqual([
      { manifest: 'IN-1', station_id: 'sp-move', seq: 3, outcome: 'posted', detail: null },
      { manifest: 'M-1', station_id: 'sp-move', seq: 2, outcome: 'posted', detail: null },
    ]);
    expect(await q(`SELECT id, reference, status, source_station, jsonb_array_length(lines)::int AS lines FROM central.manifests WHERE id = 'M-1'`))
      .toEqual([{ id: 'M-1', reference: 'REF-M-1', status: 'completed', source_station: 'sp-move', lines: 3 }]);
    expect(await rejections('sp-move')).toEqual([]);
  });

  it('a manifest posted twice (completed again, closed short at another station, replayed) moves stock once, without a rejection', async () => {
    await seed('W2', { [GTIN_A]: 10 });
    const a = await station('sp-twice-a');
    const b = await station('sp-twice-b');
    a.local.append([completed('M-2', 'W2', [[1, GTIN_A, 4]]), completed('M-2', 'W2', [[1, GTIN_A, 4]])]);
    await project(a);
    b.local.append([closedShort('M-2', 'W2', [[1, GTIN_A, 3]])]);
    await project(b);
    await project(a); // the replay: ingest is idempotent, and the projector never applies an event twice
    expect(await stock('W2')).toEqual({ [GTIN_A]: 6 });
    expect(await postings('W2')).toEqual([{ manifest: 'M-2', station_id: 'sp-twice-a', seq: 1, outcome: 'posted', detail: null }]);
    expect([...await rejections('sp-twice-a'), ...await rejections('sp-twice-b')]).toEqual([]);
  });

  it('two stations posting the last stock at once: exactly one moves it, the other is refused and told which line', async () => {
    await seed('W3', { [GTIN_A]: 4 });
    const a = await station('sp-race-a');
    const b = await station('sp-race-b');
    a.local.append([completed('M-3a', 'W3', [[1, GTIN_A, 4]])]);
    b.local.append([completed('M-3b', 'W3', [[1, GTIN_A, 4]])]);
    await Promise.all([a.ingest(), b.ingest()]);
    await Promise.all([projectAll(a.pool, timeouts), projectAll(b.pool, timeouts)]);

    expect(await stock('W3')).toEqual({ [GTIN_A]: 0 });
    const rows = await postings('W3');
    expect(rows.map((r) => r.outcome).sort()).toEqual(['posted', 'refused']);
    const loser = rows.find((r) => r.outcome === 'refused')!;
    const detail = `line 1 (GTIN ${GTIN_A}): 4 wanted, 0 in stock at W3`;
    expect(loser.detail).toBe(detail);
    expect(await rejections(loser.station_id)).toEqual([{ seq: 1, type: 'manifest.completed', reason: 'stock_negative',
      detail: `manifest ${loser.manifest} moved no stock: ${detail}` }]);
    const winner = loser.station_id === a.id ? b : a;
    expect(await rejections(winner.id)).toEqual([]);

    // the refusal reaches the refused station (row-level security shows each station only its own)
    const refused = loser.station_id === a.id ? a : b;
    expect(await pullRejections(refused.pool, refused.local.db, refused.id, timeouts)).toBe(1);
    expect(unseenRejections(refused.local.db)).toMatchObject([{ seq: 1, reason: 'stock_negative', detail: `manifest ${loser.manifest} moved no stock: ${detail}` }]);
    expect(await pullRejections(winner.pool, winner.local.db, winner.id, timeouts)).toBe(0);
  });

  it('one line short moves nothing on any line; lines of one product count together; a product without a row has 0', async () => {
    await seed('W4', { [GTIN_A]: 10, [GTIN_B]: 1, 'ITEM-C': 3 });
    const s = await station('sp-short');
    const [oneShort, together, noRow] = s.local.append([
      completed('M-4a', 'W4', [[1, GTIN_A, 5], [2, GTIN_B, 2], [3, 'ITEM-C', 1]]),
      closedShort('M-4b', 'W4', [[1, 'ITEM-C', 2], [2, GTIN_A, 1], [3, 'ITEM-C', 2]]),
      completed('M-4c', 'W4', [[1, GTIN_A, 1], [2, 'ITEM-NONE', 1]]),
    ]);
    await project(s);
    expect(await stock('W4')).toEqual({ [GTIN_A]: 10, [GTIN_B]: 1, 'ITEM-C': 3 });
    expect(await rejections('sp-short')).toEqual([
      { seq: oneShort, type: 'manifest.completed', reason: 'stock_negative', detail: `manifest M-4a moved no stock: line 2 (GTIN ${GTIN_B}): 2 wanted, 1 in stock at W4` },
      { seq: together, type: 'manifest.closed_short', reason: 'stock_negative', detail: 'manifest M-4b moved no stock: lines 1, 3 (code ITEM-C): 4 wanted, 3 in stock at W4' },
      { seq: noRow, type: 'manifest.completed', reason: 'stock_negative', detail: 'manifest M-4c moved no stock: line 2 (code ITEM-NONE): 1 wanted, 0 in stock at W4' },
    ]);
    expect((await postings('W4')).map((r) => r.outcome)).toEqual(['refused', 'refused', 'refused']);
    expect(await q(`SELECT count(*)::int AS n FROM central.projection_dead_letters WHERE station_id = 'sp-short'`)).toEqual([{ n: 0 }]);
  });

  it('the first import of a manifest id wins; another with other lines is rejected naming it, the same one again is not', async () => {
    await q(`INSERT INTO central.manifests (id, reference, warehouse, direction, lines) VALUES ('ERP-5', 'PO-5', 'W5', 'in', '[]')`);
    const s = await station('sp-import');
    const [, , differs, erp] = s.local.append([imported('M-5', 'W5', [[1, GTIN_A, 2]]), imported('M-5', 'W5', [[1, GTIN_A, 2]]),
      imported('M-5', 'W5', [[1, GTIN_A, 3]]), imported('ERP-5', 'W5', [[1, GTIN_B, 1]])]);
    await project(s);
    expect(await rejections('sp-import')).toEqual([
      { seq: differs, type: 'manifest.imported', reason: 'manifest_differs', detail: 'manifest M-5 is already at central (W5, out, 1 lines, from sp-import); this import was not kept' },
      { seq: erp, type: 'manifest.imported', reason: 'manifest_differs', detail: 'manifest ERP-5 is already at central (W5, in, 0 lines, from central); this import was not kept' },
    ]);
    expect(await q(`SELECT lines->0->>'quantity' AS quantity, source_seq::int FROM central.manifests WHERE id = 'M-5'`)).toEqual([{ quantity: '2', source_seq: 1 }]);
  });

  it('stock and manifests flow down to a station; stations may read them but never write stock or read postings', async () => {
    await seed('W6', { [GTIN_A]: 7 });
    await q(`INSERT INTO central.manifests (id, reference, warehouse, direction, lines) VALUES ('ERP-6', 'PO-6', 'W6', 'in', $1)`,
      [JSON.stringify(imported('ERP-6', 'W6', [[1, GTIN_B, 9]]).payload.lines)]);
    const s = await station('sp-down');
    s.local.append([imported('M-6', 'W6', [[1, GTIN_A, 2]]), completed('M-6', 'W6', [[1, GTIN_A, 2]])]);
    await project(s);
    await pullReference(s.pool, s.local.db, { ...timeouts, settleMs: 0 });
    expect(stockLevel(s.local.db, 'W6', GTIN_A)).toBe(5);
    expect(stockLevel(s.local.db, 'W1', GTIN_A)).toBe(5);
    expect(stockLevel(s.local.db, 'W6', GTIN_B)).toBeNull();
    const pulled = refManifests(s.local.db, 100);
    expect(pulled.find((m) => m.id === 'M-6')).toMatchObject({ reference: 'REF-M-6', warehouse: 'W6', direction: 'out', status: 'completed',
      lines: [{ line: 1, gtin: GTIN_A, quantity: 2 }] });
    expect(pulled.find((m) => m.id === 'ERP-6')).toMatchObject({ status: 'open', direction: 'in', lines: [{ gtin: GTIN_B, quantity: 9 }] });
    expect(refManifests(s.local.db, 1)).toHaveLength(1);

    await expect(s.pool.query(`UPDATE central.warehouse_inventory SET quantity = 100`)).rejects.toThrow(/permission denied/);
    await expect(s.pool.query(`INSERT INTO central.manifests (id, reference, warehouse, direction, lines) VALUES ('X', 'X', 'W6', 'in', '[]')`))
      .rejects.toThrow(/permission denied/);
    await expect(s.pool.query(`SELECT * FROM central.stock_postings`)).rejects.toThrow(/permission denied/);
    await expect(s.pool.query(`SELECT central.project_manifests('sp-down', 0, 10)`)).rejects.toThrow(/permission denied/);
  });
});
