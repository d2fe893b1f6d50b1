/**
 * The scanner side of the scan-latency benchmark: a tty the station opens with its normal serial
 * transport, and a way for the bench to write a scanner's bytes into it.
 *
 * - `direct` (preferred): a kernel pty pair made by bench/pty-pair.py, which execs the bench with the
 *   master on fd 3 and the slave's /dev/pts/N in SCAN_BENCH_PTY. Bytes written to the master reach
 *   the station's tty with no process in between, as a USB-CDC scanner's do.
 * - `socat` (fallback when python3 is missing): two ptys joined by a socat relay process, which adds
 *   a process hop (and its wake-up) to every scan.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const PTY_ENV = 'SCAN_BENCH_PTY';
const MASTER_FD = 3;
/** From dist/bench/ back to the source file (it is not compiled). */
const LAUNCHER = path.resolve(__dirname, '..', '..', 'bench', 'pty-pair.py');

export interface ScannerPty {
  rig: 'direct' | 'socat';
  /** What the station's serial scanner config opens. */
  path: string;
  write(bytes: string): void;
  close(): void;
}

/**
 * Call first thing in the bench. Unless this process already holds a direct pty pair, re-runs it under
 * bench/pty-pair.py and returns the exit status to exit with; returns null to go on here (with the
 * pair, or without python3: then `openScannerPty` falls back to socat).
 */
export function relaunchWithDirectPty(): number | null {
  if (process.env[PTY_ENV]) return null;
  const script = process.argv[1]!;
  const run = spawnSync('python3', [LAUNCHER, process.execPath, ...process.execArgv, script, ...process.argv.slice(2)], { stdio: 'inherit' });
  if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return null;
  if (run.error) throw run.error;
  return run.status ?? 1;
}

/** The direct pair handed over by the launcher, or a socat pair made in `dir`. */
export async function openScannerPty(dir: string): Promise<ScannerPty> {
  const slave = process.env[PTY_ENV];
  if (slave) {
    if (!fs.fstatSync(MASTER_FD).isCharacterDevice()) throw new Error(`${PTY_ENV} is set but fd ${MASTER_FD} is not a pty master`);
    return {
      rig: 'direct',
      path: slave,
      write: (bytes) => { fs.writeSync(MASTER_FD, bytes); },
      close: () => fs.closeSync(MASTER_FD),
    };
  }
  const { writer, reader, socat } = await startSocatPair(dir);
  const fd = fs.openSync(writer, 'w');
  return {
    rig: 'socat',
    path: reader,
    write: (bytes) => { fs.writeSync(fd, bytes); },
    close: () => {
      fs.closeSync(fd);
      socat.kill('SIGTERM');
    },
  };
}

function startSocatPair(dir: string): Promise<{ writer: string; reader: string; socat: ChildProcess }> {
  const writer = path.join(dir, 'scanner-side');
  const reader = path.join(dir, 'station-side');
  const socat = spawn('socat', [`pty,raw,echo=0,link=${writer}`, `pty,raw,echo=0,link=${reader}`], { stdio: 'ignore' });
  return new Promise((resolve, reject) => {
    socat.once('error', (err) => reject(new Error(`python3 or socat is needed for this benchmark: ${err.message}`)));
    const poll = setInterval(() => {
      if (fs.existsSync(writer) && fs.existsSync(reader)) {
        clearInterval(poll);
        resolve({ writer, reader, socat });
      }
    }, 10);
  });
}
