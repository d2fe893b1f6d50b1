import path from 'node:path';
import { expect, test } from '../support/fixtures';
import { REPO_ROOT } from '../support/station-host';

const SCREENSHOT = path.join(REPO_ROOT, 'test-results', 'search.png');

test('search: bags scanned with the demo scanner, one searched by a scan into the field, its parent by touch; the card, the chain, the history', async ({ launchStation, openScanScreen, page }) => {
  test.setTimeout(60_000);
  const screen = await openScanScreen(await launchStation({ config: { bags: { capacity: 10 } } }), { as: 'packer' });
  for (const code of ['P-1001', 'C-2001', 'C-2002', 'C-2003']) await screen.demoScan(code);
  await expect(screen.bagCount).toHaveText('3 / 10');

  await page.getByTestId('open-search').click();
  const field = page.getByTestId('search-code');
  await expect(field).toBeFocused();
  // A keyboard-wedge scanner types into the field and ends with Enter: that searches, it is no packing scan.
  await page.keyboard.type('C-2002');
  await page.keyboard.press('Enter');
  const card = page.getByTestId('search-result');
  await expect(card).toHaveAttribute('data-kind', 'child');
  await expect(card).toHaveAttribute('data-code', 'C-2002');
  await expect(page.getByTestId('search-parent')).toHaveText('in P-1001');
  await expect(page.getByTestId('search-chain')).toContainText('P-1001 › C-2002');
  const rows = page.getByTestId('history-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-type', 'bag.child_linked');
  await expect(rows.first().getByTestId('history-who')).toHaveText('Demo Packer');
  await expect(rows.first().getByTestId('history-role')).toHaveText('Packer');
  await expect(rows.first().getByTestId('history-what')).toContainText('Put into bag P-1001');

  // The parent, typed on the screen and searched with the button.
  await field.fill('P-1001');
  await page.getByTestId('search-submit').click();
  await expect(card).toHaveAttribute('data-kind', 'container');
  await expect(card).toHaveAttribute('data-code', 'P-1001');
  await expect(page.getByTestId('search-count')).toHaveText('3 of 10');
  await expect(page.getByTestId('search-status')).toHaveText('open');
  await expect(page.getByTestId('search-child')).toHaveText([/C-2001/, /C-2002/, /C-2003/]);
  await expect(rows).toHaveCount(4);
  await expect(rows.first()).toHaveAttribute('data-type', 'bag.child_linked');
  await expect(rows.last()).toHaveAttribute('data-type', 'bag.parent_opened');
  await expect(page.getByTestId('history-older')).toHaveCount(0);
  await page.screenshot({ path: SCREENSHOT, fullPage: true });

  // Nothing recorded for an unknown code, in words.
  await field.fill('C-9999');
  await page.getByTestId('search-submit').click();
  await expect(card).toHaveAttribute('data-kind', 'none');
  await expect(card).toHaveText('Nothing recorded for C-9999 at this station');

  // Searching recorded nothing: the bag is as it was.
  await page.getByTestId('admin-back').click();
  await expect(screen.bagCount).toHaveText('3 / 10');
});

test('search: a serial scanner\'s scan on the search screen is searched, not packed', async ({ launchStation, openScanScreen, serialPair, page }) => {
  test.setTimeout(60_000);
  const station = await launchStation({
    config: { bags: { capacity: 10 }, scanners: [{ kind: 'serial', id: 'serial-1', path: serialPair.devicePath, framing: { suffix: 'CR' } }] },
  });
  const screen = await openScanScreen(station, { as: 'packer' });
  await expect(screen.device('serial-1')).toHaveAttribute('data-status', 'connected');
  await serialPair.write('P-1001\r');
  await expect(screen.bagCount).toHaveText('0 / 10');
  await serialPair.write('C-2001\r');
  await expect(screen.bagCount).toHaveText('1 / 10');

  await page.getByTestId('open-search').click();
  await expect(page.getByTestId('search-holds-scanner')).toBeVisible();
  await serialPair.write('C-2001\r');
  const card = page.getByTestId('search-result');
  await expect(card).toHaveAttribute('data-kind', 'child');
  await expect(card).toHaveAttribute('data-code', 'C-2001');
  // A new code scanned here is only searched: back on the scan screen the bag still holds one child.
  await serialPair.write('C-2002\r');
  await expect(card).toHaveAttribute('data-kind', 'none');
  await page.getByTestId('admin-back').click();
  await expect(screen.bagCount).toHaveText('1 / 10');
  await serialPair.write('C-2002\r');
  await expect(screen.bagCount).toHaveText('2 / 10');
});
