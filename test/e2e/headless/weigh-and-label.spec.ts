import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ScaleSimulator, killAllScaleSimulators } from '../../helpers/scale-simulator';
import { ZplPrinterSimulator } from '../../helpers/zpl-printer';
import { expect, test } from '../support/fixtures';
import { DEMO } from '../support/scan-screen';
import { REPO_ROOT } from '../support/station-host';
import { wedgeBurst } from '../support/wedge';

const shot = (name: string) => path.join(REPO_ROOT, 'test-results', `${name}.png`);

/**
 * Close → weigh → label on the touch screen (issue 11), with a scale speaking MT-SICS on a real pty
 * and a ZPL printer on a real TCP port: the scan that fills a sack closes it, the scale weighs it
 * (in tolerance: the label prints with its weight; out of tolerance: a supervisor accepts it), a
 * printer that is off keeps the job and prints it once when it is back, and a reprint needs a reason.
 */
test('weighing in and out of tolerance, a printer off and back on, and a reprint with a reason', async ({ launchStation, openScanScreen, page }) => {
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-weigh-'));
  const scale = new ScaleSimulator({ protocol: 'mt-sics', dir, name: 'scale', baudRate: 9600, script: [{ grams: 1310 }] });
  const printer = new ZplPrinterSimulator();
  try {
    await scale.plugIn();
    await printer.turnOn();
    const config = {
      container: { types: [
        { id: 'bag', name: 'Bag', code: { pattern: '^C-[0-9]+$' }, holds: [], itemWeightG: 500 },
        { id: 'sack', name: 'Sack', code: { pattern: '^S-[0-9]+$' }, capacity: 2, emptyWeightG: 300, maxWeightG: 5000, holds: ['bag'] },
      ] },
      scales: [{ id: 'scale-1', path: scale.stationEnd, protocol: 'mt-sics', replyTimeoutMs: 500, idlePollMs: 500, stableReadings: 2, tolerance: { grams: 50 } }],
      labels: { printer: { kind: 'network', host: '127.0.0.1', port: printer.port, connectTimeoutMs: 500, replyTimeoutMs: 500 },
        retry: { firstMs: 200, maxMs: 500 }, statusPollMs: 300 },
    };
    const screen = await openScanScreen(await launchStation({ config }), { as: 'packer' });
    await expect(page.getByTestId('device-scale-1')).toHaveAttribute('data-status', 'connected');

    // in tolerance: weighed, label printed with the weight on it
    for (const code of ['S-1', 'C-1', 'C-2']) await screen.demoScan(code);
    const weighing = page.getByTestId('weighing');
    await expect(weighing).toHaveAttribute('data-status', 'accepted', { timeout: 15_000 });
    await expect(weighing).toContainText('S-1 weighs 1,310 g (expected 1,300 g ± 50 g)');
    await expect(page.getByTestId('label-job')).toHaveAttribute('data-status', 'sent', { timeout: 15_000 });
    expect(printer.labels).toHaveLength(1);
    expect(printer.labels[0]).toContain('S-1');
    // the on-screen preview draws the same codes with bwip-js
    for (const id of ['label-preview-code128', 'label-preview-datamatrix']) {
      await expect(page.getByTestId(id)).toBeVisible();
      expect(await page.getByTestId(id).evaluate((c: HTMLCanvasElement) => c.width * c.height)).toBeGreaterThan(0);
    }
    await page.screenshot({ path: shot('weigh-and-label') });

    // out of tolerance: the packer cannot accept it; a supervisor does, with a reason
    scale.play([{ grams: 1900 }]);
    for (const code of ['S-2', 'C-3', 'C-4']) await screen.demoScan(code);
    await expect(weighing).toHaveAttribute('data-status', 'needs-supervisor', { timeout: 15_000 });
    await expect(weighing).toContainText('S-2 weighs 1,900 g: too heavy (expected 1,300 g ± 50 g)');
    expect(printer.labels).toHaveLength(1);
    await expect(page.getByTestId('error-message')).toContainText('S-2 weighs 1.900 kg, too heavy');
    await screen.acknowledgeError(); // a refusal stays up until the packer has seen it
    await page.screenshot({ path: shot('weigh-out-of-tolerance') });
    await page.getByTestId('weigh-accept').click();
    await page.getByTestId('weigh-accept-reason-checked').click();
    await page.getByTestId('weigh-accept-confirm').click();
    await expect(page.getByTestId('override-dialog')).toHaveAttribute('data-stage', 'badge');
    await screen.acknowledgeError();
    await wedgeBurst(page, [...DEMO.supervisor.badge]);
    await page.getByTestId('override-reason-wrongItem').click();
    await screen.enterPin(DEMO.supervisor.pin);
    await expect(weighing).toHaveAttribute('data-status', 'accepted', { timeout: 15_000 });
    await expect(page.getByTestId('label-job')).toHaveAttribute('data-status', 'sent', { timeout: 15_000 });
    expect(printer.labels).toHaveLength(2);

    // the printer off: the job waits and says why; back on, it prints once
    scale.play([{ grams: 1300 }]);
    await printer.turnOff();
    for (const code of ['S-3', 'C-5', 'C-6']) await screen.demoScan(code);
    await expect(page.getByTestId('label-job')).toHaveAttribute('data-status', 'failed', { timeout: 15_000 });
    await expect(page.getByTestId('error-message')).toContainText('Label for S-3 not printed: printer is off or unreachable');
    await page.screenshot({ path: shot('label-printer-off') });
    await screen.acknowledgeError();
    await expect(page.getByTestId('label-job')).toContainText('Label for S-3 waits for the printer');
    await printer.turnOn();
    await expect(page.getByTestId('label-job')).toHaveAttribute('data-status', 'sent', { timeout: 15_000 });
    expect(printer.labels.filter((l) => l.includes('S-3'))).toHaveLength(1);

    // a reprint needs a reason, and is a second job
    await page.getByTestId('label-reprint').click();
    await expect(page.getByTestId('label-reprint-confirm')).toBeDisabled();
    await page.getByTestId('label-reprint-reason-damaged').click();
    await page.getByTestId('label-reprint-confirm').click();
    await expect.poll(() => printer.labels.filter((l) => l.includes('S-3')).length, { timeout: 15_000 }).toBe(2);
  } finally {
    await printer.turnOff();
    await scale.unplug();
    await killAllScaleSimulators();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
