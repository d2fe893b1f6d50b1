import path from 'node:path';
import { DiagnosticsScreen } from '../support/diagnostics-screen';
import { expect, test } from '../support/fixtures';
import { REPO_ROOT } from '../support/station-host';
import { CTRL_GS, wedgeBurst } from '../support/wedge';

/** Kept at a fixed place next to the scan screen's, so CI can publish it. */
const SCREENSHOT = path.join(REPO_ROOT, 'test-results', 'diagnostics-screen.png');

/** ASCII text as the table shows its bytes: `P-1` → `50 2d 31`. */
const hexOf = (text: string) => [...Buffer.from(text, 'latin1')].map((b) => b.toString(16).padStart(2, '0')).join(' ');

test('diagnostics shows the last scans as hex + text with their decode, and follows new scans', async ({ launchStation, openScanScreen, page }, testInfo) => {
  const screen = await openScanScreen(await launchStation());
  const diagnostics = new DiagnosticsScreen(page);
  const badGtin = '(01)09506000134353'; // GS1 in the bracketed form, with a wrong check digit

  await screen.demoScan('P-1001');
  await expect(screen.bagCode).toHaveText('P-1001');
  await screen.demoScan(badGtin);
  await expect(screen.errorDialog).toBeVisible();
  await screen.acknowledgeError();

  await diagnostics.open();
  await expect(diagnostics.root).toBeVisible();
  // Newest first: the broken GTIN, the parent bag, then the supervisor's badge that signed in.
  await expect(diagnostics.rows).toHaveCount(3);
  await expect(diagnostics.cell(2, 'diag-text')).toHaveText('B-DEMO4');
  await expect(diagnostics.cell(0, 'diag-hex')).toHaveText(hexOf(badGtin));
  await expect(diagnostics.cell(0, 'diag-text')).toHaveText(badGtin);
  await expect(diagnostics.cell(0, 'diag-result')).toHaveText(/Invalid: .*bad check digit 3, expected 2/);
  await expect(diagnostics.cell(1, 'diag-hex')).toHaveText(hexOf('P-1001'));
  await expect(diagnostics.cell(1, 'diag-result')).toHaveText('Valid');

  // A wedge scan while the screen is open: the table follows it by itself. Ctrl+] is GS (FNC1).
  await wedgeBurst(page, [CTRL_GS, ...'0109506000134352', CTRL_GS, ...'10ABC']);
  await expect(diagnostics.rows).toHaveCount(4);
  await expect(diagnostics.cell(0, 'diag-text')).toHaveText('GS0109506000134352GS10ABC');
  await expect(diagnostics.cell(0, 'diag-text').getByTestId('control-char')).toHaveText(['GS', 'GS']);
  await expect(diagnostics.cell(0, 'diag-hex')).toHaveText(`1d ${hexOf('0109506000134352')} 1d ${hexOf('10ABC')}`);
  await expect(diagnostics.cell(0, 'diag-gs1')).toHaveText('(01) 09506000134352(10) ABC');
  await expect(diagnostics.cell(0, 'diag-result')).toHaveText('Valid');
  await screen.acknowledgeError(); // the station refuses the unknown GTIN; the dialog shows over any screen

  // The embedded defaults have no central database: the header says so in words.
  await expect(page.getByTestId('replication-status')).toHaveText('Central: not configured');

  const png = await page.screenshot({ path: SCREENSHOT });
  await testInfo.attach('diagnostics-screen', { body: png, contentType: 'image/png' });

  await diagnostics.back();
  await expect(diagnostics.root).toBeHidden();
  await expect(screen.bagCode).toHaveText('P-1001');
});

test('a GS1-128 read from a serial scanner, and a double read that only "Refresh" brings in', async ({ launchStation, openScanScreen, serialPair, page }) => {
  const station = await launchStation({
    config: {
      scanRules: { duplicateWindowMs: 60_000 },
      scanners: [{ kind: 'serial', id: 'serial-1', path: serialPair.devicePath, framing: { suffix: 'CR' } }],
    },
  });
  const screen = await openScanScreen(station);
  const diagnostics = new DiagnosticsScreen(page);
  await expect(screen.device('serial-1')).toHaveAttribute('data-status', 'connected');
  await diagnostics.open();
  // Only the badge that signed in (from the demo users' panel) has been read so far.
  await expect(diagnostics.rows).toHaveCount(1);
  await expect(diagnostics.cell(0, 'diag-text')).toHaveText('B-DEMO4');

  // Byte-exact over serial: the AIM id ]C1 and a real GS between the elements.
  serialPair.write(']C10109506000134352\x1d10LOT7\r');
  await expect(diagnostics.rows).toHaveCount(2);
  await expect(diagnostics.rows.first()).toContainText(']C1');
  await expect(diagnostics.rows.first()).toContainText('gs1-128');
  await expect(diagnostics.cell(0, 'diag-text')).toHaveText('0109506000134352GS10LOT7');
  await expect(diagnostics.cell(0, 'diag-text').getByTestId('control-char')).toHaveText(['GS']);
  await expect(diagnostics.cell(0, 'diag-gs1')).toHaveText('(01) 09506000134352(10) LOT7');
  await expect(diagnostics.cell(0, 'diag-duplicate')).toHaveText('No');
  await screen.acknowledgeError(); // an unknown GTIN for the default rules

  // A double read is suppressed: no scan result, so the table learns of it only on "Refresh".
  serialPair.write(']C10109506000134352\x1d10LOT7\r');
  await expect(async () => {
    await diagnostics.refresh();
    await expect(diagnostics.rows).toHaveCount(3, { timeout: 500 });
  }).toPass({ timeout: 10_000 });
  await expect(diagnostics.cell(0, 'diag-duplicate')).toHaveText('Duplicate');
  await expect(screen.errorDialog).toBeHidden();
});
