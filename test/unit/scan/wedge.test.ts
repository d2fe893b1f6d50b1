import { WedgeDetector, type WedgeKey, type WedgeResult } from '../../../src/scan/wedge';

/** Keydown events for typed text, `msPerKey` apart; `\n` is Enter. */
function typed(s: string, start: number, msPerKey: number): WedgeKey[] {
  return [...s].map((ch, i) => ({
    key: ch === '\n' ? 'Enter' : ch, code: ch === '\n' ? 'Enter' : '', ctrlKey: false, altKey: false, shiftKey: false, time: start + i * msPerKey,
  }));
}
const feed = (d: WedgeDetector, keys: WedgeKey[]): WedgeResult[] => keys.map((k) => d.key(k));
const scans = (results: WedgeResult[]) => results.filter((r) => r.kind === 'scan').map((r) => (r.kind === 'scan' ? r.text : ''));

describe('WedgeDetector', () => {
  test('a fast burst ending in Enter is a scan, and its keys are swallowed', () => {
    const d = new WedgeDetector();
    const results = feed(d, typed('P-1001\n', 0, 8));
    expect(scans(results)).toEqual(['P-1001']);
    expect(results.slice(0, 6).every((r) => r.kind === 'swallow')).toBe(true);
  });

  test('slow typing is a person: Enter passes through to the page', () => {
    const d = new WedgeDetector();
    const results = feed(d, typed('P-1001\n', 0, 80));
    expect(scans(results)).toEqual([]);
    expect(results.at(-1)).toEqual({ kind: 'pass' });
  });

  test('too short a burst is not a scan', () => {
    expect(scans(feed(new WedgeDetector({ minLength: 4 }), typed('ab\n', 0, 5)))).toEqual([]);
  });

  test('the per-device threshold: avg ms per char', () => {
    expect(scans(feed(new WedgeDetector({ maxAvgMsPerChar: 50 }), typed('C-2001\n', 0, 40)))).toEqual(['C-2001']);
    expect(scans(feed(new WedgeDetector({ maxAvgMsPerChar: 20 }), typed('C-2001\n', 0, 40)))).toEqual([]);
  });

  test('Ctrl+] gives GS exactly', () => {
    const d = new WedgeDetector();
    const keys = [...typed('01', 0, 5), { key: ']', code: 'BracketRight', ctrlKey: true, altKey: false, shiftKey: false, time: 10 }, ...typed('10AB\n', 15, 5)];
    expect(scans(feed(d, keys))).toEqual(['01\x1d10AB']);
  });

  test('Alt + numpad 0 2 9 gives GS exactly, ended by the Alt key-up', () => {
    const d = new WedgeDetector();
    const alt = (code: string, time: number): WedgeKey => ({ key: code.slice(-1), code, ctrlKey: false, altKey: true, shiftKey: false, time });
    const keys: WedgeKey[] = [
      ...typed('01', 0, 5),
      { key: 'Alt', code: 'AltLeft', ctrlKey: false, altKey: true, shiftKey: false, time: 10 },
      alt('Numpad0', 11), alt('Numpad2', 12), alt('Numpad9', 13),
      { key: 'Alt', code: 'AltLeft', ctrlKey: false, altKey: false, shiftKey: false, time: 14, type: 'keyup' },
      ...typed('10AB\n', 15, 5),
    ];
    expect(scans(feed(d, keys))).toEqual(['01\x1d10AB']);
  });

  test('prefix keys: only bursts after the prefix count, at any speed', () => {
    const d = new WedgeDetector({ prefixKeys: ['F12'] });
    expect(scans(feed(d, typed('P-1001\n', 0, 5)))).toEqual([]);
    const prefix: WedgeKey = { key: 'F12', code: 'F12', ctrlKey: false, altKey: false, shiftKey: false, time: 100 };
    expect(d.key(prefix)).toEqual({ kind: 'swallow' });
    expect(scans(feed(d, typed('P-1001\n', 101, 60)))).toEqual(['P-1001']);
  });

  test('without suffix keys, the pause ends the scan via flush at the deadline', () => {
    const d = new WedgeDetector({ suffixKeys: [], maxGapMs: 50 });
    feed(d, typed('P-1001', 0, 5));
    expect(d.deadline()).toBe(25 + 51);
    expect(d.flush(60)).toBeNull();
    expect(d.flush(76)).toMatchObject({ kind: 'scan', text: 'P-1001', firstAt: 0, lastAt: 25 });
    expect(d.deadline()).toBeNull();
  });

  test('a late key after a suffix-less scan reports the scan and starts a new burst', () => {
    const d = new WedgeDetector({ suffixKeys: [], maxGapMs: 50 });
    feed(d, typed('P-1001', 0, 5));
    expect(d.key(typed('C', 500, 0)[0]!)).toMatchObject({ kind: 'scan', text: 'P-1001' });
  });

  test('a pause inside a burst with a suffix key drops the partial burst', () => {
    const d = new WedgeDetector({ maxGapMs: 50 });
    feed(d, typed('P-10', 0, 5));
    expect(scans(feed(d, typed('C-2001\n', 500, 5)))).toEqual(['C-2001']);
  });

  test('a person\'s Ctrl shortcut, arrows and modifiers pass through', () => {
    const d = new WedgeDetector();
    expect(d.key({ key: 'c', code: 'KeyC', ctrlKey: true, altKey: false, shiftKey: false, time: 0 })).toEqual({ kind: 'pass' });
    expect(d.key({ key: 'ArrowLeft', code: 'ArrowLeft', ctrlKey: false, altKey: false, shiftKey: false, time: 1 })).toEqual({ kind: 'pass' });
    expect(d.key({ key: 'Shift', code: 'ShiftLeft', ctrlKey: false, altKey: false, shiftKey: true, time: 2 })).toEqual({ kind: 'pass' });
  });
});
