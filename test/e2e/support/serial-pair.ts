import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

const READY_TIMEOUT_MS = 10_000;

/** A real tty pair: the station opens `devicePath`; the test plays the scanner on the other end. */
export interface SerialPair {
  devicePath: string;
  /** Sends bytes as a serial scanner would (e.g. "P-1001\r"). */
  write(text: string): void;
  close(): Promise<void>;
}

/**
 * Starts `socat -d -d pty,raw,echo=0,link=<dir>/A pty,raw,echo=0,link=<dir>/B` and waits for its
 * "starting data transfer loop" line, which it prints once both links exist.
 */
export async function openSerialPair(dir: string): Promise<SerialPair> {
  const scannerEnd = path.join(dir, 'A');
  const devicePath = path.join(dir, 'B');
  const socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${scannerEnd}`, `pty,raw,echo=0,link=${devicePath}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`socat did not start within ${READY_TIMEOUT_MS} ms\n${log}`)), READY_TIMEOUT_MS);
    socat.once('error', (err) => { clearTimeout(timer); reject(new Error(`cannot run socat: ${err.message}`)); });
    socat.once('exit', (code) => { clearTimeout(timer); reject(new Error(`socat exited (code ${code})\n${log}`)); });
    readline.createInterface({ input: socat.stderr! }).on('line', (line) => {
      log += `${line}\n`;
      if (line.includes('starting data transfer loop')) {
        clearTimeout(timer);
        socat.removeAllListeners('exit');
        resolve();
      }
    });
  });

  const fd = fs.openSync(scannerEnd, fs.constants.O_WRONLY | fs.constants.O_NOCTTY);
  return {
    devicePath,
    write: (text) => { fs.writeSync(fd, text); },
    close: async () => {
      fs.closeSync(fd);
      await stopSocat(socat);
    },
  };
}

async function stopSocat(socat: ChildProcess): Promise<void> {
  if (socat.exitCode !== null || socat.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => socat.once('exit', () => resolve()));
  socat.kill('SIGTERM');
  await exited;
}
