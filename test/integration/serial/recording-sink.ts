import type { DeviceStatus } from '../../../src/api';
import type { RawScan, RejectedScan, TransportSink } from '../../../src/ports';

/**
 * A sink that records everything a transport delivers and lets a test wait for the next matching
 * item. Waiting is event-driven; jest's test timeout is the only clock.
 */
export class RecordingSink implements TransportSink {
  readonly scans: RawScan[] = [];
  readonly statuses: DeviceStatus[] = [];
  readonly rejections: RejectedScan[] = [];
  private readonly waiters = new Set<() => void>();

  scan(raw: RawScan): void { this.scans.push(raw); this.notify(); }
  status(status: DeviceStatus): void { this.statuses.push(status); this.notify(); }
  rejected(rejection: RejectedScan): void { this.rejections.push(rejection); this.notify(); }

  /** Resolves with the first item at or after `from` in `list` that matches. */
  waitFor<T>(list: T[], matches: (item: T) => boolean, from = 0): Promise<T> {
    return new Promise((resolve) => {
      const check = (): boolean => {
        const found = list.slice(from).find(matches);
        if (found === undefined) return false;
        this.waiters.delete(check);
        resolve(found);
        return true;
      };
      if (!check()) this.waiters.add(check);
    });
  }

  nextScan(from = this.scans.length): Promise<RawScan> {
    return this.waitFor(this.scans, () => true, from);
  }

  nextStatus(status: DeviceStatus['status'], deviceId?: string, from = this.statuses.length): Promise<DeviceStatus> {
    return this.waitFor(this.statuses, (s) => s.status === status && (deviceId === undefined || s.deviceId === deviceId), from);
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
