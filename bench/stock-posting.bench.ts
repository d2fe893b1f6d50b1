/**
 * Stock posting: manifests of 20 lines completed at a station, ingested and projected by
 * `central.project_manifests` (idempotency row, per-product sums, rows locked in key order, the
 * negative-stock check, the updates, the manifest's status), in postings per second from the first
 * ingest to the last projector step. Baseline, same run, same table: the same stock changes as bare
 * SQL, one transaction of 20 UPDATEs per manifest from one client. 5 rounds, alternating; the median
 * of the per-round ratios is printed with the medians.
 */
import { Client, Pool } from 'pg';
import { ingestBatch } from '../src/central/ingest';
import { projectAll } from '../src/central/projector';
import { inTransaction } from '../src/central/transaction';
import { createEventLog } from '../src/store/event-log';
import type { OutboxRow } from '../src/store/outbox';
import { centralBench, nowMs, stationDb } from './central-fixtures';
import { report } from './report';

const MANIFESTS = Number(process.env.BENCH_STOCK_MANIFESTS ?? 500);
const LINES = 20;
const PRODUCTS = 1000;
const ROUNDS = 5;
const WAREHOUSE = 'W1';
const timeouts = { statementTimeoutMs: 600_000, idleInTransactionTimeoutMs: 600_000 };
const product = (i: number) => `0950600${String(i).padStart(7, '0')}`;
const linesOf = (m: number) => Array.from({ length: LINES }, (_, k) => ({ line: k + 1, product: product((m * LINES + k) % PRODUCTS), quantity: 1 + (k % 3) }));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const bench = await centralBench('stock-posting', ['stock']);
  if (!bench) return;
  const admin = new Client({ connectionString: bench.adminUrl });
  const pool = new Pool({ connectionString: bench.stations.get('stock'), max: 1 });
  const station = stationDb(bench.dir, 'stock');
  try {
    await admin.connect();
    // stock no round can use up: every posting is judged and posted
    await admin.query(`INSERT INTO central.warehouse_inventory (warehouse, product, quantity)
      SELECT $1, '0950600' || lpad(i::text, 7, '0'), 1000000000000 FROM generate_series(0, ${PRODUCTS - 1}) i`, [WAREHOUSE]);
    const log = createEventLog(station.db, 'stock');
    const who = { deviceId: 'scanner-1', userId: 'packer-7', role: 'packer' as const, sessionId: 'bench-session', approvedBy: null };
    const read = station.db.prepare(`SELECT seq, id, station_id AS stationId, type, payload, device_time AS deviceTime,
      correlation_id AS correlationId, device_id AS deviceId, user_id AS userId, role, session_id AS sessionId,
      approved_by AS approvedBy, prev_hash AS prevHash, hash FROM events WHERE seq > ? ORDER BY seq`);
    let manifestNo = 0;
    let sent = 0;
    const ours: number[] = [];
    const projectorOnly: number[] = [];
    const bare: number[] = [];

    for (let round = 1; round <= ROUNDS; round++) {
      // the station's side, untimed: MANIFESTS completions, as the manifest module records them
      const first = manifestNo;
      station.db.transaction(() => {
        for (let i = 0; i < MANIFESTS; i++, manifestNo++) {
          log.append([{ type: 'manifest.completed', payload: { manifest: `M-${manifestNo}`, warehouse: WAREHOUSE, direction: 'out', lines: linesOf(manifestNo) } }],
            { ...who, correlationId: `bench-${manifestNo}` });
        }
      })();
      // each round starts from the same table shape: every posting rewrites 20 rows and two of their indexes
      await admin.query('VACUUM ANALYZE central.warehouse_inventory');
      const rows = read.all(sent) as OutboxRow[];
      sent = rows.at(-1)!.seq;

      let t = nowMs();
      for (let i = 0; i < rows.length; i += 1000) await inTransaction(pool, timeouts, (c) => ingestBatch(c, 'stock', rows.slice(i, i + 1000)));
      const ingested = nowMs();
      const projected = await projectAll(pool, timeouts, { timeoutMs: 600_000 });
      const end = nowMs();
      if (projected.projected !== MANIFESTS || projected.failed !== 0) throw new Error(`round ${round}: ${JSON.stringify(projected)}`);
      const { rows: [check] } = await admin.query(`SELECT count(*) FILTER (WHERE outcome = 'posted')::int AS posted, count(*)::int AS n FROM central.stock_postings`);
      if (check.posted !== manifestNo || check.n !== manifestNo) throw new Error(`round ${round}: postings ${JSON.stringify(check)} of ${manifestNo}`);
      ours.push(MANIFESTS / ((end - t) / 1000));
      projectorOnly.push(MANIFESTS / ((end - ingested) / 1000));

      // baseline: the same stock changes of the same manifests, 20 UPDATEs in one transaction each
      t = nowMs();
      for (let m = first; m < manifestNo; m++) {
        await admin.query('BEGIN');
        for (const l of linesOf(m)) {
          await admin.query('UPDATE central.warehouse_inventory SET quantity = quantity - $1 WHERE warehouse = $2 AND product = $3',
            [l.quantity, WAREHOUSE, l.product]);
        }
        await admin.query('COMMIT');
      }
      bare.push(MANIFESTS / ((nowMs() - t) / 1000));
      console.log(`round ${round}: ingest + projection ${ours.at(-1)!.toFixed(0)}/s, projection alone ${projectorOnly.at(-1)!.toFixed(0)}/s, `
        + `bare SQL ${bare.at(-1)!.toFixed(0)}/s (ratio ${(ours.at(-1)! / bare.at(-1)!).toFixed(2)}×)`);
    }

    const ratio = median(ours.map((v, i) => v / bare[i]!));
    const ratioProjector = median(projectorOnly.map((v, i) => v / bare[i]!));
    report({ name: `stock posting, ${LINES}-line manifests, ingest + project_manifests (median of ${ROUNDS} rounds of ${MANIFESTS})`, value: median(ours),
      unit: 'postings/s', baseline: { name: `bare SQL, ${LINES} UPDATEs in one transaction per manifest (median)`, value: median(bare) } });
    console.log(`  median of the per-round ratios: ${ratio.toFixed(2)}×`);
    report({ name: `stock posting, the projector step alone (median of ${ROUNDS} rounds)`, value: median(projectorOnly), unit: 'postings/s',
      baseline: { name: 'bare SQL, as above (median)', value: median(bare) } });
    console.log(`  median of the per-round ratios: ${ratioProjector.toFixed(2)}×`);
  } finally {
    station.close();
    await pool.end();
    await admin.end();
    await bench.close();
  }
}

main().catch((err: unknown) => {
  console.error(`stock-posting benchmark failed: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
