import type { StationConfig } from '../src/config/schema';
import { startReplication, workerlessHandle, type ReplicationHandle } from '../src/central/replication';
import { notConfiguredStatus } from '../src/central/status';
import { createLogger, type Logger } from '../src/log/logger';
import { createDecoder } from '../src/scan/decode';
import { Station } from '../src/core/station';
import { stationRegistry } from '../src/workflows';
import { summarizeReplication } from '../src/station-replication';
import { databaseFile, openStore, type Store } from '../src/store';
import { countUnseenRejections } from '../src/store/reference-cache';
import { CommitWatch } from '../src/commit-watch';
import type { HealthReport } from '../src/health-report';
import { withCapture, type CaptureWriter } from '../native/capture';
import { createScales } from '../native/scale';
import { createTransports } from '../native/transports';
import { liveHealthReport } from './health';
import { youngGenerationGcWhenSettled } from './idle-gc';

/** A station with its store and logger, built the same way for every host (headless and Electron). */
export interface StationRuntime {
  config: StationConfig;
  logger: Logger;
  store: Store;
  station: Station;
  replication: ReplicationHandle;
  /** Starts one transport per configured scanner and one port per scale. Call after the bridge is up, so no status is missed. */
  attachDevices(): Promise<void>;
  /** The health report of GET /health (main/health.ts), built from memory on each call. */
  health(): HealthReport;
  /** Stops the scanners and replication, flushes the capture, then closes the store and the logs. */
  close(): Promise<void>;
}

/**
 * Replication runs in a worker thread with its own database connection. Starting it never stops the
 * station: a failure (e.g. the compiled worker is missing) becomes an `error` status on screen.
 */
function replicationFor(config: StationConfig, logger: Logger, store: Store): ReplicationHandle {
  // Without a worker, the rejections received before (central since removed) are counted here.
  const unseenRejections = () => countUnseenRejections(store.db);
  try {
    return startReplication({ dbPath: databaseFile(config.dataDir), stationId: config.stationId, central: config.central, logger, unseenRejections });
  } catch (err) {
    const message = `replication not started: ${(err as Error).message ?? String(err)}`;
    logger.error(message);
    const status = { ...notConfiguredStatus(config.stationId), state: 'error' as const, lastError: { code: 'START', message, at: Date.now() } };
    return workerlessHandle(status, unseenRejections);
  }
}

/** Opens the store and builds the station. Throws StoreError (with its reason) when the database cannot be used. */
export function openStationRuntime(config: StationConfig, options: { console?: boolean } = {}): StationRuntime {
  const logger = createLogger({ level: config.log.level, dir: config.log.dir, retentionDays: config.log.retentionDays, console: options.console });
  const registry = stationRegistry();
  const store = openStore({
    file: databaseFile(config.dataDir),
    stationId: config.stationId,
    registry,
    checkpointIntervalMs: config.store.checkpointIntervalMs,
    onCheckpointError: (err) => logger.warn('WAL checkpoint failed; retrying later', { error: String(err) }),
  });
  // After the store: its migrations create the tables the worker reads.
  const replication = replicationFor(config, logger, store);
  // The store check of GET /health reads the last commit's outcome instead of writing per request.
  const commits = new CommitWatch();
  const station = new Station({
    config, store: commits.wrap(store), registry, logger, decode: createDecoder(config.scanRules),
    onCommitted: () => replication.nudge(),
    afterScanSettled: youngGenerationGcWhenSettled(),
    replication: () => summarizeReplication(replication.status()),
    central: { resolveDeadLetter: (d) => replication.resolveDeadLetter(d), dashboardFigures: (from, to) => replication.dashboardFigures(from, to) },
  });
  let capture: CaptureWriter | undefined;
  return {
    config,
    logger,
    store,
    station,
    replication,
    async attachDevices() {
      const { transports, writer } = withCapture(createTransports(config.scanners, logger), config.capture, logger);
      capture = writer;
      await Promise.all([...transports.map((t) => station.attach(t)), ...createScales(config.scales ?? [], logger).map((s) => station.attachScale(s))]);
    },
    health: () => liveHealthReport({ config, commits, devices: () => station.deviceHealth(), replication: () => replication.status() }),
    async close() {
      await station.stop();
      await replication.stop();
      await capture?.flush();
      store.close();
      logger.end();
    },
  };
}
