/**
 * A verify scan against a 5,000-line manifest, against a plain packing scan, in the same run, through
 * the real Station (`Station.submit`: router, gate, the workflow, one transaction) on one store: blocks
 * of BLOCK verify scans (the manifest in hand; random lines, by code and by GS1 element string with
 * GTIN, expiry and lot) alternate with blocks of plain scans (the manifest put down; bags into sacks).
 * ROUNDS rounds; each round's p99 ratio verify / plain; the median is judged (goal ≤ 1.1×).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/load';
import { Station } from '../src/core/station';
import { createLogger } from '../src/log/logger';
import { createDecoder } from '../src/scan/decode';
import { databaseFile, openStore } from '../src/store';
import { stationRegistry } from '../src/workflows';
import { percentile, report } from './report';
import { nowMs, sleep } from './station-host';

const LINES = 5000;
const ROUNDS = 5;
const SCANS = 1000;
const BLOCK = 20;
const WARMUP = 200;
const GOAL = 1.1;
const TYPES = {
  types: [
    { id: 'bag', name: 'Bag', code: { pattern: '^C-[0-9X]{1,20}$' }, holds: [] },
    { id: 'sack', name: 'Sack', code: { pattern: '^SK-[0-9]{1,20}$' }, capacity: 6, holds: ['bag'] },
  ],
};

/** A GTIN-14 with its check digit for `n`. */
function gtin(n: number): string {
  const body = `0950600${String(n).padStart(6, '0')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/** Half the lines by GTIN with lot and expiry, half by code; quantities no run can exhaust. */
function manifestCsv(): string {
  const rows = ['reference,warehouse,gtin,code,quantity,lot,expiry'];
  for (let i = 1; i <= LINES; i++) rows.push(i % 2 === 0 ? `BENCH-1,WH-1,${gtin(i)},,100000,L${i},2030-06-30` : `BENCH-1,WH-1,,ITEM-${i},100000,,`);
  return rows.join('\n');
}

const verifyScan = () => {
  const i = 1 + Math.floor(Math.random() * LINES);
  return i % 2 === 0 ? `]C101${gtin(i)}17300630${'10'}L${i}` : `ITEM-${i}`;
};

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-verify-'));
  try {
    const config = loadConfig({ env: {}, overrides: { dataDir: dir } });
    config.session.demoUsers = false;
    config.container = TYPES as typeof config.container;
    const registry = stationRegistry();
    const store = openStore({ file: databaseFile(dir), stationId: 'bench', registry, checkpointIntervalMs: 3_600_000 });
    const s = new Station({
      config, store, registry, logger: createLogger({ level: 'error' }), decode: createDecoder(config.scanRules),
      actAs: { userId: 'u-sup', name: 'Bench Supervisor', role: 'supervisor', sessionId: 's-bench' },
    });
    const request = (name: string, payload: unknown) => s.endpoint.handlers[name]!(payload) as Promise<{ outcome: string; message: string }>;
    const imported = await request('manifest.import', { file: 'bench.csv', format: 'csv', contentBase64: Buffer.from(manifestCsv()).toString('base64') });
    if (imported.outcome !== 'good') throw new Error(`import refused: ${imported.message}`);
    let sack = 0;
    let bag = 6;
    const plainScan = () => {
      if (bag === 6) { bag = 0; return `SK-${++sack}`; }
      return `C-${sack}X${bag++}`;
    };
    let refused = 0;
    const timed = async (code: string) => {
      const t0 = nowMs();
      const result = await s.submit({ deviceId: 'serial-1', bytes: new TextEncoder().encode(code), firstByteAt: 0, receivedAt: 0 });
      const ms = nowMs() - t0;
      await sleep(1);
      if (result.outcome !== 'good' && ++refused <= 5) console.log(`refused during bench: ${code}: ${result.message}`);
      return ms;
    };
    const block = async (kind: 'verify' | 'plain', into: number[]) => {
      const answer = await request(kind === 'verify' ? 'manifest.open' : 'manifest.put_down', kind === 'verify' ? { manifest: 'BENCH-1' } : {});
      if (answer.outcome !== 'good') throw new Error(`${kind}: ${answer.message}`);
      for (let i = 0; i < BLOCK; i++) into.push(await timed(kind === 'verify' ? verifyScan() : plainScan()));
    };
    const warm: number[] = [];
    for (let i = 0; i < WARMUP; i += BLOCK) { await block('verify', warm); await block('plain', warm); }
    const ratios: number[] = [];
    const verifyP99: number[] = [];
    const plainP99: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const verify: number[] = [];
      const plain: number[] = [];
      for (let done = 0; done < SCANS; done += BLOCK) {
        await block('verify', verify);
        await block('plain', plain);
        (globalThis as { gc?: () => void }).gc?.();
      }
      const v = percentile(verify, 99);
      const p = percentile(plain, 99);
      ratios.push(v / p);
      verifyP99.push(v);
      plainP99.push(p);
      console.log(`round ${r + 1}/${ROUNDS}: p50 verify ${percentile(verify, 50).toFixed(3)} ms, plain ${percentile(plain, 50).toFixed(3)} ms | p99 verify ${v.toFixed(3)} ms, plain ${p.toFixed(3)} ms | ratio ${(v / p).toFixed(2)}×`);
    }
    const counted = store.db.prepare("SELECT scanned FROM manifests WHERE manifest = 'BENCH-1'").pluck().get() as number;
    await s.stop();
    store.close();
    if (refused > 0) throw new Error(`${refused} scans were refused: the figures would not be of the work asked`);
    const median = (xs: number[]) => percentile(xs, 50);
    report({ name: `verify scan → committed answer p99, ${LINES}-line manifest (${counted} verify scans counted), median of ${ROUNDS} rounds`, value: median(verifyP99), unit: 'ms', baseline: { name: 'plain packing scan p99, median', value: median(plainP99) } });
    const ratio = median(ratios);
    report({ name: `median p99 ratio (verify / plain) over ${ROUNDS} rounds`, value: ratio, unit: '×', goal: `≤ ${GOAL}×`, met: ratio <= GOAL });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`manifest-verify benchmark failed: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
