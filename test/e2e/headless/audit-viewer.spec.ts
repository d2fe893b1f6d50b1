import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { AuditScreen } from '../support/admin-screens';
import { expect, test } from '../support/fixtures';
import { DEMO } from '../support/scan-screen';
import { cleanEnv, REPO_ROOT } from '../support/station-host';
import { wedgeBurst } from '../support/wedge';

const SCREENSHOT = path.join(REPO_ROOT, 'test-results', 'audit-viewer.png');

/** A local time as a datetime-local input takes it: `2026-03-01T08:05`. */
const localInput = (ms: number) => {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
};

test('the audit trail shows who, role, station, time, what and why; filters by user and type; pages; shows the chain head', async ({ launchStation, openScanScreen, page, workDir }, testInfo) => {
  test.setTimeout(90_000);
  const screen = await openScanScreen(await launchStation({ config: { bags: { capacity: 100 } } }), { as: 'packer' });
  // A packer's work: a parent, two children, one refused child, then an undo a supervisor approves.
  for (const code of ['P-1001', 'C-2001', 'C-2002']) await screen.demoScan(code);
  await expect(screen.bagCount).toHaveText('2 / 100');
  await screen.demoScan('C-2001');
  await expect(screen.errorDialog).toBeVisible();
  await screen.acknowledgeError();
  await screen.undoLast();
  await expect(page.getByTestId('override-dialog')).toHaveAttribute('data-stage', 'badge');
  await screen.acknowledgeError();
  await wedgeBurst(page, [...DEMO.supervisor.badge]);
  await expect(page.getByTestId('override-dialog')).toHaveAttribute('data-stage', 'pin');
  await page.getByTestId('override-reason-wrongItem').click();
  await screen.enterPin(DEMO.supervisor.pin);
  await expect(page.getByTestId('override-dialog')).toBeHidden();
  await expect(screen.bagCount).toHaveText('1 / 100');
  // Enough children for a second page of 50 events.
  for (let i = 0; i < 50; i += 1) await wedgeBurst(page, [...`C-${3000 + i}`]);
  await expect(screen.bagCount).toHaveText('51 / 100');
  await page.getByTestId('session-logout').click();

  // A supervisor reads the trail.
  await screen.signIn('supervisor');
  const audit = new AuditScreen(page);
  await audit.open();
  await expect(audit.rows).toHaveCount(50);
  // Newest first: the supervisor's own sign-in, then the packer's sign-out (why: logout).
  await expect(audit.cell(0, 'audit-what')).toContainText('session.started');
  await expect(audit.cell(0, 'audit-who')).toContainText('Demo Supervisor');
  await expect(audit.cell(0, 'audit-who')).toContainText('demo-supervisor');
  await expect(audit.cell(0, 'audit-role')).toHaveText('Supervisor');
  await expect(audit.cell(0, 'audit-station')).toHaveText('station-1');
  await expect(audit.cell(0, 'audit-time')).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  await expect(audit.cell(1, 'audit-what')).toContainText('session.ended');
  await expect(audit.cell(1, 'audit-who')).toContainText('Demo Packer');
  await expect(audit.cell(1, 'audit-why')).toHaveText('logout');

  // The chain head: the newest event's hash, 16 hex digits shown, the whole one in the title.
  const fullHash = await audit.head.getAttribute('title');
  expect(fullHash).toMatch(/^[0-9a-f]{64}$/);
  await expect(page.getByTestId('chain-head-hash')).toHaveText(fullHash!.slice(0, 16));
  // The same head as `station audit verify` computes from the database.
  const verify = JSON.parse(execFileSync(process.execPath, [path.join(REPO_ROOT, 'dist/main/cli/station.js'), 'audit', 'verify', '--data-dir', path.join(workDir, 'data'), '--json'], { env: cleanEnv() }).toString()) as { intact: boolean; chains: Array<{ head: string; lastSeq: number }> };
  expect(verify.intact).toBe(true);
  expect(verify.chains[0]!.head).toBe(fullHash);
  await expect(audit.head).toHaveAttribute('data-seq', String(verify.chains[0]!.lastSeq));

  // Keyset pages: Older shows the next 50 (none twice), Newer goes back.
  const seqs = async () => (await audit.rows.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-seq')))));
  const first = await seqs();
  await page.getByTestId('audit-older').click();
  await expect(page.getByTestId('audit-page')).toHaveText('Page 2');
  await expect.poll(async () => (await seqs())[0]).toBeLessThan(first.at(-1)!);
  const second = await seqs();
  expect(second.filter((s) => first.includes(s))).toEqual([]);
  expect(second.length).toBeGreaterThan(0);
  expect(second[0]).toBe(first.at(-1)! - 1); // none missing between the pages
  await page.getByTestId('audit-newer').click();
  await expect(page.getByTestId('audit-page')).toHaveText('Page 1');
  await expect.poll(seqs).toEqual(first);

  // Filter by the packer and by bag events: the undo, approved by the supervisor, and its why.
  await audit.filter({ userId: 'demo-packer', type: 'bag.link_reversed' });
  await expect(audit.rows).toHaveCount(1);
  await expect(audit.cell(0, 'audit-who')).toContainText('Demo Packer');
  await expect(audit.cell(0, 'audit-role')).toHaveText('Packer');
  await expect(audit.cell(0, 'audit-what')).toContainText('bag.link_reversed');
  await expect(audit.cell(0, 'audit-what')).toContainText('parent=P-1001 child=C-2002');
  await expect(audit.cell(0, 'audit-why')).toHaveText('undo · approved by Demo Supervisor (demo-supervisor)');

  await audit.filter({ type: 'override.' });
  await expect(audit.rows).toHaveCount(1);
  await expect(audit.cell(0, 'audit-why')).toHaveText('Wrong item scanned · approved by Demo Supervisor (demo-supervisor)');

  await audit.filter({ type: 'scan.rejected' });
  await expect(audit.rows.first()).toBeVisible();
  for (const row of await audit.rows.all()) await expect(row).toHaveAttribute('data-type', 'scan.rejected');
  await expect(audit.rows.filter({ hasText: 'code=C-2001' }).getByTestId('audit-why')).toContainText('C-2001');

  // A type prefix (still the packer's): every bag event, over two keyset pages.
  await audit.filter({ type: 'bag.' });
  await expect(audit.rows).toHaveCount(50);
  const typesOf = () => audit.rows.evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-seq')} ${r.getAttribute('data-type')}`));
  const bagPage1 = await typesOf();
  await page.getByTestId('audit-older').click();
  await expect(audit.rows).toHaveCount(1 + 2 + 1 + 50 - 50);
  const bagEvents = [...bagPage1, ...(await typesOf())];
  expect(new Set(bagEvents).size).toBe(54);
  expect(new Set(bagEvents.map((e) => e.split(' ')[1]))).toEqual(new Set(['bag.parent_opened', 'bag.child_linked', 'bag.link_reversed']));
  await expect(page.getByTestId('audit-older')).toBeDisabled();
  await expect(audit.rows.last()).toHaveAttribute('data-type', 'bag.parent_opened');

  // Time: a window around now keeps them, one in the future has none.
  const now = Date.now();
  await audit.filter({ from: localInput(now - 3_600_000), to: localInput(now + 3_600_000) });
  await expect(audit.rows).toHaveCount(50);
  await expect(page.getByTestId('audit-page')).toHaveText('Page 1');
  await page.screenshot({ path: SCREENSHOT });
  const png = await page.screenshot();
  await testInfo.attach('audit-viewer', { body: png, contentType: 'image/png' });
  await audit.filter({ from: localInput(now + 3_600_000), to: '' });
  await expect(page.getByTestId('audit-empty')).toBeVisible();

  await page.getByTestId('audit-clear').click();
  await expect(audit.rows).toHaveCount(50);
  await page.getByTestId('admin-back').click();
  await expect(audit.root).toBeHidden();
  await expect(screen.bagCount).toHaveText('51 / 100');
});
