/**
 * Text for pdfkit's built-in Helvetica. The standard 14 fonts are written in WinAnsiEncoding
 * (Windows-1252): a character outside it (Polish "ł", "ą", CJK, emoji …) has no code in the font and
 * pdfkit would emit a wrong or missing glyph. We replace each such character with '?' rather than
 * embed a font, so a document looks the same on every station and needs nothing installed.
 */

/** The Windows-1252 characters above 0x7E that are not Latin-1 (0x80–0x9F in the code page). */
const CP1252_EXTRAS = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';

function showable(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRAS.includes(ch);
}

/** The text with whatever Helvetica cannot show replaced by '?'; tabs and line breaks become spaces. */
export function pdfSafe(text: string): string {
  let out = '';
  // NFC first, so a decomposed "é" (e + combining accent) is shown as the one character Helvetica has.
  for (const ch of text.normalize('NFC')) {
    if (/[\t\r\n]/.test(ch)) out += ' ';
    else out += showable(ch) ? ch : '?';
  }
  return out;
}
