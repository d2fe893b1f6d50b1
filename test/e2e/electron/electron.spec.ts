import { _electron as electron } from '@playwright/test';
import path from 'node:path';
import { demoScanner, runBagScenario } from '../support/bag-scenario';
import { electronBinary } from '../support/electron-binary';
import { test } from '../support/fixtures';
import { ScanScreen } from '../support/scan-screen';
import { cleanEnv, REPO_ROOT } from '../support/station-host';

const binary = electronBinary();

test('a packer bags a parent and 3 children in the Electron kiosk', async ({ workDir }) => {
  test.skip(!binary, 'no Electron binary');
  // Chromium refuses to run as root without this; the window's renderer sandbox is set by the app.
  const rootOnly = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const app = await electron.launch({
    executablePath: binary!,
    args: [...rootOnly, path.join(REPO_ROOT, 'dist', 'main', 'electron', 'main.js'), '--data-dir', path.join(workDir, 'data')],
    cwd: REPO_ROOT,
    // Not in kiosk mode, so the demo panel is there to scan with.
    env: { ...cleanEnv(), STATION_KIOSK: 'false' },
  });
  try {
    const screen = new ScanScreen(await app.firstWindow());
    await screen.ready();
    await runBagScenario(screen, demoScanner(screen), { capacity: 10 });
  } finally {
    await app.close();
  }
});
