import type { CentralDashboard } from '../../core/central-port';
import type { Kernel, ModuleRuntime, WorkflowModule } from '../../core/workflow';
import type { UserView } from '../user/view';
import { dashboardContract, type FloorFigures, type StationFigures } from './contract';
import { packerKpis, totalsOf } from './kpis';
import type { DashboardView } from './view';
import { createDashboardView } from './view.sqlite';

/** Central slower than this: the screen shows this station's own figures and says so. */
export const FLOOR_TIMEOUT_MS = 1_500;

interface Window { from: string; to: string }

/**
 * The supervisor's dashboard: this station's figures from its own store (`dashboard.figures`), and the
 * floor's from central's statistics through the replication worker (`dashboard.floor`), which answers
 * "not reachable" rather than keep the screen waiting. Reads only: no events, no slice.
 */
export const dashboardModule: WorkflowModule = {
  id: 'dashboard',
  dependsOn: ['container', 'bill', 'bag', 'user'],
  contract: dashboardContract,
  createView: (db) => createDashboardView(db),
  start: (kernel) => startDashboard(kernel),
};

function startDashboard(kernel: Kernel): ModuleRuntime {
  const view = () => kernel.views.dashboard as DashboardView;
  const nameOf = (userId: string) => (kernel.views.user as UserView).byId(userId)?.name ?? null;

  function figures(w: Window): StationFigures {
    const from = new Date(w.from).toISOString();
    const to = new Date(w.to).toISOString();
    const { hours, work, unbilled } = view().window(from, to);
    const sum = (f: (h: (typeof hours)[number]) => number) => hours.reduce((n, h) => n + f(h), 0);
    return {
      stationId: kernel.config.stationId, at: kernel.clock().toISOString(), from, to, hours,
      totals: totalsOf({ scans: sum((h) => h.scans), refused: sum((h) => h.refused), containersClosed: sum((h) => h.containersClosed), overrides: sum((h) => h.overrides), voids: sum((h) => h.voids) }),
      now: { ...view().openNow(), unbilled },
      backlog: view().backlog(),
      packers: packerKpis(work, nameOf),
    };
  }

  async function floor(w: Window): Promise<FloorFigures> {
    const at = () => kernel.clock().toISOString();
    const read = kernel.central?.dashboardFigures;
    if (!read) return { reachable: false, at: at(), reason: 'this station replicates to no central database' };
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`central did not answer within ${FLOOR_TIMEOUT_MS / 1000} s`)), FLOOR_TIMEOUT_MS); });
    try {
      const c = await Promise.race([read.call(kernel.central, new Date(w.from).toISOString(), new Date(w.to).toISOString()), late]);
      return { reachable: true, at: at(), ...shapeFloor(c, nameOf) };
    } catch (err) {
      return { reachable: false, at: at(), reason: (err as Error).message };
    } finally {
      clearTimeout(timer);
    }
  }

  return { queries: { 'dashboard.figures': (p: Window) => figures(p), 'dashboard.floor': (p: Window) => floor(p) } };
}

/** Central's rows in the screen's shape: the floor's total rows (station null) become the totals. */
function shapeFloor(c: CentralDashboard, nameOf: (userId: string) => string | null): Omit<Extract<FloorFigures, { reachable: true }>, 'reachable' | 'at'> {
  const floorHours = c.hours.filter((h) => h.station === null);
  const sum = (f: (h: (typeof floorHours)[number]) => number) => floorHours.reduce((n, h) => n + f(h), 0);
  const floorNow = c.now.find((n) => n.station === null) ?? { openContainers: 0, oldestOpenAt: null, unbilled: 0 };
  return {
    hours: c.hours.map((h) => ({ hour: h.hour, key: h.station, scans: h.scans, refused: h.refused, containersClosed: h.containersClosed, overrides: h.overrides, voids: h.voids })),
    totals: totalsOf({ scans: sum((h) => h.scans), refused: sum((h) => h.refused), containersClosed: sum((h) => h.containersClosed), overrides: sum((h) => h.overrides), voids: sum((h) => h.voids) }),
    now: { count: floorNow.openContainers, oldestOpenedAt: floorNow.oldestOpenAt, unbilled: floorNow.unbilled },
    perStation: c.now.flatMap((n) => (n.station === null ? [] : [{ station: n.station, count: n.openContainers, oldestOpenedAt: n.oldestOpenAt, unbilled: n.unbilled }])),
    packers: c.packers.map((p) => ({ ...p, name: nameOf(p.userId) })),
    replication: c.stations.map((s) => ({ ...s, backlog: s.localSeq === null ? null : Math.max(0, s.localSeq - s.mark) })),
  };
}
