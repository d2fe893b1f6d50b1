import { CHARSETS } from './charsets';
import type { AiDef, Component } from './dictionary';

/** The GS1 dictionary's name for each component type's character-set check. */
const CSET_CHECK = { N: 'csetnumeric', X: 'cset82', Y: 'cset39', Z: 'cset64' } as const;

function rule(name: string): string {
  return ` (GS1 check "${name}")`;
}

function componentError(c: Component, s: string, at: number, len: number, base: number): string | null {
  let i = 0;
  if (c.charset === 'N' && c.linters[0]?.name === 'csum') {
    const bad = digitsWithCheckError(s, at, len, base);
    if (bad) return bad;
    i = 1;
  } else {
    const bad = charsetError(c, s, at, len, base);
    if (bad) return bad;
  }
  for (; i < c.linters.length; i++) {
    const l = c.linters[i]!;
    const bad = l.check(s, at, len);
    if (bad) return bad + rule(l.name);
  }
  return null;
}

function charsetError(c: Component, s: string, at: number, len: number, base: number): string | null {
  let end = at + len;
  if (c.charset === 'Z') { // base64url: up to two "=" of padding may end it, making it a multiple of 3 long
    let pads = 0;
    while (end > at && s.charCodeAt(end - 1) === 0x3d) { end--; pads++; }
    if (pads > 2 || (pads > 0 && len % 3 !== 0)) return `bad "=" padding at position ${end - base + 1}${rule('cset64')}`;
  }
  const allowed = c.allowed;
  for (let i = at; i < end; i++) {
    const code = s.charCodeAt(i);
    if (code >= 128 || allowed[code] === 0) return charError(s, i, base, CHARSETS[c.charset].words) + rule(CSET_CHECK[c.charset]);
  }
  return null;
}

/** Digits with a GS1 check digit (GTIN, SSCC, GLN …) in one pass: the hot path for most GS1 scans. */
function digitsWithCheckError(s: string, at: number, len: number, base: number): string | null {
  let sum = 0;
  let weight = len % 2 === 0 ? 3 : 1; // weight 3 on the digit just left of the check digit
  for (let i = at; i < at + len - 1; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return charError(s, i, base, 'digits only') + rule('csetnumeric');
    sum += d * weight;
    weight = 4 - weight;
  }
  const got = s.charCodeAt(at + len - 1) - 48;
  if (got < 0 || got > 9) return charError(s, at + len - 1, base, 'digits only') + rule('csetnumeric');
  const want = (10 - (sum % 10)) % 10;
  return got === want ? null : `bad check digit ${got}, expected ${want}${rule('csum')}`;
}

function charError(s: string, i: number, base: number, words: string): string {
  const code = s.charCodeAt(i);
  const shown = code < 0x20 || code === 0x7f ? `0x${code.toString(16).padStart(2, '0')}` : `"${s[i]}"`;
  return `character ${shown} at position ${i - base + 1} is not allowed (${words})`;
}

/**
 * Why the value s[start, end) is not valid for `def`, or null when it is. Never throws. Validating in
 * place on the scan's flat string is faster than on a slice of it; positions in errors are 1-based
 * within the value. Each component is checked for its character set, then by each GS1 check
 * ("linter") the dictionary names for it, in order; the error names the check that failed.
 */
export function valueError(def: AiDef, s: string, start = 0, end = s.length): string | null {
  const length = end - start;
  if (length < def.minLength || length > def.maxLength) return lengthError(def, length);
  let at = start;
  for (const c of def.components) {
    const left = end - at;
    if (left === 0 && c.optional) break;
    const len = Math.min(left, c.max);
    if (len < c.min) return `${label(def)} needs ${describeLength(def)}, got ${length}`;
    const bad = componentError(c, s, at, len, start);
    if (bad) return `${label(def)}: ${bad}`;
    at += len;
  }
  return at < end ? lengthError(def, length) : null;
}

function lengthError(def: AiDef, length: number): string {
  return length > def.maxLength
    ? `${label(def)} is ${length} characters long, at most ${def.maxLength} allowed`
    : `${label(def)} needs ${describeLength(def)}, got ${length}`;
}

export function describeLength(def: AiDef): string {
  return def.minLength === def.maxLength ? `${def.maxLength} characters` : `${def.minLength} to ${def.maxLength} characters`;
}

export function label(def: AiDef): string {
  return def.title ? `AI (${def.ai}) ${def.title}` : `AI (${def.ai})`;
}
