import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'winston';
import { CentralConfig, type CentralConfigInput } from './config';
import { notConfiguredStatus, type DeadLetterDecision, type DeadLetterOutcome, type ReplicationStatus } from './status';
import type { FromWorker, ToWorker, WorkerInit } from './worker/messages';
import { compiledWorkerFile } from '../worker-file';
import type { CentralDashboard } from '../core/central-port';

export interface ReplicationHandle {
  /** The latest status the worker reported (a second old at most). */
  status(): ReplicationStatus;
  /** New events were committed: send them now rather than at the next poll. */
  nudge(): void;
  /** A supervisor's retry or skip of a quarantined event, at central; rejects with central's refusal or the connection error. */
  resolveDeadLetter(decision: DeadLetterDecision): Promise<DeadLetterOutcome>;
  /** The supervisor screen's floor-wide figures from central; rejects with why central cannot answer. */
  dashboardFigures(from: string, to: string): Promise<CentralDashboard>;
  stop(): Promise<void>;
}

export interface StartReplicationOptions {
  dbPath: string;
  stationId: string;
  /** The station config's `central` section; absent or without a url means "not configured". */
  central?: CentralConfigInput | null;
  logger?: Pick<Logger, 'error' | 'warn' | 'info' | 'debug'>;
  appVersion?: string;
  statusIntervalMs?: number;
  /** Called in this thread each time central acknowledges a batch (its new mark). */
  onAck?: (mark: number) => void;
  /**
   * Where no worker runs (no central, or an invalid central config), the status still counts the
   * rejections received earlier that no supervisor has seen: read with this (the station's own
   * connection). Absent: 0. A failing read counts 0.
   */
  unseenRejections?: () => number;
}

/** A handle without a worker: this status, with the local count of unseen rejections. */
export function workerlessHandle(status: ReplicationStatus, unseenRejections?: () => number): ReplicationHandle {
  const count = () => {
    try {
      return unseenRejections?.() ?? 0;
    } catch {
      return 0;
    }
  };
  return {
    status: () => ({ ...status, unseenRejections: count() }),
    nudge: () => undefined,
    resolveDeadLetter: () => Promise.reject(new Error('this station replicates to no central database')),
    dashboardFigures: () => Promise.reject(new Error('this station replicates to no central database')),
    stop: async () => undefined,
  };
}

/**
 * Starts replication in a worker thread, off the scan path: its own SQLite connection and its own
 * small pg pool. Never throws for a bad or unreachable central; that shows up in status().
 */
export function startReplication(options: StartReplicationOptions): ReplicationHandle {
  if (!options.central?.url) {
    return workerlessHandle(notConfiguredStatus(options.stationId), options.unseenRejections);
  }
  const parsed = CentralConfig.safeParse(options.central);
  if (!parsed.success) {
    const message = `the central config is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'central'}: ${i.message}`).join('; ')}`;
    options.logger?.error(message);
    const status: ReplicationStatus = { ...notConfiguredStatus(options.stationId), state: 'error', lastError: { code: 'CONFIG', message, at: Date.now() } };
    return workerlessHandle(status, options.unseenRejections);
  }
  const config = parsed.data;
  const init: WorkerInit = {
    dbPath: path.resolve(options.dbPath),
    stationId: options.stationId,
    config,
    appVersion: options.appVersion,
    statusIntervalMs: options.statusIntervalMs ?? 1_000,
    reportAcks: options.onAck !== undefined,
  };
  const worker = new Worker(workerFile(), { workerData: init, name: 'replication' });
  let current: ReplicationStatus = { ...notConfiguredStatus(options.stationId), state: 'starting' };
  const log = options.logger;
  let exited = false;
  const exit = new Promise<void>((resolve) => worker.once('exit', () => {
    exited = true;
    for (const waiting of resolving.values()) waiting.reject(new Error('replication stopped'));
    resolving.clear();
    resolve();
  }));
  // requests to the worker (a resolve, a dashboard read), answered by requestId
  const resolving = new Map<number, { resolve(o: never): void; reject(e: Error): void }>();
  let nextRequest = 1;
  worker.on('message', (m: FromWorker) => {
    if (m.type === 'status') current = m.status;
    else if (m.type === 'resolved' || m.type === 'resolveFailed' || m.type === 'dashboard') {
      const waiting = resolving.get(m.requestId);
      resolving.delete(m.requestId);
      if (m.type === 'resolved') waiting?.resolve(m.outcome as never);
      else if (m.type === 'dashboard') waiting?.resolve(m.figures as never);
      else waiting?.reject(Object.assign(new Error(m.message), { code: m.code }));
    }
    else if (m.type === 'ack') options.onAck?.(m.mark);
    else if (m.type === 'log') log?.[m.level](`replication: ${m.message}`, { ...m.meta, stationId: options.stationId });
  });
  worker.on('error', (err) => {
    current = { ...current, state: 'error', lastError: { code: 'WORKER', message: `replication worker crashed: ${err.message}`, at: Date.now() } };
    log?.error('replication worker crashed', { error: err.message });
  });
  const send = (m: ToWorker) => {
    if (!exited) worker.postMessage(m);
  };
  const ask = <T>(message: (requestId: number) => ToWorker) => new Promise<T>((resolve, reject) => {
    if (exited) return reject(new Error('replication stopped'));
    const requestId = nextRequest++;
    resolving.set(requestId, { resolve: resolve as (o: never) => void, reject });
    send(message(requestId));
  });
  return {
    status: () => current,
    nudge: () => send({ type: 'nudge' }),
    resolveDeadLetter: (decision) => ask<DeadLetterOutcome>((requestId) => ({ type: 'resolveDeadLetter', requestId, decision })),
    dashboardFigures: (from, to) => ask<CentralDashboard>((requestId) => ({ type: 'dashboard', requestId, from, to })),
    stop: async () => {
      send({ type: 'stop' });
      const timeout = setTimeout(() => void worker.terminate(), config.statementTimeoutMs + 10_000);
      await exit;
      clearTimeout(timeout);
      if (current.state !== 'error') current = { ...current, state: 'stopped' };
    },
  };
}

export function workerFile(): string {
  return compiledWorkerFile(__dirname, path.join('worker', 'replication-worker.js'), 'replication');
}
