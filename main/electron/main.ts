// The Electron app entry: one kiosk window over the same Station that `station serve` runs.
import '../launcher/require-node'; // first: a no-op in Electron, refuses a plain Node < 22
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { app, BrowserWindow, dialog, ipcMain, Menu, powerSaveBlocker, session } from 'electron';
import { configFromFlags, CONFIG_OPTIONS } from '../cli/config-flags';
import { openStationRuntime, type StationRuntime } from '../compose';
import { electronRelaunchArgs } from '../launcher/host-flags';
import { bridgeStationOverIpc } from './ipc';
import { createKioskWindow } from './kiosk-window';
import { denyNavigation, hardenSession } from './session-hardening';

/** dist/main/electron → dist/renderer/index.html, inside the asar when packaged. */
const PAGE_FILE = path.resolve(__dirname, '..', '..', 'renderer', 'index.html');
const PRELOAD_FILE = path.join(__dirname, 'preload.js');

function fail(title: string, error: unknown, exitCode: number): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`scan-station: ${title}: ${message}\n`);
  if (app.isReady()) dialog.showErrorBox(`Scan Station: ${title}`, message);
  app.exit(exitCode);
}

/** --config / --data-dir, as for `station serve`; Chromium's own switches are ignored. */
function readConfig() {
  const { values } = parseArgs({ args: process.argv.slice(1), options: CONFIG_OPTIONS, strict: false, allowPositionals: true });
  return configFromFlags(values);
}

function run(): void {
  // The main process hosts the station; its V8 flags only apply from Electron's own command line.
  const relaunchArgs = electronRelaunchArgs(process.argv, app.commandLine.hasSwitch('js-flags'));
  if (relaunchArgs) {
    app.relaunch({ args: relaunchArgs });
    app.exit(0);
    return;
  }
  if (!app.requestSingleInstanceLock()) {
    app.quit(); // another station window is already running on this machine
    return;
  }
  let runtime: StationRuntime | undefined;
  let kioskWindow: BrowserWindow | undefined;

  app.on('second-instance', () => {
    if (!kioskWindow) return;
    if (kioskWindow.isMinimized()) kioskWindow.restore();
    kioskWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());

  let closing = false;
  app.on('before-quit', (event) => {
    if (!runtime || closing) return;
    closing = true;
    event.preventDefault(); // stop the scanners and close SQLite cleanly first
    const open = runtime;
    runtime = undefined;
    open.close().finally(() => app.quit());
  });

  app.whenReady().then(async () => {
    let config;
    try {
      config = readConfig();
    } catch (error) {
      return fail('invalid configuration', error, 2);
    }
    try {
      runtime = openStationRuntime(config);
    } catch (error) {
      return fail('cannot open the station database', error, 1);
    }
    const { logger, station } = runtime;
    hardenSession(session.defaultSession, logger);
    app.on('web-contents-created', (_event, contents) => denyNavigation(contents, logger));
    if (config.kiosk) Menu.setApplicationMenu(null); // no menu accelerators (reload, devtools) on a kiosk
    powerSaveBlocker.start('prevent-display-sleep');

    kioskWindow = createKioskWindow({ kiosk: config.kiosk, preloadPath: PRELOAD_FILE, logger });
    const pageUrl = pathToFileURL(PAGE_FILE).href;
    const unbridge = bridgeStationOverIpc(ipcMain, kioskWindow, station.endpoint, pageUrl, logger);
    kioskWindow.on('closed', () => { unbridge(); kioskWindow = undefined; });
    await kioskWindow.loadURL(pageUrl);
    await runtime.attachDevices();
    logger.info('station ready (electron)', { stationId: config.stationId, dataDir: config.dataDir, kiosk: config.kiosk });
  }).catch((error: unknown) => fail('start-up failed', error, 1));
}

run();
