import path from 'node:path';
import { UsersScreen } from '../support/admin-screens';
import { expect, test } from '../support/fixtures';
import { REPO_ROOT } from '../support/station-host';

const SCREENSHOT = path.join(REPO_ROOT, 'test-results', 'admin-users.png');

test('an admin creates a user, finds it, resets its PIN, changes its role and disables it; its badge is then refused', async ({ launchStation, openScanScreen, page }, testInfo) => {
  const screen = await openScanScreen(await launchStation(), { as: 'admin' });
  const users = new UsersScreen(page);
  await users.open();
  // The five demo users, in name order.
  await expect(users.rows).toHaveCount(5);
  await expect(users.row('Demo Admin').getByTestId('user-status')).toHaveText('Active');

  // New user: name, role and badge typed, the PIN on the on-screen keypad.
  await page.getByTestId('user-new').click();
  const dialog = page.getByTestId('new-user-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('pin-submit')).toBeDisabled(); // no name, badge or PIN yet
  // Touch targets: every control of the dialog at least 48 px tall, the keypad's keys at least 64 px.
  for (const box of await dialog.locator('button, input, select').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))) expect(box).toBeGreaterThanOrEqual(48);
  for (const box of await dialog.getByRole('button', { name: /^PIN digit/ }).evaluateAll((els) => els.map((e) => Math.min(e.getBoundingClientRect().height, e.getBoundingClientRect().width)))) expect(box).toBeGreaterThanOrEqual(64);
  await page.getByTestId('new-user-name').fill('Nina Newhire');
  await page.getByTestId('new-user-role').selectOption('packer');
  await page.getByTestId('new-user-badge').fill('B-NINA1');
  await screen.enterPin('2468');
  await expect(users.notice).toHaveText('User Nina Newhire created (packer, badge B-NINA1)');
  await expect(dialog).toBeHidden();
  await expect(users.rows).toHaveCount(6);

  // Search finds it by a part of its name.
  await users.search.fill('nina');
  await expect(users.rows).toHaveCount(1);
  const nina = users.row('Nina Newhire');
  await expect(nina.getByTestId('user-badge')).toHaveText('B-NINA1');
  await expect(nina.getByTestId('user-role')).toHaveText('Packer');

  // Reset its PIN on the keypad, then change its role.
  await nina.getByTestId('user-reset-pin').click();
  await expect(page.getByTestId('reset-pin-dialog')).toBeVisible();
  await expect(page.getByTestId('pinpad')).toContainText('New PIN for Nina Newhire');
  await screen.enterPin('1357');
  await expect(users.notice).toHaveText('PIN of Nina Newhire (B-NINA1) reset');
  await expect(page.getByTestId('reset-pin-dialog')).toBeHidden();
  await nina.getByTestId('user-change-role').selectOption('dispatcher');
  await expect(users.notice).toHaveText('Nina Newhire (B-NINA1) is now dispatcher');
  await expect(nina.getByTestId('user-role')).toHaveText('Dispatcher');

  // A refusal stays on screen until OK: the admin cannot disable themself.
  await users.search.fill('Demo Admin');
  await expect(users.rows).toHaveCount(1);
  await users.row('Demo Admin').getByTestId('user-disable').click();
  await expect(screen.errorDialog).toBeVisible();
  await expect(screen.errorMessage).toHaveText('You cannot disable yourself');
  await screen.acknowledgeError();
  await expect(users.notice).toHaveText('You cannot disable yourself');
  await page.getByTestId('admin-notice-ok').click();
  await expect(page.getByTestId('admin-notice')).toBeHidden();

  // The new PIN and role work: Nina signs in with them, as a dispatcher (no Users button).
  await page.getByTestId('session-logout').click();
  await screen.demoScan('B-NINA1');
  await screen.enterPin('1357');
  await expect(page.getByTestId('signed-in-as')).toHaveText('Nina Newhire (Dispatcher)');
  await expect(page.getByTestId('open-users')).toBeHidden();
  await expect(page.getByTestId('open-audit')).toBeHidden();
  await page.getByTestId('session-logout').click();

  // Disable it.
  await screen.signIn('admin');
  await users.open();
  await users.search.fill('nina');
  await expect(users.rows).toHaveCount(1);
  await users.row('Nina Newhire').getByTestId('user-disable').click();
  await expect(users.notice).toHaveText('Nina Newhire (B-NINA1) disabled');
  await expect(users.row('Nina Newhire').getByTestId('user-status')).toHaveText('Disabled');
  await expect(users.row('Nina Newhire').getByTestId('user-enable')).toBeVisible();
  for (const box of await users.root.locator('button, input, select').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))) expect(box).toBeGreaterThanOrEqual(48);

  const png = await page.screenshot({ path: SCREENSHOT });
  await testInfo.attach('admin-users', { body: png, contentType: 'image/png' });

  // A disabled user's badge is refused at the sign-in screen.
  await users.back();
  await page.getByTestId('session-logout').click();
  await screen.demoScan('B-NINA1');
  await expect(screen.errorDialog).toBeVisible();
  await expect(screen.errorMessage).toHaveText('Badge B-NINA1 belongs to a disabled user (Nina Newhire): ask an admin');
  await screen.acknowledgeError();
  await expect(page.getByTestId('pinpad')).toBeHidden();
  await expect(page.getByTestId('signin-screen')).toBeVisible();
});

test('the Users button is there for an admin only; a supervisor sees the audit trail, a packer neither', async ({ launchStation, openScanScreen, page }) => {
  const screen = await openScanScreen(await launchStation(), { as: 'supervisor' });
  await expect(page.getByTestId('open-audit')).toBeVisible();
  await expect(page.getByTestId('open-users')).toBeHidden();
  await page.getByTestId('session-logout').click();
  await screen.signIn('packer');
  await expect(page.getByTestId('open-audit')).toBeHidden();
  await expect(page.getByTestId('open-users')).toBeHidden();
});
