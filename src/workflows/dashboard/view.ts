import type { HourFigures, OpenNow } from './contract';
import type { WorkCounts } from './kpis';

/** What the dashboard reads of this station's store, for device-time hours starting in [from, to). */
export interface DashboardView {
  window(from: string, to: string): { hours: HourFigures[]; work: WorkCounts[]; unbilled: number };
  /** Open containers and bags now (`unbilled` is the window's, from `window`). */
  openNow(): Omit<OpenNow, 'unbilled'>;
  /** Events committed here and not yet acknowledged by central, and the oldest one's device time. */
  backlog(): { unsent: number; oldestUnsentAt: string | null };
}
