import { expect, test } from '../support/fixtures';

test('when the station goes away the page says so, and after a restart the bag is still there', async ({ launchStation, openScanScreen }) => {
  const first = await launchStation();
  const screen = await openScanScreen(first);
  for (const code of ['P-1001', 'C-2001', 'C-2002']) await screen.demoScan(code);
  await expect(screen.bagCount).toHaveText('2 / 10');

  await first.stop();
  await expect(screen.connectionBanner).toBeVisible();
  await expect(screen.connectionBanner).toContainText('Connection lost — reconnecting');
  await screen.undoLast(); // pressed while the station is away: says so instead of failing silently
  await expect(screen.status).toContainText('Not sent');

  await launchStation({ port: first.port }); // same data dir, same address
  await expect(screen.connectionBanner).toBeHidden();
  await expect(screen.bagCode).toHaveText('P-1001');
  await expect(screen.bagCount).toHaveText('2 / 10');
  await expect(screen.status).not.toContainText('Not sent');
});
