import fs from 'node:fs';
import type { StationConfig } from '../../src/config/schema';
import { notConfiguredStatus, type ReplicationStatus } from '../../src/central/status';
import { buildHealthReport, type DeviceReading, type HealthReport } from '../../src/health-report';
import { databaseFile } from '../../src/store';
import type { CheckResult } from './doctor-checks';
import { readDisk } from '../health';

function find(checks: CheckResult[], name: string): CheckResult | undefined {
  return checks.find((c) => c.name === name);
}

function asReading(id: string, check: CheckResult | undefined, fallback: string): DeviceReading {
  return check ? { deviceId: id, ok: check.ok, detail: check.detail } : { deviceId: id, ok: true, detail: fallback };
}

/** The replication status as the database holds it (the worker's last save, the queue counted now). */
async function savedReplication(config: StationConfig): Promise<ReplicationStatus> {
  const file = databaseFile(config.dataDir);
  if (!fs.existsSync(file)) return notConfiguredStatus(config.stationId);
  try {
    const { readReplicationStatus } = await import('../../src/central/doctor');
    return readReplicationStatus(file, config.stationId, { configured: Boolean(config.central?.url), stuckAfterMs: config.central?.stuckAfterMs });
  } catch (err) {
    return { ...notConfiguredStatus(config.stationId), state: 'error', lastError: { code: 'READ', message: `cannot read the replication status: ${(err as Error).message}`, at: Date.now() } };
  }
}

/**
 * `station doctor`'s health report: the same builder as GET /health, fed by the doctor's probes
 * (device presence, a scale's weight, the printer's answer, the saved replication status) instead of
 * the running station's memory.
 */
export async function doctorHealthReport(config: StationConfig, checks: CheckResult[]): Promise<HealthReport> {
  const dataDir = find(checks, 'data folder');
  const database = find(checks, 'database');
  const storeChecks = [dataDir, database].filter((c): c is CheckResult => c !== undefined);
  const storeOk = storeChecks.length === 2 && storeChecks.every((c) => c.ok);
  return buildHealthReport({
    stationId: config.stationId,
    // Healthy: both details; else only what failed.
    store: { ok: storeOk, detail: storeChecks.filter((c) => storeOk || !c.ok).map((c) => c.detail).join('; ') },
    // A demo scanner has no device to look for: it is there whenever the station runs.
    scanners: config.scanners.map((s) => asReading(s.id, find(checks, `scanner ${s.id}`), s.kind === 'demo' ? 'demo scanner' : 'not checked')),
    scales: config.scales?.length ? config.scales.map((s) => asReading(s.id, find(checks, `scale ${s.id}`), 'not checked')) : null,
    printer: config.labels ? asReading('printer', find(checks, 'label printer'), 'not checked') : null,
    central: { configured: Boolean(config.central?.url), status: await savedReplication(config) },
    disk: readDisk(config),
  });
}
