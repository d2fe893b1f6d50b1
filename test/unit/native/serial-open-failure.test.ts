import { classifyOpenFailure } from '../../../native/serial/open-failure';
import { backoffDelay, DEFAULT_RECONNECT_POLICY } from '../../../native/serial/reconnect-policy';
import { isPortPresent } from '../../../native/serial/port-presence';

describe('classifyOpenFailure', () => {
  test('Linux/macOS EACCES → permission-denied with the dialout/udev hint', () => {
    const failure = classifyOpenFailure('/dev/ttyACM0', new Error('Error: Permission denied, cannot open /dev/ttyACM0'));
    expect(failure.status).toBe('permission-denied');
    expect(failure.detail).toMatch(/dialout/);
    expect(failure.detail).toMatch(/60-scan-station\.rules/);
  });

  test('Windows "Access denied" → permission-denied naming the likely other program', () => {
    const failure = classifyOpenFailure('COM3', new Error('Opening COM3: Access denied'));
    expect(failure).toEqual({ status: 'permission-denied', detail: expect.stringMatching(/other program/) });
  });

  test.each([
    ['Error: No such file or directory, cannot open /dev/ttyACM0'],
    ['Opening COM9: File not found'],
  ])('missing device (%s) → disconnected', (message) => {
    expect(classifyOpenFailure('/dev/ttyACM0', new Error(message)).status).toBe('disconnected');
  });

  test('a locked port → error saying another program holds it', () => {
    const failure = classifyOpenFailure('/dev/ttyUSB0', new Error('Error Resource temporarily unavailable Cannot lock port'));
    expect(failure).toEqual({ status: 'error', detail: expect.stringMatching(/in use by another program/) });
  });

  test('anything else → error with the original message', () => {
    expect(classifyOpenFailure('/dev/x', 'Invalid parity setting 9').detail).toMatch(/cannot open \/dev\/x: Invalid parity setting 9/);
  });
});

describe('backoffDelay', () => {
  test('doubles from the initial delay and stops at the cap', () => {
    const policy = { ...DEFAULT_RECONNECT_POLICY, initialBackoffMs: 100, maxBackoffMs: 1000 };
    expect([1, 2, 3, 4, 5, 100].map((n) => backoffDelay(n, policy))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
});

describe('isPortPresent', () => {
  test('Windows: matches SerialPort.list() paths case-insensitively, with or without the \\\\.\\ prefix', async () => {
    const list = async () => [{ path: 'COM3' }, { path: 'COM10' }];
    expect(await isPortPresent('\\\\.\\com10', 'win32', list)).toBe(true);
    expect(await isPortPresent('COM4', 'win32', list)).toBe(false);
  });

  test('Windows: when listing fails, lets the open attempt decide', async () => {
    expect(await isPortPresent('COM4', 'win32', async () => { throw new Error('no registry'); })).toBe(true);
  });

  test('elsewhere: whether the device node exists', async () => {
    expect(await isPortPresent(__filename, 'linux')).toBe(true);
    expect(await isPortPresent('/dev/no-such-scanner', 'linux')).toBe(false);
  });
});
