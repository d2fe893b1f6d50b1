import type { WeighVerdict } from './contract';

/** One weighing as the weighing step reads it back. */
export interface Weighing {
  seq: number;
  container: string;
  scaleId: string;
  /** Null: the weighing failed. */
  grams: number | null;
  expectedGrams: number | null;
  toleranceGrams: number | null;
  maxWeightG: number | null;
  verdict: WeighVerdict | null;
  failure: { reason: string; detail: string } | null;
  accepted: boolean;
  acceptedBy: string | null;
  at: string;
}

/** The read-only questions of the weighing step, answered from `weights` inside the transaction. */
export interface WeighView {
  /** The newest weighing of any container. */
  last(): Weighing | null;
  /** The newest weighing of this container. */
  lastOf(container: string): Weighing | null;
  /** The grams of this container's newest accepted weighing (what it adds to the one it is in). */
  acceptedGrams(container: string): number | null;
}
