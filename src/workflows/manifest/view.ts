import type { Direction, ManifestLine, ManifestStatus } from './contract';
import type { z } from 'zod';

export interface Manifest {
  manifest: string;
  reference: string;
  warehouse: string;
  direction: z.infer<typeof Direction>;
  status: z.infer<typeof ManifestStatus>;
  expected: number;
  scanned: number;
  lines: number;
}

export type Line = ManifestLine & { scanned: number };

/** The read-only questions of the manifest workflow, from its tables and central's reference data. */
export interface ManifestView {
  manifest(id: string): Manifest | null;
  /** Every line, in line order. */
  lines(id: string): Line[];
  /** The lines a scan may count on: by GTIN, or by code. */
  linesFor(id: string, key: { gtin: string } | { code: string }): Line[];
  /** Up to `limit` lines for the screen: those still short first, in line order. */
  progress(id: string, limit: number): Line[];
  /** Manifests here, newest first. */
  recent(limit: number): Manifest[];
  lastWeighing(id: string): { grams: number; expectedGrams: number; within: boolean } | null;
  /** Central's stock of a product in a warehouse, as last pulled (null: none known). */
  stock(warehouse: string, product: string): number | null;
  /** An open manifest central sent that this station has not imported: its fields and its lines as sent. */
  central(id: string): { manifest: string; reference: string; warehouse: string; direction: string; lines: unknown[] } | null;
  /** Central's open manifests this station has not imported, newest first. */
  centralAvailable(limit: number): Array<{ manifest: string; reference: string; lines: number }>;
  /** Where the pulls of central's stock and manifests stand (their checkpoints): it changes when either brings rows. */
  referenceMark(): string;
}
