import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config/load';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'config-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

test('no file at all runs on defaults: demo scanner, data in the user data folder', () => {
  const config = loadConfig({ env: { HOME: dir } });
  expect(config.stationId).toBe('station-1');
  expect(config.scanners).toEqual([expect.objectContaining({ kind: 'demo', id: 'demo' })]);
  expect(path.isAbsolute(config.dataDir)).toBe(true);
  expect(config.log.dir).toBe(path.join(config.dataDir, 'logs'));
});

test('a wrong type names the file, the field and what was expected', () => {
  const file = write('station.json', JSON.stringify({ bags: { capacity: 'ten' } }));
  const err = errorOf(() => loadConfig({ file, env: {} }));
  expect(err.message).toContain(file);
  expect(err.message).toContain('bags.capacity');
  expect(err.message).toMatch(/expected number/i);
});

test('a wrong type deep in a scanner entry names its index', () => {
  const file = write('station.yaml', 'scanners:\n  - kind: serial\n    id: s1\n    path: /dev/ttyUSB0\n    baudRate: fast\n');
  const err = errorOf(() => loadConfig({ file, env: {} }));
  expect(err.message).toContain(file);
  expect(err.message).toContain('scanners.0.baudRate');
});

test('an unknown field is refused, named', () => {
  const file = write('station.json', JSON.stringify({ http: { port: 8080, hots: 'x' } }));
  const err = errorOf(() => loadConfig({ file, env: {} }));
  expect(err.message).toContain(file);
  expect(err.message).toContain('http');
  expect(err.message).toContain('hots');
});

test('bad YAML says so and where', () => {
  const file = write('station.yml', 'bags:\n  capacity: [1, 2\n');
  const err = errorOf(() => loadConfig({ file, env: {} }));
  expect(err.message).toContain(`${file}: not valid YAML`);
});

test('bad JSON says so', () => {
  const file = write('station.json', '{ "stationId": ');
  expect(errorOf(() => loadConfig({ file, env: {} })).message).toContain(`${file}: not valid JSON`);
});

test('an unreadable file names the file and the reason', () => {
  const file = path.join(dir, 'missing.json');
  expect(errorOf(() => loadConfig({ file, env: {} })).message).toBe(`${file}: cannot read the config file (ENOENT)`);
  // A folder where a file is expected cannot be read either.
  expect(errorOf(() => loadConfig({ file: dir, env: {} })).message).toBe(`${dir}: cannot read the config file (EISDIR)`);
});

test('a top level that is not an object is refused', () => {
  const file = write('station.yaml', '- just\n- a list\n');
  expect(errorOf(() => loadConfig({ file, env: {} })).message).toBe(`${file}: expected an object at the top level`);
});

test('environment overrides are validated like the file', () => {
  const err = errorOf(() => loadConfig({ env: { STATION_PORT: 'eighty' } }));
  expect(err.message).toContain('configuration (defaults + environment)');
  expect(err.message).toContain('http.port');
});

test('command-line overrides win over file and environment', () => {
  const file = write('station.json', JSON.stringify({ dataDir: path.join(dir, 'from-file'), http: { port: 1111 } }));
  const config = loadConfig({ file, env: { STATION_PORT: '2222' }, overrides: { dataDir: path.join(dir, 'from-flag'), port: 0 } });
  expect(config.dataDir).toBe(path.join(dir, 'from-flag'));
  expect(config.http.port).toBe(0);
});

test('a pooled station\'s token can come from the environment, and a malformed one is refused by name', () => {
  const token = 'ab'.repeat(32);
  const url = 'postgres://station_fleet:pw@pgbouncer:6432/central';
  const config = loadConfig({ env: { HOME: dir, STATION_CENTRAL_URL: url, STATION_CENTRAL_TOKEN: token } });
  expect(config.central).toMatchObject({ url, stationToken: token });
  const err = errorOf(() => loadConfig({ env: { HOME: dir, STATION_CENTRAL_URL: url, STATION_CENTRAL_TOKEN: 'not-a-token' } }));
  expect(err.message).toContain('central.stationToken');
  expect(err.message).toContain('64 hex digits');
});
