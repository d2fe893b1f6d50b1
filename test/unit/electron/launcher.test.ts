import path from 'node:path';
import { READY_PREFIX } from '../../../main/cli/commands/serve';
import { chromiumArgs, findChromium, hasDisplay } from '../../../main/launcher/chromium';
import { electronPackageDir, findElectronBinary } from '../../../main/launcher/electron-binary';
import { readyUrl } from '../../../main/launcher/ready-line';

const pkg = '/app/node_modules/electron';

function probe(files: Record<string, string>) {
  return { exists: (file: string) => file in files, readText: (file: string) => files[file] ?? null };
}

describe('findElectronBinary', () => {
  test('the binary path.txt names under dist/, when it is there', () => {
    const files = { [`${pkg}/path.txt`]: 'electron\n', [`${pkg}/dist/electron`]: '' };
    expect(findElectronBinary(pkg, {}, probe(files))).toBe(`${pkg}/dist/electron`);
  });

  test('no binary: path.txt missing (never downloaded) or pointing at a missing file', () => {
    expect(findElectronBinary(pkg, {}, probe({}))).toBeNull();
    expect(findElectronBinary(pkg, {}, probe({ [`${pkg}/path.txt`]: 'electron' }))).toBeNull();
  });

  test('no electron package at all', () => {
    expect(findElectronBinary(null, {}, probe({}))).toBeNull();
    expect(electronPackageDir(() => { throw new Error('Cannot find module'); })).toBeNull();
  });

  test('ELECTRON_OVERRIDE_DIST_PATH points at a binary elsewhere', () => {
    const env = { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' };
    expect(findElectronBinary(pkg, env, probe({ '/opt/electron/electron': '' }))).toBe('/opt/electron/electron');
  });

  test('finding the package folder does not load the package (which would download a binary)', () => {
    const dir = electronPackageDir();
    expect(dir && path.basename(dir)).toBe('electron');
    expect(Object.keys(require.cache).some((id) => id.endsWith(`${path.sep}electron${path.sep}index.js`))).toBe(false);
  });
});

describe('Chromium fallback', () => {
  test('a display is X11 or Wayland on Linux; always there on Windows and macOS', () => {
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(hasDisplay({}, 'win32')).toBe(true);
  });

  test('finds the first Chromium-family browser on PATH, preferring chromium', () => {
    const present = new Set(['/usr/bin/google-chrome', '/snap/bin/chromium']);
    expect(findChromium({ PATH: ['/usr/bin', '/snap/bin'].join(path.delimiter) }, (f) => present.has(f))).toBe('/snap/bin/chromium');
    expect(findChromium({ PATH: '/usr/bin' }, (f) => present.has(f))).toBe('/usr/bin/google-chrome');
    expect(findChromium({}, () => true)).toBeNull();
  });

  test('app mode on the URL with a throwaway profile; --kiosk and --no-sandbox only when needed', () => {
    const base = { url: 'http://127.0.0.1:4780', profileDir: '/tmp/p' };
    const plain = chromiumArgs({ ...base, kiosk: false, runningAsRoot: false });
    expect(plain).toEqual(expect.arrayContaining(['--app=http://127.0.0.1:4780', '--user-data-dir=/tmp/p', '--no-first-run']));
    expect(plain).not.toContain('--kiosk');
    expect(plain).not.toContain('--no-sandbox');
    expect(chromiumArgs({ ...base, kiosk: true, runningAsRoot: true })).toEqual(expect.arrayContaining(['--kiosk', '--no-sandbox']));
  });
});

describe('readyUrl', () => {
  test('reads the URL from the line `station serve` prints when ready', () => {
    expect(readyUrl(`${READY_PREFIX}http://127.0.0.1:4780`)).toBe('http://127.0.0.1:4780');
    expect(readyUrl('some log line http://x')).toBeNull();
  });
});
