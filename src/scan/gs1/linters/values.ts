import { digitsValue, quoted, type Linter } from './types';

function oneOf(chars: string, what: string): Linter {
  return (s, at, len) => (len === 1 && chars.includes(s[at]!) ? null : `${quoted(s, at, len)} must be ${what}`);
}

export const yesno = oneOf('01', '0 (no) or 1 (yes)');
export const zero = oneOf('0', '0');
/** Winding direction (AI 8001): 0 face out, 1 face in, 9 undefined. */
export const winding = oneOf('019', 'a winding direction: 0, 1 or 9');

export const nonzero: Linter = (s, at, len) => {
  for (let i = at; i < at + len; i++) if (s.charCodeAt(i) !== 48) return null;
  return 'must not be zero';
};

export const hyphen: Linter = (s, at, len) => {
  for (let i = at; i < at + len; i++) if (s.charCodeAt(i) !== 0x2d) return `${quoted(s, at, len)} must be "-"`;
  return null;
};

/** Piece number then total count, each half the length (ITIP): 1 <= piece <= total. */
export const pieceoftotal: Linter = (s, at, len) => {
  if (len % 2 !== 0) return `${quoted(s, at, len)} is not a piece number and total of equal length`;
  const piece = digitsValue(s, at, len / 2);
  const total = digitsValue(s, at + len / 2, len / 2);
  if (piece === 0) return 'piece number must not be 0';
  if (total === 0) return 'total number of pieces must not be 0';
  return piece > total ? `piece ${piece} is more than the total of ${total}` : null;
};

/** Position in a sequence as "n/m" (AI 7258): 1 <= n <= m. */
export const posinseqslash: Linter = (s, at, len) => {
  const bad = `${quoted(s, at, len)} is not a position in a sequence such as 1/2`;
  let slash = -1;
  for (let i = at; i < at + len; i++) {
    if (s.charCodeAt(i) !== 0x2f) continue;
    if (slash >= 0) return bad;
    slash = i;
  }
  if (slash <= at || slash === at + len - 1) return bad;
  const n = digitsValue(s, at, slash - at);
  const m = digitsValue(s, slash + 1, at + len - slash - 1);
  if (n < 1 || m < 1) return bad;
  return n > m ? `position ${n} is beyond the sequence length ${m}` : null;
};

function coordinate(what: string, max: number): Linter {
  // Ten digits: degrees + offset (90 or 180) with seven decimals, so 0 to 2 × offset.
  return (s, at, len) => (len === 10 && digitsValue(s, at, len) <= max ? null : `${quoted(s, at, len)} is not a valid ${what}`);
}

export const latitude = coordinate('latitude (0000000000 to 1800000000)', 1_800_000_000);
export const longitude = coordinate('longitude (0000000000 to 3600000000)', 3_600_000_000);
/** Latitude then longitude, ten digits each (older dictionaries' single check for AI 4309). */
export const latlong: Linter = (s, at, len) =>
  len !== 20 ? `${quoted(s, at, len)} is not a latitude and longitude (20 digits)` : latitude(s, at, 10) ?? longitude(s, at + 10, 10);

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Percent-encoded text: every "%" starts a %XX escape (two hexadecimal digits). */
export const pcenc: Linter = (s, at, len) => {
  for (let i = at; i < at + len; i++) {
    if (s.charCodeAt(i) !== 0x25) continue;
    if (i + 2 >= at + len || !isHex(s.charCodeAt(i + 1)) || !isHex(s.charCodeAt(i + 2))) {
      return `"%" at position ${i - at + 1} does not start a percent-encoded character (%XX)`;
    }
    i += 2;
  }
  return null;
};
