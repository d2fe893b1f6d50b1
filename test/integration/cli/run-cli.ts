import { spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const STATION_JS = path.resolve(__dirname, '../../../dist/main/cli/station.js');

/** Runs `station <args>` to completion with the given stdin bytes; the child is always gone when this returns. */
export function station(args: string[], options: { input?: Uint8Array | string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [STATION_JS, ...args], {
    input: Buffer.from(options.input ?? ''), encoding: 'buffer', env: { ...process.env, ...options.env }, timeout: 60_000, killSignal: 'SIGKILL',
  });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

/** A TCP port that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function jsonLines(text: string): unknown[] {
  return text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
}
