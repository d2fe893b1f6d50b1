import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { postgresUnavailable, startPostgres, type PgCluster } from '../../helpers/postgres';
import { ScaleSimulator, killAllScaleSimulators } from '../../helpers/scale-simulator';
import { expect, test } from '../support/fixtures';
import { REPO_ROOT } from '../support/station-host';
import { wedgeBurst } from '../support/wedge';

const shot = (name: string) => path.join(REPO_ROOT, 'test-results', `${name}.png`);
const CLI = path.join(REPO_ROOT, 'dist', 'main', 'cli', 'station.js');
const station = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

/**
 * The supervisor screen (issue "Supervisor screen"): the station's own figures when central is not
 * there, updating while scans happen; a scale unplugged and replugged in the devices panel; and, with a
 * real central, the floor-wide figures and every station's replication.
 */
test('without central: this station only, and the figures follow the scans live', async ({ launchStation, openScanScreen, page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const screen = await openScanScreen(await launchStation(), { as: 'supervisor' });
  await screen.demoScan('P-1001');
  await screen.demoScan('C-2001');
  await page.getByTestId('open-dashboard').click();
  await expect(page.getByTestId('dashboard-screen')).toBeVisible();
  await expect(page.getByTestId('dashboard-source')).toContainText('This station only, as of');
  await expect(page.getByTestId('dashboard-reason')).toContainText('this station replicates to no central database');
  const chart = page.getByTestId('dashboard-chart');
  await expect(chart).toHaveAttribute('data-total', '1');
  await expect(page.getByTestId('tile-closed-value')).toHaveText('0');
  // scans from a keyboard-wedge scanner while the screen is open: it follows without a touch
  for (const code of ['C-2002', 'C-2003', 'NOT-A-CODE']) {
    await wedgeBurst(page, code);
  }
  await expect(chart).toHaveAttribute('data-total', '3');
  await expect(page.getByTestId('tile-errors-value')).toHaveText('25.0 %');
  await page.getByTestId('error-ack').click();
  await expect(page.getByTestId('error-dialog')).toHaveCount(0);
  await expect(page.getByTestId('packer-row')).toHaveCount(1);
  await expect(page.getByTestId('packer-row')).toContainText('Demo Supervisor');
  await expect(page.locator('.dash-chart .u-legend')).toContainText('Demo Supervisor');
  await page.screenshot({ path: shot('dashboard') });
  await page.getByTestId('dashboard-back').click();
  await expect(page.getByTestId('dashboard-screen')).toHaveCount(0);
});

test('a packer has no way in', async ({ launchStation, openScanScreen, page }) => {
  await openScanScreen(await launchStation(), { as: 'packer' });
  await expect(page.getByTestId('open-search')).toBeVisible();
  await expect(page.getByTestId('open-dashboard')).toHaveCount(0);
});

test('a scale on a real pty unplugged and replugged: the devices panel says so in words and counts the reconnect', async ({ launchStation, openScanScreen, page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-dash-scale-'));
  const scale = new ScaleSimulator({ protocol: 'mt-sics', dir, name: 'scale', baudRate: 9600, script: [{ grams: 1310 }] });
  try {
    await scale.plugIn();
    const config = {
      container: { types: [
        { id: 'bag', name: 'Bag', code: { pattern: '^C-[0-9]+$' }, holds: [], itemWeightG: 500 },
        { id: 'sack', name: 'Sack', code: { pattern: '^S-[0-9]+$' }, capacity: 2, emptyWeightG: 300, maxWeightG: 5000, holds: ['bag'] },
      ] },
      scales: [{ id: 'scale-1', path: scale.stationEnd, protocol: 'mt-sics', replyTimeoutMs: 500, idlePollMs: 500, stableReadings: 2, tolerance: { grams: 50 } }],
    };
    await openScanScreen(await launchStation({ config }), { as: 'supervisor' });
    await expect(page.getByTestId('device-scale-1')).toHaveAttribute('data-status', 'connected');
    await page.getByTestId('open-dashboard').click();
    await page.getByTestId('dashboard-tab-devices').click();
    const row = page.locator('[data-testid="device-health-row"][data-device="scale-1"]');
    await expect(row).toHaveAttribute('data-status', 'connected');
    await expect(row.getByTestId('device-health-reconnects')).toHaveText('0');

    await scale.unplug();
    await expect(row).toHaveAttribute('data-status', 'disconnected', { timeout: 20_000 });
    await expect(row.getByTestId('device-health-status')).toContainText('disconnected');
    await expect(row.getByTestId('device-health-problem')).not.toContainText('none');
    await expect(row.getByTestId('device-health-errors')).toHaveText('1');

    await scale.plugIn();
    await expect(row).toHaveAttribute('data-status', 'connected', { timeout: 20_000 });
    await expect(row.getByTestId('device-health-reconnects')).toHaveText('1');
    // the problem stays readable after it was fixed
    await expect(row.getByTestId('device-health-problem')).not.toContainText('none');
    await expect(page.getByTestId('sync-backlog')).toBeVisible();
    await page.screenshot({ path: shot('device-health') });
  } finally {
    await scale.unplug();
    await killAllScaleSimulators();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test.describe('with a real central', () => {
  let cluster: PgCluster | null = null;
  let stationUrl = '';

  test.beforeAll(async () => {
    test.skip(postgresUnavailable() !== null, postgresUnavailable() ?? '');
    cluster = await startPostgres();
    const adminUrl = cluster.superUrl(await cluster.createDatabase('e2e'));
    station('migrate', '--central', adminUrl);
    const provisioned = station('provision', '--central', adminUrl, '--station', 'station-1');
    const url = /url: "([^"]+)"/.exec(provisioned)?.[1];
    if (!url) throw new Error(`station provision printed no url:\n${provisioned}`);
    stationUrl = url;
  });
  test.afterAll(async () => {
    await cluster?.teardown();
  });

  test('floor-wide figures from central, and this station in the per-station replication', async ({ launchStation, openScanScreen, page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    const running = await launchStation({ config: { central: { url: stationUrl, pollIntervalMs: 200, referencePollMs: 500 } } });
    const screen = await openScanScreen(running, { as: 'supervisor' });
    for (const code of ['P-3001', 'C-3001', 'C-3002']) await screen.demoScan(code);
    await expect(page.getByTestId('replication-status')).toHaveText('Central: synced', { timeout: 30_000 });
    await page.getByTestId('open-dashboard').click();
    await expect(page.getByTestId('dashboard-source')).toContainText('Floor-wide, from central, as of', { timeout: 20_000 });
    await expect(page.getByTestId('dashboard-chart')).toHaveAttribute('data-total', '2', { timeout: 20_000 });
    await expect(page.locator('.dash-chart .u-legend')).toContainText('station-1');
    await page.getByTestId('dashboard-tab-devices').click();
    const mine = page.locator('[data-testid="floor-replication-row"][data-station="station-1"]');
    await expect(mine).toBeVisible();
    await expect(mine).toContainText('(this station)');
    await expect(mine.getByTestId('floor-replication-mark')).not.toHaveText('0');
    await page.screenshot({ path: shot('dashboard-central') });
  });
});
