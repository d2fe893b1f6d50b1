import { DIAGNOSTICS_KEPT, type DiagnosticScan } from '../../src/api';
import { ScanDiagnostics } from '../../src/station-diagnostics';

const entry = (text: string): DiagnosticScan => ({
  at: '2026-01-01T00:00:00.000Z', deviceId: 'scanner-1', hex: Buffer.from(text).toString('hex'), text,
  aim: null, symbology: null, gs1: null, codeClass: 'child', valid: true, error: null, duplicate: false,
});

describe('the diagnostics ring', () => {
  it('builds a lazily added entry only when the screen asks, and only once', () => {
    const ring = new ScanDiagnostics();
    const build = jest.fn(() => entry('C-1'));
    ring.add(build);
    ring.add(entry('C-2'));
    expect(build).not.toHaveBeenCalled();
    expect(ring.recent(1).map((e) => e.text)).toEqual(['C-2']);
    expect(build).not.toHaveBeenCalled(); // not shown yet: still not built
    expect(ring.recent(10).map((e) => e.text)).toEqual(['C-2', 'C-1']);
    expect(ring.recent(10).map((e) => e.text)).toEqual(['C-2', 'C-1']);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('keeps the newest DIAGNOSTICS_KEPT entries, newest first', () => {
    const ring = new ScanDiagnostics();
    for (let i = 0; i < DIAGNOSTICS_KEPT + 5; i++) ring.add(() => entry(`C-${i}`));
    const shown = ring.recent(DIAGNOSTICS_KEPT + 5);
    expect(shown).toHaveLength(DIAGNOSTICS_KEPT);
    expect(shown[0]!.text).toBe(`C-${DIAGNOSTICS_KEPT + 4}`);
    expect(shown.at(-1)!.text).toBe('C-5');
  });
});
