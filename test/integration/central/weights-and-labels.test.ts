import { projectAll } from '../../../src/central/projector';
import type { WeighResult } from '../../../src/scale/port';
import { labelContract } from '../../../src/workflows/label/contract';
import { weighContract } from '../../../src/workflows/weigh/contract';
import { decideWeighing, expectedWeight, type WeightRules } from '../../../src/workflows/weigh/decide';
import { describeWithCentral } from './helpers/central-db';
import { closeAll, testStation, type Closable } from './helpers/test-station';
import type { Who } from './helpers/station-db';

jest.setTimeout(120_000);

const timeouts = { statementTimeoutMs: 60_000, idleInTransactionTimeoutMs: 60_000 };

type Event = { type: string; payload: unknown; who?: Partial<Who> };
type Contract = { events: Readonly<Record<string, { parse(x: unknown): unknown }>> };

/** An event as its module's contract defines it: a payload that drifted from the contract fails here, not at central. */
const checked = (contract: Contract, type: string, payload: unknown, who?: Partial<Who>): Event => ({ type, payload: contract.events[type]!.parse(payload), who });
const weighEvent = (type: string, payload: unknown, who?: Partial<Who>) => checked(weighContract, type, payload, who);
const labelEvent = (type: string, payload: unknown, who?: Partial<Who>) => checked(labelContract, type, payload, who);

const BOX: WeightRules = { emptyWeightG: 300, maxWeightG: 20_000, itemWeightG: null, leaf: false };
const ITEM: WeightRules = { emptyWeightG: 0, maxWeightG: null, itemWeightG: 500, leaf: true };
const SCALE = 'scale-1';
const PRINTER = 'tcp://printer-1:9100';

/** A weighing of a box holding `items` items, judged by the weigh module itself (±50 g). */
function weighing(container: string, items: number, result: WeighResult): Event {
  const children = Array.from({ length: items }, (_, i) => ({ code: `${container}-I${i}`, rules: ITEM, measuredGrams: null }));
  const d = decideWeighing(container, SCALE, result, BOX, expectedWeight(BOX, children), { grams: 50 });
  return weighEvent(d.events[0]!.type, d.events[0]!.payload);
}
const steady = (grams: number): WeighResult => ({ ok: true, grams, unit: 'g', readings: 3, elapsedMs: 800 });

/** A box opened, filled with `items` items and closed, as the container module records it. */
const packed = (container: string, items: number): Event[] => [
  { type: 'container.opened', payload: { container, type: 'box', capacity: 10 } },
  ...Array.from({ length: items }, (_, i) => ({ type: 'container.child_linked', payload: { parent: container, child: `${container}-I${i}`, childType: 'item' } })),
  { type: 'container.closed', payload: { container, reason: 'manual', count: items } },
];

/**
 * Weights and labels at central (src/workflows/weigh/central.sql.ts, src/workflows/label/central.sql.ts):
 * the station's weighings, a supervisor's acceptance and its print jobs, projected as the station
 * recorded them; applied again, or out of order, nothing changes twice.
 */
