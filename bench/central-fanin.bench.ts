/**
 * Fan-in: N simulated stations (replication loops in this one process, each with its own SQLite
 * store and a one-connection pool) at 2 scans/s each, through PgBouncer in transaction mode with at
 * most 20 server connections, to one local Postgres. N grows in steps; the figure is the largest N
 * whose commit → central-commit p99 stays ≤ 500 ms. Baseline, same run: one station alone.
 *
 * The stations are pooled (one fleet login, a token each: the set-up docs/central.md recommends for
 * fleets behind PgBouncer). BENCH_FANIN_MODE=own-roles gives every station its own login role
 * instead, which PgBouncer cannot share server connections between.
 *
 * What is a simulation artefact, not central's load, is kept light: the simulated stores commit
 * without fsync (synchronous=NORMAL), and each worker is woken by a nudge after its scan's commit
 * (as in the station) with a 1 s poll only as a safety net, so N stations on one machine do not
 * spend its two cores polling N SQLite files.
 */
import { CentralConfig } from '../src/central/config';
import { Replicator } from '../src/central/replicator';
import { pgbouncerUnavailable, startPgBouncer } from '../test/helpers/pgbouncer';
import { AckClock, centralBench, nowMs, sleep, stationDb, type StationWriter } from './central-fixtures';
import { percentile, report } from './report';

const STEPS = (process.env.BENCH_FANIN_STEPS ?? '1,10,20,30,40,50,100,200,300,400,500').split(',').map(Number);
const STEP_SECONDS = Number(process.env.BENCH_FANIN_STEP_SECONDS ?? 12);
const WARMUP_SECONDS = 3;
const SCANS_PER_S = 2;
const GOAL_MS = 500;
const SERVER_CONNECTIONS = 20;
const POOLED = (process.env.BENCH_FANIN_MODE ?? 'pooled') !== 'own-roles';

interface Sim {
  id: string;
  store: StationWriter;
  clock: AckClock;
  replicator: Replicator;
  nextScanAt: number;
}

async function main(): Promise<void> {
  const missing = pgbouncerUnavailable();
  if (missing) {
    console.log(`central-fanin: skipped: ${missing}`);
    return;
  }
  const max = Math.max(...STEPS);
  const ids = Array.from({ length: max }, (_, i) => `fan-${String(i).padStart(3, '0')}`);
  const t = nowMs();
  const bench = await centralBench('central-fanin', ids, { pooled: POOLED });
  if (!bench) return;
  const logins = new Map([...bench.stations.values()].map((url) => {
    const u = new URL(url);
    return [decodeURIComponent(u.username), decodeURIComponent(u.password)] as const;
  }));
  const users = [...logins].map(([name, password]) => ({ name, password }));
  const bouncer = await startPgBouncer({ upstreamPort: bench.cluster.port, users, poolSize: POOLED ? SERVER_CONNECTIONS : 1, maxDbConnections: SERVER_CONNECTIONS,
    maxClientConn: max + 50, serverIdleTimeout: Number(process.env.BENCH_FANIN_SERVER_IDLE ?? 600) });
  console.log(`${max} stations provisioned (${POOLED ? 'pooled: one fleet login, a token each' : 'a login role each'}) and PgBouncer up `
    + `(≤ ${SERVER_CONNECTIONS} server connections) in ${((nowMs() - t) / 1000).toFixed(1)} s`);
  const sims: Sim[] = [];
  const results: Array<{ n: number; p50: number; p99: number; samples: number }> = [];
  try {
    for (const n of STEPS) {
      while (sims.length < n) sims.push(startSim(ids[sims.length]!, bench, bouncer.port));
      await connected(sims);
      const step = await runStep(sims);
      results.push({ n, ...step });
      console.log(`  N=${n}: p50 ${step.p50.toFixed(1)} ms, p99 ${step.p99.toFixed(1)} ms over ${step.samples} scans`);
      if (step.p99 > GOAL_MS) break;
    }
  } finally {
    await Promise.all(sims.map((s) => s.replicator.stop()));
    sims.forEach((s) => s.store.close());
    await bouncer.stop();
    await bench.close();
  }
  const held = results.filter((r) => r.p99 <= GOAL_MS).at(-1);
  const alone = results.find((r) => r.n === 1);
  report({ name: `largest N ${POOLED ? 'pooled ' : ''}stations at ${SCANS_PER_S} scans/s each with p99 lag ≤ ${GOAL_MS} ms (PgBouncer, ≤ ${SERVER_CONNECTIONS} server connections)`,
    value: held?.n ?? 0, unit: 'stations', goal: 'aim for 500', met: (held?.n ?? 0) >= 500 });
  if (held && alone) {
    report({ name: `p99 lag at N=${held.n}`, value: held.p99, unit: 'ms', baseline: { name: 'p99 lag of one station alone', value: alone.p99 },
      goal: `≤ ${GOAL_MS} ms`, met: held.p99 <= GOAL_MS });
  }
}

function startSim(id: string, bench: NonNullable<Awaited<ReturnType<typeof centralBench>>>, bouncerPort: number): Sim {
  const url = new URL(bench.stations.get(id)!);
  url.port = String(bouncerPort);
  const store = stationDb(bench.dir, id, 10, false);
  const clock = new AckClock();
  const config = CentralConfig.parse({ url: url.toString(), stationToken: bench.tokens.get(id), pool: { max: 1, connectionTimeoutMs: 10_000, idleTimeoutMs: 60_000 },
    pollIntervalMs: 1_000, referencePollMs: Number(process.env.BENCH_FANIN_REF_MS ?? 15_000) });
  const replicator = new Replicator({ dbPath: store.file, stationId: id, config, onAck: (mark) => clock.acked(mark) });
  void replicator.start();
  return { id, store, clock, replicator, nextScanAt: nowMs() + Math.random() * (1000 / SCANS_PER_S) };
}

/**
 * Waits until every station has logged in and had its first answer from central. A step measures the
 * steady state: N stations logging in at once (SCRAM at PgBouncer, the first reference pull) is a
 * start-up burst, not 2 scans/s, and would otherwise land in the first seconds of the step.
 */
async function connected(sims: Sim[]): Promise<void> {
  const deadline = nowMs() + 120_000;
  while (sims.some((s) => s.replicator.status().state !== 'idle')) {
    if (nowMs() > deadline) throw new Error('stations did not all reach central within 2 minutes');
    await sleep(100);
  }
}

/** Every station scans at its own steady pace; latencies after the warm-up count. */
async function runStep(sims: Sim[]): Promise<{ p50: number; p99: number; samples: number }> {
  const start = nowMs();
  const end = start + (WARMUP_SECONDS + STEP_SECONDS) * 1000;
  sims.forEach((s) => {
    s.clock.recording = false;
  });
  let recording = false;
  while (nowMs() < end) {
    const now = nowMs();
    if (!recording && now >= start + WARMUP_SECONDS * 1000) {
      recording = true;
      sims.forEach((s) => {
        s.clock.samples.length = 0;
        s.clock.recording = true;
      });
    }
    for (const s of sims) {
      if (now < s.nextScanAt) continue;
      s.clock.committed(s.store.scans(1));
      s.replicator.nudge();
      s.nextScanAt += 1000 / SCANS_PER_S;
    }
    await sleep(5);
  }
  await sleep(GOAL_MS * 2); // let the last scans land; later ones count as late, not lost
  const samples = sims.flatMap((s) => s.clock.samples);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), samples: samples.length };
}

main().catch((err: unknown) => {
  console.error(`central-fanin benchmark failed: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
