import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { freePort, serverTempDir, serverUserIds } from './postgres';

export const PGBOUNCER_BIN = process.env.PGBOUNCER_BIN ?? '/usr/sbin/pgbouncer';

/** Why PgBouncer tests cannot run here, or null when they can. */
export function pgbouncerUnavailable(): string | null {
  return fs.existsSync(PGBOUNCER_BIN) ? null : `pgbouncer not found at ${PGBOUNCER_BIN}: install the pgbouncer package (or set PGBOUNCER_BIN)`;
}

export interface PgBouncer {
  port: number;
  /** PgBouncer's own process (for CPU accounting). */
  pid: number;
  stop(): Promise<void>;
}

export interface PgBouncerOptions {
  upstreamPort: number;
  upstreamHost?: string;
  /** Login roles and their passwords (PgBouncer authenticates clients and the server with them). */
  users: Array<{ name: string; password: string }>;
  /** Server connections per database/user pair, and for the whole database. */
  poolSize?: number;
  maxDbConnections?: number;
  maxClientConn?: number;
  /** Seconds (fractions allowed) before an idle server connection is closed, freeing its slot for another role's pool. */
  serverIdleTimeout?: number;
}

/**
 * PgBouncer in transaction pool mode, configured in a temp dir, in front of the test cluster. It is
 * run as the server account when the tests run as root (PgBouncer refuses root) and stopped on teardown.
 */
export async function startPgBouncer(options: PgBouncerOptions): Promise<PgBouncer> {
  const dir = serverTempDir('central-pgbouncer-');
  const port = await freePort();
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  fs.writeFileSync(path.join(dir, 'userlist.txt'), options.users.map((u) => `${quote(u.name)} ${quote(u.password)}`).join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'pgbouncer.ini'), [
    '[databases]',
    `* = host=${options.upstreamHost ?? '127.0.0.1'} port=${options.upstreamPort}`,
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${port}`,
    `unix_socket_dir = ${dir}`,
    'auth_type = scram-sha-256',
    `auth_file = ${path.join(dir, 'userlist.txt')}`,
    'pool_mode = transaction',
    `default_pool_size = ${options.poolSize ?? 20}`,
    `max_db_connections = ${options.maxDbConnections ?? 20}`,
    `max_client_conn = ${options.maxClientConn ?? 1000}`,
    'ignore_startup_parameters = extra_float_digits',
    `server_idle_timeout = ${options.serverIdleTimeout ?? 600}`,
    `logfile = ${path.join(dir, 'pgbouncer.log')}`,
    'log_connections = 0',
    'log_disconnections = 0',
    '',
  ].join('\n'));
  const ids = serverUserIds();
  if (ids) for (const f of fs.readdirSync(dir)) fs.chownSync(path.join(dir, f), ids.uid, ids.gid);
  const args = [path.join(dir, 'pgbouncer.ini')];
  // setpriv execs PgBouncer in place, so the pid we signal is PgBouncer's own
  const child: ChildProcess = ids
    ? spawn('setpriv', [`--reuid=${ids.uid}`, `--regid=${ids.gid}`, '--init-groups', PGBOUNCER_BIN, ...args], { stdio: 'ignore' })
    : spawn(PGBOUNCER_BIN, args, { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  try {
    await waitForPort(port, 10_000);
  } catch (err) {
    kill();
    const log = fs.existsSync(path.join(dir, 'pgbouncer.log')) ? fs.readFileSync(path.join(dir, 'pgbouncer.log'), 'utf8') : '';
    throw new Error(`pgbouncer did not start: ${(err as Error).message}\n${log}`);
  }
  return {
    port,
    pid: child.pid!,
    stop: async () => {
      process.removeListener('exit', kill);
      child.kill('SIGINT'); // immediate shutdown
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
