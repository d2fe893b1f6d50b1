import { parentPort, workerData } from 'node:worker_threads';
import { Replicator } from '../replicator';
import type { FromWorker, ToWorker, WorkerInit } from './messages';

/**
 * Worker-thread entry: runs the replication loop off the scan path, posts its status every
 * `statusIntervalMs`, and keeps the last status in the station database for `station doctor`.
 */
const init = workerData as WorkerInit;
const port = parentPort!;
const post = (m: FromWorker) => port.postMessage(m);

const replicator = new Replicator({
  dbPath: init.dbPath,
  stationId: init.stationId,
  config: init.config,
  appVersion: init.appVersion,
  log: (level, message, meta) => post({ type: 'log', level, message, meta }),
  onAck: init.reportAcks ? (mark) => post({ type: 'ack', mark }) : undefined,
});

let lastSaved = 0;
function publish(): void {
  const status = replicator.status();
  post({ type: 'status', status });
  if (status.updatedAt - lastSaved >= 5_000) {
    lastSaved = status.updatedAt;
    replicator.saveStatus(status);
  }
}

const timer = setInterval(publish, init.statusIntervalMs);
port.on('message', (m: ToWorker) => {
  if (m.type === 'nudge') replicator.nudge();
  if (m.type === 'resolveDeadLetter') {
    replicator.resolveDeadLetter(m.decision).then(
      (outcome) => post({ type: 'resolved', requestId: m.requestId, outcome }),
      (err: Error & { code?: string }) => post({ type: 'resolveFailed', requestId: m.requestId, message: err.message, code: err.code }));
  }
  // answered like a resolve: a failure is a resolveFailed with central's words
  if (m.type === 'dashboard') {
    replicator.dashboardFigures(m.from, m.to).then(
      (figures) => post({ type: 'dashboard', requestId: m.requestId, figures }),
      (err: Error) => post({ type: 'resolveFailed', requestId: m.requestId, message: err.message }));
  }
  if (m.type === 'stop') {
    clearInterval(timer);
    publish();
    void replicator.stop().then(() => {
      post({ type: 'status', status: replicator.status() });
      post({ type: 'stopped' });
      port.close();
    });
  }
});
void replicator.start();
publish();
