import fc from 'fast-check';
import { LineSplitter, StabilityFilter, allowedDeviation, bitsPerChar, checkWeight, expectedGrams, lineTimeMs, type ScaleReading } from '../../../src/scale';

const w = (grams: number, stable = true): ScaleReading => ({ kind: 'weight', grams, stable, unit: 'g' });

describe('StabilityFilter', () => {
  test('accepts after N equal stable readings in a row', () => {
    const f = new StabilityFilter(3);
    expect(f.push(w(100))).toMatchObject({ kind: 'waiting', equal: 1 });
    expect(f.push(w(100))).toMatchObject({ kind: 'waiting', equal: 2 });
    expect(f.push(w(100))).toEqual({ kind: 'accepted', grams: 100, unit: 'g', readings: 3 });
  });
  test('a different value, an unstable reading or an overload starts again', () => {
    const f = new StabilityFilter(2);
    expect(f.push(w(100))).toMatchObject({ kind: 'waiting' });
    expect(f.push(w(101))).toMatchObject({ kind: 'waiting', equal: 1 });
    expect(f.push(w(101, false))).toMatchObject({ kind: 'rejected', reading: { kind: 'unstable' } });
    expect(f.push(w(101))).toMatchObject({ kind: 'waiting', equal: 1 });
    expect(f.push({ kind: 'overload', detail: 'x' })).toMatchObject({ kind: 'rejected', reading: { kind: 'overload' } });
    expect(f.push(w(101))).toMatchObject({ kind: 'waiting', equal: 1 });
    expect(f.push(w(101))).toMatchObject({ kind: 'accepted', grams: 101 });
  });
  test('N = 1 accepts the first stable reading', () => {
    expect(new StabilityFilter(1).push(w(5))).toMatchObject({ kind: 'accepted' });
  });
  test('rejects a bad N', () => {
    expect(() => new StabilityFilter(0)).toThrow();
    expect(() => new StabilityFilter(1.5)).toThrow();
  });
  test('property: accepted only when the last N readings were stable and equal', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 4 }), fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.boolean()), { maxLength: 40 }), (n, seq) => {
      const f = new StabilityFilter(n);
      const since: Array<[number, boolean]> = [];
      for (const [grams, stable] of seq) {
        since.push([grams, stable]);
        const verdict = f.push(w(grams, stable));
        if (verdict.kind === 'accepted') {
          const last = since.slice(-n);
          expect(last.every(([g, s]) => s && g === grams)).toBe(true);
          since.length = 0;
        }
      }
    }));
  });
});

describe('tolerance check', () => {
  const expected = { emptyGrams: 50, childGrams: [200, 200, 150] };
  test('expected = empty + children', () => {
    expect(expectedGrams(expected)).toBe(600);
  });
  test('within, too heavy, too light; bounds included', () => {
    expect(checkWeight(610, expected, { grams: 10 })).toMatchObject({ ok: true, verdict: 'within', deviationGrams: 10, allowedGrams: 10 });
    expect(checkWeight(610.5, expected, { grams: 10 })).toMatchObject({ ok: false, verdict: 'too-heavy' });
    expect(checkWeight(589, expected, { grams: 10 })).toMatchObject({ ok: false, verdict: 'too-light', deviationGrams: -11 });
  });
  test('percent tolerance, and the larger of grams and percent wins', () => {
    expect(allowedDeviation(600, { percent: 2 })).toBe(12);
    expect(allowedDeviation(600, { grams: 5, percent: 2 })).toBe(12);
    expect(allowedDeviation(100, { grams: 5, percent: 2 })).toBe(5);
    expect(checkWeight(612, expected, { percent: 2 }).ok).toBe(true);
  });
  test('no tolerance means exact', () => {
    expect(checkWeight(600, expected, {}).ok).toBe(true);
    expect(checkWeight(600.001, expected, {}).ok).toBe(false);
  });
  test('an empty parent alone', () => {
    expect(checkWeight(52, { emptyGrams: 50, childGrams: [] }, { grams: 5 })).toMatchObject({ ok: true, expectedGrams: 50 });
  });
});

describe('LineSplitter', () => {
  test('splits at the terminator across chunks', () => {
    const s = new LineSplitter('\r\n');
    expect(s.push('S S   1')).toEqual([]);
    expect(s.push('.00 g\r\nS S')).toEqual(['S S   1.00 g']);
    expect(s.push(' 2 g\r\n')).toEqual(['S S 2 g']);
  });
  test('bytes survive as latin1 characters', () => {
    expect(new LineSplitter('\r').push(new Uint8Array([0x02, 0x3f, 0xe1, 0x0d]))).toEqual(['\x02?\xe1']);
  });
  test('an over-long run without terminator is dropped up to the next terminator', () => {
    const s = new LineSplitter('\r\n', 16);
    expect(s.push('x'.repeat(20))).toEqual([]);
    expect(s.push('yyy\r\nok\r\n')).toEqual(['ok']);
  });
});

test('line timing: 7E1 and 8N1 are 10 bits a character', () => {
  expect(bitsPerChar({ dataBits: 7, parity: 'even', stopBits: 1 })).toBe(10);
  expect(bitsPerChar({ dataBits: 8, parity: 'none', stopBits: 1 })).toBe(10);
  expect(bitsPerChar({ dataBits: 8, parity: 'even', stopBits: 2 })).toBe(12);
  expect(lineTimeMs(96, { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 })).toBe(100);
});
