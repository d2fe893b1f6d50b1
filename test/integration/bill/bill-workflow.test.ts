import fs from 'node:fs';
import { applyReferencePage } from '../../../src/store/reference-cache';
import { billContract, BillSlice } from '../../../src/workflows/bill/contract';
import { pdfText } from '../../helpers/pdf-to-png';
import { killAllScaleSimulators } from '../../helpers/scale-simulator';
import { signIn } from '../../helpers/sign-in';
import { StationHarness } from '../weigh/station-harness';

jest.setTimeout(30_000);

let h: StationHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  await killAllScaleSimulators();
});

const slice = () => BillSlice.unwrap().parse(h!.station.state().slices.bill);
const bills = () => h!.events('bill.');
const as = async (role: 'packer' | 'biller' | 'dispatcher' | 'supervisor') => {
  await h!.requests['session.logout']({});
  await signIn(h!.station, h!.users[role]!);
};

/**
 * Issue 12, bills, through a real Station with the station's own module list: sacks packed (one weighed
 * on a scale on a real pty, one not), put on a bill by a biller, finalised, dispatched by a dispatcher,
 * printed and reprinted, reversed by a supervisor.
 */
test('a bill from closed sacks: dynamic weight, finalise, dispatch, the summary and a reprint with a reason', async () => {
  h = await StationHarness.start({ scale: [{ grams: 1812 }] });
  await h.fillSack(1);
  await h.until('S-1 weighed', () => h!.events('weigh.weighed').length === 1);
  h.sim!.play([{ kind: 'silent' }]);
  await h.fillSack(2);
  await h.until('S-2 not weighed', () => h!.events('weigh.failed').length === 1);
  await h.scan('S-3', 'C-31');

  await as('biller');
  expect(await h.requests['bill.finalise']({})).toMatchObject({ outcome: 'bad', message: 'No bill in hand: open one or continue one first' });
  expect(await h.requests['bill.open']({})).toMatchObject({ outcome: 'good', message: 'Bill station-1-B000001 opened: scan the closed containers onto it' });
  const bill = slice().current!.bill;
  expect(await h.scan('S-1')).toMatchObject({ outcome: 'good', message: `S-1 on bill ${bill} (1.812 kg): 1 container, 1.812 kg` });
  // not weighed: the sack's 300 g and three bags of 500 g
  expect(await h.scan('S-2')).toMatchObject({ outcome: 'good', message: `S-2 on bill ${bill} (1.800 kg estimated): 2 containers, 3.612 kg (1.800 kg estimated)` });
  expect(await h.scan('S-2')).toMatchObject({ outcome: 'bad', message: `S-2 is already on bill ${bill}` });
  expect(await h.scan('S-3')).toMatchObject({ outcome: 'bad', message: 'S-3 is still open (1 of 3): close it before it goes on a bill' });
  expect(await h.scan('C-11')).toMatchObject({ outcome: 'bad', message: 'C-11 is not a container packed at this station' });
  expect(await h.scan('S-9')).toMatchObject({ outcome: 'bad', message: 'S-9 is not a container packed at this station' });
  expect(slice().current).toMatchObject({ status: 'open', weight: { measuredGrams: 1812, estimatedGrams: 1800, totalGrams: 3612, estimatedCount: 1 } });
  expect(await h.requests['bill.print']({})).toMatchObject({ outcome: 'bad', message: `Bill ${bill} is open: finalise it before printing its summary` });

  // A biller may not dispatch; a dispatcher may not build.
  expect(await h.requests['bill.dispatch']({})).toMatchObject({ outcome: 'bad', message: expect.stringMatching(/may not Dispatch the bill \(bill.dispatch\)/) });
  expect(await h.requests['bill.finalise']({})).toMatchObject({ outcome: 'good', message: `Bill ${bill} finalised: 2 containers, 3.612 kg (1.800 kg estimated)` });
  expect(await h.scan('S-3')).toMatchObject({ outcome: 'bad' });
  expect(h.events('bill.added')).toHaveLength(2);

  await as('dispatcher');
  expect(await h.requests['bill.open']({})).toMatchObject({ outcome: 'bad', message: expect.stringMatching(/may not Open a new bill \(bill.build\)/) });
  expect(await h.requests['bill.dispatch']({ bill })).toMatchObject({ outcome: 'good', message: `Bill ${bill} dispatched: 2 containers, 3.612 kg (1.800 kg estimated)` });
  expect(await h.requests['bill.dispatch']({ bill })).toMatchObject({ outcome: 'bad', message: `Bill ${bill} is dispatched already` });
  expect(await h.requests['bill.remove']({ bill, container: 'S-1', reason: 'wrong truck' })).toMatchObject({ outcome: 'bad' });

  const first = await h.requests['bill.print']({ bill });
  expect(first).toMatchObject({ outcome: 'good', message: expect.stringMatching(new RegExp(`^Summary of bill ${bill} saved: .*${bill}-copy1\\.pdf$`)) });
  const text = await pdfText(fs.readFileSync(first.message.replace(/^.*saved: /, '')));
  for (const expected of [bill, 'S-1', 'S-2', '1.812', 'estimated', '3.612', h.users.biller!.name, h.users.dispatcher!.name]) expect(text).toContain(expected);
  expect(await h.requests['bill.print']({ bill })).toMatchObject({ outcome: 'bad', message: `Bill ${bill} was printed before: a reprint needs a reason` });
  expect(await h.requests['bill.print']({ bill, reason: 'driver lost it' })).toMatchObject({ outcome: 'good', message: expect.stringMatching(/copy2\.pdf$/) });
  expect(h.events('bill.summary_printed').map((e) => [e.payload.copy, e.payload.reason, e.userId])).toEqual([
    [1, null, h.users.dispatcher!.userId], [2, 'driver lost it', h.users.dispatcher!.userId],
  ]);

  // A correction after dispatch: a supervisor's reversal with a reason; the dispatcher's needs the supervisor's badge.
  expect(await h.requests['bill.reverse']({ bill, reason: 'one sack stays' })).toMatchObject({ outcome: 'bad', message: expect.stringMatching(/needs a supervisor/) });
  await as('supervisor');
  expect(await h.requests['bill.reverse']({ bill, reason: 'one sack stays' })).toMatchObject({ outcome: 'good', message: `Bill ${bill} is open again for a correction` });
  expect(await h.requests['bill.remove']({ bill, container: 'S-2', reason: 'one sack stays' })).toMatchObject({ outcome: 'good', message: `S-2 taken off bill ${bill}: 1 container, 1.812 kg` });
  expect(bills().map((e) => e.type)).toEqual([
    'bill.opened', 'bill.added', 'bill.added', 'bill.finalised', 'bill.dispatched', 'bill.summary_printed', 'bill.summary_printed', 'bill.reversed', 'bill.removed',
  ]);
});

