import path from 'node:path';
import { expect, test } from '../support/fixtures';
import { DEMO } from '../support/scan-screen';
import { REPO_ROOT } from '../support/station-host';

const SCREENSHOT = path.join(REPO_ROOT, 'test-results', 'shift.png');

test('shift: a packer sees their own events newest first; a supervisor picks the packer and sees theirs', async ({ launchStation, openScanScreen, page }) => {
  test.setTimeout(60_000);
  const screen = await openScanScreen(await launchStation({ config: { bags: { capacity: 10 } } }), { as: 'packer' });
  for (const code of ['P-1001', 'C-2001', 'C-2002']) await screen.demoScan(code);
  await expect(screen.bagCount).toHaveText('2 / 10');
  // A refused scan is part of the shift too, with its reason.
  await screen.demoScan('X-1');
  await screen.acknowledgeError();

  await page.getByTestId('open-shift').click();
  const shift = page.getByTestId('shift-screen');
  await expect(shift).toBeVisible();
  await expect(page.getByTestId('shift-user')).toHaveCount(0);
  const rows = page.getByTestId('history-row');
  await expect(rows).toHaveCount(5);
  await expect(rows.first()).toHaveAttribute('data-type', 'scan.rejected');
  await expect(rows.first().getByTestId('history-code')).toHaveText('X-1');
  await expect(rows.first().getByTestId('history-what')).toContainText('Scan refused');
  await expect(rows.first().getByTestId('history-why')).not.toBeEmpty();
  await expect(rows.nth(1).getByTestId('history-code')).toHaveText('C-2002');
  await expect(rows.nth(1).getByTestId('history-what')).toContainText('Put into bag P-1001');
  await expect(rows.nth(2).getByTestId('history-code')).toHaveText('C-2001');
  await expect(rows.nth(3)).toHaveAttribute('data-type', 'bag.parent_opened');
  await expect(rows.nth(3).getByTestId('history-code')).toHaveText('P-1001');
  await expect(rows.last()).toHaveAttribute('data-type', 'session.started');
  await expect(page.getByTestId('history-older')).toHaveCount(0);
  // Opened from the top bar: Back returns to scanning, the bag as it was.
  await page.getByTestId('shift-back').click();
  await expect(screen.bagCount).toHaveText('2 / 10');

  await page.getByTestId('session-logout').click();
  await screen.signIn('supervisor');
  await page.getByTestId('open-search').click();
  await page.getByTestId('open-shift').click();
  await expect(shift).toBeVisible();
  await expect(page.getByRole('heading', { name: 'My shift' })).toBeVisible();
  // The supervisor's own shift first: only their sign-in.
  await expect(rows).toHaveCount(1);
  const picker = page.getByTestId('shift-user');
  const packerId = await picker.locator('option', { hasText: DEMO.packer.name }).getAttribute('value');
  expect(packerId).toBeTruthy();
  await picker.selectOption(packerId!);
  await expect(page.getByRole('heading', { name: `Shift of ${DEMO.packer.name}` })).toBeVisible();
  await expect(shift).toHaveAttribute('data-user', packerId!);
  // The packer's events, their sign-out (the newest) first.
  await expect(rows).toHaveCount(6);
  await expect(rows.first()).toHaveAttribute('data-type', 'session.ended');
  await expect(rows.nth(2).getByTestId('history-code')).toHaveText('C-2002');
  await expect(rows.last()).toHaveAttribute('data-type', 'session.started');
  await page.screenshot({ path: SCREENSHOT, fullPage: true });

  // Opened from the search screen: Back returns there.
  await page.getByTestId('shift-back').click();
  await expect(page.getByTestId('search-screen')).toBeVisible();
});

test('shift: 60 scans make two pages of 50; Older and Newest walk them by the cursor', async ({ launchStation, openScanScreen, page }) => {
  test.setTimeout(120_000);
  const screen = await openScanScreen(await launchStation({ config: { bags: { capacity: 100 } } }), { as: 'packer' });
  const codes = ['P-1001', ...Array.from({ length: 59 }, (_, i) => `C-${2001 + i}`)];
  for (const code of codes) await screen.demoScan(code);
  await expect(screen.bagCount).toHaveText('59 / 100');

  await page.getByTestId('open-shift').click();
  const rows = page.getByTestId('history-row');
  // 60 scans and the sign-in: 61 events, 50 on the newest page.
  await expect(rows).toHaveCount(50);
  await expect(rows.first().getByTestId('history-code')).toHaveText('C-2059');
  await expect(rows.last().getByTestId('history-code')).toHaveText('C-2010');
  await expect(page.getByTestId('history-newest')).toHaveCount(0);

  await page.getByTestId('history-older').click();
  await expect(rows).toHaveCount(11);
  await expect(rows.first().getByTestId('history-code')).toHaveText('C-2009');
  await expect(rows.nth(9).getByTestId('history-code')).toHaveText('P-1001');
  await expect(rows.last()).toHaveAttribute('data-type', 'session.started');
  await expect(page.getByTestId('history-older')).toHaveCount(0);
  await expect(page.getByTestId('shift-page')).toHaveText('Page 2');

  await page.getByTestId('history-newest').click();
  await expect(rows).toHaveCount(50);
  await expect(rows.first().getByTestId('history-code')).toHaveText('C-2059');
});
