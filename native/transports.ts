import type { ScannerConfig } from '../src/config/scanners';
import type { Logger } from '../src/log/logger';
import type { ScanTransport } from '../src/ports';
import { ReplayTransport } from './demo/replay-transport';
import { createHidTransport, type HidBackend } from './hid';
import type { ReconnectPolicy } from './serial/reconnect-policy';
import { SerialTransport } from './serial/serial-transport';

export interface TransportOptions {
  /** Serial reopen timing; the defaults suit a station, tests shorten them. */
  reconnect?: Partial<ReconnectPolicy>;
  /** HID hot-plug timing and device access; node-hid with the HID defaults unless given. */
  hidHotplug?: Partial<ReconnectPolicy>;
  hidBackend?: HidBackend;
}

/**
 * One transport per configured scanner, each carrying its own config and device id. A demo scanner
 * without a replay file has no device to read: its on-screen panel submits through the API instead.
 */
export function createTransports(scanners: ScannerConfig[], logger: Logger, options: TransportOptions = {}): ScanTransport[] {
  return scanners.flatMap((scanner): ScanTransport[] => {
    switch (scanner.kind) {
      case 'serial':
        return [new SerialTransport(scanner, { logger, reconnect: options.reconnect })];
      case 'hid-pos':
      case 'hid-keyboard':
        return [createHidTransport(scanner, logger, { hotplug: options.hidHotplug, backend: options.hidBackend })];
      case 'demo':
        return scanner.replayFile ? [new ReplayTransport({ ...scanner, replayFile: scanner.replayFile }, logger)] : [];
      default:
        return unknownKind(scanner);
    }
  });
}

/** A scanner kind added to the config schema but not here fails the compile instead of being skipped. */
function unknownKind(scanner: never): never {
  throw new Error(`no transport for scanner kind "${(scanner as { kind: string }).kind}"`);
}
