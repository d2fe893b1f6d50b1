import { continuous, createProtocol, mtSics, toledo8217 } from '../../../src/scale';

describe('MT-SICS', () => {
  const p = mtSics();
  test('encodes S / SI / Z / T with CR LF', () => {
    expect(p.encode('weigh')).toBe('SI\r\n');
    expect(p.encode('zero')).toBe('Z\r\n');
    expect(p.encode('tare')).toBe('T\r\n');
  });
  test.each([
    ['S S     100.00 g', { kind: 'weight', grams: 100, stable: true, unit: 'g' }],
    ['S D     100.01 g', { kind: 'weight', grams: 100.01, stable: false, unit: 'g' }],
    ['S S      1.2345 kg', { kind: 'weight', grams: 1234.5, stable: true, unit: 'kg' }],
    ['S S    -  0.50 g', { kind: 'weight', grams: -0.5, stable: true, unit: 'g' }],
    ['S S       2.000 lb', { kind: 'weight', grams: 907.185, stable: true, unit: 'lb' }],
  ])('reads %j', (line, reading) => {
    expect(p.parseWeight(line)).toEqual(reading);
  });
  test.each([
    ['S I', 'unstable'], ['S +', 'overload'], ['S -', 'underload'], ['ES', 'error'], ['ET', 'error'], ['EL', 'error'],
  ])('%s is %s', (line, kind) => {
    expect(p.parseWeight(line)).toMatchObject({ kind, detail: expect.any(String) });
  });
  test('ES / ET / EL say what they mean', () => {
    expect(p.parseWeight('ES')).toMatchObject({ detail: expect.stringContaining('syntax') });
    expect(p.parseWeight('ET')).toMatchObject({ detail: expect.stringContaining('parity') });
    expect(p.parseWeight('EL')).toMatchObject({ detail: expect.stringContaining('logical') });
  });
  test.each(['', 'garbage', 'S S', 'S S  abc g', 'S S 100.00 furlongs', 'Z A', '\x00\xff'])('%j is no weight line', (line) => {
    expect(p.parseWeight(line)).toBeUndefined();
  });
  test('zero and tare replies', () => {
    expect(p.parseCommandReply('zero', 'Z A')).toEqual({ kind: 'done' });
    expect(p.parseCommandReply('zero', 'Z I')).toMatchObject({ kind: 'refused' });
    expect(p.parseCommandReply('zero', 'Z +')).toMatchObject({ kind: 'overload' });
    expect(p.parseCommandReply('zero', 'Z -')).toMatchObject({ kind: 'underload' });
    expect(p.parseCommandReply('tare', 'T S     250.00 g')).toEqual({ kind: 'done', grams: 250 });
    expect(p.parseCommandReply('tare', 'T I')).toMatchObject({ kind: 'refused' });
    expect(p.parseCommandReply('tare', 'EL')).toMatchObject({ kind: 'error' });
    expect(p.parseCommandReply('tare', 'S S 1 g')).toBeUndefined();
  });
});

describe('Toledo 8217', () => {
  const p = toledo8217({ unit: 'kg' });
  const status = (bits: number) => `\x02?${String.fromCharCode(0x60 | bits)}`;
  test('encodes W and Z, no CR; has no tare', () => {
    expect(p.encode('weigh')).toBe('W');
    expect(p.encode('zero')).toBe('Z');
    expect(p.supports.has('tare')).toBe(false);
    expect(() => p.encode('tare')).toThrow(/no tare/);
    expect(p.terminator).toBe('\r');
  });
  test('a weight record is a stable weight in the configured unit', () => {
    expect(p.parseWeight('\x0201.234')).toEqual({ kind: 'weight', grams: 1234, stable: true, unit: 'kg' });
    expect(toledo8217({ unit: 'lb' }).parseWeight('\x02001.00')).toEqual({ kind: 'weight', grams: 453.592, stable: true, unit: 'lb' });
  });
  test('status byte bits: motion, over capacity, under zero, zero capture', () => {
    expect(p.parseWeight(status(0x01))).toMatchObject({ kind: 'unstable' });
    expect(p.parseWeight(status(0x02))).toMatchObject({ kind: 'overload' });
    expect(p.parseWeight(status(0x03))).toMatchObject({ kind: 'overload' });
    expect(p.parseWeight(status(0x04))).toMatchObject({ kind: 'underload' });
    expect(p.parseWeight(status(0x08))).toMatchObject({ kind: 'error', detail: expect.stringContaining('zero') });
    expect(p.parseWeight('\x02?')).toMatchObject({ kind: 'error' });
  });
  test('the parity bit (bit 7) of a 7E1 status byte is ignored', () => {
    expect(p.parseWeight(`\x02?${String.fromCharCode(0x80 | 0x60 | 0x01)}`)).toMatchObject({ kind: 'unstable' });
  });
  test('garbage before the STX is dropped; a line without STX is none', () => {
    expect(p.parseWeight('\xff\x00junk\x0200.500')).toMatchObject({ kind: 'weight', grams: 500 });
    expect(p.parseWeight('00.500')).toBeUndefined();
    expect(p.parseWeight('\x02abc')).toBeUndefined();
  });
  test('zero replies are status records', () => {
    expect(p.parseCommandReply('zero', status(0x10))).toEqual({ kind: 'done' });
    expect(p.parseCommandReply('zero', status(0x01))).toMatchObject({ kind: 'refused' });
    expect(p.parseCommandReply('zero', status(0x02))).toMatchObject({ kind: 'overload' });
    expect(p.parseCommandReply('zero', '\x0200.000')).toBeUndefined();
  });
});

describe('continuous line', () => {
  const p = continuous();
  test.each([
    ['ST,GS,+  1.234kg', { kind: 'weight', grams: 1234, stable: true, unit: 'kg' }],
    ['US,GS,+  1.230kg', { kind: 'weight', grams: 1230, stable: false, unit: 'kg' }],
    ['ST,NT,-  0.200kg', { kind: 'weight', grams: -200, stable: true, unit: 'kg' }],
    ['ST,GS,+0001234 g', { kind: 'weight', grams: 1234, stable: true, unit: 'g' }],
    ['\x00\xffST,GS,+  1.234kg', { kind: 'weight', grams: 1234, stable: true, unit: 'kg' }],
  ])('reads %j', (line, reading) => {
    expect(p.parseWeight(line)).toEqual(reading);
  });
  test('OL is overload; a negative gross weight is underload', () => {
    expect(p.parseWeight('OL,GS,+99999.9kg')).toMatchObject({ kind: 'overload' });
    expect(p.parseWeight('ST,GS,-  0.050kg')).toMatchObject({ kind: 'underload' });
  });
  test.each(['', 'ST,GS,', 'ST,GS,+ abc kg', 'XX,GS,+1kg', 'ST,GS,+1.0parsecs'])('%j is no weight line', (line) => {
    expect(p.parseWeight(line)).toBeUndefined();
  });
  test('sends nothing: no zero, no tare', () => {
    expect(p.mode).toBe('continuous');
    expect(() => p.encode('zero')).toThrow();
  });
});

test('createProtocol picks by name', () => {
  expect(createProtocol('mt-sics').name).toBe('mt-sics');
  expect(createProtocol('toledo-8217').name).toBe('toledo-8217');
  expect(createProtocol('continuous').name).toBe('continuous');
});
