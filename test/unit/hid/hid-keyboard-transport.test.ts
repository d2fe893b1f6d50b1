import type { DeviceStatus } from '../../../src/api';
import type { HidKeyboardScannerConfig } from '../../../src/config/scanners';
import type { RawScan, TransportSink } from '../../../src/ports';
import type { HidDeviceInfo } from '../../../native/hid/hid-backend';
import { HidKeyboardTransport, KEYBOARD_MODE_UNSUPPORTED } from '../../../native/hid/hid-keyboard-transport';
import { FakeHidBackend, fromHex, listFixtures, loadKeyboardFixture, type KeyboardFixture } from '../../helpers/fake-hid';
import { memoryLogger } from '../../helpers/memory-logger';

const PATH = '/dev/hidraw7';

function setup(fixture: KeyboardFixture, platform: NodeJS.Platform = 'linux', device: HidDeviceInfo = { ...fixture.device, path: PATH }) {
  const backend = new FakeHidBackend([device]);
  const config: HidKeyboardScannerConfig = {
    kind: 'hid-keyboard', id: 'kbd-1', vendorId: fixture.device.vendorId, productId: fixture.device.productId, layout: fixture.layout, interKeyTimeoutMs: 50,
  };
  const transport = new HidKeyboardTransport(config, { logger: memoryLogger().logger, backend, platform, hotplug: { presencePollMs: 2000, initialBackoffMs: 500 } });
  const scans: RawScan[] = [];
  const statuses: DeviceStatus[] = [];
  const sink: TransportSink = { scan: (s) => scans.push(s), status: (s) => statuses.push(s) };
  return { backend, transport, sink, scans, statuses };
}

const bytesOf = (scans: RawScan[]) => scans.map((s) => [...s.bytes]);
const expected = (fixture: KeyboardFixture) => fixture.scans.map((s) => [...fromHex(s.hex)]);

beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
afterEach(() => jest.useRealTimers());

describe('HidKeyboardTransport over recorded boot-keyboard reports', () => {
  it.each(listFixtures('keyboard'))('%s layout: the characters the scanner meant, GS exact, repeated keys kept', async (name) => {
    const fixture = loadKeyboardFixture(name);
    const t = setup(fixture);
    await t.transport.start(t.sink);
    expect(t.statuses.at(-1)).toMatchObject({ deviceId: 'kbd-1', kind: 'hid-keyboard', status: 'connected' });
    t.backend.last.feed(fixture.reports);
    expect(bytesOf(t.scans)).toEqual(expected(fixture));
    expect(t.scans.every((s) => s.deviceId === 'kbd-1' && s.aim === undefined)).toBe(true);
    await t.transport.stop();
  });

  it('ends a scan without a suffix key after the inter-key timeout', async () => {
    const fixture = loadKeyboardFixture('us');
    const t = setup(fixture);
    await t.transport.start(t.sink);
    // "Z9" without its Enter: the last four reports are Enter press/release
    const last = fixture.reports.length;
    t.backend.last.feed(fixture.reports.slice(last - 6, last - 2));
    expect(t.scans).toEqual([]);
    await jest.advanceTimersByTimeAsync(50);
    expect(bytesOf(t.scans)).toEqual([[...Buffer.from('Z9')]]);
    await t.transport.stop();
  });

  it('unplug: clean disconnected, what was typed ends at its deadline as live, and reading again after the replug', async () => {
    const fixture = loadKeyboardFixture('uk');
    const t = setup(fixture);
    await t.transport.start(t.sink);
    t.backend.last.feed(fixture.reports.slice(0, 4));
    t.backend.unplug();
    t.backend.last.failRead();
    expect(t.statuses.at(-1)).toMatchObject({ status: 'disconnected' });
    await jest.advanceTimersByTimeAsync(100);
    expect(bytesOf(t.scans)).toEqual([[...Buffer.from('A"')]]); // as a timeout-ended scan would be live
    t.scans.length = 0;
    t.backend.plug({ ...fixture.device, path: PATH });
    await jest.advanceTimersByTimeAsync(2000);
    expect(t.statuses.at(-1)).toMatchObject({ status: 'connected' });
    t.backend.last.feed(fixture.reports);
    expect(bytesOf(t.scans)).toEqual(expected(fixture));
    await t.transport.stop();
  });
});

describe('HidKeyboardTransport refusals', () => {
  it.each(['win32', 'darwin'] as const)('on %s: a clear error status, no device touched', async (platform) => {
    const t = setup(loadKeyboardFixture('us'), platform);
    await t.transport.start(t.sink);
    expect(t.statuses).toEqual([{ deviceId: 'kbd-1', kind: 'hid-keyboard', status: 'error', detail: KEYBOARD_MODE_UNSUPPORTED }]);
    expect(t.backend.listCalls).toBe(0);
    await t.transport.stop();
  });

  it('a scanner in HID POS mode configured as keyboard: error saying to use kind hid-pos', async () => {
    const fixture = loadKeyboardFixture('us');
    const t = setup(fixture, 'linux', { ...fixture.device, path: PATH, usagePage: 0x8c, usage: 0x02 });
    await t.transport.start(t.sink);
    expect(t.statuses.at(-1)).toMatchObject({ status: 'error', detail: expect.stringMatching(/not in keyboard mode.*kind "hid-pos"/) });
    expect(t.backend.openCalls).toEqual([]);
    await t.transport.stop();
  });
});
