/**
 * Online latency: a station commits 10 scans/s to its SQLite store (synchronous=FULL) while the
 * replication worker thread (the real one) sends them to a local Postgres; measured from the local
 * commit to central's acknowledged commit. Baseline, same run: the same scan sent straight to Postgres
 * as one INSERT and commit per scan (what the station would wait for if it wrote to central directly).
 */
import { Client } from 'pg';
import { startReplication } from '../src/central/replication';
import { LagClock, centralBench, nowMs, paced, sleep, stationDb } from './central-fixtures';
import { percentile, report } from './report';

const RATE = 10;
const SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 40);
const WARMUP = 20;

async function main(): Promise<void> {
  const bench = await centralBench('central-latency', ['latency']);
  if (!bench) return;
  const url = bench.stations.get('latency')!;
  const station = stationDb(bench.dir, 'latency', 10);
  const clock = new LagClock();
  const handle = startReplication({ dbPath: station.file, stationId: 'latency', central: { url }, onAck: (mark) => clock.reached(mark) });
  const direct = new Client({ connectionString: bench.adminUrl });
  try {
    await direct.connect();
    clock.recording = false;
    await paced(WARMUP, RATE, () => {
      clock.committed(station.scans(1));
      handle.nudge();
    });
    clock.recording = true;
    console.log(`${SECONDS * RATE} scans at ${RATE}/s through the replication worker thread`);
    await paced(SECONDS * RATE, RATE, () => {
      clock.committed(station.scans(1));
      handle.nudge();
    });
    const deadline = nowMs() + 10_000;
    while (clock.samples.length < SECONDS * RATE && nowMs() < deadline) await new Promise((r) => setTimeout(r, 20));

    // baseline: one INSERT + commit per scan straight into central, at the same rate
    await direct.query('CREATE TABLE bench_direct (LIKE central.station_events INCLUDING ALL)');
    const rows = station.db.prepare(`SELECT seq, id, station_id, type, payload, device_time, correlation_id FROM events
      ORDER BY seq LIMIT ?`).all(SECONDS * RATE) as Array<Record<string, unknown>>;
    const bare: number[] = [];
    const start = nowMs();
    for (const [i, r] of rows.entries()) {
      const wait = start + (i * 1000) / RATE - nowMs();
      if (wait > 0) await sleep(wait);
      const t0 = nowMs();
      await direct.query(`INSERT INTO bench_direct (station_id, seq, id, type, payload, device_time, correlation_id)
        VALUES ($1, $2, $3, $4, $5, $6, $7)`, [r.station_id, r.seq, r.id, r.type, r.payload, r.device_time, r.correlation_id]);
      bare.push(nowMs() - t0);
    }
    const p50 = percentile(clock.samples, 50);
    const p99 = percentile(clock.samples, 99);
    report({ name: `scan commit → central commit p50 (${clock.samples.length} scans at ${RATE}/s)`, value: p50, unit: 'ms',
      baseline: { name: 'direct INSERT+commit p50', value: percentile(bare, 50) } });
    report({ name: `scan commit → central commit p99 (${clock.samples.length} scans at ${RATE}/s)`, value: p99, unit: 'ms',
      baseline: { name: 'direct INSERT+commit p99', value: percentile(bare, 99) }, goal: 'p99 ≤ 50 ms', met: p99 <= 50 });
    if (clock.samples.length < SECONDS * RATE) {
      console.log(`only ${clock.samples.length} of ${SECONDS * RATE} scans were acknowledged`);
      process.exitCode = 1;
    }
  } finally {
    await handle.stop();
    await direct.end();
    station.close();
    await bench.close();
  }
}

main().catch((err: unknown) => {
  console.error(`central-latency benchmark failed: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
