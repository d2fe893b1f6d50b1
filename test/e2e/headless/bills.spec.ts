import fs from 'node:fs';
import path from 'node:path';
import { pdfText, pdfToPng } from '../../helpers/pdf-to-png';
import { expect, test } from '../support/fixtures';
import type { DemoRole } from '../support/scan-screen';
import { REPO_ROOT } from '../support/station-host';

const results = (name: string) => path.join(REPO_ROOT, 'test-results', name);

// Sacks of bags and no scale: every bill line is an estimate (300 g sack + 500 g a bag).
const CONFIG = {
  container: {
    types: [
      { id: 'bag', name: 'Bag', code: { pattern: '^C-[0-9]+$' }, holds: [], itemWeightG: 500 },
      { id: 'sack', name: 'Sack', code: { pattern: '^S-[0-9]+$' }, capacity: 2, emptyWeightG: 300, holds: ['bag'] },
    ],
  },
};

/**
 * Bills on the touch screen: a packer packs two sacks, a biller scans them onto a new bill and
 * finalises it, a dispatcher continues it from the list, dispatches it and prints the summary (then a
 * reprint with a reason), and a supervisor reverses it.
 */
test('a bill from two sacks: biller, dispatcher with the printed summary and a reprint, supervisor reversal', async ({ launchStation, openScanScreen, page }) => {
  test.setTimeout(90_000);
  const screen = await openScanScreen(await launchStation({ config: CONFIG }), { as: 'packer' });
  const as = async (role: DemoRole) => {
    await page.getByTestId('session-logout').click();
    await screen.signIn(role);
  };
  const hand = page.getByTestId('bill-in-hand');

  // The packer packs; the scan that fills a sack closes it. Packers have no bills.
  for (const code of ['S-1', 'C-1', 'C-2', 'S-2', 'C-3', 'C-4']) await screen.demoScan(code);
  await expect(screen.status).toContainText('S-2');
  await expect(page.getByTestId('open-bills')).toHaveCount(0);

  // The biller: New bill, both sacks scanned on (estimated), Finalise.
  await as('biller');
  await page.getByTestId('open-bills').click();
  await expect(page.getByTestId('bills-empty')).toBeVisible();
  await page.getByTestId('bill-new').click();
  await expect(hand).toHaveAttribute('data-status', 'open');
  const bill = (await page.getByTestId('bill-number').textContent())!;
  expect(bill).toMatch(/-B000001$/);
  await expect(page.getByTestId('bill-scanning')).toHaveText(`Scanning adds containers to bill ${bill}`);
  await expect(page.getByTestId('bill-finalise')).toBeDisabled();
  await screen.demoScan('S-1');
  await screen.demoScan('S-2');
  const lines = page.getByTestId('bill-line');
  await expect(lines).toHaveCount(2);
  for (const sack of ['S-1', 'S-2']) {
    const line = page.locator(`[data-testid="bill-line"][data-container="${sack}"]`);
    await expect(line).toHaveAttribute('data-estimated', 'true');
    await expect(line.getByTestId('bill-line-weight')).toHaveText('1.300 kg estimated');
  }
  await expect(page.getByTestId('bill-count')).toHaveText('2');
  await expect(page.getByTestId('bill-measured')).toHaveText('0.000 kg');
  await expect(page.getByTestId('bill-estimated')).toHaveText('2.600 kg');
  await expect(page.getByTestId('bill-total')).toHaveText('2.600 kg');
  await expect(page.getByTestId('bill-dispatch')).toHaveCount(0); // a biller does not dispatch
  await page.screenshot({ path: results('bills.png') });
  await page.getByTestId('bill-finalise').click();
  await expect(hand).toHaveAttribute('data-status', 'finalised');
  await expect(page.getByTestId('bill-scanning')).toBeHidden();
  await expect(page.getByTestId('bill-who')).toContainText('finalised by demo-biller');

  // The dispatcher: the finalised bill is in the list; Continue, Dispatch, Print.
  await as('dispatcher');
  await page.getByTestId('open-bills').click();
  await expect(page.getByTestId('bill-new')).toHaveCount(0);
  const row = page.locator(`[data-testid="bills-open-row"][data-bill="${bill}"]`);
  await expect(row).toHaveAttribute('data-status', 'finalised');
  await expect(row).toContainText('2 containers');
  await row.getByTestId('bill-continue').click();
  await expect(hand).toHaveAttribute('data-status', 'finalised');
  await expect(page.getByTestId('bill-finalise')).toHaveCount(0);
  await page.getByTestId('bill-dispatch').click();
  await expect(hand).toHaveAttribute('data-status', 'dispatched');
  await expect(page.getByTestId('bill-who')).toContainText('dispatched by demo-dispatcher');
  await page.getByTestId('bill-print').click();
  const answer = page.getByTestId('bill-print-answer');
  await expect(answer).toContainText(`Summary of bill ${bill} saved: `);
  await page.screenshot({ path: results('bills-printed.png') });
  const file = (await answer.textContent())!.replace(/^.*saved: /, '').trim();
  expect(path.basename(file)).toBe(`${bill}-copy1.pdf`);
  const pdf = fs.readFileSync(file);
  const pages = await pdfToPng(pdf, results('bill-summary'));
  expect(pages[0]).toBe(results('bill-summary-1.png'));
  const text = await pdfText(pdf);
  for (const expected of [bill, 'S-1', 'S-2', '2.600']) expect(text).toContain(expected);

  // A reprint asks why, and the copy is recorded as copy 2.
  await page.getByTestId('bill-reprint').click();
  await expect(page.getByTestId('bill-reprint-confirm')).toBeDisabled();
  await page.getByTestId('bill-reprint-reason-lost').click();
  await page.getByTestId('bill-reprint-confirm').click();
  await expect(answer).toContainText(`${bill}-copy2.pdf`);
  expect(fs.existsSync(path.join(path.dirname(file), `${bill}-copy2.pdf`))).toBe(true);
  await expect(page.getByTestId('bill-printed')).toHaveText('Summary printed 2 times');

  // The supervisor: a dispatched bill is continued by its number, then reversed with a reason.
  await as('supervisor');
  await page.getByTestId('open-bills').click();
  await expect(row).toHaveCount(0);
  await page.getByTestId('bill-number-input').fill(bill);
  await page.getByTestId('bill-number-continue').click();
  await expect(hand).toHaveAttribute('data-status', 'dispatched');
  await page.getByTestId('bill-reverse').click();
  await page.getByTestId('bill-reverse-reason-wrongBill').click();
  await page.getByTestId('bill-reverse-confirm').click();
  await expect(hand).toHaveAttribute('data-status', 'open');
  await expect(screen.status).toContainText(`Bill ${bill} is open again for a correction`);
  await expect(page.getByTestId('bill-scanning')).toBeVisible();
  await expect(lines).toHaveCount(2);
  await page.getByTestId('bill-put-down').click();
  await expect(row).toHaveAttribute('data-status', 'open');
});
