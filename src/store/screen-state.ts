import { ScanResult, type PendingError } from '../api';
import type { Db } from './db';

/** How many scan results are kept for `scans.recent` (its schema allows up to 500), in memory and on disk. */
export const RECENT_SCANS_KEPT = 500;
/** Old results are pruned once per this many results, not on every scan: one statement less in a scan's commit. */
export const RECENT_SCANS_PRUNE_EVERY = 50;
/** Unacknowledged errors beyond this are dropped oldest first, so a flood cannot grow memory or the table. */
export const PENDING_ERRORS_KEPT = 100;

/**
 * The tables `pending_errors` and `recent_scans` (migration 103): what the station shows, kept so that
 * a restart or a power cut does not lose an error the packer has not acknowledged yet. Lists are
 * newest first. Statements are prepared once; `remember` runs inside the scan's transaction.
 */
export interface ScreenState {
  /** Records a result (and its pending error, for a bad one). Call inside the transaction of its events. */
  remember(result: ScanResult, error: PendingError | null): void;
  /** Deletes the pending error; true when it was stored. */
  acknowledge(id: string): boolean;
  recentResults(limit?: number): ScanResult[];
  pendingErrors(limit?: number): PendingError[];
}

interface PendingRow { id: string; message: string; code: string | null; at: string }

export function createScreenState(db: Db): ScreenState {
  const insertResult = db.prepare<[string]>('INSERT INTO recent_scans (result) VALUES (?)');
  const pruneResults = db.prepare<[number]>('DELETE FROM recent_scans WHERE n <= ?');
  const insertError = db.prepare<[string, string, string | null, string, number | null]>(
    'INSERT INTO pending_errors (id, message, code, at, seq) VALUES (?, ?, ?, ?, ?)');
  // Keeps the newest PENDING_ERRORS_KEPT rows; runs only when an error is added.
  const pruneErrors = db.prepare<[number]>(
    'DELETE FROM pending_errors WHERE n <= (SELECT n FROM pending_errors ORDER BY n DESC LIMIT 1 OFFSET ?)');
  const deleteError = db.prepare<[string]>('DELETE FROM pending_errors WHERE id = ?');
  const selectResults = db.prepare<[number]>('SELECT result FROM recent_scans ORDER BY n DESC LIMIT ?').pluck();
  const selectErrors = db.prepare<[number]>('SELECT id, message, code, at FROM pending_errors ORDER BY n DESC LIMIT ?');

  return {
    remember(result, error) {
      // `n` is max+1 and only the oldest rows are deleted, so n - KEPT is the newest row to drop.
      const n = Number(insertResult.run(JSON.stringify(result)).lastInsertRowid);
      if (n % RECENT_SCANS_PRUNE_EVERY === 0) pruneResults.run(n - RECENT_SCANS_KEPT);
      if (!error) return;
      insertError.run(error.id, error.message, error.code ?? null, error.at, result.seq ?? null);
      pruneErrors.run(PENDING_ERRORS_KEPT);
    },
    acknowledge: (id) => deleteError.run(id).changes > 0,
    recentResults(limit = RECENT_SCANS_KEPT) {
      // Read once at start-up: a row that does not parse as a result is skipped, not fatal.
      return (selectResults.all(limit) as string[]).flatMap((text) => {
        try {
          const parsed = ScanResult.safeParse(JSON.parse(text));
          return parsed.success ? [parsed.data] : [];
        } catch {
          return [];
        }
      });
    },
    pendingErrors(limit = PENDING_ERRORS_KEPT) {
      return (selectErrors.all(limit) as PendingRow[]).map((row) => ({
        id: row.id, message: row.message, ...(row.code === null ? {} : { code: row.code }), at: row.at,
      }));
    },
  };
}
