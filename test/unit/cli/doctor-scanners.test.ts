import { checkHidScanner, checkSerialScanner } from '../../../main/cli/doctor-scanners';
import type { HidDeviceInfo } from '../../../native/hid';

const pos = { kind: 'hid-pos' as const, id: 'pos-1', vendorId: 0x0c2e, productId: 0x0b61, beep: true };
const device = (info: Partial<HidDeviceInfo>) => ({ interface: 0, path: '/dev/hidraw0', release: 1, ...info }) as HidDeviceInfo;

describe('HID scanner presence', () => {
  test('found by vendor and product id', () => {
    expect(checkHidScanner(pos, [device({ vendorId: 0x0c2e, productId: 0x0b61 })])).toEqual({ name: 'scanner pos-1', ok: true, detail: 'USB 0c2e:0b61 is present' });
  });

  test('a configured serial number must match too', () => {
    const r = checkHidScanner({ ...pos, serialNumber: 'A1' }, [device({ vendorId: 0x0c2e, productId: 0x0b61, serialNumber: 'B2' })]);
    expect(r).toEqual({ name: 'scanner pos-1', ok: false, detail: 'USB 0c2e:0b61 serial A1 is not present: is the scanner plugged in and in HID POS mode?' });
  });

  test('when the device list cannot be had, the check is skipped with the reason', () => {
    expect(checkHidScanner(pos, 'cannot list HID devices: libusb missing')).toEqual({ name: 'scanner pos-1', ok: true, detail: 'USB 0c2e:0b61: not checked (cannot list HID devices: libusb missing)' });
  });
});

test('COM ports are not checked on Windows', async () => {
  const r = await checkSerialScanner({ kind: 'serial', id: 's', path: 'COM3', baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, framing: {} as never }, 'win32');
  expect(r).toEqual({ name: 'scanner s', ok: true, detail: 'COM3: not checked on this OS (COM ports are not files)' });
});
