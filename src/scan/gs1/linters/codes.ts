import lists from '../../data/gs1-code-lists.json';
import { codeSet, quoted, type Linter } from './types';

const ISO3166 = codeSet(lists.iso3166);
const ISO3166_ALPHA2 = codeSet(lists.iso3166alpha2);
const ISO4217 = codeSet(lists.iso4217);
const PACKAGE_TYPES = codeSet(lists.packagetype);

function inList(set: ReadonlySet<string>, what: string): Linter {
  return (s, at, len) => (set.has(s.slice(at, at + len)) ? null : `${quoted(s, at, len)} is not ${what}`);
}

export const iso3166 = inList(ISO3166, 'an ISO 3166 numeric country code');
export const iso3166alpha2 = inList(ISO3166_ALPHA2, 'an ISO 3166 two-letter country code');
export const iso4217 = inList(ISO4217, 'an ISO 4217 numeric currency code');
export const packagetype = inList(PACKAGE_TYPES, 'a UN/ECE Recommendation 21 (GS1 PackageTypeCode) package type');

/** An ISO 3166 numeric country code, or 999 (any or unknown country). */
export const iso3166999: Linter = (s, at, len) =>
  len === 3 && s.startsWith('999', at) ? null : iso3166(s, at, len) && `${quoted(s, at, len)} is not an ISO 3166 numeric country code or 999`;

/** A run of ISO 3166 numeric country codes, three digits each. */
export const iso3166list: Linter = (s, at, len) => {
  if (len % 3 !== 0) return `${quoted(s, at, len)} is not a list of three-digit country codes`;
  for (let i = at; i < at + len; i += 3) {
    const bad = iso3166(s, i, 3);
    if (bad) return bad;
  }
  return null;
};

/** ISO/IEC 5218 sex code: 0 not known, 1 male, 2 female, 9 not applicable. */
export const iso5218: Linter = (s, at, len) =>
  len === 1 && '0129'.includes(s[at]!) ? null : `${quoted(s, at, len)} is not an ISO 5218 sex code (0, 1, 2 or 9)`;

const IBAN_MIN = 11;
const IBAN_MAX = 34;

/** International Bank Account Number: country, two check digits, then the account (ISO 13616 mod 97). */
export const iban: Linter = (s, at, len) => {
  if (len < 4) return 'too short for an IBAN';
  if (!ISO3166_ALPHA2.has(s.slice(at, at + 2))) return `IBAN country ${quoted(s, at, 2)} is not an ISO 3166 two-letter country code`;
  if (len > IBAN_MAX) return `an IBAN has at most ${IBAN_MAX} characters`;
  if (len < IBAN_MIN) return 'too short for an IBAN';
  let rest = 0;
  for (let k = 4; k < len + 4; k++) {
    const i = at + (k < len ? k : k - len); // the first four characters are moved to the end
    const c = s.charCodeAt(i);
    const v = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 90 ? c - 55 : -1;
    if (v < 0) return `character "${s[i]}" at position ${i - at + 1} is not allowed in an IBAN (digits and capital letters)`;
    rest = (rest * (v < 10 ? 10 : 100) + v) % 97;
  }
  return rest === 1 ? null : 'the IBAN check digits are wrong';
};

/** AIDC media type (AI 7241): 01 to 10, or 80 to 99 for mutually agreed use. */
export const mediatype: Linter = (s, at, len) => {
  const v = len === 2 ? Number(s.slice(at, at + 2)) : -1;
  return (v >= 1 && v <= 10) || (v >= 80 && v <= 99) ? null : `${quoted(s, at, len)} is not an AIDC media type (01 to 10, 80 to 99)`;
};

/** Importer index of a UIC with extension (AI 7040): one character of 0-9, A-Z, a-z, "-" or "_". */
export const importeridx: Linter = (s, at, len) =>
  len === 1 && /^[0-9A-Za-z_-]$/.test(s[at]!) ? null : `importer index ${quoted(s, at, len)} must be one of 0-9, A-Z, a-z, "-" or "_"`;
