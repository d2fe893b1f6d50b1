import fs from 'node:fs';
import path from 'node:path';
import { EodAnswer } from '../../../src/workflows/eod/contract';
import { pdfText, pdfToPng } from '../../helpers/pdf-to-png';
import { killAllScaleSimulators } from '../../helpers/scale-simulator';
import { closedPort } from '../cli/run-cli';
import { EodHarness } from './eod-harness';

jest.setTimeout(60_000);

let h: EodHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  await killAllScaleSimulators();
});

const CSV = 'reference,warehouse,code,quantity\nPO-7,WH-1,BOX-1,2\n';
const summary = async (q: { date: string; shift?: string }) => EodAnswer.parse(await h!.requests['eod.summary'](q));
const fileOf = (message: string) => /saved: (.*)$/.exec(message)![1]!;

/** The early shift of 2025-06-02 (06:00–14:00 UTC): sacks weighed in and out of tolerance, a refusal, a void, a bill, a manifest. */
async function earlyShift(): Promise<EodHarness> {
  const s = await EodHarness.start({ at: '2025-06-02T05:50:00.000Z', scale: [{ grams: 1812 }] });
  await s.as('supervisor');
  await s.requests['manifest.import']({ file: 'po-7.csv', format: 'csv', contentBase64: Buffer.from(CSV).toString('base64') });
  await s.as('packer');
  s.at('2025-06-02T06:05:00.000Z');
  await s.scan('S-1', 'C-11', 'C-12', 'C-13');
  await s.until('S-1 weighed', () => s.count('weigh.weighed') === 1);
  s.at('2025-06-02T07:00:00.000Z');
  expect(await s.scan('X-UNKNOWN')).toMatchObject({ outcome: 'bad' });
  s.sim!.play([{ grams: 2400 }]);
  await s.scan('S-2', 'C-21', 'C-22', 'C-23');
  await s.until('S-2 weighed', () => s.count('weigh.weighed') === 2);
  // out of tolerance: the packer asks, a supervisor approves (refusal + override)
  expect(await s.requests['weigh.accept']({})).toMatchObject({ outcome: 'bad' });
  await s.scan(s.users.supervisor!.badge);
  expect(await s.requests['override.approve']({ pin: s.users.supervisor!.pin, reason: 'cast iron pans' })).toMatchObject({ outcome: 'good' });
  s.at('2025-06-02T07:50:00.000Z');
  await s.scan('S-3', 'C-31');
  expect(await s.requests['container.void']({ container: 'S-3', reason: 'wrong order' })).toMatchObject({ outcome: 'bad' });
  await s.scan(s.users.supervisor!.badge);
  expect(await s.requests['override.approve']({ pin: s.users.supervisor!.pin, reason: 'wrong order' })).toMatchObject({ outcome: 'good' });
  await s.scan('S-4', 'C-41');
  s.at('2025-06-02T08:40:00.000Z');
  await s.as('biller');
  await s.requests['bill.open']({});
  expect(await s.scan('S-1')).toMatchObject({ outcome: 'good' });
  expect(await s.requests['bill.finalise']({})).toMatchObject({ outcome: 'good' });
  await s.as('dispatcher');
  await s.requests['bill.continue']({ bill: 'station-1-B000001' });
  expect(await s.requests['bill.dispatch']({})).toMatchObject({ outcome: 'good' });
  await s.as('supervisor');
  await s.requests['manifest.open']({ manifest: 'PO-7' });
  expect(await s.requests['manifest.close_short']({ manifest: 'PO-7', reason: 'boxes missing' })).toMatchObject({ outcome: 'good' });
  s.at('2025-06-02T14:30:00.000Z');
  return s;
}

