import type { LocalMigration } from '../../core/workflow';

/** `label_jobs`: one row per print job, its label and where it stands, derived from the `label.*` events. */
export const labelMigration: LocalMigration = {
  id: 'label:001',
  sql: `
    CREATE TABLE label_jobs (
      job_id TEXT PRIMARY KEY,
      container TEXT NOT NULL,
      container_type TEXT NOT NULL,
      grams REAL,
      zpl TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('requested', 'sent', 'failed', 'unknown')),
      kind TEXT,
      reason TEXT,
      target TEXT,
      reprint_of TEXT,
      reprint_reason TEXT,
      requested_seq INTEGER NOT NULL,
      requested_at TEXT NOT NULL,
      requested_by TEXT,
      changed_at TEXT NOT NULL
    );
    CREATE INDEX label_jobs_container ON label_jobs (container, requested_seq);
  `,
};
