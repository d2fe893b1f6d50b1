import { Pool } from 'pg';
import type { CentralConfig } from './config';

/**
 * The worker's own small pool. keepAlive finds dead peers, connectionTimeoutMillis bounds a connect
 * to an unreachable host, query_timeout bounds a stalled socket on the client side (the server-side
 * timeouts are set per transaction, see inTransaction). An idle client's socket error is reported
 * through `onError` instead of crashing the process.
 */
export function createPool(config: CentralConfig, onError: (err: Error) => void, applicationName = 'station-replication'): Pool {
  const pool = new Pool({
    connectionString: config.url,
    max: config.pool.max,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    connectionTimeoutMillis: config.pool.connectionTimeoutMs,
    idleTimeoutMillis: config.pool.idleTimeoutMs,
    query_timeout: config.statementTimeoutMs + 1_000,
    application_name: applicationName,
  });
  pool.on('error', onError);
  return pool;
}
