import Database from 'better-sqlite3';
import path from 'node:path';
import { saveRejections } from '../../../src/store/reference-cache';
import { AuditScreen } from '../support/admin-screens';
import { expect, test } from '../support/fixtures';
import { REPO_ROOT } from '../support/station-host';

const SCREENSHOT = path.join(REPO_ROOT, 'test-results', 'central-rejections.png');

/**
 * A station without central cannot receive real rejections, so the test writes them the way the
 * replication worker's pull does (`saveRejections`, on its own connection to the running station's
 * database: WAL lets it) for events the packer really recorded. The rest is the station's own path:
 * the count in the replication status, the header chip, the audit screen, `audit.rejection_seen`.
 */
test('rejections from central: the chip counts them, the audit screen says what and why, Seen is audited', async ({ launchStation, openScanScreen, page, workDir }, testInfo) => {
  test.setTimeout(90_000);
  const screen = await openScanScreen(await launchStation(), { as: 'packer' });
  await screen.demoScan('P-1001');
  await screen.demoScan('C-2001');
  await expect(screen.bagCount).toHaveText(/^1 \//);

  const db = new Database(path.join(workDir, 'data', 'station.db'), { timeout: 5_000 });
  try {
    const event = (sql: string) => db.prepare(sql).get() as { seq: number; id: string };
    const linked = event(`SELECT seq, id FROM events WHERE type = 'bag.child_linked' ORDER BY seq DESC LIMIT 1`);
    const login = event(`SELECT seq, id FROM events WHERE type = 'session.started' AND user_id = 'demo-packer' ORDER BY seq DESC LIMIT 1`);
    saveRejections(db, [
      { centralId: 1, seq: linked.seq, eventId: linked.id, type: 'bag.child_linked', reason: 'child_linked_elsewhere',
        detail: 'child C-2001 is already in P-9001', winnerStation: 'pack-02', winnerSeq: 17, createdAt: new Date().toISOString() },
      { centralId: 2, seq: login.seq, eventId: login.id, type: 'session.started', reason: 'user_disabled',
        detail: 'login by Demo Packer (demo-packer) on station-1 after central disabled the user', winnerStation: null, winnerSeq: null,
        createdAt: new Date().toISOString() },
    ]);
  } finally {
    db.close();
  }

  // A supervisor sees the chip within the replication poll; a packer never does.
  const chip = page.getByTestId('rejections-chip');
  await page.getByTestId('session-logout').click();
  await screen.signIn('supervisor');
  await expect(chip).toHaveText('2 central rejections');
  await page.getByTestId('session-logout').click();
  await screen.signIn('packer');
  await expect(chip).toBeHidden();
  await page.getByTestId('session-logout').click();
  await screen.signIn('supervisor');
  await expect(chip).toHaveText('2 central rejections');

  await chip.click();
  const audit = new AuditScreen(page);
  await expect(audit.root).toBeVisible();
  const panel = page.getByTestId('rejections-panel');
  const rows = panel.getByTestId('rejection-row');
  await expect(rows).toHaveCount(2);
  await expect(panel.getByTestId('rejections-unseen')).toContainText('2 not yet seen');
  // Unseen, newest first: the login, then the link.
  const [loginRow, linkRow] = [rows.nth(0), rows.nth(1)];
  await expect(loginRow.getByTestId('rejection-what')).toHaveText(/session\.started #\d+/);
  await expect(loginRow.getByTestId('rejection-who')).toContainText('Demo Packer');
  await expect(loginRow.getByTestId('rejection-reason')).toHaveText('Signed in after central had disabled the user');
  await expect(linkRow.getByTestId('rejection-what')).toContainText('bag.child_linked');
  await expect(linkRow.getByTestId('rejection-who')).toContainText('demo-packer');
  await expect(linkRow.getByTestId('rejection-when')).toContainText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
  await expect(linkRow.getByTestId('rejection-reason')).toHaveText('The child bag was already in another parent bag, at pack-02');
  await expect(linkRow.getByTestId('rejection-detail')).toHaveText('child C-2001 is already in P-9001');
  await expect(linkRow.getByTestId('rejection-why')).toContainText('the change that won: pack-02 #17');
  await page.screenshot({ path: SCREENSHOT });
  await testInfo.attach('central-rejections', { body: await page.screenshot(), contentType: 'image/png' });

  // Seen, one at a time: the chip counts down and is gone after the last.
  await panel.locator('[data-central-id="1"]').getByTestId('rejection-seen').click();
  await expect(page.getByTestId('admin-notice-message')).toHaveText(/^Rejection of bag\.child_linked #\d+ marked seen$/);
  await expect(panel.locator('[data-central-id="1"]')).toHaveAttribute('data-seen', 'true');
  await expect(panel.locator('[data-central-id="1"]').getByTestId('rejection-seen')).toHaveCount(0);
  await expect(chip).toHaveText('1 central rejection');
  await panel.locator('[data-central-id="2"]').getByTestId('rejection-seen').click();
  await expect(panel.locator('[data-central-id="2"]')).toHaveAttribute('data-seen', 'true');
  await expect(chip).toBeHidden();
  await expect(rows).toHaveCount(2); // seen ones stay listed, after any unseen

  // The audit trail: both marks, by the supervisor, newest first.
  await expect(audit.cell(0, 'audit-what')).toContainText('audit.rejection_seen');
  await audit.filter({ type: 'audit.' });
  await expect(audit.rows).toHaveCount(2);
  for (const i of [0, 1]) {
    await expect(audit.cell(i, 'audit-who')).toContainText('Demo Supervisor');
    await expect(audit.cell(i, 'audit-role')).toHaveText('Supervisor');
  }
  await expect(audit.cell(0, 'audit-what')).toContainText('centralId=2');
  await expect(audit.cell(0, 'audit-what')).toContainText('type=session.started');
  await expect(audit.cell(1, 'audit-what')).toContainText('centralId=1');
});
