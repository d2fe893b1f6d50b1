/**
 * Scan latency end to end: bytes written to the scanner end of a real pty pair, read by the native
 * serial transport inside `station serve` (serialport, as configured for a serial scanner), framed,
 * decoded, decided, committed to SQLite (WAL, synchronous=FULL), and pushed as `scan.result` over
 * the WebSocket bridge back to this process.
 * Baseline, same run, same disk: a bare better-sqlite3 INSERT + commit with synchronous=FULL, timed
 * the way the station's scans are: from the scan's arrival. Scans arrive at 100/s whatever the disk
 * does, so a scan that arrives while the previous commit is stalled waits for it; the station's figure
 * includes that wait (the bench keeps sending while the station is busy), and so does the baseline's:
 * when a bare commit starts late because the one before it overran, its latency counts from when it was
 * due (otherwise the baseline would leave out exactly the waits a slow disk causes, a "coordinated
 * omission"). Its service time alone (from the call) is printed too.
 * Also: cold start of `station serve` to its ready line (baseline: a bare `node` start) and its RSS.
 *
 * The scanner tty (bench/pty-pair.ts): this bench re-runs itself under bench/pty-pair.py, which makes
 * a kernel pty pair with os.openpty() and hands the master to this process as fd 3; the station
 * opens the slave /dev/pts/N. Bytes go from the master to the station's tty with no process in
 * between, as a USB-CDC scanner's bytes do. Without python3 it falls back to two ptys joined by a
 * socat relay process (one more process hop per scan); the first lines of output say which rig ran.
 *
 * This process is the measuring client, so it keeps out of its own way: `state.changed` frames are
 * skipped without parsing, and it collects its own garbage between blocks (with --expose-gc, as
 * run-all passes), never inside a timed window. The station's process is not touched.
 */
import Database from 'better-sqlite3';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { HOST_V8_FLAGS } from '../main/launcher/host-flags';
import { openScannerPty, relaunchWithDirectPty } from './pty-pair';
import { percentile, report } from './report';

const STATION_JS = path.resolve(__dirname, '..', 'main', 'cli', 'station.js');
const RATE_PER_S = 100;
const WARMUP = 50;
const SCANS = 1000;
const BLOCK = 100;
const COLD_STARTS = 5;
/** A realistic bag: every 11th scan is a new parent, and the 10th child closes the bag. */
const CAPACITY = 10;
const codeFor = (i: number) => (i % (CAPACITY + 1) === 0 ? `P-B${String(i).padStart(6, '0')}` : `C-${String(i).padStart(6, '0')}`);

const SCAN_RESULT = Buffer.from('"scan.result"');
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `tick(i, arrivedAt)` n times at a fixed rate, correcting for drift. `arrivedAt` is when scan i
 * arrived: now, or its due time when the previous tick overran it (the scan was waiting since then).
 */
async function paced(n: number, perSecond: number, tick: (i: number, arrivedAt: number) => void): Promise<void> {
  const start = nowMs();
  for (let i = 0; i < n; i++) {
    const due = start + (i * 1000) / perSecond;
    const wait = due - nowMs();
    if (wait > 0) await sleep(wait);
    tick(i, wait > 0 ? nowMs() : due);
  }
}

interface Host { child: ChildProcess; url: string; readyMs: number }

function startHost(args: string[]): Promise<Host> {
  const t0 = nowMs();
  const child = spawn(process.execPath, [...HOST_V8_FLAGS, STATION_JS, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /station ready: (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]!, readyMs: nowMs() - t0 });
    });
    child.once('exit', (code) => reject(new Error(`station serve exited ${code} before it was ready`)));
  });
}

