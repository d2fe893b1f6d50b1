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
 * Scans need a signed-in session: before the warm-up the demo supervisor signs in (badge over the same
 * pty, PIN as 'session.pin' over the WebSocket), so every scan is decided as that user and its events
 * carry the user, role and session and extend the SHA-256 hash chain (src/store/event-log.ts).
 * The measurement is repeated ROUNDS times in one run (one station, one session); the figure judged is
 * the median over the rounds of each round's p99 ratio (station p99 / bare-commit p99), every round's
 * figures printed too.
 * Also: cold start of `station serve` to its ready line (baseline: a bare `node` start), and host RSS
 * after a separate block of RSS_SCANS scans in the same session, sent faster than the rounds and not
 * timed (5 rounds plus 10,000 scans at 100/s would take over 3 minutes; at 250/s the block takes 40 s).
 *
 * The scanner tty (bench/pty-pair.ts): this bench re-runs itself under bench/pty-pair.py, which makes
 * a kernel pty pair with os.openpty() and hands the master to this process as fd 3; the station
 * opens the slave /dev/pts/N. Bytes go from the master to the station's tty with no process in
 * between, as a USB-CDC scanner's bytes do. Without python3 it falls back to two ptys joined by a
 * socat relay process (one more process hop per scan); the first lines of output say which rig ran.
 *
 * This process is the measuring client, so it keeps out of its own way: state pushes are skipped
 * without parsing, and it collects its own garbage between blocks (with --expose-gc, as
 * run-all passes), never inside a timed window. The station's process is not touched.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openScannerPty, relaunchWithDirectPty } from './pty-pair';
import { percentile, report } from './report';
import { connect, nowMs, paced, rssMiB, signIn, sleep, startHost, stopHost, waitForDemoUsers, writeSerialConfig } from './station-host';

const RATE_PER_S = 100;
const WARMUP = 50;
const ROUNDS = 5;
const SCANS = 1000;
const BLOCK = 100;
/** The RSS figure: a separate block of this many scans after the rounds, faster (unmeasured). */
const RSS_SCANS = 10_000;
const RSS_RATE_PER_S = 250;
const RSS_GOAL_MIB = 150;
const P99_GOAL = 2.5;
const COLD_STARTS = 5;
/** A realistic bag: every 11th scan is a new parent, and the 10th child closes the bag. */
const CAPACITY = 10;
const codeFor = (i: number) => (i % (CAPACITY + 1) === 0 ? `P-B${String(i).padStart(6, '0')}` : `C-${String(i).padStart(6, '0')}`);

const SCAN_RESULT = Buffer.from('"scan.result"');

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

/**
 * `station serve`, started as `npm start` starts it, reading the scanner pty with the native serial
 * transport, signed in before anything is measured: the demo supervisor's badge over the same pty,
 * then its PIN as 'session.pin' over the WebSocket. Latency measured from this side.
 */
