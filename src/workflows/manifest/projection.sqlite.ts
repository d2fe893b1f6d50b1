import type { StoredEvent } from '../../core/events';
import type { Db } from '../../store/db';
import type { manifestContract, ManifestEventPayload as Payload } from './contract';

type Events = typeof manifestContract.events;

/** Applies the `manifest.*` events to `manifests`, `manifest_lines` and `manifest_weighings`. */
export function createManifestProjection(db: Db): (event: StoredEvent) => void {
  const insert = db.prepare(`INSERT INTO manifests (manifest, reference, warehouse, direction, status, source_file, source_format, expected, lines, seq)
    VALUES (@manifest, @reference, @warehouse, @direction, 'open', @file, @format, @expected, @lines, @seq)`);
  const line = db.prepare(`INSERT INTO manifest_lines (manifest, line, code, gtin, lot, expiry, quantity, unit_weight_g, description)
    VALUES (@manifest, @line, @code, @gtin, @lot, @expiry, @quantity, @unitWeightG, @description)`);
  const status = db.prepare<[string, number, string]>('UPDATE manifests SET status = ?, seq = ? WHERE manifest = ?');
  const counted = db.prepare<[string, number]>('UPDATE manifest_lines SET scanned = scanned + 1 WHERE manifest = ? AND line = ?');
  const total = db.prepare<[string]>('UPDATE manifests SET scanned = scanned + 1 WHERE manifest = ?');
  const weighed = db.prepare(`INSERT INTO manifest_weighings (seq, manifest, grams, expected_grams, tolerance_grams, within)
    VALUES (@seq, @manifest, @grams, @expectedGrams, @toleranceGrams, @within)`);

  const apply: { [T in keyof Events]: (p: Payload<T>, e: StoredEvent) => void } = {
    'manifest.imported': (p, e) => {
      insert.run({ manifest: p.manifest, reference: p.reference, warehouse: p.warehouse, direction: p.direction, file: p.source.file, format: p.source.format,
        expected: p.lines.reduce((n, l) => n + l.quantity, 0), lines: p.lines.length, seq: e.seq });
      for (const l of p.lines) line.run({ ...l, manifest: p.manifest });
    },
    'manifest.opened': (p, e) => { status.run('verifying', e.seq, p.manifest); },
    'manifest.verified': (p) => {
      if (counted.run(p.manifest, p.line).changes !== 1) throw new Error(`manifest projection out of step with the log: no line ${p.line} in ${p.manifest}`);
      total.run(p.manifest);
    },
    'manifest.completed': (p, e) => { status.run('completed', e.seq, p.manifest); },
    'manifest.closed_short': (p, e) => { status.run('closed-short', e.seq, p.manifest); },
    'manifest.weighed': (p, e) => { weighed.run({ ...p, seq: e.seq, within: p.within ? 1 : 0 }); },
  };
  return (event) => {
    const handler = Object.hasOwn(apply, event.type) ? apply[event.type as keyof Events] : undefined;
    (handler as ((p: unknown, e: StoredEvent) => void) | undefined)?.(event.payload, event);
  };
}
