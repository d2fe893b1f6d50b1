import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config/load';
import { openStationRuntime, type StationRuntime } from '../../../main/compose';
import { ScaleSimulator, killAllScaleSimulators } from '../../helpers/scale-simulator';

jest.setTimeout(30_000);

let dir: string;
let runtime: StationRuntime | undefined;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'station-scale-')); });
afterEach(async () => {
  await runtime?.close();
  runtime = undefined;
  await killAllScaleSimulators();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function until(what: string, ok: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * A configured scale is a device of the running station: its chip says connected, unstable,
 * overload, underload, not answering or unplugged, and it comes back by itself when replugged.
 */
test('the scale\'s status is a device in the station state, through unplug and replug', async () => {
  const sim = new ScaleSimulator({ protocol: 'mt-sics', dir, name: 'pack-scale', baudRate: 115200, script: [{ grams: 800 }] });
  await sim.plugIn();
  const file = path.join(dir, 'station.json');
  fs.writeFileSync(file, JSON.stringify({ dataDir: path.join(dir, 'data'),
    scales: [{ id: 'scale-1', path: sim.stationEnd, protocol: 'mt-sics', baudRate: 115200, replyTimeoutMs: 300, idlePollMs: 100 }] }));
  const config = loadConfig({ env: {}, file });
  runtime = openStationRuntime(config);
  await runtime.attachDevices();
  const scale = () => runtime!.station.state().devices.find((d) => d.deviceId === 'scale-1');
  await until(`connected (${JSON.stringify(runtime.station.state().devices)})`, () => scale()?.status === 'connected');
  expect(scale()).toMatchObject({ kind: 'scale', status: 'connected' });

  for (const [state, status] of [[{ kind: 'overload' }, 'overload'], [{ kind: 'underload' }, 'underload'], [{ grams: 812, stable: false }, 'unstable'],
    [{ kind: 'silent' }, 'no-reply'], [{ grams: 800 }, 'connected']] as const) {
    sim.play([state]);
    await until(status, () => scale()?.status === status);
  }
  await sim.unplug();
  await until('disconnected', () => scale()?.status === 'disconnected');
  await sim.plugIn();
  await until('connected again', () => scale()?.status === 'connected');
});
