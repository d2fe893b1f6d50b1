#!/usr/bin/env -S MALLOC_MMAP_THRESHOLD_=131072 node --no-memory-reducer --expose-gc
import '../launcher/require-node'; // first: refuses Node < 22 before better-sqlite3 can load
import { parseArgs } from 'node:util';
import { ConfigError } from '../../src/config/load';
import { EXIT, UsageError, type Command } from './command';
import { commands } from './commands';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'usage: station <command> [options]',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}\n  ${' '.repeat(width)}  station ${c.name} ${c.usage}`),
    '',
    'station <command> --help shows one command. Exit codes: 0 ok, 1 failed, 2 bad usage or config.',
  ].join('\n');
}

function commandHelp(command: Command): string {
  return `usage: station ${command.name} ${command.usage}\n\n${command.summary}`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${help()}\n`);
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command "${name}"\n\n${help()}`);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${commandHelp(command)}\n`);
    return EXIT.ok;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${commandHelp(command)}`);
  }
  return command.run(parsed.values, parsed.positionals);
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
}, (err: unknown) => {
  if (err instanceof UsageError || err instanceof ConfigError) {
    process.stderr.write(`station: ${err.message}\n`);
    process.exitCode = EXIT.usage;
    return;
  }
  process.stderr.write(`station: unexpected failure: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exitCode = EXIT.failed;
});
