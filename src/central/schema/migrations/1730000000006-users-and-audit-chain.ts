import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEAD_LETTER_SQL } from '../sql/dead-letter.sql';
import { DEAD_LETTER_CHAINED_SQL } from '../sql/dead-letter-chained.sql';
import { INGEST_SQL } from '../sql/ingest.sql';
import { INGEST_CHAINED_SQL } from '../sql/ingest-chained.sql';
import { PROJECT_EVENT_SQL } from '../sql/project-event.sql';
import { PROJECT_EVENT_USERS_SQL } from '../sql/project-event-users.sql';
import { PROJECT_USER_SQL } from '../sql/project-user.sql';

const TEXT9 = 'text, text, text, text, text, text, text, text, text';
const OLD_INGEST = 'central.ingest(text, bigint[], text[], text[], text[], text[], text[], text[], text[])';
const INGEST = 'central.ingest(text, bigint[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[])';
const OLD_DEAD_LETTER = `central.dead_letter(text, bigint, ${TEXT9})`;
const DEAD_LETTER = `central.dead_letter(text, bigint, ${TEXT9}, text, text, text, text, text)`;
const PROJECT_USER = 'central.project_user(text, bigint, uuid, text, jsonb)';
const USERS_LAST_WRITE = 'central.users_last_write()';

const ROLES = `'packer', 'dispatcher', 'biller', 'supervisor', 'admin'`;
const REASONS = `'child_linked_elsewhere', 'child_already_linked', 'parent_closed', 'bag_already_closed', 'closed_elsewhere'`;

/**
 * Users, roles and the audit chain (issue 9).
 *
 * - Every event carries who caused it (role, session, approver, besides the user) and its link in
 *   the station's hash chain (prev_hash, hash: 64 lower-case hex, see docs/audit.md). The columns are
 *   NULL for events ingested before this release. The hex checks are NOT VALID: they hold for every
 *   new row, and the rows already there are all NULL, so validating them would only scan the table.
 * - `central.ingest` and `central.dead_letter` take the five new fields as trailing parameters with
 *   NULL defaults (the previous versions are dropped: a call of the old shape resolves to the new
 *   function, so stations of the previous release keep replicating during a roll-out).
 * - `central.users`: the five roles, the PIN hash that flows down to stations, and who wrote the row
 *   last (last_station, last_seq: NULL when an admin wrote it at central; a trigger clears them on an
 *   UPDATE that does not set them). Station user changes are projected by `central.project_user`
 *   (see project-user.sql.ts), reached through project_event.
 * - Rejections gain `user_overwritten`, `user_disabled` and `badge_taken`.
 *
 * Privileges as before: new functions are revoked from PUBLIC; the station group may execute the
 * ingest entry points only; it still has no UPDATE, DELETE or TRUNCATE on anything.
 */
export class UsersAndAuditChain1730000000006 implements MigrationInterface {
  name = 'UsersAndAuditChain1730000000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE central.station_events
        ADD COLUMN role text, ADD COLUMN session_id text, ADD COLUMN approved_by text, ADD COLUMN prev_hash text, ADD COLUMN hash text;
      ALTER TABLE central.station_events
        ADD CONSTRAINT station_events_prev_hash_hex CHECK (prev_hash ~ '^[0-9a-f]{64}$') NOT VALID,
        ADD CONSTRAINT station_events_hash_hex CHECK (hash ~ '^[0-9a-f]{64}$') NOT VALID;
      ALTER TABLE central.dead_letters
        ADD COLUMN role text, ADD COLUMN session_id text, ADD COLUMN approved_by text, ADD COLUMN prev_hash text, ADD COLUMN hash text;

      ALTER TABLE central.users DROP CONSTRAINT users_role_check;
      ALTER TABLE central.users
        ADD CONSTRAINT users_role_check CHECK (role IN (${ROLES})),
        ADD COLUMN pin_hash text,
        ADD COLUMN last_station text,
        ADD COLUMN last_seq bigint,
        ADD CONSTRAINT users_last_write CHECK ((last_station IS NULL) = (last_seq IS NULL));

      ALTER TABLE central.rejections DROP CONSTRAINT rejections_reason_check;
      ALTER TABLE central.rejections ADD CONSTRAINT rejections_reason_check
        CHECK (reason IN (${REASONS}, 'user_overwritten', 'user_disabled', 'badge_taken'));

      DROP FUNCTION ${OLD_INGEST};
      DROP FUNCTION ${OLD_DEAD_LETTER};
      ${DEAD_LETTER_CHAINED_SQL}
      ${PROJECT_USER_SQL}
      ${PROJECT_EVENT_USERS_SQL}
      ${INGEST_CHAINED_SQL}

      REVOKE EXECUTE ON FUNCTION ${INGEST}, ${DEAD_LETTER}, ${PROJECT_USER}, ${USERS_LAST_WRITE} FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION ${INGEST}, ${DEAD_LETTER} TO central_station;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION ${INGEST};
      DROP FUNCTION ${DEAD_LETTER};
      ${PROJECT_EVENT_SQL.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION')}
      DROP FUNCTION ${PROJECT_USER};
      DROP TRIGGER users_last_write ON central.users;
      DROP FUNCTION ${USERS_LAST_WRITE};
      ${DEAD_LETTER_SQL}
      ${INGEST_SQL}
      REVOKE EXECUTE ON FUNCTION ${OLD_INGEST}, ${OLD_DEAD_LETTER} FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION ${OLD_INGEST}, ${OLD_DEAD_LETTER} TO central_station;

      DELETE FROM central.rejections WHERE reason IN ('user_overwritten', 'user_disabled', 'badge_taken');
      ALTER TABLE central.rejections DROP CONSTRAINT rejections_reason_check;
      ALTER TABLE central.rejections ADD CONSTRAINT rejections_reason_check CHECK (reason IN (${REASONS}));
      ALTER TABLE central.users DROP CONSTRAINT users_last_write, DROP CONSTRAINT users_role_check,
        DROP COLUMN last_seq, DROP COLUMN last_station, DROP COLUMN pin_hash;
      ALTER TABLE central.users ADD CONSTRAINT users_role_check CHECK (role IN ('packer', 'supervisor', 'admin'));
      ALTER TABLE central.dead_letters
        DROP COLUMN hash, DROP COLUMN prev_hash, DROP COLUMN approved_by, DROP COLUMN session_id, DROP COLUMN role;
      ALTER TABLE central.station_events DROP CONSTRAINT station_events_hash_hex, DROP CONSTRAINT station_events_prev_hash_hex,
        DROP COLUMN hash, DROP COLUMN prev_hash, DROP COLUMN approved_by, DROP COLUMN session_id, DROP COLUMN role;
    `);
  }
}
