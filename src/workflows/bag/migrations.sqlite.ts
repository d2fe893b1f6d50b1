import type { LocalMigration } from '../../core/workflow';

/**
 * Bag projection: the current parents and child links, derived from the event log and updated in the
 * same transaction as the events that change them. The events stay the truth; these tables can be
 * rebuilt from them. At most one parent is open at a time, and a child is in at most one parent.
 */
export const bagMigration: LocalMigration = {
  id: 'bag:001',
  sql: `
    CREATE TABLE bag_parents (
      code         TEXT    PRIMARY KEY,
      capacity     INTEGER NOT NULL CHECK (capacity > 0),
      status       TEXT    NOT NULL CHECK (status IN ('open', 'closed')),
      close_reason TEXT,
      opened_seq   INTEGER NOT NULL REFERENCES events(seq),
      closed_seq   INTEGER REFERENCES events(seq)
    ) STRICT;
    CREATE UNIQUE INDEX bag_parents_one_open ON bag_parents(status) WHERE status = 'open';
    CREATE TABLE bag_links (
      child    TEXT    PRIMARY KEY,
      parent   TEXT    NOT NULL REFERENCES bag_parents(code),
      link_seq INTEGER NOT NULL UNIQUE REFERENCES events(seq)
    ) STRICT;
    CREATE INDEX bag_links_parent ON bag_links(parent, link_seq);
  `,
};
