import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { EodSummary, Unsynced } from './contract';
import type { Period } from './period';
import type { EodView, JumpRow } from './view';

/** The most rows each list of a summary carries (the counts are always whole). */
export const LIST_MAX = 500;
/** A forward step of the clock larger than this between consecutive events is reported. */
export const FORWARD_JUMP_MS = 3_600_000;

/** What central's side says, as far as the station knows it (the replication summary). */
export interface CentralSide { configured: boolean; quarantined: number | null }

const hours = (ms: number): string => {
  const h = Math.abs(ms) / 3_600_000;
  return h >= 1 ? `${Number(h.toFixed(1))} h` : `${Math.round(Math.abs(ms) / 60_000)} min`;
};

function jumpWords(j: JumpRow): string {
  return j.deltaMs < 0
    ? `the station clock jumped back ${hours(j.deltaMs)} at seq ${j.seq} (${j.prevAt} at seq ${j.prevSeq}, then ${j.at})`
    : `the station clock moved forward ${hours(j.deltaMs)} at seq ${j.seq} (${j.prevAt} at seq ${j.prevSeq}, then ${j.at}): a jump, or no work for that long`;
}

/** Nothing here keeps central's receive time (an acknowledgement carries only central's mark): say so rather than guess. */
const CENTRAL_TIMES = 'Device and central times cannot be compared at the station: it keeps no central receive time. Central compares them (each event it stores has its received_at beside the device time).';

/** The summary of one period: figures by SQL over its seq range, names from `nameOf`. */
export function buildSummary(view: EodView, stationId: string, period: Period, nameOf: (userId: string | null) => string | null): EodSummary {
  const base = { stationId, date: period.date, shift: period.shift, timeZone: period.timeZone, period: { start: period.start, end: period.end } };
  const range = view.range(period.start, period.end);
  if (!range) {
    const what = period.shift ? `in shift ${period.shift} of ${period.date}` : `on ${period.date}`;
    return {
      ...base, range: null, empty: `No work recorded at station ${stationId} ${what}`,
      containers: { closed: 0, children: 0, averageChildren: null, weighed: 0, totalGrams: 0, averageGrams: null, byType: [] },
      refused: { count: 0, rows: [] }, outOfTolerance: { count: 0, rows: [] }, overrides: { count: 0, rows: [] }, voids: { count: 0, rows: [] },
      bills: { opened: 0, finalised: 0, dispatched: 0 }, manifests: { completed: 0, closedShort: 0 }, openContainers: [], chainHead: null,
      clock: { jumps: [], outsidePeriod: 0, notes: [CENTRAL_TIMES] },
    };
  }
  const { firstSeq: lo, lastSeq: hi } = range;
  const closed = view.closed(lo, hi);
  const weighed = closed.filter((c) => c.grams !== null);
  const totalGrams = weighed.reduce((n, c) => n + c.grams!, 0);
  const children = closed.reduce((n, c) => n + c.children, 0);
  const byType = new Map<string, { type: string; closed: number; children: number }>();
  for (const c of closed) {
    const t = byType.get(c.type ?? '?') ?? { type: c.type ?? '?', closed: 0, children: 0 };
    t.closed += 1;
    t.children += c.children;
    byType.set(t.type, t);
  }
  const counts = view.counts(lo, hi, ['bill.opened', 'bill.finalised', 'bill.dispatched', 'manifest.completed', 'manifest.closed_short']);
  const refused = view.refused(lo, hi, LIST_MAX);
  const tolerance = view.outOfTolerance(lo, hi, LIST_MAX);
  const overrides = view.overrides(lo, hi, LIST_MAX);
  const voids = view.voids(lo, hi, LIST_MAX);
  const jumps = view.jumps(lo, hi, FORWARD_JUMP_MS);
  const notes = jumps.map(jumpWords);
  if (range.outsidePeriod > 0) notes.push(`${range.outsidePeriod} of the ${range.events} events between seq ${lo} and seq ${hi} carry a device time outside ${period.start} – ${period.end}: they are summarised by their place in the log`);
  notes.push(CENTRAL_TIMES);
  const avg = (n: number, of: number) => (of === 0 ? null : Math.round((n / of) * 100) / 100);
  return {
    ...base, range: { firstSeq: lo, lastSeq: hi, events: range.events }, empty: null,
    containers: {
      closed: closed.length, children, averageChildren: avg(children, closed.length),
      weighed: weighed.length, totalGrams, averageGrams: avg(totalGrams, weighed.length), byType: [...byType.values()],
    },
    refused: { count: refused.count, rows: refused.rows.map((r) => ({ seq: r.seq, at: r.at, user: nameOf(r.userId), code: r.code, codeClass: r.codeClass, reason: r.reason })) },
    outOfTolerance: { count: tolerance.count, rows: tolerance.rows.map((r) => ({
      seq: r.seq, at: r.at, user: nameOf(r.userId), container: r.container, grams: r.grams, expectedGrams: r.expectedGrams, toleranceGrams: r.toleranceGrams, acceptedBy: nameOf(r.acceptedBy),
    })) },
    overrides: { count: overrides.count, rows: overrides.rows.map((r) => ({ seq: r.seq, at: r.at, action: r.action, permission: r.permission, requestedBy: nameOf(r.requestedBy), approvedBy: nameOf(r.supervisorId), reason: r.reason })) },
    voids: { count: voids.count, rows: voids.rows.map((r) => ({ seq: r.seq, at: r.at, container: r.container, reason: r.reason, user: nameOf(r.userId), approvedBy: nameOf(r.approvedBy) })) },
    bills: { opened: counts['bill.opened']!, finalised: counts['bill.finalised']!, dispatched: counts['bill.dispatched']! },
    manifests: { completed: counts['manifest.completed']!, closedShort: counts['manifest.closed_short']! },
    openContainers: view.openAt(hi),
    chainHead: view.link(hi),
    clock: { jumps, outsidePeriod: range.outsidePeriod, notes },
  };
}

/** sha256 of the summary as canonical JSON (RFC 8785): the same figures give the same hash on any machine. */
export function summaryHash(summary: EodSummary): string {
  return createHash('sha256').update(canonicalize(summary) ?? '').digest('hex');
}

/** What is not at central; null when nothing is, or no central is configured (nothing can be unsynced). */
export function unsyncedOf(view: EodView, central: CentralSide, now: Date): Unsynced | null {
  if (!central.configured) return null;
  const local = view.unsynced();
  const oldestAgeMs = local.oldestAt === null ? null : Math.max(0, now.getTime() - Date.parse(local.oldestAt));
  const u: Unsynced = { notAtCentral: local.notAtCentral, oldestAt: local.oldestAt, oldestAgeMs, quarantined: central.quarantined, unseenRejections: local.unseenRejections };
  return u.notAtCentral > 0 || (u.quarantined ?? 0) > 0 || u.unseenRejections > 0 ? u : null;
}

/** "412 events not yet at central, oldest 3 h old; 2 quarantined at central; 1 rejection from central not seen". */
export function unsyncedWords(u: Unsynced): string {
  const parts: string[] = [];
  if (u.notAtCentral > 0) parts.push(`${u.notAtCentral} event${u.notAtCentral === 1 ? '' : 's'} not yet at central${u.oldestAgeMs === null ? '' : `, oldest ${hours(u.oldestAgeMs)} old`}`);
  if ((u.quarantined ?? 0) > 0) parts.push(`${u.quarantined} quarantined at central`);
  if (u.unseenRejections > 0) parts.push(`${u.unseenRejections} rejection${u.unseenRejections === 1 ? '' : 's'} from central not seen`);
  return parts.join('; ');
}
