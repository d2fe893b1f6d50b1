import type Database from 'better-sqlite3';
import type { RefManifest } from './reference-cache';

/** Central's stock of one product in one warehouse as last pulled; null when central sent no row for it. */
export function stockLevel(db: Database.Database, warehouse: string, product: string): number | null {
  return (db.prepare('SELECT quantity FROM ref_stock WHERE warehouse = ? AND product = ?').pluck().get(warehouse, product) as number | undefined) ?? null;
}

/** A manifest from central with its lines parsed (the manifest module validates them against its contract). */
export type PulledManifest = Omit<RefManifest, 'lines'> & { lines: unknown[] };

/** The manifests central sent, most recently changed first, at most `limit`. */
export function refManifests(db: Database.Database, limit = 50): PulledManifest[] {
  const rows = db.prepare(`SELECT id, reference, warehouse, direction, lines, status, updated_at AS updatedAt FROM ref_manifests
    ORDER BY updated_at DESC, id DESC LIMIT ?`).all(limit) as RefManifest[];
  return rows.map((r) => ({ ...r, lines: JSON.parse(r.lines) as unknown[] }));
}
