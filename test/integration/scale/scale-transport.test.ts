import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ScaleTransport } from '../../../native/scale';
import { createLogger } from '../../../src/log/logger';
import { ScaleConfig, type ScaleConfigInput } from '../../../src/scale/config';
import type { ScaleStatus, ScaleStatusName } from '../../../src/scale';
import { ScaleSimulator, killAllScaleSimulators, type SimState } from '../../helpers/scale-simulator';

const logger = createLogger({ level: 'error' });
jest.setTimeout(20_000);

const fastReconnect = { initialBackoffMs: 20, maxBackoffMs: 200, presencePollMs: 50 };
type Protocol = ScaleConfigInput['protocol'];

let dir: string;
let scales: ScaleTransport[] = [];
let sims: ScaleSimulator[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-it-'));
});

afterEach(async () => {
  await Promise.all(scales.map((s) => s.stop()));
  await Promise.all(sims.map((s) => s.unplug()));
  scales = [];
  sims = [];
  await killAllScaleSimulators();
  fs.rmSync(dir, { recursive: true, force: true });
});

afterAll(killAllScaleSimulators);

/** A simulator at 115200 baud (paced) and a transport on its station end, started. */
async function rig(protocol: Protocol, script: SimState[], config: Partial<ScaleConfigInput> = {}) {
  const sim = new ScaleSimulator({ protocol, dir, name: protocol, baudRate: 115200, script });
  sims.push(sim);
  await sim.plugIn();
  const scale = new ScaleTransport(ScaleConfig.parse({ id: `scale-${protocol}`, path: sim.stationEnd, protocol, baudRate: 115200, replyTimeoutMs: 1000, idlePollMs: 0, ...config }), { logger, reconnect: fastReconnect });
  scales.push(scale);
  const statuses: ScaleStatus[] = [];
  scale.onStatus((s) => statuses.push(s));
  await scale.start();
  return { sim, scale, statuses, names: () => statuses.map((s) => s.status) };
}

