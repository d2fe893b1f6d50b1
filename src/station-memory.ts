import type { DeviceStatus, PendingError, ScanResult } from './api';

/** How many scan results the station keeps for `scans.recent` (its schema allows up to 500). */
const RECENT_LIMIT = 500;
/** Unacknowledged errors beyond this are dropped oldest first, so a flood cannot grow memory. */
const PENDING_LIMIT = 100;

/**
 * What the station shows but does not store as events: recent results, errors waiting for an
 * acknowledgement, and device statuses. Lists are newest first.
 */
export class StationMemory {
  private recent: ScanResult[] = [];
  private pending: PendingError[] = [];
  private readonly devices = new Map<string, DeviceStatus>();

  addResult(result: ScanResult): void {
    this.recent.unshift(result);
    if (this.recent.length > RECENT_LIMIT) this.recent.length = RECENT_LIMIT;
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
  }

  deviceStatuses(): DeviceStatus[] {
    return [...this.devices.values()];
  }
}
