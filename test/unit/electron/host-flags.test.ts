import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { ELECTRON_JS_FLAGS, electronRelaunchArgs, HOST_ENV, HOST_V8_FLAGS, hostEnv, missingHostEnv, missingHostFlags } from '../../../main/launcher/host-flags';

const ENV_ASSIGNMENTS = Object.entries(HOST_ENV).map(([name, value]) => `${name}=${value}`).join(' ');

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('the station host always starts with its V8 flags', () => {
  it('turns the memory reducer off and exposes gc for the collection between scans', () => {
    expect(HOST_V8_FLAGS).toContain('--no-memory-reducer');
    expect(HOST_V8_FLAGS).toContain('--expose-gc');
    expect(ELECTRON_JS_FLAGS).toBe('--js-flags=--no-memory-reducer --expose-gc');
  });

  it('the `station` bin passes them in its shebang', () => {
    const firstLine = fs.readFileSync(path.join(ROOT, 'main', 'cli', 'station.ts'), 'utf8').split('\n')[0];
    expect(firstLine).toBe(`#!/usr/bin/env -S ${ENV_ASSIGNMENTS} node ${HOST_V8_FLAGS.join(' ')}`);
  });

  it('`npm run station` passes them', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.station).toBe(`node ${HOST_V8_FLAGS.join(' ')} dist/main/cli/station.js`);
  });

  it('the Linux menu entry and the kiosk autostart entry pass them to Electron', () => {
    const builder = YAML.parse(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as { linux: { executableArgs: string[] } };
    expect(builder.linux.executableArgs).toEqual([ELECTRON_JS_FLAGS]);
    const desktop = fs.readFileSync(path.join(ROOT, 'resources', 'linux', 'scan-station.desktop'), 'utf8');
    expect(desktop).toContain(`Exec=env ${ENV_ASSIGNMENTS} "/opt/Scan Station/scan-station" "${ELECTRON_JS_FLAGS}"`);
  });

  it('hosts get the fixed mmap threshold (large freed blocks go back to the system), and a host started without it is told so', () => {
    expect(HOST_ENV).toEqual({ MALLOC_MMAP_THRESHOLD_: '131072' });
    expect(hostEnv({ PATH: '/bin' })).toEqual({ PATH: '/bin', MALLOC_MMAP_THRESHOLD_: '131072' });
    expect(missingHostEnv({})).toEqual(['MALLOC_MMAP_THRESHOLD_=131072']);
    expect(missingHostEnv({ MALLOC_MMAP_THRESHOLD_: '131072' })).toEqual([]);
  });

  it('tells which of them this process lacks', () => {
    expect(missingHostFlags(['--no-memory-reducer', '--expose-gc', '--inspect'])).toEqual([]);
    expect(missingHostFlags(['--no-memory-reducer'])).toEqual(['--expose-gc']);
    expect(missingHostFlags([])).toEqual(['--no-memory-reducer', '--expose-gc']);
  });

  it('Electron relaunches itself with them when started without --js-flags, and only then', () => {
    expect(electronRelaunchArgs(['/opt/Scan Station/scan-station', '--config', '/etc/station.yml'], false))
      .toEqual(['--config', '/etc/station.yml', '--js-flags=--no-memory-reducer --expose-gc']);
    expect(electronRelaunchArgs(['/opt/Scan Station/scan-station', '--js-flags=--no-memory-reducer'], true)).toBeNull();
    // An operator's own --js-flags are respected, not doubled.
    expect(electronRelaunchArgs(['/opt/Scan Station/scan-station', '--js-flags=--max-old-space-size=512'], true)).toBeNull();
  });
});
