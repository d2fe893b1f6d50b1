import { test as base } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSerialPair, type SerialPair } from './serial-pair';
import { ScanScreen, type DemoRole } from './scan-screen';
import { startStation, type RunningStation } from './station-host';

export interface LaunchOptions {
  /** Written to a config file for `--config`; absent runs on the embedded defaults. */
  config?: Record<string, unknown>;
  /** Reuse a port, e.g. to restart the station where the page expects it. */
  port?: number;
}

export interface E2eFixtures {
  /** A fresh temp folder for this test (station data, config, tty links); removed afterwards. */
  workDir: string;
  /** Starts `station serve` on this test's data dir; every station started is stopped after the test. */
  launchStation: (options?: LaunchOptions) => Promise<RunningStation>;
  /** A socat tty pair, opened only for tests that ask for it. */
  serialPair: SerialPair;
  /**
   * Opens the scan screen of a running station in the test's page, signed in as the demo user of `as`
   * (the supervisor by default, who may also undo); `as: null` leaves the sign-in screen up.
   */
  openScanScreen: (station: RunningStation, options?: { as?: DemoRole | null }) => Promise<ScanScreen>;
}

export const test = base.extend<E2eFixtures>({
  workDir: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'station-e2e-'));
    await use(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  },

  launchStation: async ({ workDir }, use) => {
    const started: RunningStation[] = [];
    await use(async (options = {}) => {
      let configFile: string | undefined;
      if (options.config) {
        configFile = path.join(workDir, 'station.json');
        fs.writeFileSync(configFile, JSON.stringify(options.config, null, 2));
      }
      const station = await startStation({ dataDir: path.join(workDir, 'data'), configFile, port: options.port });
      started.push(station);
      return station;
    });
    await Promise.all(started.map((station) => station.stop()));
  },

  serialPair: async ({ workDir }, use) => {
    const pair = await openSerialPair(workDir);
    await use(pair);
    await pair.close();
  },

  openScanScreen: async ({ page }, use) => {
    await use(async (station, options = {}) => {
      await page.goto(station.url);
      const screen = new ScanScreen(page);
      await screen.ready();
      const as = options.as === undefined ? 'supervisor' : options.as;
      if (as) await screen.signIn(as);
      return screen;
    });
  },
});

export { expect } from '@playwright/test';
