import type { LocalMigration } from '../../core/workflow';

/**
 * Users live in `ref_users`, the station's copy of central's users (reference data), so one table
 * answers "who has this badge" offline. A change made here is projected into it at once with its
 * `local_seq`; the reference pull leaves such a row alone until central has acknowledged that event.
 * `updated_at` stays central's version of the row ('' for a user central has not sent yet).
 */
export const userMigration: LocalMigration = {
  id: 'user:001',
  sql: `
    ALTER TABLE ref_users ADD COLUMN pin_hash TEXT;
    ALTER TABLE ref_users ADD COLUMN local_seq INTEGER;
    CREATE INDEX ref_users_by_name ON ref_users(name, id);
  `,
};