describeWithCentral('central weight and label projections', (pg) => {
  const open: Closable[] = [];
  afterAll(() => closeAll(open));
  const station = (id: string) => testStation(pg.central, id, open, timeouts);
  const q = async (sql: string, params: unknown[] = []) => (await pg.central.admin.query(sql, params)).rows;
  const weights = (id: string) => q(`SELECT seq::int, container, scale_id, grams, expected_grams, tolerance_grams, verdict, within, failed_reason,
      accepted_seq::int, accepted_by, accepted_reason FROM central.container_weights WHERE station_id = $1 ORDER BY seq`, [id]);
  const jobs = (id: string) => q(`SELECT job_id, container, status, kind, reason, target, reprint_of, reprint_reason, requested_seq::int, last_seq::int
      FROM central.label_jobs WHERE station_id = $1 ORDER BY job_id`, [id]);
  /** Every column, updated_at included: a row written again would show a later time. */
  const snapshot = async (id: string) => ({
    weights: await q(`SELECT * FROM central.container_weights WHERE station_id = $1 ORDER BY seq`, [id]),
    jobs: await q(`SELECT * FROM central.label_jobs WHERE station_id = $1 ORDER BY job_id`, [id]),
  });
  const faults = async (id: string) => ({
    rejections: await q(`SELECT seq::int, reason FROM central.rejections WHERE station_id = $1`, [id]),
    dead: await q(`SELECT seq::int, error FROM central.projection_dead_letters WHERE station_id = $1`, [id]),
  });
  const project = async (s: Awaited<ReturnType<typeof station>>) => {
    await s.ingest();
    return projectAll(s.pool, timeouts);
  };

  it('a closed box weighed out of tolerance, accepted by a supervisor, its label failed then sent, and a reprint', async () => {
    const s = await station('wl-pack');
    s.local.append(packed('BOX-1', 2));
    s.local.append([weighEvent('weigh.adjusted', { scaleId: SCALE, command: 'tare', outcome: 'done', grams: 0, detail: null })]);
    const [failed] = s.local.append([weighing('BOX-1', 2, { ok: false, reason: 'unstable', detail: 'no steady weight in 10 s', elapsedMs: 10_000 })]);
    const heavy = weighing('BOX-1', 2, steady(1450));
    expect(heavy.payload).toMatchObject({ expectedGrams: 1300, toleranceGrams: 50, within: false, verdict: 'too-heavy' });
    const [weighed] = s.local.append([heavy]);
    const [accepted] = s.local.append([weighEvent('weigh.accepted', { container: 'BOX-1', weighedSeq: weighed, grams: 1450, reason: 'two spare manuals inside' },
      { userId: 'packer-1', role: 'packer', approvedBy: 'sup-1' })]);
    const [requested, , sent] = s.local.append([
      labelEvent('label.requested', { jobId: 'JOB-1', container: 'BOX-1', containerType: 'box', grams: 1450, zpl: '^XA^FXjob JOB-1^XZ' }),
      labelEvent('label.failed', { jobId: 'JOB-1', target: PRINTER, kind: 'unreachable', reason: 'connection refused' }),
      labelEvent('label.sent', { jobId: 'JOB-1', target: PRINTER }),
    ]);
    const [reprint, , confirmed] = s.local.append([
      labelEvent('label.requested', { jobId: 'JOB-2', container: 'BOX-1', containerType: 'box', grams: 1450, zpl: '^XA^FXjob JOB-2^XZ',
        reprintOf: 'JOB-1', reason: 'label torn' }),
      labelEvent('label.unknown', { jobId: 'JOB-2', target: PRINTER, kind: 'timeout', reason: 'no reply after the label left' }),
      labelEvent('label.confirmed', { jobId: 'JOB-2', printed: true }),
    ]);
    // a second box, in tolerance: settled without a supervisor
    s.local.append(packed('BOX-2', 2));
    const [within] = s.local.append([weighing('BOX-2', 2, steady(1310))]);
    await project(s);

    expect(await weights('wl-pack')).toEqual([
      { seq: failed, container: 'BOX-1', scale_id: SCALE, grams: null, expected_grams: null, tolerance_grams: null, verdict: null, within: null,
        failed_reason: 'unstable', accepted_seq: null, accepted_by: null, accepted_reason: null },
      { seq: weighed, container: 'BOX-1', scale_id: SCALE, grams: 1450, expected_grams: 1300, tolerance_grams: 50, verdict: 'too-heavy', within: false,
        failed_reason: null, accepted_seq: accepted, accepted_by: 'sup-1', accepted_reason: 'two spare manuals inside' },
      { seq: within, container: 'BOX-2', scale_id: SCALE, grams: 1310, expected_grams: 1300, tolerance_grams: 50, verdict: 'within', within: true,
        failed_reason: null, accepted_seq: null, accepted_by: null, accepted_reason: null },
    ]);
    expect(await jobs('wl-pack')).toEqual([
      { job_id: 'JOB-1', container: 'BOX-1', status: 'sent', kind: null, reason: null, target: PRINTER, reprint_of: null, reprint_reason: null,
        requested_seq: requested, last_seq: sent },
      { job_id: 'JOB-2', container: 'BOX-1', status: 'sent', kind: null, reason: 'confirmed printed by a person', target: PRINTER, reprint_of: 'JOB-1',
        reprint_reason: 'label torn', requested_seq: reprint, last_seq: confirmed },
    ]);
    expect(await faults('wl-pack')).toEqual({ rejections: [], dead: [] });

    // replay: the same events sent again are not stored again, and the projector has nothing to do
    const before = await snapshot('wl-pack');
    expect(await s.ingest()).toMatchObject({ inserted: 0 });
    expect(await projectAll(s.pool, timeouts)).toEqual({ projected: 0, failed: 0 });
    // the same range applied a second time (a dead-letter retry does that) writes no row again
    const last = s.local.events().length;
    await q(`SELECT central.project_weights($1, 0, $2), central.project_labels($1, 0, $2)`, ['wl-pack', last]);
    expect(await snapshot('wl-pack')).toEqual(before);
    expect(await faults('wl-pack')).toEqual({ rejections: [], dead: [] });
  });

  it('an acceptance before its weighing and a print outcome before its job reach central: recorded, then completed, never doubled', async () => {
    const s = await station('wl-late');
    s.local.append(packed('BOX-3', 1));
    const [weighed] = s.local.append([weighing('BOX-3', 1, steady(700))]);
    const [accepted] = s.local.append([weighEvent('weigh.accepted', { container: 'BOX-3', weighedSeq: weighed, grams: 700, reason: 'one item short, on purpose' },
      { userId: 'sup-2', role: 'supervisor' })]);
    const [requested, sent] = s.local.append([
      labelEvent('label.requested', { jobId: 'JOB-3', container: 'BOX-3', containerType: 'box', grams: 700, zpl: '^XA^FXjob JOB-3^XZ' }),
      labelEvent('label.sent', { jobId: 'JOB-3', target: PRINTER, note: 'printer ready' }),
    ]);
    expect(await s.ingest()).toMatchObject({ inserted: s.local.events().length });

    // the later events first, as when the earlier one was dead-lettered at ingest and retried afterwards
    await q(`SELECT central.project_weights($1, $2, $3)`, ['wl-late', accepted! - 1, accepted]);
    await q(`SELECT central.project_labels($1, $2, $3)`, ['wl-late', sent! - 1, sent]);
    expect(await weights('wl-late')).toEqual([{ seq: weighed, container: 'BOX-3', scale_id: null, grams: 700, expected_grams: null, tolerance_grams: null,
      verdict: null, within: null, failed_reason: null, accepted_seq: accepted, accepted_by: 'sup-2', accepted_reason: 'one item short, on purpose' }]);
    expect(await jobs('wl-late')).toEqual([{ job_id: 'JOB-3', container: null, status: 'sent', kind: null, reason: 'printer ready', target: PRINTER,
      reprint_of: null, reprint_reason: null, requested_seq: null, last_seq: sent }]);

    // then the whole range in order (the projector): the missing parts filled in, the outcome not moved back
    await projectAll(s.pool, timeouts);
    expect(await weights('wl-late')).toEqual([{ seq: weighed, container: 'BOX-3', scale_id: SCALE, grams: 700, expected_grams: 800, tolerance_grams: 50,
      verdict: 'too-light', within: false, failed_reason: null, accepted_seq: accepted, accepted_by: 'sup-2', accepted_reason: 'one item short, on purpose' }]);
    expect(await jobs('wl-late')).toEqual([{ job_id: 'JOB-3', container: 'BOX-3', status: 'sent', kind: null, reason: 'printer ready', target: PRINTER,
      reprint_of: null, reprint_reason: null, requested_seq: requested, last_seq: sent }]);
    expect(await faults('wl-late')).toEqual({ rejections: [], dead: [] });
  });
});
