import fs from 'node:fs';
import path from 'node:path';
import type { DeviceHealth } from '../src/api';
import type { StationConfig } from '../src/config/schema';
import type { CommitWatch } from '../src/commit-watch';
import { ageText, buildHealthReport, type DeviceReading, type HealthInputs, type HealthReport } from '../src/health-report';
import type { ReplicationStatus } from '../src/central/status';

/** The closest folder that exists: the data dir itself, or where it will be created. */
export function existingAncestor(dir: string): string {
  let current = path.resolve(dir);
  while (!fs.existsSync(current)) {
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return current;
}

/** Free space of the data folder's file system (one statfs: cheap enough for every request). */
export function readDisk(config: StationConfig): HealthInputs['disk'] {
  const dir = existingAncestor(config.dataDir);
  const minFreeBytes = config.health.minFreeDiskMb * 1024 * 1024;
  try {
    const stats = fs.statfsSync(dir);
    return { dir, freeBytes: stats.bavail * stats.bsize, minFreeBytes };
  } catch (err) {
    return { dir, freeBytes: null, error: (err as NodeJS.ErrnoException).code ?? String(err), minFreeBytes };
  }
}

/** The running station's store: the last commit's outcome and whether the data folder still takes writes. */
function liveStore(config: StationConfig, commits: CommitWatch, now: number): HealthInputs['store'] {
  const { lastOkAt, failure } = commits.last();
  if (failure) return { ok: false, detail: `the last commit failed ${ageText(now - failure.at)} ago: ${failure.message}` };
  try {
    fs.accessSync(config.dataDir, fs.constants.W_OK);
  } catch (err) {
    return { ok: false, detail: `${config.dataDir} is not writable (${(err as NodeJS.ErrnoException).code ?? String(err)})` };
  }
  return { ok: true, detail: `${lastOkAt === null ? 'no commit since start' : `last commit ${ageText(now - lastOkAt)} ago`}; ${config.dataDir} is writable` };
}

function reading(id: string, records: ReadonlyMap<string, DeviceHealth>): DeviceReading {
  const health = records.get(id);
  if (!health) return { deviceId: id, ok: false, detail: 'not started' };
  return { deviceId: id, ok: health.ok, detail: health.detail ? `${health.status}: ${health.detail}` : health.status, health };
}

export interface LiveHealthSources {
  config: StationConfig;
  commits: CommitWatch;
  devices(): DeviceHealth[];
  replication(): ReplicationStatus;
}

/** GET /health: everything from memory (device records, the worker's last status) plus one access and one statfs. */
export function liveHealthReport(sources: LiveHealthSources, now = Date.now()): HealthReport {
  const { config } = sources;
  const records = new Map(sources.devices().map((d) => [d.deviceId, d]));
  return buildHealthReport({
    stationId: config.stationId,
    store: liveStore(config, sources.commits, now),
    scanners: config.scanners.map((s) => reading(s.id, records)),
    scales: config.scales?.length ? config.scales.map((s) => reading(s.id, records)) : null,
    printer: config.labels ? reading('printer', records) : null,
    central: { configured: Boolean(config.central?.url), status: sources.replication() },
    disk: readDisk(config),
    now,
  });
}
