import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each registered projection names the event types it applies (`types`: whole types such as
 * `session.started`, or a module prefix such as `bag.`; NULL: every event), so the projector calls
 * only the projections a range holds events for. At 2 scans/s from hundreds of stations most
 * ingest-log entries are one or two events of one module, and calling every projection on each was
 * most of central's CPU per event. The registrations fill it (repeatable steps).
 */
export class ProjectionTypes1730000000011 implements MigrationInterface {
  name = 'ProjectionTypes1730000000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE central.projections ADD COLUMN types text[]`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE central.projections DROP COLUMN types`);
  }
}
