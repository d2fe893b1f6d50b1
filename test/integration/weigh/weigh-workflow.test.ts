import { WeighSlice } from '../../../src/workflows/weigh/contract';
import { killAllScaleSimulators } from '../../helpers/scale-simulator';
import { StationHarness } from './station-harness';

jest.setTimeout(30_000);

let h: StationHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  await killAllScaleSimulators();
});

const slice = () => WeighSlice.unwrap().parse(h!.station.state().slices.weigh);
const weighed = () => h!.events('weigh.');

/**
 * Issue 11, the weighing step, through a real Station with the station's own module list and a scale on
 * a real pty: the scan that fills a sack closes it, and the sack is weighed against 300 g + 3 × 500 g
 * within the scale's 20 g.
 */
test('fill a sack: it closes and is weighed within tolerance', async () => {
  h = await StationHarness.start({ scale: [{ grams: 1812 }] });
  expect(await h.fillSack(1)).toMatchObject({ outcome: 'good' });
  await h.until('the weighing', () => weighed().length > 0);
  expect(weighed()).toEqual([expect.objectContaining({
    type: 'weigh.weighed', userId: 'u-packer',
    payload: { container: 'S-1', scaleId: 'scale-1', grams: 1812, expectedGrams: 1800, toleranceGrams: 20, maxWeightG: 25_000, within: true, verdict: 'within' },
  })]);
  expect(slice()).toMatchObject({ scaleId: 'scale-1', weighing: null, last: { container: 'S-1', grams: 1812, status: 'accepted' } });
  expect(h.store.db.prepare('SELECT container, grams, accepted FROM weights').all()).toEqual([{ container: 'S-1', grams: 1812, accepted: 1 }]);
  expect(h.station.state().recentScans[0]).toMatchObject({ outcome: 'good', message: 'S-1 weighs 1.812 kg (expected 1.800 kg ± 0.020 kg)' });
});

test('out of tolerance: not accepted; a packer\'s Accept needs a supervisor\'s badge and PIN, and commits with the approval', async () => {
  h = await StationHarness.start({ scale: [{ grams: 2400 }] });
  await h.fillSack(1);
  await h.until('the weighing', () => weighed().length > 0);
  expect(weighed()[0]!.payload).toMatchObject({ grams: 2400, within: false, verdict: 'too-heavy' });
  expect(slice().last).toMatchObject({ status: 'needs-supervisor' });
  expect(h.station.state().pendingErrors.map((e) => e.message)).toContainEqual(expect.stringMatching(/^S-1 weighs 2.400 kg, too heavy .*a supervisor accepts it/));

  const asked = await h.requests['weigh.accept']({});
  expect(asked).toMatchObject({ outcome: 'bad', message: 'Accept the weight needs a supervisor: Pat Packer is a packer. A supervisor scans their badge to approve' });
  expect(h.station.state().prompt).toMatchObject({ kind: 'override', permission: 'weight.accept' });
  await h.scan(h.users.supervisor!.badge);
  expect(await h.requests['override.approve']({ pin: h.users.supervisor!.pin, reason: 'cast iron pans' })).toMatchObject({ outcome: 'good', message: 'Weight of S-1 accepted: 2.400 kg' });
  const accepted = h.events('weigh.accepted');
  expect(accepted).toEqual([expect.objectContaining({ payload: { container: 'S-1', weighedSeq: weighed()[0]!.seq, grams: 2400, reason: 'cast iron pans' }, userId: 'u-packer', approvedBy: 'u-supervisor' })]);
  expect(h.events('override.approved')).toEqual([expect.objectContaining({ payload: expect.objectContaining({ action: 'weigh.accept', permission: 'weight.accept' }) })]);
  expect(slice().last).toMatchObject({ status: 'accepted' });
  expect(await h.requests['weigh.accept']({ reason: 'again' })).toMatchObject({ outcome: 'bad' });
});

