// `npm start`: the Electron kiosk where an Electron binary is installed, otherwise the headless
// host plus a Chromium app window (or just its URL). Ctrl+C stops everything this started.
import './launcher/require-node'; // first: refuses Node < 22 (the station host it spawns runs on this Node)
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { chromiumArgs, findChromium, hasDisplay } from './launcher/chromium';
import { electronPackageDir, findElectronBinary } from './launcher/electron-binary';
import { ELECTRON_JS_FLAGS, HOST_V8_FLAGS, hostEnv } from './launcher/host-flags';
import { readyUrl } from './launcher/ready-line';

const APP_ROOT = path.resolve(__dirname, '..', '..'); // dist/main → the folder with package.json
const STATION_CLI = path.join(__dirname, 'cli', 'station.js');

const probe = {
  exists: (file: string) => fs.existsSync(file),
  readText: (file: string) => { try { return fs.readFileSync(file, 'utf8'); } catch { return null; } },
};
const isExecutable = (file: string) => { try { fs.accessSync(file, fs.constants.X_OK); return fs.statSync(file).isFile(); } catch { return false; } };

const children = new Set<ChildProcess>();

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Ctrl+C or a service stop: ask each child to stop; we exit when the station host has. */
function stopChildrenOn(signal: NodeJS.Signals): void {
  process.on(signal, () => {
    for (const child of children) child.kill('SIGTERM');
  });
}

/** Whether the config asks for kiosk mode; a broken config is left to `station serve` to explain. */
async function kioskWanted(args: string[]): Promise<boolean> {
  try {
    // Loaded only now: the launcher itself must start even if station code cannot load (serve will say why).
    const { CONFIG_OPTIONS, configFromFlags } = await import('./cli/config-flags');
    const { values } = parseArgs({ args, options: { ...CONFIG_OPTIONS, port: { type: 'string', short: 'p' } }, strict: false, allowPositionals: true });
    return configFromFlags(values).kiosk;
  } catch {
    return false;
  }
}

function runElectron(binary: string, args: string[]): void {
  const electron = track(spawn(binary, [ELECTRON_JS_FLAGS, APP_ROOT, ...args], { stdio: 'inherit', env: hostEnv() }));
  electron.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function openBrowser(url: string, kiosk: boolean): void {
  const chromium = hasDisplay(process.env) ? findChromium(process.env, isExecutable) : null;
  if (!chromium) {
    process.stdout.write(`Open the station in a browser: ${url}\n`);
    return;
  }
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-station-browser-'));
  const args = chromiumArgs({ url, kiosk, profileDir, runningAsRoot: process.getuid?.() === 0 });
  const browser = track(spawn(chromium, args, { stdio: 'ignore' }));
  process.stdout.write(`Opened ${url} in ${path.basename(chromium)}${kiosk ? ' (kiosk)' : ''}. Ctrl+C stops the station.\n`);
  browser.once('error', (error) => process.stderr.write(`Could not open ${chromium}: ${error.message}. Open ${url} yourself.\n`));
  browser.once('exit', () => {
    fs.rmSync(profileDir, { recursive: true, force: true });
    if (children.size > 0) process.stdout.write(`The browser window closed; the station still runs at ${url} (Ctrl+C stops it).\n`);
  });
}

function runHeadless(args: string[]): void {
  process.stdout.write('No Electron binary on this machine; starting the headless kiosk instead\n');
  const serve = track(spawn(process.execPath, [...HOST_V8_FLAGS, STATION_CLI, 'serve', ...args], { stdio: ['inherit', 'pipe', 'inherit'], env: hostEnv() }));
  let opened = false;
  readline.createInterface({ input: serve.stdout! }).on('line', (line) => {
    process.stdout.write(`${line}\n`);
    const url = opened ? null : readyUrl(line);
    if (!url) return;
    opened = true;
    void kioskWanted(args).then((kiosk) => { if (children.has(serve)) openBrowser(url, kiosk); });
  });
  serve.once('exit', (code, signal) => {
    for (const child of children) child.kill('SIGTERM'); // the browser has nothing to show without the host
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}

function main(): void {
  stopChildrenOn('SIGINT');
  stopChildrenOn('SIGTERM');
  const args = process.argv.slice(2);
  const electron = findElectronBinary(electronPackageDir(), process.env, probe);
  if (electron) runElectron(electron, args);
  else runHeadless(args);
}

main();
