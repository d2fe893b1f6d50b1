import type { LocalMigration } from '../../core/workflow';

/**
 * `manifests` and `manifest_lines`, derived from the `manifest.*` events: what each manifest expects
 * and how much of each line has been scanned. A scan matches a line by (manifest, gtin) or (manifest,
 * code), so both are indexed: a verify scan against a 5,000-line manifest is one index probe.
 */
export const manifestMigration: LocalMigration = {
  id: 'manifest:001',
  sql: `
    CREATE TABLE manifests (
      manifest TEXT PRIMARY KEY,
      reference TEXT NOT NULL,
      warehouse TEXT NOT NULL,
      direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
      status TEXT NOT NULL CHECK (status IN ('open', 'verifying', 'completed', 'closed-short')),
      source_file TEXT NOT NULL,
      source_format TEXT NOT NULL,
      expected INTEGER NOT NULL,
      scanned INTEGER NOT NULL DEFAULT 0,
      lines INTEGER NOT NULL,
      seq INTEGER NOT NULL
    );
    CREATE INDEX manifests_recent ON manifests (seq);
    CREATE TABLE manifest_lines (
      manifest TEXT NOT NULL,
      line INTEGER NOT NULL,
      code TEXT,
      gtin TEXT,
      lot TEXT,
      expiry TEXT,
      quantity INTEGER NOT NULL,
      unit_weight_g REAL,
      description TEXT,
      scanned INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (manifest, line)
    );
    CREATE INDEX manifest_lines_gtin ON manifest_lines (manifest, gtin, line);
    CREATE INDEX manifest_lines_code ON manifest_lines (manifest, code, line);
    CREATE TABLE manifest_weighings (
      seq INTEGER PRIMARY KEY,
      manifest TEXT NOT NULL,
      grams REAL NOT NULL,
      expected_grams REAL NOT NULL,
      tolerance_grams REAL NOT NULL,
      within INTEGER NOT NULL
    );
    CREATE INDEX manifest_weighings_manifest ON manifest_weighings (manifest, seq);
  `,
};
