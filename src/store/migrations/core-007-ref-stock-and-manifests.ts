import type { LocalMigration } from '../../core/workflow';

/**
 * Stock and manifests from central (reference sources `stock` and `manifests`, written by the
 * replication worker's pull like the other sources). `ref_stock`: what central held per
 * (warehouse, product) when last pulled, shown beside a manifest's lines; `ref_manifests`: the
 * manifests central knows (an ERP's, or imported at any station), `lines` as JSON text.
 */
export const refStockAndManifests: LocalMigration = {
  id: 'core:007',
  sql: `
    CREATE TABLE ref_stock (
      warehouse TEXT NOT NULL, product TEXT NOT NULL, quantity INTEGER NOT NULL, updated_at TEXT NOT NULL,
      PRIMARY KEY (warehouse, product)
    ) STRICT;
    CREATE TABLE ref_manifests (
      id TEXT PRIMARY KEY, reference TEXT NOT NULL, warehouse TEXT NOT NULL, direction TEXT NOT NULL,
      lines TEXT NOT NULL, status TEXT NOT NULL, updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX ref_manifests_newest ON ref_manifests (updated_at DESC, id DESC);
  `,
};
