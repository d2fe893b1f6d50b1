import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ScaleSimulator, killAllScaleSimulators, type SimState } from '../../helpers/scale-simulator';
import { STATION_JS } from './run-cli';

jest.setTimeout(60_000);

type Check = { name: string; ok: boolean; detail: string };
let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doctor-scale-')); });
afterEach(async () => {
  await killAllScaleSimulators();
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * `station doctor` asks each configured scale for a steady weight. The simulator on a real pty runs
 * in this process, so the doctor runs asynchronously beside it (a blocking spawn would silence it).
 */
async function doctorScale(script: SimState[] | null, protocol: 'mt-sics' | 'toledo-8217' | 'continuous' = 'mt-sics'): Promise<Check> {
  const sim = new ScaleSimulator({ protocol, dir, name: 'pack-scale', baudRate: 9600, script: script ?? [] });
  if (script) await sim.plugIn();
  const file = path.join(dir, 'station.json');
  fs.writeFileSync(file, JSON.stringify({ dataDir: path.join(dir, 'data'),
    scales: [{ id: 'scale-1', path: sim.stationEnd, protocol, replyTimeoutMs: 300, stableReadings: 2 }] }));
  try {
    const out = await promisify(execFile)(process.execPath, [STATION_JS, 'doctor', '--config', file, '--json'], { encoding: 'utf8' })
      .catch((err: { stdout: string }) => ({ stdout: err.stdout }));
    const checks = (JSON.parse(out.stdout) as { checks: Check[] }).checks;
    return checks.find((c) => c.name === 'scale scale-1')!;
  } finally {
    if (script) await sim.unplug();
  }
}

describe('station doctor: scales', () => {
  test.each(['mt-sics', 'toledo-8217', 'continuous'] as const)('%s: a steady weight is healthy, with the weight', async (protocol) => {
    expect(await doctorScale([{ grams: 1250 }], protocol)).toEqual({ name: 'scale scale-1', ok: true, detail: expect.stringMatching(/answers with a steady weight: 1250 g$/) });
  });

  test('each problem is a failed check that says what to do', async () => {
    expect(await doctorScale([{ kind: 'overload' }])).toMatchObject({ ok: false, detail: expect.stringContaining('over its range (take the load off)') });
    expect(await doctorScale([{ kind: 'underload' }])).toMatchObject({ ok: false, detail: expect.stringContaining('under zero (zero the scale') });
    expect(await doctorScale([{ grams: 990, stable: false }])).toMatchObject({ ok: false, detail: expect.stringContaining('the weight is not steady') });
    expect(await doctorScale([{ kind: 'silent' }])).toMatchObject({ ok: false, detail: expect.stringContaining('opens but does not answer') });
    expect(await doctorScale(null)).toMatchObject({ ok: false, detail: expect.stringContaining('is not there: is the scale plugged in and switched on?') });
  });
});
