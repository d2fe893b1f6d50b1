import type { ScannerConfig } from '../src/config/scanners';
import type { Logger } from '../src/log/logger';
import type { ScanTransport } from '../src/ports';
import { ReplayTransport } from './demo/replay-transport';
import { SerialTransport } from './serial/serial-transport';

/**
 * One transport per configured scanner, each carrying its own config and device id. A demo scanner
 * without a replay file has no device to read: its on-screen panel submits through the API instead.
 */
export function createTransports(scanners: ScannerConfig[], logger: Logger): ScanTransport[] {
  const transports: ScanTransport[] = [];
  for (const scanner of scanners) {
    switch (scanner.kind) {
      case 'serial':
        transports.push(new SerialTransport(scanner, { logger }));
        break;
      case 'demo':
        if (scanner.replayFile) transports.push(new ReplayTransport({ ...scanner, replayFile: scanner.replayFile }, logger));
        break;
    }
  }
  return transports;
}
