import type { LocalMigration } from '../../core/workflow';

/**
 * `bills`: one row per bill this station opened or added to; `bill_lines`: the containers on them
 * (the container is the key: a container is on at most one bill here); `bill_counter`: the running
 * number of the bills opened here, so numbers never repeat after a restart. Bills of other stations
 * come from central's reference data (`ref_bills`, with their lines).
 */
export const billMigration: LocalMigration = {
  id: 'bill:001',
  sql: `
    CREATE TABLE bills (
      bill TEXT PRIMARY KEY,
      status TEXT NOT NULL CHECK (status IN ('open', 'finalised', 'dispatched')),
      opened_here INTEGER NOT NULL,
      opened_by TEXT,
      finalised_by TEXT,
      dispatched_by TEXT,
      printed INTEGER NOT NULL DEFAULT 0,
      seq INTEGER NOT NULL
    );
    CREATE INDEX bills_status ON bills (status, seq);
    CREATE TABLE bill_lines (
      container TEXT PRIMARY KEY,
      bill TEXT NOT NULL,
      type TEXT NOT NULL,
      children INTEGER NOT NULL,
      grams REAL,
      estimated_grams REAL,
      seq INTEGER NOT NULL
    );
    CREATE INDEX bill_lines_bill ON bill_lines (bill, seq);
    -- a line of a bill continued from another station, taken off here (central's copy still lists it until the next pull)
    CREATE TABLE bill_removed (bill TEXT NOT NULL, container TEXT NOT NULL, PRIMARY KEY (bill, container));
    CREATE TABLE bill_counter (id INTEGER PRIMARY KEY CHECK (id = 1), opened INTEGER NOT NULL);
    INSERT INTO bill_counter (id, opened) VALUES (1, 0);
  `,
};
