/**
 * A GS1 content check ("linter" in the GS1 Barcode Syntax Dictionary): why the component
 * s[at, at+len) fails it, as plain English a packer can read, or null when it passes. Checks are
 * pure and allocate nothing on success; they run after the component's character set was checked.
 */
export type Linter = (s: string, at: number, len: number) => string | null;

/** The value of the decimal digits s[at, at+len); -1 if any is not a digit. */
export function digitsValue(s: string, at: number, len: number): number {
  let v = 0;
  for (let i = at; i < at + len; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** The first non-digit in s[at, at+len) as an error, or null. */
export function nonDigit(s: string, at: number, len: number): string | null {
  for (let i = at; i < at + len; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return `character "${s[i]}" at position ${i - at + 1} is not a digit`;
  }
  return null;
}

/** A set of codes for lookups by substring, built once from a space-separated list. */
export function codeSet(list: string): ReadonlySet<string> {
  return new Set(list.split(' '));
}

export function quoted(s: string, at: number, len: number): string {
  return `"${s.slice(at, at + len)}"`;
}
