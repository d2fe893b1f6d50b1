import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Container types as central reference data (issue 11): one row per type, its definition in the
 * same shape as a station's `container.types` entry (id, name, code, capacity, weights, holds). They
 * flow down to every station like users and code rules; a station merges them with its own config
 * (its config wins for an id it defines) when it starts. An admin edits them; stations only read.
 */
export class ContainerTypes1730000000012 implements MigrationInterface {
  name = 'ContainerTypes1730000000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE central.container_types (
        id          text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9_-]{0,31}$'),
        definition  jsonb NOT NULL CHECK (jsonb_typeof(definition) = 'object' AND definition->>'id' = id),
        active      boolean NOT NULL DEFAULT true,
        updated_at  timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX container_types_checkpoint ON central.container_types (updated_at, id);
      CREATE TRIGGER container_types_touch BEFORE INSERT OR UPDATE ON central.container_types FOR EACH ROW EXECUTE FUNCTION central.touch_updated_at();
      REVOKE ALL ON central.container_types FROM PUBLIC;
      GRANT SELECT ON central.container_types TO central_station;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE central.container_types');
  }
}
