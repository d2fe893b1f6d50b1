import { expect, test } from '../support/fixtures';
import { wedgeBurst } from '../support/wedge';

test('fast keystrokes ending in Enter are a scan; the same keys in a text field are not', async ({ launchStation, openScanScreen, page }) => {
  const screen = await openScanScreen(await launchStation());

  await wedgeBurst(page, 'P-1001');
  await expect(screen.bagCode).toHaveText('P-1001');

  // Typed into the demo field, the burst is text entry. The demo scan after it goes over the same
  // connection, so had the burst been sent as a scan the station would have seen it first.
  await wedgeBurst(page, 'C-2001', page.getByTestId('demo-code'));
  await screen.demoScan('C-2002');
  await expect(screen.bagCount).toHaveText('1 / 10');
  await expect(screen.page.getByTestId('bag-children')).toHaveText('C-2002');
});
