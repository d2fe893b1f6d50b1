import type { LocalMigration } from '../../core/workflow';

/**
 * Bills from central in full (central migration 1730000000015): who opened, finalised and
 * dispatched each one, its totals, the copies printed, and its lines (`containers`, JSON of the bill
 * module's BillLine), so a station can continue a bill another station opened. The bills checkpoint
 * goes back to the start: the rows already here came without these columns, and the next pull
 * fills them in. The source stays synced meanwhile (its rows are still valid), so an offline station
 * is not set back to "not synced".
 */
export const refBillsDetail: LocalMigration = {
  id: 'core:008',
  sql: `
    ALTER TABLE ref_bills ADD COLUMN opened_station TEXT;
    ALTER TABLE ref_bills ADD COLUMN opened_by TEXT;
    ALTER TABLE ref_bills ADD COLUMN finalised_by TEXT;
    ALTER TABLE ref_bills ADD COLUMN dispatched_by TEXT;
    ALTER TABLE ref_bills ADD COLUMN count INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE ref_bills ADD COLUMN measured_grams REAL NOT NULL DEFAULT 0;
    ALTER TABLE ref_bills ADD COLUMN estimated_grams REAL NOT NULL DEFAULT 0;
    ALTER TABLE ref_bills ADD COLUMN total_grams REAL NOT NULL DEFAULT 0;
    ALTER TABLE ref_bills ADD COLUMN printed INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE ref_bills ADD COLUMN containers TEXT NOT NULL DEFAULT '[]';
    CREATE INDEX ref_bills_open ON ref_bills(status, number);
    UPDATE ref_checkpoints SET updated_at = '-infinity', last_id = '' WHERE source = 'bills';
  `,
};
