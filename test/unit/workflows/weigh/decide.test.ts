import { decideAccept, decideAdjust, decideWeighing, expectedWeight, judgeWeight, refuseRetry, type WeightRules } from '../../../../src/workflows/weigh/decide';
import type { Weighing, WeighView } from '../../../../src/workflows/weigh/view';
import { WeighConfig } from '../../../../src/workflows/weigh/config';
import { ContainerConfig } from '../../../../src/workflows/container/config';

const sack: WeightRules = { emptyWeightG: 300, maxWeightG: 25_000, itemWeightG: null, leaf: false };
const bag = (itemWeightG: number | null): WeightRules => ({ emptyWeightG: 0, maxWeightG: null, itemWeightG, leaf: true });
const pallet: WeightRules = { emptyWeightG: 25_000, maxWeightG: 1_000_000, itemWeightG: null, leaf: false };

describe('expected weight: the empty container plus its children', () => {
  test('bags count their type\'s itemWeightG', () => {
    expect(expectedWeight(sack, [{ code: 'C-1', rules: bag(500), measuredGrams: null }, { code: 'C-2', rules: bag(500), measuredGrams: null }]))
      .toEqual({ expectedGrams: 1300, unknown: [] });
  });
  test('a child container counts its accepted weighing, else its type\'s empty weight', () => {
    expect(expectedWeight(pallet, [{ code: 'S-1', rules: sack, measuredGrams: 1812.5 }, { code: 'S-2', rules: sack, measuredGrams: null }]))
      .toEqual({ expectedGrams: 25_000 + 1812.5 + 300, unknown: [] });
  });
  test('a bag whose type gives no itemWeightG (or a child of no known type) makes it unknown: only the maximum is checked', () => {
    expect(expectedWeight(sack, [{ code: 'C-1', rules: bag(null), measuredGrams: null }, { code: 'C-2', rules: null, measuredGrams: null }]))
      .toEqual({ expectedGrams: null, unknown: ['C-1', 'C-2'] });
  });
  test('an empty container is its empty weight', () => {
    expect(expectedWeight(sack, [])).toEqual({ expectedGrams: 300, unknown: [] });
  });
});

describe('the verdict', () => {
  test('the larger of grams and percent; a deviation equal to it is still within', () => {
    expect(judgeWeight(1310, 1300, 25_000, { grams: 10 })).toEqual({ within: true, verdict: 'within', toleranceGrams: 10 });
    expect(judgeWeight(1311, 1300, 25_000, { grams: 10 })).toEqual({ within: false, verdict: 'too-heavy', toleranceGrams: 10 });
    expect(judgeWeight(1270, 1300, 25_000, { grams: 10, percent: 5 })).toEqual({ within: true, verdict: 'within', toleranceGrams: 65 });
    expect(judgeWeight(1200, 1300, 25_000, { grams: 10, percent: 5 })).toEqual({ within: false, verdict: 'too-light', toleranceGrams: 65 });
  });
  test('over the maximum is never within, whatever the tolerance; with no expected weight only the maximum counts', () => {
    expect(judgeWeight(25_001, 25_001, 25_000, { grams: 10 })).toMatchObject({ within: false, verdict: 'over-max' });
    expect(judgeWeight(24_000, null, 25_000, { grams: 10 })).toEqual({ within: true, verdict: 'within', toleranceGrams: null });
    expect(judgeWeight(26_000, null, 25_000, { grams: 10 })).toEqual({ within: false, verdict: 'over-max', toleranceGrams: null });
    expect(judgeWeight(90_000, null, null, { grams: 10 })).toMatchObject({ within: true });
  });
});

describe('a weighing as events', () => {
  const ok = (grams: number) => ({ ok: true as const, grams, unit: 'g', readings: 3, elapsedMs: 5 });
  test('within: weigh.weighed, good', () => {
    expect(decideWeighing('S-1', 'scale-1', ok(1305), sack, { expectedGrams: 1300, unknown: [] }, { grams: 10 })).toEqual({
      outcome: 'good', message: 'S-1 weighs 1.305 kg (expected 1.300 kg ± 0.010 kg)',
      events: [{ type: 'weigh.weighed', payload: { container: 'S-1', scaleId: 'scale-1', grams: 1305, expectedGrams: 1300, toleranceGrams: 10, maxWeightG: 25_000, within: true, verdict: 'within' } }],
    });
  });
  test('out of tolerance or over the maximum: recorded, not within, and the packer is told a supervisor accepts it', () => {
    const heavy = decideWeighing('S-1', 'scale-1', ok(1400), sack, { expectedGrams: 1300, unknown: [] }, { grams: 10 });
    expect(heavy).toMatchObject({ outcome: 'bad', message: 'S-1 weighs 1.400 kg, too heavy (expected 1.300 kg ± 0.010 kg): a supervisor accepts it, or weigh it again' });
    expect(heavy.events[0]!.payload).toMatchObject({ within: false, verdict: 'too-heavy' });
    const over = decideWeighing('S-1', 'scale-1', ok(30_000), sack, { expectedGrams: null, unknown: ['C-1'] }, { grams: 10 });
    expect(over.message).toBe('S-1 weighs 30.000 kg, over its maximum of 25.000 kg: a supervisor accepts it, or weigh it again');
    expect(over.events[0]!.payload).toMatchObject({ expectedGrams: null, toleranceGrams: null, within: false, verdict: 'over-max' });
  });
  test('no steady weight: weigh.failed with the scale\'s reason', () => {
    expect(decideWeighing('S-1', 'scale-1', { ok: false, reason: 'unstable', detail: 'weight not steady in 1 s', elapsedMs: 1000 }, sack, { expectedGrams: 1300, unknown: [] }, {})).toEqual({
      outcome: 'bad', message: 'S-1 could not be weighed (unstable: weight not steady in 1 s): weigh it again',
      events: [{ type: 'weigh.failed', payload: { container: 'S-1', scaleId: 'scale-1', reason: 'unstable', detail: 'weight not steady in 1 s' } }],
    });
  });
});

