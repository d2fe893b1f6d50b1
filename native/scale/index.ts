import type { Logger } from '../../src/log/logger';
import type { ScaleConfig } from '../../src/scale/config';
import type { ScalePort } from '../../src/scale/port';
import type { ReconnectPolicy } from '../serial/reconnect-policy';
import { ScaleTransport } from './scale-transport';

export { ScaleTransport };

/** One port per configured scale; each is opened, watched and reconnected on its own. */
export function createScales(configs: readonly ScaleConfig[], logger: Logger, options: { reconnect?: Partial<ReconnectPolicy> } = {}): ScalePort[] {
  return configs.map((config) => new ScaleTransport(config, { logger, reconnect: options.reconnect }));
}
