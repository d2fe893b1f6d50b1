import type { LocalMigration } from '../../core/workflow';

/**
 * Container projection: the containers opened here, which child is in which container, and the one in
 * hand; derived from the event log in the same transaction as the events that change them. A child is
 * in at most one container (its primary key); a leaf (a bag) has no `containers` row of its own.
 */
export const containerMigration: LocalMigration = {
  id: 'container:001',
  sql: `
    CREATE TABLE containers (
      code         TEXT    PRIMARY KEY,
      type         TEXT    NOT NULL,
      capacity     INTEGER NOT NULL CHECK (capacity > 0),
      status       TEXT    NOT NULL CHECK (status IN ('open', 'closed', 'voided')),
      close_reason TEXT,
      opened_seq   INTEGER NOT NULL REFERENCES events(seq),
      closed_seq   INTEGER REFERENCES events(seq)
    ) STRICT;
    CREATE INDEX containers_closed ON containers(closed_seq) WHERE status = 'closed';
    CREATE TABLE container_links (
      child      TEXT    PRIMARY KEY,
      child_type TEXT    NOT NULL,
      parent     TEXT    NOT NULL REFERENCES containers(code),
      link_seq   INTEGER NOT NULL UNIQUE REFERENCES events(seq),
      moved      INTEGER NOT NULL DEFAULT 0 CHECK (moved IN (0, 1)),
      CHECK (child <> parent)
    ) STRICT;
    CREATE INDEX container_links_parent ON container_links(parent, link_seq);
    CREATE TABLE container_current (
      one  INTEGER PRIMARY KEY CHECK (one = 1),
      code TEXT REFERENCES containers(code)
    ) STRICT;
  `,
};

/** The open containers without reading every container ever closed (the dashboard, the end-of-day summary). */
export const openContainersIndex: LocalMigration = {
  id: 'container:002',
  sql: "CREATE INDEX containers_open ON containers (opened_seq) WHERE status = 'open';",
};
