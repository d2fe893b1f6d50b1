import { EXIT, UsageError, type OptionValues } from './command';

/** `--central URL`: the admin connection for migrate and provision. */
export const CENTRAL_OPTION = { central: { type: 'string' } } as const;

/** The admin URL from `--central`. */
export function centralUrl(values: OptionValues): string {
  const url = typeof values.central === 'string' ? values.central : '';
  if (!url) throw new UsageError('--central URL is required (postgres://admin:…@host:5432/db)');
  if (!/^postgres(ql)?:\/\//.test(url)) throw new UsageError('--central: expected a postgres:// or postgresql:// URL');
  return url;
}

/** Hides every password-bearing form of the URL in a message, whatever library wrote it. */
function withoutPassword(message: string, url: string): string {
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    // not parseable: nothing to hide beyond the URL itself
  }
  let out = message.split(url).join('(the --central URL)');
  if (password) out = out.split(password).join('***');
  return out;
}

/**
 * Runs a central admin command and turns every failure into one clear line on stderr (no stack,
 * never a password) and exit 1. On success its `.text` goes to stdout.
 */
export async function runCentralCommand(url: string, action: () => Promise<{ text: string }>): Promise<number> {
  const { CentralCommandError } = await import('../../src/central/commands');
  try {
    const { text } = await action();
    process.stdout.write(`${text}\n`);
    return EXIT.ok;
  } catch (err) {
    const message = err instanceof CentralCommandError ? err.message : `central command failed: ${(err as Error)?.message ?? String(err)}`;
    process.stderr.write(`station: ${withoutPassword(message, url)}\n`);
    return EXIT.failed;
  }
}
