/**
 * What history costs on a big store. Two station stores on the same disk, opened with the station's
 * own registry (src/workflows): a BIG one holding BENCH_HISTORY_EVENTS events (2M by default) of real
 * packing (bags into sacks onto SSCC pallets: each pallet 21 sacks of 6 bags, ~213 events and 22
 * containers, so ~200k containers at 2M), written by the store's own writer (hash chain, outbox,
 * projections, the history index) in big transactions; and a FRESH one.
 *
 * 1. Scan latency: a scan → its committed answer, through the real Station (`Station.submit`, router,
 *    gate, the container workflow, one transaction), the same packing on both, in alternating blocks of
 *    BLOCK scans; ROUNDS rounds, each round's p99 ratio big / fresh, the median judged (goal ≤ 1.1×).
 * 2. `history.search` by code through the station's request handler (gate included), on random codes of
 *    the big store (bags, sacks, pallets as the bracketed `(00)` scan): p99 goal ≤ 5 ms. Baseline: the
 *    same searches on the fresh store's codes.
 * 3. A `history.events` page (limit 200) of random pallets (and one older page by its cursor): p99 goal
 *    ≤ 10 ms. Baseline: the fresh store's pallets.
 * Runs in a few minutes at 2M; BENCH_HISTORY_EVENTS=200000 for a quick look.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/load';
import type { AppendContext, DomainEvent } from '../src/core/events';
import { Station } from '../src/core/station';
import { createLogger } from '../src/log/logger';
import { createDecoder } from '../src/scan/decode';
import { databaseFile, openStore, type Store } from '../src/store';
import { stationRegistry } from '../src/workflows';
import { percentile, report } from './report';
import { nowMs, sleep } from './station-host';

const EVENTS = Number(process.env.BENCH_HISTORY_EVENTS ?? 2_000_000);
const SACKS = 21;
const BAGS = 6;
const ROUNDS = 5;
const SCANS = 1000;
const BLOCK = 20;
const WARMUP = 200;
const QUERIES = 2000;
const BATCH = 10_000;
const GOALS = { scanRatio: 1.1, searchMs: 5, pageMs: 10 };

const TYPES = {
  types: [
    { id: 'bag', name: 'Bag', code: { pattern: '^C-[0-9A-Z]{1,20}$' }, holds: [] },
    { id: 'sack', name: 'Sack', code: { pattern: '^SK-[0-9A-Z]{1,20}$' }, capacity: BAGS, holds: ['bag'] },
    { id: 'pallet', name: 'Pallet', code: { ai: '00' }, capacity: SACKS, holds: ['sack'] },
  ],
};
const PACKERS = ['u-pack1', 'u-pack2', 'u-pack3', 'u-pack4'];

/** A valid SSCC (GS1 mod-10 check digit) for `n`. */
function sscc(n: number): string {
  const body = `0${String(n).padStart(16, '0')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

const ctx = (userId: string | null): AppendContext => ({ correlationId: 'bench', deviceId: 'serial-1', userId, role: userId ? 'packer' : null, sessionId: userId ? `s-${userId}` : null, approvedBy: null });

/** The events of one pallet packed as the container workflow records it (see decide-scan.ts): 213 events, 22 containers. */
function palletEvents(p: number, prefix: string): DomainEvent[] {
  const pallet = sscc(p);
  const events: DomainEvent[] = [{ type: 'container.opened', payload: { container: pallet, type: 'pallet', capacity: SACKS } }];
  for (let s = 0; s < SACKS; s++) {
    const sack = `SK-${prefix}${p}X${s}`;
    events.push({ type: 'container.child_linked', payload: { parent: pallet, child: sack, childType: 'sack' } });
    if (s === SACKS - 1) {
      events.push({ type: 'container.closed', payload: { container: pallet, reason: 'full', count: SACKS } }, { type: 'container.focused', payload: { container: null, reason: 'closed' } });
    }
    events.push({ type: 'container.opened', payload: { container: sack, type: 'sack', capacity: BAGS } });
    for (let b = 0; b < BAGS; b++) events.push({ type: 'container.child_linked', payload: { parent: sack, child: `C-${prefix}${p}X${s}X${b}`, childType: 'bag' } });
    events.push({ type: 'container.closed', payload: { container: sack, reason: 'full', count: BAGS } }, { type: 'container.focused', payload: { container: s === SACKS - 1 ? null : pallet, reason: 'closed' } });
  }
  return events;
}

/** The scans that pack the same pallet at a station: 169. */
function palletScans(p: number, prefix: string): string[] {
  const scans = [`]C100${sscc(p)}`];
  for (let s = 0; s < SACKS; s++) {
    const sack = `SK-${prefix}${p}X${s}`;
    scans.push(sack, sack);
    for (let b = 0; b < BAGS; b++) scans.push(`C-${prefix}${p}X${s}X${b}`);
  }
  return scans;
}

function open(dir: string): Store {
  return openStore({ file: databaseFile(dir), stationId: 'pack-bench', registry: stationRegistry(), checkpointIntervalMs: 3_600_000 });
}

function addUsers(store: Store): void {
  store.record(() => ({
    events: PACKERS.map((userId, i) => ({ type: 'user.created', payload: { userId, name: `Packer ${i + 1}`, role: 'packer', badge: `B-PACK${i + 1}`, pinHash: 'scrypt$bench', baseVersion: null } })),
  }), ctx(null));
}

/** Fills the big store to EVENTS events; returns how many pallets it packed. */
function fill(store: Store): number {
  let pallets = 0;
  let written = store.log.lastSeq();
  let batch: DomainEvent[] = [];
  const flush = (userId: string) => {
    store.record(() => ({ events: batch }), ctx(userId));
    written += batch.length;
    batch = [];
  };
  const t0 = nowMs();
  while (written + batch.length < EVENTS) {
    batch.push(...palletEvents(pallets + 1, ''));
    pallets++;
    if (batch.length >= BATCH) flush(PACKERS[pallets % PACKERS.length]!);
    if (pallets % 2000 === 0) console.log(`  … ${written + batch.length} events, ${pallets} pallets, ${((nowMs() - t0) / 1000).toFixed(0)} s`);
  }
  if (batch.length > 0) flush(PACKERS[0]!);
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  return pallets;
}

function station(store: Store): Station {
  const config = loadConfig({ env: {}, overrides: { dataDir: path.dirname(store.file) } });
  config.session.demoUsers = false;
  config.container = TYPES as typeof config.container;
  return new Station({
    config, store, registry: stationRegistry(), logger: createLogger({ level: 'error' }), decode: createDecoder(config.scanRules),
    actAs: { userId: PACKERS[0]!, name: 'Packer 1', role: 'packer', sessionId: 's-bench' },
  });
}

/** A packing station's scans, one pallet after another, timed from the call to the committed answer. */
function scanner(s: Station, prefix: string) {
  let pallet = 0;
  let queue: string[] = [];
  let refused = 0;
  return {
    async scan(): Promise<number> {
      if (queue.length === 0) queue = palletScans(1_000_000_000 + ++pallet, prefix);
      const code = queue.shift()!;
      const t0 = nowMs();
      const result = await s.submit({ deviceId: 'serial-1', bytes: new TextEncoder().encode(code), firstByteAt: 0, receivedAt: 0 });
      const ms = nowMs() - t0;
      // Let the station's timers run between scans (its state patch, log lines, the checkpoint thread's
      // messages), as they do between a packer's scans; a loop that never yields would pile them up.
      await sleep(1);
      if (result.outcome !== 'good' && ++refused <= 5) console.log(`refused during bench: ${code}: ${result.message}`);
      return ms;
    },
    refused: () => refused,
  };
}

const median = (xs: number[]) => percentile(xs, 50);
const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function timeQueries(s: Station, name: string, payloads: unknown[]): Promise<number[]> {
  const handler = s.endpoint.handlers[name]!;
  const times: number[] = [];
  for (const payload of payloads) {
    const t0 = nowMs();
    await handler(payload);
    times.push(nowMs() - t0);
  }
  return times;
}

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'history-cost-'));
  try {
    const bigDir = path.join(root, 'big');
    const freshDir = path.join(root, 'fresh');
    console.log(`building the big store: ${EVENTS} events (pallets of ${SACKS} sacks of ${BAGS} bags), written by the store's writer in transactions of ~${BATCH}`);
    const t0 = nowMs();
    let big = open(bigDir);
    addUsers(big);
    const pallets = fill(big);
    big.close();
    big = open(bigDir);
    const counts = big.db.prepare('SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM containers) AS containers, (SELECT count(*) FROM code_events) AS indexed').get() as { events: number; containers: number; indexed: number };
    const mib = fs.statSync(databaseFile(bigDir)).size / 2 ** 20;
    console.log(`big store: ${counts.events} events, ${counts.containers} containers, ${counts.indexed} code_events rows, ${mib.toFixed(0)} MiB, built and reopened in ${((nowMs() - t0) / 1000).toFixed(0)} s`);
    const fresh = open(freshDir);
    addUsers(fresh);

    const bigStation = station(big);
    const freshStation = station(fresh);
    const bigScans = scanner(bigStation, 'L');
    const freshScans = scanner(freshStation, 'L');
    for (let i = 0; i < WARMUP; i++) { await bigScans.scan(); await freshScans.scan(); }
    gc();
    const ratios: number[] = [];
    const bigP99s: number[] = [];
    const freshP99s: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const onBig: number[] = [];
      const onFresh: number[] = [];
      for (let done = 0; done < SCANS; done += BLOCK) {
        for (let i = 0; i < BLOCK; i++) onBig.push(await bigScans.scan());
        for (let i = 0; i < BLOCK; i++) onFresh.push(await freshScans.scan());
        gc();
      }
      const b = percentile(onBig, 99);
      const f = percentile(onFresh, 99);
      ratios.push(b / f);
      bigP99s.push(b);
      freshP99s.push(f);
      console.log(`round ${r + 1}/${ROUNDS}: scan p50 big ${percentile(onBig, 50).toFixed(3)} ms, fresh ${percentile(onFresh, 50).toFixed(3)} ms | p99 big ${b.toFixed(3)} ms, fresh ${f.toFixed(3)} ms | ratio ${(b / f).toFixed(2)}×`);
    }
    if (bigScans.refused() + freshScans.refused() > 0) console.log(`${bigScans.refused() + freshScans.refused()} scans refused`);

    // Codes to look up: random bags, sacks and pallets (as the bracketed SSCC scan) of each store.
    const rand = (n: number) => 1 + Math.floor(Math.random() * n);
    const someCode = (p: number, prefix: string) => {
      const kind = Math.random();
      if (kind < 0.6) return `C-${prefix}${p}X${rand(SACKS) - 1}X${rand(BAGS) - 1}`;
      if (kind < 0.9) return `SK-${prefix}${p}X${rand(SACKS) - 1}`;
      return `(00)${sscc(p)}`;
    };
    const freshPallets = Math.max(1, Math.floor((ROUNDS * SCANS + WARMUP) / (1 + SACKS * (2 + BAGS))));
    const bigSearch = Array.from({ length: QUERIES }, () => ({ code: someCode(rand(pallets), '') }));
    const freshSearch = Array.from({ length: QUERIES }, () => ({ code: someCode(1_000_000_000 + rand(freshPallets), 'L') }));
    const check = await bigStation.endpoint.handlers['history.search']!(bigSearch[0]) as { kind: string };
    if (check.kind === 'none') throw new Error(`the big store does not know ${bigSearch[0]!.code}`);
    gc();
    const searchBig = await timeQueries(bigStation, 'history.search', bigSearch);
    const searchFresh = await timeQueries(freshStation, 'history.search', freshSearch);
    gc();
    const pagePayload = (p: number) => ({ code: `(00)${sscc(p)}`, limit: 200 });
    const pageBig = await timeQueries(bigStation, 'history.events', Array.from({ length: QUERIES }, () => pagePayload(rand(pallets))));
    const pageFresh = await timeQueries(freshStation, 'history.events', Array.from({ length: QUERIES }, () => pagePayload(1_000_000_000 + rand(freshPallets))));
    // An older page, by the cursor of the first (a pallet's history is ~45 events: limit 20 gives a second page).
    const first = await bigStation.endpoint.handlers['history.events']!({ code: `(00)${sscc(1)}`, limit: 20 }) as { next: number | null };
    const olderBig = await timeQueries(bigStation, 'history.events', Array.from({ length: QUERIES }, () => ({ code: `(00)${sscc(1)}`, limit: 20, before: first.next ?? undefined })));

    await bigStation.stop();
    await freshStation.stop();
    big.close();
    fresh.close();

    console.log(`p99 ratio per round: ${ratios.map((r) => `${r.toFixed(2)}×`).join(', ')}`);
    const ratio = median(ratios);
    report({ name: `scan → committed answer p99, big store (${counts.events} events, ${counts.containers} containers), median of ${ROUNDS} rounds`, value: median(bigP99s), unit: 'ms', baseline: { name: 'fresh store p99, median', value: median(freshP99s) } });
    report({ name: `median p99 ratio (big / fresh) over ${ROUNDS} rounds`, value: ratio, unit: '×', goal: `≤ ${GOALS.scanRatio}×`, met: ratio <= GOALS.scanRatio });
    const searchP99 = percentile(searchBig, 99);
    report({ name: `history.search p99 on the big store (${QUERIES} random bags, sacks, (00) pallets)`, value: searchP99, unit: 'ms', baseline: { name: 'the same on the fresh store', value: percentile(searchFresh, 99) }, goal: `≤ ${GOALS.searchMs} ms`, met: searchP99 <= GOALS.searchMs });
    report({ name: 'history.search p50 on the big store', value: percentile(searchBig, 50), unit: 'ms', baseline: { name: 'fresh store p50', value: percentile(searchFresh, 50) } });
    const pageP99 = percentile(pageBig, 99);
    report({ name: `history.events page (limit 200, a pallet's whole history) p99 on the big store`, value: pageP99, unit: 'ms', baseline: { name: 'the same on the fresh store', value: percentile(pageFresh, 99) }, goal: `≤ ${GOALS.pageMs} ms`, met: pageP99 <= GOALS.pageMs });
    const olderP99 = percentile(olderBig, 99);
    report({ name: 'history.events older page (limit 20, by the cursor) p99 on the big store', value: olderP99, unit: 'ms', baseline: { name: 'first page of limit 200, p99', value: pageP99 }, goal: `≤ ${GOALS.pageMs} ms`, met: olderP99 <= GOALS.pageMs });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`history-cost benchmark failed: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
