import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The rejection reasons central knew before this step (migrations 1, 6, 7 and 10). */
const REASONS = `'child_linked_elsewhere', 'child_already_linked', 'parent_closed', 'bag_already_closed', 'closed_elsewhere',
  'user_overwritten', 'user_disabled', 'badge_taken', 'projection_failed', 'child_moved_elsewhere'`;

/** The full list after this step (a later step that extends the CHECK starts from it). */
const REASONS_AFTER = `${REASONS}, 'stock_negative', 'manifest_differs'`;

/**
 * Manifests and stock at central (the manifest module's projection, `central.project_manifests`,
 * src/workflows/manifest/central.sql.ts, keeps them). Schema only.
 *
 * - `central.warehouse_inventory`: stock per (warehouse, product), never below zero. It flows down
 *   as reference source `stock`; the pull pages by (updated_at, one text key), hence the generated
 *   `id` = warehouse/product (a warehouse code holds no '/', so the key is unique).
 * - `central.stock_postings`: one row per manifest whose completion (or short close) central has
 *   judged, posted or refused. The manifest id is the idempotency key: a second posting of the same
 *   manifest (a replay, a second completion, another station) is a no-op.
 * - `central.manifests`: manifests as reference data. An ERP may insert them at central; a
 *   `manifest.imported` at a station inserts them too (the first one wins). They flow down as
 *   reference source `manifests`.
 * Two new rejection reasons: `stock_negative` (a posting that would take a product below zero:
 *   nothing of that manifest moves) and `manifest_differs` (an import of an id central already holds
 *   with other lines).
 * Stations read inventory and manifests (the reference pull); only the SECURITY DEFINER projection
 * writes them. Postings are central's own record: stations get their verdicts as rejections.
 */
export class ManifestsAndStock1730000000014 implements MigrationInterface {
  name = 'ManifestsAndStock1730000000014';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE central.warehouse_inventory (
        warehouse   text NOT NULL CHECK (length(warehouse) BETWEEN 1 AND 40 AND position('/' IN warehouse) = 0),
        product     text NOT NULL CHECK (length(product) BETWEEN 1 AND 100),
        quantity    bigint NOT NULL CHECK (quantity >= 0),
        id          text GENERATED ALWAYS AS (warehouse || '/' || product) STORED,
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (warehouse, product)
      );
      CREATE INDEX warehouse_inventory_checkpoint ON central.warehouse_inventory (updated_at, id);
      CREATE TRIGGER warehouse_inventory_touch BEFORE INSERT OR UPDATE ON central.warehouse_inventory
        FOR EACH ROW EXECUTE FUNCTION central.touch_updated_at();

      CREATE TABLE central.stock_postings (
        manifest   text PRIMARY KEY,
        station_id text NOT NULL,
        seq        bigint NOT NULL,
        warehouse  text NOT NULL,
        direction  text NOT NULL CHECK (direction IN ('out', 'in')),
        lines      jsonb NOT NULL CHECK (jsonb_typeof(lines) = 'array'),
        outcome    text NOT NULL CHECK (outcome IN ('posted', 'refused')),
        detail     text,
        posted_at  timestamptz NOT NULL DEFAULT now(),
        CHECK ((outcome = 'refused') = (detail IS NOT NULL)),
        UNIQUE (station_id, seq)
      );

      CREATE TABLE central.manifests (
        id              text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_.:-]{1,64}$'),
        reference       text NOT NULL,
        warehouse       text NOT NULL CHECK (length(warehouse) BETWEEN 1 AND 40),
        direction       text NOT NULL CHECK (direction IN ('out', 'in')),
        lines           jsonb NOT NULL CHECK (jsonb_typeof(lines) = 'array'),
        status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed', 'closed-short')),
        source_station  text,
        source_seq      bigint,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CHECK ((source_station IS NULL) = (source_seq IS NULL))
      );
      CREATE INDEX manifests_checkpoint ON central.manifests (updated_at, id);
      CREATE TRIGGER manifests_touch BEFORE INSERT OR UPDATE ON central.manifests FOR EACH ROW EXECUTE FUNCTION central.touch_updated_at();

      ALTER TABLE central.rejections DROP CONSTRAINT rejections_reason_check;
      ALTER TABLE central.rejections ADD CONSTRAINT rejections_reason_check CHECK (reason IN (${REASONS_AFTER}));

      REVOKE ALL ON central.warehouse_inventory, central.stock_postings, central.manifests FROM PUBLIC;
      GRANT SELECT ON central.warehouse_inventory, central.manifests TO central_station;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    // the projection (a repeatable step) goes too: it would fail on every manifest event without its tables
    await q.query(`DELETE FROM central.projections WHERE name = 'manifest';
      DROP FUNCTION IF EXISTS central.project_manifests(text, bigint, bigint);
      DELETE FROM central.repeatable_functions WHERE name = 'central.project_manifests';
      DROP TABLE central.manifests; DROP TABLE central.stock_postings; DROP TABLE central.warehouse_inventory;
      DELETE FROM central.rejections WHERE reason IN ('stock_negative', 'manifest_differs');
      ALTER TABLE central.rejections DROP CONSTRAINT rejections_reason_check;
      ALTER TABLE central.rejections ADD CONSTRAINT rejections_reason_check CHECK (reason IN (${REASONS}));`);
  }
}
