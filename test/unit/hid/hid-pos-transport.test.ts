import type { DeviceStatus } from '../../../src/api';
import type { HidPosScannerConfig } from '../../../src/config/scanners';
import type { RawScan, RejectedScan, TransportSink } from '../../../src/ports';
import type { HidDeviceInfo } from '../../../native/hid/hid-backend';
import { HidPosTransport, type HidPosTransportOptions } from '../../../native/hid/hid-pos-transport';
import { FakeHidBackend, fromHex, listFixtures, loadPosFixture, type PosFixture } from '../../helpers/fake-hid';
import { memoryLogger } from '../../helpers/memory-logger';

const PATH = '/dev/hidraw3';

function setup(fixture: PosFixture, options: Partial<HidPosTransportOptions> & { beep?: boolean } = {}) {
  const device: HidDeviceInfo = { ...fixture.device, path: PATH };
  const vendorPage: HidDeviceInfo = { ...fixture.device, path: '/dev/hidraw4', usagePage: 0xff00, usage: 0x01, interface: 1 };
  const backend = new FakeHidBackend([vendorPage, device]);
  const config: HidPosScannerConfig = {
    kind: 'hid-pos', id: 'pos-1', vendorId: device.vendorId, productId: device.productId, serialNumber: device.serialNumber, beep: options.beep ?? true,
  };
  const log = memoryLogger();
  let clock = 1_000;
  const transport = new HidPosTransport(config, { logger: log.logger, backend, now: () => (clock += 5), hotplug: { presencePollMs: 2000, initialBackoffMs: 500 }, ...options });
  const scans: RawScan[] = [];
  const rejected: RejectedScan[] = [];
  const statuses: DeviceStatus[] = [];
  const sink: TransportSink = { scan: (s) => scans.push(s), status: (s) => statuses.push(s), rejected: (r) => rejected.push(r) };
  return { backend, transport, sink, scans, rejected, statuses, log, device };
}

const expected = (fixture: PosFixture) => fixture.scans.map((s) => ({ aim: s.aim, bytes: [...fromHex(s.hex)] }));
const delivered = (scans: RawScan[]) => scans.map((s) => ({ aim: s.aim, bytes: [...s.bytes] }));

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('HidPosTransport over recorded report streams', () => {
  it.each(listFixtures('pos'))('%s: delivers byte-exact scans with their AIM id', async (name) => {
    const fixture = loadPosFixture(name);
    const t = setup(fixture);
    await t.transport.start(t.sink);
    expect(t.backend.openCalls).toEqual([PATH]); // the 0x8C interface, never the vendor page
    expect(t.statuses.at(-1)).toMatchObject({ deviceId: 'pos-1', kind: 'hid-pos', status: 'connected' });
    t.backend.last.feed(fixture.reports);
    expect(delivered(t.scans)).toEqual(expected(fixture));
    expect(t.scans.every((s) => s.deviceId === 'pos-1' && s.firstByteAt <= s.receivedAt)).toBe(true);
    expect(t.rejected).toEqual([]);
    await t.transport.stop();
  });

  it('times a continued scan from its first report to its last', async () => {
    const fixture = loadPosFixture('gs1-datamatrix-continued-numbered');
    const t = setup(fixture);
    await t.transport.start(t.sink);
    t.backend.last.feed(fixture.reports);
    expect(t.scans).toHaveLength(1);
    expect(t.scans[0]!.receivedAt - t.scans[0]!.firstByteAt).toBe(5); // two reads, one clock tick apart
    await t.transport.stop();
  });

  it('unplug mid-scan: drops the half scan, reports disconnected, reconnects and scans again', async () => {
    const fixture = loadPosFixture('gs1-datamatrix-continued-numbered');
    const t = setup(fixture);
    await t.transport.start(t.sink);
    t.backend.last.feed([fixture.reports[0]!]);
    t.backend.unplug();
    t.backend.last.failRead();
    expect(t.statuses.at(-1)).toMatchObject({ status: 'disconnected' });
    expect(t.log.at('warn').some((e) => e.message === 'incomplete HID POS scan dropped' && e.bytes === 56)).toBe(true);

    t.backend.plug(t.device);
    await jest.advanceTimersByTimeAsync(2000);
    expect(t.statuses.at(-1)).toMatchObject({ status: 'connected' });
    t.backend.last.feed(fixture.reports);
    expect(delivered(t.scans)).toEqual(expected(fixture)); // the new scan whole, nothing of the old half
    await t.transport.stop();
  });

  it('passes a refused report on with its reason', async () => {
    const t = setup(loadPosFixture('ean13-numbered'));
    await t.transport.start(t.sink);
    const claimsTooMuch = Buffer.concat([fromHex('02 40 5d 45 30'), Buffer.alloc(59)]); // 64 bytes, length byte 0x40
    t.backend.last.emit('data', claimsTooMuch);
    expect(t.scans).toEqual([]);
    expect(t.rejected).toHaveLength(1);
    expect(t.rejected[0]!.reason).toMatch(/claims 64 data bytes/);
    await t.transport.stop();
  });
});

describe('HidPosTransport beeps', () => {
  const honeywell = loadPosFixture('ean13-numbered'); // vendor 0x0c2e
  const zebra = loadPosFixture('ean13-unnumbered');   // a vendor with no documented beep report

  it('writes the vendor\'s good-read beep report after an accepted scan', async () => {
    const t = setup(honeywell);
    await t.transport.start(t.sink);
    await t.transport.feedback('good');
    await t.transport.feedback('bad'); // Honeywell documents no error beep: nothing written
    expect(t.backend.last.written).toEqual([fromHex('fd 03 16 07 0d')]);
    await t.transport.stop();
  });

  it('writes configured good and bad reports, and nothing with beep off or an unknown vendor', async () => {
    const custom = setup(zebra, { beepReports: { good: fromHex('04 01'), bad: fromHex('04 02') } });
    await custom.transport.start(custom.sink);
    await custom.transport.feedback('good');
    await custom.transport.feedback('bad');
    expect(custom.backend.last.written).toEqual([fromHex('04 01'), fromHex('04 02')]);
    await custom.transport.stop();

    const off = setup(honeywell, { beep: false });
    await off.transport.start(off.sink);
    await off.transport.feedback('good');
    expect(off.backend.last.written).toEqual([]);
    await off.transport.stop();

    const unknown = setup(zebra);
    await unknown.transport.start(unknown.sink);
    await unknown.transport.feedback('good');
    expect(unknown.backend.last.written).toEqual([]);
    await unknown.transport.stop();
  });

  it('never throws for a refused beep or a missing device; one warning per run of failures', async () => {
    const t = setup(honeywell);
    await expect(t.transport.feedback('good')).resolves.toBeUndefined(); // not started: no device
    await t.transport.start(t.sink);
    t.backend.last.writeError = new Error('write failed');
    await expect(t.transport.feedback('good')).resolves.toBeUndefined();
    await expect(t.transport.feedback('good')).resolves.toBeUndefined();
    expect(t.log.at('warn').filter((e) => e.message.includes('beep'))).toHaveLength(1);
    await t.transport.stop();
  });
});
