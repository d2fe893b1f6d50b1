/** The standard names of the C0 control characters, 0x00–0x1f. */
const C0_NAMES = [
  'NUL', 'SOH', 'STX', 'ETX', 'EOT', 'ENQ', 'ACK', 'BEL', 'BS', 'HT', 'LF', 'VT', 'FF', 'CR', 'SO', 'SI',
  'DLE', 'DC1', 'DC2', 'DC3', 'DC4', 'NAK', 'SYN', 'ETB', 'CAN', 'EM', 'SUB', 'ESC', 'FS', 'GS', 'RS', 'US',
] as const;

/** A run of ordinary text, or one control character to show as a marked name (GS, CR, DEL, 0x85). */
export type TextPart = { kind: 'text'; text: string } | { kind: 'control'; name: string; code: number };

/** C0, DEL and C1 (0x80–0x9f): the characters that print as nothing or as garbage. */
function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

export function controlName(code: number): string {
  if (code < 0x20) return C0_NAMES[code] ?? '';
  if (code === 0x7f) return 'DEL';
  return `0x${code.toString(16).padStart(2, '0')}`;
}

/**
 * Splits text so its control characters can be shown visibly: `␝10A` becomes a GS mark and `10A`.
 * Names, not Unicode control pictures, because kiosk fonts often lack those glyphs.
 */
export function textParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let run = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (!isControl(code)) { run += char; continue; }
    if (run) parts.push({ kind: 'text', text: run });
    run = '';
    parts.push({ kind: 'control', name: controlName(code), code });
  }
  if (run) parts.push({ kind: 'text', text: run });
  return parts;
}
