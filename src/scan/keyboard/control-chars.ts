import altCodes from '../data/keyboard/alt-codes.json';

export const GS = '\x1d';

/**
 * Ctrl + a character gives the ASCII control code: Ctrl+A … Ctrl+Z are 0x01–0x1a, Ctrl+[ \ ] ^ _
 * are 0x1b–0x1f (Ctrl+] is GS) and Ctrl+@ is NUL. Null when the character has no control code.
 */
export function controlCode(char: string): string | null {
  const upper = char.toUpperCase();
  if (char.length !== 1 || upper.length !== 1) return null; // 'ß' upper-cases to 'SS'
  const c = upper.charCodeAt(0);
  return c >= 0x40 && c <= 0x5f ? String.fromCharCode(c - 0x40) : null;
}

/**
 * The character Windows types for Alt + numpad digits: `0nnn` is code page 1252, `nnn` is code page
 * 437; codes wrap at 256. So Alt+029 and Alt+29 both give GS.
 */
export function altCodeChar(digits: string): string | null {
  if (digits.length === 0) return null;
  const code = Number(digits) % 256;
  if (code < 0x80) return String.fromCharCode(code);
  if (digits.startsWith('0')) return code < 0xa0 ? altCodes.cp1252From128To159[code - 0x80] ?? null : String.fromCharCode(code);
  return altCodes.cp437From128[code - 0x80] ?? null;
}
