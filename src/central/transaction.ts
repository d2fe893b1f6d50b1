import { escapeLiteral, type Pool, type PoolClient } from 'pg';

export interface Timeouts {
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  /** A pooled station's token: who this transaction acts for (migration 1730000000004). */
  stationToken?: string | undefined;
}

/**
 * Runs `fn` in one transaction with the timeouts (and a pooled station's token) set by SET LOCAL, so they hold on every server
 * connection without leaving session state behind (a transaction pooler may hand the next
 * transaction to another client). On any error the connection is destroyed rather than reused:
 * after a timeout or a cut its state is unknown, and the server rolls the transaction back.
 */
export async function inTransaction<T>(pool: Pool, timeouts: Timeouts, fn: (c: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // a checked-out client has no pool listener: without this a socket error would be an uncaught 'error'
  // event; the failure itself reaches us through the pending query
  let socketError: Error | null = null;
  const onError = (err: Error) => {
    socketError = err;
  };
  client.on('error', onError);
  try {
    await client.query(`BEGIN; SET LOCAL statement_timeout = ${Math.trunc(timeouts.statementTimeoutMs)}; `
      + `SET LOCAL idle_in_transaction_session_timeout = ${Math.trunc(timeouts.idleInTransactionTimeoutMs)}`
      + (timeouts.stationToken ? `; SET LOCAL central.station_token = ${escapeLiteral(timeouts.stationToken)}` : ''));
    const result = await fn(client);
    await client.query('COMMIT');
    client.removeListener('error', onError);
    client.release(socketError ?? undefined);
    return result;
  } catch (err) {
    client.removeListener('error', onError);
    client.release(err instanceof Error ? err : new Error(String(err)));
    throw err;
  }
}
