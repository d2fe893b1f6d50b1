import { gs1CheckDigit } from './check-digit';
import { CHARSETS } from './charsets';
import type { AiDef, Check, Component } from './dictionary';

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function num2(s: string, at: number): number {
  return (s.charCodeAt(at) - 48) * 10 + (s.charCodeAt(at + 1) - 48);
}

function dateError(s: string, at: number, allowDay00: boolean): string | null {
  const yy = num2(s, at);
  const mm = num2(s, at + 2);
  const dd = num2(s, at + 4);
  if (mm < 1 || mm > 12) return `month ${String(mm).padStart(2, '0')}`;
  // Years are 20YY here: February has 29 days in every year divisible by 4 (2000 was a leap year).
  const max = mm === 2 && yy % 4 !== 0 ? 28 : DAYS_IN_MONTH[mm]!;
  if (dd > max || (dd === 0 && !allowDay00)) return `day ${String(dd).padStart(2, '0')} of month ${String(mm).padStart(2, '0')}`;
  return null;
}

function checkError(check: Check, s: string, at: number, len: number): string | null {
  switch (check) {
    case 'csum': {
      const want = gs1CheckDigit(s, at, len - 1);
      const got = s.charCodeAt(at + len - 1) - 48;
      return got === want ? null : `bad check digit ${got}, expected ${want}`;
    }
    case 'yymmdd':
    case 'yymmd0': {
      const bad = dateError(s, at, check === 'yymmd0');
      return bad && `"${s.slice(at, at + 6)}" is not a valid YYMMDD date (${bad})`;
    }
    case 'yymmddhh': {
      const bad = dateError(s, at, false) ?? (num2(s, at + 6) > 23 ? `hour ${s.slice(at + 6, at + 8)}` : null);
      return bad && `"${s.slice(at, at + 8)}" is not a valid YYMMDDHH date and hour (${bad})`;
    }
    case 'hhmm':
      return num2(s, at) > 23 || num2(s, at + 2) > 59 ? `"${s.slice(at, at + 4)}" is not a valid HHMM time` : null;
  }
}

function componentError(c: Component, s: string, at: number, len: number, base: number): string | null {
  if (c.charset === 'N' && c.check === 'csum') return digitsWithCheckError(s, at, len, base);
  const allowed = c.allowed;
  for (let i = at; i < at + len; i++) {
    const code = s.charCodeAt(i);
    if (code >= 128 || allowed[code] === 0) return charError(s, i, base, CHARSETS[c.charset].words);
  }
  return c.check ? checkError(c.check, s, at, len) : null;
}

/** Digits with a GS1 check digit (GTIN, SSCC, GLN …) in one pass: the hot path for most GS1 scans. */
function digitsWithCheckError(s: string, at: number, len: number, base: number): string | null {
  let sum = 0;
  let weight = len % 2 === 0 ? 3 : 1; // weight 3 on the digit just left of the check digit
  for (let i = at; i < at + len - 1; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return charError(s, i, base, 'digits only');
    sum += d * weight;
    weight = 4 - weight;
  }
  const got = s.charCodeAt(at + len - 1) - 48;
  if (got < 0 || got > 9) return charError(s, at + len - 1, base, 'digits only');
  const want = (10 - (sum % 10)) % 10;
  return got === want ? null : `bad check digit ${got}, expected ${want}`;
}

function charError(s: string, i: number, base: number, words: string): string {
  const code = s.charCodeAt(i);
  const shown = code < 0x20 || code === 0x7f ? `0x${code.toString(16).padStart(2, '0')}` : `"${s[i]}"`;
  return `character ${shown} at position ${i - base + 1} is not allowed (${words})`;
}

/**
 * Why the value s[start, end) is not valid for `def`, or null when it is. Never throws. Validating in
 * place on the scan's flat string is faster than on a slice of it; positions in errors are 1-based
 * within the value.
 */
export function valueError(def: AiDef, s: string, start = 0, end = s.length): string | null {
  const length = end - start;
  const only = def.components.length === 1 ? def.components[0]! : null;
  if (only) { // most AIs have one component: skip the general walk
    if (length < only.min || length > only.max) return lengthError(def, length);
    const bad = componentError(only, s, start, length, start);
    return bad && `${label(def)}: ${bad}`;
  }
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
  return `AI (${def.ai}) ${def.title}`;
}
