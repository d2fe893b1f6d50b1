/**
 * One benchmark figure printed next to a baseline measured in the same run. Machines are noisy, so the
 * ratio is the figure to compare across runs, not the absolute number.
 */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  /** Human statement of the goal, e.g. "p99 ≤ 2× baseline". */
  goal?: string;
  /** Whether the goal was met, when it can be judged from the figures. */
  met?: boolean;
}

function fmt(n: number): string {
  if (Math.abs(n) >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (Math.abs(n) >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return Number.isInteger(n) ? String(n) : n.toFixed(3);
}

export function report(f: Figure): void {
  const parts = [`${f.name}: ${fmt(f.value)} ${f.unit}`];
  if (f.baseline) {
    parts.push(`baseline ${f.baseline.name}: ${fmt(f.baseline.value)} ${f.unit}`);
    parts.push(`ratio ${(f.value / f.baseline.value).toFixed(2)}×`);
  }
  if (f.goal) parts.push(`goal ${f.goal}${f.met === undefined ? '' : f.met ? ' (met)' : ' (NOT met)'}`);
  console.log(parts.join(' | '));
}

/** Percentile of an unsorted sample (nearest rank). */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}
