import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ScanResult } from '../../src/api';
import type { StationConfig } from '../../src/config/schema';
import type { Logger } from '../../src/log/logger';
import { createDecoder } from '../../src/scan/decode';
import { Station } from '../../src/core/station';
import { stationRegistry } from '../../src/workflows';
import { databaseFile, openStore } from '../../src/store';
import { type CaptureLineError, readCapture } from './read-capture';
import { CaptureReplayTransport, type ReplaySummary } from './replay-transport';

/** Who a replayed scan is recorded as. */
export const REPLAY_ACTOR = { userId: 'replay', name: 'Capture replay', role: 'packer', sessionId: 'replay' } as const;

export interface ReplayCaptureOptions {
  file: string;
  config: StationConfig;
  logger: Logger;
  /** 1 keeps the captured gaps, 2 twice as fast; 0 or Infinity (default) as fast as possible. */
  speed?: number;
  /**
   * Where the replayed scans are committed. 'scratch' (default): a fresh database in a temporary
   * folder, removed afterwards, so a replay never adds events to the station's real log.
   * 'station': the configured station's own database (the station must not be running).
   */
  database?: 'scratch' | 'station';
  /** Each scan's outcome as the station decided it, e.g. to print one JSON line per scan. */
  onResult?: (result: ScanResult) => void;
}

export interface ReplayCaptureReport {
  file: string;
  /** Malformed capture lines, each naming its line number; they were skipped. */
  lineErrors: CaptureLineError[];
  results: ScanResult[];
  summary: ReplaySummary;
  databaseFile: string;
}

/**
 * `station replay FILE`: feeds a capture through the real pipeline (decoder, scan rules, bag workflow,
 * SQLite commit) with its captured device ids, bytes and AIM ids, and reports what the station decided.
 * Throws only when the capture file cannot be read at all or the database cannot be opened.
 */
export async function replayCapture(options: ReplayCaptureOptions): Promise<ReplayCaptureReport> {
  const capture = await readCapture(options.file);
  for (const error of capture.errors) options.logger.warn('capture line skipped', { line: error.line, error: error.message });
  for (const note of capture.notScans) options.logger.info('captured HID POS reports are not a scan; not replayed', { deviceId: note.deviceId, reason: note.reason });
  const scratch = options.database === 'station' ? undefined : await fs.mkdtemp(path.join(os.tmpdir(), 'station-replay-'));
  const dataDir = scratch ?? options.config.dataDir;
  const config = { ...options.config, dataDir };
  const registry = stationRegistry();
  const store = openStore({ file: databaseFile(dataDir), stationId: config.stationId, registry, checkpointIntervalMs: config.store.checkpointIntervalMs });
  const results: ScanResult[] = [];
  try {
    // A capture has no PINs: its scans are decided as a replay actor with the packer's rights, named so in every event.
    const station = new Station({ config, store, registry, logger: options.logger, decode: createDecoder(config.scanRules), actAs: REPLAY_ACTOR });
    const unsubscribe = station.endpoint.subscribe((name: string, payload: unknown) => {
      if (name !== 'scan.result') return;
      const result = payload as ScanResult;
      results.push(result);
      options.onResult?.(result);
    });
    const replay = new CaptureReplayTransport(capture.scans, { logger: options.logger, speed: options.speed ?? Infinity });
    await station.attach(replay);
    const summary = await replay.finished;
    await station.stop();
    unsubscribe();
    return { file: options.file, lineErrors: capture.errors, results, summary, databaseFile: databaseFile(dataDir) };
  } finally {
    store.close();
    if (scratch) await fs.rm(scratch, { recursive: true, force: true }).catch(() => undefined);
  }
}
