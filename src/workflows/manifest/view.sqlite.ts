import type { Db } from '../../store/db';
import type { Line, Manifest, ManifestView } from './view';

const LINE = 'line, code, gtin, lot, expiry, quantity, unit_weight_g AS unitWeightG, description, scanned';
const MANIFEST = 'manifest, reference, warehouse, direction, status, expected, scanned, lines';

export function createManifestView(db: Db): ManifestView {
  const manifest = db.prepare<[string]>(`SELECT ${MANIFEST} FROM manifests WHERE manifest = ?`);
  const lines = db.prepare<[string]>(`SELECT ${LINE} FROM manifest_lines WHERE manifest = ? ORDER BY line`);
  const byGtin = db.prepare<[string, string]>(`SELECT ${LINE} FROM manifest_lines WHERE manifest = ? AND gtin = ? ORDER BY line`);
  const byCode = db.prepare<[string, string]>(`SELECT ${LINE} FROM manifest_lines WHERE manifest = ? AND code = ? ORDER BY line`);
  // the short lines in line order (the primary key's order: no sort of a 5,000-line manifest), then the full ones
  const short = db.prepare<[string, number]>(`SELECT ${LINE} FROM manifest_lines WHERE manifest = ? AND scanned < quantity ORDER BY line LIMIT ?`);
  const full = db.prepare<[string, number]>(`SELECT ${LINE} FROM manifest_lines WHERE manifest = ? AND scanned >= quantity ORDER BY line LIMIT ?`);
  const recent = db.prepare<[number]>(`SELECT ${MANIFEST} FROM manifests ORDER BY seq DESC LIMIT ?`);
  const weighing = db.prepare<[string]>('SELECT grams, expected_grams AS expectedGrams, within FROM manifest_weighings WHERE manifest = ? ORDER BY seq DESC LIMIT 1');
  const stock = db.prepare<[string, string]>('SELECT quantity FROM ref_stock WHERE warehouse = ? AND product = ?').pluck();
  const central = db.prepare<[string]>(`SELECT id AS manifest, reference, warehouse, direction, lines FROM ref_manifests r
    WHERE id = ? AND status = 'open' AND NOT EXISTS (SELECT 1 FROM manifests m WHERE m.manifest = r.id)`);
  const centralAvailable = db.prepare<[number]>(`SELECT id AS manifest, reference, json_array_length(lines) AS lines FROM ref_manifests r
    WHERE status = 'open' AND NOT EXISTS (SELECT 1 FROM manifests m WHERE m.manifest = r.id) ORDER BY updated_at DESC LIMIT ?`);
  const mark = db.prepare(`SELECT coalesce(group_concat(source || ' ' || updated_at || ' ' || last_id, ' | '), '') FROM ref_checkpoints
    WHERE source IN ('stock', 'manifests')`).pluck();
  return {
    manifest: (id) => (manifest.get(id) as Manifest | undefined) ?? null,
    lines: (id) => lines.all(id) as Line[],
    linesFor: (id, key) => ('gtin' in key ? byGtin.all(id, key.gtin) : byCode.all(id, key.code)) as Line[],
    progress: (id, limit) => {
      const lines = short.all(id, limit) as Line[];
      return lines.length < limit ? [...lines, ...(full.all(id, limit - lines.length) as Line[])] : lines;
    },
    recent: (limit) => recent.all(limit) as Manifest[],
    lastWeighing: (id) => {
      const r = weighing.get(id) as { grams: number; expectedGrams: number; within: number } | undefined;
      return r ? { grams: r.grams, expectedGrams: r.expectedGrams, within: r.within === 1 } : null;
    },
    stock: (warehouse, product) => (stock.get(warehouse, product) as number | undefined) ?? null,
    central: (id) => {
      const r = central.get(id) as { manifest: string; reference: string; warehouse: string; direction: string; lines: string } | undefined;
      return r ? { ...r, lines: JSON.parse(r.lines) as unknown[] } : null;
    },
    centralAvailable: (limit) => centralAvailable.all(limit) as Array<{ manifest: string; reference: string; lines: number }>,
    referenceMark: () => mark.get() as string,
  };
}
