import type { HidPosScannerConfig } from '../../../src/config/scanners';
import { HidPosScannerConfig as HidPosScannerSchema } from '../../../src/config/scanners';
import type { RawScan, RejectedScan, TransportSink } from '../../../src/ports';
import type { HidDeviceInfo } from '../../../native/hid/hid-backend';
import { layoutFor } from '../../../native/hid/hid-pos-layout';
import { HidPosTransport } from '../../../native/hid/hid-pos-transport';
import { FakeHidBackend, fromHex, loadPosFixture, type PosFixture } from '../../helpers/fake-hid';
import { memoryLogger } from '../../helpers/memory-logger';

type LayoutFixture = PosFixture & { layout: 'honeywell' | 'zebra' | 'newland' };

describe('layout chosen by USB ids, from the table', () => {
  test.each([
    ['Zebra DS2208 in HID POS mode', 0x05e0, 0x2100, 'zebra'],
    ['any Honeywell', 0x0c2e, 0x0b87, 'honeywell'],
    ['any Newland', 0x1eab, 0x0d10, 'newland'],
    ['a Zebra product with no entry: the default', 0x05e0, 0x1300, 'honeywell'],
    ['an unknown vendor: the default', 0xfff0, 0x0001, 'honeywell'],
  ])('%s (%d:%d) → %s', (_name, vendorId, productId, layout) => {
    expect(layoutFor({ vendorId, productId }).layout).toBe(layout);
  });

  test('says why, for the log', () => {
    expect(layoutFor({ vendorId: 0x05e0, productId: 0x2100 }).because).toBe('layout table: Zebra DS2208 in HID POS mode (05E0:2100)');
    expect(layoutFor({ vendorId: 0xfff0, productId: 1 }).because).toMatch(/no layout table entry for 0xfff0:0x0001/);
  });

  test('config `layout:` overrides the table', () => {
    expect(layoutFor({ vendorId: 0x05e0, productId: 0x2100 }, 'honeywell')).toEqual({ layout: 'honeywell', because: 'the scanner config sets layout' });
    expect(layoutFor({ vendorId: 0xfff0, productId: 1 }, 'zebra').layout).toBe('zebra');
  });

  test('the config schema accepts the three layouts and nothing else', () => {
    const base = { kind: 'hid-pos', id: 'pos-1', vendorId: 1, productId: 2 };
    expect(HidPosScannerSchema.parse({ ...base, layout: 'newland' }).layout).toBe('newland');
    expect(HidPosScannerSchema.parse(base).layout).toBeUndefined();
    expect(HidPosScannerSchema.safeParse({ ...base, layout: 'datalogic' }).success).toBe(false);
  });
});

function setup(fixture: PosFixture, device: HidDeviceInfo, layout?: HidPosScannerConfig['layout']) {
  const info: HidDeviceInfo = { ...device, path: '/dev/hidraw3' };
  const backend = new FakeHidBackend([info]);
  const config: HidPosScannerConfig = { kind: 'hid-pos', id: 'pos-1', vendorId: info.vendorId, productId: info.productId, beep: false, ...(layout ? { layout } : {}) };
  const log = memoryLogger();
  let clock = 1_000;
  const transport = new HidPosTransport(config, { logger: log.logger, backend, now: () => (clock += 5) });
  const scans: RawScan[] = [];
  const rejected: RejectedScan[] = [];
  const sink: TransportSink = { scan: (s) => scans.push(s), status: () => undefined, rejected: (r) => rejected.push(r) };
  return { backend, transport, sink, scans, rejected, log, fixture };
}
const texts = (scans: RawScan[]) => scans.map((s) => [s.aim, Buffer.from(s.bytes).toString('latin1')]);

describe('HidPosTransport reads each device in its layout', () => {
  test('the DS2208 by its USB ids: 4006381333931 with ]E0, no leading g, nothing lost', async () => {
    const f = loadPosFixture('zebra-ds2208-hid-pos') as LayoutFixture;
    const t = setup(f, f.device);
    await t.transport.start(t.sink);
    t.backend.last.feed(f.reports);
    expect(texts(t.scans)[0]).toEqual([']E0', '4006381333931']);
    expect(t.scans).toHaveLength(3);
    expect(t.log.entries.find((e) => e.message === 'HID POS report layout')).toMatchObject({ layout: 'zebra' });
    await t.transport.stop();
  });

  test('a Zebra-layout scanner with ids the table does not know: refused with a reason until config sets layout: zebra', async () => {
    const f = loadPosFixture('zebra-ds2208-hid-pos') as LayoutFixture;
    const unknown = { ...f.device, vendorId: 0xfff0, productId: 0x0001 };
    const bare = setup(f, unknown);
    await bare.transport.start(bare.sink);
    bare.backend.last.feed(f.reports);
    expect(bare.scans).toEqual([]);
    expect(bare.rejected.map((r) => r.reason)).toEqual(expect.arrayContaining([expect.stringMatching(/set layout: zebra/)]));
    await bare.transport.stop();

    const configured = setup(f, unknown, 'zebra');
    await configured.transport.start(configured.sink);
    configured.backend.last.feed(f.reports);
    expect(texts(configured.scans)).toEqual([[']E0', '4006381333931'], [']C0', `PARCEL-${'0'.repeat(50)}199`], [']C1', '0109506000134352\x1d10ABC123']]);
    expect(configured.rejected).toEqual([]);
    await configured.transport.stop();
  });

  test('a Honeywell menu reply and a Newland command reply are logged and dropped, never scans nor refusals', async () => {
    for (const name of ['honeywell-voyager-menu-reply', 'newland-fm30-command-replies']) {
      const f = loadPosFixture(name) as LayoutFixture;
      const t = setup(f, f.device);
      await t.transport.start(t.sink);
      t.backend.last.feed(f.reports);
      expect(t.scans.map((s) => [...s.bytes])).toEqual(f.scans.map((s) => [...fromHex(s.hex)]));
      expect(t.rejected).toEqual([]);
      const ignored = t.log.entries.filter((e) => e.message === 'HID POS report is not a scan; ignored');
      expect(ignored).toHaveLength(2);
      expect(ignored.every((e) => typeof e.reason === 'string' && / reply/.test(e.reason))).toBe(true);
      await t.transport.stop();
    }
  });
});
