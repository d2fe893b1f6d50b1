import path from 'node:path';
import { expect, test } from '../support/fixtures';
import { UsersScreen } from '../support/admin-screens';
import { DEMO } from '../support/scan-screen';
import { REPO_ROOT } from '../support/station-host';
import { wedgeBurst } from '../support/wedge';

const shot = (name: string) => path.join(REPO_ROOT, 'test-results', `${name}.png`);

test('badge + PIN sign-in: the keypad opens for the badge, the right PIN starts the session', async ({ launchStation, openScanScreen, page }) => {
  const screen = await openScanScreen(await launchStation(), { as: null });
  await expect(page.getByTestId('signin-title')).toHaveText('Scan your badge to start');
  await screen.demoScan('P-1001'); // nobody signed in: refused, and said so
  await expect(screen.errorMessage).toHaveText('Scan your badge to start');
  await screen.acknowledgeError();
  await page.screenshot({ path: shot('signin-screen') });

  await page.getByTestId('demo-user-packer').click();
  await expect(page.getByTestId('pinpad')).toContainText(`PIN for ${DEMO.packer.name}`);
  await page.screenshot({ path: shot('pin-keypad') });
  await screen.enterPin(DEMO.packer.pin);
  await expect(page.getByTestId('signed-in-as')).toHaveText(`${DEMO.packer.name} (Packer)`);
  await screen.demoScan('P-1001');
  await expect(screen.bagCode).toHaveText('P-1001');
});

test('five wrong PINs lock the badge; an admin unlocks it and the right PIN works again', async ({ launchStation, openScanScreen, page }) => {
  const screen = await openScanScreen(await launchStation(), { as: null });
  await page.getByTestId('demo-user-packer').click();
  for (let i = 1; i <= 4; i++) {
    await screen.enterPin('9999');
    await expect(page.getByTestId('pin-error')).toHaveText(`Wrong PIN (${i} of 5)`);
    await screen.acknowledgeError();
  }
  await screen.enterPin('9999');
  await expect(screen.errorMessage).toHaveText('Wrong PIN 5 times: the badge is locked for 1 minute');
  await page.screenshot({ path: shot('pin-lockout') });
  await screen.acknowledgeError();
  await page.getByTestId('demo-user-packer').click();
  await expect(screen.errorMessage).toContainText('is locked after 5 wrong PINs');
  await screen.acknowledgeError();
  await expect(page.getByTestId('pinpad')).toBeHidden();

  await screen.signIn('admin');
  const users = new UsersScreen(page);
  await users.open();
  const packer = users.row(DEMO.packer.name);
  await expect(packer.getByTestId('user-locked')).toBeVisible();
  await page.screenshot({ path: shot('users-lockout') });
  await packer.getByTestId('user-unlock').click();
  await expect(users.notice).toHaveText(`${DEMO.packer.name} unlocked`);
  await expect(packer.getByTestId('user-locked')).toBeHidden();
  await page.getByTestId('session-logout').click();
  await screen.signIn('packer');
});

test('idle lock keeps the open bag; the same user resumes with the PIN alone', async ({ launchStation, openScanScreen, page }) => {
  const screen = await openScanScreen(await launchStation({ config: { session: { idleLockMs: 10_000 } } }), { as: 'packer' });
  for (const code of ['P-1001', 'C-2001']) await screen.demoScan(code);
  await expect(screen.bagCount).toHaveText('1 / 10');

  await expect(page.getByTestId('signin-screen')).toHaveAttribute('data-status', 'locked', { timeout: 20_000 });
  await expect(page.getByTestId('pinpad')).toContainText(`${DEMO.packer.name}: enter your PIN to continue`);
  await page.screenshot({ path: shot('idle-lock') });
  await screen.enterPin(DEMO.packer.pin);
  await expect(page.getByTestId('signed-in-as')).toContainText(DEMO.packer.name);
  await expect(screen.bagCode).toHaveText('P-1001');
  await expect(screen.bagCount).toHaveText('1 / 10');
});

test('another badge is a quick switch: the previous session ends and the new user is signed in', async ({ launchStation, openScanScreen, page }) => {
  const screen = await openScanScreen(await launchStation(), { as: 'packer' });
  await page.getByTestId('session-lock').click();
  await expect(page.getByTestId('signin-screen')).toHaveAttribute('data-status', 'locked');
  await screen.demoScan(DEMO.dispatcher.badge);
  await expect(page.getByTestId('pinpad')).toContainText(`PIN for ${DEMO.dispatcher.name}`);
  await screen.enterPin(DEMO.dispatcher.pin);
  await expect(page.getByTestId('signed-in-as')).toHaveText(`${DEMO.dispatcher.name} (Dispatcher)`);
});

test('a packer\'s undo needs a supervisor: badge, PIN and reason approve it on the spot', async ({ launchStation, openScanScreen, page }) => {
  const screen = await openScanScreen(await launchStation(), { as: 'packer' });
  for (const code of ['P-1001', 'C-2001', 'C-2002']) await screen.demoScan(code);
  await expect(screen.bagCount).toHaveText('2 / 10');

  await screen.undoLast();
  await expect(page.getByTestId('override-dialog')).toHaveAttribute('data-stage', 'badge');
  await screen.acknowledgeError(); // the refusal itself is on screen until seen
  // Badges come from the scanner (here the keyboard wedge): the dialog covers the demo panel.
  await wedgeBurst(page, [...DEMO.packer.badge]); // a packer cannot approve
  await expect(page.getByTestId('override-error')).toContainText('may not approve');
  await screen.acknowledgeError();
  await wedgeBurst(page, [...DEMO.supervisor.badge]);
  await expect(page.getByTestId('override-dialog')).toHaveAttribute('data-stage', 'pin');
  await page.getByTestId('override-reason-wrongItem').click();
  await page.screenshot({ path: shot('supervisor-override') });
  await screen.enterPin(DEMO.supervisor.pin);
  await expect(page.getByTestId('override-dialog')).toBeHidden();
  await expect(screen.status).toContainText('Undone: C-2002 removed from P-1001');
  await expect(screen.bagCount).toHaveText('1 / 10');
});

test('a restart within the idle time comes back to the same user', async ({ launchStation, openScanScreen, page }) => {
  const first = await launchStation();
  const screen = await openScanScreen(first, { as: 'packer' });
  await screen.demoScan('P-1001');
  await first.stop();
  await expect(screen.connectionBanner).toBeVisible();
  await launchStation({ port: first.port });
  await expect(screen.connectionBanner).toBeHidden();
  await expect(page.getByTestId('signed-in-as')).toContainText(DEMO.packer.name);
  await expect(screen.bagCode).toHaveText('P-1001');
  await screen.reload();
  await expect(page.getByTestId('signed-in-as')).toContainText(DEMO.packer.name);
});