async function startStation(dir: string) {
  const pty = await openScannerPty(dir);
  console.log(`scanner tty: ${pty.rig === 'direct' ? `direct kernel pty pair (${pty.path}), no relay process` : 'socat relay between two ptys (python3 not found)'}`);
  const config = writeSerialConfig(dir, pty.path, CAPACITY);
  const host = await startHost(['--config', config, '--data-dir', path.join(dir, 'station-data')]);
  const ws = await connect(host.url);
  await waitForDemoUsers(ws);
  const login = await signIn(ws, (line) => pty.write(line));
  console.log(`signed in as the demo supervisor (badge over the tty, PIN over the WebSocket) in ${login.totalMs.toFixed(1)} ms`);
  const sentAt = new Map<string, number>();
  let samples: number[] = [];
  let results = 0;
  let refused = 0;
  ws.on('message', (data: Buffer) => {
    const t = nowMs(); // the push arrived: read the clock before this process parses anything
    // Every scan is followed by a state push of several KB: skip it unparsed, so this process's
    // own garbage (and GC pauses) stay out of the figures.
    if (data.indexOf(SCAN_RESULT) < 0) return;
    const msg = JSON.parse(String(data));
    if (msg.kind !== 'event' || msg.name !== 'scan.result') return;
    results++;
    const sent = sentAt.get(msg.payload.code);
    if (msg.payload.outcome !== 'good' || !msg.payload.seq) {
      refused++;
      if (refused <= 10) console.log(`refused during bench: ${msg.payload.code}: ${msg.payload.message}`);
    } else if (sent !== undefined) {
      samples.push(t - sent);
      sentAt.delete(msg.payload.code);
    }
  });
  return {
    /** This round's samples; the next round starts a new list. */
    takeSamples() { const taken = samples; samples = []; return taken; },
    send(i: number, measure: boolean) {
      const code = codeFor(i);
      if (measure) sentAt.set(code, nowMs());
      pty.write(`${code}\r`);
    },
    async drain(expected: number, timeoutMs = 5000) {
      const deadline = nowMs() + timeoutMs;
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
 * Between blocks, outside the timed windows: a full GC of this process (the client and the baseline's
 * host), so that its own pauses do not land in either side's samples. Needs --expose-gc (run-all passes
 * it); the station's process is left alone.
 */
function collectBenchGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

interface Round { p50: number; p99: number; bareP50: number; bareP99: number; serviceP50: number; serviceP99: number; ratio: number }

/**
 * Disks here are shared and noisy, so the two are measured in alternating blocks of BLOCK scans:
 * whatever the disk does in a minute, both sides see it. ROUNDS rounds of SCANS each, one station,
 * one session; then the RSS block.
 */
async function measure(dir: string) {
  const baseline = openBaseline(dir);
  const station = await startStation(dir);
  let i = 0;
  await paced(WARMUP, RATE_PER_S, (_, arrivedAt) => { baseline.commit(i, arrivedAt); station.send(i, false); i++; });
  await station.drain(i);
  collectBenchGarbage();
  const rounds: Round[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const bare: number[] = [];
    const bareService: number[] = [];
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
    const samples = station.takeSamples();
    const round = {
      p50: percentile(samples, 50), p99: percentile(samples, 99), bareP50: percentile(bare, 50), bareP99: percentile(bare, 99),
      serviceP50: percentile(bareService, 50), serviceP99: percentile(bareService, 99), ratio: 0,
    };
    round.ratio = round.p99 / round.bareP99;
    rounds.push(round);
    console.log(`round ${r + 1}/${ROUNDS}: ${samples.length} scans (host RSS ${station.rss().toFixed(0)} MiB after ${i} scans): p50 ${round.p50.toFixed(3)} ms (bare ${round.bareP50.toFixed(3)}) | p99 ${round.p99.toFixed(3)} ms (bare ${round.bareP99.toFixed(3)}) | p99 ratio ${round.ratio.toFixed(2)}× | bare service p50 ${round.serviceP50.toFixed(3)} p99 ${round.serviceP99.toFixed(3)} ms`);
  }
  const afterRounds = { scans: i, rss: station.rss() };
  // The RSS figure: RSS_SCANS more, faster than the rounds (not timed), in the same session.
  const t0 = nowMs();
  const from = i;
  await paced(RSS_SCANS, RSS_RATE_PER_S, (k) => station.send(from + k, false));
  i += RSS_SCANS;
  const { results, refused } = await station.drain(i, 30_000);
  const rssBlock = { scans: RSS_SCANS, seconds: (nowMs() - t0) / 1000, rss: station.rss() };
  await station.stop();
  baseline.close();
  return { rounds, afterRounds, rssBlock, total: i, lost: i - results + refused };
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

const median = (xs: number[]) => percentile(xs, 50);

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-latency-'));
  try {
    const disk = spawnSync('df', ['-P', dir], { encoding: 'utf8' }).stdout.trim().split('\n')[1]?.split(/\s+/)[0] ?? '?';
    console.log(`data on ${disk}; with a logged-in session and the hash chain on; ${ROUNDS} rounds of ${SCANS} scans at ${RATE_PER_S}/s after ${WARMUP} warm-up scans, each in alternating blocks of ${BLOCK} with the baseline`);
    const run = await measure(dir);
    if (run.lost > 0) console.log(`${run.lost} scans had no good scan.result`);
    const { rounds } = run;
    // Nearest-rank median of 5: the 3rd; each figure's median on its own (the rounds' p99s, the ratios).
    const ratio = median(rounds.map((r) => r.ratio));
    const label = '(serial bytes → committed → pushed over WS; logged in, hash chain on)';
    report({ name: `scan latency p50 ${label}, median of ${ROUNDS} rounds`, value: median(rounds.map((r) => r.p50)), unit: 'ms', baseline: { name: 'bare INSERT+commit p50, median', value: median(rounds.map((r) => r.bareP50)) } });
    report({ name: `scan latency p99 ${label}, median of ${ROUNDS} rounds`, value: median(rounds.map((r) => r.p99)), unit: 'ms', baseline: { name: 'bare INSERT+commit p99, median', value: median(rounds.map((r) => r.bareP99)) } });
    console.log(`p99 ratio per round: ${rounds.map((r) => `${r.ratio.toFixed(2)}×`).join(', ')}`);
    report({ name: `median p99 ratio (station p99 / bare commit p99) over ${ROUNDS} rounds`, value: ratio, unit: '×', goal: `≤ ${P99_GOAL}×`, met: ratio <= P99_GOAL });
    report({ name: 'bare INSERT+commit service time p50, median (from the call; a wait behind a stalled commit left out)', value: median(rounds.map((r) => r.serviceP50)), unit: 'ms' });
    report({ name: 'bare INSERT+commit service time p99, median', value: median(rounds.map((r) => r.serviceP99)), unit: 'ms' });
    const cold = await coldStarts(dir);
    report({ name: 'cold start to "station ready" (median)', value: percentile(cold.station, 50), unit: 'ms', baseline: { name: 'bare node start (median)', value: percentile(cold.bare, 50) } });
    report({ name: `host RSS after the rounds (${run.afterRounds.scans} scans, session on)`, value: run.afterRounds.rss, unit: 'MiB' });
    console.log(`RSS block: a separate block of ${run.rssBlock.scans} scans at ${RSS_RATE_PER_S}/s after the rounds (untimed), same session, took ${run.rssBlock.seconds.toFixed(1)} s`);
    report({ name: `host RSS after ${run.rssBlock.scans} more scans with a session (${run.total} in all)`, value: run.rssBlock.rss, unit: 'MiB', goal: `≤ ${RSS_GOAL_MIB} MiB`, met: run.rssBlock.rss <= RSS_GOAL_MIB });
    if (run.lost > 0) process.exitCode = 1;
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
