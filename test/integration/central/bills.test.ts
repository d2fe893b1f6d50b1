import { pullReference, pullRejections } from '../../../src/central/reference-pull';
import { findOpenBill, openRefBills, unseenRejections } from '../../../src/store/reference-cache';
import { describeWithCentral } from './helpers/central-db';
import { projectionRig } from './helpers/test-station';

jest.setTimeout(120_000);

const timeouts = { statementTimeoutMs: 60_000, idleInTransactionTimeoutMs: 60_000 };

/**
 * Bills at central (src/workflows/bill/central.sql.ts): a bill's life from open to dispatch, a
 * container on two bills decided by central order, adds to a bill that is no longer open, a reversal,
 * and open bills flowing down to another station with their lines. The stations' events are written
 * as the bill module records them; each test ingests, then runs the projector as a worker would.
 */
describeWithCentral('central bill projection', (pg) => {
  const { station, q, project } = projectionRig(pg, timeouts);
  const as = (userId: string) => ({ who: { userId } });
  const opened = (bill: string) => ({ type: 'bill.opened', payload: { bill }, ...as('biller-1') });
  const added = (bill: string, container: string, grams: number | null, estimatedGrams: number | null = null) =>
    ({ type: 'bill.added', payload: { bill, container, type: 'sack', children: 2, grams, estimatedGrams }, ...as('biller-1') });
  const finalised = (bill: string, count: number, who = 'biller-1') => ({ type: 'bill.finalised',
    payload: { bill, count, measuredGrams: 0, estimatedGrams: 0, totalGrams: 0, estimatedCount: 0 }, ...as(who) });
  const dispatched = (bill: string, count: number, who = 'disp-1') => ({ type: 'bill.dispatched', payload: { bill, count, totalGrams: 0 }, ...as(who) });
  const rejections = (id: string) =>
    q(`SELECT seq::int, type, reason, detail, winner_station, winner_seq::int FROM central.rejections WHERE station_id = $1 ORDER BY seq`, [id]);
  const bill = async (id: string) => (await q(`SELECT id, number, status, opened_station, opened_by, finalised_by, dispatched_by, count,
      measured_grams::float8 AS measured, estimated_grams::float8 AS estimated, total_grams::float8 AS total, printed, containers
    FROM central.bills WHERE id = $1`, [id]))[0];
  const onBills = (prefix: string) => q(`SELECT container, bill, station_id FROM central.bill_containers WHERE container LIKE $1 ORDER BY container`, [`${prefix}%`]);

  it('projects a bill from open to dispatched: its lines, totals, who finalised and dispatched it, and the copies printed', async () => {
    const s = await station('bl-life');
    const b = 'bl-life-B000001';
    s.local.append([opened(b), added(b, 'S-L1', 1200.5), added(b, 'S-L2', null, 800), added(b, 'S-L3', 300)]);
    s.local.append([{ type: 'bill.removed', payload: { bill: b, container: 'S-L3', reason: 'wrong sack' }, ...as('biller-1') }]);
    s.local.append([finalised(b, 2), dispatched(b, 2),
      { type: 'bill.summary_printed', payload: { bill: b, copy: 1, reason: null, file: 'a.pdf' }, ...as('disp-1') },
      { type: 'bill.summary_printed', payload: { bill: b, copy: 2, reason: 'torn', file: 'b.pdf' }, ...as('disp-1') }]);
    await project(s);
    expect(await bill(b)).toEqual({
      id: b, number: b, status: 'dispatched', opened_station: 'bl-life', opened_by: 'biller-1', finalised_by: 'biller-1',
      dispatched_by: 'disp-1', count: 2, measured: 1200.5, estimated: 800, total: 2000.5, printed: 2,
      containers: [
        { container: 'S-L1', type: 'sack', children: 2, grams: 1200.5, estimatedGrams: null },
        { container: 'S-L2', type: 'sack', children: 2, grams: null, estimatedGrams: 800 },
      ],
    });
    expect(await onBills('S-L')).toEqual([{ container: 'S-L1', bill: b, station_id: 'bl-life' }, { container: 'S-L2', bill: b, station_id: 'bl-life' }]);
    expect(await rejections('bl-life')).toEqual([]);

    // the replay of an acknowledgement that never arrived is stored and projected once
    const before = await bill(b);
    await project(s);
    expect(await bill(b)).toEqual(before);
    expect(await q(`SELECT count(*)::int AS n FROM central.station_events WHERE station_id = 'bl-life'`)).toEqual([{ n: 9 }]);
  });

  it('the same container on two bills at two offline stations: the first in central order wins, the other station is told who', async () => {
    const a = await station('bl-a');
    const b = await station('bl-b');
    const [ba, bb] = ['bl-a-B000001', 'bl-b-B000001'];
    // both offline: each opens its own bill and adds the same sack
    const [, addA] = a.local.append([opened(ba), added(ba, 'S-C1', 500)]);
    const [, addB] = b.local.append([opened(bb), added(bb, 'S-C1', 510), added(bb, 'S-C2', 700)]);
    await project(a);
    await project(b);

    expect(await onBills('S-C')).toEqual([{ container: 'S-C1', bill: ba, station_id: 'bl-a' }, { container: 'S-C2', bill: bb, station_id: 'bl-b' }]);
    expect(await rejections('bl-a')).toEqual([]);
    const detail = `S-C1 is already on bill ${ba} (added at bl-a, seq ${addA})`;
    expect(await rejections('bl-b')).toEqual([
      { seq: addB, type: 'bill.added', reason: 'container_on_other_bill', detail, winner_station: 'bl-a', winner_seq: addA },
    ]);
    expect(await bill(bb)).toMatchObject({ count: 1, total: 700, containers: [expect.objectContaining({ container: 'S-C2' })] });

    // the rejection comes down to B, and only to B
    expect(await pullRejections(b.pool, b.local.db, 'bl-b', timeouts)).toBe(1);
    expect(unseenRejections(b.local.db)).toEqual([expect.objectContaining({
      seq: addB, type: 'bill.added', reason: 'container_on_other_bill', detail, winnerStation: 'bl-a', winnerSeq: addA })]);
    expect(await pullRejections(a.pool, a.local.db, 'bl-a', timeouts)).toBe(0);
  });

  it('refuses adds to, removals from and a second dispatch of a bill that is no longer open, naming the event that closed it', async () => {
    const a = await station('bl-d');
    const b = await station('bl-e');
    const bd = 'bl-d-B000001';
    const [, , , dispatch] = a.local.append([opened(bd), added(bd, 'S-D1', 900), finalised(bd, 1), dispatched(bd, 1)]);
    await project(a);
    // B had continued the bill (from the flow-down) before the dispatch reached it
    const [late, removal, again] = b.local.append([added(bd, 'S-D2', 400),
      { type: 'bill.removed', payload: { bill: bd, container: 'S-D1', reason: 'not ready' }, ...as('biller-2') }, dispatched(bd, 1, 'disp-2')]);
    await project(b);
    const notOpen = { reason: 'bill_not_open', detail: `bill ${bd} is dispatched at central`, winner_station: 'bl-d', winner_seq: dispatch };
    expect(await rejections('bl-e')).toEqual([
      { seq: late, type: 'bill.added', ...notOpen },
      { seq: removal, type: 'bill.removed', ...notOpen },
      { seq: again, type: 'bill.dispatched', ...notOpen },
    ]);
    expect(await bill(bd)).toMatchObject({ status: 'dispatched', dispatched_by: 'disp-1', count: 1, total: 900 });
    expect(await onBills('S-D')).toEqual([{ container: 'S-D1', bill: bd, station_id: 'bl-d' }]);
  });

  it('a reversed bill is open again with its containers: it takes a re-add, and a container taken off goes onto another bill', async () => {
    const s = await station('bl-r');
    const [r1, r2] = ['bl-r-B000001', 'bl-r-B000002'];
    s.local.append([opened(r1), added(r1, 'S-R1', 100), added(r1, 'S-R2', 200), finalised(r1, 2), dispatched(r1, 2)]);
    s.local.append([{ type: 'bill.reversed', payload: { bill: r1, reason: 'wrong customer' }, ...as('sup-1') }]);
    await project(s);
    expect(await bill(r1)).toMatchObject({ status: 'open', finalised_by: null, dispatched_by: null, count: 2, total: 300 });

    s.local.append([{ type: 'bill.removed', payload: { bill: r1, container: 'S-R2', reason: 'other customer' }, ...as('biller-1') },
      opened(r2), added(r2, 'S-R2', 200), added(r1, 'S-R3', null, 50), finalised(r1, 2), dispatched(r1, 2)]);
    await project(s);
    expect(await rejections('bl-r')).toEqual([]);
    expect(await bill(r1)).toMatchObject({ status: 'dispatched', count: 2, measured: 100, estimated: 50, total: 150,
      containers: [expect.objectContaining({ container: 'S-R1' }), expect.objectContaining({ container: 'S-R3' })] });
    expect(await onBills('S-R')).toEqual([
      { container: 'S-R1', bill: r1, station_id: 'bl-r' }, { container: 'S-R2', bill: r2, station_id: 'bl-r' }, { container: 'S-R3', bill: r1, station_id: 'bl-r' },
    ]);
  });

  it('open bills flow down to another station with their lines; finalised and dispatched ones are not offered', async () => {
    const a = await station('bl-f');
    const other = await station('bl-g');
    const [f1, f2, f3] = ['bl-f-B000001', 'bl-f-B000002', 'bl-f-B000003'];
    a.local.append([opened(f1), added(f1, 'S-F1', 1000), added(f1, 'S-F2', null, 250), opened(f2), added(f2, 'S-F3', 10), finalised(f2, 1),
      opened(f3)]);
    await project(a);
    await pullReference(other.pool, other.local.db, { ...timeouts, settleMs: 0 });
    const offered = openRefBills(other.local.db, 50).filter((r) => r.id.startsWith('bl-f-'));
    expect(offered.map((r) => r.number).sort()).toEqual([f1, f3]);
    expect(offered.find((r) => r.id === f1)).toMatchObject({
      status: 'open', openedStation: 'bl-f', openedBy: 'biller-1', count: 2, measuredGrams: 1000, estimatedGrams: 250, totalGrams: 1250, printed: 0,
      containers: [
        { container: 'S-F1', type: 'sack', children: 2, grams: 1000, estimatedGrams: null },
        { container: 'S-F2', type: 'sack', children: 2, grams: null, estimatedGrams: 250 },
      ],
    });
    expect(findOpenBill(other.local.db, f2)).toBeNull();
    expect(openRefBills(other.local.db, 1)).toHaveLength(1);

    // a dispatch at central takes it off the other station's list with the next pull
    a.local.append([finalised(f1, 2), dispatched(f1, 2)]);
    await project(a);
    await pullReference(other.pool, other.local.db, { ...timeouts, settleMs: 0 });
    expect(openRefBills(other.local.db, 50).filter((r) => r.id.startsWith('bl-f-')).map((r) => r.number)).toEqual([f3]);
  });
});
