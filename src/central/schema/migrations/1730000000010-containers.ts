import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The rejection reasons central knew before this step (migrations 1, 6 and 7). */
const REASONS = `'child_linked_elsewhere', 'child_already_linked', 'parent_closed', 'bag_already_closed', 'closed_elsewhere',
  'user_overwritten', 'user_disabled', 'badge_taken', 'projection_failed'`;

/**
 * Containers at central (issue 11): what the container module's projection maintains
 * (`central.project_containers`, src/workflows/container/central.sql.ts). Schema only.
 *
 * - `central.containers`: each container code once: its type, status, the container it is in, how
 *   many children it holds, and where and at which event it was opened and last closed.
 * - `central.container_links`: where each child is now, by the event that put it there (a link or a
 *   move): one row per child, so a child is in at most one container fleet-wide. The first event in
 *   central order wins; a later one for the same child comes back as a rejection.
 * Stations read both (reference data for search and for other stations' containers). One new
 * rejection reason: `child_moved_elsewhere` (a move of a child that another station moved first).
 */
export class Containers1730000000010 implements MigrationInterface {
  name = 'Containers1730000000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE central.containers (
        code           text PRIMARY KEY,
        type           text NOT NULL,
        status         text NOT NULL CHECK (status IN ('open', 'closed', 'voided')),
        parent         text,
        child_count    integer NOT NULL DEFAULT 0 CHECK (child_count >= 0),
        opened_station text NOT NULL,
        opened_seq     bigint NOT NULL,
        closed_station text,
        closed_seq     bigint,
        updated_at     timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX containers_parent ON central.containers (parent) WHERE parent IS NOT NULL;

      CREATE TABLE central.container_links (
        child       text PRIMARY KEY,
        parent      text NOT NULL,
        station_id  text NOT NULL,
        seq         bigint NOT NULL,
        moved       boolean NOT NULL DEFAULT false,
        linked_at   timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX container_links_parent ON central.container_links (parent);
      CREATE INDEX container_links_event ON central.container_links (station_id, seq);

      ALTER TABLE central.rejections DROP CONSTRAINT rejections_reason_check;
      ALTER TABLE central.rejections ADD CONSTRAINT rejections_reason_check CHECK (reason IN (${REASONS}, 'child_moved_elsewhere'));

      REVOKE ALL ON central.containers, central.container_links FROM PUBLIC;
      GRANT SELECT ON central.containers, central.container_links TO central_station;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE central.container_links; DROP TABLE central.containers;
      DELETE FROM central.rejections WHERE reason = 'child_moved_elsewhere';
      ALTER TABLE central.rejections DROP CONSTRAINT rejections_reason_check;
      ALTER TABLE central.rejections ADD CONSTRAINT rejections_reason_check CHECK (reason IN (${REASONS}));`);
  }
}
