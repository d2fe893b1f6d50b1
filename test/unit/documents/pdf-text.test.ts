import { pdfSafe } from '../../../src/documents';

describe('pdfSafe (Helvetica, WinAnsiEncoding)', () => {
  it('keeps ASCII, Latin-1 and the Windows-1252 extras', () => {
    expect(pdfSafe('Cem Çelik — 12 € · Zoë Šťastná')).toBe('Cem Çelik — 12 € · Zoë Š?astná');
  });

  it('replaces each character outside it with one "?", surrogate pairs included', () => {
    expect(pdfSafe('Łódź')).toBe('?ód?');
    expect(pdfSafe('王小明')).toBe('???');
    expect(pdfSafe('🚚 ok')).toBe('? ok');
  });

  it('composes accents first, and turns line breaks and tabs into spaces', () => {
    expect(pdfSafe('e\u0301')).toBe('é');
    expect(pdfSafe('a\tb\r\nc')).toBe('a b  c');
    expect(pdfSafe('\u0007')).toBe('?');
  });
});
