import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';

/**
 * A real tty pair made by socat: the test writes end A as the "scanner", the transport opens end B.
 * Every pair started is tracked, so `killAllSocat()` in afterEach/afterAll ends them even when a test fails.
 */
export interface SocatPair {
  readonly scannerEnd: string;
  readonly stationEnd: string;
  /** Starts socat on the same link paths: a replug. Resolves when both ends exist. */
  plugIn(): Promise<void>;
  /** Stops socat; it removes its links, as an unplugged device node disappears. */
  unplug(): Promise<void>;
  /** Writes bytes as the scanner would send them. */
  send(bytes: Uint8Array): Promise<void>;
}

const running = new Set<ChildProcess>();

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function waitForLinks(child: ChildProcess, paths: string[], stderr: () => string): Promise<void> {
  while (!paths.every((p) => fs.existsSync(p))) {
    if (child.exitCode !== null) throw new Error(`socat exited early: ${stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function socatPair(dir: string, name: string): SocatPair {
  const scannerEnd = `${dir}/${name}-scanner`;
  const stationEnd = `${dir}/${name}-station`;
  let child: ChildProcess | undefined;
  let writer: fs.promises.FileHandle | undefined;

  return {
    scannerEnd,
    stationEnd,
    async plugIn() {
      let stderr = '';
      const started = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${scannerEnd}`, `pty,raw,echo=0,link=${stationEnd}`], { stdio: ['ignore', 'ignore', 'pipe'] });
      started.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
      running.add(started);
      started.once('exit', () => running.delete(started));
      child = started;
      await waitForLinks(started, [scannerEnd, stationEnd], () => stderr);
      // Held open for the pair's life: closing the last handle on a pty end can make socat see EOF.
      writer = await fs.promises.open(scannerEnd, 'r+');
    },
    async unplug() {
      await writer?.close().catch(() => undefined);
      writer = undefined;
      if (!child) return;
      child.kill('SIGTERM');
      await exited(child);
      child = undefined;
    },
    async send(bytes) {
      if (!writer) throw new Error(`${name} is not plugged in`);
      await writer.write(bytes);
    },
  };
}

export async function killAllSocat(): Promise<void> {
  const children = [...running];
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(children.map(exited));
}
