import path from 'node:path';
import { runBagScenario, type Scanner } from '../support/bag-scenario';
import { expect, test } from '../support/fixtures';
import { REPO_ROOT } from '../support/station-host';

/** Kept at a fixed place so CI can publish it; the run's own copy is attached to the report. */
const SCREENSHOT = path.join(REPO_ROOT, 'test-results', 'scan-screen.png');

test('a packer bags a parent and 3 children with a serial scanner', async ({ launchStation, openScanScreen, serialPair, page }, testInfo) => {
  const capacity = 5;
  const station = await launchStation({
    config: {
      bags: { capacity },
      scanners: [{ kind: 'serial', id: 'serial-1', path: serialPair.devicePath, framing: { suffix: 'CR' } }],
    },
  });
  const screen = await openScanScreen(station);
  await expect(screen.device('serial-1')).toHaveAttribute('data-status', 'connected');
  await expect(screen.demoPanel).toBeHidden(); // no demo scanner configured

  const serialScanner: Scanner = { scan: async (code) => serialPair.write(`${code}\r`) };
  await runBagScenario(screen, serialScanner, {
    capacity,
    withThreeChildren: async () => {
      const png = await page.screenshot({ path: SCREENSHOT });
      await testInfo.attach('scan-screen', { body: png, contentType: 'image/png' });
    },
  });
});
