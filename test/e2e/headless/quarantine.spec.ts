import path from 'node:path';
import type { Client } from 'pg';
import { postgresUnavailable } from '../../helpers/postgres';
import { AuditScreen } from '../support/admin-screens';
import { startCentral, type E2eCentral } from '../support/central';
import { expect, test } from '../support/fixtures';
import { REPO_ROOT } from '../support/station-host';

const SCREENSHOT = path.join(REPO_ROOT, 'test-results', 'central-quarantine.png');

/**
 * A quarantined event, retried from the kiosk (issue 10), against a real central: a projection that
 * refuses one child (as a buggy projection would) sets the packer's scan aside; the chip tells the
 * supervisor; after the projection is fixed, the supervisor retries it with a reason on the audit
 * screen; central applies it, audits who did it, and the station says synced again.
 */
test.describe('quarantine at central', () => {
  let central: E2eCentral | null = null;
  let stationUrl = '';

  test.beforeAll(async () => {
    test.skip(postgresUnavailable() !== null, postgresUnavailable() ?? '');
    central = await startCentral();
    ({ stationUrl } = central);
  });
  test.afterAll(async () => {
    await central?.cluster.teardown();
  });

  const onCentral = <T>(fn: (c: Client) => Promise<T>) => central!.query(fn);

  test('a refused projection is quarantined, shown to the supervisor, retried with a reason, and applied', async ({ launchStation, openScanScreen, page }, testInfo) => {
    test.setTimeout(120_000);
    await onCentral((c) => c.query(`
      CREATE FUNCTION central.test_refuse_child(p_station text, p_from bigint, p_to bigint) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM central.station_events WHERE station_id = p_station AND seq > p_from AND seq <= p_to
                   AND payload->>'child' = 'C-BROKEN') THEN
          RAISE EXCEPTION 'no rule for child C-BROKEN' USING ERRCODE = '23514';
        END IF;
      END $$;
      INSERT INTO central.projections (name, fn, position) VALUES ('test-refuse', 'central.test_refuse_child', 900)`));

    const station = await launchStation({ config: { central: { url: stationUrl, pollIntervalMs: 200, referencePollMs: 500 } } });
    const screen = await openScanScreen(station, { as: 'packer' });
    await screen.demoScan('P-3001');
    await screen.demoScan('C-BROKEN');
    await screen.demoScan('C-3002');
    await expect(screen.bagCount).toHaveText(/^2 \//);

    const chip = page.getByTestId('replication-status');
    await expect(chip).toHaveText('Central: 1 quarantined at central — tell a supervisor', { timeout: 30_000 });
    await page.getByTestId('session-logout').click();
    await screen.signIn('supervisor');
    const audit = new AuditScreen(page);
    await audit.open();
    const panel = page.getByTestId('quarantine-panel');
    const row = panel.getByTestId('quarantine-row');
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute('data-kind', 'projection');
    await expect(row).toContainText('bag.child_linked');
    await expect(row).toContainText('no rule for child C-BROKEN');
    await page.screenshot({ path: SCREENSHOT });
    await testInfo.attach('central-quarantine', { body: await page.screenshot(), contentType: 'image/png' });

    // Retried before the fix: central tries again, fails again, and says why; the event stays quarantined.
    await row.getByTestId('quarantine-retry').click();
    await expect(page.getByTestId('quarantine-confirm')).toBeDisabled();
    await page.getByTestId('quarantine-reason-fixed').click();
    await page.getByTestId('quarantine-confirm').click();
    await expect(page.getByTestId('admin-notice-message')).toContainText('Central could not apply projection dead letter');
    await expect(page.getByTestId('admin-notice-message')).toContainText('no rule for child C-BROKEN');
    // a refusal, like every refusal, stays up until acknowledged
    await expect(page.getByTestId('error-message')).toContainText('no rule for child C-BROKEN');
    await page.getByTestId('error-ack').click();
    await page.getByTestId('admin-notice-ok').click();
    await expect(row).toHaveCount(1);

    // The projection is fixed at central; the retry now applies the scan.
    await onCentral((c) => c.query(`DELETE FROM central.projections WHERE name = 'test-refuse'`));
    await row.getByTestId('quarantine-retry').click();
    await page.getByTestId('quarantine-reason-other').fill('projection rule added for C-BROKEN');
    await page.getByTestId('quarantine-confirm').click();
    await expect(page.getByTestId('admin-notice-message')).toHaveText(/^Central applied projection dead letter \d+ again$/);
    await expect(page.getByTestId('quarantine-empty')).toBeVisible({ timeout: 15_000 });
    await expect(chip).toHaveText('Central: synced', { timeout: 15_000 });

    const { rows: actions } = await onCentral((c) => c.query(`SELECT who, action, outcome, reason FROM central.dead_letter_actions ORDER BY id`));
    expect(actions).toEqual([
      { who: 'Demo Supervisor (demo-supervisor) at station station-1', action: 'retry', outcome: 'failed', reason: 'The cause was fixed' },
      { who: 'Demo Supervisor (demo-supervisor) at station station-1', action: 'retry', outcome: 'retried', reason: 'projection rule added for C-BROKEN' },
    ]);
    const { rows: links } = await onCentral((c) => c.query(`SELECT child FROM central.bag_links ORDER BY child`));
    expect(links.map((l) => l.child)).toEqual(['C-3002', 'C-BROKEN']);
  });
});
