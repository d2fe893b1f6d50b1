/** Bytes of a scan as text, or the specific reason they are not acceptable text. Never throws. */
export type TextResult = { text: string; error: string | null };

const GS = 0x1d;
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

function controlError(code: number, at: number): string {
  return `control character 0x${hex2(code)} at byte ${at + 1} (only GS, 0x1d, is allowed in a scan)`;
}

/** Offset of the first byte that breaks UTF-8 (overlongs, surrogates and > U+10FFFF included), or -1. */
export function invalidUtf8At(b: Uint8Array, from: number): number {
  let i = from;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) { i++; continue; }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) { need = 2; if (c === 0xe0) lo = 0xa0; if (c === 0xed) hi = 0x9f; }
    else if (c >= 0xf0 && c <= 0xf4) { need = 3; if (c === 0xf0) lo = 0x90; if (c === 0xf4) hi = 0x8f; }
    else return i;
    if (i + need >= b.length) return i; // truncated sequence
    const second = b[i + 1]!;
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const cont = b[i + k]!;
      if (cont < 0x80 || cont > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Decodes a scan's bytes as UTF-8, skipping `from` leading ASCII bytes (the AIM id; byte positions in
 * errors still count from the start of the scan). Refuses invalid UTF-8 and control characters other than GS
 * (C0, DEL and C1), with the byte position in the reason; the text is still returned (lossy) so
 * diagnostics can show it.
 */
export function scanText(bytes: Uint8Array, from = 0): TextResult {
  let ascii = true;
  let error: string | null = null;
  for (let i = from; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c >= 0x20 && c < 0x7f) continue; // printable ASCII: the common case, one test
    if (c >= 0x80) { ascii = false; break; }
    if (c !== GS) error ??= controlError(c, i);
  }
  // TextDecoder is the fastest way to a string even for plain ASCII (faster than String.fromCharCode).
  // Decoding the view (not slicing the string) keeps the text a flat string, faster to scan later.
  const text = utf8.decode(from === 0 ? bytes : bytes.subarray(from));
  if (ascii) return { text, error };
  const bad = invalidUtf8At(bytes, from);
  if (bad >= 0) return { text, error: `invalid UTF-8 at byte ${bad + 1} (0x${hex2(bytes[bad]!)})` };
  // Valid UTF-8: find the first forbidden control character, C1 (U+0080–U+009F) included, by byte offset.
  for (let i = from; i < bytes.length; i++) {
    const c = bytes[i]!;
    if ((c < 0x20 && c !== GS) || c === 0x7f) return { text, error: controlError(c, i) };
    if (c === 0xc2 && bytes[i + 1]! >= 0x80 && bytes[i + 1]! <= 0x9f) {
      return { text, error: `control character U+00${hex2(bytes[i + 1]!).toUpperCase()} at byte ${i + 1} (only GS, 0x1d, is allowed in a scan)` };
    }
  }
  return { text, error: null };
}
