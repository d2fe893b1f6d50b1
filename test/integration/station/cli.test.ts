import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runStation, serve } from './serve-process';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('station doctor', () => {
  test('a fresh data folder is healthy: exit 0', () => {
    const r = runStation(['doctor', '--data-dir', path.join(dir, 'data')]);
    expect(r.stdout).toContain('healthy');
    expect(r.stdout).toMatch(/^ok {3}config: defaults/m);
    expect(r.code).toBe(0);
  });

  test('--json lists every check', () => {
    const r = runStation(['doctor', '--data-dir', dir, '--json']);
    const report = JSON.parse(r.stdout);
    expect(report.healthy).toBe(true);
    expect(report.checks.map((c: { name: string }) => c.name)).toEqual(['config', 'data folder', 'database', 'free disk', 'replication']);
    expect(r.code).toBe(0);
  });

  test('a database written by serve passes the integrity check', async () => {
    const host = await serve(['--data-dir', dir]);
    await host.stop();
    const r = runStation(['doctor', '--data-dir', dir, '--json']);
    expect(JSON.parse(r.stdout).checks[2]).toMatchObject({ name: 'database', ok: true, detail: expect.stringMatching(/integrity ok, schema \d+ steps, \d+ events/) });
    expect(r.code).toBe(0);
  });

  test('a broken config fails with its reason: exit 1', () => {
    const config = path.join(dir, 'station.json');
    fs.writeFileSync(config, JSON.stringify({ bags: { capacity: -1 } }));
    const r = runStation(['doctor', '--config', config, '--json']);
    const report = JSON.parse(r.stdout);
    expect(report.healthy).toBe(false);
    expect(report.checks[0]).toMatchObject({ name: 'config', ok: false, detail: expect.stringContaining('bags.capacity') });
    expect(r.code).toBe(1);
  });

  test('a damaged database fails with its reason: exit 1', () => {
    fs.writeFileSync(path.join(dir, 'station.db'), 'garbage '.repeat(1000));
    const r = runStation(['doctor', '--data-dir', dir]);
    expect(r.stdout).toMatch(/^FAIL database: .*station\.db.*damaged/m);
    expect(r.stdout).toContain('NOT healthy');
    expect(r.code).toBe(1);
  });

  test('a data folder that is a file fails: exit 1', () => {
    const file = path.join(dir, 'not-a-folder');
    fs.writeFileSync(file, 'x');
    const r = runStation(['doctor', '--data-dir', file]);
    expect(r.stdout).toContain(`FAIL data folder: ${file} is not a folder`);
    expect(r.code).toBe(1);
  });
});

describe('station serve and usage', () => {
  test('a broken config prints the ConfigError (no stack trace) and exits 2', () => {
    const config = path.join(dir, 'station.yaml');
    fs.writeFileSync(config, 'http:\n  port: "eighty"\n');
    const r = runStation(['serve', '--config', config, '--data-dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`station: ${config}: invalid configuration`);
    expect(r.stderr).toContain('http.port');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  test('an unknown flag or command is a usage error: exit 2', () => {
    expect(runStation(['serve', '--bogus']).code).toBe(2);
    const r = runStation(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
  });

  test('--help lists the commands', () => {
    const r = runStation(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('station serve');
    expect(r.stdout).toContain('station doctor');
  });

  test('a second host on the same port says why it cannot start', async () => {
    const host = await serve(['--data-dir', dir]);
    try {
      const r = runStation(['serve', '--data-dir', path.join(dir, 'second'), '--port', String(host.port)]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`cannot listen on 127.0.0.1:${host.port}`);
    } finally {
      await host.stop();
    }
  });
});
