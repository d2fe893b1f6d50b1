import type { ScaleReading } from './reading';

export type StabilityVerdict =
  | { kind: 'accepted'; grams: number; unit: string; readings: number }
  | { kind: 'waiting'; equal: number; needed: number }
  | { kind: 'rejected'; reading: Exclude<ScaleReading, { kind: 'weight' }> | { kind: 'unstable'; detail: string } };

/**
 * Accepts a weight only after `needed` stable readings in a row with the same value. An unstable
 * reading, an overload, an error or a different value starts the count again.
 */
export class StabilityFilter {
  private grams: number | undefined;
  private equal = 0;

  constructor(readonly needed: number) {
    if (!Number.isInteger(needed) || needed < 1) throw new Error(`stableReadings must be a whole number ≥ 1, not ${needed}`);
  }

  reset(): void {
    this.grams = undefined;
    this.equal = 0;
  }

  push(reading: ScaleReading): StabilityVerdict {
    if (reading.kind !== 'weight') {
      this.reset();
      return { kind: 'rejected', reading };
    }
    if (!reading.stable) {
      this.reset();
      return { kind: 'rejected', reading: { kind: 'unstable', detail: `the weight is still moving (${reading.grams} g)` } };
    }
    if (reading.grams === this.grams) this.equal += 1;
    else {
      this.grams = reading.grams;
      this.equal = 1;
    }
    if (this.equal >= this.needed) {
      const readings = this.equal;
      this.reset();
      return { kind: 'accepted', grams: reading.grams, unit: reading.unit, readings };
    }
    return { kind: 'waiting', equal: this.equal, needed: this.needed };
  }
}
