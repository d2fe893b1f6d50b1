import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { StationConfig } from './schema';
import { defaultDataDir } from './data-dir';

/** A config that cannot be used. The message names the file, the field and what was expected. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface LoadOptions {
  /** A JSON or YAML file; absent means defaults (plus env). */
  file?: string;
  env?: NodeJS.ProcessEnv;
  /** Command-line flags win over the file and the environment. */
  overrides?: { dataDir?: string; port?: number };
}

/** Environment variables that override single fields, for IT scripts and tests. */
const ENV_FIELDS: Record<string, (raw: Record<string, unknown>, value: string) => void> = {
  STATION_ID: (c, v) => { c.stationId = v; },
  STATION_DATA_DIR: (c, v) => { c.dataDir = v; },
  STATION_PORT: (c, v) => { c.http = { ...(c.http as object), port: Number(v) }; },
  STATION_KIOSK: (c, v) => { c.kiosk = v === '1' || v === 'true'; },
  STATION_LOG_LEVEL: (c, v) => { c.log = { ...(c.log as object), level: v }; },
  // The central URL carries a password: IT can keep it out of the config file.
  STATION_CENTRAL_URL: (c, v) => { c.central = { ...(c.central as object), url: v }; },
  STATION_CENTRAL_TOKEN: (c, v) => { c.central = { ...(c.central as object), stationToken: v }; },
};

function readFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`${file}: cannot read the config file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let parsed: unknown;
  try {
    parsed = /\.ya?ml$/i.test(file) ? YAML.parse(text) : JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${file}: not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(err as Error).message}`);
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigError(`${file}: expected an object at the top level`);
  return parsed as Record<string, unknown>;
}

function describeIssues(source: string, error: z.ZodError): string {
  const lines = error.issues.map((issue) => {
    const field = issue.path.length ? issue.path.join('.') : '(top level)';
    return `  ${field}: ${issue.message}`;
  });
  return `${source}: invalid configuration\n${lines.join('\n')}`;
}

export function loadConfig(options: LoadOptions = {}): StationConfig {
  const env = options.env ?? process.env;
  const file = options.file ?? env.STATION_CONFIG;
  const raw = file ? readFile(file) : {};
  for (const [name, apply] of Object.entries(ENV_FIELDS)) {
    const value = env[name];
    if (value !== undefined && value !== '') apply(raw, value);
  }
  if (options.overrides?.dataDir) raw.dataDir = options.overrides.dataDir;
  if (options.overrides?.port !== undefined) raw.http = { ...(raw.http as object), port: options.overrides.port };

  const result = StationConfig.safeParse(raw);
  if (!result.success) throw new ConfigError(describeIssues(file ?? 'configuration (defaults + environment)', result.error));
  const config = result.data;
  if (!config.dataDir) config.dataDir = defaultDataDir(env);
  config.dataDir = path.resolve(config.dataDir);
  if (!config.log.dir) config.log.dir = path.join(config.dataDir, 'logs');
  if (!config.capture.dir) config.capture.dir = path.join(config.dataDir, 'captures');
  return config;
}
