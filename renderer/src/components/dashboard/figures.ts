import type { FloorFigures, HourFigures, OpenNow, PackerKpi, StationFigures, Totals } from '../../../../src/workflows/dashboard/contract';

/** What the screen shows: central's floor-wide figures when it answered, else this station's own. */
export interface Shown {
  source: 'floor' | 'local' | 'local-unreachable';
  at: string;
  /** Why central did not answer (local-unreachable). */
  reason: string | null;
  hours: HourFigures[];
  totals: Totals;
  now: OpenNow;
  packers: PackerKpi[];
  /** Scans in the hour now under way. */
  scansThisHour: number;
}

export function shownFigures(local: StationFigures, floor: FloorFigures | null, offline = false): Shown {
  const current = new Date(Date.parse(local.to) - 3_600_000).toISOString();
  if (floor?.reachable) {
    const perStation = floor.hours.filter((h) => h.key !== null);
    return { source: 'floor', at: floor.at, reason: null, hours: perStation, totals: floor.totals, now: floor.now, packers: floor.packers,
      scansThisHour: floor.hours.filter((h) => h.key === null && sameHour(h.hour, current)).reduce((n, h) => n + h.scans, 0) };
  }
  return { source: floor && !offline ? 'local-unreachable' : 'local', at: local.at, reason: floor && !floor.reachable ? floor.reason : null, hours: local.hours,
    totals: local.totals, now: local.now, packers: local.packers, scansThisHour: local.hours.filter((h) => sameHour(h.hour, current)).reduce((n, h) => n + h.scans, 0) };
}

const sameHour = (a: string, b: string) => Date.parse(a) === Date.parse(b);

/** At most `max` series (the busiest keys), the rest summed as one: a touch screen shows few lines well. */
export function chartSeries(hours: readonly HourFigures[], from: string, to: string, max = 4): { x: number[]; series: Array<{ key: string | null; others: boolean; values: number[] }> } {
  const start = Date.parse(from);
  const n = Math.max(1, Math.round((Date.parse(to) - start) / 3_600_000));
  const x = Array.from({ length: n }, (_, i) => (start + i * 3_600_000) / 1000);
  const totals = new Map<string | null, number>();
  for (const h of hours) totals.set(h.key, (totals.get(h.key) ?? 0) + h.scans);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0]))).map(([k]) => k);
  const shown = ranked.length > max ? ranked.slice(0, max - 1) : ranked;
  const rest = ranked.length > max;
  const index = (hour: string) => Math.round((Date.parse(hour) - start) / 3_600_000);
  const series = [...shown.map((key) => ({ key, others: false, values: new Array<number>(n).fill(0) })), ...(rest ? [{ key: null, others: true, values: new Array<number>(n).fill(0) }] : [])];
  for (const h of hours) {
    const i = index(h.hour);
    if (i < 0 || i >= n) continue;
    const s = series.find((x) => !x.others && x.key === h.key) ?? (rest ? series[series.length - 1] : undefined);
    if (s) s.values[i]! += h.scans;
  }
  return { x, series };
}

/** 0.0523 → "5.2 %"; null → "–". */
export const percent = (rate: number | null): string => (rate === null ? '–' : `${(rate * 100).toFixed(1)} %`);
