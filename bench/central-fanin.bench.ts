/**
 * Fan-in: N simulated stations (replication loops in this one process, each with its own SQLite
 * store and a one-connection pool) at 2 scans/s each, through PgBouncer in transaction mode with at
 * most 20 server connections, to one local Postgres. N grows in steps; the figure is the largest N
 * whose commit → central-commit (ingest lag) p99 stays ≤ 500 ms and whose commit → projected
 * (projection lag, polled every 50 ms) p99 stays ≤ 1 s. Baseline, same run: one station alone. Central's
 * CPU per ingested event (Postgres's postmaster and backends, and PgBouncer, from /proc) is reported for
 * each step: on two cores that is the figure that moves N.
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
import { Client } from 'pg';
import { centralBench, LagClock, nowMs, sleep, stationDb, type StationWriter } from './central-fixtures';
import { parentOf, treeCpuMs } from './process-cpu';
import { percentile, report } from './report';

const STEPS = (process.env.BENCH_FANIN_STEPS ?? '1,10,20,30,40,50,100,200,300,400,500').split(',').map(Number);
const STEP_SECONDS = Number(process.env.BENCH_FANIN_STEP_SECONDS ?? 12);
const WARMUP_SECONDS = 3;
const SCANS_PER_S = 2;
const GOAL_MS = 500;
const PROJECTION_GOAL_MS = 1_000;
const PROJECTION_POLL_MS = 50;
const SERVER_CONNECTIONS = 20;
const POOLED = (process.env.BENCH_FANIN_MODE ?? 'pooled') !== 'own-roles';

interface Sim {
  id: string;
  store: StationWriter;
  clock: LagClock;
  projection: LagClock;
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
  const results: StepResult[] = [];
  const admin = new Client({ connectionString: bench.adminUrl });
  await admin.connect();
  const { rows: [backend] } = await admin.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const cpu = { postmaster: parentOf(backend!.pid), bouncer: bouncer.pid };
  // where central's time goes, by function (self time), printed after the last step
  await admin.query(`ALTER SYSTEM SET track_functions = 'all'`);
  if (process.env.BENCH_PG_STATEMENTS === '1') await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  await admin.query('SELECT pg_reload_conf()');
  const poller = pollProjection(admin, sims);
  try {
    for (const n of STEPS) {
      while (sims.length < n) sims.push(startSim(ids[sims.length]!, bench, bouncer.port));
      await connected(sims);
      const step = await runStep(sims, admin, cpu);
      results.push({ n, ...step });
      console.log(`  N=${n}: ingest lag p50 ${step.p50.toFixed(1)} ms, p99 ${step.p99.toFixed(1)} ms over ${step.samples} scans; `
        + `projection lag p50 ${step.projectedP50.toFixed(0)} ms, p99 ${step.projectedP99.toFixed(0)} ms; `
        + `central CPU ${step.postgresUsPerEvent.toFixed(0)} µs/event in Postgres + ${step.bouncerUsPerEvent.toFixed(0)} in PgBouncer, `
        + `${step.stationsUsPerEvent.toFixed(0)} in the simulated stations (${step.events} events, `
        + `${((step.events * (step.postgresUsPerEvent + step.bouncerUsPerEvent + step.stationsUsPerEvent)) / 1e4 / step.seconds).toFixed(0)}% of one core)`);
      if (!holds(step)) break;
    }
    const { rows: top } = await admin.query<{ f: string; calls: string; self_ms: number; total_ms: number }>(`SELECT schemaname || '.' || funcname AS f,
        calls, round(self_time)::int AS self_ms, round(total_time)::int AS total_ms FROM pg_stat_user_functions ORDER BY self_time DESC LIMIT 8`);
    console.log('central functions by self time (all steps):');
    for (const r of top) console.log(`  ${r.f}: ${r.calls} calls, ${r.self_ms} ms self, ${r.total_ms} ms total`);
    if (process.env.BENCH_PG_STATEMENTS === '1') {
      const { rows: statements } = await admin.query<{ q: string; calls: string; ms: number }>(`SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS q,
          calls, round(total_exec_time)::int AS ms FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 15`);
      console.log('statements by total time:');
      for (const r of statements) console.log(`  ${r.ms} ms, ${r.calls} calls: ${r.q}`);
    }
  } finally {
    poller.stop();
    await poller.done;
    await admin.end();
    await Promise.all(sims.map((s) => s.replicator.stop()));
    sims.forEach((s) => s.store.close());
    await bouncer.stop();
    await bench.close();
  }
  const held = results.filter(holds).at(-1);
  const alone = results.find((r) => r.n === 1);
  report({ name: `largest N ${POOLED ? 'pooled ' : ''}stations at ${SCANS_PER_S} scans/s each with p99 ingest lag ≤ ${GOAL_MS} ms and p99 projection lag `
    + `≤ ${PROJECTION_GOAL_MS} ms (PgBouncer, ≤ ${SERVER_CONNECTIONS} server connections)`,
  value: held?.n ?? 0, unit: 'stations', goal: 'aim for 500', met: (held?.n ?? 0) >= 500 });
  if (held && alone) {
    report({ name: `p99 ingest lag at N=${held.n}`, value: held.p99, unit: 'ms', baseline: { name: 'one station alone', value: alone.p99 },
      goal: `≤ ${GOAL_MS} ms`, met: held.p99 <= GOAL_MS });
    report({ name: `p99 projection lag at N=${held.n}`, value: held.projectedP99, unit: 'ms', baseline: { name: 'one station alone', value: alone.projectedP99 },
      goal: `≤ ${PROJECTION_GOAL_MS} ms`, met: held.projectedP99 <= PROJECTION_GOAL_MS });
    report({ name: `central CPU per ingested event at N=${held.n} (Postgres + PgBouncer)`, value: held.postgresUsPerEvent + held.bouncerUsPerEvent, unit: 'µs',
      baseline: { name: 'one station alone', value: alone.postgresUsPerEvent + alone.bouncerUsPerEvent } });
  }
}

interface StepResult {
  n: number;
  p50: number;
  p99: number;
  samples: number;
  projectedP50: number;
  projectedP99: number;
  events: number;
  postgresUsPerEvent: number;
  bouncerUsPerEvent: number;
  /** The simulated stations themselves (this process): on one machine they share its cores with central. */
  stationsUsPerEvent: number;
  seconds: number;
}

const clientCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const holds = (r: Omit<StepResult, 'n'>) => r.p99 <= GOAL_MS && r.projectedP99 <= PROJECTION_GOAL_MS;

/**
 * What central has projected of each station: everything up to its mark, except the ranges still in
 * the ingest log (which the projector deletes as it passes them). Polled, so a sample is late by up to
 * the poll interval; the poll is one small query, a light load beside N stations.
 */
function pollProjection(admin: Client, sims: Sim[]): { stop(): void; done: Promise<void> } {
  let running = true;
  const done = (async () => {
    while (running) {
      const { rows } = await admin.query<{ station_id: string; projected: string }>(`SELECT m.station_id,
          coalesce(min(l.first_seq) - 1, m.acked_seq) AS projected
        FROM central.station_marks m LEFT JOIN central.ingest_log l ON l.station_id = m.station_id GROUP BY m.station_id, m.acked_seq`);
      const byId = new Map(rows.map((r) => [r.station_id, Number(r.projected)]));
      for (const s of sims) s.projection.reached(byId.get(s.id) ?? 0);
      await sleep(PROJECTION_POLL_MS);
    }
  })();
  return { stop: () => (running = false), done };
}

function startSim(id: string, bench: NonNullable<Awaited<ReturnType<typeof centralBench>>>, bouncerPort: number): Sim {
  const url = new URL(bench.stations.get(id)!);
  url.port = String(bouncerPort);
  const store = stationDb(bench.dir, id, 10, false);
  const clock = new LagClock();
  const projection = new LagClock();
  const config = CentralConfig.parse({ url: url.toString(), stationToken: bench.tokens.get(id), pool: { max: 1, connectionTimeoutMs: 10_000, idleTimeoutMs: 60_000 },
    pollIntervalMs: 1_000, referencePollMs: Number(process.env.BENCH_FANIN_REF_MS ?? 15_000) });
  const replicator = new Replicator({ dbPath: store.file, stationId: id, config, onAck: (mark) => clock.reached(mark) });
  void replicator.start();
  return { id, store, clock, projection, replicator, nextScanAt: nowMs() + Math.random() * (1000 / SCANS_PER_S) };
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
async function runStep(sims: Sim[], admin: Client, cpu: { postmaster: number; bouncer: number }): Promise<Omit<StepResult, 'n'>> {
  const start = nowMs();
  const end = start + (WARMUP_SECONDS + STEP_SECONDS) * 1000;
  const clocks = sims.flatMap((s) => [s.clock, s.projection]);
  clocks.forEach((c) => {
    c.recording = false;
  });
  let recording = false;
  const stored = async () => Number((await admin.query<{ n: string }>('SELECT sum(acked_seq) AS n FROM central.station_marks')).rows[0]!.n);
  let before = { events: 0, postgres: 0, bouncer: 0, stations: 0 };
  while (nowMs() < end) {
    const now = nowMs();
    if (!recording && now >= start + WARMUP_SECONDS * 1000) {
      recording = true;
      clocks.forEach((c) => {
        c.samples.length = 0;
        c.recording = true;
      });
      before = { events: await stored(), postgres: treeCpuMs(cpu.postmaster), bouncer: treeCpuMs(cpu.bouncer), stations: clientCpuMs() };
    }
    for (const s of sims) {
      if (now < s.nextScanAt) continue;
      const seq = s.store.scans(1);
      s.clock.committed(seq);
      s.projection.committed(seq);
      s.replicator.nudge();
      s.nextScanAt += 1000 / SCANS_PER_S;
    }
    await sleep(5);
  }
  const after = { events: await stored(), postgres: treeCpuMs(cpu.postmaster), bouncer: treeCpuMs(cpu.bouncer), stations: clientCpuMs() };
  await sleep(PROJECTION_GOAL_MS * 2); // let the last scans land and be projected; later ones count as late, not lost
  const samples = sims.flatMap((s) => s.clock.samples);
  const projected = sims.flatMap((s) => s.projection.samples);
  const events = after.events - before.events;
  return {
    p50: percentile(samples, 50), p99: percentile(samples, 99), samples: samples.length,
    projectedP50: percentile(projected, 50), projectedP99: percentile(projected, 99),
    events, postgresUsPerEvent: ((after.postgres - before.postgres) * 1000) / events, bouncerUsPerEvent: ((after.bouncer - before.bouncer) * 1000) / events,
    stationsUsPerEvent: ((after.stations - before.stations) * 1000) / events, seconds: STEP_SECONDS,
  };
}

main().catch((err: unknown) => {
  console.error(`central-fanin benchmark failed: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
