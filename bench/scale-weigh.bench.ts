/**
 * The weigh step, stable reading → accepted weight, on a real pty at the simulator's line speed
 * (9600 baud, each protocol's usual line: MT-SICS and continuous 8N1, Toledo 8217 7E1), with the
 * default 3 equal stable readings.
 *
 * Baseline: the protocol's own minimum, what the wire alone needs for 3 readings at that speed:
 * request-reply protocols, 3 × (request + reply characters) × bits per character / baud; the
 * continuous line, 3 × its line. The figure is the median of 5 rounds; the ratio says what the
 * transport (timers, framing, parsing, the stability filter) adds on top of the wire.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ScaleTransport } from '../native/scale';
import { createLogger } from '../src/log/logger';
import { ScaleConfig } from '../src/scale/config';
import { createProtocol } from '../src/scale';
import { ScaleSimulator, killAllScaleSimulators } from '../test/helpers/scale-simulator';
import { percentile, report } from './report';

const ROUNDS = 5;
const BAUD = 9600;
const GRAMS = 1234;
const PROTOCOLS = ['mt-sics', 'toledo-8217', 'continuous'] as const;

async function bench(protocol: (typeof PROTOCOLS)[number], dir: string): Promise<void> {
  const sim = new ScaleSimulator({ protocol, dir, name: protocol, baudRate: BAUD, script: [{ grams: GRAMS }] });
  await sim.plugIn();
  const config = ScaleConfig.parse({ id: protocol, path: sim.stationEnd, protocol, baudRate: BAUD });
  const scale = new ScaleTransport(config, { logger: createLogger({ level: 'error' }) });
  await scale.start();
  try {
    const n = config.stableReadings;
    const request = protocol === 'continuous' ? '' : createProtocol(protocol).encode('weigh');
    const minimum = n * sim.lineTimeMs(request.length + sim.replyFor({ grams: GRAMS }).length);
    await scale.weigh({ timeoutMs: 5000 }); // warm-up: JIT, first reads
    const samples: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      const result = await scale.weigh({ timeoutMs: 5000 });
      const ms = performance.now() - started;
      if (!result.ok || result.grams !== GRAMS) throw new Error(`${protocol}: weigh failed: ${JSON.stringify(result)}`);
      samples.push(ms);
    }
    const median = percentile(samples, 50);
    report({
      name: `${protocol} weigh (${n} stable readings, ${BAUD} baud ${config.dataBits}${config.parity[0]!.toUpperCase()}${config.stopBits}), median of ${ROUNDS}`,
      value: median,
      unit: 'ms',
      baseline: { name: `wire minimum ${n} × ${protocol === 'continuous' ? 'line' : 'request + reply'}`, value: minimum },
      goal: '≤ 1.5× the wire minimum',
      met: median <= 1.5 * minimum,
    });
  } finally {
    await scale.stop();
    await sim.unplug();
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-bench-'));
  try {
    for (const protocol of PROTOCOLS) await bench(protocol, dir);
  } finally {
    await killAllScaleSimulators();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
