import { DuplicateFilter } from '../../../src/scan/duplicates';

describe('DuplicateFilter', () => {
  test('the same code within the window is suppressed with a reason; others pass', () => {
    const f = new DuplicateFilter(500);
    expect(f.check('C-1', 1000)).toEqual({ duplicate: false });
    expect(f.check('C-2', 1100)).toEqual({ duplicate: false });
    expect(f.check('C-1', 1300)).toEqual({ duplicate: true, reason: 'same code read again after 300 ms (duplicate window 500 ms)' });
  });

  test('the window slides while the code keeps coming, and ends after a quiet window', () => {
    const f = new DuplicateFilter(500);
    f.check('C-1', 0);
    expect(f.check('C-1', 400).duplicate).toBe(true);
    expect(f.check('C-1', 800).duplicate).toBe(true);
    expect(f.check('C-1', 1300).duplicate).toBe(false);
  });

  test('window 0 is off; a clock stepping back never suppresses', () => {
    const off = new DuplicateFilter(0);
    off.check('C-1', 0);
    expect(off.check('C-1', 0).duplicate).toBe(false);
    const f = new DuplicateFilter(500);
    f.check('C-1', 10_000);
    expect(f.check('C-1', 9_900).duplicate).toBe(false);
  });

  test('remembers many codes without growing past what the window holds', () => {
    const f = new DuplicateFilter(10);
    for (let i = 0; i < 10_000; i++) f.check(`C-${i}`, i * 100);
    expect(f.check('C-9999', 999_905).duplicate).toBe(true);
    expect((f as unknown as { lastSeen: Map<string, number> }).lastSeen.size).toBeLessThan(300);
  });
});
