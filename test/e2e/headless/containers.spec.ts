import path from 'node:path';
import { expect, test } from '../support/fixtures';
import { REPO_ROOT } from '../support/station-host';
import { wedgeBurst } from '../support/wedge';
import { DEMO } from '../support/scan-screen';

const shot = (name: string) => path.join(REPO_ROOT, 'test-results', `${name}.png`);

const CONTAINERS = {
  container: {
    types: [
      { id: 'bag', name: 'Bag', code: { pattern: '^C-[0-9]+$' }, holds: [] },
      { id: 'sack', name: 'Sack', code: { pattern: '^S-[0-9]+$' }, capacity: 3, holds: ['bag'] },
      { id: 'pallet', name: 'Pallet', code: { pattern: '^PAL-[0-9]+$' }, capacity: 4, holds: ['sack'] },
    ],
  },
};

/**
 * Containers on the touch screen (issue 11): bag → sack → pallet with the demo scanner, the scan that
 * fills a sack closes it, and a bag already in a closed sack moves to another only with a
 * supervisor's badge, PIN and reason.
 */
test('nesting bag → sack → pallet, auto-close, and a supervisor move', async ({ launchStation, openScanScreen, page }) => {
  const screen = await openScanScreen(await launchStation({ config: CONTAINERS }), { as: 'packer' });
  const container = page.getByTestId('container');
  await expect(page.getByTestId('container-state')).toHaveText(/No container in hand/);

  await screen.demoScan('PAL-1');
  await expect(container).toHaveAttribute('data-code', 'PAL-1');
  await screen.demoScan('S-1');
  await expect(page.getByTestId('container-count')).toHaveText('1 / 4');
  await screen.demoScan('S-1'); // the sack on the pallet, taken in hand
  await expect(container).toHaveAttribute('data-code', 'S-1');
  await expect(page.getByTestId('container-path')).toHaveText('PAL-1 › S-1');
  for (const bag of ['C-1', 'C-2']) await screen.demoScan(bag);
  await expect(page.getByTestId('container-count')).toHaveText('2 / 3');
  await page.screenshot({ path: shot('containers-nesting') });
  await screen.demoScan('C-3'); // fills the sack: it closes, and the pallet is in hand again
  await expect(container).toHaveAttribute('data-code', 'PAL-1');
  await expect(screen.status).toContainText('S-1');

  // A second sack; the bag C-1, already in the closed S-1, goes to it only with a supervisor's approval.
  await screen.demoScan('S-2');
  await screen.demoScan('S-2');
  await expect(container).toHaveAttribute('data-code', 'S-2');
  await screen.demoScan('C-1');
  await screen.acknowledgeError();
  await expect(page.getByTestId('container-pending-move')).toContainText('C-1 is in S-1. Move it into S-2?');
  await page.getByTestId('container-move').click();
  await expect(page.getByTestId('override-dialog')).toHaveAttribute('data-stage', 'badge');
  await screen.acknowledgeError();
  await wedgeBurst(page, [...DEMO.supervisor.badge]);
  await expect(page.getByTestId('override-dialog')).toHaveAttribute('data-stage', 'pin');
  await page.getByTestId('override-reason-wrongItem').click();
  await page.screenshot({ path: shot('containers-supervisor-move') });
  await screen.enterPin(DEMO.supervisor.pin);
  await expect(page.getByTestId('override-dialog')).toBeHidden();
  await expect(screen.status).toContainText('Bag C-1 moved into S-2 (1 of 3)');
  await expect(page.getByTestId('container-children')).toHaveText('C-1');
  await expect(page.getByTestId('container-pending-move')).toBeHidden();

  // Closing short asks first; Keep scanning leaves it open.
  await page.getByTestId('container-close').click();
  await expect(page.getByTestId('container-confirm-close')).toContainText('S-2 holds 1 of 3. Close it short?');
  await page.getByTestId('container-keep-scanning').click();
  await expect(page.getByTestId('container-confirm-close')).toBeHidden();
  await expect(container).toHaveAttribute('data-code', 'S-2');
});
