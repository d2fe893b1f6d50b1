/**
 * V8 flags for the process that hosts the station (scanner → SQLite → bridge).
 *
 * `--no-memory-reducer`: V8's memory reducer runs compacting full GCs about 8 s after start-up (and
 * again after later heap growth) whenever the process allocates little, which is a station between
 * scans. Each of them held the scan path for 12–55 ms on a 2-core station PC, while shrinking this
 * small, steady heap buys nothing.
 * `--expose-gc`: lets the host collect its young generation between scans (main/idle-gc.ts) rather
 * than in the middle of one.
 * V8 reads these only when it starts (setting them at run time has no effect), so every way of
 * starting the host passes them: `npm start`, the `station` bin's shebang, `npm run station`, the
 * Linux desktop entries, and the Electron app, which relaunches itself with them if started without.
 */
export const HOST_V8_FLAGS: readonly string[] = ['--no-memory-reducer', '--expose-gc'];

/**
 * The allocator setting for the host on Linux (glibc reads it only at process start, like V8 its flags).
 * A fixed mmap threshold hands every large block back to the system when it is freed. glibc's default
 * raises the threshold after the first large free, after which such blocks (scrypt's 16 MiB scratch
 * buffer per PIN check, on whichever pool thread ran it; big SQLite and WebSocket buffers) stay
 * resident for good: measured +40 MiB of host RSS after a few logins and 2,000 scans, 169 MiB after
 * 10,000 scans instead of 130. Other platforms ignore it.
 */
export const HOST_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '131072' };

/** `process.env` with the host's allocator setting, for spawning a host. */
export function hostEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, ...HOST_ENV };
}

/** The host settings this process was started without, for the host's start-up warning. */
export function missingHostEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return Object.entries(HOST_ENV).filter(([name, value]) => env[name] !== value).map(([name, value]) => `${name}=${value}`);
}

/** The same flags as Electron takes them for its main process (only on its command line). */
export const ELECTRON_JS_FLAGS = `--js-flags=${HOST_V8_FLAGS.join(' ')}`;

/** Those this process was started without (the host warns about them). */
export function missingHostFlags(execArgv: readonly string[] = process.execArgv): string[] {
  return HOST_V8_FLAGS.filter((flag) => !execArgv.includes(flag));
}

/**
 * Electron started without any `--js-flags` (a shortcut, an autostart entry): the arguments to
 * relaunch it with the host's flags, or null when it already has them (or the operator chose other
 * `--js-flags`, which are left alone).
 */
export function electronRelaunchArgs(argv: readonly string[], hasJsFlagsSwitch: boolean): string[] | null {
  return hasJsFlagsSwitch ? null : [...argv.slice(1), ELECTRON_JS_FLAGS];
}
