import type { PackerKpi, Totals } from './contract';

/** What one operator did in the window, counted like central.stats_hourly (src/central/schema/repeatable/statistics.sql.ts). */
export interface WorkCounts {
  userId: string;
  /** Distinct device-time hours with any counted event of this user. */
  activeHours: number;
  scans: number;
  refused: number;
  overrides: number;
  voids: number;
  reversals: number;
  closes: number;
  children: number;
  mixed: number;
  manifestLines: number;
}

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;
const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/**
 * C = (1 + closes / scans) × (1 + mixed closes / closes) × (1 + manifest lines / scans); a term with
 * nothing to divide by counts 1 (SQL's NULL, coalesced the same way central does for the whole product).
 */
export function complexityOf(w: Pick<WorkCounts, 'scans' | 'closes' | 'mixed' | 'manifestLines'>): number | null {
  const a = ratio(w.closes, w.scans);
  const b = ratio(w.mixed, w.closes);
  const c = ratio(w.manifestLines, w.scans);
  // central's product is NULL when any term is: the user's weight is then 1
  if (a === null || b === null || c === null) return null;
  return (1 + a) * (1 + b) * (1 + c);
}

/**
 * The packer KPIs with the same complexity-adjusted rate as central.packer_kpis: rate = scans / active
 * hours; adjusted = rate × C(user) / C(floor), the floor being everyone in the list (this station's
 * operators, locally). Harder work (small or mixed containers, manifest checking) raises C, so a packer
 * doing it is not ranked below one doing easy work. Best adjusted rate first, then by user id.
 */
export function packerKpis(work: readonly WorkCounts[], nameOf: (userId: string) => string | null = () => null): PackerKpi[] {
  const sum = (f: (w: WorkCounts) => number) => work.reduce((n, w) => n + f(w), 0);
  const floor = complexityOf({ scans: sum((w) => w.scans), closes: sum((w) => w.closes), mixed: sum((w) => w.mixed), manifestLines: sum((w) => w.manifestLines) });
  return work.filter((w) => w.activeHours > 0).map((w) => {
    const own = complexityOf(w);
    const weight = own === null || floor === null || floor === 0 ? 1 : own / floor;
    const rate = w.scans / w.activeHours;
    const misscan = ratio(w.refused, w.scans + w.refused);
    const avgChildren = ratio(w.children, w.closes);
    const mixedShare = ratio(w.mixed, w.closes);
    return {
      userId: w.userId, name: nameOf(w.userId), activeHours: w.activeHours, scans: w.scans, ratePerHour: round(rate, 2),
      misscanRate: misscan === null ? null : round(misscan, 4), overrides: w.overrides, voids: w.voids, reversals: w.reversals,
      containersClosed: w.closes, avgChildren: avgChildren === null ? null : round(avgChildren, 2), mixedShare: mixedShare === null ? null : round(mixedShare, 4),
      manifestLines: w.manifestLines, complexity: round(weight, 4), adjustedRate: round(rate * weight, 2),
    };
  }).sort((a, b) => b.adjustedRate - a.adjustedRate || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}

/** The window's totals and rates: errors per attempted scan, overrides per attempted scan, voids per finished container. */
export function totalsOf(t: { scans: number; refused: number; containersClosed: number; overrides: number; voids: number }): Totals {
  const rate = (a: number, b: number) => { const r = ratio(a, b); return r === null ? null : round(r, 4); };
  return { ...t, errorRate: rate(t.refused, t.scans + t.refused), overrideRate: rate(t.overrides, t.scans + t.refused), voidRate: rate(t.voids, t.containersClosed + t.voids) };
}
