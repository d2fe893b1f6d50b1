import { ForbiddenError } from '../../../src/core/gate';
import { signIn } from '../../helpers/sign-in';
import { StationHarness } from '../weigh/station-harness';

/** Bags (C-) and boxes (X-) into sacks of 3: a sack holding both is a mixed close, slower work. */
const MIXED = {
  container: { types: [
    { id: 'bag', name: 'Bag', code: { pattern: '^C-[0-9]+$' }, itemWeightG: 500, holds: [] },
    { id: 'box', name: 'Box', code: { pattern: '^X-[0-9]+$' }, itemWeightG: 700, holds: [] },
    { id: 'sack', name: 'Sack', code: { pattern: '^S-[0-9]+$' }, capacity: 3, emptyWeightG: 300, maxWeightG: 25_000, holds: ['bag', 'box'] },
  ] },
};

let h: StationHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A window of the hours around now (the harness records with the real clock). */
const window = () => ({ from: new Date(Date.now() - 3 * 3_600_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString() });

async function as(role: 'packer' | 'supervisor' | 'biller') {
  await h!.requests['session.logout']({});
  await signIn(h!.station, h!.users[role]!);
}

test('dashboard.figures counts this station\'s window exactly: scans, refusals, closes, open containers, unbilled, backlog', async () => {
  h = await StationHarness.start({ config: MIXED });
  await h.fillSack(1); // S-1 with C-11..C-13: closed at capacity
  await h.scan('NOT-A-CODE'); // refused
  await h.scan('S-2', 'C-21'); // S-2 stays open
  await as('supervisor');
  const f = await h.requests['dashboard.figures'](window());
  const packer = h.users.packer!.userId;
  expect(f.totals).toEqual({ scans: 4, refused: 1, containersClosed: 1, overrides: 0, voids: 0, errorRate: 0.2, overrideRate: 0, voidRate: 0 });
  // per hour and operator: all of it is the packer's (the sign-ins are session events, not counted)
  expect(f.hours.filter((r) => r.key === packer).reduce((n, r) => n + r.scans, 0)).toBe(4);
  expect(f.now.count).toBe(1);
  const openedS2 = h.store.db.prepare(`SELECT device_time FROM events WHERE type = 'container.opened' AND payload ->> '$.container' = 'S-2'`).pluck().get();
  expect(f.now.oldestOpenedAt).toBe(openedS2);
  expect(f.now.unbilled).toBe(1);
  // no central here: nothing was ever acknowledged, so every event is waiting
  const top = (h.store.db.prepare('SELECT max(seq) FROM events').pluck().get() as number);
  expect(f.backlog.unsent).toBe(top);
  expect(f.packers).toEqual([expect.objectContaining({ userId: packer, scans: 4, containersClosed: 1, misscanRate: 0.2, avgChildren: 3, mixedShare: 0, complexity: 1 })]);
});

test('the complexity-adjusted rate does not rank harder work below easy work', async () => {
  h = await StationHarness.start({ config: MIXED });
  // the easy packer: three sacks of bags only, each full
  for (const n of [1, 2, 3]) await h.fillSack(n);
  // the hard packer: three sacks of a bag and a box each, closed by hand
  await as('supervisor');
  for (const n of [4, 5, 6]) {
    await h.scan(`S-${n}`, `C-${n}1`, `X-${n}1`);
    await h.requests['container.close']({});
    // below capacity: the close asks for a confirmation
    if (h.station.state().slices.container?.confirmClose) await h.requests['container.confirm_close']({});
  }
  const f = await h.requests['dashboard.figures'](window());
  const easy = f.packers.find((p) => p.userId === h!.users.packer!.userId)!;
  const hard = f.packers.find((p) => p.userId === h!.users.supervisor!.userId)!;
  expect([easy.scans, easy.containersClosed, easy.mixedShare]).toEqual([9, 3, 0]);
  expect([hard.scans, hard.containersClosed, hard.mixedShare]).toEqual([6, 3, 1]);
  // C(easy) = 4/3, C(hard) = 1.5 × 2 = 3, C(floor) = (1 + 6/15) × (1 + 3/6) = 2.1
  expect(easy.complexity).toBe(Math.round((4 / 3 / 2.1) * 1e4) / 1e4);
  expect(hard.complexity).toBe(Math.round((3 / 2.1) * 1e4) / 1e4);
  expect(easy.adjustedRate).toBe(Math.round((9 / easy.activeHours) * (4 / 3 / 2.1) * 100) / 100);
  expect(hard.adjustedRate).toBe(Math.round((6 / hard.activeHours) * (3 / 2.1) * 100) / 100);
  if (easy.activeHours === hard.activeHours) {
    expect(hard.ratePerHour).toBeLessThan(easy.ratePerHour);
    expect(hard.adjustedRate).toBeGreaterThanOrEqual(easy.adjustedRate);
    expect(f.packers[0]!.userId).toBe(hard.userId);
  }
});

test('a packer may not read the dashboard: the core refuses it', async () => {
  h = await StationHarness.start();
  await expect(h.requests['dashboard.figures'](window())).rejects.toBeInstanceOf(ForbiddenError);
  await expect(h.requests['dashboard.floor'](window())).rejects.toBeInstanceOf(ForbiddenError);
  await expect(h.requests['station.device_health']({})).rejects.toBeInstanceOf(ForbiddenError);
});

test('without central, dashboard.floor says so at once', async () => {
  h = await StationHarness.start();
  await as('supervisor');
  const floor = await h.requests['dashboard.floor'](window());
  expect(floor).toEqual({ reachable: false, at: expect.any(String), reason: 'this station replicates to no central database' });
});
