import type { StationConfig } from '../src/config/schema';
import { createLogger, type Logger } from '../src/log/logger';
import { createDecoder } from '../src/scan/decode';
import { Station } from '../src/station';
import { databaseFile, openStore, type Store } from '../src/store';
import { createTransports } from '../native/transports';

/** A station with its store and logger, built the same way for every host (headless and Electron). */
export interface StationRuntime {
  config: StationConfig;
  logger: Logger;
  store: Store;
  station: Station;
  /** Starts one transport per configured scanner. Call after the bridge is up, so no status is missed. */
  attachScanners(): Promise<void>;
  /** Stops the scanners, then closes the store and flushes the logs. */
  close(): Promise<void>;
}

/** Opens the store and builds the station. Throws StoreError (with its reason) when the database cannot be used. */
export function openStationRuntime(config: StationConfig, options: { console?: boolean } = {}): StationRuntime {
  const logger = createLogger({ level: config.log.level, dir: config.log.dir, retentionDays: config.log.retentionDays, console: options.console });
  const store = openStore({
    file: databaseFile(config.dataDir),
    stationId: config.stationId,
    checkpointIntervalMs: config.store.checkpointIntervalMs,
    onCheckpointError: (err) => logger.warn('WAL checkpoint failed; retrying later', { error: String(err) }),
  });
  const station = new Station({ config, store, logger, decode: createDecoder(config.scanRules) });
  return {
    config,
    logger,
    store,
    station,
    async attachScanners() {
      await Promise.all(createTransports(config.scanners, logger).map((t) => station.attach(t)));
    },
    async close() {
      await station.stop();
      store.close();
      logger.end();
    },
  };
}
