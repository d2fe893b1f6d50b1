import { ConfigError, loadConfig } from '../../src/config/load';
import type { StationConfig } from '../../src/config/schema';
import type { Command, OptionValues } from './command';
import { UsageError } from './command';

/** Flags every command that reads the station config accepts. */
export const CONFIG_OPTIONS = {
  config: { type: 'string', short: 'c' },
  'data-dir': { type: 'string', short: 'd' },
} as const satisfies Command['options'];

export const CONFIG_USAGE = '[--config FILE] [--data-dir DIR]';

function parsePort(raw: OptionValues[string]): number | undefined {
  if (typeof raw !== 'string') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: expected a whole number from 0 to 65535, got "${raw}"`);
  return port;
}

/** Loads the config from the flags; throws ConfigError (bad config) or UsageError (bad flag). */
export function configFromFlags(values: OptionValues): StationConfig {
  const file = typeof values.config === 'string' ? values.config : undefined;
  const dataDir = typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined;
  return loadConfig({ file, overrides: { dataDir, port: parsePort(values.port) } });
}

export { ConfigError };
