import { execFile, execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

/**
 * A throwaway PostgreSQL 15 cluster for integration tests: `initdb` into a temp dir, started on a
 * free port, password (SCRAM) auth over TCP so role and password tests are real, and torn down
 * even if the test process exits early. `TEST_DATABASE_URL` (a superuser URL) uses an existing
 * server instead; then restart() is unavailable.
 */
export interface PgCluster {
  host: string;
  port: number;
  superUser: string;
  superPassword: string;
  /** Superuser URL for a database (default `postgres`). */
  superUrl(db?: string): string;
  /** URL for any role. */
  url(user: string, password: string, db: string, port?: number): string;
  /** Creates an empty database with a unique name and returns that name. */
  createDatabase(prefix?: string): Promise<string>;
  /** Whether this harness controls the server process (restart/stop/start work). */
  readonly controllable: boolean;
  restart(mode?: 'fast' | 'immediate'): Promise<void>;
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  teardown(): Promise<void>;
}

const PG_BINARIES = ['initdb', 'pg_ctl', 'postgres'];

/** Why Postgres tests cannot run here, or null when they can. */
export function postgresUnavailable(): string | null {
  if (process.env.TEST_DATABASE_URL) return null;
  const missing = PG_BINARIES.filter((b) => !pgBinary(b));
  return missing.length ? `PostgreSQL server binaries not found on PATH or in /usr/lib/postgresql/*/bin (${missing.join(', ')}): `
    + 'install postgresql (15 or newer) or set TEST_DATABASE_URL' : null;
}

/** A server binary from PATH, or from Debian's versioned folder (which is not on PATH), newest version first. */
export function pgBinary(name: string): string | null {
  if (onPath(name)) return name;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => Number(v) >= 15).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const file = path.join(root, v, 'bin', name);
    if (fs.existsSync(file)) return file;
  }
  return null;
}

export function onPath(binary: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir, binary), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** initdb and postgres refuse to run as root: run them as the `postgres` account then. */
export function asServerUser(cmd: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

export function serverUserIds(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

/** A temp dir the server account can use. */
export function serverTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const ids = serverUserIds();
  if (ids) fs.chownSync(dir, ids.uid, ids.gid);
  return dir;
}

export async function startPostgres(): Promise<PgCluster> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) return externalCluster(new URL(external));

  const dir = serverTempDir('central-pg-');
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'server.log');
  const superUser = 'central_super';
  const superPassword = crypto.randomBytes(12).toString('hex');
  const pwfile = path.join(dir, 'pw');
  fs.writeFileSync(pwfile, superPassword);
  const ids = serverUserIds();
  if (ids) fs.chownSync(pwfile, ids.uid, ids.gid);
  await exec('initdb', ['-D', data, '-U', superUser, `--pwfile=${pwfile}`, '--auth-local=trust', '--auth-host=scram-sha-256',
    '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
  const port = await freePort();
  // fsync off only drops protection against an OS crash; a killed server (restart -m immediate) loses nothing committed
  const options = ['-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off',
    '-c', 'full_page_writes=off', '-c', 'max_connections=300', '-c', 'shared_buffers=256MB',
    // BENCH_PG_STATEMENTS=1: per-statement figures for finding where a benchmark's time goes
    ...(process.env.BENCH_PG_STATEMENTS === '1' ? ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=all'] : [])].join(' ');
  const pgCtl = (args: string[]) => exec('pg_ctl', ['-D', data, '-l', log, '-o', options, ...args]);
  let running = false;
  const stopNow = () => {
    if (!running) return;
    try {
      const [cmd, args] = asServerUser(pgBinary('pg_ctl') ?? 'pg_ctl', ['-D', data, 'stop', '-m', 'immediate', '-w']);
      execFileSync(cmd, args, { stdio: 'ignore' });
    } catch {
      /* already gone */
    }
  };
  process.once('exit', stopNow);
  await pgCtl(['-w', 'start']);
  running = true;

  let counter = 0;
  const cluster: PgCluster = {
    host: '127.0.0.1',
    port,
    superUser,
    superPassword,
    controllable: true,
    superUrl: (db = 'postgres') => pgUrl('127.0.0.1', port, superUser, superPassword, db),
    url: (user, password, db, p = port) => pgUrl('127.0.0.1', p, user, password, db),
    createDatabase: async (prefix = 'test') => {
      const name = `${prefix}_${process.pid}_${++counter}`;
      await withClient(cluster.superUrl(), (c) => c.query(`CREATE DATABASE "${name}"`));
      return name;
    },
    restart: async (mode = 'fast') => {
      await pgCtl(['-w', '-m', mode, 'restart']);
    },
    stop: async (mode = 'fast') => {
      await pgCtl(['-w', '-m', mode, 'stop']);
      running = false;
    },
    start: async () => {
      await pgCtl(['-w', 'start']);
      running = true;
    },
    teardown: async () => {
      process.removeListener('exit', stopNow);
      if (running) await pgCtl(['-w', '-m', 'fast', 'stop']).catch(() => stopNow());
      running = false;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}

function externalCluster(u: URL): PgCluster {
  const superUser = decodeURIComponent(u.username);
  const superPassword = decodeURIComponent(u.password);
  const host = u.hostname;
  const port = Number(u.port || 5432);
  let counter = 0;
  const notControllable = async () => {
    throw new Error('TEST_DATABASE_URL server cannot be restarted by the tests');
  };
  const cluster: PgCluster = {
    host,
    port,
    superUser,
    superPassword,
    controllable: false,
    superUrl: (db = 'postgres') => pgUrl(host, port, superUser, superPassword, db),
    url: (user, password, db, p = port) => pgUrl(host, p, user, password, db),
    createDatabase: async (prefix = 'test') => {
      const name = `${prefix}_${process.pid}_${Date.now()}_${++counter}`;
      await withClient(cluster.superUrl(), (c) => c.query(`CREATE DATABASE "${name}"`));
      return name;
    },
    restart: notControllable,
    stop: notControllable,
    start: notControllable,
    teardown: async () => undefined,
  };
  return cluster;
}

export function pgUrl(host: string, port: number, user: string, password: string, db: string): string {
  return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/${encodeURIComponent(db)}`;
}

export async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function exec(cmd: string, args: string[]): Promise<void> {
  const [c, a] = asServerUser(pgBinary(cmd) ?? cmd, args);
  try {
    await run(c, a, { timeout: 60_000 });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${cmd} ${args.slice(-2).join(' ')} failed: ${e.stderr || e.stdout || e.message}`);
  }
}
