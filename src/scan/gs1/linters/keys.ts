import { gs1CheckDigit } from '../check-digit';
import type { Linter } from './types';

/** GS1 mod-10 check digit in the last position (GTIN, SSCC, GLN, GSRN …). */
export const csum: Linter = (s, at, len) => {
  const want = gs1CheckDigit(s, at, len - 1);
  const got = s.charCodeAt(at + len - 1) - 48;
  return got === want ? null : `bad check digit ${got}, expected ${want}`;
};

// CSET 82 in the order that gives each character its value for the alphanumeric check pair.
const CSET82_ORDER = '!"%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
const CSET32 = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const VALUE82 = new Int16Array(128).fill(-1);
for (let i = 0; i < CSET82_ORDER.length; i++) VALUE82[CSET82_ORDER.charCodeAt(i)] = i;
const PRIMES: number[] = [];
for (let n = 2; PRIMES.length < 97; n++) if (PRIMES.every((p) => n % p !== 0)) PRIMES.push(n);

/** GS1 alphanumeric check character pair in the last two positions (GMN, MUDI). */
export const csumalpha: Linter = (s, at, len) => {
  if (len < 2) return 'too short to carry the two check characters';
  if (len - 2 > PRIMES.length) return 'too long for the check character pair';
  let sum = 0;
  for (let i = 0; i < len - 2; i++) sum += VALUE82[s.charCodeAt(at + i) & 0x7f]! * PRIMES[len - 3 - i]!;
  sum %= 1021;
  const want = CSET32[sum >> 5]! + CSET32[sum & 31]!;
  const got = s.slice(at + len - 2, at + len);
  for (const c of got) if (!CSET32.includes(c)) return `check character "${c}" is not one of ${CSET32}`;
  return got === want ? null : `bad check characters ${got}, expected ${want}`;
};

const GCP_MIN = 4; // the shortest GS1 Company Prefix

function gcpAt(s: string, at: number, len: number, offset: number): string | null {
  if (len - offset < GCP_MIN) return `too short to start with a GS1 Company Prefix (${GCP_MIN} digits${offset ? ' after the first character' : ''})`;
  for (let i = at + offset; i < at + offset + GCP_MIN; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return `does not start with a GS1 Company Prefix: "${s[i]}" at position ${i - at + 1} is not a digit`;
  }
  return null;
}

/** Starts with a GS1 Company Prefix (at least its 4 shortest digits). */
export const gcppos1: Linter = (s, at, len) => gcpAt(s, at, len, 0);
/** A GS1 Company Prefix from the second position (after an indicator or extension digit). */
export const gcppos2: Linter = (s, at, len) => gcpAt(s, at, len, 1);
/** Newer dictionaries' names for the same two checks. */
export const key = gcppos1;
export const keyoff1 = gcppos2;

export const hasnondigit: Linter = (s, at, len) => {
  for (let i = at; i < at + len; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return 'must contain at least one character that is not a digit';
};

export const nozeroprefix: Linter = (s, at, len) =>
  len > 1 && s.charCodeAt(at) === 48 ? 'must not start with 0' : null;
