import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { killAllSocat, socatPair, type SocatPair } from '../serial/socat-pair';
import { runStation, serve, type Served } from './serve-process';

// GET /health on a real `station serve` with a real pty scanner, and `station doctor` on the same config.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Report = any;

// Each test starts a station, waits for its devices and runs the doctor twice.
jest.setTimeout(60_000);

let dir: string;
let pair: SocatPair;
let host: Served | undefined;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'health-'));
  pair = socatPair(dir, 's1');
  await pair.plugIn();
});

afterEach(async () => {
  await host?.stop();
  host = undefined;
  await killAllSocat();
  fs.rmSync(dir, { recursive: true, force: true });
});

function writeConfig(extra: Record<string, unknown> = {}): string {
  const file = path.join(dir, 'station.json');
  fs.writeFileSync(file, JSON.stringify({ stationId: 'pack-07', scanners: [{ kind: 'serial', id: 's1', path: pair.stationEnd }], ...extra }));
  return file;
}

async function getHealth(url: string): Promise<{ code: number; body: Report }> {
  const res = await fetch(`${url}/health`);
  return { code: res.status, body: await res.json() };
}

/** Polls GET /health until `until` holds (devices and replication settle on their own schedule). */
async function healthWhen(url: string, until: (r: { code: number; body: Report }) => boolean, what: string): Promise<{ code: number; body: Report }> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const r = await getHealth(url);
    if (until(r)) return r;
    if (Date.now() > deadline) throw new Error(`GET /health never showed ${what}; last: ${JSON.stringify(r.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function doctor(config: string): { code: number | null; stdout: string; json: Report } {
  const text = runStation(['doctor', '--config', config, '--data-dir', path.join(dir, 'data')]);
  const json = JSON.parse(runStation(['doctor', '--config', config, '--data-dir', path.join(dir, 'data'), '--json']).stdout);
  return { code: text.code, stdout: text.stdout, json };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('all fine: 200 and every check ok; doctor agrees', async () => {
  const config = writeConfig();
  host = await serve(['--config', config, '--data-dir', path.join(dir, 'data')]);
  const { code, body } = await healthWhen(host.url, (r) => r.body.checks.scanners.ok, 'the scanner connected');
  expect(code).toBe(200);
  expect(body.status).toBe('ok');
  expect(body.stationId).toBe('pack-07');
  for (const name of ['store', 'scanners', 'scale', 'printer', 'central', 'disk', 'queue']) expect([name, body.checks[name].ok]).toEqual([name, true]);
  expect(body.checks.scale.detail).toBe('not configured');
  expect(body.checks.scanners.devices[0]).toMatchObject({ id: 's1', ok: true, status: 'connected', errors: 0, reconnects: 0 });
  // HEAD answers the same status without a body, for monitors that only look at the code.
  expect((await fetch(`${host.url}/health`, { method: 'HEAD' })).status).toBe(200);

  const d = doctor(config);
  expect(d.stdout).toContain('health: ok (GET /health answers 200)');
  expect(d.json.health.status).toBe('ok');
});

test('the scanner unplugged: 503 down with the reason; doctor says down too', async () => {
  const config = writeConfig();
  host = await serve(['--config', config, '--data-dir', path.join(dir, 'data')]);
  await healthWhen(host.url, (r) => r.body.checks.scanners.ok, 'the scanner connected');
  await pair.unplug();
  const { code, body } = await healthWhen(host.url, (r) => !r.body.checks.scanners.ok, 'the scanner gone');
  expect(code).toBe(503);
  expect(body.status).toBe('down');
  expect(body.checks.scanners.detail).toMatch(/^no scanner works: s1: /);
  expect(body.checks.scanners.devices[0]).toMatchObject({ id: 's1', ok: false, errors: 1, lastProblem: { message: expect.any(String) } });

  const d = doctor(config);
  expect(d.stdout).toContain('health: down (GET /health answers 503)');
  expect(d.stdout).toMatch(/^ {2}FAIL scanners: no scanner works: s1: /m);
  expect(d.json.health.checks.scanners.ok).toBe(false);

  // Plugged back in: the record counts the reconnect.
  await pair.plugIn();
  const back = await healthWhen(host.url, (r) => r.body.checks.scanners.ok, 'the scanner back');
  expect(back.code).toBe(200);
  expect(back.body.checks.scanners.devices[0]).toMatchObject({ errors: 1, reconnects: 1 });
});

test('a free-disk threshold above what the disk has: 503 down; doctor says down', async () => {
  const config = writeConfig({ health: { minFreeDiskMb: 1_000_000_000 } });
  host = await serve(['--config', config, '--data-dir', path.join(dir, 'data')]);
  const { code, body } = await healthWhen(host.url, (r) => r.body.checks.scanners.ok, 'the scanner connected');
  expect(code).toBe(503);
  expect(body.status).toBe('down');
  expect(body.checks.disk).toMatchObject({ ok: false, detail: expect.stringMatching(/^only \d+ MiB free on .*; need at least 1000000000 MiB$/) });

  const d = doctor(config);
  expect(d.stdout).toContain('health: down (GET /health answers 503)');
  expect(d.stdout).toMatch(/^ {2}FAIL disk: only \d+ MiB free/m);
  expect(d.code).toBe(1);
});

test('central configured but unreachable: 200 degraded with the reason in words, no password; doctor says degraded', async () => {
  const port = await freePort();
  const config = writeConfig({ central: { url: `postgres://station:hunter2secret@127.0.0.1:${port}/central` } });
  host = await serve(['--config', config, '--data-dir', path.join(dir, 'data')]);
  const { code, body } = await healthWhen(host.url, (r) => r.body.checks.scanners.ok && !r.body.checks.central.ok, 'central unreachable');
  expect(code).toBe(200);
  expect(body.status).toBe('degraded');
  expect(body.checks.central).toMatchObject({ ok: false, configured: true, detail: expect.stringMatching(/^central not reachable or refusing \((retrying|error)\): .*ECONNREFUSED/) });
  expect(JSON.stringify(body)).not.toContain('hunter2secret');

  // The doctor reads the worker's saved status from the database: the same verdict once it is saved.
  const deadline = Date.now() + 20_000;
  let d = doctor(config);
  while (!d.stdout.includes('FAIL central') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    d = doctor(config);
  }
  expect(d.stdout).toContain('health: degraded (GET /health answers 200)');
  expect(d.stdout).toMatch(/^ {2}FAIL central: central not reachable or refusing .*ECONNREFUSED/m);
  expect(d.stdout).not.toContain('hunter2secret');
});
