import type { ScanResult } from '../../../renderer/src/api';
import { newestFirst } from '../../../renderer/src/newest-first';

function scan(code: string, seq: number | undefined, at: string): ScanResult {
  return { correlationId: code, deviceId: 'demo', code, codeClass: 'child', outcome: 'good', message: '', seq, at };
}

describe('newestFirst', () => {
  it('orders by the station\'s event seq, not by the clock', () => {
    // The clock stepped back between seq 2 and 3; seq is still the truth.
    const scans = [scan('a', 1, '2025-01-01T10:00:00Z'), scan('c', 3, '2025-01-01T09:00:00Z'), scan('b', 2, '2025-01-01T10:00:01Z')];
    expect(newestFirst(scans).map((s) => s.code)).toEqual(['c', 'b', 'a']);
  });

  it('keeps the station\'s order when a scan has no seq', () => {
    const scans = [scan('x', 5, '2025-01-01T10:00:00Z'), scan('y', undefined, '2025-01-01T10:00:01Z'), scan('z', 9, '2025-01-01T10:00:02Z')];
    expect(newestFirst(scans).map((s) => s.code)).toEqual(['x', 'y', 'z']);
  });

  it('returns a new array and leaves the state it was given untouched', () => {
    const scans = [scan('a', 1, '2025-01-01T10:00:00Z'), scan('b', 2, '2025-01-01T10:00:01Z')];
    const sorted = newestFirst(scans);
    expect(sorted.map((s) => s.code)).toEqual(['b', 'a']);
    expect(scans.map((s) => s.code)).toEqual(['a', 'b']);
  });
});
