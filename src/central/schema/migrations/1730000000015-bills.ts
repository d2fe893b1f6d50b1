import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The rejection reasons after migration 1730000000014 (10's final list, then stock and manifests). */
const REASONS_BEFORE = `'child_linked_elsewhere', 'child_already_linked', 'parent_closed', 'bag_already_closed', 'closed_elsewhere',
  'user_overwritten', 'user_disabled', 'badge_taken', 'projection_failed', 'child_moved_elsewhere', 'stock_negative', 'manifest_differs'`;

/**
 * Bills at central (the bill module's projection, `central.project_bills`,
 * src/workflows/bill/central.sql.ts, keeps them). Schema only.
 *
 * - `central.bills` (reference data since migration 1) gains what a station continuing another
 *   station's bill needs: who opened, finalised and dispatched it, its totals, the copies printed,
 *   and its lines as `containers` (a JSON array of the bill module's BillLine, in central order).
 *   Status is now open | finalised | dispatched. 'closed' stays allowed for rows an admin wrote before
 *   bills were projected: nothing writes it any more, and the projection treats it like dispatched
 *   (not open). Rewriting those rows would invent a dispatch nobody made.
 *   `status_station`/`status_seq`: the event that set the status, named by a `bill_not_open` refusal.
 * - `central.bill_containers`: one row per container on a bill, by the event that put it there. The
 *   primary key is the rule: a container is on at most one bill fleet-wide; the first add in central
 *   order wins and a later one for another bill comes back as `container_on_other_bill`.
 * Two new rejection reasons: `container_on_other_bill` and `bill_not_open`. Stations read both
 * tables; only the SECURITY DEFINER projection writes them.
 */
export class Bills1730000000015 implements MigrationInterface {
  name = 'Bills1730000000015';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE central.bills DROP CONSTRAINT bills_status_check;
      ALTER TABLE central.bills
        ADD CONSTRAINT bills_status_check CHECK (status IN ('open', 'finalised', 'dispatched', 'closed')),
        ADD COLUMN opened_station  text,
        ADD COLUMN opened_seq      bigint,
        ADD COLUMN opened_by       text,
        ADD COLUMN finalised_by    text,
        ADD COLUMN dispatched_by   text,
        ADD COLUMN status_station  text,
        ADD COLUMN status_seq      bigint,
        ADD COLUMN count           integer NOT NULL DEFAULT 0 CHECK (count >= 0),
        ADD COLUMN measured_grams  numeric NOT NULL DEFAULT 0 CHECK (measured_grams >= 0),
        ADD COLUMN estimated_grams numeric NOT NULL DEFAULT 0 CHECK (estimated_grams >= 0),
        ADD COLUMN total_grams     numeric NOT NULL DEFAULT 0 CHECK (total_grams >= 0),
        ADD COLUMN printed         integer NOT NULL DEFAULT 0 CHECK (printed >= 0),
        ADD COLUMN containers      jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(containers) = 'array'),
        ADD CONSTRAINT bills_status_event CHECK ((status_station IS NULL) = (status_seq IS NULL));

      CREATE TABLE central.bill_containers (
        container   text PRIMARY KEY,
        bill        text NOT NULL,
        station_id  text NOT NULL,
        seq         bigint NOT NULL,
        added_at    timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX bill_containers_bill ON central.bill_containers (bill);

      ALTER TABLE central.rejections DROP CONSTRAINT rejections_reason_check;
      ALTER TABLE central.rejections ADD CONSTRAINT rejections_reason_check
        CHECK (reason IN (${REASONS_BEFORE}, 'container_on_other_bill', 'bill_not_open'));

      REVOKE ALL ON central.bill_containers FROM PUBLIC;
      GRANT SELECT ON central.bill_containers TO central_station;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM central.projections WHERE name = 'bill';
      DROP FUNCTION IF EXISTS central.project_bills(text, bigint, bigint);
      DELETE FROM central.repeatable_functions WHERE name = 'central.project_bills';
      DROP TABLE central.bill_containers;
      DELETE FROM central.rejections WHERE reason IN ('container_on_other_bill', 'bill_not_open');
      ALTER TABLE central.rejections DROP CONSTRAINT rejections_reason_check;
      ALTER TABLE central.rejections ADD CONSTRAINT rejections_reason_check CHECK (reason IN (${REASONS_BEFORE}));
      ALTER TABLE central.bills DROP CONSTRAINT bills_status_check, DROP CONSTRAINT bills_status_event;
      UPDATE central.bills SET status = 'closed' WHERE status IN ('finalised', 'dispatched');
      ALTER TABLE central.bills ADD CONSTRAINT bills_status_check CHECK (status IN ('open', 'closed')),
        DROP COLUMN opened_station, DROP COLUMN opened_seq, DROP COLUMN opened_by, DROP COLUMN finalised_by,
        DROP COLUMN dispatched_by, DROP COLUMN status_station, DROP COLUMN status_seq, DROP COLUMN count,
        DROP COLUMN measured_grams, DROP COLUMN estimated_grams, DROP COLUMN total_grams, DROP COLUMN printed,
        DROP COLUMN containers;
    `);
  }
}
