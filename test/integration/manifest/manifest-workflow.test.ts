import { applyReferencePage } from '../../../src/store/reference-cache';
import { ManifestSlice } from '../../../src/workflows/manifest/contract';
import { killAllScaleSimulators } from '../../helpers/scale-simulator';
import { signIn } from '../../helpers/sign-in';
import { StationHarness } from '../weigh/station-harness';

jest.setTimeout(30_000);

let h: StationHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  await killAllScaleSimulators();
});

const GTIN = '09506000134352';
/** A GS1-128 scan: GTIN, expiry (YYMMDD) and lot. */
const gs1 = (gtin: string, expiry: string, lot: string) => `]C101${gtin}17${expiry}10${lot}`;
const CSV = [
  'reference,warehouse,gtin,code,quantity,lot,expiry,unit_weight_g',
  `PO-42,WH-1,${GTIN},,2,L-1,2027-12-31,250`,
  'PO-42,WH-1,,BOX-9,1,,,1200',
].join('\n');
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const slice = () => ManifestSlice.unwrap().parse(h!.station.state().slices.manifest);
const as = async (role: 'packer' | 'supervisor') => {
  await h!.requests['session.logout']({});
  await signIn(h!.station, h!.users[role]!);
};

/**
 * Issue 12, manifests, through a real Station with the station's own module list: a CSV imported by a
 * supervisor, verified by a packer scan by scan (GS1 scans matched by GTIN, lot and expiry), refused
 * items and over-scans, completed by the last scan with its stock posting recorded.
 */
test('import, verify with unknown items and an over-scan, the last scan completes it with the lines to post', async () => {
  h = await StationHarness.start();
  expect(await h.requests['manifest.import']({ file: 'po-42.csv', format: 'csv', contentBase64: base64(CSV) }))
    .toMatchObject({ outcome: 'bad', message: expect.stringMatching(/may not Import a manifest \(manifest.import\)/) });
  await as('supervisor');
  expect(await h.requests['manifest.import']({ file: 'po-42.csv', format: 'csv', contentBase64: base64(CSV) }))
    .toMatchObject({ outcome: 'good', message: 'Manifest PO-42 imported from po-42.csv: 2 lines, 3 items' });
  expect(await h.requests['manifest.import']({ file: 'po-42.csv', format: 'csv', contentBase64: base64(CSV) }))
    .toMatchObject({ outcome: 'bad', message: 'Manifest PO-42 is here already (open, 2 lines): it is not imported twice' });

  await as('packer');
  expect(slice().available).toEqual([{ manifest: 'PO-42', reference: 'PO-42', lines: 2, status: 'open' }]);
  expect(await h.requests['manifest.open']({ manifest: 'PO-42' })).toMatchObject({ outcome: 'good', message: 'Manifest PO-42: 0 of 3 scanned. Scan the items' });
  expect(await h.scan('C-99')).toMatchObject({ outcome: 'bad', message: 'C-99 is not on manifest PO-42' });
  expect(await h.scan(gs1('09506000134369', '271231', 'L-1'))).toMatchObject({ outcome: 'bad', message: 'GTIN 09506000134369 is not on manifest PO-42' });
  expect(await h.scan(gs1(GTIN, '271231', 'L-2'))).toMatchObject({
    outcome: 'bad', message: `GTIN ${GTIN} with lot L-2, expiry 2027-12-31 is not on manifest PO-42: line 2 (GTIN ${GTIN}, lot L-1, expiry 2027-12-31) wants lot L-1 and expiry 2027-12-31`,
  });
  expect(await h.scan(gs1(GTIN, '271231', 'L-1'))).toMatchObject({ outcome: 'good', message: `line 2 (GTIN ${GTIN}, lot L-1, expiry 2027-12-31): 1 of 2 · 1 of 3 in all` });
  expect(await h.scan(gs1(GTIN, '271231', 'L-1'))).toMatchObject({ outcome: 'good', message: expect.stringMatching(/: 2 of 2 · 2 of 3 in all$/) });
  expect(await h.scan(gs1(GTIN, '271231', 'L-1'))).toMatchObject({ outcome: 'bad', message: `Over-scan: line 2 (GTIN ${GTIN}, lot L-1, expiry 2027-12-31) has all 2 already` });
  expect(slice().current).toMatchObject({ manifest: 'PO-42', status: 'verifying', expected: 3, scanned: 2, lines: [
    { line: 3, product: 'BOX-9', expected: 1, scanned: 0, stock: null }, { line: 2, product: GTIN, expected: 2, scanned: 2 },
  ] });
  // nothing was packed by these scans
  expect(h.events('container.')).toEqual([]);
  expect(await h.scan('BOX-9')).toMatchObject({ outcome: 'good', message: 'Manifest PO-42 complete: 3 of 3. Stock is posted at central' });
  expect(h.events('manifest.completed')).toEqual([expect.objectContaining({
    userId: h.users.packer!.userId,
    payload: { manifest: 'PO-42', warehouse: 'WH-1', direction: 'out', lines: [{ line: 2, product: GTIN, quantity: 2 }, { line: 3, product: 'BOX-9', quantity: 1 }] },
  })]);
  expect(slice().current).toMatchObject({ status: 'completed', weight: null });
  // complete: the scanner packs again
  expect(await h.scan('S-1')).toMatchObject({ outcome: 'good' });
  expect(h.events('container.opened')).toHaveLength(1);
  expect(h.events('manifest.verified')).toHaveLength(3);
});

