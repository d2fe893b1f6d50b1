import type { DeviceHealth, DeviceStatus, PendingError, ScanResult } from './api';
import type { StationConfig } from './config/schema';
import { DeviceHealthBook } from './device-health';
import { PENDING_ERRORS_KEPT as PENDING_LIMIT, RECENT_SCANS_KEPT as RECENT_LIMIT } from './store';

/**
 * What the station shows but does not store as events: recent results, errors waiting for an
 * acknowledgement, device statuses and their health records (device-health.ts). Lists are newest first. Results and pending errors are also
 * kept in the store (`pending_errors`, `recent_scans`, same limits) and handed back via `restore` at
 * start-up; this is the copy the hot path reads.
 */
export class StationMemory {
  private recent: ScanResult[] = [];
  private pending: PendingError[] = [];
  private readonly devices = new Map<string, DeviceStatus>();
  private readonly health = new DeviceHealthBook();

  /** Start-up: what the store kept from before the restart, newest first. */
  restore(recent: readonly ScanResult[], pending: readonly PendingError[]): void {
    this.recent = recent.slice(0, RECENT_LIMIT);
    this.pending = pending.slice(0, PENDING_LIMIT);
  }

  addResult(result: ScanResult): void {
    this.recent.unshift(result);
    if (this.recent.length > RECENT_LIMIT) this.recent.length = RECENT_LIMIT;
    this.health.event(result.deviceId, result.at);
  }

  recentResults(limit: number): ScanResult[] {
    return this.recent.slice(0, limit);
  }

  addError(error: PendingError): void {
    this.pending.unshift(error);
    if (this.pending.length > PENDING_LIMIT) this.pending.length = PENDING_LIMIT;
  }

  /** True when an error with this id was waiting and is now acknowledged. */
  acknowledge(id: string): boolean {
    const before = this.pending.length;
    this.pending = this.pending.filter((e) => e.id !== id);
    return this.pending.length < before;
  }

  pendingErrors(): PendingError[] {
    return [...this.pending];
  }

  setDevice(status: DeviceStatus): void {
    this.devices.set(status.deviceId, status);
    this.health.note(status);
  }

  deviceStatuses(): DeviceStatus[] {
    return [...this.devices.values()];
  }

  /** A status for the health record only: the label printer, whose chip the label slice carries. */
  noteDevice(status: DeviceStatus): void {
    this.health.note(status);
  }

  deviceHealth(): DeviceHealth[] {
    return this.health.list();
  }
}

/** The on-screen demo panels (demo scanners without a replay file): connected devices from the start. */
export function demoPanelStatuses(config: Pick<StationConfig, 'scanners' | 'kiosk'>): DeviceStatus[] {
  const detail = config.kiosk ? 'on-screen demo panel (hidden in kiosk mode)' : 'on-screen demo panel';
  return config.scanners.filter((s) => s.kind === 'demo' && !s.replayFile).map((s) => ({ deviceId: s.id, kind: 'demo', status: 'connected', detail }));
}
