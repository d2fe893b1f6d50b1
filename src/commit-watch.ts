import { StoreError, type StorePort } from './core/store-port';

/**
 * The last commit's outcome, for the store check of GET /health: reading it costs nothing, where a
 * test write per request would cost a transaction. Only a StoreError (disk full, read-only, locked,
 * damaged) counts; a bug in a decision is not the store's fault.
 */
export class CommitWatch {
  private lastOkAt: number | null = null;
  private failure: { at: number; message: string } | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  /** The same store, with every `record` watched. */
  wrap(store: StorePort): StorePort {
    const record: StorePort['record'] = (decide, context, show) => {
      try {
        const recorded = store.record(decide, context, show);
        this.lastOkAt = this.now();
        this.failure = null;
        return recorded;
      } catch (err) {
        if (err instanceof StoreError) this.failure = { at: this.now(), message: err.message };
        throw err;
      }
    };
    return { get views() { return store.views; }, get screen() { return store.screen; }, record };
  }

  /** Null failure: no commit failed since the last one that succeeded (or since start). */
  last(): { lastOkAt: number | null; failure: { at: number; message: string } | null } {
    return { lastOkAt: this.lastOkAt, failure: this.failure };
  }
}
