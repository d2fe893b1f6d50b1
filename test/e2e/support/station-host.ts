import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { HOST_V8_FLAGS, hostEnv } from '../../../main/launcher/host-flags';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(REPO_ROOT, 'dist', 'main', 'cli', 'station.js');
const READY = /^station ready: (http:\/\/\S+)/;
const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 8_000;

export interface StationOptions {
  dataDir: string;
  /** A config file; absent means the embedded defaults (demo scanner on). */
  configFile?: string;
  /** 0 (the default) lets the OS pick a free port. */
  port?: number;
}

export interface RunningStation {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** The environment without STATION_* overrides, so a developer's shell cannot change what a test runs. */
export function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('STATION_')));
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Stops the host politely (SIGTERM, so it closes its store), and for certain if it hangs. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
    child.kill('SIGKILL');
    await waitForExit(child, STOP_TIMEOUT_MS);
  }
}

/**
 * Runs `station serve` from the build (Node 22 via process.execPath) and resolves once it prints
 * its ready line. If it exits or stays silent instead, the error carries its stderr.
 */
export function startStation(options: StationOptions): Promise<RunningStation> {
  const args = [...HOST_V8_FLAGS, CLI, 'serve', '--data-dir', options.dataDir, '--port', String(options.port ?? 0)];
  if (options.configFile) args.push('--config', options.configFile);
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: hostEnv(cleanEnv()), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });

  return new Promise<RunningStation>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void stopProcess(child);
      reject(new Error(`station serve ${why}\n--- stderr ---\n${stderr}`));
    };
    const timer = setTimeout(() => fail(`printed no ready line within ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS);
    child.once('error', (err) => fail(`could not start: ${err.message}`));
    child.once('exit', (code, signal) => fail(`exited before it was ready (code ${code}, signal ${signal})`));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = READY.exec(line);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const url = match[1];
      resolve({ url, port: Number(new URL(url).port), stop: () => stopProcess(child) });
    });
  });
}
