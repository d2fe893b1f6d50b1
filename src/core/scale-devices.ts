import type { DeviceStatus } from '../api';
import type { Logger } from '../log/logger';
import type { ScalePort } from '../scale/port';

/**
 * The station's serial scales: each one's status (connected, unstable, overload, underload, no reply,
 * unplugged) is a device chip beside the scanners, and the modules weigh through them
 * (Kernel.scale). A port reconnects by itself, as the scanners do; one that fails to start is
 * reported, not fatal.
 */
export class ScaleDevices {
  private readonly ports = new Map<string, ScalePort>();

  constructor(private readonly setDevice: (status: DeviceStatus) => void, private readonly logger: Pick<Logger, 'error' | 'warn'>) {}

  async attach(port: ScalePort): Promise<void> {
    this.ports.set(port.scaleId, port);
    this.setDevice({ deviceId: port.scaleId, kind: 'scale', status: 'disconnected', detail: 'starting' });
    port.onStatus((s) => this.setDevice({ deviceId: s.scaleId, kind: 'scale', status: s.status, detail: s.detail }));
    try {
      await port.start();
    } catch (err) {
      this.logger.error('scale failed to start', { deviceId: port.scaleId, error: String(err) });
      this.setDevice({ deviceId: port.scaleId, kind: 'scale', status: 'error', detail: (err as Error).message ?? String(err) });
    }
  }

  /** The scale by id, or the first attached when no id is given; null when there is none. */
  get(id?: string): ScalePort | null {
    return (id === undefined ? this.ports.values().next().value : this.ports.get(id)) ?? null;
  }

  async stop(): Promise<void> {
    const stopping = [...this.ports.values()].map((s) => s.stop().catch((err: unknown) => {
      this.logger.warn('scale failed to stop', { deviceId: s.scaleId, error: String(err) });
    }));
    this.ports.clear();
    await Promise.all(stopping);
  }
}
