import { BootKeyboardDecoder } from '../../../src/scan/keyboard/boot-report';
import { altCodeChar, controlCode } from '../../../src/scan/keyboard/control-chars';
import { HidKeyboardScanner } from '../../../src/scan/keyboard/hid-keyboard';
import type { LayoutId } from '../../../src/scan/keyboard/layouts';
import { fixture, fromHex, text } from './helpers';

interface Sequence { name: string; layout: LayoutId; reports: string[]; text: string }
const { sequences } = fixture<{ sequences: Sequence[] }>('keyboard', 'sequences.json');

describe('keyboard-mode scanner: recorded report sequences per layout', () => {
  test.each(sequences.map((s) => [s.name, s] as const))('%s', (_name, seq) => {
    const scanner = new HidKeyboardScanner({ layout: seq.layout, interKeyTimeoutMs: 0 });
    const out = seq.reports.flatMap((hex, i) => scanner.push(fromHex(hex), i));
    expect(out).toHaveLength(1);
    expect(out[0]!.kind).toBe('frame');
    expect(new TextDecoder().decode(out[0]!.bytes)).toBe(seq.text);
  });

  test('the same sequences with a report-id byte in front (9-byte reads) decode the same', () => {
    for (const seq of sequences) {
      const scanner = new HidKeyboardScanner({ layout: seq.layout, interKeyTimeoutMs: 0 });
      const out = seq.reports.flatMap((hex, i) => scanner.push(fromHex(`01${hex}`), i));
      expect(new TextDecoder().decode(out[0]!.bytes)).toBe(seq.text);
    }
  });
});

describe('HidKeyboardScanner', () => {
  const key = (usage: number, mods = 0) => [Uint8Array.of(mods, 0, usage, 0, 0, 0, 0, 0), new Uint8Array(8)];

  test('without a suffix key the inter-key pause ends the scan', () => {
    const s = new HidKeyboardScanner({ layout: 'us', interKeyTimeoutMs: 50 });
    [0x13, 0x2d, 0x1e].forEach((u, i) => key(u).forEach((r) => s.push(r, 1000 + i * 5)));
    expect(s.deadline()).toBe(1060);
    const out = s.flush(1060);
    expect(out.map((o) => text(o.bytes))).toEqual(['p-1']);
  });

  test('a report of the wrong size is rejected with a reason', () => {
    const out = new HidKeyboardScanner({ layout: 'us', interKeyTimeoutMs: 0 }).push(Uint8Array.of(1, 2, 3), 0);
    expect(out).toEqual([expect.objectContaining({ kind: 'rejected', reason: 'keyboard report of 3 bytes; a boot-keyboard report has 8' })]);
  });

  test('Tab as a suffix key when configured', () => {
    const s = new HidKeyboardScanner({ layout: 'us', interKeyTimeoutMs: 0, suffixKeys: ['Tab'] });
    const out = [...key(0x04), ...key(0x2b)].flatMap((r) => s.push(r, 0));
    expect(out.map((o) => text(o.bytes))).toEqual(['a']);
  });
});

describe('BootKeyboardDecoder details', () => {
  test('F8 is a key, not GS, when the Honeywell mapping is off', () => {
    const d = new BootKeyboardDecoder({ layout: 'us', f8AsGs: false });
    expect(d.report(Uint8Array.of(0, 0, 0x41, 0, 0, 0, 0, 0)).keystrokes).toEqual([{ kind: 'key', name: 'F8' }]);
  });

  test('Alt + other keys are shortcuts, not data', () => {
    const d = new BootKeyboardDecoder({ layout: 'us' });
    expect(d.report(Uint8Array.of(0x04, 0, 0x04, 0, 0, 0, 0, 0)).keystrokes).toEqual([]);
    expect(d.report(new Uint8Array(8)).keystrokes).toEqual([]);
  });
});

describe('control characters', () => {
  test('Ctrl + character', () => {
    expect(controlCode(']')).toBe('\x1d');
    expect(controlCode('a')).toBe('\x01');
    expect(controlCode('[')).toBe('\x1b');
    expect(controlCode('1')).toBeNull();
    expect(controlCode('ß')).toBeNull();
  });

  test('Alt + numpad codes: 029 and 29 are GS; 0nnn is cp1252, nnn is cp437', () => {
    expect(altCodeChar('029')).toBe('\x1d');
    expect(altCodeChar('29')).toBe('\x1d');
    expect(altCodeChar('0128')).toBe('€');
    expect(altCodeChar('0233')).toBe('é');
    expect(altCodeChar('130')).toBe('é');
    expect(altCodeChar('65')).toBe('A');
    expect(altCodeChar('321')).toBe('A'); // wraps at 256
    expect(altCodeChar('')).toBeNull();
  });
});
