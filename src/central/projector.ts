import { Pool, type ClientBase } from 'pg';
import { classifyError } from './errors';
import { inTransaction, type Timeouts } from './transaction';

/** What one projector step did (`central.project`, see schema/repeatable/projector.sql.ts). */
export interface ProjectResult {
  /** Another transaction holds the projector's cursor: this step did nothing. */
  busy: boolean;
  /** Events this step projected (an event whose projection failed counts too: it was dealt with). */
  projected: number;
  /** Events that got a projection dead letter and a 'projection_failed' rejection. */
  failed: number;
  /** Ingested events are still waiting (beyond the limit, or behind a transaction still open). */
  pending: boolean;
}

export const PROJECT_LIMIT = 5000;

// Unnamed statement: nothing outlives the transaction (PgBouncer transaction mode).
const PROJECT_SQL = 'SELECT busy, projected, failed, pending FROM central.project($1::integer)';

/** One projector step in the caller's transaction; the cursor moves in that same transaction. */
export async function projectStep(client: ClientBase, limit = PROJECT_LIMIT): Promise<ProjectResult> {
  const { rows: [row] } = await client.query<ProjectResult>(PROJECT_SQL, [limit]);
  if (!row) throw new Error('central.project returned no row');
  return row;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Steps until nothing ingested is left to project, each step in its own transaction. Waits while
 * another transaction holds the cursor or an older ingest is still open; gives up after `timeoutMs`.
 */
export async function projectAll(pool: Pool, timeouts: Timeouts, { limit = PROJECT_LIMIT, timeoutMs = 60_000 } = {}):
  Promise<{ projected: number; failed: number }> {
  const until = Date.now() + timeoutMs;
  let projected = 0;
  let failed = 0;
  for (;;) {
    const r = await inTransaction(pool, timeouts, (c) => projectStep(c, limit));
    projected += r.projected;
    failed += r.failed;
    if (!r.busy && !r.pending) return { projected, failed };
    if (Date.now() > until) throw new Error(`the projector did not catch up within ${timeoutMs} ms`);
    if (r.busy || r.projected === 0) await sleep(20);
  }
}

export interface ProjectorLoopOptions {
  limit?: number;
  /** Sleep between steps when there was nothing to do. */
  idleMs?: number;
  /** One pass: step until nothing is pending now, then return. */
  once?: boolean;
  signal?: AbortSignal;
  onStep?: (r: ProjectResult) => void;
  /** A failed step (the loop goes on after a pause, unless `once`). */
  onError?: (message: string) => void;
}

/** `station central project`: the projector as a loop, for sites that want one besides the stations' cooperative steps. */
export async function runProjectorLoop(pool: Pool, timeouts: Timeouts, opts: ProjectorLoopOptions = {}): Promise<{ projected: number; failed: number }> {
  const idleMs = opts.idleMs ?? 500;
  let projected = 0;
  let failed = 0;
  let failures = 0;
  while (!opts.signal?.aborted) {
    let r: ProjectResult;
    try {
      r = await inTransaction(pool, timeouts, (c) => projectStep(c, opts.limit ?? PROJECT_LIMIT));
      failures = 0;
    } catch (err) {
      if (opts.once) throw err;
      // a restart, a cut connection: the step rolled back whole; try again after a pause
      opts.onError?.(classifyError(err).message);
      await sleep(Math.min(30_000, 250 * 2 ** Math.min(failures++, 7)));
      continue;
    }
    projected += r.projected;
    failed += r.failed;
    opts.onStep?.(r);
    const more = !r.busy && r.pending && r.projected > 0;
    if (opts.once && !r.busy && !r.pending) break;
    if (!more) await sleep(idleMs);
  }
  return { projected, failed };
}

/** `station central project --central URL [--once]`: the projector loop on its own connection, until `signal` aborts (or, with `once`, until caught up). */
export async function projectCentral(url: string, opts: ProjectorLoopOptions & Partial<Timeouts> = {}): Promise<{ projected: number; failed: number; text: string }> {
  const pool = new Pool({ connectionString: url, max: 1, application_name: 'station-projector', keepAlive: true });
  pool.on('error', () => undefined); // an idle connection cut by a restart: the next step reconnects
  const timeouts = { statementTimeoutMs: opts.statementTimeoutMs ?? 60_000, idleInTransactionTimeoutMs: opts.idleInTransactionTimeoutMs ?? 60_000,
    stationToken: opts.stationToken };
  try {
    const r = await runProjectorLoop(pool, timeouts, opts);
    return { ...r, text: `projected ${r.projected} events${r.failed ? `, ${r.failed} of them projection dead letters` : ''}` };
  } finally {
    await pool.end();
  }
}
