import type { DeviceStatus } from '../../src/api';
import type { Logger } from '../../src/log/logger';
import type { TransportSink } from '../../src/ports';

/**
 * Pushes a transport's device status to the sink once per change, so polling for an absent or
 * mis-configured device every few seconds does not flood the UI and the logs.
 */
export class StatusReporter {
  private last = '';
  private sink: TransportSink | undefined;

  constructor(
    private readonly deviceId: string,
    private readonly kind: DeviceStatus['kind'],
    private readonly log: Logger,
  ) {}

  attach(sink: TransportSink): void {
    this.sink = sink;
    this.last = '';
  }

  report(status: DeviceStatus['status'], detail: string): void {
    const key = `${status}\u0000${detail}`;
    if (key === this.last || !this.sink) return;
    this.last = key;
    this.log.log(status === 'connected' ? 'info' : 'warn', `scanner ${status}`, { detail });
    this.sink.status({ deviceId: this.deviceId, kind: this.kind, status, detail });
  }
}
