import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStationRuntime, type StationRuntime } from '../../../main/compose';
import type { ScanResult } from '../../../src/api';
import { loadConfig } from '../../../src/config/load';
import { createUser, signIn } from '../../helpers/sign-in';
import { killAllSocat, socatPair } from './socat-pair';

let dir: string;
let runtime: StationRuntime | undefined;

beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'serial-station-')); });
afterEach(async () => {
  await runtime?.close();
  runtime = undefined;
  await killAllSocat();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The station as `station serve` and Electron build it, with one socat scanner. */
function stationWithScanner(scannerPath: string): StationRuntime {
  const file = path.join(dir, 'station.json');
  fs.writeFileSync(file, JSON.stringify({
    dataDir: path.join(dir, 'data'),
    log: { level: 'error' },
    session: { demoUsers: false },
    scanners: [{ kind: 'serial', id: 'pack-1', path: scannerPath, framing: { suffix: 'CR' } }],
  }));
  return openStationRuntime(loadConfig({ file, env: {} }));
}

describe('serial scanner → committed event', () => {
  test('bytes written to the scanner end become committed scan events, tagged with the scanner', async () => {
    const pair = socatPair(dir, 'pack');
    await pair.plugIn();
    runtime = stationWithScanner(pair.stationEnd);
    await signIn(runtime.station, await createUser(runtime.store, { role: 'packer' }));
    const results: ScanResult[] = [];
    let arrived: () => void = () => undefined;
    runtime.station.endpoint.subscribe((name, payload) => {
      if (name !== 'scan.result') return;
      results.push(payload as ScanResult);
      if (results.length === 2) arrived();
    });
    const two = new Promise<void>((resolve) => { arrived = resolve; });
    await runtime.attachDevices();

    await pair.send(Buffer.from('P-1001\rC-2001\r'));
    await two;

    expect(results.map((r) => [r.deviceId, r.code, r.outcome, r.codeClass])).toEqual([
      ['pack-1', 'P-1001', 'good', 'parent'],
      ['pack-1', 'C-2001', 'good', 'child'],
    ]);
    expect(results.every((r) => typeof r.seq === 'number')).toBe(true);
    const state = runtime.station.state();
    expect(state.slices.bag.openParent).toMatchObject({ code: 'P-1001', children: ['C-2001'] });
    expect(state.devices).toContainEqual(expect.objectContaining({ deviceId: 'pack-1', status: 'connected' }));
  });
});