async function waitForStatus(scale: ScaleTransport, status: ScaleStatusName, timeoutMs = 5000): Promise<ScaleStatus> {
  const until = Date.now() + timeoutMs;
  while (scale.status().status !== status) {
    if (Date.now() > until) throw new Error(`status stayed ${JSON.stringify(scale.status())}, wanted ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return scale.status();
}

const unstableThenStable: SimState[] = [{ grams: 990, stable: false }, { grams: 1012, stable: false }, { grams: 1000 }, { grams: 1001 }, { grams: 1000 }, { grams: 1000 }, { grams: 1000 }];
const nasty = '\x00\xff\x7f\x1b[2J~~ \x13\x11';

describe.each<Protocol>(['mt-sics', 'toledo-8217', 'continuous'])('%s scale on a real pty', (protocol) => {
  test('a stable weight is accepted after 3 equal stable readings', async () => {
    const { sim, scale, statuses } = await rig(protocol, [{ grams: 1234 }]);
    expect(statuses[0]).toMatchObject({ status: 'connected' });
    const result = await scale.weigh({ timeoutMs: 3000 });
    expect(result).toMatchObject({ ok: true, grams: 1234, readings: 3 });
    if (protocol === 'mt-sics') expect(sim.requests).toEqual(['SI', 'SI', 'SI']);
    if (protocol === 'toledo-8217') expect(sim.requests).toEqual(['W', 'W', 'W']);
    if (protocol === 'continuous') expect(sim.requests).toEqual([]);
  });

  test('an unstable sequence is not accepted until it settles; the status says unstable meanwhile', async () => {
    const { scale, names } = await rig(protocol, unstableThenStable);
    const result = await scale.weigh({ timeoutMs: 3000 });
    expect(result).toMatchObject({ ok: true, grams: 1000, readings: 3 });
    expect(names()).toContain('unstable');
    expect(scale.status().status).toBe('connected');
  });

  test('stableReadings is configurable', async () => {
    const { sim, scale } = await rig(protocol, [{ grams: 500 }], { stableReadings: 5 });
    expect(await scale.weigh({ timeoutMs: 3000 })).toMatchObject({ ok: true, grams: 500, readings: 5 });
    if (protocol !== 'continuous') expect(sim.requests).toHaveLength(5);
  });

  test('overload: no weight is accepted, the status says overload, then a good weight clears it', async () => {
    const { sim, scale } = await rig(protocol, [{ kind: 'overload' }]);
    const result = await scale.weigh({ timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, reason: 'overload' });
    expect(scale.status().status).toBe('overload');
    sim.play([{ grams: 800 }]);
    expect(await scale.weigh({ timeoutMs: 3000 })).toMatchObject({ ok: true, grams: 800 });
    expect(scale.status().status).toBe('connected');
  });

  test('underload shows as underload', async () => {
    const { scale } = await rig(protocol, [{ kind: 'underload' }]);
    expect(await scale.weigh({ timeoutMs: 300 })).toMatchObject({ ok: false, reason: 'underload' });
    expect(scale.status().status).toBe('underload');
  });

  test('garbage bytes between replies are skipped; an over-long run of noise is dropped', async () => {
    const { sim, scale } = await rig(protocol, [
      { grams: 700, garbageBefore: `${nasty}\r\n` },
      { grams: 700, garbageBefore: `${'#'.repeat(600)}${protocol === 'mt-sics' || protocol === 'continuous' ? '\r\n' : '\r'}` },
      { grams: 700, garbageBefore: '\r\n\n' },
      { grams: 700 }, { grams: 700 }, { grams: 700 },
    ]);
    const result = await scale.weigh({ timeoutMs: 3000 });
    expect(result).toMatchObject({ ok: true, grams: 700 });
    expect(sim.requests.every((r) => r === 'SI' || r === 'W')).toBe(true);
  });

  test('a scale that stops answering is "no-reply"; it recovers when it answers again', async () => {
    const { sim, scale } = await rig(protocol, [{ grams: 900 }]);
    expect(await scale.weigh({ timeoutMs: 3000 })).toMatchObject({ ok: true });
    sim.silent = true;
    const result = await scale.weigh({ timeoutMs: 3000 });
    expect(result).toMatchObject({ ok: false, reason: 'no-reply' });
    expect(result.elapsedMs).toBeLessThan(5000);
    expect(scale.status()).toMatchObject({ status: 'no-reply' });
    sim.silent = false;
    expect(await scale.weigh({ timeoutMs: 3000 })).toMatchObject({ ok: true, grams: 900 });
    expect(scale.status().status).toBe('connected');
  });

  test('unplugged and replugged: disconnected while away, weighs again after the replug', async () => {
    const { sim, scale } = await rig(protocol, [{ grams: 1500 }]);
    expect(await scale.weigh({ timeoutMs: 3000 })).toMatchObject({ ok: true, grams: 1500 });
    await sim.unplug();
    await waitForStatus(scale, 'disconnected');
    expect(await scale.weigh({ timeoutMs: 500 })).toMatchObject({ ok: false, reason: 'disconnected' });
    await sim.plugIn();
    await waitForStatus(scale, 'connected');
    expect(await scale.weigh({ timeoutMs: 3000 })).toMatchObject({ ok: true, grams: 1500 });
  });
});

describe('status between weighings (idle watch)', () => {
  test.each<Protocol>(['mt-sics', 'toledo-8217', 'continuous'])('%s: overload, recovery and silence show without anyone weighing', async (protocol) => {
    const { sim, scale } = await rig(protocol, [{ kind: 'overload' }], { idlePollMs: 30 });
    await waitForStatus(scale, 'overload');
    sim.play([{ grams: 300, stable: false }]);
    await waitForStatus(scale, 'unstable');
    sim.play([{ grams: 300 }]);
    await waitForStatus(scale, 'connected');
    sim.silent = true;
    await waitForStatus(scale, 'no-reply');
    sim.silent = false;
    await waitForStatus(scale, 'connected');
    if (protocol !== 'continuous') expect(sim.requests.length).toBeGreaterThan(3);
    expect(await scale.weigh({ timeoutMs: 3000 })).toMatchObject({ ok: true, grams: 300 });
  });
});

describe('commands', () => {
  test('MT-SICS zero (Z A) and tare (T S); the tared weight then reads net', async () => {
    const { sim, scale } = await rig('mt-sics', [{ grams: 250 }]);
    expect(scale.canZero && scale.canTare).toBe(true);
    expect(await scale.zero()).toEqual({ kind: 'done' });
    expect(await scale.tare()).toEqual({ kind: 'done', grams: 250 });
    expect(sim.requests).toEqual(['Z', 'T']);
    expect(await scale.weigh({ timeoutMs: 3000 })).toMatchObject({ ok: true, grams: 0 });
  });

  test('MT-SICS ES / ET / EL replies are errors with their meaning', async () => {
    const { scale } = await rig('mt-sics', [{ kind: 'ET' }]);
    const result = await scale.weigh({ timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, reason: 'error' });
    expect(scale.status()).toMatchObject({ status: 'error', detail: expect.stringContaining('transmission error') });
  });

  test('Toledo 8217 opens at 7E1, zeroes with Z and has no tare', async () => {
    const { sim, scale, statuses } = await rig('toledo-8217', [{ grams: 100 }]);
    expect(statuses[0]!.detail).toContain('7E1');
    expect(await scale.zero()).toEqual({ kind: 'done' });
    expect(sim.requests).toEqual(['Z']);
    expect(scale.canTare).toBe(false);
    expect(await scale.tare()).toMatchObject({ kind: 'unsupported' });
  });

  test('a continuous scale has neither zero nor tare', async () => {
    const { scale } = await rig('continuous', [{ grams: 100 }]);
    expect(await scale.zero()).toMatchObject({ kind: 'unsupported' });
    expect(await scale.tare()).toMatchObject({ kind: 'unsupported' });
  });

  test('a scale not plugged in at start is waited for (hot-plug)', async () => {
    const sim = new ScaleSimulator({ protocol: 'mt-sics', dir, name: 'late', baudRate: 115200, script: [{ grams: 42 }] });
    sims.push(sim);
    const scale = new ScaleTransport(ScaleConfig.parse({ id: 'late', path: sim.stationEnd, protocol: 'mt-sics', replyTimeoutMs: 300 }), { logger, reconnect: fastReconnect });
    scales.push(scale);
    await scale.start();
    expect(scale.status()).toMatchObject({ status: 'disconnected', detail: expect.stringContaining('plug the scale in') });
    await sim.plugIn();
    await waitForStatus(scale, 'connected');
    expect(await scale.weigh({ timeoutMs: 3000 })).toMatchObject({ ok: true, grams: 42 });
  });
});
