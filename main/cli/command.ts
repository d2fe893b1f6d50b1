import type { ParseArgsConfig } from 'node:util';

export type OptionValues = Record<string, string | boolean | Array<string | boolean> | undefined>;

/** One `station <name>` subcommand. Adding a subcommand is one file in commands/ plus a line in commands/index.ts. */
export interface Command {
  name: string;
  summary: string;
  /** The flags part of the usage line, e.g. "[--config F] [--json]". */
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Resolves to the process exit code. */
  run(values: OptionValues, positionals: string[]): Promise<number>;
}

/** Exit codes shared by every subcommand. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A mistake on the command line or in the config: printed as is (no stack trace), exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
