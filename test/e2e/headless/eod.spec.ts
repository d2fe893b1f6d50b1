import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { closedPort } from '../../integration/cli/run-cli';
import { pdfText, pdfToPng } from '../../helpers/pdf-to-png';
import { expect, test } from '../support/fixtures';
import type { ScanScreen } from '../support/scan-screen';
import { REPO_ROOT } from '../support/station-host';

const results = (name: string) => path.join(REPO_ROOT, 'test-results', name);
const two = (n: number) => String(n).padStart(2, '0');
const hhmm = (d: Date) => `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;

/**
 * The station's clock is the real one and a period may be closed only once it has ended, so each
 * test configures a shift "e2e" from 00:00 UTC to the first whole minute at least 30 s away: the
 * packing falls inside it, and the test waits for its end before closing.
 */
function shiftEndingSoon(): { end: Date; eod: Record<string, unknown>; date: string } {
  const end = new Date(Date.now() + 30_000 + 60_000);
  end.setUTCSeconds(0, 0);
  return { end, date: new Date().toISOString().slice(0, 10), eod: { timeZone: 'UTC', shifts: [{ id: 'e2e', start: '00:00', end: hhmm(end) }] } };
}
const nearMidnight = () => new Date().getUTCHours() === 23 && new Date().getUTCMinutes() >= 57;

// Sacks of two bags, no scale (as bills.spec).
const CONTAINERS = {
  types: [
    { id: 'bag', name: 'Bag', code: { pattern: '^C-[0-9]+$' }, holds: [], itemWeightG: 500 },
    { id: 'sack', name: 'Sack', code: { pattern: '^S-[0-9]+$' }, capacity: 2, emptyWeightG: 300, holds: ['bag'] },
  ],
};

/** The packer fills two sacks (the scan that fills one closes it), scans something unknown, and leaves a third open. */
async function pack(screen: ScanScreen): Promise<void> {
  for (const code of ['S-1', 'C-1', 'C-2', 'S-2', 'C-3', 'C-4']) await screen.demoScan(code);
  await expect(screen.status).toContainText('S-2');
  await screen.demoScan('X-UNKNOWN');
  await expect(screen.errorDialog).toBeVisible();
  await screen.acknowledgeError();
  await screen.demoScan('S-3');
  await screen.demoScan('C-5');
  await expect(screen.status).toContainText('C-5');
}

async function asSupervisor(page: Page, screen: ScanScreen): Promise<void> {
  await page.getByTestId('session-logout').click();
  await screen.signIn('supervisor');
}

/** Waits out the rest of the shift (station and test share the clock): the close before that is refused as too early. */
async function untilEnded(page: Page, end: Date): Promise<void> {
  await page.waitForTimeout(Math.max(0, end.getTime() - Date.now() + 1_000));
}

// a and b each wait for their shift to end: side by side, the waits overlap
test.describe.configure({ mode: 'parallel' });

test('a packed shift: the figures, the PDF, the close, and a second close refused', async ({ launchStation, openScanScreen, page }) => {
  test.skip(nearMidnight(), 'the test shift would run past midnight');
  test.setTimeout(180_000);
  const shift = shiftEndingSoon();
  const screen = await openScanScreen(await launchStation({ config: { container: CONTAINERS, eod: shift.eod } }), { as: 'packer' });
  await pack(screen);
  await expect(page.getByTestId('open-eod')).toHaveCount(0); // a packer holds no dashboard.view

  await asSupervisor(page, screen);
  await page.getByTestId('open-eod').click();
  const eod = page.getByTestId('eod-screen');
  await expect(page.getByTestId('eod-date')).toHaveText(shift.date);
  await expect(page.getByTestId('eod-shift-whole')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('eod-shift-e2e').click();
  await expect(eod).toHaveAttribute('data-shift', 'e2e');
  const figure = (id: string) => page.getByTestId(`eod-${id}`);
  await expect(figure('containers')).toHaveText('2');
  await expect(figure('children')).toHaveText('4');
  await expect(figure('average')).toHaveText('2.0');
  await expect(figure('total-weight')).toHaveText('—'); // no scale: nothing weighed
  await expect(figure('refused')).toHaveText('1');
  await expect(figure('out-of-tolerance')).toHaveText('0');
  await expect(figure('overrides')).toHaveText('0');
  await expect(figure('voids')).toHaveText('0');
  await expect(figure('carried-over')).toHaveText('1');
  await expect(page.getByTestId('eod-figures')).toContainText('S-3');
  await expect(page.getByTestId('eod-exception')).toHaveCount(1);
  await expect(page.getByTestId('eod-exception')).toContainText('X-UNKNOWN');
  await expect(page.getByTestId('eod-exception')).toContainText('by Demo Packer');
  // the chain head: short, the full 64 hex digits on a tap
  const head = page.getByTestId('eod-chain-head');
  await expect(head).toContainText(/^[0-9a-f]{16}… at seq \d+$/);
  await page.screenshot({ path: results('eod.png') });
  await head.click();
  await expect(head).toContainText(/^[0-9a-f]{64} at seq \d+$/);

  // Export PDF: the answer names the saved file; rendered, it holds the same figures
  await page.getByTestId('eod-export-pdf').click();
  const answer = page.getByTestId('eod-answer');
  await expect(answer).toContainText('End-of-day summary saved: ');
  const file = (await answer.textContent())!.replace(/^.*saved: /, '').trim();
  expect(path.basename(file)).toBe(`station-1-${shift.date}-e2e.pdf`);
  const pdf = fs.readFileSync(file);
  const pages = await pdfToPng(pdf, results('eod-summary'));
  expect(pages[0]).toBe(results('eod-summary-1.png'));
  const text = await pdfText(pdf);
  for (const expected of [shift.date, 'e2e', 'X-UNKNOWN', 'S-3', 'Demo Packer']) expect(text).toContain(expected);
  expect(text).toMatch(/Containers closed\s*2/);
  expect(text).toMatch(/Children\s*4/);

  // no central: nothing is unsynced, so the close goes through once the shift has ended
  await untilEnded(page, shift.end);
  await page.getByTestId('eod-close').click();
  await expect(answer).toContainText(`Shift e2e of ${shift.date} closed: no central is configured, so nothing is unsynced`);
  await expect(page.getByTestId('eod-closed')).toContainText(/Closed at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} by Demo Supervisor/);
  await expect(page.getByTestId('eod-close')).toHaveCount(0);

  // A second close (as a second kiosk that had not read the close yet would send it) is refused by the station, in words.
  const second = await page.evaluate(async (payload) => new Promise<unknown>((resolve, reject) => {
    const ws = new WebSocket(`ws://${location.host}/ws`);
    ws.onerror = () => reject(new Error('no connection to the station'));
    ws.onopen = () => ws.send(JSON.stringify({ id: 1, name: 'eod.close', payload }));
    ws.onmessage = (m) => {
      const msg = JSON.parse(String(m.data)) as { kind?: string; id?: number; result?: unknown };
      if (msg.kind === 'response' && msg.id === 1) { ws.close(); resolve(msg.result); }
    };
  }), { date: shift.date, shift: 'e2e' });
  expect(second).toMatchObject({ outcome: 'bad', message: expect.stringMatching(new RegExp(`^Shift e2e of ${shift.date} was closed already \\(seq \\d+, .* by Demo Supervisor\\)$`)) });
  await expect(screen.errorMessage).toContainText(`Shift e2e of ${shift.date} was closed already`);
  await screen.acknowledgeError();
});

