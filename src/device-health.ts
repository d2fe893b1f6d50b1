import type { DeviceHealth, DeviceStatus } from './api';

/** Statuses in which a device does its job; a scale's unstable, over or under range is a reading, not a fault. */
const WORKING: ReadonlySet<DeviceStatus['status']> = new Set(['connected', 'unstable', 'overload', 'underload']);

export function isWorking(status: DeviceStatus['status']): boolean {
  return WORKING.has(status);
}

interface Entry extends DeviceHealth {
  everWorked: boolean;
}

/** The status every device gets at attach: not a fault yet. */
const isStarting = (s: DeviceStatus) => s.status === 'disconnected' && s.detail === 'starting';

/**
 * Health records kept beside the device statuses (StationMemory): every status change and scan of a
 * device updates its record. Counting happens on transitions only, so a transport that repeats the
 * same status does not inflate the counts.
 */
export class DeviceHealthBook {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  note(status: DeviceStatus): void {
    const at = new Date(this.now()).toISOString();
    const ok = isWorking(status.status);
    const prev = this.entries.get(status.deviceId);
    const problem = !ok && !isStarting(status) ? { at, status: status.status, message: status.detail ? `${status.status}: ${status.detail}` : status.status } : null;
    if (!prev) {
      this.entries.set(status.deviceId, {
        deviceId: status.deviceId, kind: status.kind, status: status.status, detail: status.detail ?? null, ok, since: at, lastEventAt: at,
        errors: problem ? 1 : 0, reconnects: 0, lastProblem: problem, everWorked: ok,
      });
      return;
    }
    const changed = prev.status !== status.status;
    const next: Entry = { ...prev, kind: status.kind, status: status.status, detail: status.detail ?? null, ok, lastEventAt: at, since: changed ? at : prev.since };
    if (ok && !prev.ok && prev.everWorked) next.reconnects += 1;
    if (problem && (changed || prev.ok)) next.errors += 1;
    // The same problem with new words (another reason to fail reopening) keeps its count but shows the latest words.
    if (problem) next.lastProblem = problem;
    next.everWorked = prev.everWorked || ok;
    this.entries.set(status.deviceId, next);
  }

  /** A scan from this device (or any other sign of life that is not a status change). */
  event(deviceId: string, at: string): void {
    const entry = this.entries.get(deviceId);
    if (entry) entry.lastEventAt = at;
  }

  list(): DeviceHealth[] {
    return [...this.entries.values()].map(({ everWorked: _, ...health }) => ({ ...health, lastProblem: health.lastProblem && { ...health.lastProblem } }));
  }
}
