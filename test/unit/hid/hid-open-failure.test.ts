import { classifyHidOpenFailure } from '../../../native/hid/open-failure';
import { createHidTransport } from '../../../native/hid';
import { FakeHidBackend } from '../../helpers/fake-hid';
import { memoryLogger } from '../../helpers/memory-logger';

describe('classifyHidOpenFailure', () => {
  it.each([
    ['cannot open device with path /dev/hidraw3: Permission denied', 'linux', 'permission-denied', /udev rule from native\/udev/],
    ['cannot open device with path \\\\?\\hid#vid_0c2e: Access denied', 'win32', 'permission-denied', /another program may hold the scanner/],
    ['cannot open device with path /dev/hidraw3: No such file or directory', 'linux', 'disconnected', /disappeared while opening/],
    ['cannot open device with path /dev/hidraw3: Device or resource busy (EBUSY)', 'linux', 'error', /in use by another program/],
    ['cannot open device with path /dev/hidraw3', 'linux', 'error', /cannot open HID device \/dev\/hidraw3: cannot open device with path/],
  ] as const)('%s (%s) → %s', (message, platform, status, detail) => {
    const failure = classifyHidOpenFailure('/dev/hidraw3', new Error(message), platform);
    expect(failure.status).toBe(status);
    expect(failure.detail).toMatch(detail);
  });

  it('uses an errno code when the error carries one', () => {
    const error = Object.assign(new Error('open failed'), { code: 'EACCES' });
    expect(classifyHidOpenFailure('/dev/hidraw3', error, 'linux').status).toBe('permission-denied');
  });
});

describe('createHidTransport', () => {
  it('builds the transport for each HID kind with its device id', () => {
    const { logger } = memoryLogger();
    const backend = new FakeHidBackend();
    const pos = createHidTransport({ kind: 'hid-pos', id: 'p', vendorId: 1, productId: 2, beep: true }, logger, { backend });
    const kbd = createHidTransport({ kind: 'hid-keyboard', id: 'k', vendorId: 1, productId: 2, layout: 'us', interKeyTimeoutMs: 50 }, logger, { backend });
    expect([pos.kind, pos.deviceId, typeof pos.feedback]).toEqual(['hid-pos', 'p', 'function']);
    expect([kbd.kind, kbd.deviceId]).toEqual(['hid-keyboard', 'k']);
  });
});