test('no steady weight: weigh.failed; weighed again once the scale answers', async () => {
  h = await StationHarness.start({ scale: [{ kind: 'silent' }] });
  await h.fillSack(1);
  await h.until('the failure', () => weighed().length > 0);
  expect(weighed()[0]).toMatchObject({ type: 'weigh.failed', payload: { container: 'S-1', scaleId: 'scale-1', reason: 'no-reply' } });
  expect(slice().last).toMatchObject({ status: 'failed', failure: { reason: 'no-reply' } });

  h.sim!.play([{ grams: 1790 }]);
  expect(await h.requests['weigh.retry']({})).toMatchObject({ outcome: 'good', message: 'Weighing S-1 again: leave it on the scale' });
  await h.until('the second weighing', () => weighed().length > 1);
  expect(weighed()[1]).toMatchObject({ type: 'weigh.weighed', payload: { grams: 1790, within: true } });
  expect(await h.requests['weigh.retry']({})).toMatchObject({ outcome: 'bad', message: 'The weight of S-1 is already accepted' });
});

test('the command sheet: CMD:WEIGH_RETRY weighs again, CMD:WEIGH_ACCEPT asks for a supervisor, CMD:SCALE_ZERO zeroes', async () => {
  h = await StationHarness.start({ scale: [{ kind: 'silent' }] });
  await h.fillSack(1);
  await h.until('the failure', () => weighed().length > 0);
  h.sim!.play([{ grams: 2400 }]);
  expect(await h.scan('CMD:WEIGH_RETRY')).toMatchObject({ outcome: 'good', message: 'Weighing S-1 again: leave it on the scale' });
  await h.until('the second weighing', () => weighed().length > 1);
  expect(weighed()[1]).toMatchObject({ type: 'weigh.weighed', payload: { grams: 2400, within: false } });
  expect(await h.scan('CMD:WEIGH_ACCEPT')).toMatchObject({ outcome: 'bad', message: expect.stringMatching(/^Accept the weight needs a supervisor/) });
  expect(h.station.state().prompt).toMatchObject({ kind: 'override', permission: 'weight.accept' });
  expect(await h.scan('CMD:SCALE_ZERO')).toMatchObject({ outcome: 'good', message: 'Scale zeroed' });
  expect(h.events('weigh.adjusted')).toEqual([expect.objectContaining({ payload: expect.objectContaining({ command: 'zero', outcome: 'done' }), userId: 'u-packer' })]);
});

test('no scale: nothing is weighed and the commands say why', async () => {
  h = await StationHarness.start();
  await h.fillSack(1);
  expect(weighed()).toEqual([]);
  expect(h.station.state().slices.weigh).toBeUndefined();
  expect(await h.requests['weigh.retry']({})).toMatchObject({ outcome: 'bad', message: 'No scale weighs containers at this station (config: scales)' });
});

test('a sack closed while another is on the scale is weighed next, not at the same time', async () => {
  h = await StationHarness.start({ scale: [{ grams: 1800 }] });
  await h.fillSack(1);
  await h.fillSack(2);
  await h.until('both weighings', () => weighed().length === 2);
  expect(weighed().map((e) => [e.type, e.payload.container, e.payload.within])).toEqual([['weigh.weighed', 'S-1', true], ['weigh.weighed', 'S-2', true]]);
});

test('zero and tare at a touch where the protocol has them (MT-SICS): the scale\'s answer is recorded as who did it', async () => {
  h = await StationHarness.start({ scale: [{ grams: 300 }] });
  expect(slice()).toMatchObject({ canZero: true, canTare: true });
  expect(await h.requests['weigh.tare']({})).toMatchObject({ outcome: 'good', message: expect.stringMatching(/^Scale tared/) });
  expect(await h.requests['weigh.zero']({})).toMatchObject({ outcome: 'good', message: 'Scale zeroed' });
  expect(h.events('weigh.adjusted').map((e) => [(e.payload as { command: string }).command, (e.payload as { outcome: string }).outcome, e.userId]))
    .toEqual([['tare', 'done', 'u-packer'], ['zero', 'done', 'u-packer']]);
});
