import type { Database } from 'better-sqlite3';
import type { PendingError, ScanResult } from '../api';
import type { AppendContext, DomainEvent, StoredEvent } from './events';
import type { Views } from './workflow';

/** The SQLite handle modules' `*.sqlite.ts` files get (src/store opens it). */
export type Db = Database;

/** What the screen shows for one recorded action: its result and, for a bad one, the pending error. */
export interface Shown {
  result: ScanResult;
  error: PendingError | null;
}

/**
 * What the station core needs from the store (src/store implements it): the modules' views, ONE
 * transaction per action, and the screen rows restored at start-up. The core depends on this port,
 * never on the store itself.
 */
export interface StorePort {
  readonly views: Views;
  /**
   * Lets `decide` read the current state and appends the events it returns, in ONE immediate
   * transaction, so no other writer can slip in between the read and the write. `show`, when given,
   * builds the result (and pending error) from the decision and its stored events; they are written
   * to the screen tables in that same transaction, so a committed refusal always has its pending
   * error. Throws a StoreError (disk full, read-only, locked …) with nothing committed.
   */
  record<D extends { events: readonly DomainEvent[] }>(
    decide: (views: Views) => D,
    context: AppendContext,
    show?: (decision: D, events: readonly StoredEvent[]) => Shown,
  ): { decision: D; events: StoredEvent[]; shown: Shown | null };
  readonly screen: {
    acknowledge(id: string): boolean;
    recentResults(limit?: number): ScanResult[];
    pendingErrors(limit?: number): PendingError[];
  };
}

/**
 * Why the store could not do what was asked, in words a packer or a technician can act on. Nothing
 * committed is lost in any of these cases: SQLite rolls the failed transaction back.
 */
export class StoreError extends Error {
  constructor(message: string, readonly sqliteCode: string | null, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}
