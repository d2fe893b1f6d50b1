import type { DeviceStatus } from '../../../src/api';
import type { HidDeviceInfo } from '../../../native/hid/hid-backend';
import { chooseInterface } from '../../../native/hid/choose-interface';
import { HidSupervisor } from '../../../native/hotplug/hid-supervisor';
import { FakeHidBackend, fromHex, permissionError } from '../../helpers/fake-hid';
import { memoryLogger } from '../../helpers/memory-logger';

const MATCH = { vendorId: 0x0c2e, productId: 0x0b87, serialNumber: 'SN1' };
const base = { vendorId: MATCH.vendorId, productId: MATCH.productId, serialNumber: 'SN1', release: 0x100, interface: 0 };
const POS: HidDeviceInfo = { ...base, path: '/dev/hidraw3', usagePage: 0x8c, usage: 0x02 };
const VENDOR_PAGE: HidDeviceInfo = { ...base, path: '/dev/hidraw4', usagePage: 0xff00, usage: 0x01, interface: 1 };
const KEYBOARD: HidDeviceInfo = { ...base, path: '/dev/hidraw5', usagePage: 0x01, usage: 0x06 };
const POLICY = { presencePollMs: 2000, initialBackoffMs: 500, maxBackoffMs: 4000 };

function setup(devices: HidDeviceInfo[]) {
  const backend = new FakeHidBackend(devices);
  const statuses: Array<Pick<DeviceStatus, 'status' | 'detail'>> = [];
  const reports: Buffer[] = [];
  let lost = 0;
  const supervisor = new HidSupervisor({
    match: MATCH,
    backend,
    logger: memoryLogger().logger,
    policy: POLICY,
    choose: (interfaces, all) => chooseInterface('hid-pos', MATCH, interfaces, all),
    status: (status, detail) => statuses.push({ status, detail }),
    report: (data) => reports.push(data),
    lost: () => { lost += 1; },
  });
  const last = () => statuses.at(-1)!;
  return { backend, statuses, reports, supervisor, last, lostCount: () => lost };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('HidSupervisor', () => {
  it('opens only the HID POS interface of a scanner that also exposes a vendor page', async () => {
    const t = setup([VENDOR_PAGE, POS]);
    await t.supervisor.start();
    expect(t.backend.openCalls).toEqual(['/dev/hidraw3']);
    expect(t.last()).toEqual({ status: 'connected', detail: expect.stringContaining('/dev/hidraw3') });
    t.backend.last.emit('data', fromHex('02 01'));
    expect(t.reports).toEqual([fromHex('02 01')]);
    await t.supervisor.stop();
    expect(t.backend.last.closed).toBe(true);
  });

  it('reports not-in-hid-pos-mode with a hint when the scanner is present in keyboard mode', async () => {
    const t = setup([KEYBOARD]);
    await t.supervisor.start();
    expect(t.backend.openCalls).toEqual([]);
    expect(t.last().status).toBe('not-in-hid-pos-mode');
    expect(t.last().detail).toMatch(/not in HID POS mode .*a keyboard.*programming barcode/);
    await t.supervisor.stop();
  });

  it('reports permission-denied with the udev hint on EACCES, and retries with capped backoff', async () => {
    const t = setup([POS]);
    t.backend.openError = permissionError('/dev/hidraw3');
    await t.supervisor.start();
    expect(t.last()).toEqual({ status: 'permission-denied', detail: expect.stringMatching(/udev rule from native\/udev/) });
    // failures 1, 2, 3, 4 wait 500, 1000, 2000, 4000; then the cap (4000) holds
    for (const wait of [500, 1000, 2000, 4000, 4000]) {
      const before = t.backend.openCalls.length;
      await jest.advanceTimersByTimeAsync(wait - 1);
      expect(t.backend.openCalls).toHaveLength(before);
      await jest.advanceTimersByTimeAsync(1);
      expect(t.backend.openCalls).toHaveLength(before + 1);
    }
    t.backend.openError = undefined;
    await jest.advanceTimersByTimeAsync(4000);
    expect(t.last().status).toBe('connected');
    await t.supervisor.stop();
  });

  it('turns a read error (unplug) into a clean disconnected, then reconnects when the scanner reappears', async () => {
    const t = setup([POS]);
    await t.supervisor.start();
    const first = t.backend.last;
    t.backend.unplug();
    first.failRead();
    expect(t.last()).toEqual({ status: 'disconnected', detail: expect.stringMatching(/unplugged or closed \(read error: could not read/) });
    expect(t.lostCount()).toBe(1);
    expect(first.closed).toBe(true);
    first.failRead(); // a late second error must neither crash nor report again
    await jest.advanceTimersByTimeAsync(10_000);
    expect(t.last().status).toBe('disconnected');
    expect(t.last().detail).toMatch(/not plugged in; waiting/);

    t.backend.plug(POS);
    await jest.advanceTimersByTimeAsync(2000);
    expect(t.last().status).toBe('connected');
    expect(t.backend.opened).toHaveLength(2);
    t.backend.last.emit('data', fromHex('aa'));
    first.emit('data', fromHex('bb')); // the old handle is dead
    expect(t.reports).toEqual([fromHex('aa')]);
    await t.supervisor.stop();
  });

  it('notices an unplug by polling even when no error event comes, and handles a close event', async () => {
    const t = setup([POS]);
    await t.supervisor.start();
    t.backend.unplug();
    await jest.advanceTimersByTimeAsync(2000);
    expect(t.last()).toEqual({ status: 'disconnected', detail: expect.stringMatching(/no longer listed/) });

    t.backend.plug(POS);
    await jest.advanceTimersByTimeAsync(2500);
    expect(t.last().status).toBe('connected');
    t.backend.last.emit('close');
    expect(t.last()).toEqual({ status: 'disconnected', detail: expect.stringMatching(/the device was closed/) });
    await t.supervisor.stop();
  });

  it('recognises the scanner by serial number, and hints at a same-vendor device with another product id', async () => {
    const other = { ...POS, serialNumber: 'OTHER' };
    const t = setup([other, { ...KEYBOARD, productId: 0x0b81 }]);
    await t.supervisor.start();
    expect(t.backend.openCalls).toEqual([]);
    expect(t.last().status).toBe('disconnected');
    expect(t.last().detail).toMatch(/same vendor is present with product id 0x0b81/);
    await t.supervisor.stop();
  });

  it('reports a failing device listing as error and keeps trying', async () => {
    const t = setup([POS]);
    t.backend.listError = new Error('hidapi not initialized');
    await t.supervisor.start();
    expect(t.last()).toEqual({ status: 'error', detail: 'cannot list HID devices (hidapi not initialized); retrying' });
    t.backend.listError = undefined;
    await jest.advanceTimersByTimeAsync(500);
    expect(t.last().status).toBe('connected');
    await t.supervisor.stop();
  });

  it('stop() during an open in flight closes the late handle and reports nothing more', async () => {
    const t = setup([POS]);
    let release: () => void = () => undefined;
    const open = t.backend.open.bind(t.backend);
    t.backend.open = (p) => new Promise((resolve) => { release = () => resolve(open(p)); });
    const starting = t.supervisor.start();
    await jest.advanceTimersByTimeAsync(0);
    await t.supervisor.stop();
    release();
    await starting;
    await jest.advanceTimersByTimeAsync(0);
    expect(t.backend.last.closed).toBe(true);
    expect(t.statuses).toEqual([]);
  });
});

describe('HidSupervisor flapping device', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('backs off when a device fails right after every open, and starts afresh once it works', async () => {
    const t = setup([POS]);
    await t.supervisor.start();
    const reopenDelays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const opened = t.backend.opened.length;
      t.backend.last.failRead();
      let waited = 0;
      while (t.backend.opened.length === opened) { await jest.advanceTimersByTimeAsync(100); waited += 100; }
      reopenDelays.push(waited);
    }
    expect(reopenDelays).toEqual([500, 1000, 2000, 4000, 4000]);
    t.backend.last.emit('data', fromHex('01'));
    t.backend.last.failRead();
    await jest.advanceTimersByTimeAsync(500);
    expect(t.backend.opened).toHaveLength(7);
    await t.supervisor.stop();
  });
});
