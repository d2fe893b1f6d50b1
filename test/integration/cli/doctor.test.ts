import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toCaptureLine } from '../../../native/capture';
import { closedPort, station } from './run-cli';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doctor-cli-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

type Check = { name: string; ok: boolean; detail: string };
function doctor(config: object): { code: number | null; healthy: boolean; checks: Check[] } {
  const file = path.join(dir, 'station.json');
  fs.writeFileSync(file, JSON.stringify({ dataDir: path.join(dir, 'data'), ...config }));
  const r = station(['doctor', '--config', file, '--json']);
  const report = JSON.parse(r.stdout) as { healthy: boolean; checks: Check[] };
  return { code: r.code, ...report };
}
const check = (checks: Check[], name: string) => checks.find((c) => c.name === name);

/** Two committed events in the station's database, through the real pipeline. */
function commitEvents(): void {
  const capture = path.join(dir, 'capture.jsonl');
  const bytes = (s: string) => new TextEncoder().encode(s);
  fs.writeFileSync(capture, [
    toCaptureLine({ deviceId: 'serial-1', bytes: bytes('P-1001'), firstByteAt: 1, receivedAt: 1 }, 'serial'),
    toCaptureLine({ deviceId: 'serial-1', bytes: bytes('C-2001'), firstByteAt: 2, receivedAt: 2 }, 'serial'),
  ].join(''));
  expect(station(['replay', capture, '--data-dir', path.join(dir, 'data'), '--into-station']).code).toBe(0);
}

describe('station doctor: replication', () => {
  test('not configured is healthy', () => {
    commitEvents();
    const r = doctor({});
    expect(check(r.checks, 'replication')).toEqual({ name: 'replication', ok: true, detail: expect.stringMatching(/^not configured .*2 events waiting/) });
    expect(r.code).toBe(0);
  });

  test('a queue that has not moved for stuckAfterMs fails with its reason', async () => {
    commitEvents();
    const port = await closedPort();
    await new Promise((r) => setTimeout(r, 1_100));
    const r = doctor({ central: { url: `postgres://station_x:pw@127.0.0.1:${port}/central`, stuckAfterMs: 1_000 } });
    expect(check(r.checks, 'replication')).toEqual({ name: 'replication', ok: false, detail: expect.stringMatching(/^queue stuck: 2 events waiting, oldest \d+ s/) });
    expect(r.healthy).toBe(false);
    expect(r.code).toBe(1);
  });
});

describe('station doctor: scanner devices', () => {
  test('a serial scanner whose port is missing fails; one whose port exists passes', () => {
    const present = path.join(dir, 'ttyFAKE');
    fs.writeFileSync(present, '');
    const r = doctor({ scanners: [
      { kind: 'serial', id: 'gone', path: path.join(dir, 'ttyNOPE') },
      { kind: 'serial', id: 'here', path: present },
    ] });
    expect(check(r.checks, 'scanner gone')).toEqual({ name: 'scanner gone', ok: false, detail: expect.stringContaining('does not exist') });
    expect(check(r.checks, 'scanner here')).toEqual({ name: 'scanner here', ok: true, detail: expect.stringContaining(`${present} exists`) });
    expect(r.code).toBe(1);
  });

  test('a HID scanner that is not plugged in fails, or is skipped with a note where HID cannot be listed', () => {
    const r = doctor({ scanners: [{ kind: 'hid-pos', id: 'pos-1', vendorId: 0xfffe, productId: 0xfffd }] });
    const hid = check(r.checks, 'scanner pos-1')!;
    if (hid.ok) expect(hid.detail).toMatch(/^USB fffe:fffd: not checked \(cannot list HID devices/);
    else expect(hid.detail).toBe('USB fffe:fffd is not present: is the scanner plugged in and in HID POS mode?');
  });
});