test('the scanner adds to the bill only while it is in hand and open; put down, it packs again; a container is on one bill only', async () => {
  h = await StationHarness.start();
  await h.fillSack(1);
  await h.fillSack(2);
  await as('supervisor');
  await h.requests['bill.open']({});
  const first = slice().current!.bill;
  expect(await h.scan('S-1')).toMatchObject({ outcome: 'good' });
  expect(await h.scan('CMD:BILL_OPEN')).toMatchObject({ outcome: 'good' });
  const second = slice().current!.bill;
  expect(second).toBe('station-1-B000002');
  expect(await h.scan('S-1')).toMatchObject({ outcome: 'bad', message: `S-1 is on bill ${first} already` });
  expect(slice().open.map((o) => o.bill)).toEqual([second, first]);
  expect(await h.scan('CMD:BILL_PUT_DOWN')).toMatchObject({ outcome: 'good', message: `Bill ${second} put down: the scanner packs again` });
  expect(slice().current).toBeNull();
  // packing again: a new sack opens
  expect(await h.scan('S-3')).toMatchObject({ outcome: 'good' });
  expect(h.events('container.opened').map((e) => e.payload.container)).toContain('S-3');
  expect(await h.requests['bill.continue']({ bill: first })).toMatchObject({ outcome: 'good', message: `Bill ${first} in hand (open, 1 container)` });
  expect(await h.requests['bill.continue']({ bill: 'station-09-B000001' })).toMatchObject({ outcome: 'bad', message: 'There is no bill station-09-B000001 here or at central' });
  // Signing out drops the bill from hand: the next user packs.
  await as('packer');
  expect(slice().current).toBeNull();
});

test('bad input: a bill number that is not one and a reason too short are refused by the contract (as the bridges validate); a packer is refused in the core', async () => {
  const problems = (name: keyof typeof billContract.commands, payload: unknown) => {
    const parsed = billContract.commands[name].payload.safeParse(payload);
    return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  };
  expect(problems('bill.continue', { bill: 'nonsense' })).toEqual(['a bill number looks like STATION-B000001']);
  expect(problems('bill.remove', { bill: 'station-1-B000001', container: 'S-1', reason: 'x' })).toEqual(['a reason needs at least 3 characters']);
  expect(problems('bill.open', { bill: 'station-1-B000001' })).toHaveLength(1);
  h = await StationHarness.start();
  for (const name of ['bill.open', 'bill.finalise', 'bill.print'] as const) {
    expect(await h.requests[name]({})).toMatchObject({ outcome: 'bad', message: expect.stringMatching(/^Pat Packer is a packer and may not .* \(bill\.(build|print)\)$/) });
  }
  expect(h.events('bill.')).toEqual([]);
});