test('close short: a supervisor\'s, with a reason; it posts what was scanned', async () => {
  h = await StationHarness.start();
  await as('supervisor');
  await h.requests['manifest.import']({ file: 'po-42.csv', format: 'csv', contentBase64: base64(CSV) });
  await as('packer');
  await h.requests['manifest.open']({ manifest: 'PO-42' });
  await h.scan('BOX-9');
  expect(await h.requests['manifest.close_short']({ manifest: 'PO-42', reason: 'soap out of stock' })).toMatchObject({ outcome: 'bad', message: expect.stringMatching(/needs a supervisor/) });
  await h.scan(h.users.supervisor!.badge);
  expect(await h.requests['override.approve']({ pin: h.users.supervisor!.pin, reason: 'soap out of stock' }))
    .toMatchObject({ outcome: 'good', message: 'Manifest PO-42 closed short: 2 items on 1 line not scanned' });
  expect(h.events('manifest.closed_short')).toEqual([expect.objectContaining({
    approvedBy: h.users.supervisor!.userId,
    payload: { manifest: 'PO-42', warehouse: 'WH-1', direction: 'out', reason: 'soap out of stock', lines: [{ line: 3, product: 'BOX-9', quantity: 1 }] },
  })]);
  expect(await h.requests['manifest.open']({ manifest: 'PO-42' })).toMatchObject({ outcome: 'bad', message: 'Manifest PO-42 is closed-short already' });
});

test('bad files: each problem names the file, the line and the field; nothing is imported', async () => {
  h = await StationHarness.start();
  await as('supervisor');
  const bad = ['reference,warehouse,gtin,quantity', 'PO-1,WH-1,09506000134353,2', 'PO-1,WH-1,09506000134369,-3', 'PO-1,WH-1,09506000134369,1.5'].join('\n');
  expect(await h.requests['manifest.import']({ file: 'bad.csv', format: 'csv', contentBase64: base64(bad) })).toMatchObject({
    outcome: 'bad',
    message: expect.stringMatching(/^bad\.csv line 2, field gtin: .*check digit.*; bad\.csv line 3, field quantity: .*; bad\.csv line 4, field quantity: /),
  });
  expect(await h.requests['manifest.import']({ file: 'empty.csv', format: 'csv', contentBase64: '' })).toMatchObject({ outcome: 'bad', message: expect.stringMatching(/^empty\.csv/) });
  expect(await h.requests['manifest.import']({ file: 'nope.xlsx', format: 'xlsx', contentBase64: base64('not a zip') })).toMatchObject({ outcome: 'bad', message: expect.stringMatching(/^nope\.xlsx/) });
  expect(await h.requests['manifest.import']({ file: 'id.csv', format: 'csv', contentBase64: base64('reference,warehouse,code,quantity\nPO 1/2,WH-1,A,1') }))
    .toMatchObject({ outcome: 'bad', message: expect.stringMatching(/^id\.csv: the reference "PO 1\/2" cannot be a manifest id/) });
  expect(h.events('manifest.')).toEqual([]);
});

