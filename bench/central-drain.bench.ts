/**
 * Drain: a 1M-event backlog from one station to a local Postgres through the real replication loop
 * (station role, row-level security, append + mark, outbox prune; the projections are the
 * projector's, after ingest). Then the projector on the same backlog, alone, in steps of 5000 events
 * as a station's worker runs it: it must keep up with ingest. Baselines from the same run,
 * same server: raw COPY of the same rows from a server-side CSV into a staging table plus the
 * INSERT … ON CONFLICT dedupe (no projections, no RLS, no client); and a naive one-row-per-INSERT
 * client, measured on a sample and taken as a rate.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { CentralConfig } from '../src/central/config';
import { projectAll } from '../src/central/projector';
import { Replicator } from '../src/central/replicator';
import { Pool } from 'pg';
import { serverUserIds } from '../test/helpers/postgres';
import { centralBench, nowMs, stationDb } from './central-fixtures';
import { report } from './report';

const EVENTS = Number(process.env.BENCH_DRAIN_EVENTS ?? 1_000_000);
const NAIVE_SAMPLE = 10_000;
const CAPACITY = 50;

async function main(): Promise<void> {
  const bench = await centralBench('central-drain', ['drain']);
  if (!bench) return;
  const admin = new Client({ connectionString: bench.adminUrl });
  try {
    await admin.connect();
    const station = stationDb(bench.dir, 'drain', CAPACITY);
    // scans → events: a parent open and close per CAPACITY links
    const scans = Math.round(EVENTS * CAPACITY / (CAPACITY + 2));
    let t = nowMs();
    const total = station.scans(scans);
    console.log(`station backlog: ${total} events written in ${((nowMs() - t) / 1000).toFixed(1)} s`);

    // ours: the replication loop, in this process (the station runs the same loop in a worker thread)
    const config = CentralConfig.parse({
      url: bench.stations.get('drain'), batch: { maxRows: Number(process.env.BENCH_DRAIN_BATCH ?? 5_000), maxBytes: 16 * 1024 * 1024 }, pollIntervalMs: 5, referencePollMs: 3_600_000,
      // the projector is measured on its own below (a worker runs it beside its next ingest)
      projector: { cooperative: false },
    });
    let done!: () => void;
    const drained = new Promise<void>((resolve) => (done = resolve));
    const replicator = new Replicator({ dbPath: station.file, stationId: 'drain', config, onAck: (mark) => mark >= total && done() });
    t = nowMs();
    void replicator.start();
    await drained;
    const oursS = (nowMs() - t) / 1000;
    await replicator.stop();
    const { rows: [check] } = await admin.query(`SELECT count(*)::int AS n, count(DISTINCT seq)::int AS d, max(seq)::int AS m FROM central.station_events`);
    if (check.n !== total || check.d !== total || check.m !== total) throw new Error(`drain incomplete: ${JSON.stringify(check)} of ${total}`);
    const ours = total / oursS;
    console.log(`replication drained ${total} events in ${oursS.toFixed(1)} s (${station.db.prepare('SELECT count(*) FROM outbox').pluck().get()} left in the outbox)`);

    // the projector on the same backlog, with the station's own role, in 5000-event steps
    const stationPool = new Pool({ connectionString: bench.stations.get('drain'), max: 1 });
    t = nowMs();
    const projected = await projectAll(stationPool, { statementTimeoutMs: 60_000, idleInTransactionTimeoutMs: 60_000 }, { timeoutMs: 3_600_000 });
    const projectorS = (nowMs() - t) / 1000;
    await stationPool.end();
    const { rows: [links] } = await admin.query(`SELECT count(*)::int AS n FROM central.bag_links`);
    const expectedLinks = station.db.prepare(`SELECT count(*) FROM events WHERE type = 'bag.child_linked'`).pluck().get() as number;
    if (projected.projected !== total || links.n !== expectedLinks) {
      throw new Error(`projection incomplete: ${JSON.stringify(projected)}, ${links.n} links of ${expectedLinks}`);
    }
    const projector = total / projectorS;
    console.log(`projector applied ${total} events in ${projectorS.toFixed(1)} s`);

    // raw COPY + dedupe of the very same rows
    const csv = path.join(bench.dir, 'events.csv');
    const ids = serverUserIds();
    if (ids) fs.chownSync(bench.dir, ids.uid, ids.gid);
    writeCsv(station, csv);
    await admin.query(`CREATE UNLOGGED TABLE bench_staging (station_id text, seq bigint, id uuid, type text, payload jsonb,
        device_time timestamptz, correlation_id text, device_id text, user_id text,
        role text, session_id text, approved_by text, prev_hash text, hash text);
      CREATE TABLE bench_raw (LIKE central.station_events INCLUDING ALL);`);
    t = nowMs();
    await admin.query(`COPY bench_staging FROM '${csv}' (FORMAT csv)`);
    await admin.query(`INSERT INTO bench_raw (station_id, seq, id, type, payload, device_time, correlation_id, device_id, user_id,
        role, session_id, approved_by, prev_hash, hash)
      SELECT * FROM bench_staging ON CONFLICT (station_id, seq) DO NOTHING`);
    const raw = total / ((nowMs() - t) / 1000);

    // naive: one INSERT (and commit) per event
    await admin.query(`CREATE TABLE bench_naive (LIKE central.station_events INCLUDING ALL)`);
    const sample = station.db.prepare(`SELECT seq, id, station_id, type, payload, device_time, correlation_id, device_id, user_id,
      role, session_id, approved_by, prev_hash, hash FROM events ORDER BY seq LIMIT ?`).all(NAIVE_SAMPLE) as Array<Record<string, unknown>>;
    t = nowMs();
    for (const e of sample) {
      await admin.query(`INSERT INTO bench_naive (station_id, seq, id, type, payload, device_time, correlation_id, device_id, user_id,
          role, session_id, approved_by, prev_hash, hash)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (station_id, seq) DO NOTHING`,
      [e.station_id, e.seq, e.id, e.type, e.payload, e.device_time, e.correlation_id, e.device_id, e.user_id,
        e.role, e.session_id, e.approved_by, e.prev_hash, e.hash]);
    }
    const naive = sample.length / ((nowMs() - t) / 1000);
    station.close();

    report({ name: `central drain, ${total} events (RLS + append + mark)`, value: ours, unit: 'events/s',
      baseline: { name: 'raw COPY + dedupe', value: raw }, goal: '≥ 0.7× raw COPY+dedupe', met: ours >= 0.7 * raw });
    report({ name: `central drain, ${total} events (RLS + append + mark)`, value: ours, unit: 'events/s',
      baseline: { name: `naive one-row INSERT (${sample.length}-event sample)`, value: naive }, goal: '≥ 10× naive', met: ours >= 10 * naive });
    report({ name: `central projector, the same ${total} events (bags + users, 5000-event steps)`, value: projector, unit: 'events/s',
      baseline: { name: 'the drain (ingest) above', value: ours }, goal: '≥ 1× ingest (keeps up)', met: projector >= ours });
  } finally {
    await admin.end();
    await bench.close();
  }
}

function writeCsv(station: ReturnType<typeof stationDb>, file: string): void {
  const q = (v: unknown) => (v === null ? '' : `"${String(v).replace(/"/g, '""')}"`);
  const fd = fs.openSync(file, 'w');
  let buf: string[] = [];
  for (const e of station.db.prepare(`SELECT station_id, seq, id, type, payload, device_time, correlation_id, device_id, user_id,
      role, session_id, approved_by, prev_hash, hash FROM events ORDER BY seq`).raw().iterate() as Iterable<unknown[]>) {
    buf.push(e.map(q).join(','));
    if (buf.length === 10_000) {
      fs.writeSync(fd, buf.join('\n') + '\n');
      buf = [];
    }
  }
  if (buf.length) fs.writeSync(fd, buf.join('\n') + '\n');
  fs.closeSync(fd);
  fs.chmodSync(file, 0o644);
}

main().catch((err: unknown) => {
  console.error(`central-drain benchmark failed: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
