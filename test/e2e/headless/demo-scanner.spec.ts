import { runBagScenario, demoScanner } from '../support/bag-scenario';
import { expect, test } from '../support/fixtures';

test('a packer bags a parent and 3 children with the on-screen demo scanner', async ({ launchStation, openScanScreen }) => {
  const station = await launchStation(); // embedded defaults: demo scanner on, capacity 10
  const screen = await openScanScreen(station);
  await expect(screen.demoPanel).toBeVisible();

  await runBagScenario(screen, demoScanner(screen), { capacity: 10 });
});

test('the demo panel offers sample codes the station accepts', async ({ launchStation, openScanScreen, page }) => {
  const screen = await openScanScreen(await launchStation());
  await page.getByTestId('demo-sample-parent').click();
  await expect(page.getByTestId('demo-code')).toHaveValue(/^P-\d+$/);
  await page.getByTestId('demo-scan').click();
  await expect(screen.bagCount).toHaveText('0 / 10');

  await page.getByTestId('demo-sample-child').click();
  await page.getByTestId('demo-scan').click();
  await expect(screen.bagCount).toHaveText('1 / 10');
  await page.getByTestId('demo-sample-child').click(); // the next sample, not the one already linked
  await page.getByTestId('demo-scan').click();
  await expect(screen.bagCount).toHaveText('2 / 10');
  await expect(screen.errorDialog).toBeHidden();
});
