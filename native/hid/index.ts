// USB HID scanners: HID POS and (Linux) keyboard mode, over node-hid, with hot-plug.
import type { HidKeyboardScannerConfig, HidPosScannerConfig } from '../../src/config/scanners';
import type { Logger } from '../../src/log/logger';
import type { ScanTransport } from '../../src/ports';
import type { ReconnectPolicy } from '../serial/reconnect-policy';
import type { HidBackend } from './hid-backend';
import { HidKeyboardTransport } from './hid-keyboard-transport';
import { HidPosTransport } from './hid-pos-transport';

export { HidPosTransport, type HidPosTransportOptions } from './hid-pos-transport';
export { HidKeyboardTransport, type HidKeyboardTransportOptions } from './hid-keyboard-transport';
export { nodeHidBackend, type HidBackend, type HidDeviceInfo, type HidHandle } from './hid-backend';

export interface HidTransportOptions {
  backend?: HidBackend;
  hotplug?: Partial<ReconnectPolicy>;
}

/** The transport for a `hid-pos` or `hid-keyboard` scanner entry of the station config. */
export function createHidTransport(config: HidPosScannerConfig | HidKeyboardScannerConfig, logger: Logger, options: HidTransportOptions = {}): ScanTransport {
  return config.kind === 'hid-pos'
    ? new HidPosTransport(config, { logger, ...options })
    : new HidKeyboardTransport(config, { logger, ...options });
}
