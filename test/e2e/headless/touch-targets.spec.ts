import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';

/** Every visible button with its height, and whether it is marked as a primary (everyday) button. */
async function buttonHeights(page: Page) {
  const buttons = await page.locator('button:visible').all();
  return Promise.all(buttons.map(async (button) => ({
    name: (await button.innerText()).trim(),
    primary: (await button.getAttribute('data-size')) === 'primary',
    height: (await button.boundingBox())?.height ?? 0,
  })));
}

function undersized(buttons: Awaited<ReturnType<typeof buttonHeights>>) {
  return buttons.filter((b) => b.height < (b.primary ? 64 : 48)).map((b) => `${b.name}: ${b.height}px`);
}

test('every button is a touch target: at least 48 px, primary ones at least 64 px', async ({ launchStation, openScanScreen, page }) => {
  const screen = await openScanScreen(await launchStation());
  await screen.demoScan('P-1001');
  await expect(screen.bagCount).toHaveText('0 / 10');

  const onScanScreen = await buttonHeights(page);
  expect(onScanScreen.map((b) => b.name)).toEqual(expect.arrayContaining(['Close bag', 'Undo last', 'Scan', 'Diagnostics']));
  expect(onScanScreen.filter((b) => b.primary).map((b) => b.name)).toEqual(expect.arrayContaining(['Close bag', 'Undo last']));
  expect(undersized(onScanScreen)).toEqual([]);

  await screen.demoScan('not-a-known-code');
  await expect(screen.errorDialog).toBeVisible();
  const withError = await buttonHeights(page);
  expect(withError.map((b) => b.name)).toContain('OK, understood');
  expect(undersized(withError)).toEqual([]);

  await screen.acknowledgeError();
  await page.getByTestId('open-diagnostics').click();
  await expect(page.getByTestId('diagnostics-screen')).toBeVisible();
  const onDiagnostics = await buttonHeights(page);
  expect(onDiagnostics.map((b) => b.name)).toEqual(expect.arrayContaining(['Refresh', 'Back to scanning']));
  expect(undersized(onDiagnostics)).toEqual([]);
});