test('weight check: a completed manifest is weighed against its lines\' unit weights', async () => {
  h = await StationHarness.start({ scale: [{ grams: 1690 }] });
  await as('supervisor');
  await h.requests['manifest.import']({ file: 'po-42.csv', format: 'csv', contentBase64: base64(CSV) });
  await h.requests['manifest.open']({ manifest: 'PO-42' });
  expect(slice().current!.weight).toEqual({ expectedGrams: 1700, grams: null, within: null });
  await h.scan(gs1(GTIN, '271231', 'L-1'), gs1(GTIN, '271231', 'L-1'), 'BOX-9');
  await h.until('the weighing', () => h!.events('manifest.weighed').length === 1);
  expect(h.events('manifest.weighed')[0]!.payload).toEqual({ manifest: 'PO-42', grams: 1690, expectedGrams: 1700, toleranceGrams: 20, within: true });
  expect(slice().current!.weight).toEqual({ expectedGrams: 1700, grams: 1690, within: true });
});

test('central\'s stock pulled while a manifest is in hand is pushed to the screen without a scan', async () => {
  h = await StationHarness.start();
  await as('supervisor');
  await h.requests['manifest.import']({ file: 'po-42.csv', format: 'csv', contentBase64: base64(CSV) });
  const pushed: Array<{ line: number; stock: number | null }[]> = [];
  h.station.endpoint.subscribe((name, payload) => {
    const manifest = (payload as { slices?: { manifest?: unknown } }).slices?.manifest;
    if ((name === 'state.patch' || name === 'state.changed') && manifest) pushed.push(ManifestSlice.unwrap().parse(manifest).current?.lines ?? []);
  });
  await h.requests['manifest.open']({ manifest: 'PO-42' });
  // the open's own push has gone out (stock unknown) before central's stock arrives
  await h.until('the open pushed', () => pushed.some((lines) => lines.length > 0));
  expect(pushed.flat().every((l) => l.stock === null)).toBe(true);
  // what the replication worker's pull writes: rows and the source's checkpoint, no event
  const updatedAt = new Date().toISOString();
  applyReferencePage(h.store.db, 'stock', [{ warehouse: 'WH-1', product: GTIN, quantity: 7, updatedAt }], { updatedAt, lastId: `WH-1/${GTIN}` });
  await h.until('a push with the stock', () => pushed.some((lines) => lines.some((l) => l.line === 2 && l.stock === 7)));
});

test('a manifest from central: listed, opened (recorded here first, with its lines), verified; one with a bad line is refused in words', async () => {
  h = await StationHarness.start();
  const lines = [{ line: 1, code: 'KIT-1', gtin: null, lot: null, expiry: null, quantity: 1, unitWeightG: null, description: 'Kit' }];
  applyReferencePage(h.store.db, 'manifests', [
    { id: 'ERP-9', reference: 'SO-9', warehouse: 'WH-2', direction: 'out', lines: JSON.stringify(lines), status: 'open', updatedAt: '2026-12-01T10:00:00.000Z' },
    { id: 'ERP-BAD', reference: 'SO-X', warehouse: 'WH-2', direction: 'out', lines: JSON.stringify([{ ...lines[0], quantity: -1 }]), status: 'open', updatedAt: '2026-12-01T10:00:01.000Z' },
  ], { updatedAt: '2026-12-01T10:00:01.000Z', lastId: 'ERP-BAD' });
  expect(slice().available).toEqual([
    { manifest: 'ERP-BAD', reference: 'SO-X', lines: 1, status: 'open' }, { manifest: 'ERP-9', reference: 'SO-9', lines: 1, status: 'open' },
  ]);
  expect(await h.requests['manifest.open']({ manifest: 'ERP-BAD' })).toMatchObject({ outcome: 'bad', message: expect.stringMatching(/^Manifest ERP-BAD from central is not valid: line 1, field quantity: /) });
  expect(await h.requests['manifest.open']({ manifest: 'ERP-9' })).toMatchObject({ outcome: 'good', message: 'Manifest ERP-9 from central: 0 of 1 scanned. Scan the items' });
  expect(h.events('manifest.').map((e) => e.type)).toEqual(['manifest.imported', 'manifest.opened']);
  expect(h.events('manifest.imported')[0]!.payload).toMatchObject({ manifest: 'ERP-9', source: { file: 'central', format: 'central' }, lines });
  expect(await h.scan('KIT-1')).toMatchObject({ outcome: 'good', message: 'Manifest ERP-9 complete: 1 of 1. Stock is posted at central' });
});