test('a dispatcher finds a finalised bill in the list, takes it in hand and dispatches it by command barcode; an open one stays the biller\'s', async () => {
  h = await StationHarness.start();
  await h.fillSack(1);
  await as('biller');
  await h.requests['bill.open']({});
  const bill = slice().current!.bill;
  await h.scan('S-1');
  expect(slice().open).toEqual([{ bill, count: 1, from: 'local', status: 'open' }]);

  await as('dispatcher');
  expect(await h.requests['bill.continue']({ bill })).toMatchObject({ outcome: 'bad', message: `Bill ${bill} is open: the biller finalises it before it can be dispatched` });
  expect(slice().current).toBeNull();

  await as('biller');
  await h.requests['bill.continue']({ bill });
  expect(await h.scan('CMD:BILL_FINALISE')).toMatchObject({ outcome: 'good' });
  // finalised bills stay in the list, waiting for the dispatcher
  expect(slice().open).toEqual([{ bill, count: 1, from: 'local', status: 'finalised' }]);

  await as('dispatcher');
  expect(await h.requests['bill.continue']({ bill })).toMatchObject({ outcome: 'good', message: `Bill ${bill} in hand (finalised, 1 container)` });
  expect(await h.scan('CMD:BILL_DISPATCH')).toMatchObject({ outcome: 'good', message: expect.stringMatching(new RegExp(`^Bill ${bill} dispatched`)) });
  expect(slice().open).toEqual([]);
  expect(slice().current).toMatchObject({ bill, status: 'dispatched' });
  expect(await h.scan('CMD:BILL_PUT_DOWN')).toMatchObject({ outcome: 'good' });
  expect(slice().current).toBeNull();
});

test('a bill opened at another station comes from central: continued here, its lines counted, a container on it refused for another bill', async () => {
  h = await StationHarness.start();
  await h.fillSack(1);
  await h.fillSack(2);
  await h.fillSack(3);
  // S-2 was billed at the other station (it came to its dock)
  const line = { container: 'S-2', type: 'sack', children: 3, grams: 1805, estimatedGrams: null };
  applyReferencePage(h.store.db, 'bills', [{
    id: 'pack-02-B000004', number: 'pack-02-B000004', status: 'open', openedStation: 'pack-02', openedBy: 'u-other', finalisedBy: null, dispatchedBy: null,
    count: 1, measuredGrams: 1805, estimatedGrams: 0, totalGrams: 1805, printed: 0, containers: JSON.stringify([line]), updatedAt: '2026-12-01T10:00:00.000Z',
  }], { updatedAt: '2026-12-01T10:00:00.000Z', lastId: 'pack-02-B000004' });
  await as('biller');
  expect(slice().open).toContainEqual(expect.objectContaining({ bill: 'pack-02-B000004', count: 1, from: 'central' }));
  expect(await h.requests['bill.continue']({ bill: 'pack-02-B000004' })).toMatchObject({ outcome: 'good', message: 'Bill pack-02-B000004 in hand (open, 1 container)' });
  expect(await h.scan('S-1')).toMatchObject({ outcome: 'good', message: 'S-1 on bill pack-02-B000004 (1.800 kg estimated): 2 containers, 3.605 kg (1.800 kg estimated)' });
  expect(slice().current).toMatchObject({ bill: 'pack-02-B000004', openedBy: 'u-other', lines: [line, expect.objectContaining({ container: 'S-1' })] });
  expect(h.events('bill.added')).toEqual([expect.objectContaining({ payload: expect.objectContaining({ bill: 'pack-02-B000004', container: 'S-1' }) })]);
  expect(await h.scan('S-2')).toMatchObject({ outcome: 'bad', message: 'S-2 is already on bill pack-02-B000004' });
  // a container central lists on that bill cannot go on another one here
  await h.requests['bill.open']({});
  expect(await h.scan('S-2')).toMatchObject({ outcome: 'bad', message: 'S-2 is on bill pack-02-B000004 already' });
  expect(await h.scan('S-3')).toMatchObject({ outcome: 'good' });
});
