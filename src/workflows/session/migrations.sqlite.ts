import type { LocalMigration } from '../../core/workflow';

/**
 * Sessions and wrong-PIN lockouts, projected from `session.*` events. The row of the current session
 * (status active or locked) is what brings the same user back after a restart.
 */
export const sessionMigration: LocalMigration = {
  id: 'session:001',
  sql: `
    CREATE TABLE sessions (
      id          TEXT PRIMARY KEY,
      user_id     TEXT NOT NULL,
      name        TEXT NOT NULL,
      role        TEXT NOT NULL,
      status      TEXT NOT NULL CHECK (status IN ('active', 'locked', 'ended')),
      started_at  TEXT NOT NULL,
      started_seq INTEGER NOT NULL REFERENCES events(seq),
      ended_seq   INTEGER REFERENCES events(seq),
      end_reason  TEXT
    ) STRICT;
    CREATE INDEX sessions_current ON sessions(status) WHERE status <> 'ended';
    CREATE TABLE pin_lockouts (
      user_id      TEXT PRIMARY KEY,
      failures     INTEGER NOT NULL CHECK (failures >= 0),
      lockouts     INTEGER NOT NULL CHECK (lockouts >= 0),
      locked_until TEXT
    ) STRICT;
  `,
};