test('central unreachable: the close is refused naming the unsynced events; "Close anyway" with a reason closes it', async ({ launchStation, openScanScreen, page }) => {
  test.skip(nearMidnight(), 'the test shift would run past midnight');
  test.setTimeout(180_000);
  const shift = shiftEndingSoon();
  // nothing listens on this port: no event ever reaches central
  const central = { url: `postgres://eod:eod@127.0.0.1:${await closedPort()}/central` };
  const screen = await openScanScreen(await launchStation({ config: { container: CONTAINERS, eod: shift.eod, central } }), { as: 'packer' });
  await pack(screen);
  await asSupervisor(page, screen);
  await page.getByTestId('open-eod').click();
  await page.getByTestId('eod-shift-e2e').click();
  await expect(page.getByTestId('eod-containers')).toHaveText('2');
  await untilEnded(page, shift.end);

  await page.getByTestId('eod-close').click();
  await expect(screen.errorMessage).toContainText(new RegExp(`^Shift e2e of ${shift.date} is not closed: \\d+ events not yet at central, oldest .*Wait for central, or a supervisor closes it anyway with a reason$`));
  await screen.acknowledgeError();
  await expect(page.getByTestId('eod-closed')).toHaveCount(0);

  await page.getByTestId('eod-close-anyway').click();
  await expect(page.getByTestId('eod-close-anyway-confirm')).toBeDisabled();
  await page.getByTestId('eod-close-anyway-reason-centralDown').click();
  await page.getByTestId('eod-close-anyway-confirm').click();
  await expect(page.getByTestId('eod-answer')).toContainText(/closed: closed with \d+ events not yet at central, .*\(Central is unreachable\)/);
  const closed = page.getByTestId('eod-closed');
  await expect(closed).toContainText(/Closed at .* by Demo Supervisor/);
  await expect(closed).toContainText('Reason: Central is unreachable');
  await expect(page.getByTestId('eod-close-anyway')).toHaveCount(0);
  await page.screenshot({ path: results('eod-closed.png') });
});

test('a day with no work (yesterday) says so plainly', async ({ launchStation, openScanScreen, page }) => {
  const screen = await openScanScreen(await launchStation({ config: { container: CONTAINERS } }), { as: 'supervisor' });
  await screen.demoScan('S-1'); // today has work; yesterday has none
  await page.getByTestId('open-eod').click();
  const today = new Date().toISOString().slice(0, 10);
  await expect(page.getByTestId('eod-date')).toHaveText(today);
  await expect(page.getByTestId('eod-next-day')).toBeDisabled();
  await expect(page.getByTestId('eod-carried-over')).toHaveText('1');
  await page.getByTestId('eod-prev-day').click();
  const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  await expect(page.getByTestId('eod-date')).toHaveText(yesterday);
  await expect(page.getByTestId('eod-empty')).toHaveText(`No work recorded at station station-1 on ${yesterday}`);
  await expect(page.getByTestId('eod-figures')).toHaveCount(0);
  await expect(page.getByTestId('eod-error')).toHaveCount(0);
  await page.screenshot({ path: results('eod-empty.png') });
  await page.getByTestId('eod-today').click();
  await expect(page.getByTestId('eod-date')).toHaveText(today);
});