describe('accept and retry', () => {
  const weighing = (w: Partial<Weighing>): Weighing => ({
    seq: 7, container: 'S-1', scaleId: 'scale-1', grams: 1400, expectedGrams: 1300, toleranceGrams: 10, maxWeightG: 25_000, verdict: 'too-heavy',
    failure: null, accepted: false, acceptedBy: null, at: '2026-12-02T00:00:00.000Z', ...w,
  });
  const viewOf = (...rows: Weighing[]): WeighView => ({
    last: () => rows.at(-1) ?? null,
    lastOf: (c) => rows.filter((r) => r.container === c).at(-1) ?? null,
    acceptedGrams: () => null,
  });
  test('a supervisor accepts the last weighing out of tolerance, with a reason', () => {
    expect(decideAccept(viewOf(weighing({})), { reason: 'cast iron pan' }, 'weigh.accept')).toEqual({
      outcome: 'good', message: 'Weight of S-1 accepted: 1.400 kg',
      events: [{ type: 'weigh.accepted', payload: { container: 'S-1', weighedSeq: 7, grams: 1400, reason: 'cast iron pan' } }],
    });
  });
  test('refused: no reason, nothing weighed, already accepted, a failed weighing', () => {
    const reason = (d: ReturnType<typeof decideAccept>) => (d.outcome === 'bad' ? d.message : 'accepted');
    expect(reason(decideAccept(viewOf(weighing({})), {}, 'weigh.accept'))).toBe('Accepting the weight of S-1 needs a reason');
    expect(reason(decideAccept(viewOf(), { reason: 'x' }, 'weigh.accept'))).toBe('Nothing has been weighed yet');
    expect(reason(decideAccept(viewOf(weighing({ accepted: true })), { reason: 'x' }, 'weigh.accept'))).toBe('The weight of S-1 is already accepted');
    expect(reason(decideAccept(viewOf(weighing({ grams: null, verdict: null })), { reason: 'x' }, 'weigh.accept'))).toMatch(/no weight to accept/);
    expect(reason(decideAccept(viewOf(weighing({})), { container: 'S-9', reason: 'x' }, 'weigh.accept'))).toBe('S-9 has not been weighed');
  });
  test('retry: the last weighing not accepted; not while one runs', () => {
    expect(refuseRetry(viewOf(weighing({})), undefined, null, 'weigh.retry')).toEqual({ container: 'S-1' });
    expect(refuseRetry(viewOf(weighing({})), undefined, 'S-1', 'weigh.retry')).toMatchObject({ outcome: 'bad', message: 'S-1 is being weighed: wait for its weight' });
    expect(refuseRetry(viewOf(weighing({ accepted: true })), undefined, null, 'weigh.retry')).toMatchObject({ outcome: 'bad' });
  });
});

test('config: weigh defaults, and itemWeightG on a container type', () => {
  expect(WeighConfig.parse({})).toEqual({ timeoutMs: 10_000 });
  expect(WeighConfig.safeParse({ timeoutMs: 5 }).error?.issues[0]?.message).toBe('weigh.timeoutMs must be at least 100');
  const types = ContainerConfig.parse({ types: [{ id: 'bag', name: 'Bag', code: { pattern: '^C-' }, itemWeightG: 500 }] });
  expect(types.types[0]!.itemWeightG).toBe(500);
  expect(ContainerConfig.safeParse({ types: [{ id: 'bag', name: 'Bag', code: { pattern: '^C-' }, itemWeightG: 0 }] }).error?.issues[0]?.message).toBe('itemWeightG must be positive');
});

describe('zero and tare', () => {
  test('done: said and recorded (a tare says what it took off); refused in the scale\'s words, and recorded too', () => {
    expect(decideAdjust('scale-1', 'zero', { kind: 'done' }, 'weigh.zero')).toMatchObject({
      outcome: 'good', message: 'Scale zeroed',
      events: [{ type: 'weigh.adjusted', payload: { scaleId: 'scale-1', command: 'zero', outcome: 'done', grams: null, detail: null } }],
    });
    expect(decideAdjust('scale-1', 'tare', { kind: 'done', grams: 310 }, 'weigh.tare').message).toBe('Scale tared (310 g taken off)');
    const refused = decideAdjust('scale-1', 'zero', { kind: 'refused', detail: 'the weight is not steady' }, 'weigh.zero');
    expect(refused).toMatchObject({ outcome: 'bad', message: 'The scale did not zero: the weight is not steady' });
    expect(refused.events.map((e) => e.type)).toEqual(['scan.rejected', 'weigh.adjusted']);
    expect(decideAdjust('scale-1', 'tare', { kind: 'no-reply', detail: 'no answer in 300 ms' }, 'weigh.tare').events[1]).toMatchObject({ payload: { outcome: 'no-reply', detail: 'no answer in 300 ms' } });
  });
});