function stopHost(host: Host): Promise<void> {
  return new Promise((resolve) => {
    if (host.child.exitCode !== null) return resolve();
    host.child.once('exit', () => resolve());
    host.child.kill('SIGTERM');
  });
}

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** The baseline: a bare better-sqlite3 INSERT + commit, synchronous=FULL, WAL, same disk. */
function openBaseline(dir: string) {
  const db = new Database(path.join(dir, 'baseline.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t (payload) VALUES (?)');
  return {
    /** One INSERT in autocommit mode: one statement, one commit. Latency from the scan's arrival, and service time. */
    commit: (i: number, arrivedAt: number) => {
      const t0 = nowMs();
      insert.run(`{"parent":"P-BENCH","child":"${codeFor(i)}"}`);
      const t1 = nowMs();
      return { latency: t1 - arrivedAt, service: t1 - t0 };
    },
    close: () => db.close(),
  };
}

/** `station serve`, started as `npm start` starts it, reading the scanner pty with the native serial transport; latency measured from this side. */
async function startStation(dir: string) {
  const pty = await openScannerPty(dir);
  console.log(`scanner tty: ${pty.rig === 'direct' ? `direct kernel pty pair (${pty.path}), no relay process` : 'socat relay between two ptys (python3 not found)'}`);
  const config = path.join(dir, 'station.json');
  fs.writeFileSync(config, JSON.stringify({
    bags: { capacity: CAPACITY },
    scanners: [{ kind: 'serial', id: 'bench-serial', path: pty.path, baudRate: 115200, framing: { suffix: 'CR' } }],
  }));
  const host = await startHost(['--config', config, '--data-dir', path.join(dir, 'station-data')]);
  const ws = new WebSocket(`${host.url.replace('http', 'ws')}/ws`);
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  const sentAt = new Map<string, number>();
  const samples: number[] = [];
  let results = 0;
  let refused = 0;
  ws.on('message', (data: Buffer) => {
    const t = nowMs(); // the push arrived: read the clock before this process parses anything
    // Every scan is followed by a `state.changed` of several KB: skip it unparsed, so this process's
    // own garbage (and GC pauses) stay out of the figures.
    if (data.indexOf(SCAN_RESULT) < 0) return;
    const msg = JSON.parse(String(data));
    if (msg.kind !== 'event' || msg.name !== 'scan.result') return;
    results++;
    const sent = sentAt.get(msg.payload.code);
    if (msg.payload.outcome !== 'good' || !msg.payload.seq) {
      refused++;
      console.log(`refused during bench: ${msg.payload.code}: ${msg.payload.message}`);
    } else if (sent !== undefined) samples.push(t - sent);
  });
  return {
    samples,
    send(i: number, measure: boolean) {
      const code = codeFor(i);
      if (measure) sentAt.set(code, nowMs());
      pty.write(`${code}\r`);
    },
    async drain(expected: number) {
      const deadline = nowMs() + 5000;
      while (results < expected && nowMs() < deadline) await sleep(20);
      return { results, refused };
    },
    rss: () => rssMiB(host.child.pid!),
    async stop() {
      ws.terminate();
      await stopHost(host);
      pty.close();
    },
  };
}

/**
 * Disks here are shared and noisy, so the two are measured in alternating blocks of BLOCK scans:
 * whatever the disk does in a minute, both sides see it.
 */
/**
 * Between blocks, outside the timed windows: a full GC of this process (the client and the baseline's
 * host), so that its own pauses do not land in either side's samples. Needs --expose-gc (run-all passes
 * it); the station's process is left alone.
 */
function collectBenchGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function measure(dir: string) {
  const baseline = openBaseline(dir);
  const station = await startStation(dir);
  const bare: number[] = [];
  const bareService: number[] = [];
  let i = 0;
  await paced(WARMUP, RATE_PER_S, (_, arrivedAt) => { baseline.commit(i, arrivedAt); station.send(i, false); i++; });
  await station.drain(i);
  collectBenchGarbage();
  for (let done = 0; done < SCANS; done += BLOCK) {
    const from = i;
    await paced(BLOCK, RATE_PER_S, (k, arrivedAt) => {
      const { latency, service } = baseline.commit(from + k, arrivedAt);
      bare.push(latency);
      bareService.push(service);
    });
    await paced(BLOCK, RATE_PER_S, (k) => station.send(from + k, true));
    i += BLOCK;
    await station.drain(i);
    collectBenchGarbage();
  }
  const { results, refused } = await station.drain(i);
  const rss = station.rss();
  await station.stop();
  baseline.close();
  return { bare, bareService, samples: station.samples, rss, lost: i - results + refused };
}

async function coldStarts(dir: string): Promise<{ station: number[]; bare: number[] }> {
  const station: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    const t0 = nowMs();
    spawnSync(process.execPath, ['-e', 'process.stdout.write("ready\\n")']);
    bare.push(nowMs() - t0);
    const host = await startHost(['--data-dir', path.join(dir, `cold-${i}`)]);
    station.push(host.readyMs);
    await stopHost(host);
  }
  return { station, bare };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-latency-'));
  try {
    const disk = spawnSync('df', ['-P', dir], { encoding: 'utf8' }).stdout.trim().split('\n')[1]?.split(/\s+/)[0] ?? '?';
    console.log(`data on ${disk}; ${SCANS} scans at ${RATE_PER_S}/s after ${WARMUP} warm-up scans, in alternating blocks of ${BLOCK} with the baseline`);
    const station = await measure(dir);
    const { bare } = station;
    if (station.lost > 0) console.log(`${station.lost} scans had no good scan.result`);
    const bareP50 = percentile(bare, 50);
    const bareP99 = percentile(bare, 99);
    const p50 = percentile(station.samples, 50);
    const p99 = percentile(station.samples, 99);
    report({ name: 'scan latency p50 (serial bytes → committed → pushed over WS)', value: p50, unit: 'ms', baseline: { name: 'bare INSERT+commit p50', value: bareP50 } });
    report({ name: 'scan latency p99 (serial bytes → committed → pushed over WS)', value: p99, unit: 'ms', baseline: { name: 'bare INSERT+commit p99', value: bareP99 }, goal: 'p99 ≤ 2× bare commit p99', met: p99 <= 2 * bareP99 });
    report({ name: 'bare INSERT+commit service time p50 (from the call; a wait behind a stalled commit left out)', value: percentile(station.bareService, 50), unit: 'ms' });
    report({ name: 'bare INSERT+commit service time p99', value: percentile(station.bareService, 99), unit: 'ms' });
    const cold = await coldStarts(dir);
    report({ name: 'cold start to "station ready" (median)', value: percentile(cold.station, 50), unit: 'ms', baseline: { name: 'bare node start (median)', value: percentile(cold.bare, 50) } });
    report({ name: 'host RSS after the latency run', value: station.rss, unit: 'MiB' });
    if (station.lost > 0) process.exitCode = 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const relaunched = relaunchWithDirectPty();
if (relaunched !== null) process.exit(relaunched);
else {
  main().catch((err: unknown) => {
    console.error(`scan-latency benchmark failed: ${(err as Error).stack ?? String(err)}`);
    process.exit(1);
  });
}
