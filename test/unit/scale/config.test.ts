import { ScaleConfig, ScaleConfigList } from '../../../src/scale/config';

describe('scale config', () => {
  test('defaults: the protocol\'s usual line settings, 3 stable readings', () => {
    expect(ScaleConfig.parse({ id: 'pack-scale', path: '/dev/ttyUSB0', protocol: 'toledo-8217' })).toMatchObject({
      baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1, stableReadings: 3, unit: 'kg', replyTimeoutMs: 1000, tolerance: { grams: 10 },
    });
    expect(ScaleConfig.parse({ id: 's', path: 'COM3', protocol: 'mt-sics' })).toMatchObject({ dataBits: 8, parity: 'none' });
  });
  test('explicit settings win over the defaults', () => {
    expect(ScaleConfig.parse({ id: 's', path: 'COM3', protocol: 'toledo-8217', dataBits: 8, parity: 'none', baudRate: 19200, stableReadings: 5, tolerance: { percent: 1.5 } }))
      .toMatchObject({ dataBits: 8, parity: 'none', baudRate: 19200, stableReadings: 5, tolerance: { percent: 1.5 } });
  });
  test.each([
    [{ protocol: 'sartorius' }, 'protocol must be one of'],
    [{ stableReadings: 0 }, 'stableReadings must be at least 1'],
    [{ stableReadings: 2.5 }, 'stableReadings must be a whole number'],
    [{ dataBits: 6 }, 'dataBits must be 7 or 8'],
    [{ parity: 'mark' }, 'parity must be none, even or odd'],
    [{ tolerance: { grams: -1 } }, 'tolerance.grams cannot be negative'],
    [{ path: '' }, 'path: the serial port'],
    [{ extra: 1 }, 'extra'],
  ])('%j is refused with a clear message', (override, message) => {
    const result = ScaleConfig.safeParse({ id: 's', path: '/dev/ttyUSB0', protocol: 'mt-sics', ...override });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(message);
  });
  test('a list needs distinct ids and ports', () => {
    const a = { id: 'a', path: '/dev/ttyUSB0', protocol: 'mt-sics' };
    expect(ScaleConfigList.safeParse([a, { ...a, path: '/dev/ttyUSB1' }]).error?.issues[0]?.message).toBe('each scale needs its own id');
    expect(ScaleConfigList.safeParse([a, { ...a, id: 'b' }]).error?.issues[0]?.message).toBe('two scales cannot share one port');
    expect(ScaleConfigList.parse([a, { id: 'b', path: '/dev/ttyUSB1', protocol: 'continuous' }])).toHaveLength(2);
  });
});
