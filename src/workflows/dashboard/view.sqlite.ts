import type { Db } from '../../store/db';
import type { HourFigures } from './contract';
import type { WorkCounts } from './kpis';
import type { DashboardView } from './view';

interface EventRow { seq: number; type: string; payload: string; device_time: string; user_id: string }

/** The event types central's statistics count (central.project_statistics): the same here, so local and floor figures agree. */
const COUNTED = `(type LIKE 'container.%' OR type LIKE 'bag.%' OR type IN ('scan.rejected', 'override.approved', 'bill.added', 'bill.removed',
  'manifest.verified', 'manifest.completed', 'manifest.closed_short', 'weigh.weighed'))`;
const SCANS = new Set(['container.child_linked', 'bag.child_linked', 'manifest.verified']);
const CLOSES = new Set(['container.closed', 'bag.parent_closed']);

const hourOf = (deviceTime: string) => `${deviceTime.slice(0, 13)}:00:00.000Z`;

export function createDashboardView(db: Db): DashboardView {
  // events_by_time (core:009) bounds this to the window
  const inWindow = db.prepare<[string, string]>(`SELECT seq, type, payload, device_time, coalesce(user_id, '') AS user_id FROM events
    WHERE device_time >= ? AND device_time < ? AND ${COUNTED} ORDER BY seq`);
  // a close whose container was opened before the window: the child types linked to it before the close
  const typesBefore = db.prepare<[string, number]>('SELECT DISTINCT child_type FROM container_links WHERE parent = ? AND link_seq < ?').pluck();
  const unbilled = db.prepare<[number, number]>(`SELECT count(*) FROM containers c WHERE c.status = 'closed' AND c.closed_seq BETWEEN ? AND ?
    AND NOT EXISTS (SELECT 1 FROM bill_lines b WHERE b.container = c.code)`).pluck();
  const openContainers = db.prepare(`SELECT count(*) AS n, min(e.device_time) AS oldest FROM containers c JOIN events e ON e.seq = c.opened_seq WHERE c.status = 'open'`);
  const openBags = db.prepare(`SELECT count(*) AS n, min(e.device_time) AS oldest FROM bag_parents b JOIN events e ON e.seq = b.opened_seq WHERE b.status = 'open'`);
  const acked = db.prepare('SELECT acked_seq FROM replication_state WHERE id = 1').pluck();
  const newest = db.prepare('SELECT max(seq) FROM events').pluck();
  const timeOf = db.prepare<[number]>('SELECT device_time FROM events WHERE seq = ?').pluck();

  return {
    window(from, to) {
      const rows = inWindow.all(from, to) as EventRow[];
      const hours = new Map<string, HourFigures>();
      const work = new Map<string, WorkCounts & { hourSet: Set<string> }>();
      // child types per container since it was last opened (in this window)
      const segment = new Map<string, Set<string>>();
      let firstClose = Infinity;
      let lastClose = 0;
      for (const e of rows) {
        const p = JSON.parse(e.payload) as Record<string, unknown>;
        const hour = hourOf(e.device_time);
        const hk = `${hour}|${e.user_id}`;
        const h = hours.get(hk) ?? { hour, key: e.user_id || null, scans: 0, refused: 0, containersClosed: 0, overrides: 0, voids: 0 };
        hours.set(hk, h);
        const w = work.get(e.user_id) ?? { userId: e.user_id, activeHours: 0, hourSet: new Set<string>(), scans: 0, refused: 0, overrides: 0, voids: 0, reversals: 0, closes: 0, children: 0, mixed: 0, manifestLines: 0 };
        work.set(e.user_id, w);
        w.hourSet.add(hour);
        if (SCANS.has(e.type)) { h.scans++; w.scans++; }
        if (e.type === 'scan.rejected') { h.refused++; w.refused++; }
        if (e.type === 'override.approved') { h.overrides++; w.overrides++; }
        if (e.type === 'container.voided') { h.voids++; w.voids++; }
        if (e.type === 'container.link_reversed' || e.type === 'bag.link_reversed') w.reversals++;
        if (e.type === 'manifest.completed' || e.type === 'manifest.closed_short') w.manifestLines += Array.isArray(p.lines) ? p.lines.length : 0;
        if (e.type === 'container.opened' || e.type === 'container.reopened') segment.set(p.container as string, new Set());
        if (e.type === 'container.child_linked') segment.get(p.parent as string)?.add(p.childType as string);
        if (e.type === 'container.child_moved') segment.get(p.to as string)?.add(p.childType as string);
        if (CLOSES.has(e.type)) {
          h.containersClosed++;
          w.closes++;
          w.children += typeof p.count === 'number' ? p.count : 0;
        }
        if (e.type === 'container.closed') {
          const code = p.container as string;
          const types = segment.get(code) ?? new Set(typesBefore.all(code, e.seq) as string[]);
          if (types.size > 1) w.mixed++;
          firstClose = Math.min(firstClose, e.seq);
          lastClose = Math.max(lastClose, e.seq);
        }
      }
      const ordered = [...hours.values()].sort((a, b) => (a.hour === b.hour ? (a.key ?? '').localeCompare(b.key ?? '') : a.hour < b.hour ? -1 : 1));
      // nobody signed in is not a packer (central leaves user '' out of the KPIs too)
      const packers = [...work.values()].filter((w) => w.userId !== '').map(({ hourSet, ...w }) => ({ ...w, activeHours: hourSet.size }));
      return { hours: ordered, work: packers, unbilled: lastClose === 0 ? 0 : (unbilled.get(firstClose, lastClose) as number) };
    },
    openNow() {
      const c = openContainers.get() as { n: number; oldest: string | null };
      const b = openBags.get() as { n: number; oldest: string | null };
      const oldest = [c.oldest, b.oldest].filter((x): x is string => x !== null).sort()[0] ?? null;
      return { count: c.n + b.n, oldestOpenedAt: oldest };
    },
    backlog() {
      const mark = acked.get() as number;
      const top = (newest.get() as number | null) ?? 0;
      return { unsent: Math.max(0, top - mark), oldestUnsentAt: top > mark ? ((timeOf.get(mark + 1) as string | undefined) ?? null) : null };
    },
  };
}
