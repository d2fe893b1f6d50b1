import { controlName, textParts } from '../../../renderer/src/format/control-chars';
import { timeOfDay } from '../../../renderer/src/format/time-of-day';

describe('textParts', () => {
  it('splits out GS so it can be shown as a mark between the GS1 elements', () => {
    expect(textParts('\x1d0109506000134352\x1d10A')).toEqual([
      { kind: 'control', name: 'GS', code: 0x1d },
      { kind: 'text', text: '0109506000134352' },
      { kind: 'control', name: 'GS', code: 0x1d },
      { kind: 'text', text: '10A' },
    ]);
  });

  it('marks every C0 character, DEL and C1, and nothing else', () => {
    const names = (text: string) => textParts(text).map((p) => (p.kind === 'control' ? p.name : `"${p.text}"`));
    expect(names('a\rb\n\t\x00')).toEqual(['"a"', 'CR', '"b"', 'LF', 'HT', 'NUL']);
    expect(names('x\x7fy\x85')).toEqual(['"x"', 'DEL', '"y"', '0x85']);
    expect(names('P-1001 Größe 日本 😀 \xa0')).toEqual(['"P-1001 Größe 日本 😀 \xa0"']);
    expect(textParts('')).toEqual([]);
  });

  it('names the control characters by their standard names', () => {
    expect([0x00, 0x04, 0x1b, 0x1e, 0x1f, 0x7f, 0x9f].map(controlName)).toEqual(['NUL', 'EOT', 'ESC', 'RS', 'US', 'DEL', '0x9f']);
  });
});

describe('timeOfDay', () => {
  const at = new Date(2025, 2, 4, 14, 3, 7, 42); // local time, so the test holds in any time zone

  it('gives the local time of day on a 24-hour clock, with milliseconds on request', () => {
    expect(timeOfDay(at.toISOString())).toBe('14:03:07');
    expect(timeOfDay(at.toISOString(), { ms: true })).toBe('14:03:07.042');
    expect(timeOfDay(at.getTime(), { ms: true })).toBe('14:03:07.042');
  });

  it('is empty for a time it cannot read', () => {
    expect(timeOfDay('not a time')).toBe('');
  });
});