test('a shift\'s work: exact figures, names, the chain head; closed once; CSV and PDF with the figures', async () => {
  h = await earlyShift();
  const s = await summary({ date: '2025-06-02', shift: 'early' });
  const rejected = h.store.db.prepare(`SELECT count(*) FROM events WHERE type = 'scan.rejected' AND device_time >= '2025-06-02T06:00' AND device_time < '2025-06-02T14:00'`).pluck().get();
  expect(s).toMatchObject({
    stationId: 'station-1', date: '2025-06-02', shift: 'early', empty: null,
    period: { start: '2025-06-02T06:00:00.000Z', end: '2025-06-02T14:00:00.000Z' },
    containers: { closed: 2, children: 6, averageChildren: 3, weighed: 2, totalGrams: 4212, averageGrams: 2106, byType: [{ type: 'sack', closed: 2, children: 6 }] },
    outOfTolerance: { count: 1, rows: [{ container: 'S-2', grams: 2400, expectedGrams: 1800, user: 'Pat Packer', acceptedBy: 'Sam Supervisor' }] },
    overrides: { count: 2, rows: [
      { action: 'weigh.accept', requestedBy: 'Pat Packer', approvedBy: 'Sam Supervisor', reason: 'cast iron pans' },
      { action: 'container.void', requestedBy: 'Pat Packer', approvedBy: 'Sam Supervisor', reason: 'wrong order' },
    ] },
    voids: { count: 1, rows: [{ container: 'S-3', reason: 'wrong order', user: 'Pat Packer', approvedBy: 'Sam Supervisor' }] },
    bills: { opened: 1, finalised: 1, dispatched: 1 },
    manifests: { completed: 0, closedShort: 1 },
    openContainers: [{ container: 'S-4', type: 'sack' }],
    clock: { jumps: [], outsidePeriod: 0 },
    closed: null,
  });
  // the unknown code and the two requests that needed a supervisor
  expect(s.refused.count).toBe(3);
  expect(s.refused.count).toBe(rejected);
  expect(s.refused.rows[0]).toMatchObject({ code: 'X-UNKNOWN', user: 'Pat Packer' });
  const last = h.store.db.prepare(`SELECT seq, hash FROM events WHERE device_time < '2025-06-02T14:00' ORDER BY seq DESC LIMIT 1`).get() as { seq: number; hash: string };
  expect(s.chainHead).toEqual(last);
  expect(s.range!.lastSeq).toBe(last.seq);
  expect(s.clock.notes.at(-1)).toMatch(/cannot be compared at the station/);

  // no central configured: nothing is unsynced, and the close says so
  expect(await h.requests['eod.close']({ date: '2025-06-02', shift: 'early' })).toMatchObject({ outcome: 'good', message: expect.stringMatching(/^Shift early of 2025-06-02 closed: no central is configured, so nothing is unsynced/) });
  const closed = (await summary({ date: '2025-06-02', shift: 'early' })).closed!;
  expect(closed).toMatchObject({ by: 'Sam Supervisor', reason: null, summaryHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  expect(await h.requests['eod.close']({ date: '2025-06-02', shift: 'early' })).toMatchObject({ outcome: 'bad', message: expect.stringMatching(/^Shift early of 2025-06-02 was closed already \(seq \d+, .*by Sam Supervisor\)/) });
  expect(h.count('eod.closed')).toBe(1);

  const csv = await h.requests['eod.export']({ date: '2025-06-02', shift: 'early', format: 'csv' });
  expect(csv).toMatchObject({ outcome: 'good' });
  const csvFile = fileOf(csv.message);
  expect(csvFile).toBe(path.join(h.config.dataDir, 'documents', 'eod', 'station-1-2025-06-02-early.csv'));
  const text = fs.readFileSync(csvFile, 'utf8');
  expect(text).toContain('figure,Containers closed,2,');
  expect(text).toContain('figure,Total weight (kg),4.212,');
  expect(text).toContain('void,S-3,,');

  const pdf = await h.requests['eod.export']({ date: '2025-06-02', shift: 'early', format: 'pdf' });
  const bytes = fs.readFileSync(fileOf(pdf.message));
  const words = await pdfText(bytes);
  for (const figure of ['End of day 2025-06-02, shift early', 'Containers closed', 'Total weight (kg)', '4.212', '2.106', 'cast iron pans', 'S-4', closed.summaryHash.slice(0, 16)]) {
    expect(words).toContain(figure);
  }
  const pages = await pdfToPng(bytes, path.resolve(__dirname, '../../../test-results/eod-summary/eod-summary'));
  expect(pages.length).toBeGreaterThan(0);
  expect(h.count('eod.exported')).toBe(2);
});

test('a day with no work: an empty summary that says so; a bad date or shift is named', async () => {
  h = await EodHarness.start({ at: '2025-06-02T08:00:00.000Z' });
  await h.as('supervisor');
  const s = await summary({ date: '2025-05-01' });
  expect(s).toMatchObject({ empty: 'No work recorded at station station-1 on 2025-05-01', range: null, chainHead: null, containers: { closed: 0 }, refused: { count: 0 }, closed: null });
  // the configured shifts come with every answer, so the screen can offer them
  expect(s.shifts).toEqual([{ id: 'early', start: '06:00', end: '14:00' }, { id: 'night', start: '22:00', end: '06:00' }]);
  await expect(h.requests['eod.summary']({ date: '2025-02-30' })).rejects.toThrow('"2025-02-30" is not a date');
  await expect(h.requests['eod.summary']({ date: '2025-06-02', shift: 'late' })).rejects.toThrow('there is no shift "late" (configured: early, night)');
  expect(await h.requests['eod.close']({ date: '2025-06-02' })).toMatchObject({ outcome: 'bad', message: 'The day 2025-06-02 ends at 2025-06-03T00:00:00.000Z: close it after that' });
});

test('a night shift across midnight is summarised whole; a clock that jumped back is reported where', async () => {
  h = await EodHarness.start({ at: '2025-06-02T21:50:00.000Z' });
  await h.as('packer');
  h.at('2025-06-02T23:00:00.000Z');
  await h.scan('S-1', 'C-11', 'C-12', 'C-13');
  h.at('2025-06-03T03:00:00.000Z');
  await h.scan('S-2', 'C-21');
  const before = h.lastSeq();
  // the station clock is set back two hours (a wrong NTP answer)
  h.at('2025-06-03T01:00:00.000Z');
  await h.scan('C-22', 'C-23');
  h.at('2025-06-03T05:00:00.000Z');
  h.at('2025-06-03T07:00:00.000Z');
  await h.as('supervisor');
  const night = await summary({ date: '2025-06-02', shift: 'night' });
  expect(night).toMatchObject({ period: { start: '2025-06-02T22:00:00.000Z', end: '2025-06-03T06:00:00.000Z' }, containers: { closed: 2, children: 6 }, openContainers: [] });
  // going back is always reported; forward steps over an hour too (a jump, or nobody worked)
  expect(night.clock.jumps.filter((j) => j.deltaMs < 0)).toEqual([expect.objectContaining({ seq: before + 1, prevSeq: before, deltaMs: -2 * 3_600_000 })]);
  expect(night.clock.notes).toContainEqual(expect.stringMatching(/^the station clock moved forward 4 h at seq \d+ .*: a jump, or no work for that long$/));
  expect(night.clock.notes).toContain(`the station clock jumped back 2 h at seq ${before + 1} (2025-06-03T03:00:00.000Z at seq ${before}, then 2025-06-03T01:00:00.000Z)`);
  // each calendar day sees its half: S-1 closed before midnight, S-2 after
  expect((await summary({ date: '2025-06-02' })).containers.closed).toBe(1);
  expect((await summary({ date: '2025-06-03' })).containers.closed).toBe(1);
});

test('close refused while events are not at central (central unreachable), naming what; a supervisor\'s reason closes it', async () => {
  const port = await closedPort();
  h = await EodHarness.start({ at: '2025-06-02T07:00:00.000Z', config: { central: { url: `postgres://eod:eod@127.0.0.1:${port}/central` } } });
  await h.as('packer');
  await h.scan('S-1', 'C-11', 'C-12', 'C-13');
  h.at('2025-06-02T15:00:00.000Z');
  await h.as('supervisor');
  const pending = h.lastSeq();
  const refused = await h.requests['eod.close']({ date: '2025-06-02', shift: 'early' });
  expect(refused).toMatchObject({ outcome: 'bad', message: `Shift early of 2025-06-02 is not closed: ${pending} events not yet at central, oldest 8 h old. Wait for central, or a supervisor closes it anyway with a reason` });
  const ok = await h.requests['eod.close']({ date: '2025-06-02', shift: 'early', reason: 'central down, closing on paper' });
  expect(ok).toMatchObject({ outcome: 'good', message: expect.stringMatching(/closed: closed with \d+ events not yet at central, oldest 8 h old \(central down, closing on paper\)/) });
  const [event] = h.store.db.prepare(`SELECT payload, user_id AS userId FROM events WHERE type = 'eod.closed'`).all() as Array<{ payload: string; userId: string }>;
  expect(event!.userId).toBe('u-supervisor');
  expect(JSON.parse(event!.payload)).toMatchObject({ date: '2025-06-02', shift: 'early', reason: 'central down, closing on paper', unsynced: { notAtCentral: pending + 1, oldestAt: '2025-06-02T07:00:00.000Z', quarantined: null, unseenRejections: 0 } });
});

test('a packer is refused in the core: the summary, the close (a supervisor may approve it) and the export', async () => {
  h = await EodHarness.start({ at: '2025-06-02T15:00:00.000Z' });
  await h.as('packer');
  await expect(h.requests['eod.summary']({ date: '2025-06-02' })).rejects.toThrow(/may not read the end-of-day summary \(dashboard.view\)/);
  expect(await h.requests['eod.export']({ date: '2025-06-02', format: 'csv' })).toMatchObject({ outcome: 'bad', message: expect.stringMatching(/may not Export the end-of-day summary \(dashboard.view\)/) });
  expect(await h.requests['eod.close']({ date: '2025-06-01' })).toMatchObject({ outcome: 'bad', message: 'Close the day needs a supervisor: Pat Packer is a packer. A supervisor scans their badge to approve' });
  expect(h.count('eod.closed')).toBe(0);
  await h.scan(h.users.supervisor!.badge);
  expect(await h.requests['override.approve']({ pin: h.users.supervisor!.pin, reason: 'supervisor on the floor' })).toMatchObject({ outcome: 'good', message: expect.stringMatching(/^The day 2025-06-01 closed/) });
  expect(h.store.db.prepare(`SELECT user_id AS userId, approved_by AS approvedBy FROM events WHERE type = 'eod.closed'`).get()).toEqual({ userId: 'u-packer', approvedBy: 'u-supervisor' });
});

test('CSV export: a name or code that a spreadsheet would run as a formula comes out inert', async () => {
  const evil = { userId: 'u-evil', name: "=cmd|' /C calc'!A0", role: 'packer' as const, badge: 'B-EVIL01', pin: '9999' };
  h = await EodHarness.start({ at: '2025-06-02T07:00:00.000Z', users: [evil] });
  await h.as(evil);
  for (const code of ['+1', '-1', '@x', '=HYPERLINK("http://x")']) await h.scan(code);
  h.at('2025-06-02T15:00:00.000Z');
  await h.as('supervisor');
  const r = await h.requests['eod.export']({ date: '2025-06-02', shift: 'early', format: 'csv' });
  const lines = fs.readFileSync(fileOf(r.message), 'utf8').split('\r\n').filter((l) => l.startsWith('refused,'));
  expect(lines).toHaveLength(4);
  for (const line of lines) {
    const cells = line.split(',');
    // no cell starts with a formula character: the code and the name are prefixed with '
    expect(cells.every((c) => !/^"?[=+\-@]/.test(c))).toBe(true);
  }
  expect(lines[0]).toContain(`'+1`);
  expect(lines[1]).toContain(`'-1`);
  expect(lines[2]).toContain(`'@x`);
  expect(lines[0]).toContain(`'=cmd|' /C calc'!A0`);
});
